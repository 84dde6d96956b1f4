/**
 * Resolves the traffic intents of a topology (see intent.ts): per Service of an app its versions,
 * in-mesh routing and ingress gateway entry; per multi-cluster Gateway its routes; the
 * MultiClusterIngress rules. Shorthands are expanded here, once; the compilers only translate.
 */
import { GatewayBackendInput, resolveGatewayRouteRule } from '../../topology/model/gateway-routes';
import {
  ResolvedApp,
  ResolvedGateway,
  ResolvedMeshRoute,
  ResolvedMeshRouteRule,
  ResolvedMultiClusterIngress,
  ResolvedTopology,
  ResolvedWorkload,
  TrafficPolicyInput,
} from '../../topology/model/types';
import { hasVersionSplit, versionSplitOf } from '../../topology/resolve/traffic-split';
import { assume } from '../../topology/rules/assume';
import { exposedVirtualServiceName, versionServiceName } from '../names';
import {
  GatewayTrafficIntent,
  IngressGatewayEntry,
  IngressTrafficIntent,
  MeshTrafficEntry,
  ServiceTrafficIntent,
  TrafficBackend,
  TrafficIntents,
  TrafficMatch,
  TrafficRule,
  VersionWeight,
} from './intent';

/**
 * The backends of a version split of `service`, in version order: one per version with traffic,
 * on `port` when given, weighted when several versions have traffic (a single version that
 * takes all the traffic has no weight: a canary at 0 or 100, as in seed 002's steps).
 * @throws AssumptionError when the weights are not integers from 0 to 100 summing to 100 (the rules refuse such topologies)
 */
export function splitBackends(service: string, split: readonly VersionWeight[], port?: number): TrafficBackend[] {
  const sum = split.reduce((total, v) => total + v.weight, 0);
  const integers = split.every((v) => Number.isInteger(v.weight) && v.weight >= 0 && v.weight <= 100);
  assume(
    sum === 100 && integers,
    'traffic.split-weights',
    `traffic split of ${service}: weights ${split.map((v) => String(v.weight)).join(', ')} are not integers from 0 to 100 summing to 100`,
  );
  const live = split.filter((v) => v.weight > 0);
  return live.map((v) => ({ service, version: v.version, ...(port === undefined ? {} : { port }), ...(live.length > 1 ? { weight: v.weight } : {}) }));
}

/** A route rule of an app route on `service`. */
function meshRule(service: string, rule: ResolvedMeshRouteRule): TrafficRule {
  return {
    matches: rule.matches.map((m) => ({
      ...(m.path === undefined ? {} : { path: { ...m.path } }),
      headers: m.headers.map((h) => ({ ...h })),
      queryParams: m.queryParams.map((q) => ({ ...q })),
      ...(m.method === undefined ? {} : typeof m.method === 'string' ? { method: m.method } : { grpcMethod: { ...m.method } }),
    })),
    backends: rule.backends.map((b) => ({
      service,
      ...(b.version === undefined ? {} : { version: b.version }),
      ...(b.port === undefined ? {} : { port: b.port }),
      ...(b.weight === undefined ? {} : { weight: b.weight }),
    })),
    ...(rule.mirror === undefined ? {} : { mirror: { service, version: rule.mirror.version, percent: rule.mirror.percent } }),
    ...(rule.requestHeaders === undefined ? {} : { requestHeaders: rule.requestHeaders }),
    ...(rule.responseHeaders === undefined ? {} : { responseHeaders: rule.responseHeaders }),
    ...(rule.redirect === undefined ? {} : { redirect: rule.redirect }),
    ...(rule.rewrite === undefined ? {} : { rewrite: rule.rewrite }),
    ...(rule.timeout === undefined ? {} : { timeout: rule.timeout }),
    ...(rule.retries === undefined ? {} : { retries: rule.retries }),
    ...(rule.fault === undefined ? {} : { fault: rule.fault }),
  };
}

/**
 * In-mesh routing of `w`: its explicit route when it has one; else its version split alone,
 * on every data plane as soon as it declares versions (`versions` or `canary`, see
 * `hasVersionSplit`): Istio subsets or GAMMA per-version Services, one version included; else
 * its traffic policy alone (a DestinationRule without subsets). Each carries the traffic policy.
 */
