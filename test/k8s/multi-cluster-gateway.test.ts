import * as path from 'node:path';
import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { MultiClusterGateway, gatewayAddress, healthCheckPolicyName } from '../../src/k8s/multi-cluster-gateway';
import { loadTopologyFile } from '../../src/load/load';
import { ResolvedGateway, ResolvedTopology } from '../../src/topology';
import { gatewayTrafficOf } from '../../src/plan/traffic/resolve';
import { checkObject as apiServerFindings } from '../../src/analysis/api-server/api-server-checks';
import { checkObject, validateObjects } from './schema';

/** A topology without apps: the gateway's backends are no workload that declares versions. */
const NO_APPS = { apps: [] } as unknown as ResolvedTopology;

// -------------------------------------------------------------------------------------------
// Seed 003 manifests (GKE internal cross-region multi-cluster Gateway), copied field for field.
// -------------------------------------------------------------------------------------------

/** cross-regional-gateway.yaml: ephemeral addresses. */
const SEED_GATEWAY_EPHEMERAL = `
kind: Gateway
apiVersion: gateway.networking.k8s.io/v1
metadata:
  name: internal-cross-region-gateway
  namespace: store # Namespace for the Gateway resource
spec:
  gatewayClassName: gke-l7-cross-regional-internal-managed-mc
  addresses:
  # Addresses across regions. Address value is allowed to be empty or matching
  # the region name.
  - type: networking.gke.io/ephemeral-ipv4-address/us-west1
    value: "us-west1"
  - type: networking.gke.io/ephemeral-ipv4-address/us-east1
    value: "us-east1"
  listeners:
  - name: http
    protocol: HTTP
    port: 80
    allowedRoutes:
      kinds:
      - kind: HTTPRoute # Only allow HTTPRoute to attach
`;

/** cross-regional-gateway-static-ip.yaml: named static addresses. */
const SEED_GATEWAY_STATIC = `
kind: Gateway
apiVersion: gateway.networking.k8s.io/v1
metadata:
  name: internal-cross-region-gateway # Or a new name if deploying alongside
  namespace: store
spec:
  gatewayClassName: gke-l7-cross-regional-internal-managed-mc
  addresses:
  - type: networking.gke.io/named-address-with-region # Use for named static IP
    value: "regions/us-west1/addresses/cross-region-gw-ip-west"
  - type: networking.gke.io/named-address-with-region
    value: "regions/us-east1/addresses/cross-region-gw-ip-east"
  listeners:
  - name: http
    protocol: HTTP
    port: 80
    allowedRoutes:
      kinds:
      - kind: HTTPRoute
`;

/** store-route.yaml. */
const SEED_ROUTE = `
kind: HTTPRoute
apiVersion: gateway.networking.k8s.io/v1
metadata:
  name: store-route
  namespace: store
  labels:
    gateway: cross-regional-internal
spec:
  parentRefs:
  - name: internal-cross-region-gateway
    namespace: store # Namespace where the Gateway is deployed
  hostnames:
  - "store.example.internal" # Hostname clients will use
  rules:
  - matches: # Rule for traffic to /west
    - path:
        type: PathPrefix
        value: /west
    backendRefs:
    - group: net.gke.io # Indicates a multi-cluster ServiceImport
      kind: ServiceImport
      name: store-west-1 # Targets the ServiceImport for the west cluster
      port: 8080
  - matches: # Rule for traffic to /east
    - path:
        type: PathPrefix
        value: /east
    backendRefs:
    - group: net.gke.io
      kind: ServiceImport
      name: store-east-1 # Targets the ServiceImport for the east cluster
      port: 8080
  - backendRefs: # Default rule for other paths (e.g., /)
    - group: net.gke.io
      kind: ServiceImport
      name: store # Targets the generic 'store' ServiceImport (any region)
      port: 8080
`;

/**
 * The seed's troubleshooting fix for "no healthy upstream": a HealthCheckPolicy with the
 * application's health path (e.g. /health). The seed gives no manifest; a multi-cluster
 * Gateway's policy targets the ServiceImport (GKE "Configure Gateway resources using Policies").
 */
const EXPECTED_HEALTH_CHECK_POLICY = {
  apiVersion: 'networking.gke.io/v1',
  kind: 'HealthCheckPolicy',
  metadata: { name: 'store-healthcheck', namespace: 'store' },
  spec: {
    default: { config: { type: 'HTTP', httpHealthCheck: { requestPath: '/health', portSpecification: 'USE_SERVING_PORT' } } },
    targetRef: { group: 'net.gke.io', kind: 'ServiceImport', name: 'store' },
  },
};

