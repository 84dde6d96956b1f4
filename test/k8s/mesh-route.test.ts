import { GammaRoute, IstioMeshRoute, VersionServices } from '../../src/k8s/mesh-route';
import { gammaRuleOf } from '../../src/k8s/traffic/gamma-routes';
import { istioDuration, istioHttpOf } from '../../src/k8s/traffic/istio-routes';
import { ServiceTrafficIntent } from '../../src/plan/traffic/intent';
import { serviceTrafficOf, splitBackends } from '../../src/plan/traffic/resolve';
import { ResolvedMeshRouteRule } from '../../src/topology/model/types';
import { clusterObjects, exampleInput, EXAMPLES, findObject, idsOf, loadExample, modelOf, synthChart } from './helpers';
import { validateObjects } from './schema';

/*
 * In-mesh routes (src/k8s/mesh-route.ts, compiled by src/k8s/traffic): each match and filter in the Istio form
 * (VirtualService http[]) and the Gateway API form (GAMMA HTTPRoute rules), every object checked
 * against its schema.
 */

const ISTIO_EXAMPLE = 'examples/mesh-routes-istio.yaml';
const GAMMA_EXAMPLE = 'examples/mesh-routes-gamma.yaml';

const reviews = { name: 'reviews', image: 'example/reviews:1', port: 9080, version: 'v1', canary: { version: 'v2', weight: 0 } };

/** The model of a route of `rules` on reviews (the topology's defaults applied), in `routing`. */
function routeModel(rules: unknown[], routing = 'istio', name?: string, workload: object = reviews) {
  return modelOf({
    name: 'routes',
    project: { id: 'meshfleet-test' },
    clusters: [{ name: 'a', zone: 'us-west2-a', private: false, authorizedNetworks: false }],
    mesh: { management: 'fleet', routing },
    apps: [{ namespace: 'bookinfo', workloads: [workload], routes: [{ service: 'reviews', rules, ...(name === undefined ? {} : { name }) }] }],
  });
}
/** The traffic intent of reviews with a route of `rules`. */
function trafficOf(rules: unknown[], routing = 'istio', name?: string, workload: object = reviews): ServiceTrafficIntent {
  const model = routeModel(rules, routing, name, workload);
  return serviceTrafficOf(model, model.apps[0], model.apps[0].workloads[0])!;
}
const ruleOf = (rule: unknown, routing = 'istio'): ResolvedMeshRouteRule => routeModel([rule], routing).apps[0].routes[0].rules[0];

/** A VirtualService and an HTTPRoute of `rules`, schema-checked, returning their http[] / rules[]. */
function bothForms(rules: unknown[]): { http: any[]; gamma: any[] } {
  const istio = synthChart((c) => new IstioMeshRoute(c, 'r', { traffic: trafficOf(rules), istioApiVersion: 'v1' }));
  const gamma = synthChart((c) => new GammaRoute(c, 'g', { traffic: trafficOf(rules, 'gateway-api') }));
  validateObjects([...istio, ...gamma]);
  return { http: istio[1].spec.http, gamma: gamma[0].spec.rules };
}

