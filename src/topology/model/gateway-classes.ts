/**
 * The GKE GatewayClasses meshfleet accepts, single-cluster and multi-cluster, and what each one
 * takes: frontend addresses, proxy-only subnets, GCPGatewayPolicy and GCPBackendPolicy settings.
 * From GKE's "GatewayClass capabilities" page (kubernetes-engine/docs/how-to/gatewayclass-capabilities:
 * "Cluster scope: Single cluster | Multi-cluster" per class), "Deploying Gateways" ("If you are
 * using the regional or cross-region GatewayClasses, you must enable a proxy-only subnet") and
 * its multi-cluster Gateway guides.
 */

/** Purpose of a proxy-only subnet: regional Envoy load balancers vs cross-region internal ones. */
export type ProxyOnlyPurpose = 'REGIONAL_MANAGED_PROXY' | 'GLOBAL_MANAGED_PROXY';

/**
 * Where a class's Gateway lives and what its routes reach: `single-cluster`, a Gateway in one
 * cluster (`gateways[].cluster`) routing to that cluster's Services; `multi-cluster`, a Gateway
 * in the fleet config cluster routing to ServiceImports of exported Services.
 */
export type GatewayClassScope = 'single-cluster' | 'multi-cluster';

/** What one GatewayClass takes. */
export interface GatewayClassTraits {
  /** Single-cluster (Service backends) or multi-cluster (ServiceImport backends). */
  readonly scope: GatewayClassScope;
  /**
   * Whether `addresses` (regional internal addresses, ephemeral or named) apply. The global
   * external classes get an ephemeral global IP; the regional external one an external address
   * meshfleet does not reserve.
   */
  readonly internalAddresses: boolean;
  /** At most one address (one regional frontend) when true. */
  readonly singleRegion: boolean;
  /** Proxy-only subnet purpose in the address and backend regions; none for global external classes. */
  readonly proxyOnly?: ProxyOnlyPurpose;
  /** GCPGatewayPolicy `allowGlobalAccess` applies (regional internal load balancers only). */
  readonly allowGlobalAccess: boolean;
  /** GCPGatewayPolicy `region` applies (regional multi-cluster Gateways; a single-cluster Gateway's region is its cluster's). */
  readonly policyRegion: boolean;
  /**
   * The class's controller accepts GRPCRoutes (`routes[].kind: GRPCRoute`). None of GKE's does
   * yet: GRPCRoute support in the GKE Gateway controller is an open request (Google issue
   * tracker 398125795 "Add support for GrpcRoute in gateway.networking.k8s.io/v1", linked from
   * GoogleCloudPlatform/gke-gateway-api#31, still open in June 2026: "doesn't support something
   * from 1.2.x like GRPCRoute"; hiero-ledger/hiero-mirror-node#9807: "GKE does not yet support
   * GrpcRoute"; the GKE Gateway API add-on installs no GRPCRoute CRD,
   * googlecloudrobotics/core#690). Set it to true for a class once GKE's "GatewayClass
   * capabilities" page (kubernetes-engine/docs/how-to/gatewayclass-capabilities) lists it.
   */
  readonly grpcRoute: boolean;
  /**
   * The class's load balancer splits traffic by backend weight (HTTPRoute `backendRefs[].weight`)
   * and copies requests (the `RequestMirror` filter). GKE's multi-cluster Gateway guide: "The
   * gke-l7-global-external-managed-*, gke-l7-regional-external-managed-*, and gke-l7-rilb-*
   * GatewayClasses have many advanced traffic routing capabilities including traffic splitting,
   * header matching, header manipulation, traffic mirroring" (kubernetes-engine/docs/how-to/
   * deploy-gateway-traffic-splitting); the cross-regional internal Application Load Balancer
   * has the same traffic management (load-balancing/docs/https/setting-up-reg-traffic-mgmt).
   * The classic Application Load Balancer (gke-l7-gxlb, gke-l7-gxlb-mc) has neither. The same classes take
   * the header modifier, redirect and URL rewrite filters (`rules[].filters`): header
   * manipulation is in the quote above; redirects and rewrites are traffic management of the
   * Envoy-based load balancers, refused on the classic one as well (not verified for it).
   */
  readonly advancedTraffic: boolean;
  /**
   * The class's controller takes HTTPRoute `rules[].timeouts`; absent: it does not. None of
   * GKE's does: GKE's Gateway controller does not implement `spec.rules.timeouts` and marks such
   * a route `Accepted: False` (`UnsupportedValue`), see kserve/kserve#5311 (March 2026, citing
   * GKE's "GatewayClass capabilities" page) and kserve/kserve#5313. The backend timeout is set
   * with a GCPBackendPolicy (`gateways[].backendPolicies[].timeoutSec`) instead. Set it to true
   * for a class once that page lists HTTPRoute timeouts for it.
   */
  readonly routeTimeouts?: true;
  /**
   * GCPBackendPolicy `securityPolicy` (a Cloud Armor policy) applies: the external load
   * balancers. GKE's "GatewayClass capabilities" page ("Additional services") lists Google Cloud
   * Armor for the global external and classic classes; the regional external ones take a
   * regional security policy of their region since the GKE controller set regional backend
   * services' policies (GoogleCloudPlatform/k8s-cloud-provider#172, "support regional Cloud
   * Armor on regional Gateways"; an older GKE community thread, gateway-gcpbackendpolicy/148363,
   * still read "not supported for regional external gateways"). The internal classes have none.
   */
  readonly cloudArmor: boolean;
  /**
   * GCPBackendPolicy `iap` (Identity-Aware Proxy) applies. IAP takes the external and the
   * regional internal Application Load Balancers (GKE "Configure Gateway resources using
   * Policies", Configure IAP; IAP's load balancer support list); meshfleet leaves the
   * cross-regional internal class out until GKE's page lists it.
   */
  readonly iap: boolean;
  /**
   * HTTPS listeners take Kubernetes Secrets (`tls.certificateRefs`): the single-cluster classes
   * (GKE "Secure a Gateway"). False for GKE's multi-cluster classes: their Gateway lives in the
   * config cluster only, and GKE's multi-cluster HTTPS guides
   * attach pre-shared SSL certificates (`tls.options networking.gke.io/pre-shared-certs`) or
   * Certificate Manager certificates instead. (The exact GKE sentence was not retrieved when this
   * was written in issue 18; set it to true for a class once GKE's "Gateway security" or
   * "GatewayClass capabilities" page lists Secrets for it.)
   */
  readonly tlsSecrets: boolean;
  /**
   * The Gateway takes a Certificate Manager certificate map (annotation `networking.gke.io/certmap`).
   * Certificate Manager's "Deploy" page: a target proxy referencing a certificate map "is used by
   * external Application Load Balancers ... powered by Google Front Ends": global external and
   * classic Application Load Balancers, i.e. the global external classes; the others reference
   * Certificate Manager certificates directly (`tls.options networking.gke.io/cert-manager-certs`).
   */
  readonly certificateMap: boolean;
  /**
   * The Gateway takes a reserved global external address (`staticAddressName`, `NamedAddress`):
   * the global external classes, whose forwarding rule is global.
   */
  readonly globalAddress: boolean;
}

