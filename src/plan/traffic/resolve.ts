/**
 * Resolves the traffic intents of a topology (see intent.ts): per Service of an app its versions,
 * in-mesh routing and ingress gateway entry; per multi-cluster Gateway its routes; the
 * MultiClusterIngress rules. Shorthands are expanded here, once; the compilers only translate.
 */
import { isMultiClusterGatewayClass } from '../../topology/model/gateway-classes';
import {
  GatewayBackendInput,
  GatewayHeaderModifierInput,
  GatewayHeaderValueInput,
  GatewayPathModifierInput,
  GatewayRouteFilterInput,
  ResolvedGatewayRouteRule,
  resolveGatewayRouteRule,
} from '../../topology/model/gateway-routes';
import {
  HeaderModifierInput,
  ResolvedApp,
  ResolvedGateway,
  ResolvedMeshRoute,
  ResolvedMeshRouteRule,
  ResolvedMultiClusterIngress,
  ResolvedTopology,
  ResolvedWorkload,
  RouteRedirectInput,
  RouteRewriteInput,
  TrafficPolicyInput,
} from '../../topology/model/types';
import { hasVersionSplit, versionSplitOf } from '../../topology/resolve/traffic-split';
import { assume } from '../../topology/rules/assume';
import { exposedVirtualServiceName, gatewayReferenceGrantName, versionServiceName } from '../names';
import {
  GatewayTrafficIntent,
  IngressGatewayEntry,
  IngressTrafficIntent,
  MeshTrafficEntry,
  ServiceTrafficIntent,
  TrafficBackend,
  TrafficIntents,
  TrafficMatch,
  TrafficPathModifier,
  TrafficRedirect,
  TrafficRewrite,
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

/** The redirect of an in-mesh route rule: its `path` replaces the full path. */
function meshRedirect(r: RouteRedirectInput): TrafficRedirect {
  return {
    ...(r.scheme === undefined ? {} : { scheme: r.scheme }),
    ...(r.hostname === undefined ? {} : { hostname: r.hostname }),
    ...(r.path === undefined ? {} : { path: { type: 'ReplaceFullPath', value: r.path } }),
    ...(r.port === undefined ? {} : { port: r.port }),
    ...(r.statusCode === undefined ? {} : { statusCode: r.statusCode }),
  };
}

/** The rewrite of an in-mesh route rule: its `pathPrefix` replaces the matched prefix. */
function meshRewrite(r: RouteRewriteInput): TrafficRewrite {
  return {
    ...(r.hostname === undefined ? {} : { hostname: r.hostname }),
    ...(r.pathPrefix === undefined ? {} : { path: { type: 'ReplacePrefixMatch', value: r.pathPrefix } }),
  };
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
    ...(rule.redirect === undefined ? {} : { redirect: meshRedirect(rule.redirect) }),
    ...(rule.rewrite === undefined ? {} : { rewrite: meshRewrite(rule.rewrite) }),
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

/** The namespace field of a gateway backend in `gatewayNamespace`: only when it is another one. */
function otherNamespace(namespace: string | undefined, gatewayNamespace: string): { namespace?: string } {
  return namespace === undefined || namespace === gatewayNamespace ? {} : { namespace };
}

/**
 * The ServiceImport backends of a gateway rule of a gateway in `namespace`, with the
 * workload-wide ServiceImport `<name>` of a workload that declares versions replaced by its
 * per-version ServiceImports `<name>-<version>` (versions with traffic, in order), so the load
 * balancer splits by the version weights rather than by pod count. Gateway API weights are
 * relative: a rule whose only backend is such a workload gets the version weights as they are
 * (80/20); beside other backends, each backend's weight (1 when unweighted, as in Gateway API)
 * is multiplied by the version's percent, the others by 100. A rule left with one backend has
 * no weight. A backend in another namespace (`backends[].namespace`) keeps it.
 */
export function gatewayRuleBackends(model: ResolvedTopology, namespace: string, backends: readonly GatewayBackendInput[]): TrafficBackend[] {
  const expanded = backends.map((b) => {
    const w = versionedExportOf(model, b.namespace ?? namespace, b.name);
    return { b, ns: otherNamespace(b.namespace, namespace), versions: w === undefined ? undefined : versionSplitOf(w).filter((v) => v.weight > 0) };
  });
  if (expanded.every((e) => e.versions === undefined)) {
    return expanded.map(({ b, ns }) => ({ service: b.name, ...ns, port: b.port, ...(b.weight === undefined ? {} : { weight: b.weight }) }));
  }
  const out: TrafficBackend[] = expanded.flatMap(({ b, ns, versions }) => {
    const factor = backends.length === 1 ? 1 : (b.weight ?? 1);
    if (versions === undefined) return [{ service: b.name, ...ns, port: b.port, weight: factor * 100 }];
    return versions.map((v) => ({ service: versionServiceName(b.name, v.version), ...ns, port: b.port, weight: factor * v.weight }));
  });
  return out.length === 1 ? out.map(({ weight: _weight, ...rest }) => rest) : out;
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

/** What a gateway rule adds to its backends and matches: header modifiers, redirect, rewrite, timeouts. */
type GatewayRuleFilters = Pick<TrafficRule, 'requestHeaders' | 'responseHeaders' | 'redirect' | 'rewrite' | 'timeout' | 'backendTimeout'>;

/**
 * The rules of a gateway rule whose only backend is ServiceImport `name` (in `ns`) of a workload
 * with an in-mesh route: one per route rule, in order, with the matches of both, the route rule's
 * version backends and weights as per-version ServiceImports (`<name>` for a backend without a
 * version), its mirror to a per-version ServiceImport, and the gateway rule's filters.
 */
function gatewayRulesThroughRoute(
  name: string,
  ns: { namespace?: string },
  port: number,
  matches: readonly TrafficMatch[],
  filters: GatewayRuleFilters,
  routeRules: readonly TrafficRule[],
): TrafficRule[] {
  const importOf = (version: string | undefined) => (version === undefined ? name : versionServiceName(name, version));
  return routeRules.map((r) => ({
    matches: bothMatches(matches, r.matches),
    backends: r.backends.map((b) => ({ service: importOf(b.version), ...ns, port: b.port ?? port, ...(b.weight === undefined ? {} : { weight: b.weight }) })),
    ...(r.mirror === undefined ? {} : { mirror: { service: importOf(r.mirror.version), ...ns, port: r.mirror.port ?? port, percent: r.mirror.percent } }),
    ...filters,
  }));
}

/** Gateway API's `[{ name, value }]` header list as name to value, in order (the rules refuse a name twice). */
function headerRecord(list: readonly GatewayHeaderValueInput[] | undefined): { readonly [name: string]: string } | undefined {
  return list === undefined ? undefined : Object.fromEntries(list.map((h) => [h.name, h.value]));
}

/** A Gateway API header filter in the intent's shape. */
function headerModifier(m: GatewayHeaderModifierInput): HeaderModifierInput {
  const set = headerRecord(m.set);
  const add = headerRecord(m.add);
  return { ...(set === undefined ? {} : { set }), ...(add === undefined ? {} : { add }), ...(m.remove === undefined ? {} : { remove: [...m.remove] }) };
}

/** A Gateway API path modifier in the intent's shape (the rules ensure its value is given). */
function pathModifier(p: GatewayPathModifierInput): TrafficPathModifier {
  return { type: p.type, value: (p.type === 'ReplaceFullPath' ? p.replaceFullPath : p.replacePrefixMatch) ?? '' };
}

/** The filters and timeouts of a gateway rule in the intent's shape (the rules refuse the filter types meshfleet does not write). */
function gatewayRuleFilters(rule: ResolvedGatewayRouteRule): GatewayRuleFilters {
  const of = <T>(pick: (f: GatewayRouteFilterInput) => T | undefined): T | undefined => rule.filters.map(pick).find((x) => x !== undefined);
  const request = of((f) => f.requestHeaderModifier);
  const response = of((f) => f.responseHeaderModifier);
  const redirect = of((f) => f.requestRedirect);
  const rewrite = of((f) => f.urlRewrite);
  const t = rule.timeouts;
  return {
    ...(request === undefined ? {} : { requestHeaders: headerModifier(request) }),
    ...(response === undefined ? {} : { responseHeaders: headerModifier(response) }),
    ...(redirect === undefined
      ? {}
      : {
          redirect: {
            ...(redirect.scheme === undefined ? {} : { scheme: redirect.scheme }),
            ...(redirect.hostname === undefined ? {} : { hostname: redirect.hostname }),
            ...(redirect.path === undefined ? {} : { path: pathModifier(redirect.path) }),
            ...(redirect.port === undefined ? {} : { port: redirect.port }),
            ...(redirect.statusCode === undefined ? {} : { statusCode: redirect.statusCode }),
          },
        }),
    ...(rewrite === undefined
      ? {}
      : { rewrite: { ...(rewrite.hostname === undefined ? {} : { hostname: rewrite.hostname }), ...(rewrite.path === undefined ? {} : { path: pathModifier(rewrite.path) }) } }),
    ...(t?.request === undefined ? {} : { timeout: t.request }),
    ...(t?.backendRequest === undefined ? {} : { backendTimeout: t.backendRequest }),
  };
}

/**
 * The routes of GKE Gateway `g` (`gateways[index]`), shorthands expanded. A multi-cluster class's
 * backends are ServiceImports, a workload with versions reached through its per-version
 * ServiceImports: weighted by its version split (see `gatewayRuleBackends`), or, when it has an
 * in-mesh route and is the rule's only backend, by that route's rules (its matches, weights and
 * mirrors). A single-cluster class's backends are the cluster's Services, as written: the rules
 * refuse a workload with versions or an in-mesh route there, so neither expansion applies.
 * Filters (header modifiers, redirect, rewrite) and timeouts apply to every rule they expand to.
 */
export function gatewayTrafficOf(model: ResolvedTopology, g: ResolvedGateway, index: number): GatewayTrafficIntent {
  const at = `gateways[${index}]`;
  return {
    path: at,
    gateway: g.name,
    namespace: g.namespace,
    backendKind: isMultiClusterGatewayClass(g.className) ? 'ServiceImport' : 'Service',
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
          headers: m.headers.map((h) => ({ ...h })),
          queryParams: m.queryParams.map((q) => ({ ...q })),
          ...(m.method === undefined ? {} : typeof m.method === 'string' ? { method: m.method } : { grpcMethod: { ...m.method } }),
        }));
        const filters = gatewayRuleFilters(rule);
        const only = rule.backends.length === 1 && rule.mirror === undefined ? rule.backends[0] : undefined;
        const routeRules = only === undefined ? undefined : exportedRouteRulesOf(model, only.namespace ?? g.namespace, only.name);
        if (only !== undefined && routeRules !== undefined) {
          return gatewayRulesThroughRoute(only.name, otherNamespace(only.namespace, g.namespace), only.port, matches, filters, routeRules);
        }
        const mirror = rule.mirror;
        return [
          {
            matches,
            backends: gatewayRuleBackends(model, g.namespace, rule.backends),
            ...(mirror === undefined ? {} : { mirror: { service: mirror.backend, ...otherNamespace(mirror.namespace, g.namespace), port: mirror.port, percent: 100 } }),
            ...filters,
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

/** Most `from` and `to` entries of a ReferenceGrant (Gateway API `maxItems`). */
const REFERENCE_GRANT_MAX_TO = 16;

/**
 * What one ReferenceGrant of a multi-cluster Gateway allows: its routes of `kinds` (from the
 * gateway namespace) to reach the ServiceImports `names` of `namespace`; `names` is empty (every
 * ServiceImport of the namespace) when they are more than a ReferenceGrant lists.
 */
export interface GatewayReferenceGrant {
  /** The backends' namespace, where the grant is written. */
  readonly namespace: string;
  readonly name: string;
  readonly kinds: ReadonlyArray<'HTTPRoute' | 'GRPCRoute'>;
  readonly names: readonly string[];
}

/**
 * The ReferenceGrants a multi-cluster Gateway's routes need: one per other namespace that its
 * backends and mirrors name (in order of first use), listing the route kinds that reach it and
 * the ServiceImports they reach (per-version ServiceImports included).
 */
export function gatewayReferenceGrantsOf(traffic: GatewayTrafficIntent): GatewayReferenceGrant[] {
  const grants = new Map<string, { kinds: Set<'HTTPRoute' | 'GRPCRoute'>; names: Set<string> }>();
  for (const route of traffic.routes) {
    const kind = route.protocol === 'grpc' ? 'GRPCRoute' : 'HTTPRoute';
    for (const rule of route.rules) {
      for (const target of [...rule.backends, ...(rule.mirror === undefined ? [] : [rule.mirror])]) {
        if (target.namespace === undefined) continue;
        const grant = grants.get(target.namespace) ?? { kinds: new Set(), names: new Set() };
        grant.kinds.add(kind);
        grant.names.add(target.service);
        grants.set(target.namespace, grant);
      }
    }
  }
  return [...grants].map(([namespace, g]) => ({
    namespace,
    name: gatewayReferenceGrantName(traffic.gateway, traffic.namespace),
    kinds: [...g.kinds],
    names: g.names.size > REFERENCE_GRANT_MAX_TO ? [] : [...g.names],
  }));
}
