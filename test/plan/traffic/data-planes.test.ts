import { editCanaryWeight } from '../../../src/edit/canary-edit';
import { shiftTraffic } from '../../../src/edit/shift-edit';
import { parseTopologyText } from '../../../src/load/load';
import { buildPlan } from '../../../src/plan/build-plan';
import { clusterObjects, findObject, modelOf } from '../../k8s/helpers';

/*
 * Issue 17 finding 7: one traffic model on every data plane. A workload's version weights
 * become the same split in the mesh (Istio VirtualService, GAMMA HTTPRoute) and at a
 * multi-cluster Gateway (weighted per-version ServiceImports, each exported from the workload
 * clusters); `shift` and `canary` edit those weights, and every data plane follows.
 */

/** The store app in two clusters, exported, with `split` (a `versions` or `canary` block), behind a multi-cluster Gateway. */
function topology(routing: 'istio' | 'gateway-api', split: string): string {
  return `name: store-split
project: { id: meshfleet-demo, number: "123456789012" }
operatorCidrs: [203.0.113.10/32]
clusters:
  - { name: gke-west-1, zone: us-west1-a, private: false, gatewayApi: standard }
  - { name: gke-west-2, zone: us-west1-b, private: false, gatewayApi: standard }
fleet: { configCluster: gke-west-1, multiClusterServices: true }
mesh: { management: fleet, routing: ${routing} }
gateways:
  - name: external-http
    namespace: store
    className: gke-l7-global-external-managed-mc
    routes:
      - name: public-store-route
        hostnames: [store.example.com]
        rules:
          - { backend: store, port: 8080 }
apps:
  - namespace: store
    workloads:
      - name: store
        image: us-docker.pkg.dev/google-samples/containers/gke/whereami:v1.2.20
        podSecurityContext: { runAsUser: 1000, runAsGroup: 1000 }
        port: 8080
        export: true
${split}
`;
}

const VERSIONS_80_20 = `        versions:
          - { name: v1, weight: 80 }
          - { name: v2, weight: 20 }`;

const CANARY_20 = `        version: v1
        canary: { version: v2, weight: 20 }`;

/** The weights of a list of destinations or backendRefs, by name. */
type Weights = Array<[string, number | undefined]>;

/** What each data plane sends where, for the topology `text`. */
function dataPlanes(text: string): { mesh: Weights; gateway: Weights; gatewayKinds: string[] } {
  const model = modelOf(parseTopologyText(text, 'test'));
  const config = clusterObjects(model, 'gke-west-1');
  const gatewayRoute = findObject(config, 'HTTPRoute', 'public-store-route', 'store');
  const refs: any[] = gatewayRoute.spec.rules[0].backendRefs;
  const gateway: Weights = refs.map((r) => [r.name, r.weight]);
  const gatewayKinds = refs.map((r) => `${r.group}/${r.kind}`);
  if (model.mesh?.routing === 'gateway-api') {
    const route = findObject(config, 'HTTPRoute', 'store', 'store');
    return { mesh: route.spec.rules[0].backendRefs.map((r: any) => [r.name, r.weight]), gateway, gatewayKinds };
  }
  const vs = findObject(config, 'VirtualService', 'store', 'store');
  return { mesh: vs.spec.http[0].route.map((r: any) => [`${r.destination.host}/${r.destination.subset}`, r.weight]), gateway, gatewayKinds };
}

