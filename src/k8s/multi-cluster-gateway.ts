import { Construct } from 'constructs';
import {
  Gateway as GatewayApiGateway,
  GatewaySpecAddresses,
  GrpcRoute,
  HttpRoute,
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
import { gatewayClassTraits, MULTI_CLUSTER_GATEWAY_CLASS_NAMES } from '../topology/model/gateway-classes';
import { backendPolicyName, GatewayBackendPolicyInput, GatewayHealthCheckInput, gatewayPolicyName, healthCheckPolicyName } from '../topology/model/gateway-policies';
import { GatewayTrafficIntent } from '../plan/traffic/intent';
import { ResolvedGateway } from '../topology/model/types';
import { gatewayGrpcRouteSpec, gatewayHttpRouteSpec, SERVICE_IMPORT_GROUP, SERVICE_IMPORT_KIND } from './traffic/gateway-routes';

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

/** Gateway API limits (standard channel CRDs, v1.2.1) checked before synthesis. */
const MAX_ADDRESSES = 16;
const MAX_HOSTNAMES = 16;
const MAX_RULES = 16;

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Compute Engine resource name (addresses). */
const GCE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Google Cloud region name, e.g. `us-west1`, `northamerica-northeast2`. */
const REGION = /^[a-z]+-[a-z]+[0-9]+$/;
/** HTTPRoute hostname: a DNS name, optionally with a leading `*.` wildcard label. */
const IPV4 = /^[0-9]+(\.[0-9]+){3}$/;
const ROUTE_HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The `spec.addresses` entry of one frontend (ephemeral or named static regional address). */
export function gatewayAddress(address: { readonly region: string; readonly staticAddress?: string }): GatewaySpecAddresses {
  return address.staticAddress === undefined
    ? { type: `${EPHEMERAL_ADDRESS_TYPE_PREFIX}${address.region}`, value: address.region }
    : { type: NAMED_ADDRESS_WITH_REGION_TYPE, value: `regions/${address.region}/addresses/${address.staticAddress}` };
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
 *   and one listener `http` (HTTP on `port`) that admits HTTPRoutes (and GRPCRoutes when the
 *   gateway has one).
 * - one `HTTPRoute` (v1) per route of its traffic intent, attached to the Gateway by name and
 *   namespace (see `gatewayHttpRouteSpec`): each rule has its matches (path prefix or exact
 *   path, headers), its ServiceImport `backendRefs` (`group: net.gke.io`, `kind: ServiceImport`,
 *   with `weight` when given) and a `RequestMirror` filter when it mirrors. ServiceImports are Services exported from the
 *   workload clusters (see `ExportedService`), `<service>` or `<service>-<cluster short name>`.
 * - one `HealthCheckPolicy` (networking.gke.io/v1) per health check (default name
 *   `<backend>-healthcheck`), targeting the ServiceImport; with a `port` it also sets
 *   `portSpecification: USE_FIXED_PORT` (the CRD rejects a port under `USE_SERVING_PORT`).
 * - one `GCPBackendPolicy` per backend policy (default `<backend>-backendpolicy`) on its
 *   ServiceImport, and one `GCPGatewayPolicy` (default `<gateway>-policy`) on the Gateway.
 *
 * Props are checked at construction; an error names the gateway, the field, the value found and
 * the value expected. Cross-references (exported backends, weights, proxy-only subnets) are the
 * topology rules' (`gateway-rules.ts`).
 */
export class MultiClusterGateway extends Construct {
  public readonly gateway: GatewayApiGateway;
  /** One per `gateway.routes` entry, same order: an HTTPRoute, or a GRPCRoute for a `grpc` route. */
  public readonly routes: ReadonlyArray<HttpRoute | GrpcRoute>;
  /** One per `gateway.healthChecks` entry, same order. */
  public readonly healthCheckPolicies: readonly HealthCheckPolicy[];
  /** One per `gateway.backendPolicies` entry, same order. */
  public readonly backendPolicies: readonly GcpBackendPolicy[];
  /** Present when `gateway.gatewayPolicy` is. */
  public readonly gatewayPolicy?: GcpGatewayPolicy;

  public constructor(scope: Construct, id: string, props: MultiClusterGatewayProps) {
    super(scope, id);
    const g = props.gateway;
    validateGateway(g);

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
            allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, ...(props.traffic.routes.some((r) => r.protocol === 'grpc') ? [{ kind: 'GRPCRoute' }] : [])] },
          },
        ],
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

function fail(gateway: string, field: string, got: unknown, expected: string): never {
  throw new Error(`MultiClusterGateway ${gateway}: ${field}: got ${JSON.stringify(got)}, expected ${expected}`);
}

function checkPort(gateway: string, field: string, port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(gateway, field, port, 'an integer from 1 to 65535');
}

function checkName(gateway: string, field: string, value: string, pattern: RegExp, maxLength: number, expected: string): void {
  if (value.length > maxLength || !pattern.test(value)) fail(gateway, field, value, `${expected} of at most ${maxLength} characters`);
}

function checkUnique(gateway: string, field: string, values: readonly string[], what: string): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) fail(gateway, `${field}[${i}]`, value, `a ${what} not used by an earlier entry`);
    seen.add(value);
  });
}

