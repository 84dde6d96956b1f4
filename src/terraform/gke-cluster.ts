import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { GkeHubMembership } from '@cdktf/provider-google/lib/gke-hub-membership';
import { assume } from '../topology/rules/assume';
import { FLEET_MEMBERSHIP_LOCATION } from './fleet-membership';

/** An address range allowed to reach the control plane. */
export interface AuthorizedNetwork {
  readonly cidrBlock: string;
  readonly displayName: string;
}

/** Props of {@link GkeCluster}. */
export interface GkeClusterProps {
  /** Cluster name; also the fleet membership ID. */
  readonly name: string;
  /** Zone of the (zonal) cluster. */
  readonly zone: string;
  /** VPC network name or self link. */
  readonly network: string;
  /** @default the network's subnet in the zone's region chosen by GKE */
  readonly subnetwork?: string;
  /** Workload Identity pool, `<project>.svc.id.goog`. */
  readonly workloadPool: string;
  /** Private nodes with a public endpoint limited to `authorizedNetworks`. */
  readonly private: boolean;
  /** Control-plane range of a private cluster (a /28). Required when `private`. */
  readonly masterCidr?: string;
  /**
   * Networks allowed to reach the control plane (master authorized networks). A private cluster
   * always restricts its endpoint; a public one only when this is given.
   * @default private clusters: [] (only Google's internal ranges and the cluster's own nodes);
   * public clusters: no restriction (any address)
   */
  readonly authorizedNetworks?: readonly AuthorizedNetwork[];
  /**
   * Let clients in any region of the VPC reach the private endpoint of a private cluster
   * (istiod of a cluster in another region, in an in-cluster multi-cluster mesh).
   * @default false (clients in the cluster's region only)
   */
  readonly controlPlaneGlobalAccess?: boolean;
  /** @default chosen by GKE */
  readonly podCidr?: string;
  /** Machine type of the nodes, e.g. `e2-standard-4`. */
  readonly machineType: string;
  /** Minimum nodes per zone. */
  readonly minNodes: number;
  /** Maximum nodes per zone. */
  readonly maxNodes: number;
  /** Nodes per zone at creation. */
  readonly initialNodes: number;
  /** Node service account email. @default the Compute Engine default service account */
  readonly nodeServiceAccount?: string;
  /**
   * What the node pool waits for: the node service account's IAM grants, without which new
   * nodes cannot pull images or write logs and metrics.
   * @default nothing
   */
  readonly nodePoolDependsOn?: readonly ITerraformDependable[];
  /**
   * Gateway API channel, e.g. `CHANNEL_STANDARD`.
   * @default Gateway API disabled
   */
  readonly gatewayApiChannel?: string;
  /**
   * Project of the fleet to register the cluster to, with a global membership named after the
   * cluster (as `gcloud container fleet memberships register --enable-workload-identity` does).
   * @default not registered
   */
  readonly fleetProject?: string;
  /** GKE release channel, e.g. `REGULAR`. */
  readonly releaseChannel: string;
  /** @default {} */
  readonly labels?: Record<string, string>;
  /** Keep Terraform from deleting the cluster. */
  readonly deletionProtection: boolean;
  /**
   * GKE Dataplane V2 (`ADVANCED_DATAPATH`, eBPF), which enforces Kubernetes NetworkPolicy
   * without the Calico add-on. Changing it on an existing cluster replaces the cluster.
   */
  readonly dataplaneV2: boolean;
  /**
   * Workload vulnerability scanning of the security posture (`vulnerability_mode`):
   * `VULNERABILITY_DISABLED` or `VULNERABILITY_ENTERPRISE` (GKE refuses the deprecated `VULNERABILITY_BASIC`).
   */
  readonly vulnerabilityMode: 'VULNERABILITY_DISABLED' | 'VULNERABILITY_ENTERPRISE';
}

/** Logs sent to Cloud Logging: system components and workloads (GKE's own default, set explicitly). */
export const CLUSTER_LOGGING_COMPONENTS: readonly string[] = ['SYSTEM_COMPONENTS', 'WORKLOADS'];
/** Metrics sent to Cloud Monitoring: system components (GKE's own default, set explicitly). */
export const CLUSTER_MONITORING_COMPONENTS: readonly string[] = ['SYSTEM_COMPONENTS'];

