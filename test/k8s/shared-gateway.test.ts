import { SharedGateway } from '../../src/k8s/shared-gateway';
import { synthChart, withApiVersion } from './helpers';
import { validateObject } from './schema';
import { SEED_000, parseManifests } from './seed-manifests';

const [seedGateway] = parseManifests(SEED_000.asmVsGateway);
const props = { name: 'asm-ingressgateway', namespace: 'asm-ingress', selector: { asm: 'ingressgateway' } };

describe('SharedGateway', () => {
  test("v1: seed 000's Gateway field for field (the seed writes v1alpha3; the fleet mesh serves v1)", () => {
    const [gw] = synthChart((c) => new SharedGateway(c, 'gw', { ...props, istioApiVersion: 'v1' }));
    expect(gw).toEqual(withApiVersion(seedGateway, 'networking.istio.io/v1'));
    validateObject(gw);
  });

  test('v1beta1 for older meshes, same spec', () => {
    const [gw] = synthChart((c) => new SharedGateway(c, 'gw', { ...props, istioApiVersion: 'v1beta1' }));
    expect(gw).toEqual(withApiVersion(seedGateway, 'networking.istio.io/v1beta1'));
    validateObject(gw);
  });

  test('port and hosts can be changed', () => {
    const [gw] = synthChart((c) => new SharedGateway(c, 'gw', { ...props, istioApiVersion: 'v1', port: 8080, hosts: ['a.example.com'] }));
    expect(gw.spec.servers).toEqual([{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['a.example.com'] }]);
  });
});
