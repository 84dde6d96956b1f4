import { MultiClusterIngressSet, appProtocolsAnnotation, backendConfigAnnotation } from '../../src/k8s/multi-cluster-ingress';
import { ingressTrafficOf } from '../../src/plan/traffic/resolve';
import { ResolvedMultiClusterIngress } from '../../src/topology/model/types';
import { EXAMPLES, exampleInput, findObject, idsOf, inNamespace, manifestsOf, modelOf, synthChart } from './helpers';
import { validateObjects } from './schema';
import { SEED_000, parseManifests } from './seed-manifests';

/** Seed 000's multi-cluster ingress as the resolver makes it from the old `multiClusterIngress` shape. */
const ingress: ResolvedMultiClusterIngress = {
  name: 'asm-ingressgateway-multicluster-ingress',
  namespace: 'asm-ingress',
  services: [
    {
      name: 'asm-ingressgateway-multicluster-svc',
      selector: { asm: 'ingressgateway' },
      ports: [{ name: 'frontend', port: 80 }],
      clusters: ['gke-west-priv', 'gke-central-priv'],
      backendConfig: { annotation: 'beta.cloud.google.com/backend-config', ports: [{ port: 80, name: 'gke-ingress-config' }] },
      appProtocols: [],
    },
  ],
  backendConfigs: [{ name: 'gke-ingress-config', healthCheck: { type: 'HTTP', port: 15021, path: '/healthz/ready' } }],
  rules: [],
  defaultBackend: { service: 'asm-ingressgateway-multicluster-svc', port: 80 },
  preSharedCerts: [],
  managedCertificates: [],
  meshGateway: true,
};
const clusters = [
  { name: 'gke-west-priv', zone: 'us-west2-a' },
  { name: 'gke-central-priv', zone: 'us-central1-a' },
];

describe('backendConfigAnnotation', () => {
  test("ports spelled exactly as seed 000's annotation", () => {
    expect(backendConfigAnnotation({ annotation: 'x', ports: [{ port: 80, name: 'gke-ingress-config' }] })).toBe('{"ports": {"80":"gke-ingress-config"}}');
  });

  test('default and several ports: JSON naming each BackendConfig', () => {
    const value = backendConfigAnnotation({
      annotation: 'x',
      default: 'base',
      ports: [
        { port: 443, name: 'tls' },
        { port: 8080, name: 'web' },
      ],
    });
    expect(JSON.parse(value)).toEqual({ default: 'base', ports: { '443': 'tls', '8080': 'web' } });
    expect(JSON.parse(backendConfigAnnotation({ annotation: 'x', default: 'base', ports: [] }))).toEqual({ default: 'base' });
  });

  test('app-protocols: port name to protocol', () => {
    expect(
      appProtocolsAnnotation([
        { port: 'https', protocol: 'HTTPS' },
        { port: 'grpc', protocol: 'HTTP2' },
      ]),
    ).toBe('{"https":"HTTPS","grpc":"HTTP2"}');
  });
});

describe('MultiClusterIngressSet, seed 000 shape', () => {
  const objects = synthChart((c) => new MultiClusterIngressSet(c, 'mci', { ingress, traffic: ingressTrafficOf(ingress), clusters }));
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

  test('cluster links <zone>/<name> in the service order', () => {
    const reversed = { ...ingress, services: [{ ...ingress.services[0], clusters: ['gke-central-priv', 'gke-west-priv'] }] };
    const [, other] = synthChart((c) => new MultiClusterIngressSet(c, 'mci', { ingress: reversed, traffic: ingressTrafficOf(reversed), clusters }));
    expect(other.spec.clusters).toEqual([{ link: 'us-central1-a/gke-central-priv' }, { link: 'us-west2-a/gke-west-priv' }]);
  });

  test('no clusters: no clusters field (the MultiClusterService then spans every member)', () => {
    const all = { ...ingress, services: [{ ...ingress.services[0], clusters: undefined }] };
    const [, other] = synthChart((c) => new MultiClusterIngressSet(c, 'mci', { ingress: all, traffic: ingressTrafficOf(all), clusters }));
    expect(other.spec).not.toHaveProperty('clusters');
  });
});

