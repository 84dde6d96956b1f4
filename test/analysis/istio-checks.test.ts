import { istioChecks } from '../../src/analysis/istio-checks';
import { destinationRule, inputOf, istioGateway, namespaceObject, object, service, virtualService } from './support';

const reviewsRoute = (subset?: string) => ({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', ...(subset ? { subset } : {}) } }] }] });

describe('IST0101 ReferencedResourceNotFound', () => {
  test('a route to a subset no DestinationRule defines', () => {
    const findings = istioChecks(
      inputOf({ c1: [service('bookinfo', 'reviews'), destinationRule('bookinfo', 'reviews', 'reviews', ['v1', 'v2']), virtualService('bookinfo', 'reviews', reviewsRoute('v3'))] }),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'IST0101',
        severity: 'error',
        cluster: 'c1',
        object: 'VirtualService bookinfo/reviews',
        path: 'spec.http[0].route[0].destination.subset',
        message: expect.stringContaining('"v3" of reviews.bookinfo.svc.cluster.local'),
      }),
    ]);
  });

  test('a defined subset, with the DestinationRule host written as an FQDN, is fine', () => {
    const input = inputOf({
      c1: [
        service('bookinfo', 'reviews'),
        destinationRule('bookinfo', 'reviews', 'reviews.bookinfo.svc.cluster.local', ['v1']),
        virtualService('bookinfo', 'reviews', reviewsRoute('v1')),
      ],
    });
    expect(istioChecks(input)).toEqual([]);
  });

  test('the DestinationRule must be in the same cluster', () => {
    const input = inputOf(
      {
        c1: [service('bookinfo', 'reviews'), virtualService('bookinfo', 'reviews', reviewsRoute('v1'))],
        c2: [service('bookinfo', 'reviews'), destinationRule('bookinfo', 'reviews', 'reviews', ['v1'])],
      },
      { topology: { meshClusters: ['c1', 'c2'] } },
    );
    expect(istioChecks(input).map((f) => [f.cluster, f.path])).toEqual([['c1', 'spec.http[0].route[0].destination.subset']]);
  });

  test('a gateway that does not exist, written with and without a namespace', () => {
    const vs = virtualService('shop', 'frontend', {
      hosts: ['*'],
      gateways: ['asm-ingress/missing', 'ingress'],
      http: [{ route: [{ destination: { host: 'frontend', port: { number: 80 } } }] }],
    });
    const findings = istioChecks(inputOf({ c1: [service('shop', 'frontend'), istioGateway('asm-ingress', 'ingress', ['*']), vs] }));
    expect(findings.map((f) => [f.code, f.path, f.message.split(' (')[0]])).toEqual([
      ['IST0101', 'spec.gateways[0]', 'Referenced gateway not found: "asm-ingress/missing"'],
      ['IST0101', 'spec.gateways[1]', 'Referenced gateway not found: "ingress"'],
    ]);
    expect(findings[1].message).toContain('Gateway shop/ingress');
  });

  test('a gateway of the VirtualService namespace (short name) and the mesh gateway are found', () => {
    const vs = virtualService('shop', 'frontend', { hosts: ['*'], gateways: ['ingress', 'mesh'], http: [{ route: [{ destination: { host: 'frontend' } }] }] });
    expect(istioChecks(inputOf({ c1: [service('shop', 'frontend'), istioGateway('shop', 'ingress', ['*']), vs] }))).toEqual([]);
  });

  test('a destination host that is no Service: short names read relative to the VirtualService namespace', () => {
    const vs = virtualService('other', 'reviews', reviewsRoute());
    const findings = istioChecks(inputOf({ c1: [service('bookinfo', 'reviews'), vs] }));
    expect(findings).toEqual([
      expect.objectContaining({ code: 'IST0101', path: 'spec.http[0].route[0].destination.host', message: expect.stringContaining('read as reviews.other.svc.cluster.local') }),
    ]);
  });

  test('FQDN hosts, ServiceEntry hosts (wildcards too) and istiod of an IstioOperator are found', () => {
    const vs = virtualService('bookinfo', 'all', {
      hosts: ['all.example'],
      http: [{ route: [{ destination: { host: 'reviews.bookinfo.svc.cluster.local' } }, { destination: { host: 'api.example.com' } }] }],
      tls: [{ route: [{ destination: { host: 'istiod.istio-system.svc.cluster.local' } }] }],
    });
    const entry = object('networking.istio.io/v1', 'ServiceEntry', 'bookinfo', 'external', { hosts: ['*.example.com'] });
    const operator = { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', metadata: { name: 'control-plane' }, spec: { profile: 'default' } };
    expect(istioChecks(inputOf({ c1: [service('bookinfo', 'reviews'), entry, operator, vs] }))).toEqual([]);
  });

  test('hosts of every mesh cluster count; a cluster outside the mesh sees only its own', () => {
    const clusters = { c1: [virtualService('bookinfo', 'reviews', reviewsRoute())], c2: [service('bookinfo', 'reviews')] };
    expect(istioChecks(inputOf(clusters, { topology: { meshClusters: ['c1', 'c2'] } }))).toEqual([]);
    expect(istioChecks(inputOf(clusters, { topology: { meshClusters: ['c2'] } })).map((f) => f.code)).toEqual(['IST0101']);
  });

  test('mirror hosts and subsets are checked too', () => {
    const vs = virtualService('bookinfo', 'reviews', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }], mirror: { host: 'shadow' } }] });
    expect(istioChecks(inputOf({ c1: [service('bookinfo', 'reviews'), vs] })).map((f) => f.path)).toEqual(['spec.http[0].mirror.host']);
  });
});

