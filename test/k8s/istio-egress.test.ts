import { exampleInput, findObject, manifestsOf, modelOf } from './helpers';
import { validateObjects } from './schema';
import { Draft, expectOnlyProblem, problemsOf } from '../topology/support';

/*
 * Issue 18, capability 6 (egress): ServiceEntry endpoints in Istio's WorkloadEntry shape, routing
 * through the mesh's egress gateway (Istio's "Egress Gateways" task), TLS origination (a
 * ServiceEntry `trafficPolicy`, Istio's "Egress TLS Origination"), and the app's Istio Sidecar,
 * on examples/istio-egress.yaml and variants of it.
 */

const EXAMPLE = 'examples/istio-egress.yaml';
const input = (): Draft => exampleInput(EXAMPLE);
const variant = (change: (t: Draft) => void): Draft => {
  const t = input();
  change(t);
  return t;
};
const se = 'apps[0].serviceEntries';
const GATEWAY_HOST = 'istio-egressgateway.istio-egress.svc.cluster.local';

describe('istio-egress example', () => {
  const files = manifestsOf(modelOf(input())).get('cluster1')!;
  const app = files.get('checkout.yaml')!;

  test('the egress gateway: injected Deployment, ServiceAccount and a ClusterIP Service on the routed ports, no SDS Role', () => {
    const objects = files.get('egress-gateway.yaml')!;
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Service/istio-egress/istio-egressgateway',
      'ServiceAccount/istio-egress/istio-egressgateway',
      'Deployment/istio-egress/istio-egressgateway',
    ]);
    const service = objects[0];
    expect(service.spec.type).toBeUndefined();
    expect(service.spec.selector).toEqual({ istio: 'egressgateway' });
    expect(service.spec.ports).toEqual([
      { name: 'http-80', port: 80 },
      { name: 'tls-443', port: 443 },
    ]);
    expect(objects[2].spec.template.metadata.annotations).toEqual({ 'inject.istio.io/templates': 'gateway' });
    const namespace = findObject(files.get('namespaces.yaml')!, 'Namespace', 'istio-egress');
    expect(namespace.metadata.labels['istio-injection']).toBe('enabled');
    expect(files.get('kustomization.yaml')).toBeUndefined();
  });

  test("HTTP and TLS through the egress gateway: the task's Gateway, DestinationRule and VirtualService", () => {
    const gateway = findObject(app, 'Gateway', 'cnn-egress', 'checkout');
    expect(gateway.spec).toEqual({
      selector: { istio: 'egressgateway' },
      servers: [
        { port: { number: 80, name: 'http-80', protocol: 'HTTP' }, hosts: ['edition.cnn.com'] },
        { port: { number: 443, name: 'tls-443', protocol: 'TLS' }, hosts: ['edition.cnn.com'], tls: { mode: 'PASSTHROUGH' } },
      ],
    });
    expect(findObject(app, 'DestinationRule', 'cnn-egress', 'checkout').spec).toEqual({ host: GATEWAY_HOST, subsets: [{ name: 'cnn' }] });
    const vs = findObject(app, 'VirtualService', 'cnn-egress', 'checkout');
    expect(vs.spec.hosts).toEqual(['edition.cnn.com']);
    expect(vs.spec.gateways).toEqual(['cnn-egress', 'mesh']);
    expect(vs.spec.http).toEqual([
      { match: [{ gateways: ['mesh'], port: 80 }], route: [{ destination: { host: GATEWAY_HOST, subset: 'cnn', port: { number: 80 } }, weight: 100 }] },
      { match: [{ gateways: ['cnn-egress'], port: 80 }], route: [{ destination: { host: 'edition.cnn.com', port: { number: 80 } }, weight: 100 }] },
    ]);
    expect(vs.spec.tls).toEqual([
      {
        match: [{ gateways: ['mesh'], port: 443, sniHosts: ['edition.cnn.com'] }],
        route: [{ destination: { host: GATEWAY_HOST, subset: 'cnn', port: { number: 443 } }, weight: 100 }],
      },
      {
        match: [{ gateways: ['cnn-egress'], port: 443, sniHosts: ['edition.cnn.com'] }],
        route: [{ destination: { host: 'edition.cnn.com', port: { number: 443 } }, weight: 100 }],
      },
    ]);
    const tlsOnly = findObject(app, 'VirtualService', 'wikipedia-egress', 'checkout');
    expect(tlsOnly.spec.http).toBeUndefined();
    expect(tlsOnly.spec.tls).toHaveLength(2);
    validateObjects([gateway, vs, tlsOnly]);
  });

  test('TLS origination: the port targetPort and a DestinationRule with portLevelSettings tls SIMPLE', () => {
    const entry = findObject(app, 'ServiceEntry', 'cnn', 'checkout');
    expect(entry.spec.ports[0]).toEqual({ number: 80, name: 'http-port', protocol: 'HTTP', targetPort: 443 });
    const dr = findObject(app, 'DestinationRule', 'cnn', 'checkout');
    expect(dr.spec).toEqual({ host: 'edition.cnn.com', trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'SIMPLE' } }] } });
    validateObjects([entry, dr]);
  });

  test("endpoints in Istio's WorkloadEntry shape: ports by name, labels, locality, weight", () => {
    const entry = findObject(app, 'ServiceEntry', 'orders-db', 'checkout');
    expect(entry.spec.endpoints).toEqual([
      { address: '34.120.10.20', ports: { 'tcp-postgres': 6432 }, labels: { role: 'primary' }, locality: 'us-west1/us-west1-a', weight: 3 },
      { address: '34.120.10.21', labels: { role: 'replica' }, locality: 'us-east1/us-east1-b', weight: 1 },
    ]);
    validateObjects([entry]);
  });

  test('the Sidecar: named default, no selector, egress hosts and REGISTRY_ONLY as written', () => {
    const sidecar = findObject(app, 'Sidecar', 'default', 'checkout');
    expect(sidecar.spec).toEqual({ egress: [{ hosts: ['./*', 'istio-system/*', 'istio-egress/*'] }], outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
    validateObjects([sidecar]);
  });

  test('without a routed entry no egress gateway is deployed', () => {
    const t = variant((v) => v.apps[0].serviceEntries.forEach((e: Draft) => delete e.egressGateway));
    v1Sidecar(t);
    const plain = manifestsOf(modelOf(t)).get('cluster1')!;
    expect(plain.has('egress-gateway.yaml')).toBe(false);
    expect(plain.get('checkout.yaml')!.some((o) => o.kind === 'Gateway')).toBe(false);
  });
});

