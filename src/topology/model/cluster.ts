/** Clusters: GKE clusters that meshfleet's Terraform creates, or existing ones that only get Kubernetes files. */

import type { ClusterName, DnsLabel, GcpLabels, Ipv4Cidr, MachineType, NonEmptyLabelValue, Region, Replicas, Zone } from './formats';
import type { ExtraObjectInput, ObjectPatchInput } from './extras';

/**
 * A Kubernetes version, e.g. `1.29` or `1.18.20`.
 * @title Kubernetes version such as 1.29
 * @predicate KUBERNETES_VERSION
 */
export type KubernetesVersion = string;

/** Whether a cluster runs workloads or only holds fleet-wide configuration (MCI / MCG). */
export type ClusterRole = 'workload' | 'config';

/**
 * A cluster's Gateway API setting: a GKE Gateway API channel (`disabled` leaves the Gateway API
 * CRDs off the cluster), or `auto` (`standard` when meshfleet puts Gateway API objects into the
 * cluster, `disabled` otherwise).
 */
export type GatewayApiSetting = 'auto' | 'standard' | 'experimental' | 'disabled';

/** A GKE Gateway API channel, as `gateway_api_config` takes it. */
export type GatewayApiChannel = Exclude<GatewayApiSetting, 'auto'>;

/**
 * Workload vulnerability scanning of GKE's security posture (`security_posture_config.vulnerability_mode`):
 * `disabled` (`VULNERABILITY_DISABLED`) or `enterprise` (`VULNERABILITY_ENTERPRISE`, advanced
 * vulnerability insights). GKE no longer supports basic scanning (`VULNERABILITY_BASIC` is deprecated).
 */
export type VulnerabilityScanning = 'disabled' | 'enterprise';

/** GKE release channel of a cluster. */
export type ReleaseChannel = 'RAPID' | 'REGULAR' | 'STABLE' | 'UNSPECIFIED';

/**
 * Where a cluster runs: `gke` clusters are created by meshfleet's Terraform; `external`
 * clusters already exist elsewhere (GKE on VMware, another cloud) and only get Kubernetes files.
 */
export type ClusterPlatform = 'gke' | 'external';

/** The node pool of a GKE cluster (`google_container_node_pool` `primary-pool`, autoscaled). */
export interface NodePoolInput {
  /**
   * Compute Engine machine type of the nodes.
   * @default "e2-standard-4"
   */
  readonly machineType?: MachineType;
  /**
   * Minimum nodes per zone (autoscaling `min_node_count`).
   * @default 3
   */
  readonly minNodes?: Replicas;
  /**
   * Maximum nodes per zone (autoscaling `max_node_count`).
   * @minimum 1
   * @default 5
   */
  readonly maxNodes?: Replicas;
  /**
   * Nodes per zone at creation (`initial_node_count`).
   * @default minNodes
   */
  readonly initialNodes?: Replicas;
}

/**
 * One cluster. GKE clusters (the default) are created by the Terraform stacks; `external`
 * clusters exist already and take only `name`, `role`, `shortName`, `platform`, `meshNetwork` and `kubernetesVersion`.
 */
