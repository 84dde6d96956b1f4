import { buildPlan } from '../../src/plan/build-plan';
import { checkPlanNames } from '../../src/plan/name-rules';
import { checkRules } from '../../src/topology/rules/rules';
import { resolveTopology } from '../../src/topology/resolve/defaults';
import { checkStructure } from '../../src/topology/rules/structure';
import { TopologyInput } from '../../src/topology/model/types';

/*
 * The rules of in-mesh routes (src/topology/rules/route-rules.ts): references to the app's Services and
 * their versions, weights, regexes, percents and durations, and what each routing cannot write.
 */

const reviews = { name: 'reviews', image: 'example/reviews:1', port: 9080, version: 'v1', canary: { version: 'v2', weight: 0 } };
const ratings = { name: 'ratings', image: 'example/ratings:1', port: 9080 };

function topology(routes: unknown[], mesh: Record<string, unknown> | null = { management: 'fleet' }): TopologyInput {
  return {
    name: 'routes',
    project: { id: 'meshfleet-test' },
    clusters: [{ name: 'a', zone: 'us-west2-a', private: false, authorizedNetworks: false }],
    ...(mesh === null ? {} : { mesh }),
    apps: [{ namespace: 'bookinfo', workloads: [reviews, ratings], routes }],
  } as TopologyInput;
}

/** Every problem (schema, then rules, then the plan's names) as `path: message`. */
function problemsOf(input: TopologyInput): string[] {
  const structural = checkStructure(input);
  if (structural.length > 0) return structural.map((p) => `${p.path}: ${p.message}`);
  const model = resolveTopology(input);
  const rules = checkRules(input, model);
  return (rules.length > 0 ? rules : checkPlanNames(model, buildPlan(model))).map((p) => `${p.path}: ${p.message}`);
}

const route = (rule: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ service: 'reviews', rules: [rule], ...extra });
const at = 'apps[0].routes[0].rules[0]';

