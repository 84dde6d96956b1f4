import { SharedGateway } from '../../src/k8s/shared-gateway';
import { EXAMPLES, exampleInput, findObject, manifestsOf, modelOf, synthChart } from './helpers';
import { validateObjects } from './schema';

/* HTTPS on the shared Istio ingress gateway (mesh.ingressGateway.https). */

describe('SharedGateway with https', () => {
  test('a second server: 443 https, TLS SIMPLE with the credentialName Secret, its hosts', () => {
    const [gw] = synthChart(
      (c) =>
        new SharedGateway(c, 'gw', {
          name: 'asm-ingressgateway',
          namespace: 'asm-ingress',
          selector: { asm: 'ingressgateway' },
          istioApiVersion: 'v1',
          https: { credentialName: 'shop-tls', hosts: ['shop.example.com'] },
        }),
    );
    expect(gw.spec.servers).toEqual([
      { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] },
      { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['shop.example.com'], tls: { mode: 'SIMPLE', credentialName: 'shop-tls' } },
    ]);
    validateObjects([gw]);
  });

  test('from the topology: hosts default to *, in every mesh member; without https only the HTTP server', () => {
    const input = exampleInput(EXAMPLES.privateAsm);
    input.mesh.ingressGateway.https = { credentialName: 'boa-tls' };
    const files = manifestsOf(modelOf(input));
    for (const cluster of ['gke-west-priv', 'gke-central-priv']) {
      const gw = findObject(files.get(cluster)!.get('ingress-gateway.yaml')!, 'Gateway', 'asm-ingressgateway', 'asm-ingress');
      expect(gw.spec.servers[1]).toEqual({ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['*'], tls: { mode: 'SIMPLE', credentialName: 'boa-tls' } });
    }
    const plain = manifestsOf(modelOf(exampleInput(EXAMPLES.privateAsm)));
    expect(findObject(plain.get('gke-west-priv')!.get('ingress-gateway.yaml')!, 'Gateway', 'asm-ingressgateway').spec.servers).toHaveLength(1);
  });
});
