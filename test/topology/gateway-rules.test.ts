/**
 * Topology rules of multi-cluster Gateways (issue 9 point 5): the GKE class list, addresses per
 * class, proxy-only subnets where the class needs them (and their purpose), GCPGatewayPolicy
 * fields per class, blue/green route rules (exported backends, weights, mirrors), policies.
 */
import { validateTopology } from '../../src/load/load';
import { Draft, expectOnlyProblem, problemsOf } from './support';

const CLASSES =
  'gke-l7-global-external-managed, gke-l7-regional-external-managed, gke-l7-rilb, gke-l7-gxlb, gke-l7-global-external-managed-mc, gke-l7-regional-external-managed-mc, gke-l7-rilb-mc, gke-l7-cross-regional-internal-managed-mc, gke-l7-gxlb-mc';
const IMPORTS = 'one of store, store-west, store-east';

/** Two workload clusters exporting store, a config cluster, and the blue/green route of the example. */
function base(): Draft {
  return {
    name: 'gw-rules',
    project: { id: 'meshfleet-test' },
    clusters: [
      { name: 'gke-west', zone: 'us-west1-a', private: false, authorizedNetworks: false },
      { name: 'gke-east', zone: 'us-east1-b', private: false, authorizedNetworks: false },
      { name: 'config', zone: 'us-west1-b', role: 'config', private: false, authorizedNetworks: false, gatewayApi: 'standard' },
    ],
    fleet: { configCluster: 'config', multiClusterServices: true },
    gateways: [
      {
        name: 'external-http',
        namespace: 'store',
        className: 'gke-l7-global-external-managed-mc',
        routes: [
          {
            name: 'store-route',
            rules: [
              { matches: [{ headers: [{ name: 'env', value: 'canary' }] }], backend: 'store-east', port: 8080 },
              { backend: 'store-west', port: 8080, mirror: { backend: 'store-east', port: 8080 } },
            ],
          },
        ],
      },
    ],
    apps: [{ namespace: 'store', workloads: [{ name: 'store', image: 'whereami:v1', port: 8080, export: true }] }],
  };
}

function variant(change: (t: Draft) => void): Draft {
  const t = base();
  change(t);
  return t;
}

const weighted = (...weights: Array<number | undefined>) =>
  weights.map((weight, i) => ({ name: i % 2 === 0 ? 'store-west' : 'store-east', port: 8080, ...(weight !== undefined ? { weight } : {}) }));

describe('valid gateways', () => {
  test('the blue/green base: a global external class without addresses, hostnames or proxy-only subnets', () => {
    const model = validateTopology(base(), 'test');
    expect(model.gateways[0].addresses).toEqual([]);
    expect(model.gateways[0].routes[0].hostnames).toEqual([]);
    expect(model.regions.every((r) => r.proxyOnlySubnet === undefined)).toBe(true);
  });

  test('weights summing to 100, weights of 0, and no weights at all are accepted', () => {
    for (const backends of [weighted(90, 10), weighted(0, 100), weighted(undefined, undefined)]) {
      expect(() =>
        validateTopology(
          variant((t) => (t.gateways[0].routes[0].rules[1] = { backends })),
          'test',
        ),
      ).not.toThrow();
    }
  });
});

