import { Construct } from 'constructs';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { ClusterPlan, StackPlan } from '../plan/types';
import { GatewayApiChannel, gkeClusters, ResolvedGkeCluster, ResolvedTopology } from '../topology/model/types';
import { MESHFLEET_GCP_LABELS } from '../topology/rules/predicates';
import { hasRemoteSecrets, istiodClientRanges, workloadPool } from './derive';
import { AuthorizedNetwork, GkeCluster, GkeClusterProps } from './gke-cluster';
import { MeshfleetStack } from './meshfleet-stack';
import { NodeServiceAccount } from './node-service-account';

const GATEWAY_API_CHANNELS: Record<GatewayApiChannel, string | undefined> = {
  standard: 'CHANNEL_STANDARD',
  experimental: 'CHANNEL_EXPERIMENTAL',
  disabled: undefined,
};

const VULNERABILITY_MODES: Record<ResolvedGkeCluster['vulnerabilityScanning'], GkeClusterProps['vulnerabilityMode']> = {
  disabled: 'VULNERABILITY_DISABLED',
  enterprise: 'VULNERABILITY_ENTERPRISE',
};

/** Props of {@link ClustersStack}. */
export interface ClustersStackProps {
  /** Reserved NAT addresses (from the network stack) and their names, allow-listed on private control planes. */
  readonly natAddresses: ReadonlyArray<{ readonly region: string; readonly name: string; readonly address: string }>;
  /** The plan of the stack: a GKE cluster for each planned `google_container_cluster` (see `planTerraform`). */
  readonly stack: StackPlan;
  /** The plan of each cluster folder, for the Gateway API channel it needs (`ClusterPlan.gatewayApi`). */
  readonly clusters: readonly ClusterPlan[];
}

/**
 * Second stack: the GKE clusters, their node pools (which wait for the node service account's
 * IAM grants) and that account, and the clusters' global fleet memberships. Its APIs are enabled
 * by the network stack, applied first.
 *
 * In an in-cluster multi-cluster mesh, istiod reads the other clusters' API servers through
 * their private endpoints (`istioctl create-remote-secret --server`): the primaries' pod ranges
 * are authorized networks, and mesh clusters accept those calls from every region.
 *
 * Public clusters (unless `authorizedNetworks: false`) restrict their endpoint to every region's
 * reserved NAT address and the operator ranges: pods of private clusters (istiod reading a public
 * mesh member, CI runners) leave the VPC through their region's NAT address, hence all regions'.
 * Pod ranges are left out there: the public endpoint never sees them.
 */
export class ClustersStack extends MeshfleetStack {
  constructor(scope: Construct, id: string, model: ResolvedTopology, props: ClustersStackProps) {
    super(scope, id, { projectId: model.project.id, topologyName: model.name, backend: model.terraform.backend });
    const nodes = new NodeServiceAccount(this, 'node-service-account', {
      projectId: model.project.id,
      accountId: model.project.nodeServiceAccount,
      displayName: `GKE nodes of ${model.name} (meshfleet)`,
    });
    const meshLabel = this.meshIdLabel(model);
    const publicEndpointNetworks: AuthorizedNetwork[] = [
      ...props.natAddresses.map((n) => ({ cidrBlock: `${n.address}/32`, displayName: n.name })),
      ...model.operatorCidrs.map((cidr) => ({ cidrBlock: cidr, displayName: `operator ${cidr}` })),
    ];
    const privateClusterNetworks: AuthorizedNetwork[] = [
      ...publicEndpointNetworks,
      ...istiodClientRanges(model).map((cidr) => ({ cidrBlock: cidr, displayName: `istiod pods ${cidr}` })),
    ];
    const remoteSecrets = hasRemoteSecrets(model);
    const planned = new Set(props.stack.resources.filter((r) => r.type === 'google_container_cluster').map((r) => r.path[0]));
    for (const c of gkeClusters(model).filter((g) => planned.has(g.name))) {
      new GkeCluster(this, c.name, {
        name: c.name,
        zone: c.zone,
        network: model.network.name,
        subnetwork: c.subnet,
        workloadPool: workloadPool(model),
        private: c.private,
        masterCidr: c.masterCidr,
        authorizedNetworks: c.private ? privateClusterNetworks : c.authorizedNetworks ? publicEndpointNetworks : undefined,
        controlPlaneGlobalAccess: remoteSecrets && c.meshInstall !== undefined,
        podCidr: c.podCidr,
        machineType: c.nodePool.machineType,
        minNodes: c.nodePool.minNodes,
        maxNodes: c.nodePool.maxNodes,
        initialNodes: c.nodePool.initialNodes,
        nodeServiceAccount: nodes.account.email,
        nodePoolDependsOn: nodes.grants,
        gatewayApiChannel: GATEWAY_API_CHANNELS[props.clusters.find((p) => p.name === c.name)?.gatewayApi ?? 'disabled'],
        fleetProject: c.fleet ? model.project.id : undefined,
        releaseChannel: c.releaseChannel,
        labels: c.meshMember && meshLabel ? { ...c.labels, [MESHFLEET_GCP_LABELS.meshId]: meshLabel } : c.labels,
        deletionProtection: c.deletionProtection,
        dataplaneV2: c.dataplaneV2,
        vulnerabilityMode: VULNERABILITY_MODES[c.vulnerabilityScanning],
      });
    }
  }

  /** `proj-<project number>` for a fleet-managed mesh, looked up when the topology omits it. */
  private meshIdLabel(model: ResolvedTopology): string | undefined {
    if (model.mesh?.management !== 'fleet') return undefined;
    const number = model.project.number ?? new DataGoogleProject(this, 'project', { projectId: model.project.id }).number;
    return `proj-${number}`;
  }
}