describe('in-mesh routes: accepted', () => {
  test.each(['istio', 'gateway-api'])('every match and filter both forms can write is accepted (%s)', (routing) => {
    const rules = [
      { matches: [{ headers: [{ name: 'end-user', value: 'jason' }] }], backends: [{ version: 'v2' }], responseHeaders: { set: { 'x-route': 'a' } } },
      { matches: [{ path: { type: 'Exact', value: '/old' } }], redirect: { path: '/new', statusCode: 301, scheme: 'https', hostname: 'reviews.example.com', port: 443 } },
      {
        matches: [{ path: { value: '/api' }, method: 'GET', queryParams: [{ name: 'q', value: '^a+$', type: 'RegularExpression' }] }],
        backends: [{ version: 'v1' }],
        rewrite: { pathPrefix: '/', hostname: 'reviews' },
      },
      {
        backends: [
          { version: 'v1', weight: 90 },
          { version: 'v2', weight: 10, port: 9080 },
        ],
        mirror: { version: 'v2' },
        requestHeaders: { add: { a: 'b' }, remove: ['c'] },
        timeout: '500ms',
      },
    ];
    expect(problemsOf(topology([{ service: 'reviews', rules }], { management: 'fleet', routing }))).toEqual([]);
  });

  test('istio routing also takes a partial mirror and retries', () => {
    const rule = { backends: [{ version: 'v1' }], mirror: { version: 'v2', percent: 12.5 }, retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,reset' } };
    expect(problemsOf(topology([route(rule)]))).toEqual([]);
  });
});

describe('in-mesh routes: refused with the field path', () => {
  test('a route to a missing service', () => {
    expect(problemsOf(topology([{ service: 'details', rules: [{}] }]))).toEqual([
      'apps[0].routes[0].service: the app has no Service with this name (found "details", expected one of reviews, ratings)',
    ]);
  });

  test('two routes for the same service', () => {
    expect(problemsOf(topology([route({}), route({}, { name: 'reviews-2' })]))).toEqual([
      'apps[0].routes[1].service: apps[0].routes[0] already routes this service (one route per service) (found "reviews", expected another service)',
    ]);
  });

  test('two routes with the same name', () => {
    expect(problemsOf(topology([route({}, { name: 'bookinfo' }), { service: 'ratings', name: 'bookinfo', rules: [{}] }]))).toEqual([
      'apps[0].routes[1].name: duplicate route name, already used by apps[0].routes[0] (found "bookinfo", expected a unique name)',
    ]);
  });

  test('a route named after another workload of the app', () => {
    expect(problemsOf(topology([route({}, { name: 'ratings' })]))).toEqual([
      'apps[0].routes[0].name: another workload of the app has this name, and its routing objects would too (found "ratings", expected a name of its own)',
    ]);
  });

  test('gateway-api routing: a per-version Service name another Service of the app has', () => {
    const input = topology([], { management: 'fleet', routing: 'gateway-api' }) as any;
    input.apps[0].workloads.push({ name: 'reviews-v2', image: 'example/x:1', port: 80 });
    expect(problemsOf(input)).toEqual([
      'apps[0].workloads[0].name: meshfleet writes a Service reviews-v2 per version (gateway-api routing, or an exported workload with versions), a name another Service of the app has (found "reviews", expected names that do not collide)',
    ]);
    // Istio routing writes no per-version Service, but version v2's Deployment reviews-v2 is still the other workload's name.
    input.mesh.routing = 'istio';
    expect(problemsOf(input)).toEqual([
      'apps[0].workloads[2].name: apps[0].workloads[2] would be Deployment reviews-v2 in namespace bookinfo, already taken by the Deployment of version v2 of apps[0].workloads[0] (found "reviews-v2", expected a name of its own)',
    ]);
  });

  test('a backend to a version the service does not have', () => {
    expect(problemsOf(topology([route({ backends: [{ version: 'v3' }] })]))).toEqual([
      `${at}.backends[0].version: service reviews has no such version (found "v3", expected one of v1, v2)`,
    ]);
  });

  test('a version of a service without versions', () => {
    expect(problemsOf(topology([{ service: 'ratings', rules: [{ backends: [{ version: 'v1' }] }] }]))).toEqual([
      `${at}.backends[0].version: service ratings has no such version (found "v1", expected a version of workload ratings (it has none))`,
    ]);
  });

  test('a mirror to a missing backend', () => {
    expect(problemsOf(topology([route({ mirror: { version: 'v9' } })]))).toEqual([
      `${at}.mirror.version: a mirror to a missing backend: service reviews has no such version (found "v9", expected one of v1, v2)`,
    ]);
  });

  test('a backend port the service does not have', () => {
    expect(problemsOf(topology([route({ backends: [{ port: 80 }] })]))).toEqual([`${at}.backends[0].port: service reviews has no such port (found 80, expected one of 9080)`]);
  });

  test('weights not summing to 100', () => {
    expect(
      problemsOf(
        topology([
          route({
            backends: [
              { version: 'v1', weight: 50 },
              { version: 'v2', weight: 40 },
            ],
          }),
        ]),
      ),
    ).toEqual([`${at}.backends: the weights of a rule sum to 100 (found 90, expected 100)`]);
  });

  test('a weight on some backends only', () => {
    expect(problemsOf(topology([route({ backends: [{ version: 'v1', weight: 100 }, { version: 'v2' }] })]))).toEqual([
      `${at}.backends[1].weight: weights are given on every backend of a rule or on none (found nothing, expected a weight)`,
    ]);
  });

  test('a weight out of range', () => {
    expect(
      problemsOf(
        topology([
          route({
            backends: [
              { version: 'v1', weight: 120 },
              { version: 'v2', weight: -20 },
            ],
          }),
        ]),
      ),
    ).toEqual([
      `${at}.backends[0].weight: a weight is a percent (found 120, expected an integer from 0 to 100)`,
      `${at}.backends[1].weight: a weight is a percent (found -20, expected an integer from 0 to 100)`,
    ]);
  });

  test.each([
    ['path', { path: { type: 'RegularExpression', value: '/(a' } }, 'matches[0].path.value'],
    ['header', { headers: [{ name: 'x', value: '[a', type: 'RegularExpression' }] }, 'matches[0].headers[0].value'],
    ['query parameter', { queryParams: [{ name: 'x', value: '*a', type: 'RegularExpression' }] }, 'matches[0].queryParams[0].value'],
  ])('an invalid regex in a %s match', (_what, match, field) => {
    const [p] = problemsOf(topology([route({ matches: [match] })]));
    expect(p).toMatch(new RegExp(`^${at.replace(/[[\]]/g, '\\$&')}\\.${field.replace(/[[\]]/g, '\\$&')}: not an RE2 regular expression`));
  });

  test.each([
    ['^(?=a)b', 'invalid or unsupported Perl syntax: `(?=`'],
    ['(?<!x)y', 'invalid named capture: `(?<!x)y`'],
    ['(a)\\1', 'invalid escape sequence: `\\1`'],
    ['a{1001}', 'invalid repeat count: `{1001}`'],
    ['a++', 'invalid nested repetition operator: `++`'],
  ])('a regex JavaScript takes but RE2 does not: %p', (value, why) => {
    expect(problemsOf(topology([route({ matches: [{ path: { type: 'RegularExpression', value } }] })]))).toEqual([
      `${at}.matches[0].path.value: not an RE2 regular expression: ${why} (found ${JSON.stringify(value)}, expected an RE2 regular expression, the syntax Envoy and GKE take (no lookaround, no backreference))`,
    ]);
  });

  test.each(['(?i)^/api', '(?P<id>[0-9]+)', '[[:alpha:]]+'])('an RE2 regex that JavaScript refuses is accepted: %p', (value) => {
    expect(problemsOf(topology([route({ matches: [{ path: { type: 'RegularExpression', value } }] })]))).toEqual([]);
  });

  test('an upper-case header name in istio routing (Istio matches lower-case keys); gateway-api takes it', () => {
    const rule = { matches: [{ headers: [{ name: 'End-User', value: 'jason' }] }] };
    expect(problemsOf(topology([route(rule)]))).toEqual([`${at}.matches[0].headers[0].name: Istio matches header names in lower case (found "End-User", expected end-user)`]);
    expect(problemsOf(topology([route(rule)], { management: 'fleet', routing: 'gateway-api' }))).toEqual([]);
  });

  test.each(['/a//b', '/a/./b', '/a/..', '/a%2Fb', '/a#b'])('a path %p that is not normalized', (value) => {
    expect(problemsOf(topology([route({ matches: [{ path: { type: 'Exact', value } }] })]))).toEqual([
      `${at}.matches[0].path.value: not a normalized path (found ${JSON.stringify(value)}, expected a path without //, /./, /../, %2F or #, not ending in /. or /..)`,
    ]);
  });

  test('a path that does not start with /', () => {
    expect(problemsOf(topology([route({ matches: [{ path: { value: 'api' } }] })]))).toEqual([
      `${at}.matches[0].path.value: a path starts with / (found "api", expected a path such as /api)`,
    ]);
  });

  test.each([-1, 101])('mirror percent %p out of range', (percent) => {
    expect(problemsOf(topology([route({ mirror: { version: 'v2', percent } })]))).toEqual([
      `${at}.mirror.percent: percent out of range (found ${percent}, expected a number from 0 to 100)`,
    ]);
  });

  test.each(['5', '1.5s', '1m', '0s', 'soon'])('timeout %p is not a duration', (timeout) => {
    expect(problemsOf(topology([route({ timeout, retries: { attempts: 2, perTryTimeout: timeout } })]))).toEqual([
      `${at}.timeout: not a duration (found "${timeout}", expected a positive duration in s or ms such as 5s or 500ms)`,
      `${at}.retries.perTryTimeout: not a duration (found "${timeout}", expected a positive duration in s or ms such as 5s or 500ms)`,
    ]);
  });

  test('a redirect with backends', () => {
    expect(problemsOf(topology([route({ backends: [{ version: 'v1' }], redirect: { path: '/x' } })]))).toEqual([
      `${at}.redirect: a redirect answers the request itself: it takes no backends, mirror or rewrite (found a mapping, expected a redirect alone, or no redirect)`,
    ]);
  });

  test('routes without a mesh', () => {
    expect(problemsOf(topology([route({})], null))).toContain('apps[0].routes[0]: in-mesh routes need a mesh (found "reviews", expected a mesh, or no routes)');
  });

  test('an unknown routing mode is a schema error', () => {
    expect(problemsOf(topology([], { management: 'fleet', routing: 'linkerd' }))[0]).toMatch(/^mesh\.routing: /);
  });

  test('gateway-api routing on a mesh older than Istio 1.22', () => {
    const input = topology([], { management: 'in-cluster', version: '1.8.6', routing: 'gateway-api', meshId: 'm' });
    expect(problemsOf(input)).toContain('mesh.routing: GAMMA routes need Istio 1.22 or later (found "1.8.6", expected routing: istio, or a mesh version of 1.22 or later)');
  });
});

describe('in-mesh routes: what gateway-api routing cannot write', () => {
  const gamma = (rule: Record<string, unknown>) => problemsOf(topology([route(rule)], { management: 'fleet', routing: 'gateway-api' }));

  test('a mirror of part of the requests', () => {
    expect(gamma({ mirror: { version: 'v2', percent: 10 } })).toEqual([
      `${at}.mirror.percent: Gateway API v1.2 standard HTTPRoutes mirror every request (percent is experimental before v1.3) (found 10, expected 100, or routing: istio)`,
    ]);
  });

  test('retries', () => {
    expect(gamma({ retries: { attempts: 3 } })).toEqual([
      `${at}.retries: Gateway API v1.2 standard HTTPRoutes have no retry (experimental channel only) (found a mapping, expected no retries, or routing: istio)`,
    ]);
  });

  test('a prefix rewrite after a match that is not a PathPrefix, without a match, or after several', () => {
    const why = 'an HTTPRoute rewrites a path prefix only after exactly one match, by PathPrefix (ReplacePrefixMatch)';
    expect(gamma({ matches: [{ path: { type: 'Exact', value: '/a' } }], rewrite: { pathPrefix: '/b' } })).toEqual([
      `${at}.matches[0].path: ${why} (found a mapping, expected a PathPrefix path)`,
    ]);
    expect(gamma({ rewrite: { pathPrefix: '/b' } })).toEqual([`${at}.matches: ${why} (found nothing, expected one match with a PathPrefix path)`]);
    expect(gamma({ matches: [{ path: { value: '/a' } }, { path: { value: '/c' } }], rewrite: { pathPrefix: '/b' } })).toEqual([
      `${at}.matches: ${why} (found a list, expected one match with a PathPrefix path)`,
    ]);
  });

  test('more than 16 rules', () => {
    const rules = Array.from({ length: 17 }, () => ({}));
    expect(problemsOf(topology([{ service: 'reviews', rules }], { management: 'fleet', routing: 'gateway-api' }))).toEqual([
      'apps[0].routes[0].rules: an HTTPRoute has at most 16 rules (found 17, expected at most 16 rules)',
    ]);
  });

  test('the same rules are accepted in istio routing', () => {
    expect(
      problemsOf(
        topology([route({ matches: [{ path: { type: 'Exact', value: '/a' } }], rewrite: { pathPrefix: '/b' }, mirror: { version: 'v2', percent: 10 }, retries: { attempts: 3 } })]),
      ),
    ).toEqual([]);
  });
});

describe('GRPCRoutes in the mesh (kind: GRPCRoute)', () => {
  const gamma = { management: 'fleet', routing: 'gateway-api' };
  const grpc = (rules: unknown[]) => ({ kind: 'GRPCRoute', service: 'reviews', rules });

  test('gRPC method and header matches, weighted versions, header modifiers and a mirror are accepted', () => {
    const rules = [
      {
        matches: [{ method: { service: 'bookinfo.Reviews', method: 'List' } }, { method: { service: '^bookinfo\\..*$', type: 'RegularExpression' } }],
        backends: [
          { version: 'v1', weight: 80 },
          { version: 'v2', weight: 20 },
        ],
      },
      { matches: [{ headers: [{ name: 'x-canary', value: 'true' }] }], backends: [{ version: 'v2' }], responseHeaders: { set: { 'x-route': 'canary' } } },
      { backends: [{ version: 'v1' }], mirror: { version: 'v2' }, requestHeaders: { add: { 'x-mirrored': 'v2' } } },
    ];
    expect(problemsOf(topology([grpc(rules)], gamma))).toEqual([]);
  });

  test('istio routing: refused at the kind', () => {
    expect(problemsOf(topology([grpc([{}])]))).toEqual([
      'apps[0].routes[0].kind: a GRPCRoute is a Gateway API route (GAMMA): Istio routing writes VirtualServices (found "GRPCRoute", expected HTTPRoute, or mesh.routing: gateway-api)',
    ]);
  });

  test('what a GRPCRoute rule cannot hold, each at its path', () => {
    const rule = {
      matches: [
        { path: { value: '/bookinfo.Reviews/List' }, queryParams: [{ name: 'a', value: 'b' }], method: 'POST' },
        { method: { type: 'Exact' } },
        { method: { service: 'bookinfo/Reviews' } },
      ],
      backends: [{ version: 'v1' }],
      timeout: '5s',
    };
    expect(problemsOf(topology([grpc([rule])], gamma))).toEqual([
      `${at}.matches[0].path: a GRPCRoute matches on the gRPC method and headers (found a mapping, expected no path (method: { service, method } instead))`,
      `${at}.matches[0].queryParams: a GRPCRoute matches on the gRPC method and headers (found a list, expected no queryParams)`,
      `${at}.matches[0].method: a GRPCRoute matches on the gRPC method and headers (found "POST", expected { service, method }, e.g. { service: helloworld.Greeter, method: SayHello })`,
      `${at}.matches[1].method: a gRPC method match names the service, the method or both (found a mapping, expected { service, method }, e.g. { service: helloworld.Greeter, method: SayHello })`,
      `${at}.matches[2].method.service: not a gRPC service name (found "bookinfo/Reviews", expected a fully qualified service such as helloworld.Greeter (letters, digits, _ and dots))`,
      `${at}.timeout: GRPCRoute rules (Gateway API v1.2 standard) have header modifiers and a mirror only (found "5s", expected no timeout, or kind: HTTPRoute)`,
    ]);
  });

  test('an HTTPRoute takes an HTTP method, not a gRPC one', () => {
    expect(problemsOf(topology([route({ matches: [{ method: { service: 'bookinfo.Reviews' } }] })], gamma))).toEqual([
      `${at}.matches[0].method: an HTTPRoute matches an HTTP method (found a mapping, expected an HTTP method such as GET, or kind: GRPCRoute)`,
    ]);
  });
});