/**
 * The GKE GatewayClasses, by name, one line each. Proxy-only subnets: the regional and
 * cross-regional classes ("Deploying Gateways": regional or cross-region GatewayClasses need
 * one); the global external and classic classes none.
 */
// prettier-ignore
export const GATEWAY_CLASSES: Readonly<Record<string, GatewayClassTraits>> = {
  'gke-l7-global-external-managed':            { scope: 'single-cluster', internalAddresses: false, singleRegion: false,                                  allowGlobalAccess: false, policyRegion: false, grpcRoute: false, advancedTraffic: true,  cloudArmor: true,  iap: true, tlsSecrets: true,  certificateMap: true,  globalAddress: true },
  'gke-l7-regional-external-managed':          { scope: 'single-cluster', internalAddresses: false, singleRegion: true,  proxyOnly: 'REGIONAL_MANAGED_PROXY', allowGlobalAccess: false, policyRegion: false, grpcRoute: false, advancedTraffic: true,  cloudArmor: true,  iap: true, tlsSecrets: true,  certificateMap: false, globalAddress: false },
  'gke-l7-rilb':                               { scope: 'single-cluster', internalAddresses: true,  singleRegion: true,  proxyOnly: 'REGIONAL_MANAGED_PROXY', allowGlobalAccess: true,  policyRegion: false, grpcRoute: false, advancedTraffic: true,  cloudArmor: false, iap: true, tlsSecrets: true,  certificateMap: false, globalAddress: false },
  'gke-l7-gxlb':                               { scope: 'single-cluster', internalAddresses: false, singleRegion: false,                                  allowGlobalAccess: false, policyRegion: false, grpcRoute: false, advancedTraffic: false, cloudArmor: true,  iap: true, tlsSecrets: true,  certificateMap: true,  globalAddress: true },
  'gke-l7-global-external-managed-mc':         { scope: 'multi-cluster',  internalAddresses: false, singleRegion: false,                                  allowGlobalAccess: false, policyRegion: false, grpcRoute: false, advancedTraffic: true,  cloudArmor: true,  iap: true, tlsSecrets: false, certificateMap: true,  globalAddress: true },
  'gke-l7-regional-external-managed-mc':       { scope: 'multi-cluster',  internalAddresses: false, singleRegion: true,  proxyOnly: 'REGIONAL_MANAGED_PROXY', allowGlobalAccess: false, policyRegion: true,  grpcRoute: false, advancedTraffic: true,  cloudArmor: true,  iap: true, tlsSecrets: false, certificateMap: false, globalAddress: false },
  'gke-l7-rilb-mc':                            { scope: 'multi-cluster',  internalAddresses: true,  singleRegion: true,  proxyOnly: 'REGIONAL_MANAGED_PROXY', allowGlobalAccess: true,  policyRegion: true,  grpcRoute: false, advancedTraffic: true,  cloudArmor: false, iap: true, tlsSecrets: false, certificateMap: false, globalAddress: false },
  'gke-l7-cross-regional-internal-managed-mc': { scope: 'multi-cluster',  internalAddresses: true,  singleRegion: false, proxyOnly: 'GLOBAL_MANAGED_PROXY',   allowGlobalAccess: false, policyRegion: false, grpcRoute: false, advancedTraffic: true,  cloudArmor: false, iap: false, tlsSecrets: false, certificateMap: false, globalAddress: false },
  'gke-l7-gxlb-mc':                            { scope: 'multi-cluster',  internalAddresses: false, singleRegion: false,                                  allowGlobalAccess: false, policyRegion: false, grpcRoute: false, advancedTraffic: false, cloudArmor: true,  iap: true, tlsSecrets: false, certificateMap: true,  globalAddress: true },
};

