/**
 * GAMMA compiler of traffic intent (Gateway API for mesh): HTTPRoute (or, for gRPC, GRPCRoute)
 * rules whose parentRef is the Service itself. Versions are addressed through per-version Services `<service>-<version>`.
 * Pure functions from intent to object specs; the constructs only render them.
 */
import {
  GrpcRouteSpec,
  GrpcRouteSpecRules,
  GrpcRouteSpecRulesFilters,
  GrpcRouteSpecRulesFiltersType,
  GrpcRouteSpecRulesMatches,
  GrpcRouteSpecRulesMatchesHeadersType,
  GrpcRouteSpecRulesMatchesMethodType,
  HttpRouteSpec,
  HttpRouteSpecRules,
  HttpRouteSpecRulesBackendRefs,
  HttpRouteSpecRulesFilters,
  HttpRouteSpecRulesFiltersRequestHeaderModifier,
  HttpRouteSpecRulesFiltersRequestMirrorBackendRef,
  HttpRouteSpecRulesFiltersRequestRedirectPathType,
  HttpRouteSpecRulesFiltersRequestRedirectScheme,
  HttpRouteSpecRulesFiltersRequestRedirectStatusCode,
  HttpRouteSpecRulesFiltersType,
  HttpRouteSpecRulesFiltersUrlRewritePathType,
  HttpRouteSpecRulesMatches,
  HttpRouteSpecRulesMatchesHeadersType,
  HttpRouteSpecRulesMatchesMethod,
  HttpRouteSpecRulesMatchesPathType,
  HttpRouteSpecRulesMatchesQueryParamsType,
} from '../../../imports/gateway.networking.k8s.io';
import { versionServiceName } from '../../plan/names';
import { ServiceTrafficIntent, TrafficMirror, TrafficPathModifier, TrafficRule } from '../../plan/traffic/intent';
import { HeaderModifierInput } from '../../topology/model/types';

function gammaHeaderModifier(modifier: HeaderModifierInput): HttpRouteSpecRulesFiltersRequestHeaderModifier {
  const pairs = (record: Record<string, string> | undefined) => (record === undefined ? undefined : Object.entries(record).map(([name, value]) => ({ name, value })));
  return {
    ...(modifier.set === undefined ? {} : { set: pairs(modifier.set) }),
    ...(modifier.add === undefined ? {} : { add: pairs(modifier.add) }),
    ...(modifier.remove === undefined ? {} : { remove: [...modifier.remove] }),
  };
}

/** Backend name of a service or one of its versions: `<service>-<version>`, or `<service>`. */
function backendName(service: string, version: string | undefined): string {
  return version === undefined ? service : versionServiceName(service, version);
}

/** A path modifier of a redirect or rewrite, Gateway API's HTTPPathModifier (`T`: the imported type enum of either). */
function pathModifierOf<T>(p: TrafficPathModifier): { type: T; replaceFullPath?: string; replacePrefixMatch?: string } {
  return p.type === 'ReplaceFullPath' ? { type: p.type as T, replaceFullPath: p.value } : { type: p.type as T, replacePrefixMatch: p.value };
}

/**
 * The HTTPRoute filters of a rule, in a fixed order: request headers, response headers, mirror
 * (to the backend `mirrorRef` gives), redirect, rewrite. Shared by every data plane that writes
 * HTTPRoutes (GAMMA, multi-cluster Gateways), so they say the same.
 */
export function httpRouteFiltersOf(rule: TrafficRule, mirrorRef: (mirror: TrafficMirror) => HttpRouteSpecRulesFiltersRequestMirrorBackendRef): HttpRouteSpecRulesFilters[] {
  const filters: HttpRouteSpecRulesFilters[] = [];
  if (rule.requestHeaders !== undefined) {
    filters.push({ type: HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER, requestHeaderModifier: gammaHeaderModifier(rule.requestHeaders) });
  }
  if (rule.responseHeaders !== undefined) {
    filters.push({ type: HttpRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER, responseHeaderModifier: gammaHeaderModifier(rule.responseHeaders) });
  }
  if (rule.mirror !== undefined) {
    filters.push({ type: HttpRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror: { backendRef: mirrorRef(rule.mirror) } });
  }
  const r = rule.redirect;
  if (r !== undefined) {
    filters.push({
      type: HttpRouteSpecRulesFiltersType.REQUEST_REDIRECT,
      requestRedirect: {
        ...(r.scheme === undefined ? {} : { scheme: r.scheme as HttpRouteSpecRulesFiltersRequestRedirectScheme }),
        ...(r.hostname === undefined ? {} : { hostname: r.hostname }),
        ...(r.path === undefined ? {} : { path: pathModifierOf<HttpRouteSpecRulesFiltersRequestRedirectPathType>(r.path) }),
        ...(r.port === undefined ? {} : { port: r.port }),
        ...(r.statusCode === undefined ? {} : { statusCode: r.statusCode as HttpRouteSpecRulesFiltersRequestRedirectStatusCode }),
      },
    });
  }
  const w = rule.rewrite;
  if (w !== undefined) {
    filters.push({
      type: HttpRouteSpecRulesFiltersType.URL_REWRITE,
      urlRewrite: {
        ...(w.hostname === undefined ? {} : { hostname: w.hostname }),
        ...(w.path === undefined ? {} : { path: pathModifierOf<HttpRouteSpecRulesFiltersUrlRewritePathType>(w.path) }),
      },
    });
  }
  return filters;
}

/** The HTTPRoute `timeouts` of a rule (`request`, `backendRequest`), when it has one. */
export function httpRouteTimeoutsOf(rule: TrafficRule): { timeouts?: { request?: string; backendRequest?: string } } {
  if (rule.timeout === undefined && rule.backendTimeout === undefined) return {};
  return {
    timeouts: {
      ...(rule.timeout === undefined ? {} : { request: rule.timeout }),
      ...(rule.backendTimeout === undefined ? {} : { backendRequest: rule.backendTimeout }),
    },
  };
}

