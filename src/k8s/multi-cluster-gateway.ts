import { Construct } from 'constructs';
import {
  Gateway as GatewayApiGateway,
  GatewaySpecAddresses,
  GatewaySpecListeners,
  GatewaySpecListenersAllowedRoutesNamespacesFrom,
  GatewaySpecListenersTlsMode,
  GrpcRoute,
  HttpRoute,
  ReferenceGrant,
} from '../../imports/gateway.networking.k8s.io';
import {
  GcpBackendPolicy,
  GcpBackendPolicySpecDefault,
  GcpBackendPolicySpecDefaultSessionAffinityType,
  GcpGatewayPolicy,
  HealthCheckPolicy,
  HealthCheckPolicySpecDefault,
  HealthCheckPolicySpecDefaultConfig,
  HealthCheckPolicySpecDefaultConfigHttpHealthCheckPortSpecification,
  HealthCheckPolicySpecDefaultConfigType,
} from '../../imports/networking.gke.io';
import { backendPolicyName, GatewayBackendPolicyInput, gatewayPolicyName, healthCheckPolicyName } from '../topology/model/gateway-policies';
import { GatewayTrafficIntent } from '../plan/traffic/intent';
import { ResolvedGateway, ResolvedGatewayHealthCheck, ResolvedGatewayListener } from '../topology/model/types';
import { GATEWAY_API_GROUP, gatewayGrpcRouteSpec, gatewayHttpRouteSpec, referenceGrantSpec, SERVICE_IMPORT_GROUP, SERVICE_IMPORT_KIND } from './traffic/gateway-routes';
import { gatewayReferenceGrantsOf } from '../plan/traffic/resolve';
import { certificateReferenceGrantsOf } from '../plan/gateway-certificates';

export { backendPolicyName, gatewayPolicyName, healthCheckPolicyName };

/** Properties of a {@link MultiClusterGateway}. */
export interface MultiClusterGatewayProps {
  /** The gateway: its class, addresses, listener port and policies. */
  readonly gateway: ResolvedGateway;
  /** Its routes' traffic intent (`gatewayTrafficOf`). */
  readonly traffic: GatewayTrafficIntent;
}

/** Address type of an ephemeral internal IPv4 address in a region (suffix: the region). */
export const EPHEMERAL_ADDRESS_TYPE_PREFIX = 'networking.gke.io/ephemeral-ipv4-address/';
/** Address type of a reserved (static) regional internal address, by name. */
export const NAMED_ADDRESS_WITH_REGION_TYPE = 'networking.gke.io/named-address-with-region';

/** Address type of a reserved address named by itself (a global external address; Gateway API core type). */
export const NAMED_ADDRESS_TYPE = 'NamedAddress';
/** Gateway annotation naming a Certificate Manager certificate map. */
export const CERTIFICATE_MAP_ANNOTATION = 'networking.gke.io/certmap';

/** The `spec.addresses` of a gateway: its regional internal frontends, or its reserved global address. */
export function gatewayAddresses(g: ResolvedGateway): GatewaySpecAddresses[] {
  if (g.staticAddressName !== undefined) return [{ type: NAMED_ADDRESS_TYPE, value: g.staticAddressName }];
  return g.addresses.map(gatewayAddress);
}

/**
 * The `spec.listeners` entry of a listener, upstream's shape: TLS only as given (its mode explicit),
 * route kinds HTTPRoute (and GRPCRoute when `grpc`), namespaces only when given.
 */
export function gatewayListener(listener: ResolvedGatewayListener, grpc: boolean): GatewaySpecListeners {
  const tls = listener.tls;
  const namespaces = listener.allowedRoutes?.namespaces;
  return {
    name: listener.name,
    protocol: listener.protocol,
    port: listener.port,
    ...(listener.hostname !== undefined ? { hostname: listener.hostname } : {}),
    ...(tls !== undefined
      ? {
          tls: {
            mode: GatewaySpecListenersTlsMode.TERMINATE,
            ...(tls.certificateRefs.length > 0 ? { certificateRefs: tls.certificateRefs.map((r) => ({ ...r })) } : {}),
            ...(Object.keys(tls.options).length > 0 ? { options: { ...tls.options } } : {}),
          },
        }
      : {}),
    allowedRoutes: {
      ...(namespaces !== undefined
        ? {
            namespaces: {
              ...(namespaces.from !== undefined ? { from: namespaces.from as GatewaySpecListenersAllowedRoutesNamespacesFrom } : {}),
              ...(namespaces.selector !== undefined ? { selector: { matchLabels: { ...namespaces.selector.matchLabels } } } : {}),
            },
          }
        : {}),
      kinds: [{ kind: 'HTTPRoute' }, ...(grpc ? [{ kind: 'GRPCRoute' }] : [])],
    },
  };
}