const seedGatewayEphemeral = parse(SEED_GATEWAY_EPHEMERAL);
const seedGatewayStatic = parse(SEED_GATEWAY_STATIC);
const seedRoute = parse(SEED_ROUTE);

/** The seed's gateway as a resolved topology gateway (ephemeral addresses). */
const SEED: ResolvedGateway = {
  name: 'internal-cross-region-gateway',
  namespace: 'store',
  className: 'gke-l7-cross-regional-internal-managed-mc',
  addresses: [{ region: 'us-west1' }, { region: 'us-east1' }],
  listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
  routes: [
    {
      kind: 'HTTPRoute',
      name: 'store-route',
      labels: { gateway: 'cross-regional-internal' },
      hostnames: ['store.example.internal'],
      rules: [
        { pathPrefix: '/west', backend: 'store-west-1', port: 8080 },
        { pathPrefix: '/east', backend: 'store-east-1', port: 8080 },
        { backend: 'store', port: 8080 },
      ],
    },
  ],
  healthChecks: [{ backend: 'store', type: 'HTTP', path: '/health' }],
  backendPolicies: [],
};

const SEED_STATIC: ResolvedGateway = {
  ...SEED,
  addresses: [
    { region: 'us-west1', staticAddress: 'cross-region-gw-ip-west' },
    { region: 'us-east1', staticAddress: 'cross-region-gw-ip-east' },
  ],
};

function synth(gateway: ResolvedGateway): any[] {
  const chart = Testing.chart();
  new MultiClusterGateway(chart, 'mcg', { gateway, traffic: gatewayTrafficOf(NO_APPS, gateway, 0) });
  return Testing.synth(chart);
}

function byKind(objs: any[], kind: string): any[] {
  return objs.filter((o) => o.kind === kind);
}

/** Applies a change to a deep copy of a gateway (for validation cases). */
function variant(base: ResolvedGateway, change: (g: any) => void): ResolvedGateway {
  const copy = structuredClone(base) as any;
  change(copy);
  return copy;
}

describe('seed 003: Gateway', () => {
  test('ephemeral addresses: the Gateway equals the seed manifest exactly', () => {
    const [gateway] = byKind(synth(SEED), 'Gateway');
    expect(gateway).toEqual(seedGatewayEphemeral);
  });

  test('ephemeral addresses: every field', () => {
    const [gateway] = byKind(synth(SEED), 'Gateway');
    expect(gateway.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(gateway.metadata).toEqual({ name: 'internal-cross-region-gateway', namespace: 'store' });
    expect(Object.keys(gateway.spec).sort()).toEqual(['addresses', 'gatewayClassName', 'listeners']);
    expect(gateway.spec.gatewayClassName).toBe('gke-l7-cross-regional-internal-managed-mc');
    expect(gateway.spec.addresses).toEqual([
      { type: 'networking.gke.io/ephemeral-ipv4-address/us-west1', value: 'us-west1' },
      { type: 'networking.gke.io/ephemeral-ipv4-address/us-east1', value: 'us-east1' },
    ]);
    expect(gateway.spec.listeners).toEqual([{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } }]);
    // No group added to allowedRoutes.kinds (the seed leaves it to the API default).
    expect(gateway.spec.listeners[0].allowedRoutes.kinds[0]).not.toHaveProperty('group');
  });

  test('static addresses: the Gateway equals the seed manifest exactly', () => {
    const [gateway] = byKind(synth(SEED_STATIC), 'Gateway');
    expect(gateway).toEqual(seedGatewayStatic);
    expect(gateway.spec.addresses).toEqual([
      { type: 'networking.gke.io/named-address-with-region', value: 'regions/us-west1/addresses/cross-region-gw-ip-west' },
      { type: 'networking.gke.io/named-address-with-region', value: 'regions/us-east1/addresses/cross-region-gw-ip-east' },
    ]);
  });

  test('mixed addresses keep their order and kind', () => {
    const [gateway] = byKind(synth({ ...SEED, addresses: [{ region: 'us-east1', staticAddress: 'gw-east' }, { region: 'us-west1' }] }), 'Gateway');
    expect(gateway.spec.addresses).toEqual([
      { type: 'networking.gke.io/named-address-with-region', value: 'regions/us-east1/addresses/gw-east' },
      { type: 'networking.gke.io/ephemeral-ipv4-address/us-west1', value: 'us-west1' },
    ]);
  });

  test('the listener port comes from the resolved listener', () => {
    const [gateway] = byKind(synth({ ...SEED, listeners: [{ name: 'http', protocol: 'HTTP', port: 8080 }] }), 'Gateway');
    expect(gateway.spec.listeners[0].port).toBe(8080);
  });

  test('gatewayAddress encodes both address kinds', () => {
    expect(gatewayAddress({ region: 'europe-west4' })).toEqual({ type: 'networking.gke.io/ephemeral-ipv4-address/europe-west4', value: 'europe-west4' });
    expect(gatewayAddress({ region: 'europe-west4', staticAddress: 'gw' })).toEqual({
      type: 'networking.gke.io/named-address-with-region',
      value: 'regions/europe-west4/addresses/gw',
    });
  });

  test('examples/internal-multicluster-gateway.yaml gives the seed static-address Gateway and route', () => {
    const model = loadTopologyFile(path.join(__dirname, '..', '..', 'examples', 'internal-multicluster-gateway.yaml'));
    expect(model.gateways).toHaveLength(1);
    const objs = synth(model.gateways[0]);
    expect(byKind(objs, 'Gateway')).toEqual([seedGatewayStatic]);
    expect(byKind(objs, 'HTTPRoute')).toEqual([seedRoute]);
    expect(byKind(objs, 'HealthCheckPolicy')).toEqual([EXPECTED_HEALTH_CHECK_POLICY]);
  });
});

