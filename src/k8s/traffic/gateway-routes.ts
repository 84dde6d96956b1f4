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
  HttpRouteSpecRulesMatchesPathType,
} from '../../../imports/gateway.networking.k8s.io';
import { GatewayRouteIntent, GatewayTrafficIntent, TrafficRule } from '../../plan/traffic/intent';
import { grpcMatchesOf } from './gamma-routes';

/** API group and kind of the multi-cluster services import every backend reference targets. */
export const SERVICE_IMPORT_GROUP = 'net.gke.io';
export const SERVICE_IMPORT_KIND = 'ServiceImport';

/** A reference to a ServiceImport on a port. */
function serviceImport(name: string, port: number | undefined): { group: string; kind: string; name: string; port: number } {
  return { group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND, name, port: port as number };
}

/** The HTTPRoute rule of a rule: matches (path, exact headers), weighted ServiceImport backends, a mirror filter. */
export function httpRouteRule(rule: TrafficRule): HttpRouteSpecRules {
  const matches = rule.matches.map((m): HttpRouteSpecRulesMatches => ({
    ...(m.path !== undefined
      ? { path: { type: m.path.type === 'Exact' ? HttpRouteSpecRulesMatchesPathType.EXACT : HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: m.path.value } }
      : {}),
    ...(m.headers.length > 0 ? { headers: m.headers.map((h) => ({ name: h.name, value: h.value })) } : {}),
  }));
  return {
    ...(matches.length > 0 ? { matches } : {}),
    backendRefs: rule.backends.map((b) => ({ ...serviceImport(b.service, b.port), ...(b.weight !== undefined ? { weight: b.weight } : {}) })),
    ...(rule.mirror !== undefined
      ? { filters: [{ type: HttpRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror: { backendRef: serviceImport(rule.mirror.service, rule.mirror.port) } }] }
      : {}),
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
    backendRefs: rule.backends.map((b) => ({ ...serviceImport(b.service, b.port), ...(b.weight !== undefined ? { weight: b.weight } : {}) })),
    ...(rule.mirror !== undefined
      ? { filters: [{ type: GrpcRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror: { backendRef: serviceImport(rule.mirror.service, rule.mirror.port) } }] }
      : {}),
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