/** The `spec.addresses` entry of one frontend (ephemeral or named static regional address). */
export function gatewayAddress(address: { readonly region: string; readonly staticAddress?: string }): GatewaySpecAddresses {
  return address.staticAddress === undefined
    ? { type: `${EPHEMERAL_ADDRESS_TYPE_PREFIX}${address.region}`, value: address.region }
    : { type: NAMED_ADDRESS_WITH_REGION_TYPE, value: `regions/${address.region}/addresses/${address.staticAddress}` };
}

/** The `spec.default` of a HealthCheckPolicy: only the settings given, the check of its type. */
export function healthCheckDefault(check: ResolvedGatewayHealthCheck): HealthCheckPolicySpecDefault {
  const type = check.type;
  // Every type's portSpecification enum has USE_FIXED_PORT and USE_SERVING_PORT. The CRD's CEL
  // rules read portSpecification without has(), so a check with settings must name it (the API
  // server rejects one without it: "no such key: portSpecification"); it refuses a port under
  // USE_SERVING_PORT, the load balancer's default.
  const PortSpec = HealthCheckPolicySpecDefaultConfigHttpHealthCheckPortSpecification;
  const portSettings =
    check.port === undefined
      ? { portSpecification: PortSpec.USE_UNDERSCORE_SERVING_UNDERSCORE_PORT }
      : { port: check.port, portSpecification: PortSpec.USE_UNDERSCORE_FIXED_UNDERSCORE_PORT };
  const http = { ...(check.host !== undefined ? { host: check.host } : {}), ...(check.path !== undefined ? { requestPath: check.path } : {}) };
  const hasSettings = Object.keys(http).length > 0 || check.port !== undefined;
  const settings = { ...http, ...portSettings };
  const key = { HTTP: 'httpHealthCheck', HTTPS: 'httpsHealthCheck', HTTP2: 'http2HealthCheck', TCP: 'tcpHealthCheck', GRPC: 'grpcHealthCheck' }[type];
  const config = {
    type: HealthCheckPolicySpecDefaultConfigType[type],
    ...(hasSettings ? { [key]: settings } : {}),
  } as HealthCheckPolicySpecDefaultConfig;
  return {
    ...(check.checkIntervalSec !== undefined ? { checkIntervalSec: check.checkIntervalSec } : {}),
    ...(check.timeoutSec !== undefined ? { timeoutSec: check.timeoutSec } : {}),
    ...(check.healthyThreshold !== undefined ? { healthyThreshold: check.healthyThreshold } : {}),
    ...(check.unhealthyThreshold !== undefined ? { unhealthyThreshold: check.unhealthyThreshold } : {}),
    config,
  };
}

const SESSION_AFFINITY: Record<NonNullable<GatewayBackendPolicyInput['sessionAffinity']>['type'], GcpBackendPolicySpecDefaultSessionAffinityType> = {
  CLIENT_IP: GcpBackendPolicySpecDefaultSessionAffinityType.CLIENT_UNDERSCORE_IP,
  GENERATED_COOKIE: GcpBackendPolicySpecDefaultSessionAffinityType.GENERATED_UNDERSCORE_COOKIE,
  NONE: GcpBackendPolicySpecDefaultSessionAffinityType.NONE,
};

