import { EastWestLoadBalancer, IngressGatewayServiceType, isGkeCluster, ResolvedCluster, ResolvedTopology, ResolvedWorkload } from '../model/types';

/*
 * What a mesh version supports, and the mesh-side defaults that depend on the whole topology
 * (native sidecars, the east-west and ingress gateway load balancers): the one owner of these
 * facts, read by the rules, the plan and the runbook.
 */

/** A range of Kubernetes minor versions (`1.<min>` to `1.<max>`). */
export interface KubernetesRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The Kubernetes versions each Istio minor release supports: the "Supported Kubernetes
 * Versions" column of Istio's support matrix (https://istio.io/latest/docs/releases/supported-releases/
 * #support-status-of-istio-releases, data/compatibility/supportStatus.yml of istio/istio.io; the
 * pages of older releases for 1.8 to 1.12). Anthos Service Mesh `1.x` follows Istio `1.x`.
 * Key: the Istio minor; value: the Kubernetes minors, both ends included.
 */
export const ISTIO_KUBERNETES_SUPPORT: Readonly<Record<number, KubernetesRange>> = {
  8: { min: 16, max: 19 },
  9: { min: 17, max: 20 },
  10: { min: 18, max: 21 },
  11: { min: 18, max: 22 },
  12: { min: 19, max: 22 },
  13: { min: 20, max: 23 },
  14: { min: 21, max: 24 },
  15: { min: 22, max: 25 },
  16: { min: 22, max: 25 },
  17: { min: 23, max: 26 },
  18: { min: 24, max: 27 },
  19: { min: 25, max: 28 },
  20: { min: 25, max: 29 },
  21: { min: 26, max: 29 },
  22: { min: 27, max: 30 },
  23: { min: 28, max: 31 },
  24: { min: 28, max: 31 },
  25: { min: 29, max: 32 },
  26: { min: 29, max: 33 },
  27: { min: 29, max: 33 },
  28: { min: 30, max: 34 },
  29: { min: 31, max: 35 },
  30: { min: 32, max: 36 },
};

/**
 * The oldest Kubernetes minor that GKE's release channels still run (GKE release schedule,
 * https://cloud.google.com/kubernetes-engine/docs/release-schedule, 2026): a GKE cluster runs
 * this minor or a newer one, whatever its channel.
 */
export const GKE_OLDEST_KUBERNETES_MINOR = 33;

/** First Istio minor with the per-pod `sidecar.istio.io/nativeSidecar` annotation (Istio 1.24 release notes, istio/istio#53452). */
export const NATIVE_SIDECAR_ISTIO_MINOR = 24;

/** First Kubernetes minor whose sidecar containers (restartable init containers) are on by default (Kubernetes 1.29, SidecarContainers beta). */
export const NATIVE_SIDECAR_KUBERNETES_MINOR = 29;

/** First Istio minor whose sidecar injector rewrites gRPC probes to its agent (Istio 1.13 change notes: "Added support for rewriting gRPC probes"). */
export const GRPC_PROBE_REWRITE_ISTIO_MINOR = 13;

/** First Kubernetes minor whose kubelet runs gRPC probes by default (Kubernetes 1.24, GRPCContainerProbe beta; GA in 1.27). */
export const GRPC_PROBE_KUBERNETES_MINOR = 24;

/** The minor of a `1.x[.y]` version, or `undefined` for another major. */
export function minorOf(version: string): number | undefined {
  const [major, minor] = version.split('.').map(Number);
  return major === 1 && Number.isInteger(minor) ? minor : undefined;
}

/** `1.16` to `1.19`. */
export function formatRange(range: KubernetesRange): string {
  return `1.${range.min} to 1.${range.max}`;
}

/** The Kubernetes versions an in-cluster mesh version supports, or `undefined` when the table does not know the version. */
export function kubernetesRangeOf(meshVersion: string): KubernetesRange | undefined {
  const minor = minorOf(meshVersion);
  return minor === undefined ? undefined : ISTIO_KUBERNETES_SUPPORT[minor];
}

/** What is known of the Kubernetes version of a cluster: its declared minor, GKE's range, or nothing. */
export type ClusterKubernetes =
  { readonly source: 'declared'; readonly minor: number; readonly version: string } | { readonly source: 'gke'; readonly oldestMinor: number } | { readonly source: 'unknown' };

/** The Kubernetes version of a cluster, as far as the topology tells it. */
export function clusterKubernetesOf(cluster: ResolvedCluster): ClusterKubernetes {
  if (isGkeCluster(cluster)) return { source: 'gke', oldestMinor: GKE_OLDEST_KUBERNETES_MINOR };
  const minor = cluster.kubernetesVersion === undefined ? undefined : minorOf(cluster.kubernetesVersion);
  return minor === undefined ? { source: 'unknown' } : { source: 'declared', minor, version: cluster.kubernetesVersion! };
}