describe('an 80/20 intent becomes 80/20 on every data plane', () => {
  test('Istio: the VirtualService weights the subsets 80/20, and the Gateway in front of the same mesh agrees', () => {
    const planes = dataPlanes(topology('istio', VERSIONS_80_20));
    expect(planes.mesh).toEqual([
      ['store/v1', 80],
      ['store/v2', 20],
    ]);
    expect(planes.gateway.map(([, w]) => w)).toEqual([80, 20]);
  });

  test('GAMMA: the HTTPRoute weights the per-version Services 80/20, and the Gateway in front of the same mesh agrees', () => {
    const planes = dataPlanes(topology('gateway-api', VERSIONS_80_20));
    expect(planes.mesh).toEqual([
      ['store-v1', 80],
      ['store-v2', 20],
    ]);
    expect(planes.gateway.map(([, w]) => w)).toEqual([80, 20]);
  });

  test.each(['istio', 'gateway-api'] as const)('multi-cluster Gateway (%s mesh): the HTTPRoute weights per-version ServiceImports 80/20', (routing) => {
    const planes = dataPlanes(topology(routing, VERSIONS_80_20));
    expect(planes.gateway).toEqual([
      ['store-v1', 80],
      ['store-v2', 20],
    ]);
    expect(planes.gatewayKinds).toEqual(['net.gke.io/ServiceImport', 'net.gke.io/ServiceImport']);
  });

  test.each(['istio', 'gateway-api'] as const)('the per-version ServiceImports exist: every workload cluster exports store-v1 and store-v2 (%s mesh)', (routing) => {
    const model = modelOf(parseTopologyText(topology(routing, VERSIONS_80_20), 'test'));
    for (const cluster of ['gke-west-1', 'gke-west-2']) {
      const objects = clusterObjects(model, cluster);
      for (const version of ['v1', 'v2']) {
        expect(findObject(objects, 'ServiceExport', `store-${version}`, 'store')).toBeDefined();
        const service = findObject(objects, 'Service', `store-${version}`, 'store');
        expect(service.spec.selector).toEqual({ app: 'store', version });
        expect(service.spec.ports.map((p: any) => p.port)).toEqual([8080]);
      }
    }
    // The plan lists them (test/plan/plan.test.ts checks synth == plan for every example).
    const planned = buildPlan(model)
      .clusters.flatMap((c) => c.files.flatMap((f) => f.objects.map((o) => `${c.name} ${o.kind} ${o.name}`)))
      .filter((o) => / store-v[12]$/.test(o));
    expect(planned).toEqual(expect.arrayContaining(['gke-west-2 Service store-v1', 'gke-west-2 ServiceExport store-v1', 'gke-west-2 ServiceExport store-v2']));
  });
});

describe('shift and canary edit the one model: every data plane follows', () => {
  test.each(['istio', 'gateway-api'] as const)('shift v1=50,v2=50 (%s mesh): the mesh and the Gateway both go 50/50', (routing) => {
    const shifted = shiftTraffic(topology(routing, VERSIONS_80_20), 'store', [
      { version: 'v1', weight: 50 },
      { version: 'v2', weight: 50 },
    ]).text;
    const planes = dataPlanes(shifted);
    expect(planes.mesh.map(([, w]) => w)).toEqual([50, 50]);
    expect(planes.gateway).toEqual([
      ['store-v1', 50],
      ['store-v2', 50],
    ]);
  });

  test.each(['istio', 'gateway-api'] as const)('canary --weight 35 (%s mesh): the mesh and the Gateway both go 65/35', (routing) => {
    const text = topology(routing, CANARY_20);
    expect(dataPlanes(text).gateway).toEqual([
      ['store-v1', 80],
      ['store-v2', 20],
    ]);
    const planes = dataPlanes(editCanaryWeight(text, 'store', 35).text);
    expect(planes.mesh.map(([, w]) => w)).toEqual([65, 35]);
    expect(planes.gateway).toEqual([
      ['store-v1', 65],
      ['store-v2', 35],
    ]);
  });

  test('canary --weight 0: every data plane sends everything to the stable version (the Gateway too: store would reach the canary pods)', () => {
    for (const routing of ['istio', 'gateway-api'] as const) {
      const planes = dataPlanes(editCanaryWeight(topology(routing, CANARY_20), 'store', 0).text);
      expect(planes.mesh).toEqual([[routing === 'istio' ? 'store/v1' : 'store-v1', undefined]]);
      expect(planes.gateway).toEqual([['store-v1', undefined]]);
    }
  });
});

describe('one declared version is routed the same way on every data plane', () => {
  const ONE = `        versions: [{ name: v1, weight: 100 }]`;

  test('GAMMA writes the per-version Service that the ingress gateway VirtualService points at', () => {
    const text = topology('gateway-api', ONE)
      .replace('mesh: { management: fleet, routing: gateway-api }', 'mesh: { management: fleet, routing: gateway-api, ingressGateway: {} }')
      .replace('        export: true\n', '        export: true\n        expose: { hosts: ["*"] }\n');
    const model = modelOf(parseTopologyText(text, 'test'));
    const objects = clusterObjects(model, 'gke-west-2');
    const ingress = findObject(objects, 'VirtualService', 'store-ingress', 'store');
    const host = ingress.spec.http[0].route[0].destination.host;
    expect(host).toBe('store-v1');
    expect(findObject(objects, 'Service', host, 'store')).toBeDefined();
    expect(findObject(objects, 'HTTPRoute', 'store', 'store').spec.rules[0].backendRefs).toEqual([{ name: 'store-v1', port: 8080 }]);
  });

  test('Istio and the multi-cluster Gateway reach the one version by its own name too', () => {
    const planes = dataPlanes(topology('istio', ONE));
    expect(planes.mesh).toEqual([['store/v1', undefined]]);
    expect(planes.gateway).toEqual([['store-v1', undefined]]);
  });
});

