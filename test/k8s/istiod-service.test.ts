import { IstiodService } from '../../src/k8s/istiod-service';
import { synthChart } from './helpers';
import { validateObjects } from './schema';
import { SEED_001, parseManifests } from './seed-manifests';

describe('IstiodService', () => {
  const objects = synthChart((c) => new IstiodService(c, 'istiod', { revision: 'asm-186-8' }));

  test("seed 001's istiod-service.yaml exactly", () => {
    expect(objects).toEqual(parseManifests(SEED_001.istiodService));
  });

  test('field by field: labels, the four TCP ports, the revision selector', () => {
    const [svc] = objects;
    expect(svc.metadata).toEqual({
      name: 'istiod',
      namespace: 'istio-system',
      labels: { 'istio.io/rev': 'asm-186-8', app: 'istiod', istio: 'pilot', release: 'istio' },
    });
    expect(svc.spec.ports).toEqual([
      { port: 15010, name: 'grpc-xds', protocol: 'TCP' },
      { port: 15012, name: 'https-dns', protocol: 'TCP' },
      { port: 443, name: 'https-webhook', targetPort: 15017, protocol: 'TCP' },
      { port: 15014, name: 'http-monitoring', protocol: 'TCP' },
    ]);
    expect(svc.spec.selector).toEqual({ app: 'istiod', 'istio.io/rev': 'asm-186-8' });
    expect(Object.keys(svc.spec).sort()).toEqual(['ports', 'selector']);
  });

  test('follows the revision', () => {
    const [svc] = synthChart((c) => new IstiodService(c, 'istiod', { revision: '1-29-6' }));
    expect(svc.metadata.labels['istio.io/rev']).toBe('1-29-6');
    expect(svc.spec.selector['istio.io/rev']).toBe('1-29-6');
  });

  test('conforms to its schema', () => {
    validateObjects(objects);
  });
});
