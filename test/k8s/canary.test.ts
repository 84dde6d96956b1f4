import { Canary, canaryRoutes, canarySubsets } from '../../src/k8s/canary';
import { resolveWorkload } from '../../src/topology/defaults';
import { ResolvedWorkload } from '../../src/topology/types';
import { idsOf, inNamespace, synthChart } from './helpers';
import { validateObjects } from './schema';
import { SEED_002, parseManifests } from './seed-manifests';

const split = { host: 'productcatalogservice', stable: 'v1', canary: 'v2' };

const productcatalog: ResolvedWorkload = resolveWorkload({
  name: 'productcatalogservice',
  kind: 'Deployment',
  image: 'gcr.io/google-samples/microservices-demo/productcatalogservice:v0.3.6',
  port: 3550,
  servicePort: 3550,
  portName: 'grpc',
  containerName: 'server',
  replicas: 1,
  env: { PORT: '3550' },
  probe: { exec: ['/bin/grpc_health_probe', '-addr=:3550'] },
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  terminationGracePeriodSeconds: 5,
  clusters: ['gke-boutique'],
  version: 'v1',
  canary: { version: 'v2', weight: 25, image: 'gcr.io/google-samples/microservices-demo/productcatalogservice:v0.3.6', env: { EXTRA_LATENCY: '3s' } },
  export: false,
}, []);

describe('canaryRoutes', () => {
  test('weight 0: only the stable subset, no weight field', () => {
    expect(canaryRoutes({ ...split, weight: 0 })).toEqual([{ destination: { host: 'productcatalogservice', subset: 'v1' } }]);
  });

  test('weight 100: only the canary subset, no weight field', () => {
    expect(canaryRoutes({ ...split, weight: 100 })).toEqual([{ destination: { host: 'productcatalogservice', subset: 'v2' } }]);
  });

  test.each([1, 25, 50, 99])('weight %i: stable 100-w, canary w, in that order', (w) => {
    expect(canaryRoutes({ ...split, weight: w })).toEqual([
      { destination: { host: 'productcatalogservice', subset: 'v1' }, weight: 100 - w },
      { destination: { host: 'productcatalogservice', subset: 'v2' }, weight: w },
    ]);
  });

  test('with a port, every destination carries it', () => {
    const routes = canaryRoutes({ ...split, weight: 10, port: 80 });
    expect(routes.map((r) => r.destination.port)).toEqual([{ number: 80 }, { number: 80 }]);
  });

  test.each([-1, 101, 2.5])('weight %p is refused', (w) => {
    expect(() => canaryRoutes({ ...split, weight: w })).toThrow(/weight/);
  });
});

describe('canarySubsets', () => {
  test('weight 0: the stable subset only', () => {
    expect(canarySubsets({ ...split, weight: 0 })).toEqual([{ labels: { version: 'v1' }, name: 'v1' }]);
  });

  test.each([25, 100])('weight %i: stable and canary subsets', (w) => {
    expect(canarySubsets({ ...split, weight: w })).toEqual([
      { labels: { version: 'v1' }, name: 'v1' },
      { labels: { version: 'v2' }, name: 'v2' },
    ]);
  });
});

describe('Canary', () => {
  const build = (w: ResolvedWorkload, extra: Partial<{ pods: boolean; routing: boolean; istioApiVersion: 'v1' | 'v1beta1' }> = {}) =>
    synthChart((c) => new Canary(c, 'canary', { namespace: 'onlineboutique', workload: w, istioApiVersion: 'v1beta1', ...extra }));

  test('Deployment <name>-<version>, DestinationRule and VirtualService <name>', () => {
    const objects = build(productcatalog);
    expect(idsOf(objects)).toEqual([
      'Deployment/onlineboutique/productcatalogservice-v2',
      'DestinationRule/onlineboutique/productcatalogservice',
      'VirtualService/onlineboutique/productcatalogservice',
    ]);
    validateObjects(objects);
  });

  test("the canary Deployment equals seed 002's productcatalogservice-v2, field for field (plus its namespace)", () => {
    const [deployment] = build(productcatalog);
    const [seed] = parseManifests(SEED_002.productcatalogV2);
    expect(deployment).toEqual(inNamespace(seed, 'onlineboutique'));
  });

  test('v1beta1 mesh at 25%: the seed 002 DestinationRule and split VirtualService', () => {
    const [, dr, vs] = build(productcatalog);
    expect(dr).toEqual(inNamespace(parseManifests(SEED_002.destinationV1V2)[0], 'onlineboutique'));
    expect(vs).toEqual(inNamespace(parseManifests(SEED_002.vsSplitTraffic)[0], 'onlineboutique'));
  });

  test('the apiVersion follows the mesh', () => {
    const [, dr, vs] = build(productcatalog, { istioApiVersion: 'v1' });
    expect([dr.apiVersion, vs.apiVersion]).toEqual(['networking.istio.io/v1', 'networking.istio.io/v1']);
    validateObjects([dr, vs]);
  });

  test('a canary image replaces the stable one', () => {
    const [deployment] = build({ ...productcatalog, canary: { ...productcatalog.canary!, image: 'example/pc:v2' } });
    expect(deployment.spec.template.spec.containers[0].image).toBe('example/pc:v2');
  });

  test('the Deployment is there at weight 0 too (warm pods for the first step and a rollback)', () => {
    const objects = build({ ...productcatalog, canary: { ...productcatalog.canary!, weight: 0 } });
    expect(idsOf(objects)[0]).toBe('Deployment/onlineboutique/productcatalogservice-v2');
  });

  test('pods: false / routing: false', () => {
    expect(idsOf(build(productcatalog, { pods: false }))).toEqual([
      'DestinationRule/onlineboutique/productcatalogservice',
      'VirtualService/onlineboutique/productcatalogservice',
    ]);
    expect(idsOf(build(productcatalog, { routing: false }))).toEqual(['Deployment/onlineboutique/productcatalogservice-v2']);
  });

  test('a workload without a canary or a stable version is refused', () => {
    expect(() => build({ ...productcatalog, canary: undefined })).toThrow(/canary/);
    expect(() => build({ ...productcatalog, version: undefined })).toThrow(/version/);
  });
});