describe('matches', () => {
  test.each([
    ['PathPrefix', 'prefix'],
    ['Exact', 'exact'],
    ['RegularExpression', 'regex'],
  ])('path %s: uri.%s / path type', (type, istioKey) => {
    const value = type === 'RegularExpression' ? '/reviews/[0-9]+' : '/reviews';
    const { http, gamma } = bothForms([{ matches: [{ path: { type, value } }], backends: [{ version: 'v1' }] }]);
    expect(http[0].match).toEqual([{ uri: { [istioKey]: value } }]);
    expect(gamma[0].matches).toEqual([{ path: { type, value } }]);
  });

  test('the path type defaults to PathPrefix', () => {
    expect(ruleOf({ matches: [{ path: { value: '/a' } }] }).matches[0].path).toEqual({ type: 'PathPrefix', value: '/a' });
  });

  test('headers and query parameters, exact by default or regex; method', () => {
    const match = {
      headers: [
        { name: 'end-user', value: 'jason' },
        { name: 'x-agent', value: '.*Firefox.*', type: 'RegularExpression' },
      ],
      queryParams: [
        { name: 'debug', value: '1' },
        { name: 'format', value: '^json$', type: 'RegularExpression' },
      ],
      method: 'POST',
    };
    const { http, gamma } = bothForms([{ matches: [match], backends: [{ version: 'v2' }] }]);
    expect(http[0].match).toEqual([
      {
        headers: { 'end-user': { exact: 'jason' }, 'x-agent': { regex: '.*Firefox.*' } },
        queryParams: { debug: { exact: '1' }, format: { regex: '^json$' } },
        method: { exact: 'POST' },
      },
    ]);
    expect(gamma[0].matches).toEqual([
      {
        headers: [
          { name: 'end-user', value: 'jason', type: 'Exact' },
          { name: 'x-agent', value: '.*Firefox.*', type: 'RegularExpression' },
        ],
        queryParams: [
          { name: 'debug', value: '1', type: 'Exact' },
          { name: 'format', value: '^json$', type: 'RegularExpression' },
        ],
        method: 'POST',
      },
    ]);
  });

  test('several matches: any one selects the rule; none: the rule matches everything', () => {
    const { http, gamma } = bothForms([{ matches: [{ method: 'GET' }, { method: 'HEAD' }], backends: [{ version: 'v1' }] }, { backends: [{ version: 'v1' }] }]);
    expect(http.map((h) => h.match)).toEqual([[{ method: { exact: 'GET' } }, { method: { exact: 'HEAD' } }], undefined]);
    expect(gamma.map((r) => r.matches)).toEqual([[{ method: 'GET' }, { method: 'HEAD' }], undefined]);
  });
});

describe('backends', () => {
  test('weighted versions: subsets and weights / per-version Services and weights', () => {
    const { http, gamma } = bothForms([
      {
        backends: [
          { version: 'v1', weight: 75 },
          { version: 'v2', weight: 25 },
        ],
      },
    ]);
    expect(http[0].route).toEqual([
      { destination: { host: 'reviews', subset: 'v1' }, weight: 75 },
      { destination: { host: 'reviews', subset: 'v2' }, weight: 25 },
    ]);
    expect(gamma[0].backendRefs).toEqual([
      { name: 'reviews-v1', port: 9080, weight: 75 },
      { name: 'reviews-v2', port: 9080, weight: 25 },
    ]);
  });

  test('no version: the Service itself; a port only where given in Istio, always in Gateway API', () => {
    const { http, gamma } = bothForms([{}, { backends: [{ port: 9080 }] }]);
    expect(http.map((h) => h.route)).toEqual([[{ destination: { host: 'reviews' } }], [{ destination: { host: 'reviews', port: { number: 9080 } } }]]);
    expect(gamma.map((r) => r.backendRefs)).toEqual([[{ name: 'reviews', port: 9080 }], [{ name: 'reviews', port: 9080 }]]);
  });
});

