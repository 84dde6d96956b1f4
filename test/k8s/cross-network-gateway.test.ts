import { CrossNetworkGateway } from '../../src/k8s/cross-network-gateway';
import { synthChart } from './helpers';
import { validateObjects } from './schema';

describe('CrossNetworkGateway', () => {
  const objects = synthChart((c) => new CrossNetworkGateway(c, 'cng', { istioApiVersion: 'v1' }));

  test('upstream expose-services.yaml in istio-system: AUTO_PASSTHROUGH on 15443 tls for *.local, on the east-west gateway', () => {
    expect(objects).toEqual([
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'cross-network-gateway', namespace: 'istio-system' },
        spec: {
          selector: { istio: 'eastwestgateway' },
          servers: [{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, tls: { mode: 'AUTO_PASSTHROUGH' }, hosts: ['*.local'] }],
        },
      },
    ]);
    validateObjects(objects);
  });

  test('v1beta1 on meshes before Istio 1.22 (ASM 1.8), same spec', () => {
    const old = synthChart((c) => new CrossNetworkGateway(c, 'cng', { istioApiVersion: 'v1beta1' }));
    expect(old[0].apiVersion).toBe('networking.istio.io/v1beta1');
    expect(old[0].spec).toEqual(objects[0].spec);
    validateObjects(old);
  });
});