describe('GatewayClass', () => {
  test.each(['gke-l7-rilb-mc2', 'gke-l7-global-external', 'istio'])('%s is not a GKE class', (className) => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].className = className)),
      'gateways[0].className',
      `not a GKE GatewayClass (found "${className}", expected one of ${CLASSES})`,
    );
  });

  test.each(['gke-l7-global-external-managed-mc', 'gke-l7-gxlb-mc', 'gke-l7-regional-external-managed-mc'])('%s takes no addresses', (className) => {
    const problems = problemsOf(
      variant((t) => {
        t.gateways[0].className = className;
        t.gateways[0].addresses = [{ region: 'us-west1' }];
        t.regions = [{ name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' }];
      }),
    );
    expect(problems).toContainEqual({
      path: 'gateways[0].addresses',
      message: `${className} takes no regional internal address (its load balancer gets its own IP) (found "1 addresses", expected no addresses)`,
    });
  });

  test('gke-l7-rilb-mc takes one address, not one per region', () => {
    expectOnlyProblem(
      variant((t) => {
        t.gateways[0].className = 'gke-l7-rilb-mc';
        t.gateways[0].addresses = [{ region: 'us-west1' }, { region: 'us-east1', staticAddress: 'east-ip' }];
        t.regions = [
          { name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' },
          { name: 'us-east1', proxyOnlySubnet: '10.130.0.0/23' },
        ];
      }),
      'gateways[0].addresses',
      'gke-l7-rilb-mc is a regional load balancer with one frontend (found "2 addresses", expected at most one address)',
    );
  });
});

describe('proxy-only subnets where the class needs them', () => {
  test('cross-regional internal class: an address region without a proxy-only subnet', () => {
    const problems = problemsOf(
      variant((t) => {
        t.gateways[0].className = 'gke-l7-cross-regional-internal-managed-mc';
        t.gateways[0].addresses = [{ region: 'us-central1' }];
        t.regions = [
          { name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' },
          { name: 'us-east1', proxyOnlySubnet: '10.130.0.0/23' },
        ];
      }),
    );
    expect(problems).toEqual([
      {
        path: 'gateways[0].addresses[0].region',
        message: 'the gateway region has no proxy-only subnet (found "us-central1", expected a regions entry { name: us-central1, proxyOnlySubnet: <unused /23> })',
      },
    ]);
  });

  test('regional class without an address: its config cluster region needs the subnet', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].className = 'gke-l7-regional-external-managed-mc')),
      'gateways[0].className',
      'the region us-west1 of the config cluster (a regional gateway\'s region) has no proxy-only subnet (found "us-west1", expected a regions entry { name: us-west1, proxyOnlySubnet: <unused /23> })',
    );
  });

  test('regional class with gatewayPolicy.region: that region needs the subnet', () => {
    expectOnlyProblem(
      variant((t) => {
        t.gateways[0].className = 'gke-l7-rilb-mc';
        t.gateways[0].gatewayPolicy = { region: 'us-east1' };
        t.regions = [{ name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' }];
      }),
      'gateways[0].gatewayPolicy.region',
      'the gateway region has no proxy-only subnet (found "us-east1", expected a regions entry { name: us-east1, proxyOnlySubnet: <unused /23> })',
    );
  });

  test('a region needed by a regional and by a cross-regional gateway is refused (one proxy-only subnet per region)', () => {
    expectOnlyProblem(
      variant((t) => {
        t.regions = [
          { name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' },
          { name: 'us-east1', proxyOnlySubnet: '10.130.0.0/23' },
        ];
        t.gateways[0].className = 'gke-l7-rilb-mc';
        t.gateways[0].addresses = [{ region: 'us-west1' }];
        t.gateways.push({ name: 'internal', namespace: 'store', className: 'gke-l7-cross-regional-internal-managed-mc' });
      }),
      'regions[0].proxyOnlySubnet',
      'gateways[0] needs a REGIONAL_MANAGED_PROXY subnet here and gateways[1] a GLOBAL_MANAGED_PROXY one; meshfleet declares one proxy-only subnet per region (found "us-west1", expected regional and cross-regional gateways in different regions)',
    );
  });
});

describe('GCPGatewayPolicy fields per class', () => {
  test('allowGlobalAccess on a class other than gke-l7-rilb-mc', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].gatewayPolicy = { allowGlobalAccess: true })),
      'gateways[0].gatewayPolicy.allowGlobalAccess',
      'global access applies to regional internal gateways only (found "gke-l7-global-external-managed-mc", expected gke-l7-rilb, gke-l7-rilb-mc, or no allowGlobalAccess)',
    );
  });

  test('region on a global class', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].gatewayPolicy = { region: 'us-west1' })),
      'gateways[0].gatewayPolicy.region',
      'a region applies to regional multi-cluster gateways only (found "gke-l7-global-external-managed-mc", expected gke-l7-rilb-mc or gke-l7-regional-external-managed-mc, or no region)',
    );
  });

  test('sslPolicy on the global external class (with an HTTPS listener) is accepted', () => {
    expect(
      validateTopology(
        variant((t) => {
          t.gateways[0].listeners = [{ name: 'https', protocol: 'HTTPS', port: 443, tls: { options: { 'networking.gke.io/pre-shared-certs': 'store-cert' } } }];
          t.gateways[0].gatewayPolicy = { sslPolicy: 'modern' };
        }),
        'test',
      ).gateways[0].gatewayPolicy,
    ).toEqual({ sslPolicy: 'modern' });
  });
});

