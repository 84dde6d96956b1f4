import { ResolvedApp, ResolvedCluster, ResolvedTopology, ResolvedWorkload } from '../topology/model/types';
import { hasVersionSplit } from '../topology/resolve/traffic-split';

/** Where a workload's pieces go in one cluster. */
export interface WorkloadPlacement {
  /** The cluster runs the pods (Deployment / StatefulSet, the other versions' Deployments). */
  readonly pods: boolean;
  /**
   * `plain`: the workload's Service (every workload cluster, and wherever it runs);
   * `exported`: `<name>` and `<name>-<shortName>` Services with ServiceExports (only where it
   * runs; the fleet's ServiceImports make them known everywhere else); `none`.
   */
  readonly service: 'plain' | 'exported' | 'none';
  /**
   * In-mesh routing of the Service (mesh member clusters with the Service), for a workload with
   * a traffic split, an explicit route or a traffic policy: the split's DestinationRule and
   * VirtualService, the route's (istio routing), the policy's DestinationRule, or the HTTPRoute
   * and per-version Services (gateway-api routing).
   */
  readonly splitRouting: boolean;
  /** The VirtualService on the shared ingress gateway (mesh member clusters with the gateway). */
  readonly exposed: boolean;
}

/** Decides which of a workload's objects a cluster gets; `routed`: an app route targets its Service. */
export function placementOf(model: ResolvedTopology, cluster: ResolvedCluster, w: ResolvedWorkload, routed = false): WorkloadPlacement {
  const pods = w.clusters.includes(cluster.name);
  const service = w.port === undefined ? 'none' : w.export ? (pods ? 'exported' : 'none') : pods || cluster.role === 'workload' ? 'plain' : 'none';
  const hasGateway = cluster.meshMember && model.mesh?.ingressGateway !== undefined;
  return {
    pods,
    service,
    splitRouting: (hasVersionSplit(w) || routed || w.trafficPolicy !== undefined) && service !== 'none' && cluster.meshMember,
    exposed: w.expose !== undefined && hasGateway,
  };
}

/** Whether a placement puts anything of the workload into the cluster. */
export function hasObjects(p: WorkloadPlacement): boolean {
  return p.pods || p.service !== 'none' || p.splitRouting || p.exposed;
}

/** Whether the app has an explicit route to a workload's Service. */
export function hasRoute(app: ResolvedApp, w: ResolvedWorkload): boolean {
  return app.routes.some((r) => r.service === w.name);
}

/** Whether one of the app's workloads runs in `cluster` (its ConfigMaps and ServiceAccounts go there). */
export function appRunsIn(app: ResolvedApp, cluster: ResolvedCluster): boolean {
  return app.workloads.some((w) => w.clusters.includes(cluster.name));
}

/**
 * Whether the app's ServiceEntries go to `cluster`, a mesh member: where one of its workloads
 * runs; for an app without (Kubernetes) workloads, such as a namespace that only holds egress
 * configuration, every mesh member cluster, since the clients that call those hosts may run in
 * any of them (a ServiceEntry is visible to every namespace of its cluster).
 */
export function serviceEntriesIn(app: ResolvedApp, cluster: ResolvedCluster): boolean {
  return cluster.meshMember && (app.workloads.length === 0 || appRunsIn(app, cluster));
}
