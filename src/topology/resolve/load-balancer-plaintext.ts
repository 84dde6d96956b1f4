import { isMultiClusterGatewayClass } from '../model/gateway-classes';
import { ResolvedTopology, ResolvedWorkload } from '../model/types';
import { selects } from './mesh-support';

/*
 * Where a Google load balancer sends plain HTTP and health checks straight to sidecar-injected
 * app pods while the mesh runs STRICT mutual TLS: the sidecar refuses the plain text, the
 * backends go unhealthy. Google's load balancers do not speak Istio mTLS, so such a workload
 * needs a PERMISSIVE exception on the ports the load balancer uses, or a mesh ingress gateway in
 * front (gateway pods take plain HTTP on their own listeners; PeerAuthentication does not apply).
 */

/** One workload that a load balancer reaches directly, and the pod ports it uses. */
export interface LoadBalancerPlaintext {
  /** Index of the app in `model.apps`. */
  readonly app: number;
  /** Index of the workload in the app. */
  readonly workload: number;
  /** Container ports the load balancer sends to (serving and health-check ports), ascending. */
  readonly ports: readonly number[];
  /** Topology paths of the load balancer entries that reach it, e.g. `multiClusterIngress.services[0]`, `gateways[1].routes[0]`. */
  readonly sources: readonly string[];
  /**
   * The clusters whose pods the load balancers reach, when only some are (single-cluster
   * Gateways reach their own cluster); absent: every cluster the workload runs in.
   */
  readonly clusters?: readonly string[];
}

/** Pod labels of each version of a workload (one set without versions). */
function podLabelSets(w: ResolvedWorkload): Array<Record<string, string>> {
  if (w.versions.length === 0) return [{ app: w.name, ...(w.version === undefined ? {} : { version: w.version }) }];
  return w.versions.map((v) => ({ ...v.labels, app: w.name, version: v.name }));
}

/** Collects ports and sources per workload. */
class Collector {
  private readonly found = new Map<string, { app: number; workload: number; ports: Set<number>; sources: string[]; clusters?: Set<string> }>();

  /** `cluster`: the one cluster whose pods the source reaches; absent: every cluster. */
  add(app: number, workload: number, ports: readonly number[], source: string, cluster?: string): void {
    const key = `${app}/${workload}`;
    const known = this.found.get(key);
    const entry = known ?? { app, workload, ports: new Set<number>(), sources: [], ...(cluster === undefined ? {} : { clusters: new Set<string>() }) };
    ports.forEach((p) => entry.ports.add(p));
    if (!entry.sources.includes(source)) entry.sources.push(source);
    if (cluster === undefined) delete entry.clusters;
    else entry.clusters?.add(cluster);
    this.found.set(key, entry);
  }

  result(): LoadBalancerPlaintext[] {
    return [...this.found.values()]
      .sort((a, b) => a.app - b.app || a.workload - b.workload)
      .map((e) => ({
        app: e.app,
        workload: e.workload,
        ports: [...e.ports].sort((x, y) => x - y),
        sources: e.sources,
        ...(e.clusters === undefined ? {} : { clusters: [...e.clusters].sort() }),
      }));
  }
}

/** MultiClusterServices whose selector picks app pods (not the mesh ingress gateway's). */
function fromMultiClusterIngress(model: ResolvedTopology, out: Collector): void {
  const ingress = model.multiClusterIngress;
  if (ingress === undefined) return;
  const healthPort = (name: string | undefined): number[] => {
    const port = ingress.backendConfigs.find((b) => b.name === name)?.healthCheck?.port;
    return port === undefined ? [] : [port];
  };
  ingress.services.forEach((service, k) => {
    model.apps.forEach((app, i) =>
      app.workloads.forEach((w, j) => {
        if (app.namespace !== ingress.namespace || !podLabelSets(w).some((labels) => selects(service.selector, labels))) return;
        const config = service.backendConfig;
        const checks = [config?.default, ...(config?.ports ?? []).map((p) => p.name)].flatMap(healthPort);
        out.add(i, j, [...service.ports.map((p) => p.targetPort ?? p.port), ...checks], `multiClusterIngress.services[${k}]`);
      }),
    );
  });
}

/** The workload an exported ServiceImport name stands for: `<name>`, `<name>-<cluster short name>` or `<name>-<version>`. */
function importedWorkload(model: ResolvedTopology, namespace: string, importName: string): { app: number; workload: number; w: ResolvedWorkload } | undefined {
  const shortNames = model.clusters.map((c) => c.shortName);
  for (const [i, app] of model.apps.entries()) {
    if (app.namespace !== namespace) continue;
    for (const [j, w] of app.workloads.entries()) {
      if (!w.export || w.port === undefined) continue;
      const suffixes = [...shortNames, ...w.versions.map((v) => v.name)].map((s) => `${w.name}-${s}`);
      if (importName === w.name || suffixes.includes(importName)) return { app: i, workload: j, w };
    }
  }
  return undefined;
}

/** The workload behind Service `name` of a single-cluster gateway in `cluster`: a workload with a port running there. */
function clusterWorkload(model: ResolvedTopology, namespace: string, cluster: string, name: string): { app: number; workload: number; w: ResolvedWorkload } | undefined {
  for (const [i, app] of model.apps.entries()) {
    if (app.namespace !== namespace) continue;
    const j = app.workloads.findIndex((w) => w.name === name && w.port !== undefined && w.clusters.includes(cluster));
    if (j >= 0) return { app: i, workload: j, w: app.workloads[j] };
  }
  return undefined;
}

/**
 * GKE Gateways: a multi-cluster one's ServiceImports reach the exported workloads' pods in every
 * cluster (NEGs), a single-cluster one's Services the pods in its cluster.
 */
function fromGateways(model: ResolvedTopology, out: Collector): void {
  model.gateways.forEach((gateway, g) =>
    gateway.routes.forEach((route, r) => {
      const cluster = isMultiClusterGatewayClass(gateway.className) ? undefined : gateway.cluster;
      const names = route.rules.flatMap((rule) => [
        ...(rule.backend === undefined ? [] : [rule.backend]),
        ...(rule.backends ?? []).map((b) => b.name),
        ...(rule.mirror === undefined ? [] : [rule.mirror.backend]),
      ]);
      for (const name of names) {
        const found = cluster === undefined ? importedWorkload(model, gateway.namespace, name) : clusterWorkload(model, gateway.namespace, cluster, name);
        if (found === undefined) continue;
        const checks = gateway.healthChecks.filter((h) => h.backend === name && h.port !== undefined).map((h) => h.port!);
        out.add(found.app, found.workload, [found.w.port!, ...checks], `gateways[${g}].routes[${r}]`, cluster);
      }
    }),
  );
}

/**
 * The workloads that Google load balancers reach directly while mesh mTLS is STRICT, with the
 * pod ports they use: app pods selected by a MultiClusterService of the MultiClusterIngress
 * (target ports, plus its BackendConfigs' health-check ports), exported workloads behind a
 * multi-cluster Gateway's routes and workloads behind a single-cluster Gateway's routes (in its
 * cluster only) (serving port, plus HealthCheckPolicy fixed ports). Empty without
 * a mesh, with PERMISSIVE mesh mTLS, and where the load balancer targets the mesh ingress gateway.
 * In app and workload order.
 */
export function loadBalancerPlaintextOf(model: ResolvedTopology): LoadBalancerPlaintext[] {
  if (model.mesh === undefined || model.mesh.mtls !== 'STRICT') return [];
  const out = new Collector();
  fromMultiClusterIngress(model, out);
  fromGateways(model, out);
  return out.result();
}
