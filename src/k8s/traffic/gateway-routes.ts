/**
 * GKE Gateway compiler of traffic intent: HTTPRoutes (and GRPCRoutes) attached to a GKE Gateway,
 * every backend a ServiceImport (multi-cluster class) or a Service (single-cluster class). Pure
 * functions from intent to object specs.
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
import { GatewayBackendKind, GatewayRouteIntent, GatewayTrafficIntent, TrafficBackend, TrafficMirror, TrafficRule, ValueMatch } from '../../plan/traffic/intent';
import { grpcMatchesOf, httpRouteFiltersOf, httpRouteTimeoutsOf } from './gamma-routes';

/** API group and kind of the multi-cluster services import a multi-cluster Gateway's backend references target. */
export const SERVICE_IMPORT_GROUP = 'net.gke.io';
export const SERVICE_IMPORT_KIND = 'ServiceImport';
/** API group of Gateway API's objects (Gateways, routes) that ReferenceGrants and policies name. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/**
 * A route's reference to a backend or mirror on its port: a ServiceImport (group and kind named),
 * or a core Service (Gateway API's default group "" and kind Service, left out as upstream writes
 * it); with its namespace when it is in another namespace than the route (a ReferenceGrant there
 * allows it, see `referenceGrantSpec`). The one place a route's backend reference is built.
 */
export function backendRefOf(b: TrafficBackend | TrafficMirror, kind: GatewayBackendKind): { group?: string; kind?: string; name: string; namespace?: string; port: number } {
  return {
    ...(kind === 'ServiceImport' ? { group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND } : {}),
    name: b.service,
    ...(b.namespace === undefined ? {} : { namespace: b.namespace }),
    port: b.port as number,
  };
}

/** A header or query parameter condition; the match type only when not Exact (Gateway API's default). */
function valueMatch<T extends string>(m: ValueMatch): { name: string; value: string; type?: T } {
  return { name: m.name, value: m.value, ...(m.type === 'Exact' ? {} : { type: m.type as T }) };
}

/**
 * The HTTPRoute rule of a rule: matches (path, headers, query parameters, method; those of an
 * in-mesh route the Gateway applies), weighted backends of `kind` (none for a redirect),
 * filters (header modifiers, mirror, redirect, rewrite, in GAMMA's order) and timeouts.
 */
export function httpRouteRule(rule: TrafficRule, kind: GatewayBackendKind): HttpRouteSpecRules {
  const matches = rule.matches.map((m): HttpRouteSpecRulesMatches => ({
    ...(m.path !== undefined ? { path: { type: m.path.type as HttpRouteSpecRulesMatchesPathType, value: m.path.value } } : {}),
    ...(m.headers.length > 0 ? { headers: m.headers.map((h) => valueMatch<HttpRouteSpecRulesMatchesHeadersType>(h)) } : {}),
    ...(m.queryParams.length > 0 ? { queryParams: m.queryParams.map((q) => valueMatch<HttpRouteSpecRulesMatchesQueryParamsType>(q)) } : {}),
    ...(m.method !== undefined ? { method: m.method as HttpRouteSpecRulesMatchesMethod } : {}),
  }));
  const filters = httpRouteFiltersOf(rule, (b) => backendRefOf(b, kind));
  return {
    ...(matches.length > 0 ? { matches } : {}),
    ...(rule.backends.length > 0 ? { backendRefs: rule.backends.map((b) => ({ ...backendRefOf(b, kind), ...(b.weight !== undefined ? { weight: b.weight } : {}) })) } : {}),
    ...(filters.length > 0 ? { filters } : {}),
    ...httpRouteTimeoutsOf(rule),
  };
}

/** The parent of a route of `gateway`: the Gateway by name and namespace, and its listener when the route names one. */
function gatewayParentRef(gateway: GatewayTrafficIntent, route: GatewayRouteIntent): { name: string; namespace: string; sectionName?: string } {
  return { name: gateway.gateway, namespace: gateway.namespace, ...(route.sectionName !== undefined ? { sectionName: route.sectionName } : {}) };
}

/** The HTTPRoute spec of a route of `gateway`: attached to it by name and namespace. */
export function gatewayHttpRouteSpec(gateway: GatewayTrafficIntent, route: GatewayRouteIntent): HttpRouteSpec {
  return {
    parentRefs: [gatewayParentRef(gateway, route)],
    ...(route.hostnames.length > 0 ? { hostnames: [...route.hostnames] } : {}),
    rules: route.rules.map((rule) => httpRouteRule(rule, gateway.backendKind)),
  };
}

/** The GRPCRoute rule of a gRPC rule: matches (gRPC method, headers), weighted backends of `kind`, a mirror filter. */
export function grpcRouteRule(rule: TrafficRule, kind: GatewayBackendKind): GrpcRouteSpecRules {
  const matches = grpcMatchesOf(rule);
  return {
    ...(matches.length > 0 ? { matches } : {}),
    backendRefs: rule.backends.map((b) => ({ ...backendRefOf(b, kind), ...(b.weight !== undefined ? { weight: b.weight } : {}) })),
    ...(rule.mirror !== undefined ? { filters: [{ type: GrpcRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror: { backendRef: backendRefOf(rule.mirror, kind) } }] } : {}),
  };
}

/** The GRPCRoute spec of a gRPC route of `gateway`: attached to it by name and namespace. */
export function gatewayGrpcRouteSpec(gateway: GatewayTrafficIntent, route: GatewayRouteIntent): GrpcRouteSpec {
  return {
    parentRefs: [gatewayParentRef(gateway, route)],
    ...(route.hostnames.length > 0 ? { hostnames: [...route.hostnames] } : {}),
    rules: route.rules.map((rule) => grpcRouteRule(rule, gateway.backendKind)),
  };
}

/**
 * The ReferenceGrant spec of `grant`: routes of its kinds in the gateway namespace may reference
 * the backends it names, of the gateway's backend kind (every one of the namespace when it names none).
 */
export function referenceGrantSpec(gateway: GatewayTrafficIntent, grant: GatewayReferenceGrant): ReferenceGrantSpec {
  const target = gateway.backendKind === 'ServiceImport' ? { group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND } : { group: '', kind: 'Service' };
  return {
    from: grant.kinds.map((kind) => ({ group: GATEWAY_API_GROUP, kind, namespace: gateway.namespace })),
    to: grant.names.length === 0 ? [target] : grant.names.map((name) => ({ ...target, name })),
  };
}
