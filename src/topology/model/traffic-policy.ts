/**
 * Istio traffic policy (DestinationRule `trafficPolicy`), fault injection (VirtualService
 * `http[].fault`) and retries (`http[].retries`), in Istio's own field names, so that a snippet
 * from the Istio documentation pastes as it is. A subset of upstream's fields: the ones platform
 * teams use (circuit breaking, outlier detection, load balancing and locality failover, client
 * TLS, per-port settings); the API-server checks of `meshfleet validate` read the rest of the
 * vendored CRD.
 */

import type { Integer, NonEmptyString, Percent, Port } from './formats';

/**
 * A duration in Istio's (Go's) form: a whole number of hours, minutes, seconds or milliseconds,
 * at least 1ms, e.g. `30s`, `100ms`, `1m` (checked by the traffic policy rules).
 * @title duration such as 30s or 100ms
 */
export type IstioDuration = string;

/** TCP keepalive of the upstream connections (Istio `ConnectionPoolSettings.TCPSettings.TcpKeepalive`). */
export interface TcpKeepaliveInput {
  /**
   * Unanswered probes before the connection is dead.
   * @default none (the operating system's, 9 on Linux)
   */
  readonly probes?: Integer;
  /**
   * Idle time before the first probe.
   * @default none (the operating system's, 2h on Linux)
   */
  readonly time?: IstioDuration;
  /**
   * Time between probes.
   * @default none (the operating system's, 75s on Linux)
   */
  readonly interval?: IstioDuration;
}

/** TCP connection pool (Istio `ConnectionPoolSettings.TCPSettings`). */
export interface TcpConnectionPoolInput {
  /**
   * Most connections to the destination (per client proxy).
   * @default none (Istio's, 2^32-1)
   */
  readonly maxConnections?: Integer;
  /**
   * TCP connect timeout.
   * @default none (Istio's, 10s)
   */
  readonly connectTimeout?: IstioDuration;
  /**
   * TCP keepalive probes on the upstream connections.
   * @default none (no keepalive)
   */
  readonly tcpKeepalive?: TcpKeepaliveInput;
}

/** HTTP connection pool (Istio `ConnectionPoolSettings.HTTPSettings`). */
export interface HttpConnectionPoolInput {
  /**
   * Most requests queued while waiting for a connection.
   * @default none (Istio's, 2^32-1)
   */
  readonly http1MaxPendingRequests?: Integer;
  /**
   * Most active requests to the destination.
   * @default none (Istio's, 2^32-1)
   */
  readonly http2MaxRequests?: Integer;
  /**
   * Most requests per connection; 1 turns keep-alive off.
   * @default none (unlimited)
   */
  readonly maxRequestsPerConnection?: Integer;
  /**
   * Most outstanding retries to the destination at a time.
   * @default none (Istio's, 2^32-1)
   */
  readonly maxRetries?: Integer;
  /**
   * Idle timeout of the upstream connections.
   * @default none (Istio's, 1h)
   */
  readonly idleTimeout?: IstioDuration;
  /**
   * Whether HTTP/1.1 connections are upgraded to HTTP/2.
   * @default none (the mesh's)
   */
  readonly h2UpgradePolicy?: 'DEFAULT' | 'DO_NOT_UPGRADE' | 'UPGRADE';
}

/** Connection pool limits: Istio's circuit breaker (`ConnectionPoolSettings`). */
export interface ConnectionPoolInput {
  /**
   * TCP settings (HTTP and TCP traffic).
   * @default none
   */
  readonly tcp?: TcpConnectionPoolInput;
  /**
   * HTTP settings.
   * @default none
   */
  readonly http?: HttpConnectionPoolInput;
}

