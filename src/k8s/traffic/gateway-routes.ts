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
  HttpRouteSpecRulesFiltersType,
  HttpRouteSpecRulesMatches,
  HttpRouteSpecRulesMatchesHeadersType,
  HttpRouteSpecRulesMatchesMethod,
  HttpRouteSpecRulesMatchesPathType,
  HttpRouteSpecRulesMatchesQueryParamsType,
} from '../../../imports/gateway.networking.k8s.io';
import { GatewayBackendKind, GatewayRouteIntent, GatewayTrafficIntent, TrafficRule, ValueMatch } from '../../plan/traffic/intent';
import { grpcMatchesOf } from './gamma-routes';

/** API group and kind of the multi-cluster services import a multi-cluster Gateway's backend references target. */
export const SERVICE_IMPORT_GROUP = 'net.gke.io';
export const SERVICE_IMPORT_KIND = 'ServiceImport';

/**
 * A route's reference to a backend on a port: a ServiceImport (group and kind named), or a core
 * Service (Gateway API's default group "" and kind Service, left out as upstream writes it).
 */
function backendRef(kind: GatewayBackendKind, name: string, port: number | undefined): { group?: string; kind?: string; name: string; port: number } {
  return kind === 'ServiceImport' ? { group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND, name, port: port as number } : { name, port: port as number };
}

/** A header or query parameter condition; the match type only when not Exact (Gateway API's default). */
function valueMatch<T extends string>(m: ValueMatch): { name: string; value: string; type?: T } {
  return { name: m.name, value: m.value, ...(m.type === 'Exact' ? {} : { type: m.type as T }) };
}

/**
 * The HTTPRoute rule of a rule: matches (path, headers, query parameters, method; those of an
 * in-mesh route the Gateway applies), weighted backends of `kind`, a mirror filter.
 */
export function httpRouteRule(rule: TrafficRule, kind: GatewayBackendKind): HttpRouteSpecRules {
  const matches = rule.matches.map((m): HttpRouteSpecRulesMatches => ({
    ...(m.path !== undefined ? { path: { type: m.path.type as HttpRouteSpecRulesMatchesPathType, value: m.path.value } } : {}),
    ...(m.headers.length > 0 ? { headers: m.headers.map((h) => valueMatch<HttpRouteSpecRulesMatchesHeadersType>(h)) } : {}),
    ...(m.queryParams.length > 0 ? { queryParams: m.queryParams.map((q) => valueMatch<HttpRouteSpecRulesMatchesQueryParamsType>(q)) } : {}),
    ...(m.method !== undefined ? { method: m.method as HttpRouteSpecRulesMatchesMethod } : {}),
  }));
  return {
    ...(matches.length > 0 ? { matches } : {}),
    backendRefs: rule.backends.map((b) => ({ ...backendRef(kind, b.service, b.port), ...(b.weight !== undefined ? { weight: b.weight } : {}) })),
    ...(rule.mirror !== undefined
      ? { filters: [{ type: HttpRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror: { backendRef: backendRef(kind, rule.mirror.service, rule.mirror.port) } }] }
      : {}),
  };
}

/** The HTTPRoute spec of a route of `gateway`: attached to it by name and namespace. */
export function gatewayHttpRouteSpec(gateway: GatewayTrafficIntent, route: GatewayRouteIntent): HttpRouteSpec {
  return {
    parentRefs: [{ name: gateway.gateway, namespace: gateway.namespace }],
    ...(route.hostnames.length > 0 ? { hostnames: [...route.hostnames] } : {}),
    rules: route.rules.map((rule) => httpRouteRule(rule, gateway.backendKind)),
  };
}

/** The GRPCRoute rule of a gRPC rule: matches (gRPC method, headers), weighted backends of `kind`, a mirror filter. */
export function grpcRouteRule(rule: TrafficRule, kind: GatewayBackendKind): GrpcRouteSpecRules {
  const matches = grpcMatchesOf(rule);
  return {
    ...(matches.length > 0 ? { matches } : {}),
    backendRefs: rule.backends.map((b) => ({ ...backendRef(kind, b.service, b.port), ...(b.weight !== undefined ? { weight: b.weight } : {}) })),
    ...(rule.mirror !== undefined
      ? { filters: [{ type: GrpcRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror: { backendRef: backendRef(kind, rule.mirror.service, rule.mirror.port) } }] }
      : {}),
  };
}

/** The GRPCRoute spec of a gRPC route of `gateway`: attached to it by name and namespace. */
export function gatewayGrpcRouteSpec(gateway: GatewayTrafficIntent, route: GatewayRouteIntent): GrpcRouteSpec {
  return {
    parentRefs: [{ name: gateway.gateway, namespace: gateway.namespace }],
    ...(route.hostnames.length > 0 ? { hostnames: [...route.hostnames] } : {}),
    rules: route.rules.map((rule) => grpcRouteRule(rule, gateway.backendKind)),
  };
}
