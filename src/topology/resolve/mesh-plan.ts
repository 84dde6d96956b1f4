import { DEFAULT_NAMES } from './defaults';
import { eastWestLoadBalancerOf } from './mesh-support';
import { isGkeCluster, ResolvedCluster, ResolvedTopology } from '../model/types';

/*
 * What Istio's multi-cluster models (seed 004) ask of each cluster of an in-cluster mesh,
 * derived once from the resolved model so that the Kubernetes files and the runbook agree.
 * Fleet-managed meshes need none of it: the fleet discovers endpoints and runs the gateways.
 */

/** The east-west gateway of one cluster and what goes through it. */
export interface EastWestGatewayPlan {
  /**
   * Services of this cluster are reached from other networks: the `cross-network-gateway`
   * Gateway (AUTO_PASSTHROUGH on 15443 for `*.local`). True when the mesh spans several networks.
   */
  readonly crossNetwork: boolean;
  /**
   * istiod is exposed (PASSTHROUGH Gateway on 15012 and 15017 and its VirtualService): the
   * cluster is the primary of remote clusters, or VMs register with it.
   */
  readonly exposeIstiod: boolean;
  /**
   * Address requested for the gateway's load balancer: `mesh.primaryAddress` on the external
   * primary of a primary-remote mesh, when it is an IPv4 address.
   * @default none (an address chosen by the load balancer, or the reserved one given at install)
   */
  readonly loadBalancerIp?: string;
  /**
   * The address meshfleet reserves for this gateway (GKE primary of a primary-remote mesh);
   * its value is known after the network stack is applied and given to `istioctl install`.
   * @default none
   */
  readonly reservedAddress?: ReservedAddressPlan;
}

/**
 * The regional address (internal in the primary's subnet, or external) that the Terraform network stack reserves for the east-west
 * gateway of a primary-remote mesh's GKE primary. Terraform reserves it and outputs it, the
 * runbook reads the output and passes it to `istioctl install` for the gateway
 * (`loadBalancerIP`) and for every remote (`values.global.remotePilotAddress`); the
 * Kubernetes files leave both fields out.
 */
export interface ReservedAddressPlan {
  /** The primary cluster whose east-west gateway uses the address. */
  readonly cluster: string;
  /** Region of the address: the primary's region. */
  readonly region: string;
  /** Google Cloud name of the address. */
  readonly name: string;
  /** Name of the network stack's Terraform output that holds the address. */
  readonly output: string;
  /**
   * The subnet of an internal address (the east-west load balancer is internal,
   * `eastWestLoadBalancerOf`): the primary's subnet, else the VPC's auto-mode subnet of its name.
   * @default none (an external address)
   */
  readonly subnetwork?: string;
}

/** One remote secret: `holder`'s istiod reads the API server of `target`. */
export interface RemoteSecretPlan {
  /** The cluster the secret is applied to (a primary). */
  readonly holder: ResolvedCluster;
  /** The cluster whose API server the secret gives access to. */
  readonly target: ResolvedCluster;
}

const IPV4 = /^(\d{1,3}\.){3}\d{1,3}$/;

/** The clusters meshfleet installs the mesh into (in-cluster mesh members), in topology order. */
export function meshInstallClusters(model: ResolvedTopology): ResolvedCluster[] {
  return model.clusters.filter((c) => c.meshInstall !== undefined);
}

/** VM workloads that register with `cluster`'s istiod. */
export function vmWorkloadsOf(model: ResolvedTopology, cluster: ResolvedCluster): ResolvedTopology['apps'][number]['vmWorkloads'] {
  return model.apps.flatMap((app) => app.vmWorkloads.filter((vm) => vm.cluster === cluster.name));
}

/** Every Istio network of the mesh: the clusters' networks, then the VMs' own, sorted and unique. */
export function meshNetworks(model: ResolvedTopology): string[] {
  const networks = meshInstallClusters(model).map((c) => c.meshInstall!.network);
  const vmNetworks = model.apps.flatMap((app) => app.vmWorkloads.flatMap((vm) => (vm.network === undefined ? [] : [vm.network])));
  return [...new Set([...networks, ...vmNetworks])].sort();
}

/**
 * The east-west gateway address meshfleet reserves, or `undefined` unless the mesh is an
 * in-cluster primary-remote mesh whose primary is a GKE cluster serving at least one remote (an
 * external primary's address is `mesh.primaryAddress`).
 */
export function reservedEastWestAddress(model: ResolvedTopology): ReservedAddressPlan | undefined {
  const install = model.mesh?.install;
  if (install?.model !== 'primary-remote') return undefined;
  const primary = model.clusters.find((c) => c.name === install.primary);
  if (primary === undefined || !isGkeCluster(primary) || primary.meshInstall === undefined) return undefined;
  if (!meshInstallClusters(model).some((c) => c.meshInstall!.controlPlane === 'remote')) return undefined;
  return {
    cluster: primary.name,
    region: primary.region,
    name: DEFAULT_NAMES.eastWestAddress(model.name, primary.name),
    output: `eastwest-address-${primary.name}`,
    ...(eastWestLoadBalancerOf(model).type === 'internal' ? { subnetwork: primary.subnet ?? model.network.name } : {}),
  };
}

/**
 * The east-west gateway a cluster needs, or `undefined` when it needs none (fleet meshes,
 * clusters outside the mesh, and clusters of a one-network mesh that expose no istiod).
 */
export function eastWestGatewayOf(model: ResolvedTopology, cluster: ResolvedCluster): EastWestGatewayPlan | undefined {
  const install = model.mesh?.install;
  if (install === undefined || cluster.meshInstall === undefined) return undefined;
  const crossNetwork = meshNetworks(model).length > 1;
  const servesRemotes = install.model === 'primary-remote' && install.primary === cluster.name && meshInstallClusters(model).length > 1;
  const exposeIstiod = servesRemotes || vmWorkloadsOf(model, cluster).length > 0;
  if (!crossNetwork && !exposeIstiod) return undefined;
  const address = install.primary === cluster.name ? install.primaryAddress : undefined;
  const reserved = reservedEastWestAddress(model);
  return {
    crossNetwork,
    exposeIstiod,
    ...(address !== undefined && IPV4.test(address) ? { loadBalancerIp: address } : {}),
    ...(reserved?.cluster === cluster.name ? { reservedAddress: reserved } : {}),
  };
}

/**
 * The remote secrets endpoint discovery needs: every primary reads every other mesh cluster
 * (multi-primary: each ordered pair; primary-remote: the primary reads each remote). Empty for
 * fleet-managed meshes, whose endpoint discovery the fleet does. Ordered by holder, then target,
 * in topology order.
 */
export function remoteSecretsOf(model: ResolvedTopology): RemoteSecretPlan[] {
  const clusters = meshInstallClusters(model);
  return clusters
    .filter((holder) => holder.meshInstall!.controlPlane === 'primary')
    .flatMap((holder) => clusters.filter((target) => target !== holder).map((target) => ({ holder, target })));
}
