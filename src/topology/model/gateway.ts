/**
 * GKE Gateways: multi-cluster ones (routes to ServiceImports) in the fleet config cluster, and
 * single-cluster ones (routes to Services) in the cluster they name.
 */

import type { ClusterName, DnsLabel, GcpName, Labels, ListenerHostName, NonEmptyString, Port, Region } from './formats';
import type { GatewayBackendPolicyInput, GatewayHealthCheckInput, GatewayPolicyInput } from './gateway-policies';
import type { GatewayRouteRuleInput, RouteKind } from './gateway-routes';

/** One frontend address of a multi-cluster Gateway (internal classes only). */
export interface GatewayAddressInput {
  /** Region of the frontend, e.g. `us-west1`. It needs a proxy-only subnet. */
  readonly region: Region;
  /**
   * Name of a static internal address that meshfleet reserves in the region's subnet.
   * @default none (an ephemeral address)
   */
  readonly staticAddress?: DnsLabel;
}

/** Protocol of a Gateway listener: plain HTTP, or HTTPS terminated at the load balancer. */
export type GatewayListenerProtocol = 'HTTP' | 'HTTPS';

/** A reference to a Kubernetes object holding a certificate and key (Gateway API `SecretObjectReference`). */
export interface GatewayCertificateRefInput {
  /** Name of the Secret. */
  readonly name: DnsLabel;
  /**
   * Namespace of the Secret (another namespace than the Gateway's needs a ReferenceGrant there).
   * @default the Gateway's namespace
   */
  readonly namespace?: DnsLabel;
  /**
   * Kind of the referent.
   * @default "Secret"
   */
  readonly kind?: NonEmptyString;
  /**
   * API group of the referent (`""` is the core group).
   * @default ""
   */
  readonly group?: string;
}

/**
 * TLS settings of an HTTPS listener (Gateway API `GatewayTLSConfig`). The certificate comes from
 * Kubernetes Secrets (`certificateRefs`, single-cluster GKE classes only), or from GKE options:
 * `networking.gke.io/pre-shared-certs: "cert-a,cert-b"` (Compute Engine SSL certificates the
 * operator creates first) or `networking.gke.io/cert-manager-certs` (Certificate Manager
 * certificates). A listener without `tls` takes the gateway's `certificateMap`.
 */
export interface GatewayListenerTlsInput {
  /**
   * TLS mode: the load balancer terminates TLS (the only mode of an HTTPS listener).
   * @default "Terminate"
   */
  readonly mode?: 'Terminate';
  /**
   * Secrets holding the certificate and key (`tls.crt`, `tls.key`). GKE multi-cluster classes
   * take none (see `gateway-classes.ts`).
   * @default []
   * @maxItems 64
   */
  readonly certificateRefs?: GatewayCertificateRefInput[];
  /**
   * Implementation options, e.g. `networking.gke.io/pre-shared-certs: "store-cert"` (at most 16, as
   * the Gateway CRD allows).
   * @default {}
   * @maxProperties 16
   */
  readonly options?: Record<string, string>;
}

/** Namespaces whose routes may attach to a listener (Gateway API `RouteNamespaces`). */
export interface GatewayRouteNamespacesInput {
  /**
   * `Same`: routes of the Gateway's namespace (meshfleet's routes always are); `All`: any
   * namespace; `Selector`: namespaces matching `selector`.
   * @default "Same"
   */
  readonly from?: 'All' | 'Same' | 'Selector';
  /**
   * Labels of the namespaces whose routes may attach (`from: Selector` only).
   * @default none
   */
  readonly selector?: { readonly matchLabels: Labels };
}

/** Which routes may attach to a listener (Gateway API `AllowedRoutes`; the kinds are meshfleet's). */
export interface GatewayAllowedRoutesInput {
  /**
   * Namespaces whose routes may attach.
   * @default routes of the Gateway's namespace
   */
  readonly namespaces?: GatewayRouteNamespacesInput;
}

/** GKE's listener TLS option naming pre-shared Compute Engine SSL certificates, comma-separated. */
export const PRE_SHARED_CERTS_OPTION = 'networking.gke.io/pre-shared-certs';

/** The names of the pre-shared SSL certificates an HTTPS listener serves (its `pre-shared-certs` option), in order. */
export function preSharedCertificates(listener: { readonly tls?: { readonly options: Readonly<Record<string, string>> } }): string[] {
  const value = listener.tls?.options[PRE_SHARED_CERTS_OPTION];
  return value === undefined ? [] : value.split(',').map((name) => name.trim());
}

/** Name of the one HTTP listener of a gateway that declares no `listeners`. */
export const DEFAULT_GATEWAY_LISTENER = 'http';

