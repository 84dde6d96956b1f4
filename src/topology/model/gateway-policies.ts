/** Load balancer policies of a GKE Gateway (networking.gke.io/v1), on its backends (ServiceImports or Services) and on the Gateway. */

import type { AbsolutePath, DnsLabel, GcpName, Integer, NonEmptyString, Port, Region } from './formats';

/** Protocol of a load balancer health check. */
export type GatewayHealthCheckType = 'HTTP' | 'HTTPS' | 'HTTP2' | 'TCP' | 'GRPC';

/** A HealthCheckPolicy on one backend. Unset settings are left to the load balancer. */
export interface GatewayHealthCheckInput {
  /** The backend: a ServiceImport name (multi-cluster class), a Service (workload) name (single-cluster class). */
  readonly backend: DnsLabel;
  /**
   * HealthCheckPolicy name.
   * @default `<backend>-healthcheck`
   */
  readonly name?: DnsLabel;
  /**
   * Protocol of the check.
   * @default "HTTP"
   */
  readonly type?: GatewayHealthCheckType;
  /** Request path (HTTP, HTTPS, HTTP2), e.g. `/healthz`. Required for those types; not for TCP or GRPC. */
  readonly path?: AbsolutePath;
  /**
   * Host header (HTTP, HTTPS, HTTP2).
   * @default none
   */
  readonly host?: NonEmptyString;
  /**
   * Fixed port (`portSpecification: USE_FIXED_PORT`).
   * @default the serving port
   */
  readonly port?: Port;
  /**
   * Seconds between two checks, 1 to 300.
   * @minimum 1
   * @maximum 300
   * @default GKE's (5)
   */
  readonly checkIntervalSec?: Integer;
  /**
   * Seconds before a check fails for want of an answer, 1 to 300.
   * @minimum 1
   * @maximum 300
   * @default GKE's (5)
   */
  readonly timeoutSec?: Integer;
  /**
   * Successes in a row that make a backend healthy, 1 to 10.
   * @minimum 1
   * @maximum 10
   * @default GKE's (2)
   */
  readonly healthyThreshold?: Integer;
  /**
   * Failures in a row that make a backend unhealthy, 1 to 10.
   * @minimum 1
   * @maximum 10
   * @default GKE's (2)
   */
  readonly unhealthyThreshold?: Integer;
}

/** Session affinity of a backend service. */
export type GatewaySessionAffinityType = 'CLIENT_IP' | 'GENERATED_COOKIE' | 'NONE';

/** Session affinity of a GCPBackendPolicy. */
export interface GatewaySessionAffinityInput {
  /** Which requests go to the same backend: by client IP, by a generated cookie, or none. */
  readonly type: GatewaySessionAffinityType;
  /**
   * Lifetime in seconds of the `GENERATED_COOKIE` cookie, at most 14 days.
   * @minimum 0
   * @maximum 1209600
   * @default the load balancer's
   */
  readonly cookieTtlSec?: Integer;
}

/** Access logging of a GCPBackendPolicy. */
export interface GatewayLoggingInput {
  /** Log the load balancer's requests to Cloud Logging. */
  readonly enabled: boolean;
  /**
   * Share of the requests logged, in millionths (1000000 logs every request).
   * @minimum 0
   * @maximum 1000000
   * @default the load balancer's
   */
  readonly sampleRate?: Integer;
}

/** The OAuth client secret of Identity-Aware Proxy: a Secret in the gateway's namespace, key `key`. */
export interface GatewayIapSecretRefInput {
  /** Name of the Secret (the operator creates it; the runbook says how). */
  readonly name: DnsLabel;
}

/**
 * Identity-Aware Proxy on a backend, upstream's GCPBackendPolicy `iap` shape. Only for classes
 * that support IAP (see `gateway-classes.ts`).
 */
export interface GatewayIapInput {
  /** Authenticate and authorize every request to the backend. */
  readonly enabled: boolean;
  /** OAuth 2.0 client ID, e.g. `123-abc.apps.googleusercontent.com`. Required when enabled. */
  readonly clientID?: NonEmptyString;
  /** The Secret holding the OAuth client secret. Required when enabled. */
  readonly oauth2ClientSecret?: GatewayIapSecretRefInput;
}

/** A GCPBackendPolicy on one backend. Only given settings are written. */
export interface GatewayBackendPolicyInput {
  /** The backend: a ServiceImport name (multi-cluster class), a Service (workload) name (single-cluster class). */
  readonly backend: DnsLabel;
  /**
   * GCPBackendPolicy name.
   * @default `<backend>-backendpolicy`
   */
  readonly name?: DnsLabel;
  /**
   * Backend service timeout in seconds.
   * @minimum 1
   * @maximum 2147483647
   * @default GKE's (30)
   */
  readonly timeoutSec?: Integer;
  /**
   * Connection draining timeout in seconds, at most an hour.
   * @minimum 0
   * @maximum 3600
   * @default GKE's (0)
   */
  readonly drainingTimeoutSec?: Integer;
  /**
   * Session affinity of the backend service.
   * @default none (the load balancer's)
   */
  readonly sessionAffinity?: GatewaySessionAffinityInput;
  /**
   * Load balancer access logging.
   * @default none
   */
  readonly logging?: GatewayLoggingInput;
  /**
   * Name of a Cloud Armor security policy (a regional one of the gateway's region for a regional
   * class). Only for classes with Cloud Armor (the external ones, see `gateway-classes.ts`).
   * @default none
   */
  readonly securityPolicy?: GcpName;
  /**
   * Target requests per second per endpoint (pod), the capacity that traffic-based autoscaling
   * and load balancing use. Single-cluster classes only: a multi-cluster Gateway takes capacity
   * from the Service annotation `networking.gke.io/max-rate-per-endpoint`.
   * @minimum 1
   * @maximum 1000000000
   * @default GKE's (1e8)
   */
  readonly maxRatePerEndpoint?: Integer;
  /**
   * Identity-Aware Proxy in front of the backend.
   * @default none (IAP off)
   */
  readonly iap?: GatewayIapInput;
}

/** A GCPGatewayPolicy on the Gateway. Only given settings are written. */
export interface GatewayPolicyInput {
  /**
   * GCPGatewayPolicy name.
   * @default `<gateway name>-policy`
   */
  readonly name?: DnsLabel;
  /**
   * Clients of every region reach a regional internal Gateway (gke-l7-rilb-mc only).
   * @default none (clients of the Gateway's region only)
   */
  readonly allowGlobalAccess?: boolean;
  /**
   * Name of an SSL policy for the HTTPS listeners (the gateway needs one: `listeners[].protocol: HTTPS`).
   * @default none (Google's default SSL policy)
   */
  readonly sslPolicy?: GcpName;
  /**
   * Region of a regional multi-cluster Gateway (gke-l7-rilb-mc, gke-l7-regional-external-managed-mc).
   * @default the config cluster's region
   */
  readonly region?: Region;
}

/** Name of the HealthCheckPolicy of a backend. */
export function healthCheckPolicyName(backend: string): string {
  return `${backend}-healthcheck`;
}

/** Name of the GCPBackendPolicy of a backend. */
export function backendPolicyName(backend: string): string {
  return `${backend}-backendpolicy`;
}

/** Name of the GCPGatewayPolicy of a Gateway. */
export function gatewayPolicyName(gateway: string): string {
  return `${gateway}-policy`;
}