/**
 * One HTTPRoute rule: backends `<service>-<version>` (or `<service>` without a version) on their
 * port or `port`; filters in a fixed order: request headers, response headers, mirror, redirect,
 * rewrite.
 */
export function gammaRuleOf(rule: TrafficRule, port: number): HttpRouteSpecRules {
  const matches: HttpRouteSpecRulesMatches[] = rule.matches.map((m) => ({
    ...(m.path === undefined ? {} : { path: { type: m.path.type as HttpRouteSpecRulesMatchesPathType, value: m.path.value } }),
    ...(m.headers.length === 0 ? {} : { headers: m.headers.map((h) => ({ name: h.name, value: h.value, type: h.type as HttpRouteSpecRulesMatchesHeadersType })) }),
    ...(m.queryParams.length === 0 ? {} : { queryParams: m.queryParams.map((q) => ({ name: q.name, value: q.value, type: q.type as HttpRouteSpecRulesMatchesQueryParamsType })) }),
    ...(m.method === undefined ? {} : { method: m.method as HttpRouteSpecRulesMatchesMethod }),
  }));
  const backendRefs: HttpRouteSpecRulesBackendRefs[] = rule.backends.map((b) => ({
    name: backendName(b.service, b.version),
    port: b.port ?? port,
    ...(b.weight === undefined ? {} : { weight: b.weight }),
  }));
  const filters = httpRouteFiltersOf(rule, (m) => ({ name: backendName(m.service, m.version), port: m.port ?? port }));
  return {
    ...(matches.length === 0 ? {} : { matches }),
    ...(filters.length === 0 ? {} : { filters }),
    ...(backendRefs.length === 0 ? {} : { backendRefs }),
    ...httpRouteTimeoutsOf(rule),
  };
}

/** The parentRef of a GAMMA route: the Service itself (core group, kind Service, its port). */
export function gammaParentRef(traffic: ServiceTrafficIntent): { group: string; kind: string; name: string; port: number } {
  return { group: '', kind: 'Service', name: traffic.service, port: traffic.port };
}

/** The HTTPRoute spec of the in-mesh routing of `traffic` (which has a `mesh` entry). */
export function gammaHttpRouteSpec(traffic: ServiceTrafficIntent): HttpRouteSpec {
  const mesh = traffic.mesh;
  if (mesh === undefined) throw new Error(`service ${traffic.service}: no in-mesh routing`);
  return { parentRefs: [gammaParentRef(traffic)], rules: mesh.rules.map((rule) => gammaRuleOf(rule, traffic.port)) };
}

/**
 * The GRPCRoute matches of a rule: the gRPC method (`{ service, method, type }`) and headers.
 * Shared by every data plane that writes GRPCRoutes.
 */
export function grpcMatchesOf(rule: TrafficRule): GrpcRouteSpecRulesMatches[] {
  return rule.matches.map((m) => ({
    ...(m.grpcMethod === undefined
      ? {}
      : {
          method: {
            ...(m.grpcMethod.service === undefined ? {} : { service: m.grpcMethod.service }),
            ...(m.grpcMethod.method === undefined ? {} : { method: m.grpcMethod.method }),
            type: m.grpcMethod.type as GrpcRouteSpecRulesMatchesMethodType,
          },
        }),
    ...(m.headers.length === 0 ? {} : { headers: m.headers.map((h) => ({ name: h.name, value: h.value, type: h.type as GrpcRouteSpecRulesMatchesHeadersType })) }),
  }));
}

/**
 * One GRPCRoute rule of a gRPC rule: matches (gRPC method, headers), backends
 * `<service>-<version>` (or `<service>`) on their port or `port`; filters in a fixed order:
 * request headers, response headers, mirror.
 */
export function gammaGrpcRuleOf(rule: TrafficRule, port: number): GrpcRouteSpecRules {
  const matches = grpcMatchesOf(rule);
  const filters: GrpcRouteSpecRulesFilters[] = [];
  if (rule.requestHeaders !== undefined) {
    filters.push({ type: GrpcRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER, requestHeaderModifier: gammaHeaderModifier(rule.requestHeaders) });
  }
  if (rule.responseHeaders !== undefined) {
    filters.push({ type: GrpcRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER, responseHeaderModifier: gammaHeaderModifier(rule.responseHeaders) });
  }
  if (rule.mirror !== undefined) {
    filters.push({
      type: GrpcRouteSpecRulesFiltersType.REQUEST_MIRROR,
      requestMirror: { backendRef: { name: backendName(rule.mirror.service, rule.mirror.version), port: rule.mirror.port ?? port } },
    });
  }
  const backendRefs = rule.backends.map((b) => ({ name: backendName(b.service, b.version), port: b.port ?? port, ...(b.weight === undefined ? {} : { weight: b.weight }) }));
  return {
    ...(matches.length === 0 ? {} : { matches }),
    ...(filters.length === 0 ? {} : { filters }),
    ...(backendRefs.length === 0 ? {} : { backendRefs }),
  };
}

/** The GRPCRoute spec of the in-mesh routing of `traffic` (which has a `mesh` entry of protocol `grpc`). */
export function gammaGrpcRouteSpec(traffic: ServiceTrafficIntent): GrpcRouteSpec {
  const mesh = traffic.mesh;
  if (mesh === undefined) throw new Error(`service ${traffic.service}: no in-mesh routing`);
  return { parentRefs: [gammaParentRef(traffic)], rules: mesh.rules.map((rule) => gammaGrpcRuleOf(rule, traffic.port)) };
}