/** The `spec.default` of a GCPBackendPolicy: only the settings given. */
export function backendPolicyDefault(policy: GatewayBackendPolicyInput): GcpBackendPolicySpecDefault {
  const affinity = policy.sessionAffinity;
  const iap = policy.iap;
  return {
    ...(policy.timeoutSec !== undefined ? { timeoutSec: policy.timeoutSec } : {}),
    ...(policy.drainingTimeoutSec !== undefined ? { connectionDraining: { drainingTimeoutSec: policy.drainingTimeoutSec } } : {}),
    ...(affinity !== undefined
      ? { sessionAffinity: { type: SESSION_AFFINITY[affinity.type], ...(affinity.cookieTtlSec !== undefined ? { cookieTtlSec: affinity.cookieTtlSec } : {}) } }
      : {}),
    ...(policy.logging !== undefined
      ? { logging: { enabled: policy.logging.enabled, ...(policy.logging.sampleRate !== undefined ? { sampleRate: policy.logging.sampleRate } : {}) } }
      : {}),
    ...(policy.securityPolicy !== undefined ? { securityPolicy: policy.securityPolicy } : {}),
    ...(policy.maxRatePerEndpoint !== undefined ? { maxRatePerEndpoint: policy.maxRatePerEndpoint } : {}),
    ...(iap !== undefined
      ? {
          iap: {
            enabled: iap.enabled,
            ...(iap.clientID !== undefined ? { clientId: iap.clientID } : {}),
            ...(iap.oauth2ClientSecret !== undefined ? { oauth2ClientSecret: { name: iap.oauth2ClientSecret.name } } : {}),
          },
        }
      : {}),
  };
}

/**
 * A GKE Gateway, its HTTPRoutes and its policies: a multi-cluster class's in the fleet config
 * cluster, as in GKE's multi-cluster Gateway guides (seed 003: internal cross-region;
 * blue-green), a single-cluster class's in its cluster, as in GKE's "Deploying Gateways" (its
 * routes and policies then name the cluster's Services: `backendRefs` `{ name, port }`, policy
 * `targetRef` `{ group: "", kind: Service }`, and no ServiceImport is involved):
 *
 * - `Gateway` (gateway.networking.k8s.io/v1): `gatewayClassName` (a GKE multi-cluster class),
 *   the internal frontend addresses when given (ephemeral: type
 *   `networking.gke.io/ephemeral-ipv4-address/<region>`, value `<region>`; static: type
 *   `networking.gke.io/named-address-with-region`, value `regions/<region>/addresses/<name>`) or
 *   the reserved global address (`NamedAddress`, `staticAddressName`), the certificate map
 *   annotation `networking.gke.io/certmap`, and its listeners (`listeners`, else one `http` on
 *   `port`) in upstream's shape, each admitting HTTPRoutes (and GRPCRoutes when the gateway has one).
 * - one `HTTPRoute` (v1) per route of its traffic intent, attached to the Gateway by name and
 *   namespace (see `gatewayHttpRouteSpec`): each rule has its matches (path prefix or exact
 *   path, headers), its ServiceImport `backendRefs` (`group: net.gke.io`, `kind: ServiceImport`,
 *   with `weight` when given) and a `RequestMirror` filter when it mirrors. ServiceImports are Services exported from the
 *   workload clusters (see `ExportedService`), `<service>` or `<service>-<cluster short name>`,
 *   and `<service>-<version>` for a workload with versions (see `VersionServiceExports`;
 *   the traffic intent weights them by the version split).
 * - one `ReferenceGrant` (v1beta1) in each other namespace that route backends or mirrors are
 *   in (`backends[].namespace`), letting the gateway namespace's routes reach the ServiceImports
 *   they name there (see `referenceGrantSpec`).
 * - one `HealthCheckPolicy` (networking.gke.io/v1) per health check (default name
 *   `<backend>-healthcheck`), targeting the ServiceImport; with a `port` it also sets
 *   `portSpecification: USE_FIXED_PORT` (the CRD rejects a port under `USE_SERVING_PORT`).
 * - one `GCPBackendPolicy` per backend policy (default `<backend>-backendpolicy`) on its
 *   ServiceImport, and one `GCPGatewayPolicy` (default `<gateway>-policy`) on the Gateway.
 *
 * The gateway is trusted as resolved: the topology rules (`gateway-rules.ts`, the schema)
 * refuse what the objects could not take, with field paths.
 */
export class MultiClusterGateway extends Construct {
  public readonly gateway: GatewayApiGateway;
  /** One per `gateway.routes` entry, same order: an HTTPRoute, or a GRPCRoute for a `grpc` route. */
  public readonly routes: ReadonlyArray<HttpRoute | GrpcRoute>;
  /** One per other namespace the routes' backends are in (see `gatewayReferenceGrantsOf`), written there. */
  public readonly referenceGrants: readonly ReferenceGrant[];
  /** One per other namespace the HTTPS listeners' Secrets are in (see `certificateReferenceGrantsOf`), written there. */
  public readonly certificateGrants: readonly ReferenceGrant[];
  /** One per `gateway.healthChecks` entry, same order. */
  public readonly healthCheckPolicies: readonly HealthCheckPolicy[];
  /** One per `gateway.backendPolicies` entry, same order. */
  public readonly backendPolicies: readonly GcpBackendPolicy[];
  /** Present when `gateway.gatewayPolicy` is. */
  public readonly gatewayPolicy?: GcpGatewayPolicy;