describe('route rules', () => {
  test('weights not summing to 100', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].routes[0].rules[1] = { backends: weighted(90, 20) })),
      'gateways[0].routes[0].rules[1].backends',
      'the weights do not sum to 100 (found 110, expected 100)',
    );
  });

  test('some backends weighted and some not', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].routes[0].rules[1] = { backends: weighted(90, undefined) })),
      'gateways[0].routes[0].rules[1].backends',
      'some backends have a weight and some not (found "1 of 2 weighted", expected a weight on every backend, or on none)',
    );
  });

  test('a weighted backend no cluster exports', () => {
    expectOnlyProblem(
      variant(
        (t) =>
          (t.gateways[0].routes[0].rules[1] = {
            backends: [
              { name: 'store-west', port: 8080, weight: 50 },
              { name: 'store-north', port: 8080, weight: 50 },
            ],
          }),
      ),
      'gateways[0].routes[0].rules[1].backends[1].name',
      `no exported service has this name (found "store-north", expected ${IMPORTS})`,
    );
  });

  test('a per-cluster backend (and mirror) of a cluster that does not run the workload', () => {
    expect(problemsOf(variant((t) => (t.apps[0].workloads[0].clusters = ['gke-west'])))).toEqual(
      ['rules[0].backend', 'rules[1].mirror.backend'].map((at) => ({
        path: `gateways[0].routes[0].${at}`,
        message: 'no exported service has this name (found "store-east", expected one of store, store-west)',
      })),
    );
  });

  test('a mirror to a missing backend', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].routes[0].rules[1].mirror.backend = 'store-green')),
      'gateways[0].routes[0].rules[1].mirror.backend',
      `no exported service has this name (found "store-green", expected ${IMPORTS})`,
    );
  });

  test('backend and backends together, and neither', () => {
    expect(
      problemsOf(
        variant((t) => {
          t.gateways[0].routes[0].rules[0].backends = weighted(100);
          t.gateways[0].routes[0].rules[1] = { matches: [{ path: { value: '/' } }] };
        }),
      ),
    ).toEqual([
      { path: 'gateways[0].routes[0].rules[0]', message: 'a rule sends traffic to backend + port or to backends (found "both", expected exactly one of them)' },
      { path: 'gateways[0].routes[0].rules[1]', message: 'a rule sends traffic to backend + port or to backends (found "neither", expected exactly one of them)' },
    ]);
  });

  test('a backend without its port', () => {
    expectOnlyProblem(
      variant((t) => delete t.gateways[0].routes[0].rules[0].port),
      'gateways[0].routes[0].rules[0].port',
      'backend and port go together (found nothing, expected both)',
    );
  });

  test('pathPrefix and matches together', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].routes[0].rules[0].pathPrefix = '/west')),
      'gateways[0].routes[0].rules[0].matches',
      'a rule matches with pathPrefix or matches, not both (found "both", expected one of them)',
    );
  });

  test('an unknown path match type is a structure problem', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].routes[0].rules[0].matches = [{ path: { type: 'RegularExpression', value: '/w.*' } }])),
      'gateways[0].routes[0].rules[0].matches[0].path.type',
      'not an allowed value (found "RegularExpression", expected one of "PathPrefix", "Exact")',
    );
  });
});

