/**
 * The GKE multi-cluster GatewayClasses meshfleet accepts, and what each one takes: frontend
 * addresses, proxy-only subnets, GCPGatewayPolicy settings. From GKE's "GatewayClass
 * capabilities" page and its multi-cluster Gateway guides.
 */

/** Purpose of a proxy-only subnet: regional Envoy load balancers vs cross-region internal ones. */
export type ProxyOnlyPurpose = 'REGIONAL_MANAGED_PROXY' | 'GLOBAL_MANAGED_PROXY';

/** What one multi-cluster GatewayClass takes. */
export interface GatewayClassTraits {
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
  /** GCPGatewayPolicy `region` applies (regional multi-cluster Gateways). */
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
   * The classic Application Load Balancer (gke-l7-gxlb-mc) has neither.
   */
  readonly advancedTraffic: boolean;
  /**
   * HTTPS listeners take Kubernetes Secrets (`tls.certificateRefs`). False for GKE's multi-cluster
   * classes: their Gateway lives in the config cluster only, and GKE's multi-cluster HTTPS guides
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

/** The GKE multi-cluster GatewayClasses, by name. */
export const MULTI_CLUSTER_GATEWAY_CLASSES: Readonly<Record<string, GatewayClassTraits>> = {
  'gke-l7-global-external-managed-mc': {
    internalAddresses: false,
    singleRegion: false,
    allowGlobalAccess: false,
    policyRegion: false,
    grpcRoute: false,
    advancedTraffic: true,
    tlsSecrets: false,
    certificateMap: true,
    globalAddress: true,
  },
  'gke-l7-regional-external-managed-mc': {
    internalAddresses: false,
    singleRegion: true,
    proxyOnly: 'REGIONAL_MANAGED_PROXY',
    allowGlobalAccess: false,
    policyRegion: true,
    grpcRoute: false,
    advancedTraffic: true,
    tlsSecrets: false,
    certificateMap: false,
    globalAddress: false,
  },
  'gke-l7-rilb-mc': {
    internalAddresses: true,
    singleRegion: true,
    proxyOnly: 'REGIONAL_MANAGED_PROXY',
    allowGlobalAccess: true,
    policyRegion: true,
    grpcRoute: false,
    advancedTraffic: true,
    tlsSecrets: false,
    certificateMap: false,
    globalAddress: false,
  },
  'gke-l7-cross-regional-internal-managed-mc': {
    internalAddresses: true,
    singleRegion: false,
    proxyOnly: 'GLOBAL_MANAGED_PROXY',
    allowGlobalAccess: false,
    policyRegion: false,
    grpcRoute: false,
    advancedTraffic: true,
    tlsSecrets: false,
    certificateMap: false,
    globalAddress: false,
  },
  'gke-l7-gxlb-mc': {
    internalAddresses: false,
    singleRegion: false,
    allowGlobalAccess: false,
    policyRegion: false,
    grpcRoute: false,
    advancedTraffic: false,
    tlsSecrets: false,
    certificateMap: true,
    globalAddress: true,
  },
};

/** The accepted class names, in table order (for error messages). */
export const MULTI_CLUSTER_GATEWAY_CLASS_NAMES: readonly string[] = Object.keys(MULTI_CLUSTER_GATEWAY_CLASSES);

/** Traits of a class, or undefined when it is not a GKE multi-cluster class. */
export function gatewayClassTraits(className: string): GatewayClassTraits | undefined {
  return Object.prototype.hasOwnProperty.call(MULTI_CLUSTER_GATEWAY_CLASSES, className) ? MULTI_CLUSTER_GATEWAY_CLASSES[className] : undefined;
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
 * address, its load balancer region (`gatewayPolicy.region`, else the config cluster's region).
 * Global external classes need none.
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
