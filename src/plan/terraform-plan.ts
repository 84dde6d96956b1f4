import { gkeClusters, ResolvedTopology } from '../topology/model/types';
import { reservedEastWestAddress } from '../topology/resolve/mesh-plan';
import { PlannedResource, StackPlan, TerraformPlan } from './types';

/** Stack names, in apply order. */
export const STACK_ORDER = ['network', 'clusters', 'fleet'] as const;

/** The name of a stack. */
export type StackName = (typeof STACK_ORDER)[number];

/** True when the topology uses any fleet feature, i.e. needs a fleet stack. */
export function usesFleetFeatures(model: ResolvedTopology): boolean {
  return model.mesh?.management === 'fleet' || model.fleet.configCluster !== undefined || model.fleet.multiClusterServices;
}

/**
 * The resources of the clusters stack that one topology entry each causes: per GKE cluster its
 * `google_container_cluster` and `google_container_node_pool`, and its global fleet membership
 * when it joins the fleet (construct paths `<cluster>/cluster`, `<cluster>/node-pool`,
 * `<cluster>/membership`, as src/terraform/gke-cluster.ts builds them).
 */
function clusterResources(model: ResolvedTopology): PlannedResource[] {
  return model.clusters.flatMap((c, k) => {
    const gke = gkeClusters({ clusters: [c] })[0];
    if (gke === undefined) return [];
    const source = `clusters[${k}]`;
    return [
      { type: 'google_container_cluster', path: [c.name, 'cluster'], source },
      { type: 'google_container_node_pool', path: [c.name, 'node-pool'], source: `${source}.nodePool` },
      ...(gke.fleet ? [{ type: 'google_gke_hub_membership', path: [c.name, 'membership'], source: `${source}.fleet` }] : []),
    ];
  });
}

/** Construct ids of the network stack's resources (each a readable Terraform name once joined with its children). */
export const NETWORK_IDS = {
  network: 'network',
  subnet: (name: string, region: string) => `subnet-${name}-${region}`,
  nat: (region: string) => `nat-${region}`,
  proxyOnlySubnet: (region: string) => `proxy-only-${region}`,
  gatewayAddress: (name: string) => `gateway-address-${name}`,
  gatewayGlobalAddress: (name: string) => `gateway-global-address-${name}`,
  eastWestAddress: (cluster: string) => `eastwest-${cluster}`,
  multiClusterIngressAddress: 'mci-address',
} as const;

/** Output of the network stack holding the IP of the multi-cluster ingress's reserved address (`multiClusterIngress.staticAddressName`). */
export const MCI_STATIC_IP_OUTPUT = 'mci_static_ip';

/** Output of the network stack holding the IP of a gateway's reserved global address (`gateways[].staticAddressName`). */
export function gatewayStaticIpOutput(addressName: string): string {
  return `gateway_ip_${addressName.replace(/-/g, '_')}`;
}

/**
 * The network stack's resources that topology entries cause (src/terraform/network-stack.ts):
 * the VPC and its subnets (with `network.subnets`), per region with a Cloud NAT its address,
 * router and NAT (`nat-<region>/...`; caused by a private cluster there, or by `regions[].nat`),
 * proxy-only subnets (`proxy-only-<region>/subnet`), the gateways' static internal addresses
 * (`gateway-address-<name>`) and reserved global addresses (`gateway-global-address-<name>`), the east-west gateway address (`eastwest-<primary>`) and the
 * multi-cluster ingress's global address (`mci-address`). Project
 * services and the mesh firewall are the stack's own (src/terraform/derive.ts).
 */