function checkPath(gateway: string, field: string, path: string, example: string): void {
  if (!path.startsWith('/') || path.includes('//')) fail(gateway, field, path, `an absolute path such as ${example} (starting with /, without //)`);
}

const SERVICE_IMPORT_NAME = 'the name of an exported Service (a lowercase RFC 1123 label)';

/** Checks everything the emitted objects depend on; throws on the first problem. */
function validateGateway(g: ResolvedGateway): void {
  const id = g.name === '' ? '(unnamed)' : g.name;
  checkName(id, 'name', g.name, DNS_1123_SUBDOMAIN, 253, 'a lowercase RFC 1123 subdomain');
  checkName(id, 'namespace', g.namespace, DNS_1123_LABEL, 63, 'a lowercase RFC 1123 label');
  const traits = gatewayClassTraits(g.className);
  if (traits === undefined) {
    fail(id, 'className', g.className, `a GKE multi-cluster GatewayClass (one of ${MULTI_CLUSTER_GATEWAY_CLASS_NAMES.join(', ')}): only those route to ServiceImports`);
  }
  if (!traits.internalAddresses && g.addresses.length > 0) fail(id, 'addresses', `${g.addresses.length} entries`, `none: ${g.className} takes no regional internal address`);
  if (g.addresses.length > MAX_ADDRESSES) fail(id, 'addresses', `${g.addresses.length} entries`, `at most ${MAX_ADDRESSES}`);
  g.addresses.forEach((a, i) => {
    checkName(id, `addresses[${i}].region`, a.region, REGION, 63, 'a Google Cloud region such as us-west1');
    if (a.staticAddress !== undefined) {
      checkName(id, `addresses[${i}].staticAddress`, a.staticAddress, GCE_NAME, 63, 'a Compute Engine address name');
    }
  });
  checkUnique(id, 'addresses', g.addresses.map((a) => a.region), 'region (one frontend address per region)');
  checkPort(id, 'port', g.port);

  checkUnique(id, 'routes', g.routes.map((r) => r.name), 'route name');
  g.routes.forEach((route, i) => {
    const at = `routes[${i}]`;
    checkName(id, `${at}.name`, route.name, DNS_1123_SUBDOMAIN, 253, 'a lowercase RFC 1123 subdomain');
    if (route.hostnames.length > MAX_HOSTNAMES) fail(id, `${at}.hostnames`, `${route.hostnames.length} entries`, `at most ${MAX_HOSTNAMES}`);
    route.hostnames.forEach((h, j) => {
      const expected = 'a lowercase DNS name (optionally *.-prefixed), not an IP address';
      if (IPV4.test(h)) fail(id, `${at}.hostnames[${j}]`, h, expected);
      checkName(id, `${at}.hostnames[${j}]`, h, ROUTE_HOSTNAME, 253, expected);
    });
    if (route.rules.length === 0) fail(id, `${at}.rules`, [], 'at least one rule (a route without rules sends nothing to a backend)');
    if (route.rules.length > MAX_RULES) fail(id, `${at}.rules`, `${route.rules.length} entries`, `at most ${MAX_RULES}`);
    route.rules.forEach((rule, k) => {
      const r = `${at}.rules[${k}]`;
      if (rule.pathPrefix !== undefined) checkPath(id, `${r}.pathPrefix`, rule.pathPrefix, '/west');
      (rule.matches ?? []).forEach((m, n) => {
        if (m.path !== undefined) checkPath(id, `${r}.matches[${n}].path.value`, m.path.value, '/west');
      });
      if (rule.backends === undefined) {
        checkName(id, `${r}.backend`, rule.backend ?? '', DNS_1123_LABEL, 63, SERVICE_IMPORT_NAME);
        checkPort(id, `${r}.port`, rule.port ?? 0);
      } else {
        if (rule.backends.length === 0) fail(id, `${r}.backends`, [], 'at least one backend');
        rule.backends.forEach((b, n) => {
          checkName(id, `${r}.backends[${n}].name`, b.name, DNS_1123_LABEL, 63, SERVICE_IMPORT_NAME);
          checkPort(id, `${r}.backends[${n}].port`, b.port);
        });
      }
      if (rule.mirror !== undefined) {
        checkName(id, `${r}.mirror.backend`, rule.mirror.backend, DNS_1123_LABEL, 63, SERVICE_IMPORT_NAME);
        checkPort(id, `${r}.mirror.port`, rule.mirror.port);
      }
    });
  });

  checkUnique(id, 'healthChecks', g.healthChecks.map((c) => c.backend), 'backend (one HealthCheckPolicy per ServiceImport)');
  g.healthChecks.forEach((check, i) => {
    const at = `healthChecks[${i}]`;
    checkName(id, `${at}.backend`, check.backend, DNS_1123_LABEL, 63, SERVICE_IMPORT_NAME);
    if (check.path !== undefined && !check.path.startsWith('/')) fail(id, `${at}.path`, check.path, 'an absolute request path such as /health');
    if (check.port !== undefined) checkPort(id, `${at}.port`, check.port);
  });
  checkUnique(id, 'backendPolicies', g.backendPolicies.map((p) => p.backend), 'backend (one GCPBackendPolicy per ServiceImport)');
  g.backendPolicies.forEach((policy, i) => checkName(id, `backendPolicies[${i}].backend`, policy.backend, DNS_1123_LABEL, 63, SERVICE_IMPORT_NAME));
}
