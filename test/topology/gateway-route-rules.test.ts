/**
 * Multi-cluster Gateway route rules in Gateway API's shapes (issue 18, capabilities 3 and 10):
 * header and query-parameter match types, HTTP method matches, HTTPRouteFilters (header
 * modifiers, redirect, URL rewrite) with the CRD's CEL constraints as topology rules, timeouts
 * per class, and cross-namespace backends with their ReferenceGrant.
 */
import { validateTopology } from '../../src/load/load';
import { gatewayReferenceGrantsOf, gatewayTrafficOf } from '../../src/plan/traffic/resolve';
import { gammaRuleOf } from '../../src/k8s/traffic/gamma-routes';
import { httpRouteRule, referenceGrantSpec } from '../../src/k8s/traffic/gateway-routes';
import { istioHttpOf } from '../../src/k8s/traffic/istio-routes';
import { TrafficRule } from '../../src/plan/traffic/intent';
import { Draft, expectOnlyProblem, problemsOf } from './support';

/** A gateway in namespace store with one route of `rules`, and the apps store and payments exporting one Service each. */
function withRules(...rules: Draft[]): Draft {
  return {
    name: 'gw-filters',
    project: { id: 'meshfleet-test' },
    clusters: [
      { name: 'gke-west', zone: 'us-west1-a', private: false, authorizedNetworks: false },
      { name: 'config', zone: 'us-west1-b', role: 'config', private: false, authorizedNetworks: false, gatewayApi: 'standard' },
    ],
    fleet: { configCluster: 'config', multiClusterServices: true },
    gateways: [{ name: 'external-http', namespace: 'store', className: 'gke-l7-global-external-managed-mc', routes: [{ name: 'store-route', rules }] }],
    apps: [
      { namespace: 'store', workloads: [{ name: 'store', image: 'whereami:v1', port: 8080, export: true }] },
      { namespace: 'payments', workloads: [{ name: 'payments', image: 'whereami:v1', port: 8080, export: true }] },
    ],
  };
}

const R = 'gateways[0].routes[0].rules[0]';
const rewrite = (path: Draft) => ({ type: 'URLRewrite', urlRewrite: { path } });

describe('matches in Gateway API shapes', () => {
  test('query parameters, a regular-expression header and an HTTP method reach the HTTPRoute', () => {
    const model = validateTopology(
      withRules({
        matches: [{ method: 'GET', queryParams: [{ name: 'tier', value: 'gold' }], headers: [{ name: 'x-id', type: 'RegularExpression', value: '^[0-9]+$' }] }],
        backend: 'store',
        port: 8080,
      }),
      'test',
    );
    const rule = gatewayTrafficOf(model, model.gateways[0], 0).routes[0].rules[0];
    expect(httpRouteRule(rule, 'ServiceImport').matches).toEqual([
      { headers: [{ name: 'x-id', value: '^[0-9]+$', type: 'RegularExpression' }], queryParams: [{ name: 'tier', value: 'gold' }], method: 'GET' },
    ]);
  });

  test('a query parameter regex that RE2 refuses, and a header listed twice', () => {
    expect(
      problemsOf(
        withRules({
          matches: [
            {
              queryParams: [{ name: 'q', type: 'RegularExpression', value: '(?=x)' }],
              headers: [
                { name: 'env', value: 'a' },
                { name: 'Env', value: 'b' },
              ],
            },
          ],
          backend: 'store',
          port: 8080,
        }),
      ).map((p) => p.path),
    ).toEqual([`${R}.matches[0].headers[1]`, `${R}.matches[0].queryParams[0].value`]);
  });

  test('a GRPCRoute takes neither an HTTP method nor query parameters', () => {
    const t = withRules({ matches: [{ method: 'GET', queryParams: [{ name: 'a', value: 'b' }] }], backend: 'store', port: 8080 });
    t.gateways[0].routes[0].kind = 'GRPCRoute';
    expect(problemsOf(t).map((p) => p.path)).toEqual(expect.arrayContaining([`${R}.matches[0].method`, `${R}.matches[0].queryParams`]));
  });
});

