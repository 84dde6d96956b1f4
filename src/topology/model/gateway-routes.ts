/**
 * HTTPRoute rules of a multi-cluster Gateway (gateway.networking.k8s.io/v1 on ServiceImports):
 * matches on path, headers, query parameters and method, weighted backends (in the gateway's
 * namespace or, with a ReferenceGrant meshfleet writes, another one), request mirroring,
 * Gateway API's HTTPRouteFilters (header modifiers, redirect, URL rewrite) and timeouts, in
 * Gateway API's shapes (HTTPRouteMatch, HTTPRouteFilter, HTTPRouteTimeouts) so that rules can be
 * pasted from the Gateway API docs. Named `Gateway*` to keep them apart from the in-mesh route
 * model. The GKE blue-green stages are plain rules:
 * a header match to the new cluster's ServiceImport (stage 1), a mirror to it (stage 2),
 * weights 90/10 ... 0/100 (stage 3 onwards).
 */

import { MODEL_DEFAULTS } from '../generated/defaults.generated';
import type { AbsolutePath, DnsLabel, HeaderName, HostName, Port } from './formats';

/** How a header or query parameter value is matched. */
export type ValueMatchType = 'Exact' | 'RegularExpression';

/** HTTP methods a route rule can match. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'CONNECT' | 'OPTIONS' | 'TRACE' | 'PATCH';

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

/** A header or query parameter match, Gateway API's HTTPHeaderMatch / HTTPQueryParamMatch. */
export interface GatewayHeaderMatchInput {
  /** Header (or query parameter) name, e.g. `env`. */
  readonly name: HeaderName;
  /**
   * Value the header must have, e.g. `canary`, or an RE2 regular expression.
   * @minLength 1
   * @maxLength 4096
   */
  readonly value: string;
  /**
   * How `value` is matched.
   * @default "Exact"
   */
  readonly type?: ValueMatchType;
}

/** One match of a rule (Gateway API's HTTPRouteMatch, or GRPCRouteMatch): every given condition must hold. */
export interface GatewayRouteMatchInput {
  /**
   * Path condition (HTTPRoute only).
   * @default none (any path)
   */
  readonly path?: GatewayPathMatchInput;
  /**
   * Headers the request must carry.
   * @minItems 1
   * @maxItems 16
   * @default none
   */
  readonly headers?: GatewayHeaderMatchInput[];
  /**
   * Query parameters the request must carry (HTTPRoute only), e.g. `[{ name: tier, value: gold }]`.
   * @minItems 1
   * @maxItems 16
   * @default none
   */
  readonly queryParams?: GatewayHeaderMatchInput[];
  /**
   * HTTPRoute: the HTTP method, e.g. `GET`. GRPCRoute: the gRPC service and/or method, as
   * Gateway API's GRPCMethodMatch, e.g. `{ service: helloworld.Greeter, method: SayHello }`.
   * @default none (any method)
   */
  readonly method?: HttpMethod | GrpcMethodMatchInput;
}

/** A weighted ServiceImport backend. */
export interface GatewayBackendInput {
  /** ServiceImport name (an exported Service, e.g. `store-west-1`). */
  readonly name: DnsLabel;
  /**
   * Namespace of the ServiceImport: an app namespace that exports it. meshfleet writes a
   * ReferenceGrant there that lets the gateway namespace's routes reach it.
   * @default the gateway's namespace
   */
  readonly namespace?: DnsLabel;
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
  /**
   * Namespace of the ServiceImport (a ReferenceGrant is written there, as for `backends`).
   * @default the gateway's namespace
   */
  readonly namespace?: DnsLabel;
  /** Port of the ServiceImport. */
  readonly port: Port;
}

/**
 * Type of an HTTPRouteFilter. meshfleet writes `RequestHeaderModifier`,
 * `ResponseHeaderModifier`, `RequestRedirect` and `URLRewrite`; the rules refuse `RequestMirror`
 * (the rule's `mirror` says it, so one field owns the checks that its ServiceImport is exported
 * and the per-version expansion), `ExtensionRef` (an implementation's own filter: add it with
 * `patches`) and `CORS` (GKE's classes have no CORS filter).
 */
