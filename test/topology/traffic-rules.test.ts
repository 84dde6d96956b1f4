import { parse } from 'yaml';
import { validateTopology } from '../../src/load/load';
import { problemsOf } from './support';

/*
 * Rules of the one traffic model (src/topology/rules/traffic-rules.ts, and the mirror rule of
 * route-rules.ts): where a workload's version weights or in-mesh route cannot apply at an entry
 * point, validate refuses with the field path, the reason and the fix (issue 17 finding 7 and
 * the hostile "mirror to the route's own backend").
 */

/** An exported store with versions 80/20 in two clusters behind a multi-cluster Gateway; `rules` are the route's rules. */
function topology(rules: unknown[], gateway: Record<string, unknown> = {}): any {
  return {
    ...parse(`name: store-split
project: { id: meshfleet-demo, number: "123456789012" }
operatorCidrs: [203.0.113.10/32]
clusters:
  - { name: gke-west-1, zone: us-west1-a, private: false, gatewayApi: standard }
  - { name: gke-west-2, zone: us-west1-b, private: false, gatewayApi: standard }
fleet: { configCluster: gke-west-1, multiClusterServices: true }
mesh: { management: fleet }
apps:
  - namespace: store
    workloads:
      - name: store
        image: whereami:v1
        port: 8080
        export: true
        versions: [{ name: v1, weight: 80 }, { name: v2, weight: 20 }]
      - name: cart
        image: cart:v1
        port: 8080
        export: true
`),
    gateways: [
      {
        name: 'external-http',
        namespace: 'store',
        className: 'gke-l7-global-external-managed-mc',
        routes: [{ name: 'store-route', rules }],
        ...gateway,
      },
    ],
  };
}

/** `path: message` lines of the problems of `input`. */
const lines = (input: unknown) => problemsOf(input).map((p) => `${p.path}: ${p.message}`);

describe('multi-cluster Gateway', () => {
  test('routes to the workload, to its per-version ServiceImports, to a workload without versions: accepted', () => {
    expect(() =>
      validateTopology(
        topology(
          [
            { pathPrefix: '/v2', backend: 'store-v2', port: 8080 },
            { pathPrefix: '/cart', backend: 'cart-west-1', port: 8080, mirror: { backend: 'cart-west-2', port: 8080 } },
            { backend: 'store', port: 8080 },
          ],
          { healthChecks: [{ backend: 'store-v1', path: '/' }] },
        ),
        'test',
      ),
    ).not.toThrow();
  });

  test('a per-cluster ServiceImport of a workload with versions: refused, it would split by pod count', () => {
    expect(lines(topology([{ backend: 'store-west-1', port: 8080 }]))).toEqual([
      'gateways[0].routes[0].rules[0].backend: ServiceImport store-west-1 selects every version of store (v1 80%, v2 20%) in one cluster: the load balancer would split them by pod count, not by the version weights (found "store-west-1", expected store (meshfleet splits it by the version weights), or a per-version ServiceImport (store-v1, store-v2))',
    ]);
  });

  test('the classic class cannot weight versions nor mirror: refused with the classes that can', () => {
    const input = topology([{ backend: 'store', port: 8080, mirror: { backend: 'cart', port: 8080 } }], { className: 'gke-l7-gxlb-mc' });
    expect(problemsOf(input).map((p) => p.path)).toEqual(['gateways[0].routes[0].rules[0].backend', 'gateways[0].routes[0].rules[0].mirror']);
    expect(problemsOf(input)[0].message).toContain('cannot weight backends');
    expect(problemsOf(input)[0].message).toContain('gke-l7-global-external-managed-mc');
  });

  test('the classic class with one backend without versions: accepted', () => {
    expect(() => validateTopology(topology([{ backend: 'cart', port: 8080 }], { className: 'gke-l7-gxlb-mc' }), 'test')).not.toThrow();
  });

  test("a mirror to the rule's own backend: refused", () => {
    expect(lines(topology([{ backend: 'cart', port: 8080, mirror: { backend: 'cart', port: 8080 } }]))).toEqual([
      `gateways[0].routes[0].rules[0].mirror.backend: a mirror to the rule's own backend: ServiceImport cart would get every request twice (the original and its copy) (found "cart", expected another ServiceImport than the rule sends to, or no mirror)`,
    ]);
  });

  test('a health check on the workload-wide ServiceImport of a workload with versions: refused, the routes reach its versions', () => {
    expect(lines(topology([{ backend: 'store', port: 8080 }], { healthChecks: [{ backend: 'store', path: '/' }] }))).toEqual([
      'gateways[0].healthChecks[0].backend: the routes reach store through its per-version ServiceImports (store-v1, store-v2), so a HealthCheckPolicy on store applies to no backend of the load balancer (found "store", expected one entry per version: store-v1, store-v2)',
    ]);
  });

  /** The store topology with an in-mesh route of `rules` on store, behind a Gateway rule `gatewayRule`. */
  function throughRoute(rules: unknown[], gatewayRule: Record<string, unknown> = { backend: 'store', port: 8080 }, gateway: Record<string, unknown> = {}): any {
    const input = topology([gatewayRule], gateway);
    input.apps[0].routes = [{ service: 'store', rules }];
    return input;
  }

  const HEADER_CANARY = [
    { matches: [{ headers: [{ name: 'end-user', value: 'jason' }] }], backends: [{ version: 'v2' }] },
    { backends: [{ version: 'v1' }], mirror: { version: 'v2' } },
  ];

  test('a route to a workload with an in-mesh route of matches, weights and mirrors: accepted (the Gateway applies them)', () => {
    expect(() => validateTopology(throughRoute(HEADER_CANARY, { pathPrefix: '/store', backend: 'store', port: 8080 }), 'test')).not.toThrow();
  });

  test('an in-mesh route with what a Gateway does not apply, or beside other backends: refused with the reason and the fix', () => {
    const withHeaders = throughRoute([{ backends: [{ version: 'v1' }], requestHeaders: { add: { a: 'b' } } }]);
    expect(lines(withHeaders)).toEqual([
      'gateways[0].routes[0].rules[0].backend: store has an in-mesh route (apps[0].routes[0]) that this Gateway rule cannot apply: apps[0].routes[0].rules[0].requestHeaders' +
        ' (a Gateway applies matches, weights and mirrors only; the load balancer sends straight to the pods) (found "store", expected no requestHeaders,' +
        ' or per-version ServiceImports (store-<version>) with the matches written in this rule, or the Istio ingress gateway (expose))',
    ]);
    const beside = throughRoute(HEADER_CANARY, {
      backends: [
        { name: 'store', port: 8080, weight: 50 },
        { name: 'cart', port: 8080, weight: 50 },
      ],
    });
    expect(problemsOf(beside).map((p) => p.path)).toEqual(['gateways[0].routes[0].rules[0].backends[0].name']);
    const twoPaths = throughRoute([{ matches: [{ path: { value: '/a' } }], backends: [{ version: 'v2' }] }, { backends: [{ version: 'v1' }] }], {
      pathPrefix: '/store',
      backend: 'store',
      port: 8080,
    });
    expect(problemsOf(twoPaths)[0].message).toContain('both match a path');
  });

  test('the classic class cannot apply the mirror of an in-mesh route', () => {
    const problems = problemsOf(throughRoute(HEADER_CANARY, { backend: 'store', port: 8080 }, { className: 'gke-l7-gxlb-mc' }));
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('cannot mirror requests')]);
  });
});

