import { IngressGateway } from '../../src/k8s/ingress-gateway';
import { idsOf, synthChart } from './helpers';
import { validateObjects } from './schema';
import { hardenedAsmIngress } from './seed-manifests';

const props = { name: 'asm-ingressgateway', namespace: 'asm-ingress', labels: { asm: 'ingressgateway' } };

describe('IngressGateway', () => {
  const objects = synthChart((c) => new IngressGateway(c, 'gw', props));

  test("emits seed 000's asm-ingress.yaml with exactly the hardening deltas: own ServiceAccount, chart security contexts and resources, SDS bound to that account", () => {
    expect(objects).toEqual(hardenedAsmIngress());
  });

  test('Service, ServiceAccount, Deployment, Role, RoleBinding', () => {
    expect(idsOf(objects)).toEqual([
      'Service/asm-ingress/asm-ingressgateway',
      'ServiceAccount/asm-ingress/asm-ingressgateway',
      'Deployment/asm-ingress/asm-ingressgateway',
      'Role/asm-ingress/asm-ingressgateway-sds',
      'RoleBinding/asm-ingress/asm-ingressgateway-sds',
    ]);
  });

  test('the gateway pods run as the gateway ServiceAccount, non-root (1337), no privilege escalation, drop ALL, RuntimeDefault seccomp, with requests', () => {
    const spec = objects[2].spec.template.spec;
    expect(spec.serviceAccountName).toBe('asm-ingressgateway');
    expect(spec.securityContext).toEqual({
      sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }],
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const [proxy] = spec.containers;
    expect(proxy.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 1337,
      runAsGroup: 1337,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(proxy.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2000m', memory: '1024Mi' } });
  });

  test('every object conforms to its schema', () => {
    validateObjects(objects);
  });

  test('names, namespace and labels follow the props', () => {
    const custom = synthChart((c) => new IngressGateway(c, 'gw', { name: 'edge', namespace: 'gw', labels: { istio: 'edge', team: 'net' } }));
    const [svc, sa, dep, role, rb] = custom;
    expect(sa.metadata).toEqual({ name: 'edge', namespace: 'gw' });
    expect(dep.spec.template.spec.serviceAccountName).toBe('edge');
    expect(rb.subjects).toEqual([{ kind: 'ServiceAccount', name: 'edge' }]);
    expect(svc.spec.selector).toEqual({ istio: 'edge', team: 'net' });
    expect(dep.spec.selector.matchLabels).toEqual({ istio: 'edge', team: 'net' });
    expect(dep.spec.template.metadata.labels).toEqual({ istio: 'edge', team: 'net' });
    expect(role.metadata).toEqual({ name: 'edge-sds', namespace: 'gw' });
    expect(rb.roleRef.name).toBe('edge-sds');
    expect(custom.every((o) => o.metadata.namespace === 'gw')).toBe(true);
  });

  test('the gateway pods get the gateway injection template and image auto', () => {
    const dep = objects[2];
    expect(dep.spec.template.metadata.annotations).toEqual({ 'inject.istio.io/templates': 'gateway' });
    expect(dep.spec.template.spec.containers).toMatchObject([{ name: 'istio-proxy', image: 'auto' }]);
  });

  test("the SDS binding names the gateway's own ServiceAccount, not default, without a namespace (the binding namespace)", () => {
    expect(objects[4].subjects).toEqual([{ kind: 'ServiceAccount', name: 'asm-ingressgateway' }]);
  });

  test('Service ports can be changed', () => {
    const [svc] = synthChart((c) => new IngressGateway(c, 'gw', { ...props, ports: [{ name: 'http2', port: 8080 }] }));
    expect(svc.spec.ports).toEqual([{ name: 'http2', port: 8080 }]);
  });
});
