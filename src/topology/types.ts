/**
 * The topology model: what a user writes (`*Input` types, most fields optional) and what
 * every generator reads (`Resolved*` types, every default filled in by `resolveTopology`).
 *
 * Plain data only: this folder imports neither cdktf nor cdk8s.
 */

/** Whether a cluster runs workloads or only holds fleet-wide configuration (MCI / MCG). */
export type ClusterRole = 'workload' | 'config';

/** GKE Gateway API channel; `disabled` leaves the Gateway API CRDs off the cluster. */
export type GatewayApiChannel = 'standard' | 'experimental' | 'disabled';

/** GKE release channel of a cluster. */
export type ReleaseChannel = 'RAPID' | 'REGULAR' | 'STABLE' | 'UNSPECIFIED';

/** How the service mesh control plane reaches the clusters. */
export type MeshManagement = 'fleet' | 'in-cluster';

/** Where Terraform keeps state for the synthesized stacks. */
export type BackendType = 'local' | 'gcs';

/** The Google Cloud project that holds every resource. */
export interface ProjectInput {
  /** Project ID, e.g. `my-platform-prod`. */
  readonly id: string;
  /**
   * Project number. Used for the `mesh_id` cluster label (`proj-<number>`).
   * @default looked up by Terraform with the `google_project` data source
   */
  readonly number?: string;
}

/** A subnet that meshfleet creates in a named (custom-mode) VPC. */
export interface SubnetInput {
  readonly name: string;
  readonly region: string;
  /** Primary IPv4 range, e.g. `10.10.0.0/20`. */
  readonly cidr: string;
}

/** The VPC network the clusters run in. */
export interface NetworkInput {
  /**
   * VPC name.
   * @default "default" (the project's auto-mode default network, which meshfleet does not manage)
   */
  readonly name?: string;
  /**
   * Subnets of a custom-mode VPC. When any is given meshfleet creates the network (without
   * auto subnets) and these subnets; when none is given the network is only referenced.
   * @default [] (reference an existing network)
   */
  readonly subnets?: SubnetInput[];
}

/** Cloud NAT for one region. */
export interface NatInput {
  /**
   * Create a reserved external address, a Cloud Router and a Cloud NAT in this region.
   * @default true in a region that hosts a private cluster, false elsewhere
   */
  readonly enabled?: boolean;
  /**
   * Which NAT events Cloud Logging records.
   * @default "ALL"
   */
  readonly logFilter?: 'ALL' | 'ERRORS_ONLY' | 'TRANSLATIONS_ONLY';
}

/** Per-region settings. Regions that only host clusters need no entry. */
export interface RegionInput {
  /** Region name, e.g. `us-west1`. */
  readonly name: string;
  /** Cloud NAT in this region. */
  readonly nat?: NatInput;
  /**
   * Range of the `GLOBAL_MANAGED_PROXY` proxy-only subnet that cross-region internal
   * load balancers need in every region where they have a frontend or backend.
   * @default none (no proxy-only subnet)
   */
  readonly proxyOnlySubnet?: string;
}

/** The node pool of a cluster. */
export interface NodePoolInput {
  /** @default "e2-standard-4" */
  readonly machineType?: string;
  /** Minimum nodes per zone. @default 3 */
  readonly minNodes?: number;
  /** Maximum nodes per zone. @default 5 */
  readonly maxNodes?: number;
  /** Nodes per zone at creation. @default minNodes */
  readonly initialNodes?: number;
}