describe('in-mesh routes', () => {
  test("a mirror to the rule's only backend version: refused with the field path", () => {
    const input = topology([{ backend: 'cart', port: 8080 }]);
    input.apps[0].routes = [{ service: 'store', rules: [{ backends: [{ version: 'v1' }], mirror: { version: 'v1' } }] }];
    expect(lines(input)).toEqual([
      `apps[0].routes[0].rules[0].mirror.version: a mirror to the rule's own backend: version v1 would get every request twice (the original and its copy) (found "v1", expected another version than the rule sends to (v2), or no mirror)`,
    ]);
  });
});

describe('MultiClusterIngress', () => {
  /** The store topology behind a MultiClusterIngress whose one MultiClusterService selects `selector`. */
  function behindMci(selector: Record<string, string>): any {
    const input = topology([]);
    delete input.gateways;
    input.clusters.forEach((c: any) => delete c.gatewayApi);
    input.multiClusterIngress = {
      name: 'store-ingress',
      namespace: 'store',
      services: [{ name: 'store-mcs', selector, ports: [{ name: 'http', port: 8080 }] }],
      defaultBackend: { service: 'store-mcs', port: 8080 },
    };
    return input;
  }

  test('a MultiClusterService selecting every version of a workload with versions: refused, an MCI cannot weight', () => {
    const problems = problemsOf(behindMci({ app: 'store' }));
    expect(problems.map((p) => p.path)).toEqual(['multiClusterIngress.services[0].selector']);
    expect(problems[0].message).toBe(
      'MultiClusterService store-mcs selects every version of store (v1 80%, v2 20%): a MultiClusterIngress cannot weight backends or apply mesh routes, so requests would split by pod count' +
        ' (found "app: store", expected the Istio ingress gateway behind the MultiClusterIngress (store with expose; the VirtualService splits),' +
        ' a multi-cluster Gateway (it weights per-version ServiceImports), or a selector with one version (version: v1))',
    );
  });

  test('a MultiClusterService selecting one version, or a workload without versions: accepted', () => {
    expect(() => validateTopology(behindMci({ app: 'store', version: 'v1' }), 'test')).not.toThrow();
    expect(() => validateTopology(behindMci({ app: 'cart' }), 'test')).not.toThrow();
  });
});