describe('filters', () => {
  test('mirror: every request (no mirrorPercentage) / RequestMirror to the version Service', () => {
    const { http, gamma } = bothForms([{ backends: [{ version: 'v1' }], mirror: { version: 'v2' } }]);
    expect(http[0].mirror).toEqual({ host: 'reviews', subset: 'v2' });
    expect(http[0].mirrorPercentage).toBeUndefined();
    expect(gamma[0].filters).toEqual([{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'reviews-v2', port: 9080 } } }]);
  });

  test('mirror of part of the requests: mirrorPercentage (Istio only)', () => {
    expect(istioHttpOf(trafficOf([{ mirror: { version: 'v2', percent: 12.5 } }]).mesh!.rules[0]).mirrorPercentage).toEqual({ value: 12.5 });
  });

  test('request and response headers: set, add, remove', () => {
    const modifier = { set: { 'x-a': '1' }, add: { 'x-b': '2' }, remove: ['x-c'] };
    const { http, gamma } = bothForms([{ backends: [{ version: 'v1' }], requestHeaders: modifier, responseHeaders: { remove: ['server'] } }]);
    expect(http[0].headers).toEqual({ request: modifier, response: { remove: ['server'] } });
    expect(gamma[0].filters).toEqual([
      { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }], add: [{ name: 'x-b', value: '2' }], remove: ['x-c'] } },
      { type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['server'] } },
    ]);
  });

  test('redirect: no route / no backendRefs', () => {
    const redirect = { scheme: 'https', hostname: 'reviews.example.com', path: '/v2/reviews', port: 8443, statusCode: 301 };
    const { http, gamma } = bothForms([{ matches: [{ path: { type: 'Exact', value: '/old' } }], redirect }]);
    expect(http[0].redirect).toEqual({ scheme: 'https', authority: 'reviews.example.com', uri: '/v2/reviews', port: 8443, redirectCode: 301 });
    expect(http[0].route).toBeUndefined();
    expect(gamma[0].filters).toEqual([
      {
        type: 'RequestRedirect',
        requestRedirect: { scheme: 'https', hostname: 'reviews.example.com', path: { type: 'ReplaceFullPath', replaceFullPath: '/v2/reviews' }, port: 8443, statusCode: 301 },
      },
    ]);
    expect(gamma[0].backendRefs).toBeUndefined();
  });

  test('rewrite: uri and authority / URLRewrite ReplacePrefixMatch and hostname', () => {
    const { http, gamma } = bothForms([{ matches: [{ path: { value: '/api/v2' } }], backends: [{ version: 'v1' }], rewrite: { pathPrefix: '/', hostname: 'reviews-internal' } }]);
    expect(http[0].rewrite).toEqual({ uri: '/', authority: 'reviews-internal' });
    expect(gamma[0].filters).toEqual([{ type: 'URLRewrite', urlRewrite: { hostname: 'reviews-internal', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }]);
  });

  test('timeout: seconds for Istio (500ms → 0.5s) / timeouts.request as given', () => {
    const { http, gamma } = bothForms([
      { backends: [{ version: 'v1' }], timeout: '500ms' },
      { backends: [{ version: 'v2' }], timeout: '5s' },
    ]);
    expect(http.map((h) => h.timeout)).toEqual(['0.5s', '5s']);
    expect(gamma.map((r) => r.timeouts)).toEqual([{ request: '500ms' }, { request: '5s' }]);
    expect(istioDuration('1500ms')).toBe('1.5s');
  });

  test('retries: attempts, perTryTimeout, retryOn (Istio only)', () => {
    const [, vs] = synthChart(
      (c) =>
        new IstioMeshRoute(c, 'r', {
          traffic: trafficOf([{ backends: [{ version: 'v1' }], retries: { attempts: 3, perTryTimeout: '250ms', retryOn: '5xx,reset' } }]),
          istioApiVersion: 'v1',
        }),
    );
    validateObjects([vs]);
    expect(vs.spec.http[0].retries).toEqual({ attempts: 3, perTryTimeout: '0.25s', retryOn: '5xx,reset' });
  });
});