describe("a workload's in-mesh route applies at the multi-cluster Gateway too", () => {
  test('the HTTPRoute gets the route rules: matches of both, per-version ServiceImports, weights and the mirror', () => {
    const text = topology('istio', VERSIONS_80_20)
      .replace('          - { backend: store, port: 8080 }', '          - { pathPrefix: /store, backend: store, port: 8080 }')
      .concat(
        `    routes:
      - service: store
        rules:
          - matches: [{ headers: [{ name: end-user, value: jason }] }]
            backends: [{ version: v2 }]
          - backends: [{ version: v1, weight: 90 }, { version: v2, weight: 10 }]
            mirror: { version: v2 }
`,
      );
    const model = modelOf(parseTopologyText(text, 'test'));
    const route = findObject(clusterObjects(model, 'gke-west-1'), 'HTTPRoute', 'public-store-route', 'store');
    const ref = (name: string, weight?: number) => ({ group: 'net.gke.io', kind: 'ServiceImport', name, port: 8080, ...(weight === undefined ? {} : { weight }) });
    expect(route.spec.rules).toEqual([
      {
        matches: [{ path: { type: 'PathPrefix', value: '/store' }, headers: [{ name: 'end-user', value: 'jason' }] }],
        backendRefs: [ref('store-v2')],
      },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/store' } }],
        backendRefs: [ref('store-v1', 90), ref('store-v2', 10)],
        filters: [{ type: 'RequestMirror', requestMirror: { backendRef: ref('store-v2') } }],
      },
    ]);
  });
});

describe('Istio and GAMMA agree for every shape of a split', () => {
  const shapes: Array<[string, string]> = [
    ['versions 80/20', VERSIONS_80_20],
    ['versions 100/0', `        versions: [{ name: v1, weight: 100 }, { name: v2, weight: 0 }]`],
    ['versions 0/100', `        versions: [{ name: v1, weight: 0 }, { name: v2, weight: 100 }]`],
    ['three versions 50/0/50', `        versions: [{ name: v1, weight: 50 }, { name: v2, weight: 0 }, { name: v3, weight: 50 }]`],
    ['one version', `        versions: [{ name: v1, weight: 100 }]`],
    ['canary at 0', `        version: v1\n        canary: { version: v2, weight: 0 }`],
    ['canary at 20', CANARY_20],
    ['canary at 100', `        version: v1\n        canary: { version: v2, weight: 100 }`],
  ];

  test.each(shapes)('%s: the same versions with the same weights in the VirtualService, the GAMMA HTTPRoute and the Gateway', (_, split) => {
    const istio = dataPlanes(topology('istio', split));
    const gamma = dataPlanes(topology('gateway-api', split));
    expect(istio.mesh.map(([name, weight]) => [name.replace('/', '-'), weight])).toEqual(gamma.mesh);
    expect(istio.gateway).toEqual(gamma.mesh);
    expect(gamma.gateway).toEqual(gamma.mesh);
  });

  test('a version label alone: no in-mesh route on either data plane, and the Gateway goes to the Service itself', () => {
    for (const routing of ['istio', 'gateway-api'] as const) {
      const model = modelOf(parseTopologyText(topology(routing, '        version: v1'), 'test'));
      const objects = clusterObjects(model, 'gke-west-1');
      expect(objects.filter((o) => ['VirtualService', 'DestinationRule'].includes(o.kind) || (o.kind === 'HTTPRoute' && o.metadata.name === 'store'))).toEqual([]);
      expect(findObject(objects, 'HTTPRoute', 'public-store-route', 'store').spec.rules[0].backendRefs.map((r: any) => r.name)).toEqual(['store']);
    }
  });
});
