import { evaluateRule, toCelValue } from '../../../src/analysis/api-server/cel-check';
import { checkAgainstSchema } from '../../../src/analysis/api-server/schema-check';
import { SchemaNode } from '../../../src/analysis/api-server/schema-node';
import { backend, cr, errorsOf, findingsOf, httpRoute } from './support';

describe('CEL rules of the vendored CRDs, evaluated offline', () => {
  test('Gateway API HTTPRoute: a PathPrefix value must be an absolute path', () => {
    const route = (value: string) => httpRoute([{ matches: [{ path: { type: 'PathPrefix', value } }], backendRefs: [backend] }]);
    expect(findingsOf(route('api'))).toEqual([
      ['API003', 'spec.rules[0].matches[0].path', "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']"],
    ]);
    expect(findingsOf(route('/api'))).toEqual([]);
  });

  test("Gateway API HTTPRoute: URLRewrite's replacePrefixMatch needs one PathPrefix match (has() on an indexed value)", () => {
    const rewrite = { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } };
    const route = (type: string) => httpRoute([{ matches: [{ path: { type, value: '/v1' } }], filters: [rewrite], backendRefs: [backend] }]);
    expect(findingsOf(route('Exact'))).toContainEqual([
      'API003',
      'spec.rules[0]',
      'When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified',
    ]);
    expect(findingsOf(route('PathPrefix'))).toEqual([]);
  });

  test('Gateway API GRPCRoute: a service match in RE2 syntax ((?i), which JavaScript regular expressions refuse)', () => {
    const route = (service: string) =>
      cr('gateway.networking.k8s.io/v1', 'GRPCRoute', { parentRefs: [{ name: 'gw' }], rules: [{ matches: [{ method: { service } }], backendRefs: [backend] }] });
    expect(findingsOf(route('Hipstershop.ProductCatalogService'))).toEqual([]);
    expect(errorsOf(route('hipstershop/catalog'))).toEqual([['API003', 'spec.rules[0].matches[0].method']]);
  });

  const healthCheck = (httpHealthCheck: Record<string, unknown>) =>
    cr('networking.gke.io/v1', 'HealthCheckPolicy', {
      default: { config: { type: 'HTTP', httpHealthCheck } },
      targetRef: { group: 'net.gke.io', kind: 'ServiceImport', name: 'store' },
    });

  test('GKE HealthCheckPolicy: USE_FIXED_PORT needs a port', () => {
    expect(findingsOf(healthCheck({ portSpecification: 'USE_FIXED_PORT' }))).toEqual([
      ['API003', 'spec.default.config.httpHealthCheck', 'for portSpecification being USE_FIXED_PORT, port must be set and portName must be unset'],
    ]);
    expect(findingsOf(healthCheck({ portSpecification: 'USE_FIXED_PORT', port: 8080 }))).toEqual([]);
  });

  test('a rule that errors at run time rejects the object: GKE HealthCheckPolicy settings without portSpecification (no such key)', () => {
    const findings = findingsOf(healthCheck({ requestPath: '/health' }));
    expect(findings.map(([code, path]) => [code, path])).toEqual([
      ['API004', 'spec.default.config.httpHealthCheck'],
      ['API004', 'spec.default.config.httpHealthCheck'],
    ]);
    expect(findings[0][2]).toBe('no such key: portSpecification evaluating rule: for portSpecification being USE_FIXED_PORT, port must be set and portName must be unset');
    expect(findingsOf(healthCheck({ requestPath: '/health', portSpecification: 'USE_SERVING_PORT' }))).toEqual([]);
  });

  test('Kubernetes URL library: Istio RequestAuthentication jwksUri must be http(s) (url().getScheme())', () => {
    const auth = (jwksUri: string) => cr('security.istio.io/v1', 'RequestAuthentication', { jwtRules: [{ issuer: 'https://issuer.example.com', jwksUri }] });
    expect(findingsOf(auth('ftp://keys.example.com/jwks.json'))).toEqual([['API003', 'spec.jwtRules[0].jwksUri', 'url must have scheme http:// or https://']]);
    expect(findingsOf(auth('https://keys.example.com/jwks.json'))).toEqual([]);
    expect(errorsOf(auth('keys.example.com'))).toEqual([['API004', 'spec.jwtRules[0].jwksUri']]);
  });

  test('Kubernetes URL library: Istio WasmPlugin url (isURL, with and without a scheme)', () => {
    const plugin = (url: string) => cr('extensions.istio.io/v1alpha1', 'WasmPlugin', { url });
    expect(findingsOf(plugin('oci://ghcr.io/example/filter:1'))).toEqual([]);
    expect(findingsOf(plugin('ghcr.io/example/filter:1'))).toEqual([]);
    expect(findingsOf(plugin('gopher://example.com/filter'))).toEqual([['API003', 'spec.url', 'url must have schema one of [http, https, file, oci]']]);
  });
});

describe('rule evaluation', () => {
  const schema = (rules: SchemaNode['x-kubernetes-validations']): SchemaNode => ({
    type: 'object',
    properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' }, name: { type: 'string' } }, 'x-kubernetes-validations': rules } },
  });
  const run = (rules: SchemaNode['x-kubernetes-validations'], spec: Record<string, unknown>) => checkAgainstSchema({ spec }, schema(rules)).map((i) => [i.kind, i.path, i.message]);

  test('integers are CEL ints (a comparison with an int literal works)', () => {
    expect(run([{ rule: 'self.replicas <= 3', message: 'at most 3' }], { replicas: 4 })).toEqual([['rule', 'spec', 'at most 3']]);
    expect(toCelValue(4, { type: 'integer' })).toBe(4n);
    expect(toCelValue(4.5, { type: 'number' })).toBe(4.5);
  });

  test('messageExpression gives the message; a failing messageExpression falls back to message', () => {
    expect(run([{ rule: 'self.replicas <= 3', messageExpression: "'replicas ' + string(self.replicas) + ' > 3'" }], { replicas: 4 })).toEqual([['rule', 'spec', 'replicas 4 > 3']]);
    expect(run([{ rule: 'self.replicas <= 3', messageExpression: 'self.missing', message: 'fallback' }], { replicas: 4 })).toEqual([['rule', 'spec', 'fallback']]);
  });

  test('fieldPath moves the finding to the field', () => {
    expect(run([{ rule: 'self.replicas <= 3', message: 'at most 3', fieldPath: '.replicas' }], { replicas: 4 })).toEqual([['rule', 'spec.replicas', 'at most 3']]);
  });

  test('transition rules (oldSelf) are not run: there is no stored object', () => {
    expect(evaluateRule({ rule: 'self == oldSelf', message: 'immutable' }, 'x')).toEqual({ status: 'pass' });
  });

  test('a rule the evaluator cannot run is reported as not evaluated (info), not as a rejection', () => {
    expect(run([{ rule: 'self.name.noSuchFunction()' }], { name: 'x' })).toEqual([['rule-skipped', 'spec', expect.stringMatching(/^rule not evaluated offline/)]]);
  });
});