/** Ejection of failing endpoints from the load balancing pool (Istio `OutlierDetection`). */
export interface OutlierDetectionInput {
  /**
   * 5xx answers (and connection errors) in a row that eject an endpoint.
   * @default none (Istio's, 5)
   */
  readonly consecutive5xxErrors?: Integer;
  /**
   * 502, 503 and 504 answers (and connection errors) in a row that eject an endpoint.
   * @default none (off)
   */
  readonly consecutiveGatewayErrors?: Integer;
  /**
   * Time between ejection sweeps.
   * @default none (Istio's, 10s)
   */
  readonly interval?: IstioDuration;
  /**
   * Minimum ejection time (times the number of ejections).
   * @default none (Istio's, 30s)
   */
  readonly baseEjectionTime?: IstioDuration;
  /**
   * Most percent of the pool ejected at once, 0..100.
   * @default none (Istio's, 10)
   */
  readonly maxEjectionPercent?: Percent;
  /**
   * Outlier detection stays on while at least this percent of the pool is healthy, 0..100.
   * @default none (Istio's, 0)
   */
  readonly minHealthPercent?: Percent;
}

/** Traffic from one locality spread over others (Istio `LocalityLoadBalancerSetting.Distribute`). */
export interface LocalityDistributeInput {
  /** Origin locality `region/zone/subzone`, `*` as a wildcard, e.g. `us-west1/*`. */
  readonly from: NonEmptyString;
  /** Destination locality to percent of the traffic; the percents sum to 100, e.g. `{ "us-west1/*": 80, "us-east1/*": 20 }`. */
  readonly to: Record<string, Percent>;
}

/** Where traffic of a region goes when its endpoints are unhealthy (Istio `LocalityLoadBalancerSetting.Failover`). */
export interface LocalityFailoverInput {
  /** Origin region, e.g. `us-west1`. */
  readonly from: NonEmptyString;
  /** Region that takes its traffic, e.g. `us-east1`. */
  readonly to: NonEmptyString;
}

/** Locality-aware load balancing (Istio `LocalityLoadBalancerSetting`); needs `outlierDetection`. */
export interface LocalityLbSettingInput {
  /**
   * Locality load balancing on or off for this destination.
   * @default none (the mesh's, on)
   */
  readonly enabled?: boolean;
  /**
   * Weighted spread per origin locality (not with `failover` or `failoverPriority`).
   * @default []
   */
  readonly distribute?: LocalityDistributeInput[];
  /**
   * Explicit failover region per origin region (not with `distribute`).
   * @default [] (Istio's: the nearest locality)
   */
  readonly failover?: LocalityFailoverInput[];
  /**
   * Labels in priority order, e.g. `topology.istio.io/network` (not with `distribute`).
   * @default []
   */
  readonly failoverPriority?: NonEmptyString[];
}

/** Consistent hashing (session affinity) of Istio `LoadBalancerSettings.ConsistentHashLB`; one of its keys. */
export interface ConsistentHashInput {
  /**
   * Hash on this request header.
   * @default none
   */
  readonly httpHeaderName?: NonEmptyString;
  /**
   * Hash on this cookie (created with `ttl` when missing).
   * @default none
   */
  readonly httpCookie?: { readonly name: NonEmptyString; readonly path?: NonEmptyString; readonly ttl?: IstioDuration };
  /**
   * Hash on the source IP address.
   * @default none
   */
  readonly useSourceIp?: boolean;
  /**
   * Hash on this query parameter.
   * @default none
   */
  readonly httpQueryParameterName?: NonEmptyString;
}

/** Load balancing (Istio `LoadBalancerSettings`): `simple` or `consistentHash`, and locality settings. */
export interface LoadBalancerInput {
  /**
   * Algorithm (not with `consistentHash`).
   * @default none (Istio's, LEAST_REQUEST)
   */
  readonly simple?: 'UNSPECIFIED' | 'LEAST_CONN' | 'RANDOM' | 'PASSTHROUGH' | 'ROUND_ROBIN' | 'LEAST_REQUEST';
  /**
   * Session affinity by hash (not with `simple`).
   * @default none
   */
  readonly consistentHash?: ConsistentHashInput;
  /**
   * Locality-aware load balancing: failover across regions, or a weighted distribution.
   * @default none (the mesh's)
   */
  readonly localityLbSetting?: LocalityLbSettingInput;
}