function meshEntryOf(appIndex: number, app: ResolvedApp, w: ResolvedWorkload, split: readonly VersionWeight[]): MeshTrafficEntry | undefined {
  const routeIndex = app.routes.findIndex((r) => r.service === w.name);
  const route: ResolvedMeshRoute | undefined = app.routes[routeIndex];
  const versionServices = split.map((s) => s.version);
  const subsetPolicies = w.versions.filter((v) => v.trafficPolicy !== undefined).map((v) => [v.name, v.trafficPolicy as TrafficPolicyInput] as const);
  const policy = {
    ...(w.trafficPolicy === undefined ? {} : { trafficPolicy: w.trafficPolicy }),
    ...(subsetPolicies.length === 0 ? {} : { subsetTrafficPolicies: Object.fromEntries(subsetPolicies) }),
  };
  if (route !== undefined) {
    const referenced = route.rules.flatMap((r) => [...r.backends.map((b) => b.version), r.mirror?.version]);
    return {
      source: 'route',
      protocol: route.kind === 'GRPCRoute' ? 'grpc' : 'http',
      path: `apps[${appIndex}].routes[${routeIndex}]`,
      names: { virtualService: route.name, destinationRule: route.service, httpRoute: route.name },
      subsets: split.filter((s) => (hasVersionSplit(w) && s.weight > 0) || referenced.includes(s.version)).map((s) => s.version),
      versionServices,
      rules: route.rules.map((r) => meshRule(w.name, r)),
      ...policy,
    };
  }
  if (!hasVersionSplit(w)) {
    if (w.trafficPolicy === undefined) return undefined;
    return {
      source: 'policy',
      protocol: 'http',
      path: `apps[${appIndex}].workloads[${app.workloads.indexOf(w)}].trafficPolicy`,
      names: { virtualService: w.virtualServiceName, destinationRule: w.destinationRuleName, httpRoute: w.name },
      subsets: [],
      versionServices: [],
      rules: [],
      ...policy,
    };
  }
  // Every declared version gets a subset, even at weight 0, so that a later shift only changes
  // the VirtualService; the `canary` shorthand keeps the stable version, and the canary once it has traffic.
  const subsets = w.canary === undefined ? split : split.filter((v, k) => k === 0 || v.weight > 0);
  return {
    source: 'split',
    protocol: 'http',
    path: `apps[${appIndex}].workloads[${app.workloads.indexOf(w)}]`,
    names: { virtualService: w.virtualServiceName, destinationRule: w.destinationRuleName, httpRoute: w.name },
    subsets: subsets.map((s) => s.version),
    versionServices,
    rules: [{ matches: [], backends: splitBackends(w.name, split) }],
    ...policy,
  };
}

/**
 * The Istio objects of an in-mesh entry: a DestinationRule when it has subsets or a traffic
 * policy, a VirtualService when it has rules (not for a traffic policy alone).
 */
export function istioMeshObjectsOf(mesh: MeshTrafficEntry): { readonly destinationRule: boolean; readonly virtualService: boolean } {
  return { destinationRule: mesh.subsets.length > 0 || mesh.trafficPolicy !== undefined, virtualService: mesh.source !== 'policy' };
}

/** Entry through the shared ingress gateway of an exposed workload. */
function ingressGatewayEntryOf(model: ResolvedTopology, app: ResolvedApp, w: ResolvedWorkload, port: number, split: readonly VersionWeight[]): IngressGatewayEntry | undefined {
  const gateway = model.mesh?.ingressGateway;
  if (gateway === undefined || w.expose === undefined) return undefined;
  const routed = app.routes.some((r) => r.service === w.name);
  return {
    name: exposedVirtualServiceName(w, routed),
    hosts: [...w.expose.hosts],
    gateway: { name: gateway.name, namespace: gateway.namespace },
    rules: [{ matches: [], backends: hasVersionSplit(w) ? splitBackends(w.name, split, port) : [{ service: w.name, port }] }],
  };
}

/** Intents already resolved, by model and workload (models never change after resolution): the plan asks once per cluster. */
const resolvedIntents = new WeakMap<ResolvedTopology, WeakMap<ResolvedWorkload, { readonly intent: ServiceTrafficIntent | undefined }>>();

/** The traffic intent of workload `w` of `app`; undefined for a workload without a Service port. */
export function serviceTrafficOf(model: ResolvedTopology, app: ResolvedApp, w: ResolvedWorkload): ServiceTrafficIntent | undefined {
  let intents = resolvedIntents.get(model);
  if (intents === undefined) {
    intents = new WeakMap();
    resolvedIntents.set(model, intents);
  }
  const known = intents.get(w);
  if (known !== undefined) return known.intent;
  const intent = resolveServiceTraffic(model, app, w);
  intents.set(w, { intent });
  return intent;
}