describe('seed 003: HTTPRoute store-route', () => {
  test('equals the seed manifest exactly', () => {
    expect(byKind(synth(SEED), 'HTTPRoute')).toEqual([seedRoute]);
  });

  test('every field', () => {
    const [route] = byKind(synth(SEED), 'HTTPRoute');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.metadata).toEqual({ name: 'store-route', namespace: 'store', labels: { gateway: 'cross-regional-internal' } });
    expect(Object.keys(route.spec).sort()).toEqual(['hostnames', 'parentRefs', 'rules']);
    expect(route.spec.parentRefs).toEqual([{ name: 'internal-cross-region-gateway', namespace: 'store' }]);
    expect(route.spec.hostnames).toEqual(['store.example.internal']);
    expect(route.spec.rules).toEqual([
      {
        matches: [{ path: { type: 'PathPrefix', value: '/west' } }],
        backendRefs: [{ group: 'net.gke.io', kind: 'ServiceImport', name: 'store-west-1', port: 8080 }],
      },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/east' } }],
        backendRefs: [{ group: 'net.gke.io', kind: 'ServiceImport', name: 'store-east-1', port: 8080 }],
      },
      { backendRefs: [{ group: 'net.gke.io', kind: 'ServiceImport', name: 'store', port: 8080 }] },
    ]);
    // The default rule has no matches at all; no weight, namespace or filters anywhere.
    expect(route.spec.rules[2]).not.toHaveProperty('matches');
    for (const rule of route.spec.rules) {
      expect(Object.keys(rule.backendRefs[0]).sort()).toEqual(['group', 'kind', 'name', 'port']);
    }
  });

  test('a route without labels or hostnames has neither key', () => {
    const gateway = variant(SEED, (g) => {
      g.routes[0].labels = {};
      g.routes[0].hostnames = [];
    });
    const [route] = byKind(synth(gateway), 'HTTPRoute');
    expect(route.metadata).toEqual({ name: 'store-route', namespace: 'store' });
    expect(route.spec).not.toHaveProperty('hostnames');
  });

  test('one HTTPRoute per route, each attached to the gateway in the gateway namespace', () => {
    const gateway = variant(SEED, (g) => {
      g.namespace = 'shop';
      g.routes.push({ name: 'admin-route', labels: {}, hostnames: ['admin.example.internal'], rules: [{ pathPrefix: '/admin', backend: 'admin', port: 9090 }] });
    });
    const routes = byKind(synth(gateway), 'HTTPRoute');
    expect(routes.map((r) => r.metadata.name)).toEqual(['store-route', 'admin-route']);
    for (const route of routes) {
      expect(route.metadata.namespace).toBe('shop');
      expect(route.spec.parentRefs).toEqual([{ name: 'internal-cross-region-gateway', namespace: 'shop' }]);
    }
    expect(routes[1].spec.rules).toEqual([
      { matches: [{ path: { type: 'PathPrefix', value: '/admin' } }], backendRefs: [{ group: 'net.gke.io', kind: 'ServiceImport', name: 'admin', port: 9090 }] },
    ]);
  });
});