/** One listener of a Gateway (Gateway API `Listener`, upstream field names). */
export interface GatewayListenerInput {
  /** Listener name, unique in the Gateway; routes attach to it with `sectionName`, e.g. `https`. */
  readonly name: DnsLabel;
  /** `HTTP`, or `HTTPS` (TLS terminated by the load balancer; needs `tls` or the gateway's `certificateMap`). */
  readonly protocol: GatewayListenerProtocol;
  /** Port of the listener, e.g. `443`. */
  readonly port: Port;
  /**
   * Host name the listener serves (SNI and Host header), e.g. `store.example.com` or `*.example.com`.
   * @default none (every host name)
   */
  readonly hostname?: ListenerHostName;
  /**
   * TLS settings of an HTTPS listener; an HTTP listener takes none.
   * @default none (an HTTPS listener then takes the gateway's `certificateMap`)
   */
  readonly tls?: GatewayListenerTlsInput;
  /**
   * Namespaces whose routes may attach. The route kinds are meshfleet's: HTTPRoute, and GRPCRoute
   * when the gateway has one.
   * @default routes of the Gateway's namespace
   */
  readonly allowedRoutes?: GatewayAllowedRoutesInput;
}

/** One rule of an HTTPRoute (see `gateway-routes.ts`). */
export type RouteRuleInput = GatewayRouteRuleInput;

/** An HTTPRoute attached to a gateway. */
export interface RouteInput {
  /**
   * `GRPCRoute` for a gRPC service: rules match on `matches[].method` (`{ service, method, type }`)
   * and headers, not on paths. Only for a gateway class that supports GRPCRoute (see `gateway-classes.ts`).
   * @default "HTTPRoute"
   */
  readonly kind?: RouteKind;
  /** HTTPRoute (or GRPCRoute) name. */
  readonly name: DnsLabel;
  /**
   * Labels of the HTTPRoute.
   * @default {}
   */
  readonly labels?: Labels;
  /**
   * Name of the gateway listener the route attaches to (`parentRefs[].sectionName`), e.g. `http`
   * for a route that redirects plain HTTP to HTTPS.
   * @default none (every listener of the gateway)
   */
  readonly sectionName?: DnsLabel;
  /**
   * Host names the route serves, e.g. `store.example.internal`.
   * @default [] (the route matches every host name)
   */
  readonly hostnames?: NonEmptyString[];
  /**
   * Rules of the route, in order.
   * @minItems 1
   */
  readonly rules: RouteRuleInput[];
}

/**
 * A GKE Gateway, its routes and policies: a multi-cluster class's in the fleet config cluster
 * (backends are ServiceImports), a single-cluster class's in `cluster` (backends are Services).
 */
export interface GatewayInput {
  /** Gateway name, e.g. `internal-http`. */
  readonly name: DnsLabel;
  /** Namespace of the Gateway and its routes and policies, e.g. `store`. */
  readonly namespace: DnsLabel;
  /**
   * A GKE GatewayClass (see `gateway-classes.ts`): multi-cluster, e.g.
   * `gke-l7-cross-regional-internal-managed-mc`, or single-cluster, e.g. `gke-l7-global-external-managed`.
   */
  readonly className: NonEmptyString;
  /**
   * The GKE cluster that holds a single-cluster Gateway (required for those classes; refused for
   * multi-cluster ones, which live in `fleet.configCluster`). Its routes reach the Services of the
   * workloads running there.
   * @default none (multi-cluster classes)
   */
  readonly cluster?: ClusterName;
  /**
   * Regional internal frontend addresses (gke-l7-rilb-mc: one; gke-l7-cross-regional-internal-managed-mc:
   * one per region). The external classes take none (a global external class takes `staticAddressName`).
   * @default [] (internal classes: GKE picks an ephemeral address; external: an ephemeral external IP)
   */
  readonly addresses?: GatewayAddressInput[];
  /**
   * Name of a global static external IP address that meshfleet's Terraform reserves (network stack,
   * output `gateway_ip_<name with _ for ->`), e.g. `store-ip`; the Gateway takes it as
   * `addresses: [{ type: NamedAddress, value: <name> }]`, so DNS can point at it before the load
   * balancer exists. Global external classes only (gke-l7-global-external-managed-mc, gke-l7-gxlb-mc).
   * @default none (an ephemeral address, or `addresses` on an internal class)
   */
  readonly staticAddressName?: DnsLabel;
  /**
   * Port of the single HTTP listener `http` that a gateway without `listeners` gets (a shorthand;
   * not with `listeners`).
   * @default 80
   */
  readonly port?: Port;
  /**
   * The Gateway's listeners, in Gateway API's shape (`name`, `protocol`, `port`, `hostname`, `tls`).
   * @default one HTTP listener `http` on `port`
   * @minItems 1
   * @maxItems 64
   */
  readonly listeners?: GatewayListenerInput[];
  /**
   * Name of a Certificate Manager certificate map (annotation `networking.gke.io/certmap`) whose
   * certificates the HTTPS listeners serve; the operator creates the map and its entries first.
   * Global external classes only; not with listener `certificateRefs`.
   * @default none
   */
  readonly certificateMap?: GcpName;
  /**
   * HTTPRoutes attached to the Gateway.
   * @default []
   */
  readonly routes?: RouteInput[];
  /**
   * Load balancer health checks (HealthCheckPolicy) per backend (ServiceImport or Service).
   * @default [] (the load balancer's default check)
   */
  readonly healthChecks?: GatewayHealthCheckInput[];
  /**
   * GCPBackendPolicy per backend (ServiceImport or Service).
   * @default []
   */
  readonly backendPolicies?: GatewayBackendPolicyInput[];
  /**
   * GCPGatewayPolicy of the Gateway.
   * @default none
   */
  readonly gatewayPolicy?: GatewayPolicyInput;
}
