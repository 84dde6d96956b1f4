/**
 * Topology rules of multi-cluster Gateway listeners (issue 18, TLS on gateways): the `port`
 * shorthand, Gateway API's listener rules, certificate sources per GKE class (no Secrets on the
 * multi-cluster classes; certificate maps on the global external ones), the reserved global
 * address, routes' `sectionName` and host names, and the SSL policy (HTTPS only).
 */
import { validateTopology } from '../../src/load/load';
import { Draft, expectOnlyProblem, problemsOf } from './support';

const PRE_SHARED = 'networking.gke.io/pre-shared-certs';

/** Two workload clusters exporting store, a config cluster, and an HTTPS gateway with an HTTP listener. */
function base(): Draft {
  return {
    name: 'gw-tls',
    project: { id: 'meshfleet-test' },
    clusters: [
      { name: 'gke-west', zone: 'us-west1-a', private: false, authorizedNetworks: false },
      { name: 'gke-east', zone: 'us-east1-b', private: false, authorizedNetworks: false },
      { name: 'config', zone: 'us-west1-b', role: 'config', private: false, authorizedNetworks: false, gatewayApi: 'standard' },
    ],
    fleet: { configCluster: 'config', multiClusterServices: true },
    gateways: [
      {
        name: 'external-https',
        namespace: 'store',
        className: 'gke-l7-global-external-managed-mc',
        staticAddressName: 'store-ip',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80, hostname: 'store.example.com' },
          { name: 'https', protocol: 'HTTPS', port: 443, hostname: 'store.example.com', tls: { mode: 'Terminate', options: { [PRE_SHARED]: 'store-cert' } } },
        ],
        routes: [{ name: 'store', sectionName: 'https', hostnames: ['store.example.com'], rules: [{ backend: 'store', port: 8080 }] }],
        gatewayPolicy: { sslPolicy: 'modern' },
      },
    ],
    apps: [{ namespace: 'store', workloads: [{ name: 'store', image: 'whereami:v1', port: 8080, export: true }] }],
  };
}

function variant(change: (g: Draft, t: Draft) => void): Draft {
  const t = base();
  change(t.gateways[0], t);
  return t;
}

describe('valid listeners', () => {
  test('the HTTPS base resolves its listeners as given, the TLS mode explicit, and the route section', () => {
    const g = validateTopology(base(), 'test').gateways[0];
    expect(g.listeners).toEqual([
      { name: 'http', protocol: 'HTTP', port: 80, hostname: 'store.example.com' },
      { name: 'https', protocol: 'HTTPS', port: 443, hostname: 'store.example.com', tls: { mode: 'Terminate', certificateRefs: [], options: { [PRE_SHARED]: 'store-cert' } } },
    ]);
    expect(g.staticAddressName).toBe('store-ip');
    expect(g.routes[0].sectionName).toBe('https');
  });

  test('without listeners: one HTTP listener http on port (default 80)', () => {
    const model = validateTopology(
      variant((g) => {
        delete g.listeners;
        delete g.gatewayPolicy;
        delete g.routes[0].sectionName;
        g.port = 8080;
      }),
      'test',
    );
    expect(model.gateways[0].listeners).toEqual([{ name: 'http', protocol: 'HTTP', port: 8080 }]);
  });

  test('an HTTPS listener without tls takes the certificate map; a wildcard listener hostname covers the route host', () => {
    const g = validateTopology(
      variant((g) => {
        g.certificateMap = 'store-map';
        g.listeners[1] = { name: 'https', protocol: 'HTTPS', port: 443, hostname: '*.example.com' };
      }),
      'test',
    ).gateways[0];
    expect(g.certificateMap).toBe('store-map');
    expect(g.listeners[1]).not.toHaveProperty('tls');
  });
});