  public constructor(scope: Construct, id: string, props: MultiClusterGatewayProps) {
    super(scope, id);
    const g = props.gateway;

    const grpc = props.traffic.routes.some((r) => r.protocol === 'grpc');
    const addresses = gatewayAddresses(g);
    this.gateway = new GatewayApiGateway(this, 'Gateway', {
      metadata: {
        name: g.name,
        namespace: g.namespace,
        ...(g.certificateMap !== undefined ? { annotations: { [CERTIFICATE_MAP_ANNOTATION]: g.certificateMap } } : {}),
      },
      spec: {
        gatewayClassName: g.className,
        ...(addresses.length > 0 ? { addresses } : {}),
        listeners: g.listeners.map((l) => gatewayListener(l, grpc)),
      },
    });

    this.routes = props.traffic.routes.map((route) => {
      const metadata = {
        name: route.name,
        namespace: g.namespace,
        ...(Object.keys(route.labels).length > 0 ? { labels: { ...route.labels } } : {}),
      };
      return route.protocol === 'grpc'
        ? new GrpcRoute(this, `GRPCRoute-${route.name}`, { metadata, spec: gatewayGrpcRouteSpec(props.traffic, route) })
        : new HttpRoute(this, `HTTPRoute-${route.name}`, { metadata, spec: gatewayHttpRouteSpec(props.traffic, route) });
    });

    this.referenceGrants = gatewayReferenceGrantsOf(props.traffic).map(
      (grant) =>
        new ReferenceGrant(this, `ReferenceGrant-${grant.namespace}`, {
          metadata: { name: grant.name, namespace: grant.namespace },
          spec: referenceGrantSpec(props.traffic, grant),
        }),
    );

    this.certificateGrants = certificateReferenceGrantsOf(g).map(
      (grant) =>
        new ReferenceGrant(this, `ReferenceGrant-certificates-${grant.namespace}`, {
          metadata: { name: grant.name, namespace: grant.namespace },
          spec: {
            from: [{ group: GATEWAY_API_GROUP, kind: 'Gateway', namespace: g.namespace }],
            to: grant.secrets.map((name) => ({ group: '', kind: 'Secret', name })),
          },
        }),
    );

    // Policies target the backend object itself: the ServiceImport, or the core Service (group "").
    const backendTargetRef = (name: string) =>
      props.traffic.backendKind === 'ServiceImport' ? { group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND, name } : { group: '', kind: 'Service', name };
    this.healthCheckPolicies = g.healthChecks.map(
      (check) =>
        new HealthCheckPolicy(this, `HealthCheckPolicy-${check.backend}`, {
          metadata: { name: check.name ?? healthCheckPolicyName(check.backend), namespace: g.namespace },
          spec: { default: healthCheckDefault(check), targetRef: backendTargetRef(check.backend) },
        }),
    );

    this.backendPolicies = g.backendPolicies.map(
      (policy) =>
        new GcpBackendPolicy(this, `GCPBackendPolicy-${policy.backend}`, {
          metadata: { name: policy.name ?? backendPolicyName(policy.backend), namespace: g.namespace },
          spec: { default: backendPolicyDefault(policy), targetRef: backendTargetRef(policy.backend) },
        }),
    );

    const policy = g.gatewayPolicy;
    if (policy !== undefined) {
      this.gatewayPolicy = new GcpGatewayPolicy(this, 'GCPGatewayPolicy', {
        metadata: { name: policy.name ?? gatewayPolicyName(g.name), namespace: g.namespace },
        spec: {
          default: {
            ...(policy.allowGlobalAccess !== undefined ? { allowGlobalAccess: policy.allowGlobalAccess } : {}),
            ...(policy.sslPolicy !== undefined ? { sslPolicy: policy.sslPolicy } : {}),
            ...(policy.region !== undefined ? { region: policy.region } : {}),
          },
          targetRef: { group: GATEWAY_API_GROUP, kind: 'Gateway', name: g.name },
        },
      });
    }
  }
}