describe('IST0109 ConflictingMeshGatewayVirtualServiceHosts', () => {
  const host = 'reviews.bookinfo.svc.cluster.local';
  test('two mesh VirtualServices of one cluster for the same host, each reported', () => {
    const a = virtualService('bookinfo', 'reviews', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }] }] });
    const b = virtualService('team', 'custom', { hosts: [host], gateways: ['mesh'], http: [{ route: [{ destination: { host } }] }] });
    const findings = istioChecks(inputOf({ c1: [service('bookinfo', 'reviews'), a, b] })).filter((f) => f.code === 'IST0109');
    expect(findings.map((f) => [f.object, f.path, f.severity])).toEqual([
      ['VirtualService bookinfo/reviews', 'spec.hosts[0]', 'error'],
      ['VirtualService team/custom', 'spec.hosts[0]', 'error'],
    ]);
    expect(findings[0].message).toContain('team/custom');
  });

  test('gateway-bound VirtualServices and copies in other clusters do not conflict', () => {
    const mesh = virtualService('bookinfo', 'reviews', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }] }] });
    const edge = virtualService('bookinfo', 'edge', { hosts: [host], gateways: ['gw'], http: [{ route: [{ destination: { host: 'reviews' } }] }] });
    const objects = [service('bookinfo', 'reviews'), istioGateway('bookinfo', 'gw', ['*']), mesh, edge];
    expect(istioChecks(inputOf({ c1: objects, c2: objects }, { topology: { meshClusters: ['c1', 'c2'] } }))).toEqual([]);
  });
});

describe('IST0112 VirtualServiceDestinationPortSelectorRequired', () => {
  const twoPorts = service('shop', 'frontend', [
    { name: 'http', port: 80 },
    { name: 'grpc', port: 9000 },
  ]);
  const route = (port?: number) => ({ hosts: ['*'], gateways: ['gw'], http: [{ route: [{ destination: { host: 'frontend', ...(port ? { port: { number: port } } : {}) } }] }] });

  test('a gateway route without a port to a Service with two ports', () => {
    const findings = istioChecks(inputOf({ c1: [twoPorts, istioGateway('shop', 'gw', ['*']), virtualService('shop', 'frontend', route())] }));
    expect(findings).toEqual([
      expect.objectContaining({ code: 'IST0112', severity: 'error', path: 'spec.http[0].route[0].destination.port', message: expect.stringContaining('2 ports') }),
    ]);
  });

  test('with a port, or bound to the mesh only, it is fine', () => {
    expect(istioChecks(inputOf({ c1: [twoPorts, istioGateway('shop', 'gw', ['*']), virtualService('shop', 'frontend', route(80))] }))).toEqual([]);
    const meshOnly = virtualService('shop', 'frontend', { hosts: ['frontend'], http: [{ route: [{ destination: { host: 'frontend' } }] }] });
    expect(istioChecks(inputOf({ c1: [twoPorts, meshOnly] }))).toEqual([]);
  });
});

