import { MultiClusterIngressSet, backendConfigAnnotation } from '../../src/k8s/multi-cluster-ingress';
import { ResolvedMultiClusterIngress } from '../../src/topology/types';
import { idsOf, inNamespace, synthChart } from './helpers';
import { validateObjects } from './schema';
import { SEED_000, parseManifests } from './seed-manifests';

const ingress: ResolvedMultiClusterIngress = {
  name: 'asm-ingressgateway-multicluster-ingress',
  namespace: 'asm-ingress',
  serviceName: 'asm-ingressgateway-multicluster-svc',
  port: 80,
  backendConfigName: 'gke-ingress-config',
  healthCheck: { type: 'HTTP', port: 15021, path: '/healthz/ready' },
};
const clusters = [
  { name: 'gke-west-priv', zone: 'us-west2-a' },
  { name: 'gke-central-priv', zone: 'us-central1-a' },
];

describe('backendConfigAnnotation', () => {
  test("spelled exactly as seed 000's annotation", () => {
    expect(backendConfigAnnotation(80, 'gke-ingress-config')).toBe('{"ports": {"80":"gke-ingress-config"}}');
  });

  test('is JSON naming the port and the BackendConfig', () => {
    expect(JSON.parse(backendConfigAnnotation(8443, 'edge-config'))).toEqual({ ports: { '8443': 'edge-config' } });
  });
});

describe('MultiClusterIngressSet', () => {
  const objects = synthChart((c) => new MultiClusterIngressSet(c, 'mci', { ingress, selector: { asm: 'ingressgateway' }, clusters, portName: 'frontend' }));
  const [mci, mcs, backendConfig] = objects;

  test('MultiClusterIngress, MultiClusterService, BackendConfig in the ingress gateway namespace', () => {
    expect(idsOf(objects)).toEqual([
      'MultiClusterIngress/asm-ingress/asm-ingressgateway-multicluster-ingress',
      'MultiClusterService/asm-ingress/asm-ingressgateway-multicluster-svc',
      'BackendConfig/asm-ingress/gke-ingress-config',
    ]);
    validateObjects(objects);
  });

  test("seed 000's mci.yaml, mcs.yaml and backendconfig.yaml field for field (plus the namespace the seed passes with -n)", () => {
    expect(mci).toEqual(inNamespace(parseManifests(SEED_000.mci)[0], 'asm-ingress'));
    expect(mcs).toEqual(inNamespace(parseManifests(SEED_000.mcs)[0], 'asm-ingress'));
    expect(backendConfig).toEqual(inNamespace(parseManifests(SEED_000.backendConfig)[0], 'asm-ingress'));
  });

  test('cluster links <zone>/<name> in the given order; the port name defaults to http', () => {
    const [, other] = synthChart((c) => new MultiClusterIngressSet(c, 'mci', { ingress, selector: { app: 'gw' }, clusters: [...clusters].reverse() }));
    expect(other.spec.clusters).toEqual([{ link: 'us-central1-a/gke-central-priv' }, { link: 'us-west2-a/gke-west-priv' }]);
    expect(other.spec.template.spec.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 80 }]);
    expect(other.spec.template.spec.selector).toEqual({ app: 'gw' });
  });

  test('no clusters: no clusters field (the MultiClusterService then spans every member)', () => {
    const [, other] = synthChart((c) => new MultiClusterIngressSet(c, 'mci', { ingress, selector: { app: 'gw' }, clusters: [] }));
    expect(other.spec).not.toHaveProperty('clusters');
  });

  test('names, port and health check follow the model', () => {
    const custom = { ...ingress, name: 'edge', serviceName: 'edge-svc', port: 8080, backendConfigName: 'edge-bc', healthCheck: { type: 'HTTPS' as const, port: 8443, path: '/ready' } };
    const [m, s, b] = synthChart((c) => new MultiClusterIngressSet(c, 'mci', { ingress: custom, selector: { app: 'gw' }, clusters }));
    expect(m.spec.template.spec.backend).toEqual({ serviceName: 'edge-svc', servicePort: 8080 });
    expect(s.metadata.annotations).toEqual({ 'beta.cloud.google.com/backend-config': '{"ports": {"8080":"edge-bc"}}' });
    expect(s.spec.template.spec.ports[0].port).toBe(8080);
    expect(b.metadata.name).toBe('edge-bc');
    expect(b.spec).toEqual({ healthCheck: { type: 'HTTPS', port: 8443, requestPath: '/ready' } });
  });
});
