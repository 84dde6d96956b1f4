/**
 * Multi-cluster Gateway compiler of traffic intent: HTTPRoutes (and GRPCRoutes) attached to a GKE
 * multi-cluster Gateway, every backend a ServiceImport. Pure functions from intent to object specs.
 */
import {
  GrpcRouteSpec,
  GrpcRouteSpecRules,
  GrpcRouteSpecRulesFiltersType,
  HttpRouteSpec,
  HttpRouteSpecRules,
  HttpRouteSpecRulesMatches,
  HttpRouteSpecRulesMatchesHeadersType,
  HttpRouteSpecRulesMatchesMethod,
  HttpRouteSpecRulesMatchesPathType,
  HttpRouteSpecRulesMatchesQueryParamsType,
  ReferenceGrantSpec,
} from '../../../imports/gateway.networking.k8s.io';
import { GatewayReferenceGrant } from '../../plan/traffic/resolve';
import { GatewayRouteIntent, GatewayTrafficIntent, TrafficBackend, TrafficMirror, TrafficRule, ValueMatch } from '../../plan/traffic/intent';
import { grpcMatchesOf, httpRouteFiltersOf, httpRouteTimeoutsOf } from './gamma-routes';

/** API group and kind of the multi-cluster services import every backend reference targets. */
export const SERVICE_IMPORT_GROUP = 'net.gke.io';
export const SERVICE_IMPORT_KIND = 'ServiceImport';
/** API group of the routes a ReferenceGrant lets through. */
const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/**
 * The backend reference of a backend or mirror: a ServiceImport on its port, with its namespace
 * when it is in another namespace than the route (a ReferenceGrant there allows it, see
 * `referenceGrantSpec`). The one place a route's backend reference is built.
 */
export function backendRefOf(b: TrafficBackend | TrafficMirror): { group: string; kind: string; name: string; namespace?: string; port: number } {
  return { group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND, name: b.service, ...(b.namespace === undefined ? {} : { namespace: b.namespace }), port: b.port as number };
}

/** A header or query parameter condition; the match type only when not Exact (Gateway API's default). */
function valueMatch<T extends string>(m: ValueMatch): { name: string; value: string; type?: T } {
  return { name: m.name, value: m.value, ...(m.type === 'Exact' ? {} : { type: m.type as T }) };
}

/**
 * The HTTPRoute rule of a rule: matches (path, headers, query parameters, method; those of an
 * in-mesh route the Gateway applies), weighted ServiceImport backends (none for a redirect),
 * filters (header modifiers, mirror, redirect, rewrite, in GAMMA's order) and timeouts.
 */
export function httpRouteRule(rule: TrafficRule): HttpRouteSpecRules {
  const matches = rule.matches.map((m): HttpRouteSpecRulesMatches => ({
    ...(m.path !== undefined ? { path: { type: m.path.type as HttpRouteSpecRulesMatchesPathType, value: m.path.value } } : {}),
    ...(m.headers.length > 0 ? { headers: m.headers.map((h) => valueMatch<HttpRouteSpecRulesMatchesHeadersType>(h)) } : {}),
    ...(m.queryParams.length > 0 ? { queryParams: m.queryParams.map((q) => valueMatch<HttpRouteSpecRulesMatchesQueryParamsType>(q)) } : {}),
    ...(m.method !== undefined ? { method: m.method as HttpRouteSpecRulesMatchesMethod } : {}),
  }));
  const filters = httpRouteFiltersOf(rule, backendRefOf);
  return {
    ...(matches.length > 0 ? { matches } : {}),
    ...(rule.backends.length > 0 ? { backendRefs: rule.backends.map((b) => ({ ...backendRefOf(b), ...(b.weight !== undefined ? { weight: b.weight } : {}) })) } : {}),
    ...(filters.length > 0 ? { filters } : {}),
    ...httpRouteTimeoutsOf(rule),
  };
}

/** The HTTPRoute spec of a route of `gateway`: attached to it by name and namespace. */
export function gatewayHttpRouteSpec(gateway: GatewayTrafficIntent, route: GatewayRouteIntent): HttpRouteSpec {
  return {
    parentRefs: [{ name: gateway.gateway, namespace: gateway.namespace }],
    ...(route.hostnames.length > 0 ? { hostnames: [...route.hostnames] } : {}),
    rules: route.rules.map(httpRouteRule),
  };
}

/** The GRPCRoute rule of a gRPC rule: matches (gRPC method, headers), weighted ServiceImport backends, a mirror filter. */
export function grpcRouteRule(rule: TrafficRule): GrpcRouteSpecRules {
  const matches = grpcMatchesOf(rule);
  return {
    ...(matches.length > 0 ? { matches } : {}),
    backendRefs: rule.backends.map((b) => ({ ...backendRefOf(b), ...(b.weight !== undefined ? { weight: b.weight } : {}) })),
    ...(rule.mirror !== undefined ? { filters: [{ type: GrpcRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror: { backendRef: backendRefOf(rule.mirror) } }] } : {}),
  };
}

/** The GRPCRoute spec of a gRPC route of `gateway`: attached to it by name and namespace. */
export function gatewayGrpcRouteSpec(gateway: GatewayTrafficIntent, route: GatewayRouteIntent): GrpcRouteSpec {
  return {
    parentRefs: [{ name: gateway.gateway, namespace: gateway.namespace }],
    ...(route.hostnames.length > 0 ? { hostnames: [...route.hostnames] } : {}),
    rules: route.rules.map(grpcRouteRule),
  };
}

/**
 * The ReferenceGrant spec of `grant`: routes of its kinds in the gateway namespace may reference
 * the ServiceImports it names (every ServiceImport of the namespace when it names none).
 */
export function referenceGrantSpec(gateway: GatewayTrafficIntent, grant: GatewayReferenceGrant): ReferenceGrantSpec {
  return {
    from: grant.kinds.map((kind) => ({ group: GATEWAY_API_GROUP, kind, namespace: gateway.namespace })),
    to:
      grant.names.length === 0
        ? [{ group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND }]
        : grant.names.map((name) => ({ group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND, name })),
  };
}