describe('IST0118 PortNameIsNotUnderNamingConvention', () => {
  test('ports of mesh Services named without a protocol prefix and without appProtocol', () => {
    const ports = [{ name: 'web', port: 80 }, { name: 'http-web', port: 81 }, { name: 'admin', port: 82, appProtocol: 'http' }, { port: 83 }, { name: 'grpc', port: 84 }];
    const findings = istioChecks(inputOf({ c1: [service('shop', 'web', ports)] }, { topology: { meshClusters: ['c1'] } }));
    expect(findings.map((f) => [f.code, f.severity, f.path])).toEqual([
      ['IST0118', 'info', 'spec.ports[0].name'],
      ['IST0118', 'info', 'spec.ports[3].name'],
    ]);
    expect(findings[0].message).toContain('"web"');
  });

  test('clusters outside the mesh and istio-system are left alone', () => {
    const bad = [{ name: 'web', port: 80 }];
    expect(istioChecks(inputOf({ c1: [service('shop', 'web', bad)] }))).toEqual([]);
    expect(istioChecks(inputOf({ c1: [service('istio-system', 'web', bad)] }, { topology: { meshClusters: ['c1'] } }))).toEqual([]);
  });
});

describe('IST0123 NamespaceMultipleInjectionLabels', () => {
  test('a namespace with both istio-injection and istio.io/rev', () => {
    const findings = istioChecks(
      inputOf({ c1: [namespaceObject('shop', { 'istio-injection': 'enabled', 'istio.io/rev': 'asm-managed' }), namespaceObject('ok', { 'istio.io/rev': 'asm-managed' })] }),
    );
    expect(findings).toEqual([
      { code: 'IST0123', severity: 'warning', cluster: 'c1', object: 'Namespace shop', path: 'metadata.labels', message: expect.stringContaining('istio.io/rev="asm-managed"') },
    ]);
  });
});

describe('IST0132 VirtualServiceHostNotFoundInGateway', () => {
  const vs = (hosts: string[]) =>
    virtualService('default', 'testing', { hosts, gateways: ['istio-system/gw'], http: [{ route: [{ destination: { host: 'ratings', port: { number: 80 } } }] }] });

  test('a VirtualService host the gateway does not accept', () => {
    const findings = istioChecks(
      inputOf({ c1: [service('default', 'ratings'), istioGateway('istio-system', 'gw', ['testing.com', '*.shop.com']), vs(['wrong.com', 'a.shop.com', 'testing.com'])] }),
    );
    expect(findings).toEqual([expect.objectContaining({ code: 'IST0132', severity: 'warning', path: 'spec.hosts[0]', message: expect.stringContaining('"wrong.com"') })]);
  });

  test('namespace-scoped gateway hosts apply only to VirtualServices of that namespace', () => {
    const gateway = istioGateway('istio-system', 'gw', ['other/testing.com', './dot.com', '*/any.com']);
    const findings = istioChecks(inputOf({ c1: [service('default', 'ratings'), gateway, vs(['testing.com', 'dot.com', 'any.com'])] }));
    expect(findings.map((f) => f.path)).toEqual(['spec.hosts[0]', 'spec.hosts[1]']);
  });
});

describe('IST0170 MultiClusterInconsistentService', () => {
  test('a Service whose ports differ across mesh clusters: one warning naming every cluster', () => {
    const input = inputOf(
      {
        c1: [service('shop', 'cart', [{ name: 'http', port: 80 }])],
        c2: [service('shop', 'cart', [{ name: 'http', port: 8080 }])],
        c3: [service('shop', 'cart', [{ name: 'http', port: 80 }])],
      },
      { topology: { meshClusters: ['c1', 'c2', 'c3'] } },
    );
    expect(istioChecks(input)).toEqual([
      expect.objectContaining({
        code: 'IST0170',
        severity: 'warning',
        cluster: 'c1',
        object: 'Service shop/cart',
        path: 'spec.ports',
        message: expect.stringContaining('c1, c2, c3'),
      }),
    ]);
  });

  test('type and headless differences count; equal copies and clusters outside the mesh do not', () => {
    const headless = inputOf({ c1: [service('shop', 'db')], c2: [service('shop', 'db', undefined, { clusterIP: 'None' })] }, { topology: { meshClusters: ['c1', 'c2'] } });
    expect(istioChecks(headless).map((f) => f.path)).toEqual(['spec.clusterIP']);
    const typed = inputOf({ c1: [service('shop', 'db')], c2: [service('shop', 'db', undefined, { type: 'LoadBalancer' })] }, { topology: { meshClusters: ['c1', 'c2'] } });
    expect(istioChecks(typed).map((f) => f.path)).toEqual(['spec.type']);
    const outside = inputOf({ c1: [service('shop', 'db')], c2: [service('shop', 'db', [{ name: 'tcp', port: 5432 }])] }, { topology: { meshClusters: ['c1'] } });
    expect(istioChecks(outside)).toEqual([]);
    const equal = inputOf({ c1: [service('shop', 'db')], c2: [service('shop', 'db')] }, { topology: { meshClusters: ['c1', 'c2'] } });
    expect(istioChecks(equal)).toEqual([]);
  });
});