export type GatewayRouteFilterType = 'RequestHeaderModifier' | 'ResponseHeaderModifier' | 'RequestRedirect' | 'URLRewrite' | 'RequestMirror' | 'ExtensionRef' | 'CORS';

/** A header and its value, Gateway API's HTTPHeader. */
export interface GatewayHeaderValueInput {
  /** Header name, e.g. `x-env`. */
  readonly name: HeaderName;
  /**
   * Header value.
   * @minLength 1
   * @maxLength 4096
   */
  readonly value: string;
}

/** Headers changed on a request or response, Gateway API's HTTPHeaderFilter. */
export interface GatewayHeaderModifierInput {
  /**
   * Headers set (replacing any value).
   * @maxItems 16
   * @default none
   */
  readonly set?: GatewayHeaderValueInput[];
  /**
   * Headers added (beside any value).
   * @maxItems 16
   * @default none
   */
  readonly add?: GatewayHeaderValueInput[];
  /**
   * Names of headers removed.
   * @maxItems 16
   * @default none
   */
  readonly remove?: HeaderName[];
}

/** How a redirect or rewrite changes the path, Gateway API's HTTPPathModifier. */
export interface GatewayPathModifierInput {
  /** `ReplaceFullPath` (the whole path) or `ReplacePrefixMatch` (the prefix the rule's one PathPrefix match matched). */
  readonly type: 'ReplaceFullPath' | 'ReplacePrefixMatch';
  /**
   * The new path, with `type: ReplaceFullPath`.
   * @maxLength 1024
   * @default none
   */
  readonly replaceFullPath?: AbsolutePath;
  /**
   * The new prefix, with `type: ReplacePrefixMatch`, e.g. `/`.
   * @maxLength 1024
   * @default none
   */
  readonly replacePrefixMatch?: AbsolutePath;
}

/** A redirect answer, Gateway API's HTTPRequestRedirectFilter: each given part replaces the request's. */
export interface GatewayRequestRedirectInput {
  /**
   * Scheme of the redirect.
   * @default the request's
   */
  readonly scheme?: 'http' | 'https';
  /**
   * Host of the redirect.
   * @default the request's
   */
  readonly hostname?: HostName;
  /**
   * Path of the redirect.
   * @default the request's
   */
  readonly path?: GatewayPathModifierInput;
  /**
   * Port of the redirect.
   * @default the request's (or the scheme's well-known port when `scheme` is given)
   */
  readonly port?: Port;
  /**
   * HTTP status of the redirect.
   * @default 302
   */
  readonly statusCode?: 301 | 302 | 303 | 307 | 308;
}

/** A rewrite before forwarding, Gateway API's HTTPURLRewriteFilter. */
export interface GatewayUrlRewriteInput {
  /**
   * Replaces the Host header.
   * @default none (host kept)
   */
  readonly hostname?: HostName;
  /**
   * Replaces the path, or the matched prefix.
   * @default none (path kept)
   */
  readonly path?: GatewayPathModifierInput;
}

/**
 * One filter of a rule, Gateway API's HTTPRouteFilter: `type` and the one field of that type,
 * e.g. `{ type: RequestHeaderModifier, requestHeaderModifier: { set: [{ name: x-env, value: prod }] } }`.
 * Each type at most once per rule; a redirect and a rewrite not both.
 */
export interface GatewayRouteFilterInput {
  readonly type: GatewayRouteFilterType;
  /**
   * With `type: RequestHeaderModifier`.
   * @default none
   */
  readonly requestHeaderModifier?: GatewayHeaderModifierInput;
  /**
   * With `type: ResponseHeaderModifier`.
   * @default none
   */
  readonly responseHeaderModifier?: GatewayHeaderModifierInput;
  /**
   * With `type: RequestRedirect`; the rule then has no backends.
   * @default none
   */
  readonly requestRedirect?: GatewayRequestRedirectInput;
  /**
   * With `type: URLRewrite`.
   * @default none
   */
  readonly urlRewrite?: GatewayUrlRewriteInput;
  /**
   * Refused: write the rule's `mirror` instead.
   * @default none
   */
  readonly requestMirror?: { readonly [field: string]: unknown };
  /**
   * Refused: add an implementation's filter with `patches` on the route.
   * @default none
   */
  readonly extensionRef?: { readonly [field: string]: unknown };
}