describe('multi-cluster ingress from the topology', () => {
  test('the old multiClusterIngress shape resolves into one service, one BackendConfig and a default backend', () => {
    const mci = modelOf(exampleInput(EXAMPLES.privateAsm)).multiClusterIngress!;
    expect(mci.meshGateway).toBe(true);
    expect(mci.services.map((s) => [s.name, s.selector, s.ports, s.clusters])).toEqual([
      ['asm-ingressgateway-multicluster-svc', { asm: 'ingressgateway' }, [{ name: 'frontend', port: 80 }], ['gke-west-priv', 'gke-central-priv']],
    ]);
    expect(mci.backendConfigs).toEqual([{ name: 'gke-ingress-config', healthCheck: { type: 'HTTP', port: 15021, path: '/healthz/ready' } }]);
    expect(mci.defaultBackend).toEqual({ service: 'asm-ingressgateway-multicluster-svc', port: 80 });
  });

  describe('example mci-host-rules-https (no mesh)', () => {
    const files = manifestsOf(modelOf(exampleInput('examples/mci-host-rules-https.yaml')));
    const objects = files.get('gke-us')!.get('multi-cluster-ingress.yaml')!;
    const mci = findObject(objects, 'MultiClusterIngress', 'whereami-ingress', 'whereami');

    test('current API versions; every object passes its schema', () => {
      expect(objects.map((o) => o.apiVersion)).toEqual(['networking.gke.io/v1', 'networking.gke.io/v1', 'networking.gke.io/v1', 'cloud.google.com/v1', 'cloud.google.com/v1']);
      validateObjects(objects);
    });

    test('host rules to two services, and the default backend', () => {
      expect(mci.spec.template.spec.rules).toEqual([
        { host: 'v1.whereami.example.com', http: { paths: [{ path: '/*', backend: { serviceName: 'whereami-v1', servicePort: 8080 } }] } },
        { host: 'v2.whereami.example.com', http: { paths: [{ path: '/*', backend: { serviceName: 'whereami-v2', servicePort: 8080 } }] } },
      ]);
      expect(mci.spec.template.spec.backend).toEqual({ serviceName: 'whereami-v1', servicePort: 8080 });
    });

    test('HTTPS: the managed certificate in pre-shared-certs; the static IP, reserved by Terraform, is annotated by the runbook', () => {
      expect(mci.metadata.annotations).toEqual({ 'networking.gke.io/pre-shared-certs': 'whereami-cert' });
    });

    test('services: own selectors, a BackendConfig per port, clusters only where given', () => {
      const v1 = findObject(objects, 'MultiClusterService', 'whereami-v1', 'whereami');
      const v2 = findObject(objects, 'MultiClusterService', 'whereami-v2', 'whereami');
      expect(v1.spec.template.spec.selector).toEqual({ app: 'whereami-v1' });
      expect(v1.metadata.annotations).toEqual({ 'cloud.google.com/backend-config': '{"ports": {"8080":"whereami-v1-config"}}' });
      expect(v1.spec).not.toHaveProperty('clusters');
      expect(v2.spec.clusters).toEqual([{ link: 'europe-west1-b/gke-eu' }]);
      expect(v2.metadata.annotations['cloud.google.com/backend-config']).toBe('{"ports": {"8080":"whereami-v2-config"}}');
    });

    test('BackendConfigs carry health check, timeout, draining, affinity and logging as given', () => {
      expect(findObject(objects, 'BackendConfig', 'whereami-v1-config').spec).toEqual({
        healthCheck: { type: 'HTTP', port: 8080, requestPath: '/healthz', checkIntervalSec: 15, timeoutSec: 5 },
        timeoutSec: 40,
        connectionDraining: { drainingTimeoutSec: 60 },
      });
      expect(findObject(objects, 'BackendConfig', 'whereami-v2-config').spec).toEqual({
        healthCheck: { type: 'HTTP', port: 8080, requestPath: '/healthz' },
        sessionAffinity: { affinityType: 'GENERATED_COOKIE', affinityCookieTtlSec: 3600 },
        logging: { enable: true, sampleRate: 0.5 },
      });
    });

    test('only the config cluster gets the file', () => {
      expect(files.get('gke-eu')!.has('multi-cluster-ingress.yaml')).toBe(false);
    });
  });

  test('default backend config, app protocols, target port, security policy', () => {
    const input = exampleInput('examples/mci-host-rules-https.yaml');
    input.multiClusterIngress.services[0] = {
      name: 'whereami-v1',
      selector: { app: 'whereami-v1' },
      backendConfig: 'whereami-v2-config',
      ports: [
        { name: 'https', port: 443, targetPort: 8443, appProtocol: 'HTTPS', backendConfig: 'whereami-v1-config' },
        { name: 'http', port: 8080 },
      ],
    };
    input.multiClusterIngress.backendConfigs[0].securityPolicy = 'edge-armor';
    const objects = manifestsOf(modelOf(input)).get('gke-us')!.get('multi-cluster-ingress.yaml')!;
    const svc = findObject(objects, 'MultiClusterService', 'whereami-v1');
    expect(svc.metadata.annotations).toEqual({
      'cloud.google.com/backend-config': '{"default": "whereami-v2-config", "ports": {"443":"whereami-v1-config"}}',
      'networking.gke.io/app-protocols': '{"https":"HTTPS"}',
    });
    expect(svc.spec.template.spec.ports).toEqual([
      { name: 'https', protocol: 'TCP', port: 443, targetPort: 8443 },
      { name: 'http', protocol: 'TCP', port: 8080 },
    ]);
    expect(findObject(objects, 'BackendConfig', 'whereami-v1-config').spec.securityPolicy).toEqual({ name: 'edge-armor' });
    validateObjects(objects);
  });
});
