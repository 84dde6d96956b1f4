/**
 * GKE Gateways: multi-cluster ones (routes to ServiceImports) in the fleet config cluster, and
 * single-cluster ones (routes to Services) in the cluster they name.
 */

import type { ClusterName, DnsLabel, Labels, NonEmptyString, Port, Region } from './formats';
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
   * one per region). The external classes take none.
   * @default [] (internal classes: GKE picks an ephemeral address; external: an ephemeral external IP)
   */
  readonly addresses?: GatewayAddressInput[];
  /**
   * HTTP listener port.
   * @default 80
   */
  readonly port?: Port;
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
