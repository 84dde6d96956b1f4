import { IstiodExposure } from '../../src/k8s/istiod-exposure';
import { idsOf, synthChart } from './helpers';
import { validateObjects } from './schema';

const tlsRoute = (port: number, sniHosts: string[], host: string, target: number) => ({
  match: [{ port, sniHosts }],
  route: [{ destination: { host, port: { number: target } } }],
});

describe('IstiodExposure', () => {
  describe('without a revision: upstream expose-istiod.yaml', () => {
    const objects = synthChart((c) => new IstiodExposure(c, 'istiod', { istioApiVersion: 'v1' }));
    const [gateway, vs] = objects;

    test('Gateway istiod-gateway and VirtualService istiod-vs in istio-system', () => {
      expect(idsOf(objects)).toEqual(['Gateway/istio-system/istiod-gateway', 'VirtualService/istio-system/istiod-vs']);
      expect(objects.map((o) => o.apiVersion)).toEqual(['networking.istio.io/v1', 'networking.istio.io/v1']);
    });

    test('the Gateway: PASSTHROUGH on 15012 tls-istiod and 15017 tls-istiodwebhook, hosts *', () => {
      expect(gateway.spec).toEqual({
        selector: { istio: 'eastwestgateway' },
        servers: [
          { port: { name: 'tls-istiod', number: 15012, protocol: 'TLS' }, tls: { mode: 'PASSTHROUGH' }, hosts: ['*'] },
          { port: { name: 'tls-istiodwebhook', number: 15017, protocol: 'TLS' }, tls: { mode: 'PASSTHROUGH' }, hosts: ['*'] },
        ],
      });
    });

    test('the VirtualService: 15012 → istiod:15012, 15017 → istiod:443, SNI *', () => {
      const host = 'istiod.istio-system.svc.cluster.local';
      expect(vs.spec).toEqual({
        hosts: ['*'],
        gateways: ['istiod-gateway'],
        tls: [tlsRoute(15012, ['*'], host, 15012), tlsRoute(15017, ['*'], host, 443)],
      });
    });

    test('conforms to the schemas', () => {
      validateObjects(objects);
    });
  });

  describe('with a revision: upstream expose-istiod-rev.yaml.tmpl', () => {
    const objects = synthChart((c) => new IstiodExposure(c, 'istiod', { istioApiVersion: 'v1', revision: '1-29-6' }));
    const [gateway, vs] = objects;
    const host = 'istiod-1-29-6.istio-system.svc.cluster.local';
    const sni = ['istiod-1-29-6.istio-system.svc', host];

    test('Gateway istiod-gateway, VirtualService istiod-vs-<rev>', () => {
      expect(idsOf(objects)).toEqual(['Gateway/istio-system/istiod-gateway', 'VirtualService/istio-system/istiod-vs-1-29-6']);
    });

    test('the Gateway: 15012 tls-istiod and 15017 tls-webhook, PASSTHROUGH, hosts *', () => {
      expect(gateway.spec.servers).toEqual([
        { port: { name: 'tls-istiod', number: 15012, protocol: 'TLS' }, tls: { mode: 'PASSTHROUGH' }, hosts: ['*'] },
        { port: { name: 'tls-webhook', number: 15017, protocol: 'TLS' }, tls: { mode: 'PASSTHROUGH' }, hosts: ['*'] },
      ]);
    });

    test('the VirtualService routes to istiod-<rev>.istio-system.svc.cluster.local, matching its SNI names only', () => {
      expect(vs.spec).toEqual({
        hosts: ['*'],
        gateways: ['istiod-gateway'],
        tls: [tlsRoute(15012, sni, host, 15012), tlsRoute(15017, sni, host, 443)],
      });
    });

    test('conforms to the schemas', () => {
      validateObjects(objects);
    });
  });

  test('v1beta1 on meshes before Istio 1.22 (ASM 1.8)', () => {
    const objects = synthChart((c) => new IstiodExposure(c, 'istiod', { istioApiVersion: 'v1beta1', revision: 'asm-186-8' }));
    expect(objects.map((o) => o.apiVersion)).toEqual(['networking.istio.io/v1beta1', 'networking.istio.io/v1beta1']);
    expect(objects[1].spec.tls[0].route[0].destination.host).toBe('istiod-asm-186-8.istio-system.svc.cluster.local');
    validateObjects(objects);
  });
});
