import { isMultiClusterGatewayClass, ProxyOnlyPurpose, proxyOnlyPurposes } from '../topology/model/gateway-classes';
import { gkeClusters, ResolvedGkeCluster, ResolvedTopology } from '../topology/model/types';

/** The range GKE picks pod ranges from when a cluster declares none. */
export const GKE_DEFAULT_POD_SUPERNET = '10.0.0.0/8';

/**
 * The Google Cloud APIs that the resources of all three stacks call, sorted: Compute Engine
 * (network, NAT, firewall, addresses), GKE, IAM (the node service account), Resource Manager
 * (project IAM grants, the `google_project` data source), GKE Hub (memberships and fleet
 * features) and each fleet feature's own APIs, as GKE's setup guides enable them: Multi Cluster
 * Ingress and multi-cluster Gateways `multiclusteringress` and `multiclusterservicediscovery`
 * (multi-cluster Gateways also `trafficdirector`), multi-cluster Services
 * `multiclusterservicediscovery`, `trafficdirector` and `dns`, a fleet-managed mesh `mesh`.
 * `anthos` (GKE Enterprise billing) only when the project asks for it (`project.gkeEnterprise`):
 * none of these features needs it, Multi Cluster Ingress is billed standalone without it.
 */
export function requiredServices(model: ResolvedTopology): string[] {
  const services = new Set<string>();
  const add = (...names: string[]): void => names.forEach((n) => services.add(`${n}.googleapis.com`));
  add('compute', 'container', 'iam', 'cloudresourcemanager');
  const multiClusterGateways = model.gateways.some((g) => isMultiClusterGatewayClass(g.className));
  const fleetFeatures = model.mesh?.management === 'fleet' || model.fleet.configCluster !== undefined || model.fleet.multiClusterServices;
  if (gkeClusters(model).some((c) => c.fleet) || fleetFeatures) add('gkehub');
  if (model.mesh?.management === 'fleet') add('mesh');
  if (model.fleet.configCluster !== undefined) add('multiclusteringress', 'multiclusterservicediscovery');
  if (model.fleet.multiClusterServices) add('multiclusterservicediscovery', 'trafficdirector', 'dns');
  if (multiClusterGateways) add('trafficdirector');
  if (model.project.gkeEnterprise) add('anthos');
  return [...services].sort();
}

/** GKE clusters whose pods talk to each other across clusters (the mesh members). */
function meshClusters(model: ResolvedTopology): ResolvedGkeCluster[] {
  return gkeClusters(model).filter((c) => c.meshMember);
}

/**
 * Source ranges of the pod-to-pod and control-plane-to-pod firewall rule: the declared pod
 * ranges of the mesh clusters (or GKE's default pod supernet when any is unknown), then every
 * private control-plane range. Empty when the topology has no mesh.
 */
export function meshFirewallRanges(model: ResolvedTopology): string[] {
  const members = meshClusters(model);
  if (members.length === 0) return [];
  const pods = members.every((c) => c.podCidr !== undefined) ? members.map((c) => c.podCidr as string) : [GKE_DEFAULT_POD_SUPERNET];
  const masters = gkeClusters(model)
    .filter((c) => c.private)
    .map((c) => c.masterCidr as string);
  return [...new Set([...pods, ...masters])];
}

/**
 * The regular subnet that a gateway's static internal address is taken from: the config
 * cluster's subnet name (GKE requires the same name in every address region), or `default`.
 */
export function gatewayAddressSubnet(model: ResolvedTopology): string {
  const config = gkeClusters(model).find((c) => c.name === model.fleet.configCluster);
  return config?.subnet ?? 'default';
}

/**
 * Purpose of each region's proxy-only subnet, from the classes of the gateways that use the
 * region: `REGIONAL_MANAGED_PROXY` for regional classes, `GLOBAL_MANAGED_PROXY` for the
 * cross-regional one. A region no gateway uses is absent (the subnet keeps its default).
 */
export function gatewayProxyOnlyPurposes(model: ResolvedTopology): Map<string, ProxyOnlyPurpose> {
  return proxyOnlyPurposes({ gateways: model.gateways, fleet: model.fleet, gkeClusters: gkeClusters(model) });
}

/**
 * Email of the node service account that the clusters stack creates (`google_service_account`
 * emails are `<account ID>@<project>.iam.gserviceaccount.com`); the network stack, applied
 * before it, names it in firewall rules.
 */
export function nodeServiceAccountEmail(model: ResolvedTopology): string {
  return `${model.project.nodeServiceAccount}@${model.project.id}.iam.gserviceaccount.com`;
}

/** Workload Identity pool of the project. */
export function workloadPool(model: ResolvedTopology): string {
  return `${model.project.id}.svc.id.goog`;
}

/**
 * True when istiod of an in-cluster mesh reads the API servers of other clusters (endpoint
 * discovery through remote secrets): the mesh has more than one cluster.
 */
export function hasRemoteSecrets(model: ResolvedTopology): boolean {
  return model.clusters.filter((c) => c.meshInstall !== undefined).length > 1;
}

/**
 * Pod ranges of the GKE clusters whose istiod reads other clusters' API servers through their
 * private endpoints (primaries of an in-cluster multi-cluster mesh). They are authorized
 * networks of every private control plane; the rules require these clusters to declare a pod range.
 */
export function istiodClientRanges(model: ResolvedTopology): string[] {
  if (!hasRemoteSecrets(model)) return [];
  return gkeClusters(model)
    .filter((c) => c.meshInstall?.controlPlane === 'primary' && c.podCidr !== undefined)
    .map((c) => c.podCidr as string);
}
