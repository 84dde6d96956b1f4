import { istioHttpOf } from '../../../src/k8s/traffic/istio-routes';
import { serviceTrafficOf, splitBackends, trafficIntentsOf } from '../../../src/plan/traffic/resolve';
import { resolveTopology, resolveWorkload } from '../../../src/topology/resolve/defaults';
import { versionSplitOf } from '../../../src/topology/resolve/traffic-split';
import { ResolvedApp, ResolvedTopology, ResolvedWorkload, WorkloadInput } from '../../../src/topology/model/types';
import { EXAMPLES, exampleInput, loadExample, modelOf } from '../../k8s/helpers';

/*
 * The traffic intent (src/plan/traffic): one data-plane-independent intent per Service, per
 * multi-cluster Gateway and for the MultiClusterIngress, resolved once from the topology.
 */

const PRODUCTCATALOG: WorkloadInput = { name: 'productcatalogservice', image: 'example/pc:v1', port: 3550, version: 'v1', canary: { version: 'v2', weight: 25 } };

/** productcatalogservice with its canary at `weight`. */
function canaryAt(weight: number): ResolvedWorkload {
  return resolveWorkload({ ...PRODUCTCATALOG, canary: { ...PRODUCTCATALOG.canary!, weight } }, []);
}

/** bookinfo's reviews with three versions at `weights`. */
function reviews(weights: [number, number, number]): ResolvedWorkload {
  return resolveWorkload(
    {
      name: 'reviews',
      image: 'example/reviews:v1',
      port: 9080,
      versions: [
        { name: 'v1', weight: weights[0] },
        { name: 'v2', weight: weights[1] },
        { name: 'v3', weight: weights[2] },
      ],
    },
    ['cluster1'],
  );
}

/** The intent of `w` alone in an app of a mesh routed by `routing`. */
function intentOf(w: ResolvedWorkload, routing: 'istio' | 'gateway-api' = 'istio') {
  const app = { namespace: 'ns', workloads: [w], routes: [] } as unknown as ResolvedApp;
  const model = { apps: [app], mesh: { routing }, gateways: [] } as unknown as ResolvedTopology;
  return serviceTrafficOf(model, app, w)!;
}

/** The Istio route destinations of a split (as the split VirtualService writes them). */
const istioSplit = (host: string, w: ResolvedWorkload, port?: number) => istioHttpOf({ matches: [], backends: splitBackends(host, versionSplitOf(w), port) }).route;

describe('the split of a canary', () => {
  const route = (subset: string, weight?: number) => ({ destination: { host: 'productcatalogservice', subset }, ...(weight === undefined ? {} : { weight }) });

  test('weight 0: only the stable version, no weight field', () => {
    expect(istioSplit('productcatalogservice', canaryAt(0))).toEqual([route('v1')]);
  });

  test('weight 100: only the canary, no weight field', () => {
    expect(istioSplit('productcatalogservice', canaryAt(100))).toEqual([route('v2')]);
  });

  test.each([1, 25, 50, 99])('weight %i: stable 100-w, canary w, in that order', (w) => {
    expect(istioSplit('productcatalogservice', canaryAt(w))).toEqual([route('v1', 100 - w), route('v2', w)]);
  });

  test('with a port, every backend carries it', () => {
    expect(splitBackends('productcatalogservice', versionSplitOf(canaryAt(10)), 80).map((b) => b.port)).toEqual([80, 80]);
  });

  test.each([
    [
      [
        { version: 'v1', weight: 60 },
        { version: 'v2', weight: 50 },
      ],
    ],
    [
      [
        { version: 'v1', weight: 101 },
        { version: 'v2', weight: -1 },
      ],
    ],
    [
      [
        { version: 'v1', weight: 97.5 },
        { version: 'v2', weight: 2.5 },
      ],
    ],
  ])('weights %j are refused', (split) => {
    expect(() => splitBackends('x', split)).toThrow(/^meshfleet bug: traffic.split-weights: traffic split of x: weights/);
  });
});

