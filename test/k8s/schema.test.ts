import { checkObject, validateObject, validateObjects } from './schema';

const meta = (name: string, namespace = 'ns') => ({ name, namespace });

describe('validateObject', () => {
  test.each([
    ['v1', 'Service', { spec: { ports: [{ port: 80 }] } }, 'kubernetes-models/v1'],
    ['apps/v1', 'Deployment', { spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } } }, 'kubernetes-models/apps/v1'],
    ['rbac.authorization.k8s.io/v1', 'Role', { rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] }, 'kubernetes-models/rbac.authorization.k8s.io/v1'],
    ['networking.istio.io/v1', 'VirtualService', { spec: { hosts: ['a'] } }, 'CRD istio/crd-all.gen.yaml v1'],
    ['networking.istio.io/v1beta1', 'DestinationRule', { spec: { host: 'a' } }, '@kubernetes-models/istio/networking.istio.io/v1beta1 DestinationRule'],
    ['gateway.networking.k8s.io/v1', 'HTTPRoute', { spec: { hostnames: ['a.example'] } }, '@kubernetes-models/gateway-api'],
    ['cloud.google.com/v1beta1', 'BackendConfig', { spec: { healthCheck: { type: 'HTTP', port: 15021 } } }, '@kubernetes-models/gke/cloud.google.com/v1beta1 BackendConfig'],
    ['net.gke.io/v1', 'ServiceExport', {}, '@kubernetes-models/gke/net.gke.io/v1 ServiceExport'],
    [
      'networking.gke.io/v1',
      'HealthCheckPolicy',
      { spec: { default: { config: { type: 'HTTP', httpHealthCheck: { requestPath: '/health' } } }, targetRef: { group: 'net.gke.io', kind: 'ServiceImport', name: 'store' } } },
      'networking.gke.io_healthcheckpolicies.yaml',
    ],
    ['networking.gke.io/v1beta1', 'MultiClusterIngress', { spec: { template: { spec: { backend: { serviceName: 's', servicePort: 80 } } } } }, 'STUB'],
    [
      'networking.gke.io/v1beta1',
      'MultiClusterService',
      { spec: { template: { spec: { ports: [{ name: 'http', protocol: 'TCP', port: 80 }] } }, clusters: [{ link: 'z/c' }] } },
      'STUB',
    ],
  ])('%s %s conforms', (apiVersion, kind, body, expectedSource) => {
    const obj = { apiVersion, kind, metadata: meta('x'), ...body };
    expect(() => validateObject(obj)).not.toThrow();
    expect(checkObject(obj).sources.join(' ')).toContain(expectedSource);
  });

  test('throws for an unknown apiVersion/kind', () => {
    expect(() => validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: meta('x') })).toThrow(/no schema known/);
    expect(() => validateObject({ apiVersion: 'apps/v1', kind: 'Widget', metadata: meta('x') })).toThrow(/no schema known/);
    expect(() => validateObject({ apiVersion: 'networking.gke.io/v9', kind: 'MultiClusterIngress', metadata: meta('x') })).toThrow(/no schema known/);
  });

  test('throws for a wrong type in a core object', () => {
    expect(() => validateObject({ apiVersion: 'v1', kind: 'Service', metadata: meta('x'), spec: { ports: [{ port: 'eighty' }] } })).toThrow(/port/);
  });

  test('throws for a missing or invalid metadata.name', () => {
    expect(() => validateObject({ apiVersion: 'v1', kind: 'Namespace', metadata: {} })).toThrow(/name/);
    expect(() => validateObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Bad_Name' } })).toThrow(/name/);
  });

  test('a field the API server would prune from a CRD object fails', () => {
    const vs = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta('x'), spec: { hosts: ['a'], gateway: ['typo'] } };
    expect(() => validateObject(vs)).toThrow(/gateway/);
    const mcs = { apiVersion: 'networking.gke.io/v1beta1', kind: 'MultiClusterService', metadata: meta('x'), spec: { clusters: [{ link: 'z/c', lnk: 'typo' }] } };
    expect(() => validateObject(mcs)).toThrow(/lnk/);
  });

  test('a wrong type in a stub CRD object fails', () => {
    const mci = { apiVersion: 'networking.gke.io/v1beta1', kind: 'MultiClusterIngress', metadata: meta('x'), spec: { template: { spec: { backend: { serviceName: 3 } } } } };
    expect(() => validateObject(mci)).toThrow(/serviceName/);
  });

  test('validateObjects reports every failing object', () => {
    const bad = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(name), spec: { ports: [{ port: 'x' }] } });
    expect(() => validateObjects([bad('one'), bad('two')])).toThrow(/2 of 2 objects[\s\S]*one[\s\S]*two/);
  });
});