/** TLS of the connections to the destination (Istio `ClientTLSSettings`). */
export interface ClientTlsInput {
  /** `ISTIO_MUTUAL` (the mesh's mTLS), `SIMPLE` or `MUTUAL` (origination to a server outside the mesh), `DISABLE`. */
  readonly mode: 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';
  /**
   * Kubernetes Secret (in the client's namespace) with the client certificate, key and CA (`SIMPLE`, `MUTUAL`).
   * @default none
   */
  readonly credentialName?: NonEmptyString;
  /**
   * Server name sent in the TLS handshake.
   * @default none (the host)
   */
  readonly sni?: NonEmptyString;
  /**
   * Names the server certificate must carry.
   * @default []
   */
  readonly subjectAltNames?: NonEmptyString[];
  /**
   * Skip the server certificate check. Not recommended.
   * @default false
   */
  readonly insecureSkipVerify?: boolean;
}

/** Settings of one port of the destination (Istio `TrafficPolicy.PortTrafficPolicy`); they replace the policy's. */
export interface PortTrafficPolicyInput {
  /** The destination port. */
  readonly port: { readonly number: Port };
  /** @default none */
  readonly connectionPool?: ConnectionPoolInput;
  /** @default none */
  readonly outlierDetection?: OutlierDetectionInput;
  /** @default none */
  readonly loadBalancer?: LoadBalancerInput;
  /** @default none */
  readonly tls?: ClientTlsInput;
}

/**
 * How mesh clients call a Service: Istio's DestinationRule `trafficPolicy`, field for field.
 * meshfleet writes the DestinationRule (host: the Service) wherever the Service's callers are.
 */
export interface TrafficPolicyInput {
  /**
   * Connection pool limits (circuit breaking).
   * @default none (Istio's, unlimited)
   */
  readonly connectionPool?: ConnectionPoolInput;
  /**
   * Ejection of failing endpoints; locality failover needs it.
   * @default none (no ejection)
   */
  readonly outlierDetection?: OutlierDetectionInput;
  /**
   * Load balancing.
   * @default none (Istio's, LEAST_REQUEST)
   */
  readonly loadBalancer?: LoadBalancerInput;
  /**
   * Client TLS.
   * @default none (the mesh's automatic mTLS)
   */
  readonly tls?: ClientTlsInput;
  /**
   * Settings per port, replacing the policy's for that port.
   * @default []
   */
  readonly portLevelSettings?: PortTrafficPolicyInput[];
}

/** A percentage of requests, 0..100 with decimals (Istio `Percent`). */
export interface IstioPercentInput {
  /** Percent of the requests, 0..100, e.g. `0.1`. */
  readonly value: number;
}

/** Delay injected before forwarding (Istio `HTTPFaultInjection.Delay`). */
export interface FaultDelayInput {
  /** The delay, e.g. `7s`. */
  readonly fixedDelay: IstioDuration;
  /**
   * Share of the requests delayed.
   * @default none (every request)
   */
  readonly percentage?: IstioPercentInput;
}

/** Error answered instead of forwarding (Istio `HTTPFaultInjection.Abort`): `httpStatus` or `grpcStatus`. */
export interface FaultAbortInput {
  /**
   * HTTP status answered, 200..599.
   * @default none (grpcStatus)
   */
  readonly httpStatus?: Integer;
  /**
   * gRPC status answered, e.g. `UNAVAILABLE`.
   * @default none (httpStatus)
   */
  readonly grpcStatus?: NonEmptyString;
  /**
   * Share of the requests aborted.
   * @default none (every request)
   */
  readonly percentage?: IstioPercentInput;
}

/** Faults injected into a rule's requests (Istio `HTTPFaultInjection`, istio routing only). */
export interface FaultInjectionInput {
  /**
   * Delay before forwarding.
   * @default none
   */
  readonly delay?: FaultDelayInput;
  /**
   * Error answered instead of forwarding.
   * @default none
   */
  readonly abort?: FaultAbortInput;
}