describe('policies', () => {
  test('HealthCheckPolicy names duplicated in a namespace (a set name equal to a default one)', () => {
    expectOnlyProblem(
      variant((t) => {
        t.gateways[0].healthChecks = [
          { backend: 'store-west', path: '/' },
          { backend: 'store-east', name: 'store-west-healthcheck', path: '/' },
        ];
      }),
      'gateways[0].healthChecks[1].name',
      'HealthCheckPolicy name already used in namespace store by gateways[0].healthChecks[0] (found "store-west-healthcheck", expected a name of its own (set name))',
    );
  });

  test('GCPBackendPolicy names duplicated across two gateways of a namespace', () => {
    expectOnlyProblem(
      variant((t) => {
        t.gateways[0].backendPolicies = [{ backend: 'store-west', timeoutSec: 30 }];
        t.gateways.push({ name: 'second', namespace: 'store', className: 'gke-l7-gxlb-mc', backendPolicies: [{ backend: 'store-west', timeoutSec: 60 }] });
      }),
      'gateways[1].backendPolicies[0].name',
      'GCPBackendPolicy name already used in namespace store by gateways[0].backendPolicies[0] (found "store-west-backendpolicy", expected a name of its own (set name))',
    );
  });

  test('GCPGatewayPolicy names duplicated', () => {
    expectOnlyProblem(
      variant((t) => {
        t.gateways[0].gatewayPolicy = { name: 'edge' };
        t.gateways.push({ name: 'second', namespace: 'store', className: 'gke-l7-gxlb-mc', gatewayPolicy: { name: 'edge' } });
      }),
      'gateways[1].gatewayPolicy.name',
      'GCPGatewayPolicy name already used in namespace store by gateways[0].gatewayPolicy (found "edge", expected a name of its own (set name))',
    );
  });

  test('a policy on a ServiceImport nobody exports', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].backendPolicies = [{ backend: 'store-blue' }])),
      'gateways[0].backendPolicies[0].backend',
      `no exported service has this name (found "store-blue", expected ${IMPORTS})`,
    );
  });

  test('an HTTP health check needs a path; a TCP one takes none', () => {
    expect(
      problemsOf(
        variant((t) => {
          t.gateways[0].healthChecks = [{ backend: 'store-west' }, { backend: 'store-east', type: 'TCP', path: '/' }];
        }),
      ),
    ).toEqual([
      { path: 'gateways[0].healthChecks[0].path', message: 'an HTTP health check needs a request path (found nothing, expected a path such as /health)' },
      { path: 'gateways[0].healthChecks[1].path', message: 'a TCP health check sends no HTTP request (found "/", expected no path, or type HTTP, HTTPS or HTTP2)' },
    ]);
  });

  test('a health check timeout longer than its interval', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].healthChecks = [{ backend: 'store', path: '/', checkIntervalSec: 5, timeoutSec: 10 }])),
      'gateways[0].healthChecks[0].timeoutSec',
      'the timeout exceeds the check interval (found 10, expected at most checkIntervalSec (5))',
    );
  });

  test('a cookie TTL without cookie affinity', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].backendPolicies = [{ backend: 'store', sessionAffinity: { type: 'CLIENT_IP', cookieTtlSec: 60 } }])),
      'gateways[0].backendPolicies[0].sessionAffinity.cookieTtlSec',
      'a cookie TTL needs cookie affinity (found "CLIENT_IP", expected type GENERATED_COOKIE)',
    );
  });

  test('out-of-range policy settings are structure problems', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].backendPolicies = [{ backend: 'store', logging: { enabled: true, sampleRate: 2000000 } }])),
      'gateways[0].backendPolicies[0].logging.sampleRate',
      'out of range (found 2000000, expected at most 1000000)',
    );
  });
});

describe('what the multi-cluster Gateway objects need, refused with a field path (issue 10 point 1)', () => {
  test('a backend port that its ServiceImport does not expose', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].routes[0].rules[0].port = 9090)),
      'gateways[0].routes[0].rules[0].port',
      'ServiceImport store-east does not expose this port (found 9090, expected 8080)',
    );
  });

  test('a weighted backend and a mirror to a port their ServiceImport does not expose', () => {
    const problems = problemsOf(
      variant((t) => {
        t.gateways[0].routes[0].rules[0] = { backends: [{ name: 'store-west', port: 80 }] };
        t.gateways[0].routes[0].rules[1].mirror.port = 81;
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['gateways[0].routes[0].rules[0].backends[0].port', 'gateways[0].routes[0].rules[1].mirror.port']);
  });

  test('the port of a servicePort-mapped workload is its Service port', () => {
    expect(() =>
      validateTopology(
        variant((t) => (t.apps[0].workloads[0].servicePort = 8080)),
        'test',
      ),
    ).not.toThrow();
    expect(problemsOf(variant((t) => (t.apps[0].workloads[0].servicePort = 80))).map((p) => p.message)).toContain(
      'ServiceImport store-east does not expose this port (found 8080, expected 80)',
    );
  });

  test('two routes of one name in a gateway', () => {
    expectOnlyProblem(
      variant((t) => t.gateways[0].routes.push({ name: 'store-route', rules: [{ backend: 'store', port: 8080 }] })),
      'gateways[0].routes[1].name',
      'duplicate HTTPRoute name, already used by gateways[0].routes[0].name (found "store-route", expected an HTTPRoute name of its own)',
    );
  });

  test('more than 16 rules in a route', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].routes[0].rules = Array.from({ length: 17 }, () => ({ backend: 'store', port: 8080 })))),
      'gateways[0].routes[0].rules',
      'an HTTPRoute has at most 16 rules (found 17, expected at most 16)',
    );
  });

  test('paths with //', () => {
    const problems = problemsOf(
      variant((t) => {
        t.gateways[0].routes[0].rules[0].matches[0].path = { value: '/a//b' };
        t.gateways[0].routes[0].rules[1].pathPrefix = '//';
      }),
    );
    expect(problems).toEqual([
      { path: 'gateways[0].routes[0].rules[0].matches[0].path.value', message: 'not a normalized path (found "/a//b", expected an absolute path without //, such as /west)' },
      { path: 'gateways[0].routes[0].rules[1].pathPrefix', message: 'not a normalized path (found "//", expected an absolute path without //, such as /west)' },
    ]);
  });

  test('two health checks or backend policies of one backend, even when named apart', () => {
    const problems = problemsOf(
      variant((t) => {
        t.gateways[0].healthChecks = [
          { backend: 'store', path: '/' },
          { backend: 'store', name: 'other', path: '/' },
        ];
        t.gateways[0].backendPolicies = [{ backend: 'store' }, { backend: 'store', name: 'other' }];
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['gateways[0].healthChecks[1].backend', 'gateways[0].backendPolicies[1].backend']);
  });

  test('two gateways of one name in a namespace', () => {
    const problems = problemsOf(variant((t) => t.gateways.push({ name: 'external-http', namespace: 'store', className: 'gke-l7-global-external-managed-mc' })));
    expect(problems).toContainEqual({
      path: 'gateways[1].name',
      message: 'duplicate gateway, gateways[0] has this name in namespace store (found "external-http", expected a gateway name unique in its namespace)',
    });
  });
});

