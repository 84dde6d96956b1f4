/** Explicit in-mesh routes of an app: Istio VirtualServices or GAMMA HTTPRoutes, per `mesh.routing`. */

import type { FaultInjectionInput } from './traffic-policy';
import type { GrpcMethodMatchInput, HttpMethod, RouteKind, ValueMatchType } from './gateway-routes';
import type { AbsolutePath, DnsLabel, Duration, HeaderName, Headers, HostName, Integer, NonEmptyString, NonNegativeInteger, Port, VersionLabel } from './formats';

/**
 * Envoy retry conditions, comma-separated, e.g. `5xx,reset,connect-failure`.
 * @title Envoy retry conditions such as 5xx,reset
 * @predicate RETRY_ON
 */
export type RetryOn = string;

/** How a path is matched: by prefix (path elements in Gateway API), exactly, or by an RE2 regex. */
export type PathMatchType = 'PathPrefix' | 'Exact' | 'RegularExpression';
/** A header or query parameter a request must carry. */
export interface ValueMatchInput {
  /** Header or query parameter name, e.g. `x-user`. */
  readonly name: HeaderName;
  /** Value (or RE2 regex) it must have. */
  readonly value: NonEmptyString;
  /**
   * How the value is matched.
   * @default "Exact"
   */
  readonly type?: ValueMatchType;
}

/** A path condition of a route match. */
export interface PathMatchInput {
  /**
   * How the path is matched.
   * @default "PathPrefix"
   */
  readonly type?: PathMatchType;
  /** Path, prefix or regex, e.g. `/api`. */
  readonly value: NonEmptyString;
}

/** One way a request matches a route rule; every given condition must hold. */
export interface RouteMatchInput {
  /**
   * Path condition (HTTPRoute only).
   * @default none (any path)
   */
  readonly path?: PathMatchInput;
  /**
   * Headers the request must carry.
   * @default []
   */
  readonly headers?: ValueMatchInput[];
  /**
   * Query parameters the request must carry (HTTPRoute only).
   * @default []
   */
  readonly queryParams?: ValueMatchInput[];
  /**
   * HTTPRoute: the HTTP method, e.g. `GET`. GRPCRoute: the gRPC service and/or method, as
   * Gateway API's GRPCMethodMatch, e.g. `{ service: helloworld.Greeter, method: SayHello }`.
   * @default none (any method)
   */
  readonly method?: HttpMethod | GrpcMethodMatchInput;
}

/** Where a rule sends requests: one version of the route's Service (or all of it). */
export interface RouteBackendInput {
  /**
   * A version of the Service's workload, e.g. `v2`.
   * @default none (the Service, every version)
   */
  readonly version?: VersionLabel;
  /**
   * Percent of the rule's requests; given on every backend of a rule or on none.
   * @default none (one backend)
   */
  readonly weight?: Integer;
  /**
   * Service port.
   * @default the workload's Service port
   */
  readonly port?: Port;
}

/** Headers set, added or removed on a request or response. */
export interface HeaderModifierInput {
  /**
   * Headers set (replacing any value), name to value.
   * @default {}
   */
  readonly set?: Headers;
  /**
   * Headers added (beside any value), name to value.
   * @default {}
   */
  readonly add?: Headers;
  /**
   * Names of headers removed.
   * @default []
   */
  readonly remove?: HeaderName[];
}

/** Copies of a rule's requests sent to a version (responses ignored). */
export interface RouteMirrorInput {
  /** The version that receives the copies. */
  readonly version: VersionLabel;
  /**
   * Percent of the requests copied.
   * @default 100
   */
  readonly percent?: number;
}

/** A redirect answer; each given part replaces the request's. */
export interface RouteRedirectInput {
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
   * Full path of the redirect.
   * @default the request's
   */
  readonly path?: AbsolutePath;
  /**
   * Port of the redirect.
   * @default the request's
   */
  readonly port?: Port;
  /**
   * HTTP status of the redirect.
   * @default 302
   */
  readonly statusCode?: 301 | 302;
}

/** A rewrite before forwarding. */
export interface RouteRewriteInput {
  /**
   * Replaces the matched path prefix, e.g. `/`.
   * @default none (path kept)
   */
  readonly pathPrefix?: AbsolutePath;
  /**
   * Replaces the Host header.
   * @default none (host kept)
   */
  readonly hostname?: HostName;
}

/** Retries of a rule (Istio `HTTPRetry`, Istio routing only). */
export interface RouteRetriesInput {
  /** Retries per request; 0 turns retries off. */
  readonly attempts: NonNegativeInteger;
  /**
   * Timeout of each try, e.g. `2s`.
   * @default none (the rule's timeout)
   */
  readonly perTryTimeout?: Duration;
  /**
   * Conditions that trigger a retry.
   * @default none (Istio's)
   */
  readonly retryOn?: RetryOn;
  /**
   * Whether retries may go to endpoints in other localities.
   * @default none (Istio's, false)
   */
  readonly retryRemoteLocalities?: boolean;
}

/** One rule of an in-mesh route. */
export interface MeshRouteRuleInput {
  /**
   * Any one of them selects the rule.
   * @default [] (every request)
   */
  readonly matches?: RouteMatchInput[];
  /**
   * Where matched requests go.
   * @minItems 1
   * @default [{}] (the Service), none with `redirect`
   */
  readonly backends?: RouteBackendInput[];
  /**
   * Copies of the requests sent to a version, `percent` of them.
   * @default none
   */
  readonly mirror?: RouteMirrorInput;
  /**
   * Headers changed on the request.
   * @default none
   */
  readonly requestHeaders?: HeaderModifierInput;
  /**
   * Headers changed on the response.
   * @default none
   */
  readonly responseHeaders?: HeaderModifierInput;
  /**
   * Answer with a redirect instead of routing; each given part replaces the request's.
   * @default none
   */
  readonly redirect?: RouteRedirectInput;
  /**
   * Rewrite before forwarding: the matched path prefix, and/or the Host header.
   * @default none
   */
  readonly rewrite?: RouteRewriteInput;
  /**
   * Request timeout, e.g. `5s` or `500ms`.
   * @default none (the mesh's)
   */
  readonly timeout?: Duration;
  /**
   * Retries (Istio routing only).
   * @default none (the mesh's)
   */
  readonly retries?: RouteRetriesInput;
  /**
   * Faults injected into the rule's requests, Istio's `HTTPFaultInjection`: `delay.{fixedDelay,
   * percentage.value}`, `abort.{httpStatus|grpcStatus, percentage.value}`. Istio routing only
   * (Gateway API has no fault injection).
   * @default none
   */
  readonly fault?: FaultInjectionInput;
}

/** Explicit in-mesh routing of one Service of the app (a VirtualService, or a GAMMA HTTPRoute or GRPCRoute). */
export interface MeshRouteInput {
  /**
   * `GRPCRoute` for a gRPC service (GAMMA, `mesh.routing: gateway-api`): its rules match on the
   * gRPC method (`matches[].method: { service, method, type }`) and headers, and send to
   * backends (with versions and weights), with header modifiers and a mirror.
   * @default "HTTPRoute"
   */
  readonly kind?: RouteKind;
  /**
   * Object name.
   * @default the service
   */
  readonly name?: DnsLabel;
  /** A workload of the app with a port (its Service). */
  readonly service: DnsLabel;
  /**
   * In order: Istio takes the first rule that matches; Gateway API the most specific.
   * @minItems 1
   */
  readonly rules: MeshRouteRuleInput[];
}
