/**
 * Multi-cluster Gateway beyond seed 003 (issue 9 point 5): optional addresses, GKE classes,
 * blue/green route rules (header canary, mirror, weights), HealthCheckPolicy settings,
 * GCPBackendPolicy and GCPGatewayPolicy, each checked against its CRD.
 */
import { Testing } from 'cdk8s';
import { MultiClusterGateway } from '../../src/k8s/multi-cluster-gateway';
import { gatewayTrafficOf } from '../../src/plan/traffic/resolve';
import { ResolvedGateway, ResolvedTopology } from '../../src/topology';
import { checkObject, validateObjects } from './schema';

/** A topology without apps: the gateway's backends are no workload that declares versions. */
const NO_APPS = { apps: [] } as unknown as ResolvedTopology;

/** An external global Gateway in front of store-west-1 (blue) and store-west-2 (green). */
const BLUE_GREEN: ResolvedGateway = {
  name: 'external-http',
  namespace: 'store',
  className: 'gke-l7-global-external-managed-mc',
  addresses: [],
  listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
  routes: [
    {
      kind: 'HTTPRoute',
      name: 'public-store-route',
      labels: {},
      hostnames: [],
      rules: [
        { matches: [{ headers: [{ name: 'env', value: 'canary' }] }], backend: 'store-west-2', port: 8080 },
        { backend: 'store-west-1', port: 8080, mirror: { backend: 'store-west-2', port: 8080 } },
      ],
    },
  ],
  healthChecks: [],
  backendPolicies: [],
};

function synth(gateway: ResolvedGateway): any[] {
  const chart = Testing.chart();
  new MultiClusterGateway(chart, 'mcg', { gateway, traffic: gatewayTrafficOf(NO_APPS, gateway, 0) });
  return Testing.synth(chart);
}

function withChange(change: (g: any) => void): ResolvedGateway {
  const copy = JSON.parse(JSON.stringify(BLUE_GREEN));
  change(copy);
  return copy;
}

const byKind = (objs: any[], kind: string): any[] => objs.filter((o) => o.kind === kind);
const serviceImport = (name: string) => ({ group: 'net.gke.io', kind: 'ServiceImport', name, port: 8080 });

describe('Gateway and route without the optional fields', () => {
  test('a global external Gateway has no addresses key; a route without hostnames has no hostnames key', () => {
    const [gateway, route] = synth(BLUE_GREEN);
    expect(gateway.spec.gatewayClassName).toBe('gke-l7-global-external-managed-mc');
    expect(gateway.spec).not.toHaveProperty('addresses');
    expect(route.spec).not.toHaveProperty('hostnames');
  });

  test('an internal class without addresses lets GKE pick an ephemeral address (no addresses key)', () => {
    const [gateway] = synth(withChange((g) => (g.className = 'gke-l7-cross-regional-internal-managed-mc')));
    expect(gateway.spec).not.toHaveProperty('addresses');
  });
});

describe('blue/green stages as route rules', () => {
  test('stages 1 and 2: a header match sends canary requests to green; the default rule mirrors to green', () => {
    const [, route] = synth(BLUE_GREEN);
    expect(route.spec.rules).toEqual([
      { matches: [{ headers: [{ name: 'env', value: 'canary' }] }], backendRefs: [serviceImport('store-west-2')] },
      {
        backendRefs: [serviceImport('store-west-1')],
        filters: [{ type: 'RequestMirror', requestMirror: { backendRef: serviceImport('store-west-2') } }],
      },
    ]);
  });

  test('stage 3: weighted backends carry their weights, in order', () => {
    const gateway = withChange((g) => {
      g.routes[0].rules = [
        {
          backends: [
            { name: 'store-west-1', port: 8080, weight: 90 },
            { name: 'store-west-2', port: 8080, weight: 10 },
          ],
        },
      ];
    });
    const [, route] = synth(gateway);
    expect(route.spec.rules[0].backendRefs).toEqual([
      { ...serviceImport('store-west-1'), weight: 90 },
      { ...serviceImport('store-west-2'), weight: 10 },
    ]);
    expect(route.spec.rules[0]).not.toHaveProperty('matches');
  });

  test('path matches: PathPrefix by default, Exact when asked, with headers in the same match', () => {
    const gateway = withChange((g) => {
      g.routes[0].rules = [
        { matches: [{ path: { value: '/cart' }, headers: [{ name: 'env', value: 'canary' }] }, { path: { type: 'Exact', value: '/' } }], backend: 'store', port: 8080 },
      ];
    });
    const [, route] = synth(gateway);
    expect(route.spec.rules[0].matches).toEqual([
      { path: { type: 'PathPrefix', value: '/cart' }, headers: [{ name: 'env', value: 'canary' }] },
      { path: { type: 'Exact', value: '/' } },
    ]);
  });

  test('every blue/green rule passes the Gateway API CRD and @kubernetes-models schemas', () => {
    const weighted = withChange((g) => {
      g.routes[0].rules.push({
        backends: [
          { name: 'store-west-1', port: 8080, weight: 0 },
          { name: 'store-west-2', port: 8080, weight: 100 },
        ],
      });
    });
    expect(() => validateObjects(synth(weighted))).not.toThrow();
  });
});