/** The accepted class names, in table order (for error messages). */
export const GATEWAY_CLASS_NAMES: readonly string[] = Object.keys(GATEWAY_CLASSES);

/** The class names (table order) whose traits satisfy `pick`, e.g. for what a message expects. */
export function gatewayClassesWhere(pick: (traits: GatewayClassTraits) => boolean): string[] {
  return GATEWAY_CLASS_NAMES.filter((c) => pick(GATEWAY_CLASSES[c]));
}

/** Traits of a class, or undefined when it is not a GKE GatewayClass meshfleet knows. */
export function gatewayClassTraits(className: string): GatewayClassTraits | undefined {
  return Object.prototype.hasOwnProperty.call(GATEWAY_CLASSES, className) ? GATEWAY_CLASSES[className] : undefined;
}

/** Whether `className` is a multi-cluster class (its Gateway lives in the fleet config cluster). */
export function isMultiClusterGatewayClass(className: string): boolean {
  return gatewayClassTraits(className)?.scope === 'multi-cluster';
}

/** A region where a gateway's load balancer needs a proxy-only subnet, and why. */
export interface ProxyOnlyNeed {
  readonly region: string;
  readonly purpose: ProxyOnlyPurpose;
  /** Index of the gateway in `gateways`. */
  readonly gateway: number;
  /** Field path the need comes from, for error messages. */
  readonly path: string;
  /** Why the region needs the subnet, e.g. `the gateway region`. */
  readonly why: string;
}