function resolveServiceTraffic(model: ResolvedTopology, app: ResolvedApp, w: ResolvedWorkload): ServiceTrafficIntent | undefined {
  const port = w.servicePort;
  if (port === undefined) return undefined;
  const appIndex = model.apps.indexOf(app);
  const versions = versionSplitOf(w);
  const mesh = model.mesh === undefined ? undefined : meshEntryOf(appIndex, app, w, versions);
  const ingressGateway = ingressGatewayEntryOf(model, app, w, port, versions);
  return {
    path: `apps[${appIndex}].workloads[${app.workloads.indexOf(w)}]`,
    namespace: app.namespace,
    service: w.name,
    port,
    versions,
    routing: model.mesh?.routing ?? 'istio',
    ...(mesh === undefined ? {} : { mesh }),
    ...(ingressGateway === undefined ? {} : { ingressGateway }),
  };
}

/**
 * The workload that ServiceImport `name` of `namespace` is, when it is an exported workload
 * that declares versions (`hasVersionSplit`): a multi-cluster Gateway reaches its versions
 * through their per-version ServiceImports, never through `<name>`, which selects every version.
 */
export function versionedExportOf(model: ResolvedTopology, namespace: string, name: string): ResolvedWorkload | undefined {
  return model.apps
    .filter((app) => app.namespace === namespace)
    .flatMap((app) => app.workloads)
    .find((w) => w.name === name && w.export && w.port !== undefined && hasVersionSplit(w));
}

/**
 * The ServiceImport backends of a gateway rule, with the workload-wide ServiceImport `<name>`
 * of a workload that declares versions replaced by its per-version ServiceImports
 * `<name>-<version>` (versions with traffic, in order), so the load balancer splits by the
 * version weights rather than by pod count. Gateway API weights are relative: a rule whose only
 * backend is such a workload gets the version weights as they are (80/20); beside other
 * backends, each backend's weight (1 when unweighted, as in Gateway API) is multiplied by the
 * version's percent, the others by 100. A rule left with one backend has no weight.
 */
export function gatewayRuleBackends(model: ResolvedTopology, namespace: string, backends: readonly GatewayBackendInput[]): TrafficBackend[] {
  const expanded = backends.map((b) => {
    const w = versionedExportOf(model, namespace, b.name);
    return { b, versions: w === undefined ? undefined : versionSplitOf(w).filter((v) => v.weight > 0) };
  });
  if (expanded.every((e) => e.versions === undefined)) return backends.map((b) => ({ service: b.name, port: b.port, ...(b.weight === undefined ? {} : { weight: b.weight }) }));
  const out: TrafficBackend[] = expanded.flatMap(({ b, versions }) => {
    const factor = backends.length === 1 ? 1 : (b.weight ?? 1);
    if (versions === undefined) return [{ service: b.name, port: b.port, weight: factor * 100 }];
    return versions.map((v) => ({ service: versionServiceName(b.name, v.version), port: b.port, weight: factor * v.weight }));
  });
  return out.length === 1 ? out.map(({ service, port }) => ({ service, ...(port === undefined ? {} : { port }) })) : out;
}

/**
 * The in-mesh route rules (`apps[].routes`) of workload `name` of `namespace`, when it is an
 * exported workload with versions and an explicit route: a multi-cluster Gateway applies them.
 */
function exportedRouteRulesOf(model: ResolvedTopology, namespace: string, name: string): readonly TrafficRule[] | undefined {
  const w = versionedExportOf(model, namespace, name);
  const app = model.apps.find((a) => a.namespace === namespace && w !== undefined && a.workloads.includes(w));
  if (w === undefined || app === undefined) return undefined;
  const mesh = serviceTrafficOf(model, app, w)?.mesh;
  return mesh?.source === 'route' ? mesh.rules : undefined;
}

/**
 * Matches that hold when one of `outer` (a gateway rule's) and one of `inner` (an in-mesh route
 * rule's) both hold: every pair, conditions of both (the path of whichever has one; the rules
 * refuse a pair with two paths). Either side empty: the other side.
 */
function bothMatches(outer: readonly TrafficMatch[], inner: readonly TrafficMatch[]): TrafficMatch[] {
  if (outer.length === 0) return [...inner];
  if (inner.length === 0) return [...outer];
  return outer.flatMap((o) =>
    inner.map((i) => {
      const path = o.path ?? i.path;
      const method = i.method ?? o.method;
      const grpcMethod = i.grpcMethod ?? o.grpcMethod;
      return {
        ...(path === undefined ? {} : { path }),
        headers: [...o.headers, ...i.headers],
        queryParams: [...o.queryParams, ...i.queryParams],
        ...(method === undefined ? {} : { method }),
        ...(grpcMethod === undefined ? {} : { grpcMethod }),
      };
    }),
  );
}

/**
 * The rules of a gateway rule whose only backend is ServiceImport `name` of a workload with an
 * in-mesh route: one per route rule, in order, with the matches of both, the route rule's
 * version backends and weights as per-version ServiceImports (`<name>` for a backend without a
 * version) and its mirror to a per-version ServiceImport.
 */
