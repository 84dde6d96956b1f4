import { WorkloadVersions } from '../../src/k8s/versions';
import { Workload } from '../../src/k8s/workload';
import { ServiceTrafficIntent } from '../../src/plan/traffic/intent';
import { serviceTrafficOf } from '../../src/plan/traffic/resolve';
import { resolveWorkload } from '../../src/topology/resolve/defaults';
import { ResolvedApp, ResolvedTopology, ResolvedWorkload, WorkloadInput } from '../../src/topology/model/types';
import { idsOf, inNamespace, synthChart } from './helpers';
import { validateObjects } from './schema';
import { SEED_002, parseManifests, FILLED_CONTAINER_CONTEXT, labelledLikeItsPods } from './seed-manifests';

const PRODUCTCATALOG: WorkloadInput = {
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
};

/** The seed's productcatalogservice with its canary at `weight`. */
function canaryAt(weight: number, input: Partial<WorkloadInput> = {}): ResolvedWorkload {
  return resolveWorkload({ ...PRODUCTCATALOG, ...input, canary: { ...PRODUCTCATALOG.canary!, weight } }, []);
}

const productcatalog = canaryAt(25);

/** bookinfo's reviews with three versions. */
function reviews(weights: [number, number, number], input: Partial<WorkloadInput> = {}): ResolvedWorkload {
  return resolveWorkload(
    {
      name: 'reviews',
      image: 'docker.io/istio/examples-bookinfo-reviews-v1:1.20.1',
      port: 9080,
      versions: [
        { name: 'v1', weight: weights[0] },
        { name: 'v2', weight: weights[1], image: 'docker.io/istio/examples-bookinfo-reviews-v2:1.20.1', env: { STAR_COLOR: 'black' }, replicas: 2, labels: { track: 'beta' } },
        { name: 'v3', weight: weights[2], image: 'docker.io/istio/examples-bookinfo-reviews-v3:1.20.1' },
      ],
      ...input,
    },
    ['cluster1'],
  );
}

/** The traffic intent of `w`, alone in an app of `namespace` of an istio-routed mesh. */
function splitTraffic(w: ResolvedWorkload, namespace: string): ServiceTrafficIntent {
  const app = { namespace, workloads: [w], routes: [] } as unknown as ResolvedApp;
  const model = { apps: [app], mesh: { routing: 'istio' }, gateways: [] } as unknown as ResolvedTopology;
  return serviceTrafficOf(model, app, w)!;
}

describe('WorkloadVersions of a canary', () => {
  const build = (w: ResolvedWorkload, { routing = true, ...extra }: Partial<{ pods: boolean; routing: boolean; istioApiVersion: 'v1' | 'v1beta1' }> = {}) =>
    synthChart(
      (c) =>
        new WorkloadVersions(c, 'versions', {
          namespace: 'onlineboutique',
          workload: w,
          istioApiVersion: 'v1beta1',
          ...(routing ? { traffic: splitTraffic(w, 'onlineboutique') } : {}),
          ...extra,
        }),
    );

  test('Deployment <name>-<version>, DestinationRule and VirtualService <name>', () => {
    const objects = build(productcatalog);
    expect(idsOf(objects)).toEqual([
      'Deployment/onlineboutique/productcatalogservice-v2',
      'DestinationRule/onlineboutique/productcatalogservice',
      'VirtualService/onlineboutique/productcatalogservice',
    ]);
    validateObjects(objects);
  });

  test("the canary Deployment equals seed 002's productcatalogservice-v2, field for field (plus its namespace, its pods' labels and the filled-in security context)", () => {
    const [deployment] = build(productcatalog);
    const [seed] = parseManifests(SEED_002.productcatalogV2);
    const expected = labelledLikeItsPods(inNamespace(seed, 'onlineboutique'));
    expected.spec.template.spec.containers[0].securityContext = { ...FILLED_CONTAINER_CONTEXT, runAsNonRoot: true };
    expect(deployment).toEqual(expected);
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
    const [deployment] = build(resolveWorkload({ ...PRODUCTCATALOG, canary: { ...PRODUCTCATALOG.canary!, image: 'example/pc:v2' } }, []));
    expect(deployment.spec.template.spec.containers[0].image).toBe('example/pc:v2');
  });

  test('the Deployment is there at weight 0 too (warm pods for the first step and a rollback)', () => {
    expect(idsOf(build(canaryAt(0)))[0]).toBe('Deployment/onlineboutique/productcatalogservice-v2');
  });

  test('pods: false / no traffic intent', () => {
    expect(idsOf(build(productcatalog, { pods: false }))).toEqual(['DestinationRule/onlineboutique/productcatalogservice', 'VirtualService/onlineboutique/productcatalogservice']);
    expect(idsOf(build(productcatalog, { routing: false }))).toEqual(['Deployment/onlineboutique/productcatalogservice-v2']);
  });

  test('the VirtualService and DestinationRule names are settable; hosts and subsets stay the Service', () => {
    const objects = build(canaryAt(25, { virtualServiceName: 'pc-split', destinationRuleName: 'pc-subsets' }));
    expect(idsOf(objects).slice(1)).toEqual(['DestinationRule/onlineboutique/pc-subsets', 'VirtualService/onlineboutique/pc-split']);
    expect(objects[1].spec.host).toBe('productcatalogservice');
    expect(objects[2].spec.hosts).toEqual(['productcatalogservice']);
  });
});