/** The topology facts the proxy-only needs depend on. */
interface GatewayModel {
  readonly gateways: ReadonlyArray<{
    readonly className: string;
    /** The cluster of a single-cluster gateway. */
    readonly cluster?: string;
    readonly addresses: ReadonlyArray<{ readonly region: string }>;
    readonly gatewayPolicy?: { readonly region?: string };
  }>;
  readonly fleet: { readonly configCluster?: string };
  /** GKE clusters only. */
  readonly gkeClusters: ReadonlyArray<{ readonly name: string; readonly region: string; readonly role: string }>;
}

/**
 * Where each gateway needs a proxy-only subnet, of which purpose: every address region; for a
 * cross-regional class also every workload cluster region; for a regional class without an
 * address, its load balancer region (a single-cluster gateway's cluster region; else
 * `gatewayPolicy.region`, else the config cluster's region). Global external classes need none.
 */
export function proxyOnlyNeeds(model: GatewayModel): ProxyOnlyNeed[] {
  const needs: ProxyOnlyNeed[] = [];
  model.gateways.forEach((g, i) => {
    const purpose = gatewayClassTraits(g.className)?.proxyOnly;
    if (purpose === undefined) return;
    const at = `gateways[${i}]`;
    g.addresses.forEach((a, j) => needs.push({ region: a.region, purpose, gateway: i, path: `${at}.addresses[${j}].region`, why: 'the gateway region' }));
    if (purpose === 'GLOBAL_MANAGED_PROXY') {
      const regions = [...new Set(model.gkeClusters.filter((c) => c.role === 'workload').map((c) => c.region))];
      regions.forEach((region) => needs.push({ region, purpose, gateway: i, path: `${at}.className`, why: `backend region ${region} of a cross-regional gateway` }));
    } else if (g.addresses.length === 0 && gatewayClassTraits(g.className)?.scope === 'single-cluster') {
      // Without a known GKE cluster the rules report gateways[].cluster.
      const region = model.gkeClusters.find((c) => c.name === g.cluster)?.region;
      if (region !== undefined) needs.push({ region, purpose, gateway: i, path: `${at}.cluster`, why: `the region ${region} of cluster ${g.cluster} (the gateway region)` });
    } else if (g.addresses.length === 0) {
      const policyRegion = g.gatewayPolicy?.region;
      const configRegion = model.gkeClusters.find((c) => c.name === model.fleet.configCluster)?.region;
      if (policyRegion !== undefined) {
        needs.push({ region: policyRegion, purpose, gateway: i, path: `${at}.gatewayPolicy.region`, why: 'the gateway region' });
      } else if (configRegion !== undefined) {
        needs.push({ region: configRegion, purpose, gateway: i, path: `${at}.className`, why: `the region ${configRegion} of the config cluster (a regional gateway's region)` });
      }
    }
  });
  return needs;
}

/**
 * Purpose of each region's proxy-only subnet: the purpose the gateways using the region need,
 * `GLOBAL_MANAGED_PROXY` when none uses it (meshfleet's behaviour before per-class purposes).
 * A region needing both is a topology-rule error, so the first need decides here.
 */
export function proxyOnlyPurposes(model: GatewayModel): Map<string, ProxyOnlyPurpose> {
  const purposes = new Map<string, ProxyOnlyPurpose>();
  for (const need of proxyOnlyNeeds(model)) {
    if (!purposes.has(need.region)) purposes.set(need.region, need.purpose);
  }
  return purposes;
}