/**
 * A zonal VPC-native GKE cluster with Workload Identity and one autoscaled node pool
 * (shielded nodes, GKE metadata server, auto repair and upgrade) in place of the default pool.
 * Private clusters get private nodes and a public endpoint restricted to authorized networks;
 * public clusters get that restriction when given authorized networks.
 *
 * Hardened control plane (GKE hardening guide, CIS GKE Benchmark): Dataplane V2 with network
 * policy enforcement, legacy ABAC explicitly off, the basic security posture (configuration
 * audit) with the workload vulnerability scanning the props ask for, and explicit Cloud Logging / Cloud Monitoring components.
 * Binary Authorization is left to the project's own policy.
 *
 * A fleet cluster gets a *global* `google_gke_hub_membership` (ID = cluster name, Workload
 * Identity issuer of the cluster), not the cluster's `fleet {}` block, which would make a
 * regional membership: seed 000 registers global memberships and enables multi-cluster ingress
 * with `--config-membership=projects/<project>/locations/global/memberships/<cluster>`.
 */
export class GkeCluster extends Construct {
  public readonly cluster: ContainerCluster;
  public readonly nodePool: ContainerNodePool;
  /** The cluster's fleet membership, when it is registered. */
  public readonly membership?: GkeHubMembership;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id);
    const isPrivate = props.private;
    assume(!isPrivate || Boolean(props.masterCidr), 'gke-cluster.master-cidr', `private cluster ${props.name} has no masterCidr`);
    const { minNodes, maxNodes } = props;
    assume(minNodes <= maxNodes, 'gke-cluster.node-range', `cluster ${props.name}: minNodes ${minNodes} > maxNodes ${maxNodes}`);
    this.cluster = new ContainerCluster(this, 'cluster', {
      name: props.name,
      location: props.zone,
      network: props.network,
      subnetwork: props.subnetwork,
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: { stackType: 'IPV4', clusterIpv4CidrBlock: props.podCidr },
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      workloadIdentityConfig: { workloadPool: props.workloadPool },
      releaseChannel: { channel: props.releaseChannel },
      resourceLabels: props.labels && Object.keys(props.labels).length > 0 ? props.labels : undefined,
      deletionProtection: props.deletionProtection,
      privateClusterConfig: isPrivate
        ? {
            enablePrivateNodes: true,
            enablePrivateEndpoint: false,
            masterIpv4CidrBlock: props.masterCidr,
            ...(props.controlPlaneGlobalAccess ? { masterGlobalAccessConfig: { enabled: true } } : {}),
          }
        : undefined,
      masterAuthorizedNetworksConfig: isPrivate || props.authorizedNetworks !== undefined ? { cidrBlocks: (props.authorizedNetworks ?? []).map((n) => ({ ...n })) } : undefined,
      gatewayApiConfig: props.gatewayApiChannel ? { channel: props.gatewayApiChannel } : undefined,
      datapathProvider: props.dataplaneV2 ? 'ADVANCED_DATAPATH' : 'LEGACY_DATAPATH',
      enableLegacyAbac: false,
      securityPostureConfig: { mode: 'BASIC', vulnerabilityMode: props.vulnerabilityMode },
      loggingConfig: { enableComponents: [...CLUSTER_LOGGING_COMPONENTS] },
      monitoringConfig: { enableComponents: [...CLUSTER_MONITORING_COMPONENTS] },
    });
    this.nodePool = new ContainerNodePool(this, 'node-pool', {
      name: 'primary-pool',
      cluster: this.cluster.name,
      location: props.zone,
      initialNodeCount: props.initialNodes,
      autoscaling: { minNodeCount: minNodes, maxNodeCount: maxNodes },
      management: { autoRepair: true, autoUpgrade: true },
      nodeConfig: {
        machineType: props.machineType,
        serviceAccount: props.nodeServiceAccount,
        oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        workloadMetadataConfig: { mode: 'GKE_METADATA' },
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      },
      dependsOn: props.nodePoolDependsOn === undefined ? undefined : [...props.nodePoolDependsOn],
    });
    if (props.fleetProject) {
      this.membership = new GkeHubMembership(this, 'membership', {
        project: props.fleetProject,
        membershipId: props.name,
        location: FLEET_MEMBERSHIP_LOCATION,
        endpoint: { gkeCluster: { resourceLink: `//container.googleapis.com/${this.cluster.id}` } },
        authority: { issuer: `https://container.googleapis.com/v1/${this.cluster.id}` },
      });
    }
  }
}