describe('HealthCheckPolicy', () => {
  test('settings are written when given, the name is settable, the default name stays <backend>-healthcheck', () => {
    const gateway = withChange((g) => {
      g.healthChecks = [
        {
          backend: 'store-west-1',
          type: 'HTTP',
          name: 'blue-check',
          path: '/healthz',
          host: 'store.example.com',
          checkIntervalSec: 10,
          timeoutSec: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
        { backend: 'store-west-2', type: 'HTTP', path: '/' },
      ];
    });
    const [blue, green] = byKind(synth(gateway), 'HealthCheckPolicy');
    expect(blue.metadata.name).toBe('blue-check');
    expect(blue.spec.default).toEqual({
      checkIntervalSec: 10,
      timeoutSec: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 3,
      config: { type: 'HTTP', httpHealthCheck: { requestPath: '/healthz', host: 'store.example.com', portSpecification: 'USE_SERVING_PORT' } },
    });
    expect(green.metadata.name).toBe('store-west-2-healthcheck');
    expect(green.spec.default).toEqual({ config: { type: 'HTTP', httpHealthCheck: { requestPath: '/', portSpecification: 'USE_SERVING_PORT' } } });
  });

  test.each([
    ['HTTPS', 'httpsHealthCheck', { path: '/healthz' }, { requestPath: '/healthz', port: 8443, portSpecification: 'USE_FIXED_PORT' }],
    ['HTTP2', 'http2HealthCheck', { path: '/healthz' }, { requestPath: '/healthz', port: 8443, portSpecification: 'USE_FIXED_PORT' }],
    ['TCP', 'tcpHealthCheck', {}, { port: 8443, portSpecification: 'USE_FIXED_PORT' }],
    ['GRPC', 'grpcHealthCheck', {}, { port: 8443, portSpecification: 'USE_FIXED_PORT' }],
  ])('type %s writes its own check block (%s) and passes the CRD', (type, key, extra, block) => {
    const gateway = withChange((g) => (g.healthChecks = [{ backend: 'store', type, port: 8443, ...extra }]));
    const objs = synth(gateway);
    const [policy] = byKind(objs, 'HealthCheckPolicy');
    expect(policy.spec.default.config).toEqual({ type, [key]: block });
    expect(() => validateObjects(objs)).not.toThrow();
  });

  test('a TCP check without a port has only its type', () => {
    const [policy] = byKind(synth(withChange((g) => (g.healthChecks = [{ backend: 'store', type: 'TCP' }]))), 'HealthCheckPolicy');
    expect(policy.spec.default).toEqual({ config: { type: 'TCP' } });
  });
});

describe('GCPBackendPolicy', () => {
  const policies = [
    {
      backend: 'store-west-1',
      timeoutSec: 40,
      drainingTimeoutSec: 60,
      sessionAffinity: { type: 'GENERATED_COOKIE', cookieTtlSec: 50 },
      logging: { enabled: true, sampleRate: 500000 },
      securityPolicy: 'store-armor',
    },
    { backend: 'store-west-2', name: 'green-policy', sessionAffinity: { type: 'CLIENT_IP' } },
  ];

  test('one per backend ServiceImport, with every setting given and nothing else', () => {
    const objs = synth(withChange((g) => (g.backendPolicies = policies)));
    const [blue, green] = byKind(objs, 'GCPBackendPolicy');
    expect(blue.apiVersion).toBe('networking.gke.io/v1');
    expect(blue.metadata).toMatchObject({ name: 'store-west-1-backendpolicy', namespace: 'store' });
    expect(blue.spec).toEqual({
      default: {
        timeoutSec: 40,
        connectionDraining: { drainingTimeoutSec: 60 },
        sessionAffinity: { type: 'GENERATED_COOKIE', cookieTtlSec: 50 },
        logging: { enabled: true, sampleRate: 500000 },
        securityPolicy: 'store-armor',
      },
      targetRef: { group: 'net.gke.io', kind: 'ServiceImport', name: 'store-west-1' },
    });
    expect(green.metadata.name).toBe('green-policy');
    expect(green.spec.default).toEqual({ sessionAffinity: { type: 'CLIENT_IP' } });
  });

  test('passes the GKE CRD', () => {
    const objs = synth(withChange((g) => (g.backendPolicies = policies)));
    expect(() => validateObjects(objs)).not.toThrow();
    expect(checkObject(byKind(objs, 'GCPBackendPolicy')[0]).sources.join(' ')).toMatch(/gcpbackendpolicies/);
  });
});

describe('GCPGatewayPolicy', () => {
  test('targets the Gateway, writes only the settings given, default name <gateway>-policy, passes the CRD', () => {
    const gateway = withChange((g) => {
      g.className = 'gke-l7-rilb-mc';
      g.gatewayPolicy = { allowGlobalAccess: true, region: 'us-west1' };
    });
    const objs = synth(gateway);
    const [policy] = byKind(objs, 'GCPGatewayPolicy');
    expect(policy.metadata).toMatchObject({ name: 'external-http-policy', namespace: 'store' });
    expect(policy.spec).toEqual({
      default: { allowGlobalAccess: true, region: 'us-west1' },
      targetRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'external-http' },
    });
    expect(() => validateObjects(objs)).not.toThrow();
    expect(checkObject(policy).sources.join(' ')).toMatch(/gcpgatewaypolicies/);
  });

  test('a settable name; none without gatewayPolicy', () => {
    const [policy] = byKind(synth(withChange((g) => (g.gatewayPolicy = { name: 'edge', sslPolicy: 'modern-tls' }))), 'GCPGatewayPolicy');
    expect(policy.metadata.name).toBe('edge');
    expect(policy.spec.default).toEqual({ sslPolicy: 'modern-tls' });
    expect(byKind(synth(BLUE_GREEN), 'GCPGatewayPolicy')).toEqual([]);
  });
});
