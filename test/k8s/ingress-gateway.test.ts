import { IngressGateway } from '../../src/k8s/ingress-gateway';
import { idsOf, synthChart } from './helpers';
import { validateObjects } from './schema';
import { SEED_000, parseManifests } from './seed-manifests';

const seed = parseManifests(SEED_000.asmIngress);
const props = { name: 'asm-ingressgateway', namespace: 'asm-ingress', labels: { asm: 'ingressgateway' } };

describe('IngressGateway', () => {
  const objects = synthChart((c) => new IngressGateway(c, 'gw', props));

  test("emits seed 000's asm-ingress.yaml object for object, field for field, nothing added", () => {
    expect(objects).toEqual(seed);
  });

  test('Service, Deployment, Role, RoleBinding in the seed order', () => {
    expect(idsOf(objects)).toEqual([
      'Service/asm-ingress/asm-ingressgateway',
      'Deployment/asm-ingress/asm-ingressgateway',
      'Role/asm-ingress/asm-ingressgateway-sds',
      'RoleBinding/asm-ingress/asm-ingressgateway-sds',
    ]);
  });

  test('every object conforms to its schema', () => {
    validateObjects(objects);
  });

  test('names, namespace and labels follow the props', () => {
    const custom = synthChart((c) => new IngressGateway(c, 'gw', { name: 'edge', namespace: 'gw', labels: { istio: 'edge', team: 'net' } }));
    const [svc, dep, role, rb] = custom;
    expect(svc.spec.selector).toEqual({ istio: 'edge', team: 'net' });
    expect(dep.spec.selector.matchLabels).toEqual({ istio: 'edge', team: 'net' });
    expect(dep.spec.template.metadata.labels).toEqual({ istio: 'edge', team: 'net' });
    expect(role.metadata).toEqual({ name: 'edge-sds', namespace: 'gw' });
    expect(rb.roleRef.name).toBe('edge-sds');
    expect(custom.every((o) => o.metadata.namespace === 'gw')).toBe(true);
  });

  test('the gateway pods get the gateway injection template, image auto, no resources or security context', () => {
    const dep = objects[1];
    expect(dep.spec.template.metadata.annotations).toEqual({ 'inject.istio.io/templates': 'gateway' });
    expect(dep.spec.template.spec).toEqual({ containers: [{ name: 'istio-proxy', image: 'auto' }] });
  });

  test('the SDS binding names the ServiceAccount without a namespace (the binding namespace)', () => {
    expect(objects[3].subjects).toEqual([{ kind: 'ServiceAccount', name: 'default' }]);
  });

  test('Service ports can be changed', () => {
    const [svc] = synthChart((c) => new IngressGateway(c, 'gw', { ...props, ports: [{ name: 'http2', port: 8080 }] }));
    expect(svc.spec.ports).toEqual([{ name: 'http2', port: 8080 }]);
  });
});