describe('WorkloadVersions of versions', () => {
  const build = (w: ResolvedWorkload) =>
    synthChart((c) => new WorkloadVersions(c, 'versions', { namespace: 'bookinfo', workload: w, istioApiVersion: 'v1', traffic: splitTraffic(w, 'bookinfo') }));

  test('one Deployment per version after the first, then the DestinationRule and VirtualService', () => {
    const objects = build(reviews([50, 0, 50]));
    expect(idsOf(objects)).toEqual(['Deployment/bookinfo/reviews-v2', 'Deployment/bookinfo/reviews-v3', 'DestinationRule/bookinfo/reviews', 'VirtualService/bookinfo/reviews']);
    validateObjects(objects);
  });

  test("each version's image, env, replicas and labels; selector app only by default", () => {
    const [v2, v3] = build(reviews([50, 0, 50]));
    expect(v2.spec.replicas).toBe(2);
    expect(v2.spec.selector).toEqual({ matchLabels: { app: 'reviews' } });
    expect(v2.spec.template.metadata.labels).toEqual({ app: 'reviews', version: 'v2', track: 'beta' });
    expect(v2.spec.template.spec.containers[0]).toMatchObject({ image: 'docker.io/istio/examples-bookinfo-reviews-v2:1.20.1', env: [{ name: 'STAR_COLOR', value: 'black' }] });
    expect(v3.spec.replicas).toBeUndefined();
    expect(v3.spec.template.metadata.labels).toEqual({ app: 'reviews', version: 'v3' });
    expect(v3.spec.template.spec.containers[0].image).toBe('docker.io/istio/examples-bookinfo-reviews-v3:1.20.1');
  });

  test('selectorIncludesVersion: each Deployment selects its version too', () => {
    const [v2, v3] = build(reviews([50, 0, 50], { selectorIncludesVersion: true }));
    expect(v2.spec.selector).toEqual({ matchLabels: { app: 'reviews', version: 'v2' } });
    expect(v3.spec.selector).toEqual({ matchLabels: { app: 'reviews', version: 'v3' } });
  });

  test('VirtualService weights per subset: v1 50, v3 50; DestinationRule subsets v1, v2, v3', () => {
    const objects = build(reviews([50, 0, 50]));
    const [dr, vs] = objects.slice(2);
    expect(dr.spec.subsets.map((s: { name: string }) => s.name)).toEqual(['v1', 'v2', 'v3']);
    expect(vs.spec.http[0].route.map((r: { destination: { subset: string }; weight: number }) => [r.destination.subset, r.weight])).toEqual([
      ['v1', 50],
      ['v3', 50],
    ]);
  });
});

describe('the stable Deployment of a workload with versions', () => {
  const build = (w: ResolvedWorkload) => synthChart((c) => new Workload(c, 'w', { namespace: 'bookinfo', workload: w }));

  test("takes the first version's label, image, replicas and labels", () => {
    const w = reviews([50, 0, 50]);
    const [deployment] = build({ ...w, versions: [{ ...w.versions[0], image: 'reviews:stable', replicas: 4, labels: { track: 'stable' } }, ...w.versions.slice(1)] });
    expect(deployment.metadata.name).toBe('reviews');
    expect(deployment.spec.replicas).toBe(4);
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'reviews' } });
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'reviews', version: 'v1', track: 'stable' });
    expect(deployment.spec.template.spec.containers[0].image).toBe('reviews:stable');
  });

  test('selectorIncludesVersion: the stable Deployment selects version v1; the Service still selects app only', () => {
    const [deployment, service] = build(reviews([50, 0, 50], { selectorIncludesVersion: true }));
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'reviews', version: 'v1' } });
    expect(service.spec.selector).toEqual({ app: 'reviews' });
  });
});
