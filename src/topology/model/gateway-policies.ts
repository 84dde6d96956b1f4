/** Load balancer policies of a multi-cluster Gateway (networking.gke.io/v1). */

/** Protocol of a load balancer health check. */
export type GatewayHealthCheckType = 'HTTP' | 'HTTPS' | 'HTTP2' | 'TCP' | 'GRPC';

/** A HealthCheckPolicy on one ServiceImport. Unset settings are left to the load balancer. */
export interface GatewayHealthCheckInput {
  /** ServiceImport name. */
  readonly backend: string;
  /** @default "<backend>-healthcheck" */
  readonly name?: string;
  /** @default "HTTP" */
  readonly type?: GatewayHealthCheckType;
  /** Request path (HTTP, HTTPS, HTTP2). Required for those types; not for TCP or GRPC. */
  readonly path?: string;
  /** Host header (HTTP, HTTPS, HTTP2). @default none */
  readonly host?: string;
  /** Fixed port (`portSpecification: USE_FIXED_PORT`). @default the serving port */
  readonly port?: number;
  /** @default GKE's (5) */
  readonly checkIntervalSec?: number;
  /** @default GKE's (5) */
  readonly timeoutSec?: number;
  /** @default GKE's (2) */
  readonly healthyThreshold?: number;
  /** @default GKE's (2) */
  readonly unhealthyThreshold?: number;
}

/** Session affinity of a backend service. */
export type GatewaySessionAffinityType = 'CLIENT_IP' | 'GENERATED_COOKIE' | 'NONE';

/** A GCPBackendPolicy on one ServiceImport. Only given settings are written. */
export interface GatewayBackendPolicyInput {
  /** ServiceImport name. */
  readonly backend: string;
  /** @default "<backend>-backendpolicy" */
  readonly name?: string;
  /** Backend service timeout. @default GKE's (30) */
  readonly timeoutSec?: number;
  /** Connection draining timeout. @default GKE's (0) */
  readonly drainingTimeoutSec?: number;
  /** @default none (the load balancer's) */
  readonly sessionAffinity?: { readonly type: GatewaySessionAffinityType; readonly cookieTtlSec?: number };
  /** Load balancer access logging. @default none */
  readonly logging?: { readonly enabled: boolean; readonly sampleRate?: number };
  /** Name of a Cloud Armor security policy. @default none */
  readonly securityPolicy?: string;
}

/** A GCPGatewayPolicy on the Gateway. Only given settings are written. */
export interface GatewayPolicyInput {
  /** @default "<gateway name>-policy" */
  readonly name?: string;
  /** Clients of every region reach a regional internal Gateway (gke-l7-rilb-mc only). */
  readonly allowGlobalAccess?: boolean;
  /** Name of an SSL policy for the HTTPS listeners. */
  readonly sslPolicy?: string;
  /** Region of a regional multi-cluster Gateway (gke-l7-rilb-mc, gke-l7-regional-external-managed-mc). */
  readonly region?: string;
}

/** Name of the HealthCheckPolicy of a backend ServiceImport. */
export function healthCheckPolicyName(backend: string): string {
  return `${backend}-healthcheck`;
}

/** Name of the GCPBackendPolicy of a backend ServiceImport. */
export function backendPolicyName(backend: string): string {
  return `${backend}-backendpolicy`;
}

/** Name of the GCPGatewayPolicy of a Gateway. */
export function gatewayPolicyName(gateway: string): string {
  return `${gateway}-policy`;
}
