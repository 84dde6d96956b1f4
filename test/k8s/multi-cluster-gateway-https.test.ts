/**
 * HTTPS multi-cluster Gateways (issue 18, TLS on gateways): listeners in Gateway API's shape
 * (HTTP and HTTPS, hostnames, TLS with GKE's pre-shared certificates), the certificate map
 * annotation, the reserved global address (NamedAddress), and routes attached to one listener
 * (`parentRefs[].sectionName`), each checked against its CRD.
 */
import { Testing } from 'cdk8s';
import { CERTIFICATE_MAP_ANNOTATION, MultiClusterGateway } from '../../src/k8s/multi-cluster-gateway';
import { gatewayTrafficOf } from '../../src/plan/traffic/resolve';
import { ResolvedGateway, ResolvedTopology } from '../../src/topology';
import { loadTopologyFile } from '../../src/load/load';
import { validateObjects } from './schema';
import * as path from 'node:path';

/** A topology without apps: the gateway's backends are no workload that declares versions. */
const NO_APPS = { apps: [] } as unknown as ResolvedTopology;

const HTTPS: ResolvedGateway = loadTopologyFile(path.join(__dirname, '..', '..', 'examples', 'multicluster-gateway-https.yaml')).gateways[0];

function synth(gateway: ResolvedGateway): any[] {
  const chart = Testing.chart();
  new MultiClusterGateway(chart, 'mcg', { gateway, traffic: gatewayTrafficOf(NO_APPS, gateway, 0) });
  return Testing.synth(chart);
}

const byKind = (objs: any[], kind: string): any[] => objs.filter((o) => o.kind === kind);

describe('the HTTPS example Gateway', () => {
  const objs = synth(HTTPS);
  const [gateway] = byKind(objs, 'Gateway');

  test('listeners as upstream writes them: HTTP and HTTPS on the host name, TLS terminated with the pre-shared certificate', () => {
    expect(gateway.spec.listeners).toEqual([
      { name: 'http', protocol: 'HTTP', port: 80, hostname: 'store.example.com', allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } },
      {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: 'store.example.com',
        tls: { mode: 'Terminate', options: { 'networking.gke.io/pre-shared-certs': 'store-example-com' } },
        allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] },
      },
    ]);
  });

  test('the reserved global address by name (NamedAddress)', () => {
    expect(gateway.spec.addresses).toEqual([{ type: 'NamedAddress', value: 'store-ip' }]);
  });

  test('the route attaches to the HTTPS listener only', () => {
    const [route] = byKind(objs, 'HTTPRoute');
    expect(route.spec.parentRefs).toEqual([{ name: 'external-https', namespace: 'store', sectionName: 'https' }]);
  });

  test('the SSL policy in the GCPGatewayPolicy; every object passes its CRD schema', () => {
    expect(byKind(objs, 'GCPGatewayPolicy')[0].spec.default).toEqual({ sslPolicy: 'store-ssl-policy' });
    expect(() => validateObjects(objs)).not.toThrow();
  });
});

describe('other listener shapes', () => {
  test('a certificate map: the annotation, and an HTTPS listener without tls', () => {
    const gateway: ResolvedGateway = {
      ...HTTPS,
      certificateMap: 'store-map',
      listeners: [{ name: 'https', protocol: 'HTTPS', port: 443 }],
      routes: HTTPS.routes.map((r) => ({ ...r, sectionName: undefined })),
    };
    const objs = synth(gateway);
    const [g] = byKind(objs, 'Gateway');
    expect(g.metadata.annotations).toEqual({ [CERTIFICATE_MAP_ANNOTATION]: 'store-map' });
    expect(g.spec.listeners).toEqual([{ name: 'https', protocol: 'HTTPS', port: 443, allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } }]);
    expect(byKind(objs, 'HTTPRoute')[0].spec.parentRefs).toEqual([{ name: 'external-https', namespace: 'store' }]);
    expect(() => validateObjects(objs)).not.toThrow();
  });

  test('certificateRefs and allowed route namespaces pass through in upstream shape', () => {
    const gateway: ResolvedGateway = {
      ...HTTPS,
      listeners: [
        {
          name: 'https',
          protocol: 'HTTPS',
          port: 443,
          tls: { mode: 'Terminate', certificateRefs: [{ name: 'store-tls', namespace: 'certs', kind: 'Secret', group: '' }], options: {} },
          allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'true' } } } },
        },
      ],
      routes: [],
    };
    const [g] = byKind(synth(gateway), 'Gateway');
    expect(g.spec.listeners[0]).toEqual({
      name: 'https',
      protocol: 'HTTPS',
      port: 443,
      tls: { mode: 'Terminate', certificateRefs: [{ name: 'store-tls', namespace: 'certs', kind: 'Secret', group: '' }] },
      allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'true' } } }, kinds: [{ kind: 'HTTPRoute' }] },
    });
    expect(() => validateObjects([g])).not.toThrow();
  });
});
