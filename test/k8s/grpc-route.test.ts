import { Testing } from 'cdk8s';
import { MultiClusterGateway } from '../../src/k8s/multi-cluster-gateway';
import { gatewayTrafficOf } from '../../src/plan/traffic/resolve';
import { ResolvedGateway, ResolvedTopology } from '../../src/topology/model/types';
import { clusterObjects, findObject, loadExample } from './helpers';
import { validateObjects } from './schema';

/** A topology without apps: the gateway's backends are no workload that declares versions. */
const NO_APPS = { apps: [] } as unknown as ResolvedTopology;

/*
 * GRPCRoutes (gateway.networking.k8s.io/v1): the GAMMA one of an in-mesh gRPC route, and the one
 * on a multi-cluster Gateway, each checked against the v1.2.1 standard CRD schema.
 */

const EXAMPLE = 'examples/grpc-routes-gamma.yaml';

describe('GAMMA GRPCRoute (examples/grpc-routes-gamma.yaml)', () => {
  const objects = clusterObjects(loadExample(EXAMPLE), 'gke-boutique');

  test('every object passes its schema; the route is a GRPCRoute, not an HTTPRoute', () => {
    validateObjects(objects);
    expect(objects.filter((o) => o.kind === 'HTTPRoute')).toEqual([]);
    expect(objects.filter((o) => o.kind === 'VirtualService' || o.kind === 'DestinationRule')).toEqual([]);
  });

  test('parent: the Service itself; rules: header and gRPC method matches, per-version backends with weights, filters', () => {
    const route = findObject(objects, 'GRPCRoute', 'productcatalogservice');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec.parentRefs).toEqual([{ group: '', kind: 'Service', name: 'productcatalogservice', port: 3550 }]);
    expect(route.spec.rules).toEqual([
      {
        matches: [{ headers: [{ name: 'x-canary', value: 'true', type: 'Exact' }] }],
        filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'x-productcatalog-route', value: 'canary' }] } }],
        backendRefs: [{ name: 'productcatalogservice-v2', port: 3550 }],
      },
      {
        matches: [{ method: { service: 'hipstershop.ProductCatalogService', method: 'SearchProducts', type: 'Exact' } }],
        backendRefs: [
          { name: 'productcatalogservice-v1', port: 3550, weight: 50 },
          { name: 'productcatalogservice-v2', port: 3550, weight: 50 },
        ],
      },
      {
        filters: [
          { type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'x-mirrored-canary', value: 'v2' }] } },
          { type: 'RequestMirror', requestMirror: { backendRef: { name: 'productcatalogservice-v2', port: 3550 } } },
        ],
        backendRefs: [{ name: 'productcatalogservice-v1', port: 3550 }],
      },
    ]);
  });

  test('the backends are the per-version Services, selecting app and version', () => {
    for (const version of ['v1', 'v2']) {
      expect(findObject(objects, 'Service', `productcatalogservice-${version}`).spec.selector).toEqual({ app: 'productcatalogservice', version });
    }
  });
});

describe('GRPCRoute on a multi-cluster Gateway (rendered as planned; validate refuses it for GKE classes today)', () => {
  const gateway: ResolvedGateway = {
    name: 'internal-grpc',
    namespace: 'store',
    className: 'gke-l7-rilb-mc',
    addresses: [],
    listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
    routes: [
      { kind: 'HTTPRoute', name: 'web', labels: {}, hostnames: [], rules: [{ backend: 'store', port: 8080 }] },
      {
        kind: 'GRPCRoute',
        name: 'catalog',
        labels: {},
        hostnames: ['catalog.example.internal'],
        rules: [
          { matches: [{ method: { service: 'store.Catalog', method: 'List' }, headers: [{ name: 'env', value: 'canary' }] }], backend: 'catalog-east-1', port: 9090 },
          {
            backends: [
              { name: 'catalog-west-1', port: 9090, weight: 90 },
              { name: 'catalog-east-1', port: 9090, weight: 10 },
            ],
            mirror: { backend: 'catalog-east-1', port: 9090 },
          },
        ],
      },
    ],
    healthChecks: [],
    backendPolicies: [],
  };
  const chart = Testing.chart();
  const mcg = new MultiClusterGateway(chart, 'mcg', { gateway, traffic: gatewayTrafficOf(NO_APPS, gateway, 0) });
  const objects = Testing.synth(chart);

  test('the Gateway listener admits GRPCRoutes too; the objects pass their schemas', () => {
    validateObjects(objects);
    expect(objects.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual(['Gateway internal-grpc', 'HTTPRoute web', 'GRPCRoute catalog']);
    expect(objects[0].spec.listeners[0].allowedRoutes).toEqual({ kinds: [{ kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }] });
    expect(mcg.routes.map((r) => r.toJson().kind)).toEqual(['HTTPRoute', 'GRPCRoute']);
  });

  test('the GRPCRoute: parent the Gateway, gRPC method and header matches, ServiceImport backends with weights, a mirror', () => {
    const serviceImport = (name: string) => ({ group: 'net.gke.io', kind: 'ServiceImport', name, port: 9090 });
    expect(objects[2].spec).toEqual({
      parentRefs: [{ name: 'internal-grpc', namespace: 'store' }],
      hostnames: ['catalog.example.internal'],
      rules: [
        {
          matches: [{ method: { service: 'store.Catalog', method: 'List', type: 'Exact' }, headers: [{ name: 'env', value: 'canary', type: 'Exact' }] }],
          backendRefs: [serviceImport('catalog-east-1')],
        },
        {
          backendRefs: [
            { ...serviceImport('catalog-west-1'), weight: 90 },
            { ...serviceImport('catalog-east-1'), weight: 10 },
          ],
          filters: [{ type: 'RequestMirror', requestMirror: { backendRef: serviceImport('catalog-east-1') } }],
        },
      ],
    });
  });

  test('a gateway without GRPCRoutes keeps its HTTPRoute-only listener', () => {
    const httpOnly = { ...gateway, routes: [gateway.routes[0]] };
    const c = Testing.chart();
    new MultiClusterGateway(c, 'mcg', { gateway: httpOnly, traffic: gatewayTrafficOf(NO_APPS, httpOnly, 0) });
    expect(Testing.synth(c)[0].spec.listeners[0].allowedRoutes).toEqual({ kinds: [{ kind: 'HTTPRoute' }] });
  });
});