describe('refused listeners', () => {
  test('port and listeners together', () => {
    expectOnlyProblem(
      variant((g) => (g.port = 8080)),
      'gateways[0].port',
      'port is the shorthand for one HTTP listener; with listeners each listener has its own port (found 8080, expected no port (set listeners[].port))',
    );
  });

  test('two listeners of one name, and of one port, protocol and hostname', () => {
    expect(problemsOf(variant((g) => g.listeners.push({ name: 'http', protocol: 'HTTP', port: 80, hostname: 'store.example.com' })))).toEqual([
      { path: 'gateways[0].listeners[2].name', message: 'duplicate listener name, already used by gateways[0].listeners[0] (found "http", expected a name of its own)' },
      {
        path: 'gateways[0].listeners[2]',
        message:
          'listener gateways[0].listeners[0] already has this port, protocol and hostname (Gateway API: each combination once) (found "HTTP 80 store.example.com", expected another port or hostname)',
      },
    ]);
  });

  test('TLS on an HTTP listener', () => {
    expectOnlyProblem(
      variant((g) => (g.listeners[0].tls = { options: { [PRE_SHARED]: 'store-cert' } })),
      'gateways[0].listeners[0].tls',
      'an HTTP listener takes no TLS settings (found "http", expected no tls, or protocol: HTTPS)',
    );
  });

  test('an HTTPS listener without a certificate', () => {
    expectOnlyProblem(
      variant((g) => delete g.listeners[1].tls),
      'gateways[0].listeners[1]',
      `an HTTPS listener needs a certificate (found "https", expected tls.options { ${PRE_SHARED}: <Compute Engine SSL certificate names> }, or certificateMap)`,
    );
  });

  test('TLS without certificateRefs or options (the Gateway CRD refuses Terminate without them)', () => {
    expectOnlyProblem(
      variant((g) => (g.listeners[1].tls = { mode: 'Terminate' })),
      'gateways[0].listeners[1].tls',
      `TLS mode Terminate needs certificateRefs or options (Gateway API) (found "https", expected tls.options { ${PRE_SHARED}: <Compute Engine SSL certificate names> }, or certificateMap)`,
    );
  });

  test('Kubernetes Secrets on a multi-cluster class', () => {
    expectOnlyProblem(
      variant((g) => (g.listeners[1].tls = { certificateRefs: [{ name: 'store-tls' }] })),
      'gateways[0].listeners[1].tls.certificateRefs',
      `GatewayClass gke-l7-global-external-managed-mc takes no Kubernetes Secrets as certificates (GKE multi-cluster Gateways) (found "store-tls", expected tls.options { ${PRE_SHARED}: <Compute Engine SSL certificate names> }, or certificateMap)`,
    );
  });

  test('a certificate map with certificateRefs (GKE refuses both); with a pre-shared listener it is accepted', () => {
    expect(
      problemsOf(
        variant((g) => {
          g.certificateMap = 'store-map';
          g.listeners[1].tls = { certificateRefs: [{ name: 'store-tls' }] };
        }),
      ).map((p) => p.path),
    ).toEqual(['gateways[0].listeners[1].tls.certificateRefs', 'gateways[0].listeners[1].tls.certificateRefs']);
    expect(
      validateTopology(
        variant((g) => (g.certificateMap = 'store-map')),
        'test',
      ).gateways[0].certificateMap,
    ).toBe('store-map');
  });

  test('a certificate map and a global address on a regional internal class', () => {
    const problems = problemsOf(
      variant((g, t) => {
        g.className = 'gke-l7-rilb-mc';
        g.certificateMap = 'store-map';
        delete g.gatewayPolicy;
        t.regions = [{ name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' }];
      }),
    );
    expect(problems).toEqual([
      {
        path: 'gateways[0].certificateMap',
        message: `GatewayClass gke-l7-rilb-mc takes no Certificate Manager certificate map (maps attach to global external load balancers) (found "store-map", expected a class of gke-l7-global-external-managed, gke-l7-gxlb, gke-l7-global-external-managed-mc, gke-l7-gxlb-mc, or listeners[].tls.options { ${PRE_SHARED}: <SSL certificate names> })`,
      },
      {
        path: 'gateways[0].staticAddressName',
        message:
          'GatewayClass gke-l7-rilb-mc takes no reserved global address (found "store-ip", expected a class of gke-l7-global-external-managed, gke-l7-gxlb, gke-l7-global-external-managed-mc, gke-l7-gxlb-mc, or addresses[].staticAddress (a regional internal address))',
      },
    ]);
  });

  test('a pre-shared certificate list that names no SSL certificates', () => {
    expectOnlyProblem(
      variant((g) => (g.listeners[1].tls.options[PRE_SHARED] = 'store-cert,Bad_Name')),
      `gateways[0].listeners[1].tls.options.${PRE_SHARED}`,
      'not a list of SSL certificate names (found "store-cert,Bad_Name", expected names of Compute Engine SSL certificates separated by commas, such as store-cert,store-cert-ecdsa)',
    );
  });

  test('allowed route namespaces: a selector only with from: Selector', () => {
    expect(
      validateTopology(
        variant((g) => (g.listeners[1].allowedRoutes = { namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'true' } } } })),
        'test',
      ).gateways[0].listeners[1].allowedRoutes,
    ).toEqual({ namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'true' } } } });
    expectOnlyProblem(
      variant((g) => (g.listeners[1].allowedRoutes = { namespaces: { selector: { matchLabels: { shared: 'true' } } } })),
      'gateways[0].listeners[1].allowedRoutes.namespaces',
      'a namespace selector goes with from: Selector, and from: Selector needs one (found "Same", expected from: Selector with selector, or no selector)',
    );
  });

  test('a listener hostname that is no host name (schema)', () => {
    expect(problemsOf(variant((g) => (g.listeners[0].hostname = 'Store.Example.com'))).map((p) => p.path)).toEqual(['gateways[0].listeners[0].hostname']);
  });
});