describe('egress gateway placement', () => {
  test('only the mesh clusters where a routed ServiceEntry is written get the egress gateway', () => {
    const t = exampleInput('examples/traffic-policy-istio.yaml');
    t.mesh.egressGateway = {};
    t.apps.push({
      namespace: 'payments',
      workloads: [{ name: 'checkout', image: 'example/checkout:1', port: 8080, clusters: ['gke-west'] }],
      serviceEntries: [{ name: 'stripe', hosts: ['api.stripe.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], egressGateway: true }],
    });
    const files = manifestsOf(modelOf(t));
    const west = files.get('gke-west')!.get('egress-gateway.yaml')!;
    expect(west.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Service/istio-egress/istio-egressgateway',
      'ServiceAccount/istio-egress/istio-egressgateway',
      'Deployment/istio-egress/istio-egressgateway',
    ]);
    expect(west[0].spec.ports).toEqual([{ name: 'tls-443', port: 443 }]);
    expect(files.get('gke-east')!.has('egress-gateway.yaml')).toBe(false);
  });
});

describe("a workload's Sidecar", () => {
  test('named after the workload, selecting its pods, in the clusters that run it', () => {
    const t = variant((v) => (v.apps[0].workloads[0].sidecar = { egress: [{ hosts: ['./*', 'istio-egress/*'] }] }));
    const app = manifestsOf(modelOf(t)).get('cluster1')!.get('checkout.yaml')!;
    const sidecar = findObject(app, 'Sidecar', 'checkoutservice', 'checkout');
    expect(sidecar.spec).toEqual({ workloadSelector: { labels: { app: 'checkoutservice' } }, egress: [{ hosts: ['./*', 'istio-egress/*'] }] });
    expect(findObject(app, 'Sidecar', 'default', 'checkout')).toBeDefined();
    validateObjects([sidecar]);
  });

  test('the same rules as the namespace Sidecar, at its own path', () => {
    expectOnlyProblem(
      variant((v) => (v.apps[0].workloads[0].sidecar = { egress: [{ hosts: ['./*'] }] })),
      'apps[0].workloads[0].sidecar.egress',
      `apps[0].serviceEntries[0] goes out through the egress gateway, whose Service the app's sidecars would not know (found "./*", expected a listener without port importing istio-egress/* (or istio-egress/${GATEWAY_HOST}))`,
    );
  });
});

describe('an app holding only a Sidecar', () => {
  test('its namespace and Sidecar go to every mesh cluster', () => {
    const t = exampleInput('examples/traffic-policy-istio.yaml');
    t.apps.push({ namespace: 'legacy', sidecar: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } });
    const files = manifestsOf(modelOf(t));
    for (const cluster of ['gke-west', 'gke-east']) {
      const objects = files.get(cluster)!.get('legacy.yaml')!;
      expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Sidecar/default']);
      expect(findObject(files.get(cluster)!.get('namespaces.yaml')!, 'Namespace', 'legacy')).toBeDefined();
    }
  });
});

/** The Sidecar without the egress gateway namespace (what an app routing nothing through it may write). */
function v1Sidecar(t: Draft): void {
  t.apps[0].sidecar.egress[0].hosts = ['./*', 'istio-system/*'];
}

describe('egress rules', () => {
  test("an endpoint port is named after one of the entry's ports", () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].serviceEntries[2].endpoints[0].ports = { postgres: 6432 })),
      `${se}[2].endpoints[0].ports.postgres`,
      'an endpoint port is named after a port of its ServiceEntry (found "postgres", expected one of tcp-postgres)',
    );
  });

  test('egressGateway needs mesh.egressGateway', () => {
    const problems = problemsOf(variant((t) => delete t.mesh.egressGateway));
    expect(problems.map((p) => p.path)).toEqual([`${se}[0].egressGateway`, `${se}[1].egressGateway`]);
    expect(problems[0].message).toBe('routing through the egress gateway needs one in the mesh (found true, expected mesh.egressGateway, or egressGateway: false)');
  });

  test('routing: gateway-api refuses the egress route and the entry traffic policy (Istio objects)', () => {
    const problems = problemsOf(variant((t) => (t.mesh.routing = 'gateway-api')));
    expect(problems.map((p) => p.path)).toEqual([`${se}[0].egressGateway`, `${se}[0].trafficPolicy`, `${se}[1].egressGateway`]);
    expect(problems[0].message).toContain('routing: gateway-api writes no Istio routes');
  });

  test('an egress route has one host, no wildcard, and HTTP, HTTPS or TLS ports', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].serviceEntries[1].hosts = ['www.wikipedia.org', 'en.wikipedia.org'])),
      `${se}[1].hosts`,
      'an egress gateway route sends a port\'s traffic to one host (found "www.wikipedia.org, en.wikipedia.org", expected one host (a ServiceEntry per host))',
    );
    expectOnlyProblem(
      variant((t) => {
        t.apps[0].serviceEntries[1].hosts = ['*.wikipedia.org'];
        t.apps[0].serviceEntries[1].resolution = 'NONE';
      }),
      `${se}[1].hosts[0]`,
      'the egress gateway cannot resolve a wildcard host to forward to (found "*.wikipedia.org", expected a host name such as api.example.com)',
    );
    expectOnlyProblem(
      variant((t) => (t.apps[0].serviceEntries[2].egressGateway = true)),
      `${se}[2].ports[0].protocol`,
      'the egress gateway routes HTTP, and TLS by SNI (passthrough) (found "TCP", expected HTTP, HTTPS or TLS, or egressGateway: false)',
    );
  });

  test('an egress route resolves its host (not resolution NONE)', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].serviceEntries[1].resolution = 'NONE')),
      `${se}[1].resolution`,
      'the egress gateway forwards to the host, which resolution NONE leaves unresolved (found "NONE", expected DNS (or STATIC with endpoints))',
    );
  });

  test('one egress gateway port is one protocol across entries', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].serviceEntries[1].ports = [{ number: 80, name: 'tls', protocol: 'TLS' }])),
      `${se}[1].ports[0].protocol`,
      `the egress gateway serves port 80 for ${se}[0].ports[0] as HTTP, and a Gateway port has one protocol (found "TLS", expected HTTP, or another port number)`,
    );
  });

  test("an entry's trafficPolicy: one host, port-level settings on the entry's ports", () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].serviceEntries[0].trafficPolicy.portLevelSettings[0].port.number = 8080)),
      `${se}[0].trafficPolicy.portLevelSettings[0].port.number`,
      'ServiceEntry cnn has no such port (found 8080, expected one of 80, 443)',
    );
    expectOnlyProblem(
      variant((t) => {
        const e = t.apps[0].serviceEntries[2];
        e.hosts = ['a.example.internal', 'b.example.internal'];
        e.trafficPolicy = { tls: { mode: 'SIMPLE' } };
      }),
      `${se}[2].hosts`,
      'a DestinationRule applies to one host (found "a.example.internal, b.example.internal", expected one host (a ServiceEntry per host), or no trafficPolicy)',
    );
  });

  test('targetPort does not go with resolution NONE', () => {
    expectOnlyProblem(
      variant((t) => {
        const e = t.apps[0].serviceEntries[0];
        e.resolution = 'NONE';
        delete e.egressGateway;
      }),
      `${se}[0].ports[0].targetPort`,
      'resolution NONE forwards to the original destination port (found 443, expected no targetPort, or resolution STATIC or DNS)',
    );
  });

  test('Sidecar hosts are namespace/dnsName', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].sidecar.egress[0].hosts = ['./*', 'istio-system/*', 'istio-egress/*', 'api.example.com'])),
      'apps[0].sidecar.egress[0].hosts[3]',
      'a Sidecar host is namespace/dnsName (found "api.example.com", expected such as ./*, istio-system/*, */api.example.com or payments/*.example.com)',
    );
  });

  test('a Sidecar with egress hosts must import the egress gateway an entry routes through', () => {
    expectOnlyProblem(
      variant(v1Sidecar),
      'apps[0].sidecar.egress',
      `apps[0].serviceEntries[0] goes out through the egress gateway, whose Service the app's sidecars would not know (found "./*, istio-system/*", expected a listener without port importing istio-egress/* (or istio-egress/${GATEWAY_HOST}))`,
    );
    expect(() => modelOf(variant((t) => (t.apps[0].sidecar.egress[0].hosts = ['./*', `*/${GATEWAY_HOST}`])))).not.toThrow();
  });

  test('the egress gateway namespace is no system namespace, nor an app namespace under defaultDeny', () => {
    expectOnlyProblem(
      variant((t) => (t.mesh.egressGateway.namespace = 'istio-system')),
      'mesh.egressGateway.namespace',
      'the egress gateway namespace gets the sidecar injection label, which a system namespace must not carry (found "istio-system", expected a namespace of its own, such as istio-egress)',
    );
    const problems = problemsOf(
      variant((t) => {
        t.mesh.defaultDeny = true;
        t.mesh.egressGateway.namespace = 'checkout';
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['mesh.egressGateway.namespace']);
  });

  test('a Sidecar needs a mesh', () => {
    const problems = problemsOf(
      variant((t) => {
        delete t.mesh;
        t.apps[0].serviceEntries = [];
      }),
    );
    expect(problems.map((p) => p.path)).toContain('apps[0].sidecar');
  });
});