describe('filters (HTTPRouteFilter) and their CEL constraints', () => {
  test('header modifiers, a URL rewrite after one PathPrefix match, and a redirect without backends are written as given', () => {
    const model = validateTopology(
      withRules(
        {
          matches: [{ path: { type: 'PathPrefix', value: '/v1' } }],
          filters: [
            rewrite({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/api' }),
            { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-api', value: 'v1' }], remove: ['x-old'] } },
          ],
          backend: 'store',
          port: 8080,
        },
        { matches: [{ path: { type: 'Exact', value: '/shop' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
      ),
      'test',
    );
    const [rewritten, redirect] = gatewayTrafficOf(model, model.gateways[0], 0).routes[0].rules.map((r) => httpRouteRule(r, 'ServiceImport'));
    expect(rewritten.filters).toEqual([
      { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-api', value: 'v1' }], remove: ['x-old'] } },
      { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/api' } } },
    ]);
    expect(redirect.backendRefs).toBeUndefined();
    expect(redirect.filters).toEqual([{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }]);
  });

  test('ReplacePrefixMatch needs exactly one PathPrefix match', () => {
    expectOnlyProblem(
      withRules({
        matches: [{ path: { type: 'Exact', value: '/v1' } }],
        filters: [rewrite({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/' })],
        backend: 'store',
        port: 8080,
      }),
      `${R}.matches`,
      'ReplacePrefixMatch (filters[0]) replaces the prefix that the rule\'s one PathPrefix match matched (found "a match without a PathPrefix path", expected exactly one match with a PathPrefix path (or pathPrefix), or ReplaceFullPath)',
    );
  });

  test('a path modifier holds the field its type names', () => {
    expect(problemsOf(withRules({ pathPrefix: '/v1', filters: [rewrite({ type: 'ReplaceFullPath', replacePrefixMatch: '/' })], backend: 'store', port: 8080 }))).toEqual([
      {
        path: `${R}.filters[0].urlRewrite.path.replaceFullPath`,
        message: 'a ReplaceFullPath path modifier needs replaceFullPath (found nothing, expected replaceFullPath: /new/path)',
      },
      {
        path: `${R}.filters[0].urlRewrite.path.replacePrefixMatch`,
        message: 'replacePrefixMatch belongs to the other path modifier type (found "/", expected no replacePrefixMatch with type ReplaceFullPath)',
      },
    ]);
  });

  test('a redirect and a rewrite not both; a filter type once; a redirect rule has no backends', () => {
    expect(
      problemsOf(
        withRules({
          pathPrefix: '/v1',
          filters: [
            { type: 'RequestRedirect', requestRedirect: { hostname: 'shop.example.com' } },
            { type: 'RequestRedirect', requestRedirect: { hostname: 'shop.example.com' } },
            rewrite({ type: 'ReplaceFullPath', replaceFullPath: '/' }),
          ],
          backend: 'store',
          port: 8080,
        }),
      ).map((p) => p.path),
    ).toEqual([`${R}.filters[1].type`, `${R}.filters[2].type`, `${R}.backend`]);
  });

  test("a filter's field matches its type", () => {
    expect(
      problemsOf(withRules({ filters: [{ type: 'RequestHeaderModifier', responseHeaderModifier: { remove: ['x'] } }], backend: 'store', port: 8080 })).map((p) => p.path),
    ).toEqual([`${R}.filters[0].requestHeaderModifier`, `${R}.filters[0].responseHeaderModifier`]);
  });

  test('ExtensionRef is refused with a pointer to patches; RequestMirror with a pointer to mirror', () => {
    const problems = problemsOf(
      withRules({
        filters: [
          { type: 'ExtensionRef', extensionRef: { group: 'networking.example.io', kind: 'Filter', name: 'x' } },
          { type: 'RequestMirror', requestMirror: { backendRef: { name: 'store', port: 8080 } } },
        ],
        backend: 'store',
        port: 8080,
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([`${R}.filters[0].type`, `${R}.filters[1].type`]);
    expect(problems[0].message).toContain('patches');
    expect(problems[1].message).toContain('mirror: { backend: <ServiceImport>, port: <port> }');
  });

  test('the classic Application Load Balancer class has no header modifier', () => {
    const t = withRules({ filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['server'] } }], backend: 'store', port: 8080 });
    t.gateways[0].className = 'gke-l7-gxlb-mc';
    expect(problemsOf(t)).toEqual([
      {
        path: `${R}.filters[0].type`,
        message: expect.stringContaining('GatewayClass gke-l7-gxlb-mc (a classic Application Load Balancer) has no ResponseHeaderModifier filter'),
      },
    ]);
  });
});

describe('timeouts (HTTPRouteTimeouts)', () => {
  test("GKE's classes take no HTTPRoute timeouts: refused with the GCPBackendPolicy fix", () => {
    expectOnlyProblem(
      withRules({ timeouts: { request: '10s' }, backend: 'store', port: 8080 }),
      `${R}.timeouts`,
      "GatewayClass gke-l7-global-external-managed-mc: GKE's Gateway controller does not take HTTPRoute timeouts (it would not accept the route) (found a mapping, expected no timeouts; set the backend timeout with a GCPBackendPolicy: gateways[0].backendPolicies: [{ backend: <ServiceImport>, timeoutSec: <seconds> }])",
    );
  });

  test('Gateway API durations, and backendRequest at most request', () => {
    expect(problemsOf(withRules({ timeouts: { request: '1m', backendRequest: '90s' }, backend: 'store', port: 8080 })).map((p) => p.path)).toEqual([
      `${R}.timeouts.backendRequest`,
      `${R}.timeouts`,
    ]);
    expect(problemsOf(withRules({ timeouts: { request: '1.5s' }, backend: 'store', port: 8080 })).map((p) => p.path)).toEqual([`${R}.timeouts.request`, `${R}.timeouts`]);
  });
});

describe('cross-namespace backends', () => {
  test('a backend in another app namespace gets its namespace on the backendRef and a ReferenceGrant there', () => {
    const model = validateTopology(withRules({ backends: [{ name: 'payments', namespace: 'payments', port: 8080 }] }), 'test');
    const traffic = gatewayTrafficOf(model, model.gateways[0], 0);
    expect(httpRouteRule(traffic.routes[0].rules[0], 'ServiceImport').backendRefs).toEqual([
      { group: 'net.gke.io', kind: 'ServiceImport', name: 'payments', namespace: 'payments', port: 8080 },
    ]);
    const grants = gatewayReferenceGrantsOf(traffic);
    expect(grants).toEqual([{ namespace: 'payments', name: 'store-external-http-routes', kinds: ['HTTPRoute'], names: ['payments'] }]);
    expect(referenceGrantSpec(traffic, grants[0])).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }],
      to: [{ group: 'net.gke.io', kind: 'ServiceImport', name: 'payments' }],
    });
  });

  test('the backend must be an exported Service of an app in that namespace', () => {
    expectOnlyProblem(
      withRules({ backends: [{ name: 'store', namespace: 'payments', port: 8080 }] }),
      `${R}.backends[0].namespace`,
      'no exported service of namespace payments has this name (found "payments/store", expected one of payments, payments-west)',
    );
  });
});

describe('one owner of the filter semantics', () => {
  const rule: TrafficRule = {
    matches: [{ path: { type: 'PathPrefix', value: '/v1' }, headers: [], queryParams: [] }],
    backends: [{ service: 'store', port: 8080 }],
    requestHeaders: { set: { 'x-api': 'v1' } },
    rewrite: { path: { type: 'ReplacePrefixMatch', value: '/api' }, hostname: 'api.internal' },
  };

  test('GAMMA and the multi-cluster Gateway write the same filters for one rule', () => {
    expect(httpRouteRule(rule, 'ServiceImport').filters).toEqual(gammaRuleOf(rule, 8080).filters);
  });

  test('Istio writes a prefix rewrite, and refuses what its uri cannot say rather than dropping it', () => {
    expect(istioHttpOf(rule).rewrite).toEqual({ uri: '/api', authority: 'api.internal' });
    expect(() => istioHttpOf({ ...rule, rewrite: { path: { type: 'ReplaceFullPath', value: '/api' } } })).toThrow(/takes ReplacePrefixMatch only/);
    expect(() => istioHttpOf({ ...rule, rewrite: undefined, redirect: { path: { type: 'ReplacePrefixMatch', value: '/' } } })).toThrow(/takes ReplaceFullPath only/);
  });
});
