import { DefaultDeny, MeshMtls } from '../../src/k8s/mesh-security';
import { EXAMPLES, exampleInput, findObject, idsOf, manifestsOf, modelOf, synthChart } from './helpers';
import { validateObjects } from './schema';

describe('MeshMtls', () => {
  test('PeerAuthentication default in istio-system, no selector, the mode given, in the mesh API version', () => {
    const [v1] = synthChart((c) => new MeshMtls(c, 'm', { mode: 'STRICT', istioApiVersion: 'v1' }));
    expect(v1).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'istio-system' },
      spec: { mtls: { mode: 'STRICT' } },
    });
    const [old] = synthChart((c) => new MeshMtls(c, 'm', { mode: 'PERMISSIVE', istioApiVersion: 'v1beta1' }));
    expect(old.apiVersion).toBe('security.istio.io/v1beta1');
    expect(old.spec).toEqual({ mtls: { mode: 'PERMISSIVE' } });
    validateObjects([v1, old]);
  });
});

describe('DefaultDeny', () => {
  const objects = synthChart(
    (c) =>
      new DefaultDeny(c, 'd', {
        namespace: 'shop',
        istioApiVersion: 'v1',
        gateway: { namespace: 'asm-ingress', serviceAccount: 'asm-ingressgateway' },
        exposedWorkloads: ['frontend'],
      }),
  );

  test('deny-all: an AuthorizationPolicy with an empty spec (denies every request in the namespace)', () => {
    expect(objects[0]).toEqual({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'deny-all', namespace: 'shop' }, spec: {} });
  });

  test('the ingress gateway identity is allowed to each exposed workload, in any trust domain', () => {
    expect(objects[1]).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'frontend-from-ingress-gateway', namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: 'frontend' } },
        action: 'ALLOW',
        rules: [{ from: [{ source: { principals: ['*/ns/asm-ingress/sa/asm-ingressgateway'] } }] }],
      },
    });
    validateObjects(objects);
  });

  test('without a gateway: deny-all only', () => {
    expect(idsOf(synthChart((c) => new DefaultDeny(c, 'd', { namespace: 'shop', istioApiVersion: 'v1beta1', exposedWorkloads: ['frontend'] })))).toEqual([
      'AuthorizationPolicy/shop/deny-all',
    ]);
  });
});

describe('mesh security in the cluster files', () => {
  test('mesh.mtls: PERMISSIVE is written to the PeerAuthentication of every mesh cluster', () => {
    const input = exampleInput(EXAMPLES.privateAsm);
    input.mesh.mtls = 'PERMISSIVE';
    const manifests = manifestsOf(modelOf(input));
    for (const c of ['gke-west-priv', 'gke-central-priv']) {
      expect(manifests.get(c)!.get('mesh-security.yaml')![0].spec).toEqual({ mtls: { mode: 'PERMISSIVE' } });
    }
    expect(manifests.get('gke-ingress')!.has('mesh-security.yaml')).toBe(false);
  });

  test('an in-cluster mesh before Istio 1.22 gets security.istio.io/v1beta1', () => {
    const manifests = manifestsOf(modelOf(exampleInput(EXAMPLES.asmOnprem)));
    const [peer] = [...manifests.values()][0].get('mesh-security.yaml')!;
    expect(peer.apiVersion).toBe('security.istio.io/v1beta1');
  });

  test('mesh.defaultDeny: deny-all in the app namespace of each mesh cluster, the gateway let in to the exposed frontend only', () => {
    const input = exampleInput(EXAMPLES.privateAsm);
    input.mesh.defaultDeny = true;
    const manifests = manifestsOf(modelOf(input));
    for (const c of ['gke-west-priv', 'gke-central-priv']) {
      const app = manifests.get(c)!.get('bank-of-anthos.yaml')!;
      expect(idsOf(app).filter((id) => id.startsWith('AuthorizationPolicy/'))).toEqual([
        'AuthorizationPolicy/bank-of-anthos/deny-all',
        'AuthorizationPolicy/bank-of-anthos/frontend-from-ingress-gateway',
      ]);
      expect(findObject(app, 'AuthorizationPolicy', 'frontend-from-ingress-gateway').spec.rules[0].from[0].source.principals).toEqual(['*/ns/asm-ingress/sa/asm-ingressgateway']);
    }
    expect([...manifests.get('gke-ingress')!.values()].flat().filter((o) => o.kind === 'AuthorizationPolicy')).toEqual([]);
  });

  test('no default-deny unless asked', () => {
    const manifests = manifestsOf(modelOf(exampleInput(EXAMPLES.privateAsm)));
    expect([...manifests.values()].flatMap((files) => [...files.values()].flat()).filter((o) => o.kind === 'AuthorizationPolicy')).toEqual([]);
  });
});
