/**
 * HTTPRoute rules of a multi-cluster Gateway (gateway.networking.k8s.io/v1 on ServiceImports):
 * matches on path and headers, weighted backends, request mirroring. Named `Gateway*` to keep
 * them apart from the in-mesh route model. The GKE blue-green stages are plain rules:
 * a header match to the new cluster's ServiceImport (stage 1), a mirror to it (stage 2),
 * weights 90/10 ... 0/100 (stage 3 onwards).
 */

import { MODEL_DEFAULTS } from '../generated/defaults.generated';
import type { AbsolutePath, DnsLabel, HeaderName, Port } from './formats';

/**
 * A relative backend weight of an HTTPRoute, from 0 to 1,000,000.
 * @asType integer
 * @minimum 0
 * @maximum 1000000
 */
export type GatewayBackendWeight = number;

/**
 * Kind of a route, as Gateway API names it: `HTTPRoute`, or `GRPCRoute` for a gRPC service
 * (matches on the gRPC service and method, and on headers).
 */
export type RouteKind = 'HTTPRoute' | 'GRPCRoute';

/** How a gRPC service and method are matched. */
export type GrpcMethodMatchType = 'Exact' | 'RegularExpression';

/**
 * A gRPC method match, in the shape of Gateway API's GRPCMethodMatch (GRPCRoute
 * `matches[].method`): the request's gRPC service and/or method. At least one of `service` and
 * `method` is given.
 */
export interface GrpcMethodMatchInput {
  /**
   * How `service` and `method` are matched.
   * @default "Exact"
   */
  readonly type?: GrpcMethodMatchType;
  /**
   * Fully qualified gRPC service, e.g. `helloworld.Greeter`.
   * @minLength 1
   * @maxLength 1024
   * @default none (any service)
   */
  readonly service?: string;
  /**
   * gRPC method of the service, e.g. `SayHello`.
   * @minLength 1
   * @maxLength 1024
   * @default none (any method)
   */
  readonly method?: string;
}

/** A gRPC method match with its default match type. */
export interface ResolvedGrpcMethodMatch {
  readonly type: GrpcMethodMatchType;
  readonly service?: string;
  readonly method?: string;
}

/** `m` with its match type (`Exact` by default). */
export function resolveGrpcMethodMatch(m: GrpcMethodMatchInput): ResolvedGrpcMethodMatch {
  return {
    type: m.type ?? MODEL_DEFAULTS.GrpcMethodMatchInput.type,
    ...(m.service === undefined ? {} : { service: m.service }),
    ...(m.method === undefined ? {} : { method: m.method }),
  };
}

/** A path match. */
export interface GatewayPathMatchInput {
  /**
   * How the path is matched: by path-element prefix, or exactly.
   * @default "PathPrefix"
   */
  readonly type?: 'PathPrefix' | 'Exact';
  /** The path, e.g. `/west`. */
  readonly value: AbsolutePath;
}

/** A header match (exact value). */
export interface GatewayHeaderMatchInput {
  /** Header name, e.g. `env`. */
  readonly name: HeaderName;
  /**
   * Value the header must have, e.g. `canary`.
   * @minLength 1
   * @maxLength 4096
   */
  readonly value: string;
}

/** One match of a rule: every given condition must hold. */
export interface GatewayRouteMatchInput {
  /**
   * Path condition (HTTPRoute only).
   * @default none (any path)
   */
  readonly path?: GatewayPathMatchInput;
  /**
   * Headers the request must carry.
   * @minItems 1
   * @default none
   */
  readonly headers?: GatewayHeaderMatchInput[];
  /**
   * GRPCRoute only: the gRPC service and/or method.
   * @default none (any method)
   */
  readonly method?: GrpcMethodMatchInput;
}

/** A weighted ServiceImport backend. */
export interface GatewayBackendInput {
  /** ServiceImport name (an exported Service, e.g. `store-west-1`). */
  readonly name: DnsLabel;
  /** Port of the ServiceImport. */
  readonly port: Port;
  /**
   * Relative weight.
   * @default none (Gateway API's 1)
   */
  readonly weight?: GatewayBackendWeight;
}

/** A RequestMirror filter to a ServiceImport. */
export interface GatewayMirrorInput {
  /** ServiceImport that receives the copies. */
  readonly backend: DnsLabel;
  /** Port of the ServiceImport. */
  readonly port: Port;
}

/**
 * One rule of an HTTPRoute. The backend is either `backend` + `port` (one ServiceImport, seed
 * 003's shorthand) or `backends` (weighted); the match either `pathPrefix` (shorthand) or
 * `matches`.
 */
export interface GatewayRouteRuleInput {
  /**
   * Path prefix the rule matches, e.g. `/west` (shorthand of `matches`).
   * @default none (matches every path)
   */
  readonly pathPrefix?: AbsolutePath;
  /**
   * Any one of them selects the rule.
   * @minItems 1
   * @default none; with neither this nor `pathPrefix` the rule matches every request
   */
  readonly matches?: GatewayRouteMatchInput[];
  /** ServiceImport name (an exported Service). Or `backends`. */
  readonly backend?: DnsLabel;
  /** Port of `backend`. */
  readonly port?: Port;
  /**
   * Weighted ServiceImports. Or `backend` + `port`.
   * @minItems 1
   */
  readonly backends?: GatewayBackendInput[];
  /**
   * Copy every request to this ServiceImport too (responses ignored).
   * @default none
   */
  readonly mirror?: GatewayMirrorInput;
}

/** A rule with its shorthands expanded. */
export interface ResolvedGatewayRouteRule {
  readonly matches: ReadonlyArray<{
    readonly path?: Required<GatewayPathMatchInput>;
    readonly headers: readonly GatewayHeaderMatchInput[];
    readonly method?: ResolvedGrpcMethodMatch;
  }>;
  readonly backends: readonly GatewayBackendInput[];
  readonly mirror?: GatewayMirrorInput;
}

/** Expands `pathPrefix` and `backend` + `port` into `matches` and `backends`. */
export function resolveGatewayRouteRule(rule: GatewayRouteRuleInput): ResolvedGatewayRouteRule {
  const matches =
    rule.matches !== undefined
      ? rule.matches.map((m) => ({
          ...(m.path !== undefined ? { path: { type: m.path.type ?? MODEL_DEFAULTS.GatewayPathMatchInput.type, value: m.path.value } } : {}),
          headers: (m.headers ?? []).map((h) => ({ ...h })),
          ...(m.method !== undefined ? { method: resolveGrpcMethodMatch(m.method) } : {}),
        }))
      : rule.pathPrefix !== undefined
        ? [{ path: { type: 'PathPrefix' as const, value: rule.pathPrefix }, headers: [] }]
        : [];
  const backends = rule.backends !== undefined ? rule.backends.map((b) => ({ ...b })) : rule.backend !== undefined ? [{ name: rule.backend, port: rule.port as number }] : [];
  return { matches, backends, ...(rule.mirror !== undefined ? { mirror: { ...rule.mirror } } : {}) };
}