describe('HealthCheckPolicy', () => {
  test('the seed health check targets the store ServiceImport', () => {
    expect(byKind(synth(SEED), 'HealthCheckPolicy')).toEqual([EXPECTED_HEALTH_CHECK_POLICY]);
    expect(healthCheckPolicyName('store')).toBe('store-healthcheck');
  });

  test('a health check port is a fixed port (the CRD rejects a port under the default USE_SERVING_PORT)', () => {
    const gateway = variant(SEED, (g) => (g.healthChecks = [{ backend: 'store-west-1', type: 'HTTP', path: '/healthz', port: 8081 }]));
    const [policy] = byKind(synth(gateway), 'HealthCheckPolicy');
    expect(policy).toEqual({
      apiVersion: 'networking.gke.io/v1',
      kind: 'HealthCheckPolicy',
      metadata: { name: 'store-west-1-healthcheck', namespace: 'store' },
      spec: {
        default: { config: { type: 'HTTP', httpHealthCheck: { requestPath: '/healthz', port: 8081, portSpecification: 'USE_FIXED_PORT' } } },
        targetRef: { group: 'net.gke.io', kind: 'ServiceImport', name: 'store-west-1' },
      },
    });
  });

  test('the emitted health checks pass the CRD port rules as the API server runs them (a check with settings names its portSpecification)', () => {
    // Without portSpecification the rules' `self.portSpecification == ...` fails with
    // "no such key", which rejects the object (issue 17: the examples' HealthCheckPolicies).
    const gateway = variant(SEED, (g) => g.healthChecks.push({ backend: 'store-west-1', type: 'HTTP', path: '/healthz', port: 8081 }));
    const policies = byKind(synth(gateway), 'HealthCheckPolicy');
    expect(policies.map((p) => p.spec.default.config.httpHealthCheck)).toEqual([
      { requestPath: '/health', portSpecification: 'USE_SERVING_PORT' },
      { requestPath: '/healthz', port: 8081, portSpecification: 'USE_FIXED_PORT' },
    ]);
    for (const policy of policies) expect(apiServerFindings(policy, 'cluster')).toEqual([]);
    const { portSpecification: _dropped, ...withoutSpecification } = policies[0].spec.default.config.httpHealthCheck;
    const rejected = { ...policies[0], spec: { ...policies[0].spec, default: { config: { type: 'HTTP', httpHealthCheck: withoutSpecification } } } };
    expect(apiServerFindings(rejected, 'cluster').map((f) => [f.code, f.message.split(' evaluating')[0]])).toContainEqual(['API004', 'no such key: portSpecification']);
  });

  test('no health checks, no routes: only the Gateway', () => {
    const objs = synth({ ...SEED, routes: [], healthChecks: [] });
    expect(objs.map((o) => o.kind)).toEqual(['Gateway']);
  });
});

describe('the construct', () => {
  test('emits the Gateway, then the routes, then the policies; its fields are those objects', () => {
    const chart = Testing.chart();
    const mcg = new MultiClusterGateway(chart, 'mcg', { gateway: SEED, traffic: gatewayTrafficOf(NO_APPS, SEED, 0) });
    const objs = Testing.synth(chart);
    expect(objs.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual(['Gateway internal-cross-region-gateway', 'HTTPRoute store-route', 'HealthCheckPolicy store-healthcheck']);
    expect(mcg.gateway.toJson()).toEqual(objs[0]);
    expect(mcg.routes.map((r) => r.toJson())).toEqual([objs[1]]);
    expect(mcg.healthCheckPolicies.map((p) => p.toJson())).toEqual([objs[2]]);
  });

  test('every emitted object conforms to its schema (Gateway API v1.2.1 CRDs, @kubernetes-models, GKE CRD)', () => {
    const gateway = variant(SEED_STATIC, (g) => g.healthChecks.push({ backend: 'store-west-1', type: 'HTTP', path: '/healthz', port: 8081 }));
    for (const objs of [synth(SEED), synth(gateway)]) {
      expect(() => validateObjects(objs)).not.toThrow();
    }
    const [gw, route, policy] = synth(SEED);
    expect(checkObject(gw).sources.join(' ')).toMatch(/@kubernetes-models\/gateway-api.* Gateway.*gateway-api-v1\.2\.1-standard/);
    expect(checkObject(route).sources.join(' ')).toMatch(/@kubernetes-models\/gateway-api.* HTTPRoute.*gateway-api-v1\.2\.1-standard/);
    expect(checkObject(policy).sources.join(' ')).toContain('networking.gke.io_healthcheckpolicies.yaml');
  });

  test('snapshot: ephemeral and static seed gateways (paired with the field assertions above)', () => {
    expect({ ephemeral: synth(SEED), static: synth(SEED_STATIC) }).toMatchSnapshot();
  });
});
