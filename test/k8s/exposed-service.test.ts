import { ExposedService } from '../../src/k8s/exposed-service';
import { synthChart, withApiVersion } from './helpers';
import { validateObject } from './schema';
import { SEED_000, parseManifests } from './seed-manifests';

const [, seedVs] = parseManifests(SEED_000.asmVsGateway);
const props = {
  namespace: 'bank-of-anthos',
  service: 'frontend',
  port: 80,
  hosts: ['*'],
  gateway: { name: 'asm-ingressgateway', namespace: 'asm-ingress' },
};

describe('ExposedService', () => {
  test("seed 000's frontend VirtualService field for field (apiVersion: the mesh's)", () => {
    const [vs] = synthChart((c) => new ExposedService(c, 'vs', { ...props, istioApiVersion: 'v1' }));
    expect(vs).toEqual(withApiVersion(seedVs, 'networking.istio.io/v1'));
    validateObject(vs);
  });

  test('v1beta1 mesh', () => {
    const [vs] = synthChart((c) => new ExposedService(c, 'vs', { ...props, istioApiVersion: 'v1beta1' }));
    expect(vs.apiVersion).toBe('networking.istio.io/v1beta1');
    validateObject(vs);
  });

  test('binds to <gateway namespace>/<gateway name> and routes to the Service port', () => {
    const [vs] = synthChart(
      (c) => new ExposedService(c, 'vs', { ...props, service: 'web', port: 8080, hosts: ['shop.example.com'], gateway: { name: 'gw', namespace: 'edge' }, istioApiVersion: 'v1' }),
    );
    expect(vs.metadata).toEqual({ name: 'web', namespace: 'bank-of-anthos' });
    expect(vs.spec).toEqual({
      hosts: ['shop.example.com'],
      gateways: ['edge/gw'],
      http: [{ route: [{ destination: { host: 'web', port: { number: 8080 } } }] }],
    });
  });

  test('explicit name and routes (a workload with a canary)', () => {
    const routes = [
      { destination: { host: 'frontend', port: { number: 80 }, subset: 'v1' }, weight: 90 },
      { destination: { host: 'frontend', port: { number: 80 }, subset: 'v2' }, weight: 10 },
    ];
    const [vs] = synthChart((c) => new ExposedService(c, 'vs', { ...props, name: 'frontend-ingress', routes, istioApiVersion: 'v1' }));
    expect(vs.metadata.name).toBe('frontend-ingress');
    expect(vs.spec.http).toEqual([{ route: routes }]);
    validateObject(vs);
  });
});
