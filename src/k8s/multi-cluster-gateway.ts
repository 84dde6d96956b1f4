import { Construct } from 'constructs';
import {
  Gateway as GatewayApiGateway,
  GatewaySpecAddresses,
  HttpRoute,
  HttpRouteSpecRules,
  HttpRouteSpecRulesMatchesPathType,
} from '../../imports/gateway.networking.k8s.io';
import {
  HealthCheckPolicy,
  HealthCheckPolicySpecDefaultConfigHttpHealthCheck,
  HealthCheckPolicySpecDefaultConfigHttpHealthCheckPortSpecification,
  HealthCheckPolicySpecDefaultConfigType,
} from '../../imports/networking.gke.io';
import { ResolvedGateway } from '../topology/types';

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

/** Name of the HealthCheckPolicy of a backend ServiceImport. */
export function healthCheckPolicyName(backend: string): string {
  return `${backend}-healthcheck`;
}

/**
 * A multi-cluster Gateway in the fleet config cluster, its HTTPRoutes and its HealthCheckPolicies,
 * as in GKE's internal cross-region multi-cluster Gateway tutorial:
 *
 * - `Gateway` (gateway.networking.k8s.io/v1): `gatewayClassName`, one address per frontend
 *   region (ephemeral: type `networking.gke.io/ephemeral-ipv4-address/<region>`, value
 *   `<region>`; static: type `networking.gke.io/named-address-with-region`, value
 *   `regions/<region>/addresses/<name>`), and one listener `http` (HTTP on `port`) that only
 *   admits HTTPRoutes.
 * - one `HTTPRoute` (v1) per route, attached to the Gateway by name and namespace; each rule
 *   matches a path prefix (or every path when it has none) and sends the traffic to a
 *   ServiceImport (`group: net.gke.io`, `kind: ServiceImport`), i.e. a Service exported from the
 *   workload clusters (see `ExportedService`).
 * - one `HealthCheckPolicy` (networking.gke.io/v1) per health check, named
 *   `<backend>-healthcheck` in the Gateway namespace; a multi-cluster Gateway's policy targets the
 *   ServiceImport, not a Service. The check is HTTP on `path`; with a `port` it also sets
 *   `portSpecification: USE_FIXED_PORT`, because the CRD's validation rules reject a `port`
 *   under the default `USE_SERVING_PORT`.
 *
 * Only multi-cluster GatewayClasses (name ending in `-mc`) are accepted: a single-cluster
 * Gateway cannot route to ServiceImports. Props are checked at construction; an error names the
 * gateway, the field, the value found and the value expected.
 */
export class MultiClusterGateway extends Construct {
  public readonly gateway: GatewayApiGateway;
  /** One per `gateway.routes` entry, same order. */
  public readonly routes: readonly HttpRoute[];
  /** One per `gateway.healthChecks` entry, same order. */
  public readonly healthCheckPolicies: readonly HealthCheckPolicy[];

  public constructor(scope: Construct, id: string, props: MultiClusterGatewayProps) {
    super(scope, id);
    const g = props.gateway;
    validateGateway(g);

    this.gateway = new GatewayApiGateway(this, 'Gateway', {
      metadata: { name: g.name, namespace: g.namespace },
      spec: {
        gatewayClassName: g.className,
        addresses: g.addresses.map(gatewayAddress),
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
            rules: route.rules.map(
              (rule): HttpRouteSpecRules => ({
                ...(rule.pathPrefix !== undefined
                  ? { matches: [{ path: { type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: rule.pathPrefix } }] }
                  : {}),
                backendRefs: [{ group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND, name: rule.backend, port: rule.port }],
              }),
            ),
          },
        }),
    );

    this.healthCheckPolicies = g.healthChecks.map((check) => {
      const httpHealthCheck: HealthCheckPolicySpecDefaultConfigHttpHealthCheck =
        check.port === undefined
          ? { requestPath: check.path }
          : {
              requestPath: check.path,
              port: check.port,
              portSpecification: HealthCheckPolicySpecDefaultConfigHttpHealthCheckPortSpecification.USE_UNDERSCORE_FIXED_UNDERSCORE_PORT,
            };
      return new HealthCheckPolicy(this, `HealthCheckPolicy-${check.backend}`, {
        metadata: { name: healthCheckPolicyName(check.backend), namespace: g.namespace },
        spec: {
          default: { config: { type: HealthCheckPolicySpecDefaultConfigType.HTTP, httpHealthCheck } },
          targetRef: { group: SERVICE_IMPORT_GROUP, kind: SERVICE_IMPORT_KIND, name: check.backend },
        },
      });
    });
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

/** Checks everything the emitted objects depend on; throws on the first problem. */
function validateGateway(g: ResolvedGateway): void {
  const id = g.name === '' ? '(unnamed)' : g.name;
  checkName(id, 'name', g.name, DNS_1123_SUBDOMAIN, 253, 'a lowercase RFC 1123 subdomain');
  checkName(id, 'namespace', g.namespace, DNS_1123_LABEL, 63, 'a lowercase RFC 1123 label');
  if (!g.className.endsWith('-mc')) {
    fail(id, 'className', g.className, 'a multi-cluster GatewayClass (name ending in -mc, e.g. gke-l7-cross-regional-internal-managed-mc): only those route to ServiceImports');
  }
  if (g.addresses.length === 0) {
    fail(id, 'addresses', [], 'at least one address ({ region } for an ephemeral address, { region, staticAddress } for a reserved one)');
  }
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
      if (rule.pathPrefix !== undefined && (!rule.pathPrefix.startsWith('/') || rule.pathPrefix.includes('//'))) {
        fail(id, `${r}.pathPrefix`, rule.pathPrefix, 'an absolute path such as /west (starting with /, without //)');
      }
      checkName(id, `${r}.backend`, rule.backend, DNS_1123_LABEL, 63, 'the name of an exported Service (a lowercase RFC 1123 label)');
      checkPort(id, `${r}.port`, rule.port);
    });
  });

  checkUnique(id, 'healthChecks', g.healthChecks.map((c) => c.backend), 'backend (one HealthCheckPolicy per ServiceImport)');
  g.healthChecks.forEach((check, i) => {
    const at = `healthChecks[${i}]`;
    checkName(id, `${at}.backend`, check.backend, DNS_1123_LABEL, 63, 'the name of an exported Service (a lowercase RFC 1123 label)');
    if (!check.path.startsWith('/')) fail(id, `${at}.path`, check.path, 'an absolute request path such as /health');
    if (check.port !== undefined) checkPort(id, `${at}.port`, check.port);
  });
}