export interface ClusterInput {
  /** Cluster name, also its fleet membership ID, its Istio cluster name and its folder name under `dist/k8s/`, e.g. `gke-west-1`. */
  readonly name: ClusterName;
  /**
   * `gke`: created by meshfleet's Terraform; `external`: an existing cluster (GKE on VMware,
   * another cloud) that only gets Kubernetes files and mesh install inputs.
   * @default "gke"
   */
  readonly platform?: ClusterPlatform;
  /**
   * Istio network of the cluster (`topology.istio.io/network`, `values.global.network`) in an
   * in-cluster mesh. Clusters on different networks reach each other through east-west gateways.
   * @default the VPC name (`network.name`) for a GKE cluster, the cluster name for an external one
   */
  readonly meshNetwork?: NonEmptyLabelValue;
  /**
   * External clusters: the Kubernetes version the cluster runs, e.g. `1.18`; checked against the
   * Kubernetes versions the in-cluster mesh version supports (a GKE cluster's version follows its
   * release channel).
   * @default unknown (validate warns that the mesh's Kubernetes range cannot be checked)
   */
  readonly kubernetesVersion?: KubernetesVersion;
  /** Compute zone, e.g. `us-west2-a`. The cluster is zonal. Required for GKE clusters. */
  readonly zone?: Zone;
  /**
   * Region of the zone. Optional; when given it must contain the zone.
   * @default derived from the zone
   */
  readonly region?: Region;
  /**
   * `workload` clusters run the applications and join the mesh; a `config` cluster only holds
   * multi-cluster ingress or gateway resources.
   * @default "workload"
   */
  readonly role?: ClusterRole;
  /**
   * Private nodes (no external IPs) with a public control-plane endpoint restricted to the
   * authorized networks.
   * @default true
   */
  readonly private?: boolean;
  /** Control-plane range of a private cluster: an unused RFC 1918 `/28`, e.g. `172.16.0.0/28`. Required when private. */
  readonly masterCidr?: Ipv4Cidr;
  /**
   * Pod range (secondary range managed by GKE). When every cluster declares one, the
   * pod-to-pod firewall rule uses these ranges instead of `10.0.0.0/8`. Required on an in-cluster
   * mesh primary that reads another private GKE member (istiod calls its private endpoint).
   * @default chosen by GKE from 10.0.0.0/8
   */
  readonly podCidr?: Ipv4Cidr;
  /**
   * Subnet of a custom-mode VPC (`network.subnets[].name`) in the cluster's region.
   * @default the network's default subnet
   */
  readonly subnet?: DnsLabel;
  /**
   * The cluster's node pool.
   * @default each field's default
   */
  readonly nodePool?: NodePoolInput;
  /**
   * GKE Gateway API channel (`gateway_api_config.channel`): `standard` installs the Gateway API
   * CRDs and GKE's GatewayClasses (needed by multi-cluster Gateways and GAMMA routes). `auto`
   * takes `standard` when meshfleet puts Gateway API objects (Gateways, HTTPRoutes, GRPCRoutes)
   * into the cluster and `disabled` otherwise; `disabled` on a cluster that gets such objects
   * is refused, since `kubectl apply` would fail on kinds the cluster does not know.
   * @default "auto"
   */
  readonly gatewayApi?: GatewayApiSetting;
  /**
   * Short name used in per-cluster Service names (`store-west-1`).
   * @default the name without a leading `gke-`
   */
  readonly shortName?: DnsLabel;
  /**
   * Register the cluster to the project's fleet (a fleet membership named after the cluster),
   * which fleet-managed meshes, multi-cluster ingress and multi-cluster services need.
   * @default true
   */
  readonly fleet?: boolean;
  /**
   * GKE release channel, which decides the Kubernetes version and automatic upgrades.
   * @default "REGULAR"
   */
  readonly releaseChannel?: ReleaseChannel;
  /**
   * Extra Google Cloud resource labels of the cluster (`resource_labels`), e.g. `{ team: platform }`.
   * @default {}
   */
  readonly labels?: GcpLabels;
  /**
   * Keep Terraform from deleting the cluster.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * GKE Dataplane V2 (eBPF datapath that enforces Kubernetes NetworkPolicy), as the GKE hardening
   * guide recommends. `false` keeps the legacy datapath (no NetworkPolicy enforcement without
   * the Calico add-on). Changing it on an existing cluster replaces the cluster.
   * @default true
   */
  readonly dataplaneV2?: boolean;
  /**
   * Public clusters (`private: false`): restrict the control-plane endpoint to the authorized
   * networks (every region's reserved NAT address and `operatorCidrs`), as CIS GKE Benchmark
   * "Ensure Control Plane Authorized Networks is Enabled" asks. `false` leaves the endpoint open to
   * any address (credentials still required). Private clusters always restrict their endpoint,
   * so they take no `false`.
   * @default true
   */
  readonly authorizedNetworks?: boolean;
  /**
   * Workload vulnerability scanning of the cluster's security posture. `enterprise` scans the
   * images and language packages of running workloads (GKE's advanced vulnerability insights,
   * billed); `disabled` leaves scanning off, the only other mode GKE still supports.
   * @default "disabled"
   */
  readonly vulnerabilityScanning?: VulnerabilityScanning;
  /**
   * Kubernetes objects written as given into the cluster's `extra-objects.yaml` (escape hatch;
   * see the README); a namespaced object names its namespace.
   * @default []
   */
  readonly extraObjects?: ExtraObjectInput[];
  /**
   * Patches on the objects meshfleet generates in this cluster (escape hatch; see the README).
   * @default []
   */
  readonly patches?: ObjectPatchInput[];
}
