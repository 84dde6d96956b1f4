import { checkAgainstSchema } from '../../../src/analysis/api-server/schema-check';
import { SchemaNode } from '../../../src/analysis/api-server/schema-node';
import { backend, cr, errorsOf, findingsOf, httpRoute } from './support';

const validRoute = httpRoute([{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [backend] }]);
const gateway = (listeners: unknown[]) => cr('gateway.networking.k8s.io/v1', 'Gateway', { gatewayClassName: 'gke-l7-global-external-managed-mc', listeners });

describe('CRD structural schema (Gateway API v1.2.1, Istio, GKE CRDs)', () => {
  test('a valid HTTPRoute has no finding', () => {
    expect(findingsOf(validRoute)).toEqual([]);
  });

  test('required: a parentRef without name', () => {
    // The API server also reports the parentRefs CEL rules, which read `name` without has().
    expect(errorsOf(httpRoute([{ backendRefs: [backend] }], { parentRefs: [{ namespace: 'ns' }] }))).toContainEqual(['API001', 'spec.parentRefs[0].name']);
    expect(errorsOf(validRoute)).toEqual([]);
  });

  test('enum: a path match type the API does not know', () => {
    const route = httpRoute([{ matches: [{ path: { type: 'Prefix', value: '/api' } }], backendRefs: [backend] }]);
    expect(findingsOf(route)).toContainEqual([
      'API001',
      'spec.rules[0].matches[0].path.type',
      'unsupported value "Prefix": supported values: "Exact", "PathPrefix", "RegularExpression"',
    ]);
  });

  test('pattern: a hostname with an upper-case letter', () => {
    const [finding] = findingsOf(httpRoute([{ backendRefs: [backend] }], { hostnames: ['Store.example.com'] }));
    expect(finding).toEqual(['API001', 'spec.hostnames[0]', expect.stringMatching(/^"Store.example.com" does not match the pattern \^/)]);
  });

  test('maxItems: 17 rules where an HTTPRoute takes 16', () => {
    const rules = Array.from({ length: 17 }, () => ({ backendRefs: [backend] }));
    expect(findingsOf(httpRoute(rules))).toContainEqual(['API001', 'spec.rules', 'must have at most 16 items, found 17']);
    expect(errorsOf(httpRoute(rules.slice(1)))).toEqual([]);
  });

  test('maxLength and minimum: a 254-character hostname and port 0 on a Gateway listener', () => {
    const errors = errorsOf(gateway([{ name: 'http', port: 0, protocol: 'HTTP', hostname: `${'a'.repeat(250)}.com` }]));
    expect(errors).toContainEqual(['API001', 'spec.listeners[0].port']);
    expect(errors).toContainEqual(['API001', 'spec.listeners[0].hostname']);
  });

  test('list-map keys: two Gateway listeners named alike (x-kubernetes-list-map-keys: name)', () => {
    const listener = { name: 'http', port: 80, protocol: 'HTTP' };
    expect(findingsOf(gateway([listener, { ...listener, port: 8080 }]))).toContainEqual(['API001', 'spec.listeners[1]', 'duplicate entry with key ["http"] (keys name)']);
    expect(errorsOf(gateway([listener, { ...listener, name: 'http-alt', port: 8080 }]))).toEqual([]);
  });

  test('type: a string where an integer belongs', () => {
    expect(errorsOf(httpRoute([{ backendRefs: [{ name: 'svc', port: '8080' }] }]))).toContainEqual(['API001', 'spec.rules[0].backendRefs[0].port']);
  });

  test('an unknown field is a warning (pruned, or refused with strict field validation), not an error', () => {
    const route = { ...validRoute, spec: { ...(validRoute.spec as object), retries: 3 } };
    expect(findingsOf(route)).toEqual([['API002', 'spec.retries', 'unknown field: the API server prunes it (or refuses the object with strict field validation)']]);
  });

  test('x-kubernetes-preserve-unknown-fields keeps any field (IstioOperator)', () => {
    expect(findingsOf(cr('install.istio.io/v1alpha1', 'IstioOperator', { anything: { goes: true } }))).toEqual([]);
  });

  test('an apiVersion the CRD does not serve', () => {
    expect(errorsOf({ ...validRoute, apiVersion: 'gateway.networking.k8s.io/v2' })).toEqual([['API006', 'apiVersion']]);
  });

  test('a kind without vendored CRD is reported as not checked (info)', () => {
    expect(findingsOf(cr('example.com/v1', 'Widget', {}))).toEqual([['API007', 'apiVersion', 'no vendored CRD for Widget in example.com: not checked against a schema']]);
  });

  test('kinds of the other built-in API groups (PriorityClass, StorageClass) are not reported as lacking a vendored CRD', () => {
    const priorityClass = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'mesh-critical' }, value: 1000000 };
    const storageClass = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'pd.csi.storage.gke.io' };
    expect([...findingsOf(priorityClass), ...findingsOf(storageClass)]).toEqual([]);
  });

  test('Istio oneOf: a DestinationRule load balancer with both simple and consistentHash', () => {
    const rule = (lb: Record<string, unknown>) => cr('networking.istio.io/v1', 'DestinationRule', { host: 'svc', trafficPolicy: { loadBalancer: lb } });
    expect(errorsOf(rule({ simple: 'ROUND_ROBIN', consistentHash: { httpHeaderName: 'x-user' } }))).toContainEqual(['API001', 'spec.trafficPolicy.loadBalancer']);
    expect(errorsOf(rule({ simple: 'ROUND_ROBIN' }))).toEqual([]);
  });
});

describe('the schema walker', () => {
  const schema: SchemaNode = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        required: ['mode'],
        properties: {
          mode: { type: 'string', default: 'auto', enum: ['auto', 'manual'] },
          count: { type: 'integer', format: 'int32' },
          tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
          address: { type: 'string', format: 'ipv4' },
          labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 3 } },
          free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          port: { 'x-kubernetes-int-or-string': true },
        },
        'x-kubernetes-validations': [{ rule: "self.mode == 'auto'", message: 'mode must be auto' }],
      },
    },
  };
  const check = (spec: Record<string, unknown>) => checkAgainstSchema({ apiVersion: 'x/v1', kind: 'X', metadata: { name: 'x' }, spec }, schema).map((i) => [i.kind, i.path]);

  test('defaults are applied before validation and CEL (a defaulted required field is present)', () => {
    expect(check({})).toEqual([]);
  });

  test('format int32 and ipv4, list-type set, additionalProperties, int-or-string', () => {
    expect(check({ count: 2 ** 31, address: '10.0.0.01', tags: ['a', 'a'], labels: { k: 'long' }, port: true })).toEqual([
      ['invalid', 'spec.count'],
      ['invalid', 'spec.address'],
      ['invalid', 'spec.tags[1]'],
      ['invalid', 'spec.labels.k'],
      ['invalid', 'spec.port'],
    ]);
    expect(check({ count: 1, address: '10.0.0.1', tags: ['a', 'b'], labels: { k: 'ab' }, port: 'http', free: { any: 1 } })).toEqual([]);
  });

  test('metadata is not pruned; apiVersion and kind are always known', () => {
    expect(check({ mode: 'manual' })).toEqual([['rule', 'spec']]);
  });
});
