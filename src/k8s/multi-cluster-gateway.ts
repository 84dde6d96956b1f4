import { Construct } from 'constructs';
import {
  Gateway as GatewayApiGateway,
  GatewaySpecAddresses,
  HttpRoute,
  HttpRouteSpecRules,
  HttpRouteSpecRulesFiltersType,
  HttpRouteSpecRulesMatches,
  HttpRouteSpecRulesMatchesPathType,
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
import { backendPolicyName, GatewayBackendPolicyInput, GatewayHealthCheckInput, gatewayPolicyName, healthCheckPolicyName } from '../topology/model/gateway-policies';
import { ResolvedGatewayRouteRule, resolveGatewayRouteRule } from '../topology/model/gateway-routes';
import { ResolvedGateway } from '../topology/model/types';

export { backendPolicyName, gatewayPolicyName, healthCheckPolicyName };

export interface MultiClusterGatewayProps {
  readonly gateway: ResolvedGateway;
}

/** API group and kind of the multi-cluster services import every backend reference targets. */
export const SERVICE_IMPORT_GROUP = 'net.gke.io';
export const SERVICE_IMPORT_KIND = 'ServiceImport';

/** Address type of an ephemeral internal IPv4 address in a region (suffix: the region). */
export const EPHEMERAL_ADDRESS_TYPE_PREFIX = 'networking.gke.io/ephemeral-ipv4-address/';
/** Address type of a reserved (static) regional internal address, by name. */
export const NAMED_ADDRESS_WITH_REGION_TYPE = 'networking.gke.io/named-address-with-region';

/** The `spec.addresses` entry of one frontend (ephemeral or named static regional address). */
export function gatewayAddress(address: { readonly region: string; readonly staticAddress?: string }): GatewaySpecAddresses {
  return address.staticAddress === undefined
    ? { type: `${EPHEMERAL_ADDRESS_TYPE_PREFIX}${address.region}`, value: address.region }
    : { type: NAMED_ADDRESS_WITH_REGION_TYPE, value: `regions/${address.region}/addresses/${address.staticAddress}` };
}

/** The HTTPRoute rule of a topology rule: matches, weighted ServiceImport backends, a mirror filter. */
export function httpRouteRule(rule: ResolvedGatewayRouteRule): HttpRouteSpecRules {
  const serviceImport = (name: string, port: number) => ({ group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND, name, port });
  const matches = rule.matches.map(
    (m): HttpRouteSpecRulesMatches => ({
      ...(m.path !== undefined
        ? { path: { type: m.path.type === 'Exact' ? HttpRouteSpecRulesMatchesPathType.EXACT : HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: m.path.value } }
        : {}),
      ...(m.headers.length > 0 ? { headers: m.headers.map((h) => ({ name: h.name, value: h.value })) } : {}),
    }),
  );
  return {
    ...(matches.length > 0 ? { matches } : {}),
    backendRefs: rule.backends.map((b) => ({ ...serviceImport(b.name, b.port), ...(b.weight !== undefined ? { weight: b.weight } : {}) })),
    ...(rule.mirror !== undefined
      ? { filters: [{ type: HttpRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror: { backendRef: serviceImport(rule.mirror.backend, rule.mirror.port) } }] }
      : {}),
  };
}

/** The `spec.default` of a HealthCheckPolicy: only the settings given, the check of its type. */
export function healthCheckDefault(check: GatewayHealthCheckInput): HealthCheckPolicySpecDefault {
  const type = check.type ?? 'HTTP';
  // Every type's portSpecification enum has the value USE_FIXED_PORT; the CRD rejects a port
  // under the default USE_SERVING_PORT.
  const fixedPort =
    check.port === undefined
      ? {}
      : { port: check.port, portSpecification: HealthCheckPolicySpecDefaultConfigHttpHealthCheckPortSpecification.USE_UNDERSCORE_FIXED_UNDERSCORE_PORT };
  const http = { ...(check.host !== undefined ? { host: check.host } : {}), ...(check.path !== undefined ? { requestPath: check.path } : {}) };
  const settings = { ...http, ...fixedPort };
  const hasSettings = Object.keys(settings).length > 0;
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
  };
}