describe('GRPCRoutes on a multi-cluster Gateway', () => {
  /** The route as a GRPCRoute: a method match to store-east, the rest to store-west. */
  const grpc = (t: Draft) => {
    t.gateways[0].routes[0].kind = 'GRPCRoute';
    t.gateways[0].routes[0].rules = [
      { matches: [{ method: { service: 'store.Catalog', method: 'List' }, headers: [{ name: 'env', value: 'canary' }] }], backend: 'store-east', port: 8080 },
      { backend: 'store-west', port: 8080 },
    ];
  };

  test.each(CLASSES.split(', ').filter((c) => c.endsWith('-mc')))('class %s: refused with the reason, at the route kind', (className) => {
    const t = variant(grpc);
    t.gateways[0].className = className;
    // Internal and regional classes need a proxy-only subnet: give every region one, so the route is the only problem.
    t.regions = [
      { name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' },
      { name: 'us-east1', proxyOnlySubnet: '10.130.0.0/23' },
    ];
    expect(problemsOf(t).filter((p) => !p.path.startsWith('regions'))).toEqual([
      {
        path: 'gateways[0].routes[0].kind',
        message: `GatewayClass ${className} does not support GRPCRoute (GKE's Gateway controller) (found "GRPCRoute", expected HTTPRoute (no GKE multi-cluster GatewayClass takes GRPCRoutes yet))`,
      },
    ]);
  });

  test('a GRPCRoute rule takes no path; a gRPC method names service or method, in the characters Gateway API takes', () => {
    const problems = problemsOf(
      variant((t) => {
        grpc(t);
        t.gateways[0].routes[0].rules[0].matches.push({ path: { value: '/store.Catalog/List' } }, { method: { method: 'List-All' } }, { method: { type: 'RegularExpression' } });
        t.gateways[0].routes[0].rules[1].pathPrefix = '/west';
      }),
    ).filter((p) => p.path !== 'gateways[0].routes[0].kind');
    expect(problems).toEqual([
      {
        path: 'gateways[0].routes[0].rules[0].matches[1].path',
        message: 'a GRPCRoute matches on the gRPC method and headers (found a mapping, expected no path (method: { service, method } instead))',
      },
      {
        path: 'gateways[0].routes[0].rules[0].matches[2].method.method',
        message: 'not a gRPC method name (found "List-All", expected a method name such as SayHello (letters, digits and _))',
      },
      {
        path: 'gateways[0].routes[0].rules[0].matches[3].method',
        message:
          'a gRPC method match names the service, the method or both (found a mapping, expected { service, method }, e.g. { service: helloworld.Greeter, method: SayHello })',
      },
      {
        path: 'gateways[0].routes[0].rules[1].pathPrefix',
        message: 'a GRPCRoute matches on the gRPC method and headers (found "/west", expected no pathPrefix (matches: [{ method: { service, method } }] instead))',
      },
    ]);
  });

  test('an HTTPRoute takes no gRPC method match', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].routes[0].rules[0].matches[0].method = { service: 'store.Catalog' })),
      'gateways[0].routes[0].rules[0].matches[0].method',
      'a gRPC method match belongs to a GRPCRoute (found a mapping, expected an HTTP method such as GET, or kind: GRPCRoute)',
    );
  });
});