/**
 * Whether the cluster's Kubernetes is within what the mesh version supports: `supported`,
 * `unsupported` (a declared version outside the range, or a GKE cluster whose oldest possible
 * version is newer than the range), or `unknown` (no declared version, or a mesh version the
 * table does not know).
 */
export function kubernetesSupportOf(meshVersion: string, cluster: ResolvedCluster): 'supported' | 'unsupported' | 'unknown' {
  const range = kubernetesRangeOf(meshVersion);
  const kubernetes = clusterKubernetesOf(cluster);
  if (range === undefined || kubernetes.source === 'unknown') return 'unknown';
  if (kubernetes.source === 'gke') return range.max >= kubernetes.oldestMinor ? 'supported' : 'unsupported';
  return kubernetes.minor >= range.min && kubernetes.minor <= range.max ? 'supported' : 'unsupported';
}

/**
 * Whether the mesh can inject native sidecars into pods of `cluster`: a fleet-managed mesh
 * (Cloud Service Mesh on GKE); an in-cluster mesh from Istio 1.24 on a cluster that runs
 * Kubernetes 1.29 or newer (GKE clusters do; an external cluster must declare it).
 */
export function meshSupportsNativeSidecars(model: ResolvedTopology, cluster: ResolvedCluster): boolean {
  const mesh = model.mesh;
  if (mesh === undefined || !cluster.meshMember) return false;
  if (mesh.management === 'fleet') return true;
  const minor = mesh.version === undefined ? undefined : minorOf(mesh.version);
  if (minor === undefined || minor < NATIVE_SIDECAR_ISTIO_MINOR) return false;
  const kubernetes = clusterKubernetesOf(cluster);
  return kubernetes.source === 'gke' || (kubernetes.source === 'declared' && kubernetes.minor >= NATIVE_SIDECAR_KUBERNETES_MINOR);
}

/**
 * Whether the pods of `w` in `cluster` get the native sidecar annotation: `nativeSidecar` as
 * given, else when the workload has init containers (which may call other services before a
 * classic sidecar runs) and the mesh supports native sidecars there.
 */
export function nativeSidecarOf(model: ResolvedTopology, cluster: ResolvedCluster, w: ResolvedWorkload): boolean {
  if (model.mesh === undefined || !cluster.meshMember) return false;
  return w.nativeSidecar ?? (w.initContainers.length > 0 && meshSupportsNativeSidecars(model, cluster));
}

/** The load balancer of the east-west gateways, and whether it takes clients from other regions. */
export interface EastWestLoadBalancerPlan {
  readonly type: EastWestLoadBalancer;
  /** Internal only: the mesh clusters span several regions (`networking.gke.io/internal-load-balancer-allow-global-access`). */
  readonly globalAccess: boolean;
}

/**
 * The east-west load balancer of an in-cluster mesh: `mesh.eastWestLoadBalancer` as given, else
 * `internal` when every mesh cluster is a GKE cluster (they share the topology's one VPC, so
 * istiod's 15012/15017 and 15443 stay off the internet) and `external` when an external cluster
 * (on-prem, another cloud) must reach the gateways. An internal one takes global access when
 * the mesh clusters (or the mesh's VMs' clusters) span regions.
 */
export function eastWestLoadBalancerOf(model: ResolvedTopology): EastWestLoadBalancerPlan {
  const members = model.clusters.filter((c) => c.meshInstall !== undefined);
  const type = model.mesh?.eastWestLoadBalancer ?? (members.every(isGkeCluster) ? 'internal' : 'external');
  const regions = new Set(members.filter(isGkeCluster).map((c) => c.region));
  return { type, globalAccess: type === 'internal' && regions.size > 1 };
}

/** Whether a non-empty `selector` selects pods labelled `labels`. */
export function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Whether a MultiClusterIngress sends its traffic to the pods of the mesh ingress gateway. */
export function ingressFrontsGateway(model: ResolvedTopology): boolean {
  const gateway = model.mesh?.ingressGateway;
  const ingress = model.multiClusterIngress;
  if (gateway === undefined || ingress === undefined) return false;
  return ingress.services.some((s) => selects(s.selector, gateway.labels));
}

/**
 * Type of the mesh ingress gateway's Service: `mesh.ingressGateway.serviceType` as given, else
 * `ClusterIP` when a MultiClusterIngress fronts the gateway (its MultiClusterService reaches the
 * pods through NEGs; a LoadBalancer would be a public entry that bypasses it), else `LoadBalancer`.
 */
export function ingressGatewayServiceTypeOf(model: ResolvedTopology): IngressGatewayServiceType {
  return model.mesh?.ingressGateway?.serviceType ?? (ingressFrontsGateway(model) ? 'ClusterIP' : 'LoadBalancer');
}