describe('objects', () => {
  test('Istio form: DestinationRule <service> with the subsets (versions with traffic, and those the rules name), VirtualService <route name> on host <service>; v1beta1 too', () => {
    for (const istioApiVersion of ['v1', 'v1beta1'] as const) {
      const objects = synthChart((c) => new IstioMeshRoute(c, 'r', { traffic: trafficOf([{}, { mirror: { version: 'v2' } }], 'istio', 'reviews-rules'), istioApiVersion }));
      validateObjects(objects);
      expect(idsOf(objects)).toEqual(['DestinationRule/bookinfo/reviews', 'VirtualService/bookinfo/reviews-rules']);
      expect(objects[0].apiVersion).toBe(`networking.istio.io/${istioApiVersion}`);
      expect(objects[0].spec).toEqual({
        host: 'reviews',
        subsets: [
          { name: 'v1', labels: { version: 'v1' } },
          { name: 'v2', labels: { version: 'v2' } },
        ],
      });
      expect(objects[1].spec.hosts).toEqual(['reviews']);
    }
  });

  test('Istio form without subsets (a workload without versions): no DestinationRule', () => {
    const plain = { name: 'reviews', image: 'example/reviews:1', port: 9080 };
    expect(idsOf(synthChart((c) => new IstioMeshRoute(c, 'r', { traffic: trafficOf([{}], 'istio', undefined, plain), istioApiVersion: 'v1' })))).toEqual([
      'VirtualService/bookinfo/reviews',
    ]);
  });

  test('GAMMA form: the HTTPRoute parent is the Service (core group, kind Service, its port)', () => {
    const [route] = synthChart((c) => new GammaRoute(c, 'g', { traffic: trafficOf([{ backends: [{ version: 'v1' }] }], 'gateway-api') }));
    validateObjects([route]);
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec.parentRefs).toEqual([{ group: '', kind: 'Service', name: 'reviews', port: 9080 }]);
  });

  test('the default split: weighted backendRefs of the versions with traffic; one version alone has no weight', () => {
    const split = (weights: [number, number]) => ({
      matches: [],
      backends: splitBackends('ratings', [
        { version: 'v1', weight: weights[0] },
        { version: 'v2', weight: weights[1] },
      ]),
    });
    expect(gammaRuleOf(split([80, 20]), 9080)).toEqual({
      backendRefs: [
        { name: 'ratings-v1', port: 9080, weight: 80 },
        { name: 'ratings-v2', port: 9080, weight: 20 },
      ],
    });
    expect(gammaRuleOf(split([100, 0]), 9080)).toEqual({ backendRefs: [{ name: 'ratings-v1', port: 9080 }] });
    const atGateway = {
      matches: [],
      backends: splitBackends(
        'ratings',
        [
          { version: 'v1', weight: 0 },
          { version: 'v2', weight: 100 },
        ],
        9080,
      ),
    };
    expect(istioHttpOf(atGateway, 'services').route).toEqual([{ destination: { host: 'ratings-v2', port: { number: 9080 } } }]);
  });

  test('per-version Services: <service>-<version>, the workload ports, selector app + version', () => {
    const model = loadExample(GAMMA_EXAMPLE);
    const w = model.apps[0].workloads.find((x) => x.name === 'reviews')!;
    const services = synthChart((c) => new VersionServices(c, 'v', { namespace: 'bookinfo', workload: w, versions: ['v1', 'v2'] }));
    validateObjects(services);
    expect(services.map((s) => [s.metadata.name, s.spec.selector, s.spec.ports])).toEqual([
      ['reviews-v1', { app: 'reviews', version: 'v1' }, [{ name: 'http', port: 9080, targetPort: 9080 }]],
      ['reviews-v2', { app: 'reviews', version: 'v2' }, [{ name: 'http', port: 9080, targetPort: 9080 }]],
    ]);
  });
});