function gatewayRulesThroughRoute(name: string, port: number, matches: readonly TrafficMatch[], routeRules: readonly TrafficRule[]): TrafficRule[] {
  const importOf = (version: string | undefined) => (version === undefined ? name : versionServiceName(name, version));
  return routeRules.map((r) => ({
    matches: bothMatches(matches, r.matches),
    backends: r.backends.map((b) => ({ service: importOf(b.version), port: b.port ?? port, ...(b.weight === undefined ? {} : { weight: b.weight }) })),
    ...(r.mirror === undefined ? {} : { mirror: { service: importOf(r.mirror.version), port: r.mirror.port ?? port, percent: r.mirror.percent } }),
  }));
}

/**
 * The routes of multi-cluster Gateway `g` (`gateways[index]`), shorthands expanded; backends are
 * ServiceImports, a workload with versions reached through its per-version ServiceImports:
 * weighted by its version split (see `gatewayRuleBackends`), or, when it has an in-mesh route
 * and is the rule's only backend, by that route's rules (its matches, weights and mirrors).
 */
export function gatewayTrafficOf(model: ResolvedTopology, g: ResolvedGateway, index: number): GatewayTrafficIntent {
  const at = `gateways[${index}]`;
  return {
    path: at,
    gateway: g.name,
    namespace: g.namespace,
    routes: g.routes.map((route, j) => ({
      protocol: route.kind === 'GRPCRoute' ? 'grpc' : 'http',
      name: route.name,
      path: `${at}.routes[${j}]`,
      labels: { ...route.labels },
      ...(route.sectionName !== undefined ? { sectionName: route.sectionName } : {}),
      hostnames: [...route.hostnames],
      rules: route.rules.flatMap((input): TrafficRule[] => {
        const rule = resolveGatewayRouteRule(input);
        const matches: TrafficMatch[] = rule.matches.map((m) => ({
          ...(m.path === undefined ? {} : { path: { ...m.path } }),
          headers: m.headers.map((h) => ({ name: h.name, value: h.value, type: 'Exact' })),
          queryParams: [],
          ...(m.method === undefined ? {} : { grpcMethod: { ...m.method } }),
        }));
        const only = rule.backends.length === 1 && rule.mirror === undefined ? rule.backends[0] : undefined;
        const routeRules = only === undefined ? undefined : exportedRouteRulesOf(model, g.namespace, only.name);
        if (only !== undefined && routeRules !== undefined) return gatewayRulesThroughRoute(only.name, only.port, matches, routeRules);
        return [
          {
            matches,
            backends: gatewayRuleBackends(model, g.namespace, rule.backends),
            ...(rule.mirror === undefined ? {} : { mirror: { service: rule.mirror.backend, port: rule.mirror.port, percent: 100 } }),
          },
        ];
      }),
    })),
  };
}

/**
 * The per-version ServiceImports `<name>-<version>` (all declared versions, in order) that
 * exported workload `w` exports, so a multi-cluster Gateway can weight them; [] for a workload
 * that is not exported or declares no versions. A shift then changes only the HTTPRoute.
 */
export function versionExportsOf(w: ResolvedWorkload): string[] {
  return w.export && w.port !== undefined && hasVersionSplit(w) ? versionSplitOf(w).map((v) => v.version) : [];
}

/** The rules of the MultiClusterIngress; backends are MultiClusterServices. */
export function ingressTrafficOf(mci: ResolvedMultiClusterIngress): IngressTrafficIntent {
  const backend = mci.defaultBackend;
  return {
    name: mci.name,
    namespace: mci.namespace,
    ...(backend === undefined ? {} : { defaultBackend: { service: backend.service, port: backend.port } }),
    hosts: mci.rules.map((r) => ({
      ...(r.host === undefined ? {} : { host: r.host }),
      rules: r.paths.map((p) => ({ matches: [{ path: { type: 'PathPrefix', value: p.path }, headers: [], queryParams: [] }], backends: [{ service: p.service, port: p.port }] })),
    })),
  };
}

/** Every traffic intent of `model`. */
export function trafficIntentsOf(model: ResolvedTopology): TrafficIntents {
  const services = model.apps.flatMap((app) => app.workloads.map((w) => serviceTrafficOf(model, app, w)).filter((t): t is ServiceTrafficIntent => t !== undefined));
  return {
    services,
    gateways: model.gateways.map((g, i) => gatewayTrafficOf(model, g, i)),
    ...(model.multiClusterIngress === undefined ? {} : { multiClusterIngress: ingressTrafficOf(model.multiClusterIngress) }),
  };
}