describe('the split of versions', () => {
  const r = (subset: string, weight?: number) => ({ destination: { host: 'reviews', subset }, ...(weight === undefined ? {} : { weight }) });

  test('50/0/50: v1 and v3 with their weights, in version order; the 0% v2 gets no backend', () => {
    expect(istioSplit('reviews', reviews([50, 0, 50]))).toEqual([r('v1', 50), r('v3', 50)]);
  });

  test('20/30/50: all three in version order', () => {
    expect(istioSplit('reviews', reviews([20, 30, 50]))).toEqual([r('v1', 20), r('v2', 30), r('v3', 50)]);
  });

  test('a single version at 100 is routed without weight', () => {
    expect(istioSplit('reviews', reviews([0, 0, 100]))).toEqual([r('v3')]);
  });
});

describe('in-mesh routing of a split', () => {
  test('canary at 0: only the stable subset (as before versions existed); at 25 or 100 both', () => {
    expect(intentOf(canaryAt(0)).mesh?.subsets).toEqual(['v1']);
    expect(intentOf(canaryAt(25)).mesh?.subsets).toEqual(['v1', 'v2']);
    expect(intentOf(canaryAt(100)).mesh?.subsets).toEqual(['v1', 'v2']);
  });

  test('versions: one subset per version, 0% ones included, in order; every version gets a per-version Service', () => {
    const mesh = intentOf(reviews([0, 0, 100])).mesh!;
    expect(mesh.subsets).toEqual(['v1', 'v2', 'v3']);
    expect(mesh.versionServices).toEqual(['v1', 'v2', 'v3']);
  });

  test('source split, object names from the workload, one rule with the live versions', () => {
    const w = resolveWorkload({ ...PRODUCTCATALOG, virtualServiceName: 'pc-split', destinationRuleName: 'pc-subsets' }, []);
    expect(intentOf(w).mesh).toEqual({
      source: 'split',
      protocol: 'http',
      path: 'apps[0].workloads[0]',
      names: { virtualService: 'pc-split', destinationRule: 'pc-subsets', httpRoute: 'productcatalogservice' },
      subsets: ['v1', 'v2'],
      versionServices: ['v1', 'v2'],
      rules: [
        {
          matches: [],
          backends: [
            { service: 'productcatalogservice', version: 'v1', weight: 75 },
            { service: 'productcatalogservice', version: 'v2', weight: 25 },
          ],
        },
      ],
    });
  });

  test('a plain version label: no in-mesh routing in either data plane; one declared version: routing in both (issue 17)', () => {
    const plain = resolveWorkload({ name: 'details', image: 'example/details:v1', port: 9080, version: 'v1' }, []);
    expect(intentOf(plain).mesh).toBeUndefined();
    expect(intentOf(plain, 'gateway-api').mesh).toBeUndefined();
    const single = resolveWorkload({ name: 'details', image: 'example/details:v1', port: 9080, versions: [{ name: 'v1', weight: 100 }] }, []);
    expect(intentOf(single).mesh?.source).toBe('split');
    expect(intentOf(single, 'gateway-api').mesh?.source).toBe('split');
    expect(intentOf(single, 'gateway-api').mesh?.versionServices).toEqual(['v1']);
  });

  test('a workload without a port has no intent', () => {
    const w = resolveWorkload({ name: 'loadgen', image: 'example/loadgen:v1' }, []);
    expect(intentOf(w)).toBeUndefined();
  });
});