describe('whole topologies', () => {
  test('istio example: the route replaces the canary VirtualService; DestinationRule with the referenced versions; no HTTPRoute', () => {
    const objects = clusterObjects(loadExample(ISTIO_EXAMPLE), 'gke-bookinfo');
    validateObjects(objects);
    expect(findObject(objects, 'DestinationRule', 'reviews').spec.subsets.map((s: any) => s.name)).toEqual(['v1', 'v2']);
    const http = findObject(objects, 'VirtualService', 'reviews').spec.http;
    expect(http.map((h: any) => Object.keys(h).sort())).toEqual([
      ['headers', 'match', 'route'],
      ['match', 'redirect'],
      ['headers', 'mirror', 'mirrorPercentage', 'retries', 'route', 'timeout'],
    ]);
    expect(objects.filter((o) => o.kind === 'HTTPRoute')).toEqual([]);
    expect(findObject(objects, 'Deployment', 'reviews-v2').spec.template.metadata.labels).toEqual({ app: 'reviews', version: 'v2' });
  });

  test('gamma example: HTTPRoutes for the explicit route and the default split, per-version Services, no Istio routing objects', () => {
    const objects = clusterObjects(loadExample(GAMMA_EXAMPLE), 'gke-bookinfo');
    validateObjects(objects);
    expect(objects.filter((o) => o.kind === 'VirtualService' || o.kind === 'DestinationRule')).toEqual([]);
    expect(idsOf(objects.filter((o) => o.kind === 'HTTPRoute'))).toEqual(['HTTPRoute/bookinfo/ratings', 'HTTPRoute/bookinfo/reviews']);
    expect(findObject(objects, 'HTTPRoute', 'ratings').spec.rules).toEqual([
      {
        backendRefs: [
          { name: 'ratings-v1', port: 9080, weight: 80 },
          { name: 'ratings-v2', port: 9080, weight: 20 },
        ],
      },
    ]);
    for (const name of ['ratings-v1', 'ratings-v2', 'reviews-v1', 'reviews-v2']) expect(findObject(objects, 'Service', name).spec.selector.version).toBe(name.split('-')[1]);
    const reviewsRules = findObject(objects, 'HTTPRoute', 'reviews').spec.rules;
    expect(reviewsRules.map((r: any) => (r.filters ?? []).map((f: any) => f.type))).toEqual([
      ['ResponseHeaderModifier'],
      ['RequestRedirect'],
      ['URLRewrite'],
      ['RequestHeaderModifier', 'RequestMirror'],
    ]);
  });

  test('gateway-api routing of an exposed canary: the ingress VirtualService goes to the per-version Services', () => {
    const input = exampleInput(EXAMPLES.canary);
    input.mesh.routing = 'gateway-api';
    const frontend = input.apps[0].workloads.find((w: any) => w.name === 'frontend');
    Object.assign(frontend, { version: 'v1', canary: { version: 'v2', weight: 10 } });
    const objects = clusterObjects(modelOf(input), 'gke-boutique');
    validateObjects(objects);
    expect(findObject(objects, 'VirtualService', 'frontend-ingress').spec.http[0].route).toEqual([
      { destination: { host: 'frontend-v1', port: { number: 80 } }, weight: 90 },
      { destination: { host: 'frontend-v2', port: { number: 80 } }, weight: 10 },
    ]);
    expect(findObject(objects, 'HTTPRoute', 'frontend').spec.parentRefs).toEqual([{ group: '', kind: 'Service', name: 'frontend', port: 80 }]);
    expect(objects.filter((o) => o.kind === 'DestinationRule')).toEqual([]);
  });

  test('istio routing: an explicit route on an exposed workload leaves the gateway VirtualService its -ingress name', () => {
    const input = exampleInput(EXAMPLES.canary);
    input.apps[0].routes = [{ service: 'frontend', rules: [{ timeout: '10s' }] }];
    const objects = clusterObjects(modelOf(input), 'gke-boutique');
    expect(findObject(objects, 'VirtualService', 'frontend').spec).toEqual({ hosts: ['frontend'], http: [{ route: [{ destination: { host: 'frontend' } }], timeout: '10s' }] });
    expect(findObject(objects, 'VirtualService', 'frontend-ingress').spec.gateways).toEqual(['asm-ingress/asm-ingressgateway']);
    expect(objects.filter((o) => o.kind === 'DestinationRule' && o.metadata.name === 'frontend')).toEqual([]);
  });
});