function networkResources(model: ResolvedTopology): PlannedResource[] {
  const resources: PlannedResource[] = [];
  if (model.network.subnets.length > 0) {
    resources.push({ type: 'google_compute_network', path: [NETWORK_IDS.network], source: 'network' });
    model.network.subnets.forEach((s, i) => resources.push({ type: 'google_compute_subnetwork', path: [NETWORK_IDS.subnet(s.name, s.region)], source: `network.subnets[${i}]` }));
  }
  const gke = gkeClusters(model);
  model.regions.forEach((region, k) => {
    if (region.nat !== undefined) {
      const privateCluster = model.clusters.findIndex((c) => gke.some((g) => g === c && g.region === region.name && g.private));
      const source = privateCluster === -1 ? `regions[${k}].nat` : `clusters[${privateCluster}].private`;
      const id = NETWORK_IDS.nat(region.name);
      resources.push({ type: 'google_compute_address', path: [id, 'address'], source });
      resources.push({ type: 'google_compute_router', path: [id, 'router'], source });
      resources.push({ type: 'google_compute_router_nat', path: [id, 'nat'], source });
    }
    if (region.proxyOnlySubnet !== undefined) {
      resources.push({ type: 'google_compute_subnetwork', path: [NETWORK_IDS.proxyOnlySubnet(region.name), 'subnet'], source: `regions[${k}].proxyOnlySubnet` });
    }
  });
  model.gateways.forEach((g, i) =>
    g.addresses.forEach((a, j) => {
      if (a.staticAddress !== undefined)
        resources.push({ type: 'google_compute_address', path: [NETWORK_IDS.gatewayAddress(a.staticAddress)], source: `gateways[${i}].addresses[${j}]` });
    }),
  );
  model.gateways.forEach((g, i) => {
    if (g.staticAddressName !== undefined) {
      resources.push({ type: 'google_compute_global_address', path: [NETWORK_IDS.gatewayGlobalAddress(g.staticAddressName)], source: `gateways[${i}].staticAddressName` });
    }
  });
  const eastWest = reservedEastWestAddress(model);
  if (eastWest !== undefined) resources.push({ type: 'google_compute_address', path: [NETWORK_IDS.eastWestAddress(eastWest.cluster)], source: 'mesh.primary' });
  if (model.multiClusterIngress?.staticAddressName !== undefined) {
    resources.push({ type: 'google_compute_global_address', path: [NETWORK_IDS.multiClusterIngressAddress], source: 'multiClusterIngress.staticAddressName' });
  }
  return resources;
}

/** Construct ids of the fleet features in the fleet stack (src/terraform/fleet-stack.ts). */
export const FLEET_FEATURES = {
  serviceMesh: 'service-mesh',
  multiClusterServices: 'multi-cluster-services',
  multiClusterIngress: 'multi-cluster-ingress',
} as const;

/**
 * The fleet features the fleet stack turns on, each a `google_gke_hub_feature` at
 * `<feature>/feature`: managed service mesh (`mesh.management: fleet`, with a
 * `google_gke_hub_feature_membership` `service-mesh/<cluster>` per GKE mesh member),
 * multi-cluster services (`fleet.multiClusterServices`) and multi-cluster ingress (a fleet
 * config cluster).
 */
function fleetResources(model: ResolvedTopology): PlannedResource[] {
  const resources: PlannedResource[] = [];
  const feature = (id: string, source: string) => resources.push({ type: 'google_gke_hub_feature', path: [id, 'feature'], source });
  if (model.mesh?.management === 'fleet') {
    feature(FLEET_FEATURES.serviceMesh, 'mesh.management');
    model.clusters.forEach((c, k) => {
      if (c.meshMember && gkeClusters({ clusters: [c] }).length > 0) {
        resources.push({ type: 'google_gke_hub_feature_membership', path: [FLEET_FEATURES.serviceMesh, c.name], source: `clusters[${k}]` });
      }
    });
  }
  if (model.fleet.multiClusterServices) feature(FLEET_FEATURES.multiClusterServices, 'fleet.multiClusterServices');
  if (model.fleet.configCluster !== undefined) feature(FLEET_FEATURES.multiClusterIngress, 'fleet.configCluster');
  return resources;
}

/**
 * The Terraform stacks, in apply order: `network` (APIs, VPC pieces), `clusters` (GKE), and
 * `fleet` (fleet features) when any feature is used ({@link usesFleetFeatures}). A topology
 * without GKE clusters (only external clusters, e.g. GKE on VMware) gets no stack.
 */
export function planTerraform(model: ResolvedTopology): TerraformPlan {
  if (gkeClusters(model).length === 0) return { stacks: [] };
  const stacks: StackPlan[] = [
    { name: 'network', dependsOn: [], resources: networkResources(model) },
    { name: 'clusters', dependsOn: ['network'], resources: clusterResources(model) },
  ];
  if (usesFleetFeatures(model)) stacks.push({ name: 'fleet', dependsOn: ['clusters'], resources: fleetResources(model) });
  return { stacks };
}