describe('routes on listeners', () => {
  test('sectionName names a listener of the gateway', () => {
    expectOnlyProblem(
      variant((g) => (g.routes[0].sectionName = 'web')),
      'gateways[0].routes[0].sectionName',
      'gateway external-https has no listener of this name (found "web", expected one of http, https)',
    );
  });

  test('a route whose host names meet no hostname of its listeners', () => {
    expectOnlyProblem(
      variant((g) => (g.routes[0].hostnames = ['shop.example.org'])),
      'gateways[0].routes[0].hostnames',
      'no host name of the route matches the hostname of a listener it attaches to, so the Gateway would not accept it (found "shop.example.org", expected a host name matching store.example.com)',
    );
  });

  test('a wildcard route host name meets a listener hostname it covers', () => {
    expect(
      validateTopology(
        variant((g) => (g.routes[0].hostnames = ['*.example.com'])),
        'test',
      ).gateways[0].routes[0].hostnames,
    ).toEqual(['*.example.com']);
  });
});

describe('SSL policy and global addresses', () => {
  test('an SSL policy on a gateway without an HTTPS listener', () => {
    expectOnlyProblem(
      variant((g) => {
        g.listeners = [g.listeners[0]];
        g.routes[0].sectionName = 'http';
      }),
      'gateways[0].gatewayPolicy.sslPolicy',
      'an SSL policy applies to HTTPS listeners and the gateway has none (found "modern", expected a listener with protocol: HTTPS, or no sslPolicy)',
    );
  });

  test('two gateways reserving one global address name', () => {
    const t = base();
    t.gateways.push({ ...JSON.parse(JSON.stringify(t.gateways[0])), name: 'external-https-2' });
    expect(problemsOf(t)).toContainEqual({
      path: 'gateways[1].staticAddressName',
      message: 'global address name already used by gateways[0].staticAddressName (found "store-ip", expected a name of its own)',
    });
  });
});
