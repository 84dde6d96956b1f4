import { buildPlan } from '../../src/plan/build-plan';
import { checkPlanNames } from '../../src/plan/name-rules';
import { serviceTrafficOf } from '../../src/plan/traffic/resolve';
import { destinationRuleSpec, istioHttpOf } from '../../src/k8s/traffic/istio-routes';
import { checkRules } from '../../src/topology/rules/rules';
import { resolveTopology } from '../../src/topology/resolve/defaults';
import { checkStructure } from '../../src/topology/rules/structure';
import { TopologyInput } from '../../src/topology/model/types';

/*
 * Istio traffic policy (`workloads[].trafficPolicy`) and fault injection (`routes[].rules[].fault`):
 * the rules of src/topology/rules/traffic-policy-rules.ts, the DestinationRule a Service without
 * versions gets for its policy, and the Istio specs.
 */

const reviews = { name: 'reviews', image: 'example/reviews:1', port: 9080, version: 'v1', canary: { version: 'v2', weight: 0 } };
const details = { name: 'details', image: 'example/details:1', port: 9080 };

function topology(policy: unknown, routes: unknown[] = [], mesh: Record<string, unknown> | null = { management: 'fleet' }): TopologyInput {
  return {
    name: 'policies',
    project: { id: 'meshfleet-test' },
    clusters: [{ name: 'a', zone: 'us-west2-a', private: false, authorizedNetworks: false }],
    ...(mesh === null ? {} : { mesh }),
    apps: [{ namespace: 'bookinfo', workloads: [reviews, { ...details, ...(policy === undefined ? {} : { trafficPolicy: policy }) }], routes }],
  } as TopologyInput;
}

function problemsOf(input: TopologyInput): string[] {
  const structural = checkStructure(input);
  if (structural.length > 0) return structural.map((p) => `${p.path}: ${p.message}`);
  const model = resolveTopology(input);
  const rules = checkRules(input, model);
  return (rules.length > 0 ? rules : checkPlanNames(model, buildPlan(model))).map((p) => `${p.path}: ${p.message}`);
}

const at = 'apps[0].workloads[1].trafficPolicy';
const failover = { localityLbSetting: { enabled: true, failover: [{ from: 'us-west1', to: 'us-east1' }] } };
const outlier = { consecutive5xxErrors: 1, interval: '1s', baseEjectionTime: '3m', maxEjectionPercent: 100 };
const fullPolicy = {
  connectionPool: {
    tcp: { maxConnections: 1, connectTimeout: '30ms', tcpKeepalive: { time: '7200s', interval: '75s' } },
    http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1, h2UpgradePolicy: 'UPGRADE' },
  },
  outlierDetection: outlier,
  loadBalancer: { simple: 'ROUND_ROBIN', ...failover },
  tls: { mode: 'ISTIO_MUTUAL' },
  portLevelSettings: [{ port: { number: 9080 }, connectionPool: { tcp: { maxConnections: 10 } }, outlierDetection: { consecutiveGatewayErrors: 2 } }],
};

describe('traffic policy: accepted and written', () => {
  test('an upstream-shaped policy on a Service without versions is accepted and makes a DestinationRule of its own', () => {
    const input = topology(fullPolicy);
    expect(problemsOf(input)).toEqual([]);
    const model = resolveTopology(input);
    const objects = buildPlan(model).clusters[0].files.flatMap((f) => f.objects);
    expect(objects.filter((o) => o.kind === 'DestinationRule').map((o) => o.name)).toEqual(['reviews', 'details']);
    expect(objects.filter((o) => o.kind === 'VirtualService').map((o) => o.name)).toEqual(['reviews']);
    const mesh = serviceTrafficOf(model, model.apps[0], model.apps[0].workloads[1])!.mesh!;
    expect(destinationRuleSpec('details', mesh)).toEqual({
      host: 'details',
      trafficPolicy: { ...fullPolicy, outlierDetection: { ...outlier, consecutive5xxErrors: undefined, consecutive5XxErrors: 1 } },
    });
  });

  test('fault injection and retries compile to the VirtualService in upstream shape', () => {
    const fault = { delay: { fixedDelay: '7s', percentage: { value: 100 } }, abort: { httpStatus: 500, percentage: { value: 10 } } };
    const retries = { attempts: 3, perTryTimeout: '2s', retryOn: '5xx', retryRemoteLocalities: true };
    const input = topology(undefined, [{ service: 'details', rules: [{ fault, retries }] }]);
    expect(problemsOf(input)).toEqual([]);
    const model = resolveTopology(input);
    const rule = serviceTrafficOf(model, model.apps[0], model.apps[0].workloads[1])!.mesh!.rules[0];
    expect(istioHttpOf(rule)).toEqual({ route: [{ destination: { host: 'details' } }], fault, retries });
  });
});