/** One GKE cluster. */
export interface ClusterInput {
  /** Cluster name, also its fleet membership ID and its folder name under `dist/k8s/`. */
  readonly name: string;
  /** Compute zone, e.g. `us-west2-a`. The cluster is zonal. */
  readonly zone: string;
  /**
   * Region of the zone. Optional; when given it must contain the zone.
   * @default derived from the zone
   */
  readonly region?: string;
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
  /** Control-plane range of a private cluster: an unused RFC 1918 `/28`. Required when private. */
  readonly masterCidr?: string;
  /**
   * Pod range (secondary range managed by GKE). When every cluster declares one, the
   * pod-to-pod firewall rule uses these ranges instead of `10.0.0.0/8`.
   * @default chosen by GKE from 10.0.0.0/8
   */
  readonly podCidr?: string;
  /** Subnet of a custom-mode VPC in the cluster's region. @default the network's default subnet */
  readonly subnet?: string;
  /** The cluster's node pool. */
  readonly nodePool?: NodePoolInput;
  /** @default "disabled" */
  readonly gatewayApi?: GatewayApiChannel;
  /** Register the cluster to the project's fleet. @default true */
  readonly fleet?: boolean;
  /** @default "REGULAR" */
  readonly releaseChannel?: ReleaseChannel;
  /** Extra GCP resource labels. @default {} */
  readonly labels?: Record<string, string>;
  /**
   * Keep Terraform from deleting the cluster.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/** The service mesh. Absent when the topology runs no mesh. */
export interface MeshInput {
  /**
   * `fleet`: Cloud Service Mesh managed through the fleet (automatic management);
   * `in-cluster`: a control plane installed into each cluster with `istioctl`.
   */
  readonly management: MeshManagement;
  /**
   * Revision of an in-cluster control plane, e.g. `asm-186-8`.
   * @default none (the default revision)
   */
  readonly revision?: string;
  /**
   * Version of an in-cluster control plane, e.g. `1.8.6`; decides the Istio API versions.
   * @default the current Istio release line
   */
  readonly version?: string;
}

/** Fleet features. */
export interface FleetInput {
  /**
   * Name of the cluster that holds MultiClusterIngress / multi-cluster Gateway resources.
   * Enables the multi-cluster ingress feature.
   * @default none (feature off)
   */
  readonly configCluster?: string;
  /**
   * Enable multi-cluster services (ServiceExport / ServiceImport) and its IAM grant.
   * @default false
   */
  readonly multiClusterServices?: boolean;
}

/** One frontend address of a multi-cluster Gateway. */
export interface GatewayAddressInput {
  /** Region of the frontend. It needs a proxy-only subnet. */
  readonly region: string;
  /**
   * Name of a static internal address that meshfleet reserves in the region's subnet.
   * @default none (an ephemeral address)
   */
  readonly staticAddress?: string;
}

/** A multi-cluster Gateway whose addresses the platform provides. */
export interface GatewayInput {
  readonly name: string;
  readonly namespace: string;
  /** GatewayClass, e.g. `gke-l7-cross-regional-internal-managed-mc`. */
  readonly className: string;
  readonly addresses: GatewayAddressInput[];
}

/** Terraform state location. */
export interface BackendInput {
  /**
   * `local`: a state file per stack beside the stack (relative paths only);
   * `gcs`: a Cloud Storage bucket.
   * @default "local"
   */
  readonly type?: BackendType;
  /** Bucket of the `gcs` backend. Required for `gcs`. */
  readonly bucket?: string;
  /** Prefix of the `gcs` backend; the stack name is appended. @default "meshfleet" */
  readonly prefix?: string;
}

/** The whole topology file. */
export interface TopologyInput {
  /** Name of the topology, used in descriptions and labels. */
  readonly name: string;
  readonly project: ProjectInput;
  readonly network?: NetworkInput;
  readonly regions?: RegionInput[];
  /**
   * Operator CIDRs (admin workstations, Cloud Shell, CI) allowed to reach the control planes of
   * private clusters, besides the NAT addresses.
   * @default []
   */
  readonly operatorCidrs?: string[];
  readonly clusters: ClusterInput[];
  readonly mesh?: MeshInput;
  readonly fleet?: FleetInput;
  readonly gateways?: GatewayInput[];
  readonly terraform?: { readonly backend?: BackendInput };
}

// ---------------------------------------------------------------------------------------------
// Resolved model: every default filled in, derived values computed once.
// ---------------------------------------------------------------------------------------------

export interface ResolvedNodePool {
  readonly machineType: string;
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly initialNodes: number;
}

export interface ResolvedCluster {
  readonly name: string;
  readonly zone: string;
  readonly region: string;
  readonly role: ClusterRole;
  readonly private: boolean;
  readonly masterCidr?: string;
  readonly podCidr?: string;
  readonly subnet?: string;
  readonly nodePool: ResolvedNodePool;
  readonly gatewayApi: GatewayApiChannel;
  readonly fleet: boolean;
  readonly releaseChannel: ReleaseChannel;
  readonly labels: Readonly<Record<string, string>>;
  readonly deletionProtection: boolean;
  /** True when the cluster is a member of the service mesh (workload clusters with a mesh). */
  readonly meshMember: boolean;
}

export interface ResolvedRegion {
  readonly name: string;
  readonly nat?: { readonly logFilter: 'ALL' | 'ERRORS_ONLY' | 'TRANSLATIONS_ONLY' };
  readonly proxyOnlySubnet?: string;
}

export interface ResolvedMesh {
  readonly management: MeshManagement;
  readonly revision?: string;
  readonly version?: string;
}

export interface ResolvedGateway {
  readonly name: string;
  readonly namespace: string;
  readonly className: string;
  readonly addresses: ReadonlyArray<{ readonly region: string; readonly staticAddress?: string }>;
}

export type ResolvedBackend =
  | { readonly type: 'local' }
  | { readonly type: 'gcs'; readonly bucket: string; readonly prefix: string };

export interface ResolvedTopology {
  readonly name: string;
  readonly project: { readonly id: string; readonly number?: string };
  readonly network: { readonly name: string; readonly subnets: ReadonlyArray<Required<SubnetInput>> };
  /** Declared regions first (in file order), then regions that only host clusters. */
  readonly regions: ReadonlyArray<ResolvedRegion>;
  readonly operatorCidrs: ReadonlyArray<string>;
  readonly clusters: ReadonlyArray<ResolvedCluster>;
  readonly mesh?: ResolvedMesh;
  readonly fleet: { readonly configCluster?: string; readonly multiClusterServices: boolean };
  readonly gateways: ReadonlyArray<ResolvedGateway>;
  readonly terraform: { readonly backend: ResolvedBackend };
}