/**
 * A multi-cluster Gateway in the fleet config cluster, its HTTPRoutes and its policies, as in
 * GKE's multi-cluster Gateway guides (seed 003: internal cross-region; blue-green):
 *
 * - `Gateway` (gateway.networking.k8s.io/v1): `gatewayClassName` (a GKE multi-cluster class),
 *   the internal frontend addresses when given (ephemeral: type
 *   `networking.gke.io/ephemeral-ipv4-address/<region>`, value `<region>`; static: type
 *   `networking.gke.io/named-address-with-region`, value `regions/<region>/addresses/<name>`),
 *   and one listener `http` (HTTP on `port`) that only admits HTTPRoutes.
 * - one `HTTPRoute` (v1) per route, attached to the Gateway by name and namespace; each rule
 *   has its matches (path prefix or exact path, headers), its ServiceImport `backendRefs`
 *   (`group: net.gke.io`, `kind: ServiceImport`, with `weight` when given) and a
 *   `RequestMirror` filter when it mirrors. ServiceImports are Services exported from the
 *   workload clusters (see `ExportedService`), `<service>` or `<service>-<cluster short name>`.
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
  /** One per `gateway.routes` entry, same order. */
  public readonly routes: readonly HttpRoute[];
  /** One per `gateway.healthChecks` entry, same order. */
  public readonly healthCheckPolicies: readonly HealthCheckPolicy[];
  /** One per `gateway.backendPolicies` entry, same order. */
  public readonly backendPolicies: readonly GcpBackendPolicy[];
  /** Present when `gateway.gatewayPolicy` is. */
  public readonly gatewayPolicy?: GcpGatewayPolicy;

  public constructor(scope: Construct, id: string, props: MultiClusterGatewayProps) {
    super(scope, id);
    const g = props.gateway;

    this.gateway = new GatewayApiGateway(this, 'Gateway', {
      metadata: { name: g.name, namespace: g.namespace },
      spec: {
        gatewayClassName: g.className,
        ...(g.addresses.length > 0 ? { addresses: g.addresses.map(gatewayAddress) } : {}),
        listeners: [
          {
            name: 'http',
            protocol: 'HTTP',
            port: g.port,
            allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] },
          },
        ],
      },
    });

    this.routes = g.routes.map(
      (route) =>
        new HttpRoute(this, `HTTPRoute-${route.name}`, {
          metadata: {
            name: route.name,
            namespace: g.namespace,
            ...(Object.keys(route.labels).length > 0 ? { labels: { ...route.labels } } : {}),
          },
          spec: {
            parentRefs: [{ name: g.name, namespace: g.namespace }],
            ...(route.hostnames.length > 0 ? { hostnames: [...route.hostnames] } : {}),
            rules: route.rules.map((rule) => httpRouteRule(resolveGatewayRouteRule(rule))),
          },
        }),
    );

    const serviceImportRef = (name: string) => ({ group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND, name });
    this.healthCheckPolicies = g.healthChecks.map(
      (check) =>
        new HealthCheckPolicy(this, `HealthCheckPolicy-${check.backend}`, {
          metadata: { name: check.name ?? healthCheckPolicyName(check.backend), namespace: g.namespace },
          spec: { default: healthCheckDefault(check), targetRef: serviceImportRef(check.backend) },
        }),
    );

    this.backendPolicies = g.backendPolicies.map(
      (policy) =>
        new GcpBackendPolicy(this, `GCPBackendPolicy-${policy.backend}`, {
          metadata: { name: policy.name ?? backendPolicyName(policy.backend), namespace: g.namespace },
          spec: { default: backendPolicyDefault(policy), targetRef: serviceImportRef(policy.backend) },
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
          targetRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: g.name },
        },
      });
    }
  }
}