describe('version subsets: their own traffic policy (Istio subsets[].trafficPolicy)', () => {
  const versioned = (policy: unknown, mesh?: Record<string, unknown>): TopologyInput => {
    const input = topology(undefined, [], mesh) as unknown as { apps: Array<{ workloads: unknown[] }> };
    input.apps[0].workloads[0] = {
      name: 'reviews',
      image: 'example/reviews:1',
      port: 9080,
      versions: [
        { name: 'v1', weight: 90 },
        { name: 'v2', weight: 10, trafficPolicy: policy },
      ],
    };
    return input as unknown as TopologyInput;
  };

  test('a version with a policy gets it on its subset', () => {
    const input = versioned({ loadBalancer: { simple: 'LEAST_CONN' } });
    expect(problemsOf(input)).toEqual([]);
    const model = resolveTopology(input);
    const mesh = serviceTrafficOf(model, model.apps[0], model.apps[0].workloads[0])!.mesh!;
    expect(destinationRuleSpec('reviews', mesh).subsets).toEqual([
      { labels: { version: 'v1' }, name: 'v1' },
      { labels: { version: 'v2' }, name: 'v2', trafficPolicy: { loadBalancer: { simple: 'LEAST_CONN' } } },
    ]);
  });

  test('its fields are checked at its path, and gateway-api refuses it', () => {
    const path = 'apps[0].workloads[0].versions[1].trafficPolicy';
    expect(problemsOf(versioned({ outlierDetection: { interval: '1x' } })).map((p) => p.split(': ')[0])).toEqual([`${path}.outlierDetection.interval`]);
    expect(problemsOf(versioned({ tls: { mode: 'ISTIO_MUTUAL' } }, { management: 'fleet', routing: 'gateway-api' })).map((p) => p.split(': ')[0])).toEqual([path]);
  });
});

describe('traffic policy: refused with field paths', () => {
  test.each([
    ['a duration Istio refuses', { connectionPool: { tcp: { connectTimeout: '0s' } } }, `${at}.connectionPool.tcp.connectTimeout`],
    ['a duration without unit', { outlierDetection: { interval: '10' } }, `${at}.outlierDetection.interval`],
    ['locality failover without outlier detection', { loadBalancer: failover }, `${at}.loadBalancer.localityLbSetting`],
    [
      'distribute and failover together',
      {
        outlierDetection: outlier,
        loadBalancer: { localityLbSetting: { distribute: [{ from: 'us-west1/*', to: { 'us-west1/*': 100 } }], failover: [{ from: 'us-west1', to: 'us-east1' }] } },
      },
      `${at}.loadBalancer.localityLbSetting.distribute`,
    ],
    [
      'a distribution not summing to 100',
      { loadBalancer: { localityLbSetting: { distribute: [{ from: 'us-west1/*', to: { 'us-west1/*': 80 } }] } } },
      `${at}.loadBalancer.localityLbSetting.distribute[0].to`,
    ],
    ['simple and consistentHash', { loadBalancer: { simple: 'RANDOM', consistentHash: { useSourceIp: true } } }, `${at}.loadBalancer.consistentHash`],
    ['a port the Service lacks', { portLevelSettings: [{ port: { number: 8080 } }] }, `${at}.portLevelSettings[0].port.number`],
  ])('%s', (_what, policy, path) => {
    expect(problemsOf(topology(policy)).map((p) => p.split(': ')[0])).toEqual([path]);
  });

  test('a field outside upstream shape is refused by the schema', () => {
    expect(problemsOf(topology({ circuitBreaker: { maxConnections: 1 } })).join('\n')).toMatch(/trafficPolicy/);
  });

  test('gateway-api routing refuses a traffic policy, with the reason', () => {
    expect(problemsOf(topology({ tls: { mode: 'ISTIO_MUTUAL' } }, [], { management: 'fleet', routing: 'gateway-api' }))).toEqual([
      expect.stringMatching(new RegExp(`^${at.replace(/[[\]]/g, '\\$&')}: routing: gateway-api`)),
    ]);
  });
});

describe('fault injection: refused with field paths', () => {
  const f = 'apps[0].routes[0].rules[0].fault';
  const withFault = (fault: unknown, mesh?: Record<string, unknown>) => topology(undefined, [{ service: 'details', rules: [{ fault }] }], mesh);
  test.each([
    ['an HTTP status out of range', { abort: { httpStatus: 600 } }, `${f}.abort.httpStatus`],
    ['both statuses', { abort: { httpStatus: 503, grpcStatus: 'UNAVAILABLE' } }, `${f}.abort`],
    ['a percentage over 100', { delay: { fixedDelay: '1s', percentage: { value: 150 } } }, `${f}.delay.percentage.value`],
    ['a delay under 1ms', { delay: { fixedDelay: '0ms' } }, `${f}.delay.fixedDelay`],
  ])('%s', (_what, fault, path) => {
    expect(problemsOf(withFault(fault)).map((p) => p.split(': ')[0])).toEqual([path]);
  });

  test('gateway-api routing refuses a fault: it would not happen', () => {
    expect(problemsOf(withFault({ delay: { fixedDelay: '7s' } }, { management: 'fleet', routing: 'gateway-api' }))).toEqual([
      expect.stringMatching(/fault: Gateway API has no fault injection/),
    ]);
  });
});
