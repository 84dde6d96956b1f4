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
  HttpRouteSpecRulesFiltersType,
  HttpRouteSpecRulesMatches,
  HttpRouteSpecRulesMatchesHeadersType,
  HttpRouteSpecRulesMatchesMethod,
  HttpRouteSpecRulesMatchesPathType,
  HttpRouteSpecRulesMatchesQueryParamsType,
} from '../../../imports/gateway.networking.k8s.io';
import { GatewayRouteIntent, GatewayTrafficIntent, TrafficRule, ValueMatch } from '../../plan/traffic/intent';
import { grpcMatchesOf } from './gamma-routes';

/** API group and kind of the multi-cluster services import every backend reference targets. */
export const SERVICE_IMPORT_GROUP = 'net.gke.io';
export const SERVICE_IMPORT_KIND = 'ServiceImport';

/** A reference to a ServiceImport on a port. */
function serviceImport(name: string, port: number | undefined): { group: string; kind: string; name: string; port: number } {
  return { group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND, name, port: port as number };
}

/** A header or query parameter condition; the match type only when not Exact (Gateway API's default). */
function valueMatch<T extends string>(m: ValueMatch): { name: string; value: string; type?: T } {
  return { name: m.name, value: m.value, ...(m.type === 'Exact' ? {} : { type: m.type as T }) };
}

/**
 * The HTTPRoute rule of a rule: matches (path, headers, query parameters, method; those of an
 * in-mesh route the Gateway applies), weighted ServiceImport backends, a mirror filter.
 */
export function httpRouteRule(rule: TrafficRule): HttpRouteSpecRules {
  const matches = rule.matches.map((m): HttpRouteSpecRulesMatches => ({
    ...(m.path !== undefined ? { path: { type: m.path.type as HttpRouteSpecRulesMatchesPathType, value: m.path.value } } : {}),
    ...(m.headers.length > 0 ? { headers: m.headers.map((h) => valueMatch<HttpRouteSpecRulesMatchesHeadersType>(h)) } : {}),
    ...(m.queryParams.length > 0 ? { queryParams: m.queryParams.map((q) => valueMatch<HttpRouteSpecRulesMatchesQueryParamsType>(q)) } : {}),
    ...(m.method !== undefined ? { method: m.method as HttpRouteSpecRulesMatchesMethod } : {}),
  }));
  return {
    ...(matches.length > 0 ? { matches } : {}),
    backendRefs: rule.backends.map((b) => ({ ...serviceImport(b.service, b.port), ...(b.weight !== undefined ? { weight: b.weight } : {}) })),
    ...(rule.mirror !== undefined
      ? { filters: [{ type: HttpRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror: { backendRef: serviceImport(rule.mirror.service, rule.mirror.port) } }] }
      : {}),
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
    rules: route.rules.map(httpRouteRule),
  };
}

/** The GRPCRoute rule of a gRPC rule: matches (gRPC method, headers), weighted ServiceImport backends, a mirror filter. */
export function grpcRouteRule(rule: TrafficRule): GrpcRouteSpecRules {
  const matches = grpcMatchesOf(rule);
  return {
    ...(matches.length > 0 ? { matches } : {}),
    backendRefs: rule.backends.map((b) => ({ ...serviceImport(b.service, b.port), ...(b.weight !== undefined ? { weight: b.weight } : {}) })),
    ...(rule.mirror !== undefined
      ? { filters: [{ type: GrpcRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror: { backendRef: serviceImport(rule.mirror.service, rule.mirror.port) } }] }
      : {}),
  };
}

/** The GRPCRoute spec of a gRPC route of `gateway`: attached to it by name and namespace. */
export function gatewayGrpcRouteSpec(gateway: GatewayTrafficIntent, route: GatewayRouteIntent): GrpcRouteSpec {
  return {
    parentRefs: [gatewayParentRef(gateway, route)],
    ...(route.hostnames.length > 0 ? { hostnames: [...route.hostnames] } : {}),
    rules: route.rules.map(grpcRouteRule),
  };
}