describe('whole topologies', () => {
  test('every intent is plain data: it survives a JSON round trip unchanged', () => {
    for (const file of [EXAMPLES.canary, EXAMPLES.gateway, EXAMPLES.privateAsm, 'examples/mesh-routes-istio.yaml', 'examples/mci-host-rules-https.yaml']) {
      const intents = trafficIntentsOf(loadExample(file));
      expect(JSON.parse(JSON.stringify(intents))).toEqual(intents);
    }
  });

  test('an explicit route: source route, its path, its rules on the Service; subsets: versions with traffic and those named', () => {
    const intents = trafficIntentsOf(loadExample('examples/mesh-routes-istio.yaml'));
    const reviewsIntent = intents.services.find((s) => s.service === 'reviews')!;
    expect(reviewsIntent.mesh).toMatchObject({
      source: 'route',
      protocol: 'http',
      path: 'apps[0].routes[0]',
      names: { virtualService: 'reviews', destinationRule: 'reviews', httpRoute: 'reviews' },
    });
    expect(reviewsIntent.mesh!.subsets).toEqual(['v1', 'v2']);
    expect(reviewsIntent.mesh!.rules.every((r) => r.backends.every((b) => b.service === 'reviews'))).toBe(true);
  });

  test('the ingress gateway entry of the exposed frontend: every request to the Service port; with a canary, the split on that port', () => {
    const input = exampleInput(EXAMPLES.canary);
    const frontendOf = (model: ResolvedTopology) => trafficIntentsOf(model).services.find((s) => s.service === 'frontend')!;
    expect(frontendOf(modelOf(input)).ingressGateway).toEqual({
      name: 'frontend',
      hosts: ['*'],
      gateway: { name: 'asm-ingressgateway', namespace: 'asm-ingress' },
      rules: [{ matches: [], backends: [{ service: 'frontend', port: 80 }] }],
    });
    Object.assign(
      input.apps[0].workloads.find((w: any) => w.name === 'frontend'),
      { version: 'v1', canary: { version: 'v2', weight: 10 } },
    );
    const entry = frontendOf(modelOf(input)).ingressGateway!;
    expect(entry.name).toBe('frontend-ingress');
    expect(entry.rules[0].backends).toEqual([
      { service: 'frontend', version: 'v1', port: 80, weight: 90 },
      { service: 'frontend', version: 'v2', port: 80, weight: 10 },
    ]);
  });

  test('multi-cluster Gateway: shorthands expanded, ServiceImport backends, paths to the topology', () => {
    const [gateway] = trafficIntentsOf(loadExample(EXAMPLES.gateway)).gateways;
    expect(gateway.path).toBe('gateways[0]');
    expect(gateway.routes[0]).toMatchObject({ protocol: 'http', name: 'store-route', path: 'gateways[0].routes[0]', hostnames: ['store.example.internal'] });
    expect(gateway.routes[0].rules[0]).toEqual({
      matches: [{ path: { type: 'PathPrefix', value: '/west' }, headers: [], queryParams: [] }],
      backends: [{ service: 'store-west-1', port: 8080 }],
    });
    expect(gateway.routes[0].rules[2]).toEqual({ matches: [], backends: [{ service: 'store', port: 8080 }] });
  });

  test('MultiClusterIngress: the default backend and host rules to MultiClusterServices', () => {
    const intents = trafficIntentsOf(loadExample(EXAMPLES.privateAsm));
    expect(intents.multiClusterIngress).toEqual({
      name: 'asm-ingressgateway-multicluster-ingress',
      namespace: 'asm-ingress',
      defaultBackend: { service: 'asm-ingressgateway-multicluster-svc', port: 80 },
      hosts: [],
    });
  });
});

describe('gRPC routes', () => {
  test('a GRPCRoute route: protocol grpc, gRPC method matches apart from HTTP methods', () => {
    const intent = trafficIntentsOf(loadExample('examples/grpc-routes-gamma.yaml')).services.find((s) => s.service === 'productcatalogservice')!;
    expect(intent.routing).toBe('gateway-api');
    expect(intent.mesh).toMatchObject({ source: 'route', protocol: 'grpc', names: { httpRoute: 'productcatalogservice' }, versionServices: ['v1', 'v2'] });
    expect(intent.mesh!.rules[1].matches).toEqual([
      { headers: [], queryParams: [], grpcMethod: { type: 'Exact', service: 'hipstershop.ProductCatalogService', method: 'SearchProducts' } },
    ]);
  });

  test('a GRPCRoute on a multi-cluster Gateway: protocol grpc, method matches with their default type', () => {
    const input = exampleInput(EXAMPLES.gateway);
    Object.assign(input.gateways[0].routes[0], { kind: 'GRPCRoute', rules: [{ matches: [{ method: { service: 'store.Catalog' } }], backend: 'store', port: 8080 }] });
    // Validation refuses GRPCRoutes for every GKE class today; the intent is resolved from the topology as written.
    const [gateway] = trafficIntentsOf(resolveTopology(input)).gateways;
    expect(gateway.routes[0]).toMatchObject({
      protocol: 'grpc',
      rules: [{ matches: [{ headers: [], queryParams: [], grpcMethod: { type: 'Exact', service: 'store.Catalog' } }], backends: [{ service: 'store', port: 8080 }] }],
    });
  });
});
