import { gatewayApiChecks } from '../../src/analysis/gateway-api-checks';
import { apiGateway, httpRoute, inputOf, object, service, serviceExport, serviceImportRef } from './support';

const policy = (kind: string, namespace: string, name: string, targetRef: Record<string, unknown>) =>
  object('networking.gke.io/v1', kind, namespace, name, { targetRef, default: {} });

describe('GW001 route parent not found', () => {
  test('a parentRef to a Gateway missing from the cluster or namespace', () => {
    const route = httpRoute('store', 'r', { parentRefs: [{ name: 'external-http' }, { name: 'external-http', namespace: 'other' }, { name: 'missing' }], rules: [] });
    const findings = gatewayApiChecks(
      inputOf({ c1: [apiGateway('store', 'external-http', 'gke-l7-global-external-managed-mc'), route], c2: [apiGateway('other', 'external-http', 'x')] }),
    );
    expect(findings.map((f) => [f.code, f.severity, f.cluster, f.object, f.path])).toEqual([
      ['GW001', 'error', 'c1', 'HTTPRoute store/r', 'spec.parentRefs[1]'],
      ['GW001', 'error', 'c1', 'HTTPRoute store/r', 'spec.parentRefs[2]'],
    ]);
    expect(findings[0].message).toContain('Gateway other/external-http');
  });

  test('a sectionName that names no listener of the Gateway', () => {
    const route = httpRoute('store', 'r', {
      parentRefs: [
        { name: 'gw', sectionName: 'http' },
        { name: 'gw', sectionName: 'https' },
      ],
      rules: [],
    });
    expect(gatewayApiChecks(inputOf({ c1: [apiGateway('store', 'gw', 'gke-l7-global-external-managed-mc'), route] }))).toEqual([
      expect.objectContaining({ code: 'GW001', path: 'spec.parentRefs[1].sectionName', message: 'Gateway store/gw has no listener "https" (expected one of http)' }),
    ]);
  });

  test('a GAMMA parentRef to a Service', () => {
    const route = httpRoute('bookinfo', 'ratings', { parentRefs: [{ group: '', kind: 'Service', name: 'ratings', port: 9080 }], rules: [] });
    expect(gatewayApiChecks(inputOf({ c1: [service('bookinfo', 'ratings'), route] }))).toEqual([]);
    expect(gatewayApiChecks(inputOf({ c1: [route] }))).toEqual([
      expect.objectContaining({ code: 'GW001', path: 'spec.parentRefs[0]', message: expect.stringContaining('Service bookinfo/ratings') }),
    ]);
  });
});

describe('GW002 ServiceImport backend exported by no cluster / GW004 Service backend not found', () => {
  const route = httpRoute('store', 'r', {
    parentRefs: [{ name: 'gw' }],
    rules: [
      { backendRefs: [serviceImportRef('store-west-1')] },
      { backendRefs: [serviceImportRef('store-east-1')], filters: [{ type: 'RequestMirror', requestMirror: { backendRef: serviceImportRef('shadow') } }] },
      { backendRefs: [{ name: 'local', port: 80 }] },
    ],
  });

  test('each unexported import and missing Service, mirrors included', () => {
    const findings = gatewayApiChecks(inputOf({ west: [apiGateway('store', 'gw', 'gke-l7-global-external-managed-mc'), route], east: [serviceExport('store', 'store-west-1')] }));
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['GW002', 'spec.rules[1].backendRefs[0]'],
      ['GW002', 'spec.rules[1].filters[0].requestMirror.backendRef'],
      ['GW004', 'spec.rules[2].backendRefs[0]'],
    ]);
    expect(findings[0].message).toContain('ServiceExport store/store-east-1');
  });

  test('an export of the same name in another namespace does not count; exports of any cluster do', () => {
    const objects = {
      west: [apiGateway('store', 'gw', 'c'), route, service('store', 'local')],
      east: [serviceExport('store', 'store-west-1'), serviceExport('store', 'store-east-1')],
      other: [serviceExport('shop', 'shadow')],
    };
    expect(gatewayApiChecks(inputOf(objects)).map((f) => f.path)).toEqual(['spec.rules[1].filters[0].requestMirror.backendRef']);
    objects.other.push(serviceExport('store', 'shadow'));
    expect(gatewayApiChecks(inputOf(objects))).toEqual([]);
  });
});

describe('GW003 policy target not found', () => {
  test('HealthCheckPolicy and GCPBackendPolicy on an unexported ServiceImport, GCPGatewayPolicy on a missing Gateway', () => {
    const findings = gatewayApiChecks(
      inputOf({
        c1: [
          policy('HealthCheckPolicy', 'store', 'hc', serviceImportRef('store')),
          policy('GCPBackendPolicy', 'store', 'bp', serviceImportRef('store')),
          policy('GCPGatewayPolicy', 'store', 'gp', { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' }),
        ],
      }),
    );
    expect(findings.map((f) => [f.code, f.object, f.path])).toEqual([
      ['GW003', 'HealthCheckPolicy store/hc', 'spec.targetRef'],
      ['GW003', 'GCPBackendPolicy store/bp', 'spec.targetRef'],
      ['GW003', 'GCPGatewayPolicy store/gp', 'spec.targetRef'],
    ]);
    expect(findings[2].message).toContain('Gateway store/gw');
  });

  test('targets of the same namespace that exist are fine; a target in another namespace is not', () => {
    const objects = [
      serviceExport('store', 'store'),
      apiGateway('store', 'gw', 'gke-l7-rilb-mc'),
      service('store', 'web'),
      policy('HealthCheckPolicy', 'store', 'hc', serviceImportRef('store')),
      policy('GCPGatewayPolicy', 'store', 'gp', { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' }),
      policy('GCPBackendPolicy', 'store', 'bp', { group: '', kind: 'Service', name: 'web' }),
    ];
    expect(gatewayApiChecks(inputOf({ c1: objects }))).toEqual([]);
    const crossNamespace = policy('GCPBackendPolicy', 'store', 'x', { group: '', kind: 'Service', name: 'web', namespace: 'shop' });
    expect(gatewayApiChecks(inputOf({ c1: [...objects, crossNamespace] }))).toEqual([expect.objectContaining({ code: 'GW003', path: 'spec.targetRef.namespace' })]);
  });
});

describe('GW005 cross-namespace backend without a ReferenceGrant', () => {
  const route = httpRoute('store', 'r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ ...serviceImportRef('payments'), namespace: 'payments' }] }] });
  const grant = (to: Record<string, unknown>) =>
    object('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', 'payments', 'store-gw-routes', {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }],
      to: [to],
    });
  const objects = (...extra: ReturnType<typeof object>[]) => inputOf({ west: [apiGateway('store', 'gw', 'c'), route, serviceExport('payments', 'payments'), ...extra] });

  test('refused without a grant, or with one for another name; allowed by a grant naming it or naming none', () => {
    expect(gatewayApiChecks(objects()).map((f) => [f.code, f.path])).toEqual([['GW005', 'spec.rules[0].backendRefs[0].namespace']]);
    expect(gatewayApiChecks(objects(grant({ group: 'net.gke.io', kind: 'ServiceImport', name: 'other' }))).map((f) => f.code)).toEqual(['GW005']);
    expect(gatewayApiChecks(objects(grant({ group: 'net.gke.io', kind: 'ServiceImport', name: 'payments' })))).toEqual([]);
    expect(gatewayApiChecks(objects(grant({ group: 'net.gke.io', kind: 'ServiceImport' })))).toEqual([]);
  });
});
