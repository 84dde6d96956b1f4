/** The whole topology file, and its top-level sections that have no file of their own. */

import type { AppInput } from './app';
import type { ClusterInput } from './cluster';
import type { DnsLabel, Ipv4Cidr } from './formats';
import type { GatewayInput } from './gateway';
import type { GitOpsInput } from './gitops';
import type { MultiClusterIngressInput } from './ingress';
import type { MeshInput } from './mesh';
import type { NetworkInput, ProjectInput, RegionInput } from './network';

/**
 * A Cloud Storage bucket name, e.g. `my-terraform-state`.
 * @title bucket name
 * @predicate GCS_BUCKET
 */
export type GcsBucket = string;

/**
 * A Cloud Storage object prefix, e.g. `meshfleet/prod`.
 * @title object prefix
 * @predicate GCS_PREFIX
 */
export type GcsPrefix = string;

/** Where Terraform keeps state for the synthesized stacks. */
export type BackendType = 'local' | 'gcs';

/** Terraform state location. */
export interface BackendInput {
  /**
   * `local`: a state file per stack in `terraform-state/<topology name>/` beside the output
   * folder, outside it (relative paths only);
   * `gcs`: a Cloud Storage bucket.
   * @default "local"
   */
  readonly type?: BackendType;
  /** Bucket of the `gcs` backend. Required for `gcs`. */
  readonly bucket?: GcsBucket;
  /**
   * Prefix of the `gcs` backend; the stack name is appended.
   * @default "meshfleet"
   */
  readonly prefix?: GcsPrefix;
}

/** Settings of the synthesized Terraform. */
export interface TerraformInput {
  /**
   * Where Terraform keeps state.
   * @default a local state file per stack
   */
  readonly backend?: BackendInput;
}

/** Fleet features. */
export interface FleetInput {
  /**
   * Name of the cluster that holds MultiClusterIngress / multi-cluster Gateway resources.
   * Enables the multi-cluster ingress feature.
   * @default none (feature off)
   */
  readonly configCluster?: DnsLabel;
  /**
   * Enable multi-cluster services (ServiceExport / ServiceImport) and its IAM grant.
   * @default false
   */
  readonly multiClusterServices?: boolean;
}

/** A meshfleet topology file (YAML or JSON): what 'meshfleet synth' turns into Terraform and Kubernetes files. */
export interface TopologyInput {
  /** Name of the topology, used in descriptions, labels and default resource names, e.g. `boutique`. */
  readonly name: DnsLabel;
  /** The Google Cloud project that holds every resource. */
  readonly project: ProjectInput;
  /**
   * The VPC network the clusters run in.
   * @default the project's `default` network, referenced only
   */
  readonly network?: NetworkInput;
  /**
   * Per-region settings (Cloud NAT, proxy-only subnets). Regions that only host clusters need no entry.
   * @default []
   */
  readonly regions?: RegionInput[];
  /**
   * Operator CIDRs (admin workstations, Cloud Shell, CI) allowed to reach the control planes of
   * private clusters, besides the NAT addresses. Each is a /16 or narrower, whatever the clusters.
   * @default []
   */
  readonly operatorCidrs?: Ipv4Cidr[];
  /**
   * The clusters, in order (the order of the output folders and stacks).
   * @minItems 1
   */
  readonly clusters: ClusterInput[];
  /**
   * The service mesh.
   * @default none (no mesh)
   */
  readonly mesh?: MeshInput;
  /**
   * Multi-cluster ingress objects in the config cluster.
   * @default none
   */
  readonly multiClusterIngress?: MultiClusterIngressInput;
  /**
   * Applications: namespaces and their workloads.
   * @default []
   */
  readonly apps?: AppInput[];
  /**
   * Fleet features: the config cluster, multi-cluster services.
   * @default none (features off)
   */
  readonly fleet?: FleetInput;
  /**
   * Multi-cluster Gateways in the config cluster.
   * @default []
   */
  readonly gateways?: GatewayInput[];
  /**
   * Settings of the synthesized Terraform.
   * @default local state
   */
  readonly terraform?: TerraformInput;
  /**
   * Argo CD or Config Sync objects that sync each cluster's folder from Git.
   * @default none (no gitops/ folder)
   */
  readonly gitops?: GitOpsInput;
}