/**
 * Timeouts of a rule, Gateway API's HTTPRouteTimeouts, in Gateway API Duration format (1 to 4
 * parts of up to 5 digits and h, m, s or ms, e.g. `10s`, `1m30s`; `0s`: no timeout).
 */
export interface GatewayRouteTimeoutsInput {
  /**
   * The whole request, e.g. `10s`.
   * @default none (the load balancer's)
   */
  readonly request?: string;
  /**
   * Each request from the gateway to a backend; at most `request`.
   * @default none (the load balancer's)
   */
  readonly backendRequest?: string;
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
  /**
   * HTTPRouteFilters applied in order (HTTPRoute only): header modifiers, a redirect (then no
   * backends) or a URL rewrite.
   * @maxItems 16
   * @default none
   */
  readonly filters?: GatewayRouteFilterInput[];
  /**
   * Request and backend-request timeouts (HTTPRoute only).
   * @default none (the load balancer's)
   */
  readonly timeouts?: GatewayRouteTimeoutsInput;
}

/** A rule with its shorthands expanded. */
export interface ResolvedGatewayRouteRule {
  readonly matches: ReadonlyArray<{
    readonly path?: Required<GatewayPathMatchInput>;
    readonly headers: ReadonlyArray<Required<GatewayHeaderMatchInput>>;
    readonly queryParams: ReadonlyArray<Required<GatewayHeaderMatchInput>>;
    readonly method?: HttpMethod | ResolvedGrpcMethodMatch;
  }>;
  readonly backends: readonly GatewayBackendInput[];
  readonly mirror?: GatewayMirrorInput;
  /** As written, in order. */
  readonly filters: readonly GatewayRouteFilterInput[];
  readonly timeouts?: GatewayRouteTimeoutsInput;
}

/** `m` with its match type (`Exact` by default). */
function resolveValueMatch(m: GatewayHeaderMatchInput): Required<GatewayHeaderMatchInput> {
  return { name: m.name, value: m.value, type: m.type ?? MODEL_DEFAULTS.GatewayHeaderMatchInput.type };
}

/** Expands `pathPrefix` and `backend` + `port` into `matches` and `backends`. */
export function resolveGatewayRouteRule(rule: GatewayRouteRuleInput): ResolvedGatewayRouteRule {
  const matches =
    rule.matches !== undefined
      ? rule.matches.map((m) => ({
          ...(m.path !== undefined ? { path: { type: m.path.type ?? MODEL_DEFAULTS.GatewayPathMatchInput.type, value: m.path.value } } : {}),
          headers: (m.headers ?? []).map(resolveValueMatch),
          queryParams: (m.queryParams ?? []).map(resolveValueMatch),
          ...(m.method === undefined ? {} : { method: typeof m.method === 'string' ? m.method : resolveGrpcMethodMatch(m.method) }),
        }))
      : rule.pathPrefix !== undefined
        ? [{ path: { type: 'PathPrefix' as const, value: rule.pathPrefix }, headers: [], queryParams: [] }]
        : [];
  const backends = rule.backends !== undefined ? rule.backends.map((b) => ({ ...b })) : rule.backend !== undefined ? [{ name: rule.backend, port: rule.port as number }] : [];
  return {
    matches,
    backends,
    ...(rule.mirror !== undefined ? { mirror: { ...rule.mirror } } : {}),
    filters: [...(rule.filters ?? [])],
    ...(rule.timeouts !== undefined ? { timeouts: { ...rule.timeouts } } : {}),
  };
}
