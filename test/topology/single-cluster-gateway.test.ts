/**
 * Single-cluster GKE Gateways (issue 18, capability 7): `gateways[].cluster`, Service backends
 * of that cluster, GCPBackendPolicy `maxRatePerEndpoint` / Cloud Armor / IAP per class, and the
 * whole path: plan placement, objects, PeerAuthentication exception, proxy-only subnet, runbook.
 */
import { validateTopology } from '../../src/load/load';
import { buildPlan } from '../../src/plan/build-plan';
import { synthesizeForAnalysis } from '../../src/analysis/synthesize';
import { apiServerChecks } from '../../src/analysis/api-server/api-server-checks';
import { renderRunbook } from '../../src/runbook/runbook';
import { STACK_ORDER } from '../../src/plan/terraform-plan';
import { Draft, expectOnlyProblem, problemsOf } from './support';

/** Two GKE clusters; a global external single-cluster Gateway in gke-west routing to store (both clusters) and api (gke-west only). */
function base(): Draft {
  return {
    name: 'single-gw',
    project: { id: 'meshfleet-test' },
    operatorCidrs: ['203.0.113.10/32'],
    clusters: [
      { name: 'gke-west', zone: 'us-west1-a', private: false },
      { name: 'gke-east', zone: 'us-east1-b', private: false },
    ],
    gateways: [
      {
        name: 'external-http',
        namespace: 'store',
        className: 'gke-l7-global-external-managed',
        cluster: 'gke-west',
        routes: [
          {
            name: 'store',
            rules: [
              { pathPrefix: '/api', backend: 'api', port: 80 },
              { backend: 'store', port: 8080 },
            ],
          },
        ],
        healthChecks: [{ backend: 'store', path: '/healthz', port: 9090 }],
        backendPolicies: [{ backend: 'store', maxRatePerEndpoint: 10, securityPolicy: 'edge-policy' }],
      },
    ],
    apps: [
      {
        namespace: 'store',
        workloads: [
          { name: 'store', image: 'whereami:v1', port: 8080 },
          { name: 'api', image: 'api:v1', port: 8081, servicePort: 80, clusters: ['gke-west'] },
          { name: 'worker', image: 'worker:v1', port: 8082, clusters: ['gke-east'] },
        ],
      },
    ],
  };
}

function variant(change: (t: Draft) => void): Draft {
  const t = base();
  change(t);
  return t;
}

/** An in-cluster mesh with STRICT mTLS and the load balancer exception allowed. */
const strict = (t: Draft) => {
  t.mesh = { management: 'in-cluster', meshId: 'mesh1', mtls: 'STRICT', allowLoadBalancerPlaintext: true };
  t.project.number = '123456789012';
  t.clusters.forEach((c: Draft, i: number) => {
    c.podCidr = `10.${i * 4}.0.0/14`;
    c.authorizedNetworks = false;
  });
};
const objectsIn = (t: Draft, cluster: string) => synthesizeForAnalysis(validateTopology(t, 'test')).clusters[cluster] ?? [];
const ofKind = (objects: readonly any[], kind: string) => objects.filter((o) => o.kind === kind);

describe('gateways[].cluster', () => {
  test('a single-cluster class in a GKE cluster, routing to Services running there, is valid (no fleet, no config cluster)', () => {
    const model = validateTopology(base(), 'test');
    expect(model.gateways[0].cluster).toBe('gke-west');
    expect(model.fleet.configCluster).toBeUndefined();
  });

  test('a single-cluster class needs its cluster', () => {
    expectOnlyProblem(
      variant((t) => delete t.gateways[0].cluster),
      'gateways[0].cluster',
      'gke-l7-global-external-managed is a single-cluster GatewayClass: its Gateway lives in one cluster (found nothing, expected one of gke-west, gke-east)',
    );
  });

  test('the cluster must be a GKE cluster of the topology', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].cluster = 'gke-north')),
      'gateways[0].cluster',
      'not a GKE cluster of the topology (found "gke-north", expected one of gke-west, gke-east)',
    );
  });

  test('a multi-cluster class takes no cluster (it lives in the config cluster)', () => {
    const problems = problemsOf(
      variant((t) => {
        t.gateways[0].className = 'gke-l7-global-external-managed-mc';
        t.gateways[0].backendPolicies = [];
      }),
    );
    expect(problems).toContainEqual({
      path: 'gateways[0].cluster',
      message:
        'gke-l7-global-external-managed-mc is a multi-cluster GatewayClass: its Gateway lives in the fleet config cluster (found "gke-west", expected no cluster, or a single-cluster class (gke-l7-global-external-managed, gke-l7-regional-external-managed, gke-l7-rilb, gke-l7-gxlb))',
    });
  });
});

describe('Service backends', () => {
  test('a backend must be a workload with a port running in the cluster, with the candidates listed', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].routes[0].rules[0].backend = 'worker')),
      'gateways[0].routes[0].rules[0].backend',
      'no workload with a port runs in cluster gke-west under this name (found "worker", expected one of store, api)',
    );
  });

  test("the route port is the Service's port", () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].routes[0].rules[0].port = 8081)),
      'gateways[0].routes[0].rules[0].port',
      'Service api does not expose this port (found 8081, expected 80)',
    );
  });

  test('policies name Services of the cluster too', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways[0].healthChecks[0].backend = 'worker')),
      'gateways[0].healthChecks[0].backend',
      'no workload with a port runs in cluster gke-west under this name (found "worker", expected one of store, api)',
    );
  });

  test('a workload with versions is refused as a backend: the load balancer would split by pod count', () => {
    expectOnlyProblem(
      variant((t) => {
        strict(t);
        t.mesh.mtls = 'PERMISSIVE';
        t.apps[0].workloads[0] = { ...t.apps[0].workloads[0], version: 'v1', canary: { version: 'v2', weight: 10 } };
      }),
      'gateways[0].routes[0].rules[1].backend',
      'Service store selects every version of store (v1 90%, v2 10%): a single-cluster Gateway sends straight to the pods, so requests would split by pod count and skip in-mesh routes (found "store", expected a workload without versions or in-mesh route, a multi-cluster class (it weights per-version ServiceImports), or the Istio ingress gateway (store with expose))',
    );
  });
});

describe('GCPBackendPolicy per class', () => {
  test('Cloud Armor on an internal class is refused; a regional external class takes it', () => {
    const regional = variant((t) => {
      t.gateways[0].className = 'gke-l7-regional-external-managed';
      t.regions = [{ name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' }];
    });
    expect(validateTopology(regional, 'test').gateways[0].backendPolicies[0].securityPolicy).toBe('edge-policy');
    const problems = problemsOf(
      variant((t) => {
        t.gateways[0].className = 'gke-l7-rilb';
        t.regions = [{ name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' }];
      }),
    );
    expect(problems).toEqual([
      {
        path: 'gateways[0].backendPolicies[0].securityPolicy',
        message:
          'GatewayClass gke-l7-rilb has no Cloud Armor (GKE attaches security policies to the external load balancers only) (found "edge-policy", expected no securityPolicy, or gke-l7-global-external-managed, gke-l7-regional-external-managed, gke-l7-gxlb, gke-l7-global-external-managed-mc, gke-l7-regional-external-managed-mc, gke-l7-gxlb-mc)',
      },
    ]);
  });

  test('maxRatePerEndpoint on a multi-cluster class is refused', () => {
    const t: Draft = {
      ...base(),
      fleet: { configCluster: 'gke-west', multiClusterServices: true },
    };
    t.gateways[0].className = 'gke-l7-global-external-managed-mc';
    delete t.gateways[0].cluster;
    t.apps[0].workloads = [{ name: 'store', image: 'whereami:v1', port: 8080, export: true }];
    t.gateways[0].routes[0].rules = [{ backend: 'store', port: 8080 }];
    t.gateways[0].healthChecks = [];
    expect(problemsOf(t)).toEqual([
      {
        path: 'gateways[0].backendPolicies[0].maxRatePerEndpoint',
        message:
          "a multi-cluster Gateway takes capacity from the exported Service's annotation networking.gke.io/max-rate-per-endpoint, not from a GCPBackendPolicy (found 10, expected no maxRatePerEndpoint, or a single-cluster class (gke-l7-global-external-managed, gke-l7-regional-external-managed, gke-l7-rilb, gke-l7-gxlb))",
      },
    ]);
  });

  test('IAP when enabled needs the OAuth client ID and secret', () => {
    const problems = problemsOf(variant((t) => (t.gateways[0].backendPolicies[0].iap = { enabled: true })));
    expect(problems.map((p) => p.path)).toEqual(['gateways[0].backendPolicies[0].iap.clientID', 'gateways[0].backendPolicies[0].iap.oauth2ClientSecret']);
  });

  test('IAP on the cross-regional internal class is refused', () => {
    const t: Draft = { ...base(), fleet: { configCluster: 'gke-west', multiClusterServices: true } };
    t.regions = [
      { name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' },
      { name: 'us-east1', proxyOnlySubnet: '10.130.0.0/23' },
    ];
    t.gateways[0].className = 'gke-l7-cross-regional-internal-managed-mc';
    delete t.gateways[0].cluster;
    t.apps[0].workloads = [{ name: 'store', image: 'whereami:v1', port: 8080, export: true }];
    t.gateways[0].routes[0].rules = [{ backend: 'store', port: 8080 }];
    t.gateways[0].healthChecks = [];
    t.gateways[0].backendPolicies = [{ backend: 'store', iap: { enabled: false } }];
    expect(problemsOf(t)).toEqual([
      {
        path: 'gateways[0].backendPolicies[0].iap',
        message:
          'GatewayClass gke-l7-cross-regional-internal-managed-mc does not take Identity-Aware Proxy (found "gke-l7-cross-regional-internal-managed-mc", expected no iap, or gke-l7-global-external-managed, gke-l7-regional-external-managed, gke-l7-rilb, gke-l7-gxlb, gke-l7-global-external-managed-mc, gke-l7-regional-external-managed-mc, gke-l7-rilb-mc, gke-l7-gxlb-mc)',
      },
    ]);
  });
});

describe('regional single-cluster classes', () => {
  const rilb = (t: Draft) => {
    t.gateways[0].className = 'gke-l7-rilb';
    t.gateways[0].backendPolicies[0] = { backend: 'store', maxRatePerEndpoint: 10 };
  };

  test("need a proxy-only subnet in their cluster's region", () => {
    expectOnlyProblem(
      variant(rilb),
      'gateways[0].cluster',
      'the region us-west1 of cluster gke-west (the gateway region) has no proxy-only subnet (found "us-west1", expected a regions entry { name: us-west1, proxyOnlySubnet: <unused /23> })',
    );
  });

  test("take their frontend address in their cluster's region only", () => {
    expectOnlyProblem(
      variant((t) => {
        rilb(t);
        t.regions = [
          { name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' },
          { name: 'us-east1', proxyOnlySubnet: '10.130.0.0/23' },
        ];
        t.gateways[0].addresses = [{ region: 'us-east1' }];
      }),
      'gateways[0].addresses[0].region',
      'the load balancer of a single-cluster gateway is in the region of cluster gke-west (found "us-east1", expected us-west1)',
    );
  });

  test('Terraform declares the REGIONAL_MANAGED_PROXY subnet in that region', () => {
    const t = variant((x) => {
      rilb(x);
      x.regions = [{ name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' }];
    });
    const network = JSON.stringify(synthesizeForAnalysis(validateTopology(t, 'test')).terraform.network);
    const subnets = Object.values(JSON.parse(network).resource.google_compute_subnetwork as Record<string, any>);
    expect(subnets.filter((s) => s.purpose !== undefined && s.purpose !== 'PRIVATE')).toEqual([
      expect.objectContaining({ region: 'us-west1', ip_cidr_range: '10.129.0.0/23', purpose: 'REGIONAL_MANAGED_PROXY', role: 'ACTIVE' }),
    ]);
  });
});

describe('plan and objects', () => {
  test("the Gateway, its route and policies go to its cluster's gke-gateway.yaml, with the Gateway API CRDs there only", () => {
    const plan = buildPlan(validateTopology(base(), 'test'));
    const west = plan.clusters.find((c) => c.name === 'gke-west')!;
    const east = plan.clusters.find((c) => c.name === 'gke-east')!;
    const file = west.files.find((f) => f.path === 'gke-gateway.yaml')!;
    expect(file.components.map((c) => c.component)).toEqual(['ClusterGateway']);
    expect(file.objects.map((o) => `${o.kind}/${o.name}`)).toEqual([
      'Gateway/external-http',
      'HTTPRoute/store',
      'HealthCheckPolicy/store-healthcheck',
      'GCPBackendPolicy/store-backendpolicy',
    ]);
    expect(west.gatewayApiCrds).toEqual(['gateways.gateway.networking.k8s.io', 'httproutes.gateway.networking.k8s.io']);
    expect(west.gatewayApi).toBe('standard');
    expect(east.files.some((f) => f.path === 'gke-gateway.yaml')).toBe(false);
    expect(east.gatewayApiCrds).toEqual([]);
  });

  test('routes reference core Services (no group or kind), policies target { group: "", kind: Service }, no ServiceExport', () => {
    const objects = objectsIn(base(), 'gke-west');
    expect(ofKind(objects, 'HTTPRoute')[0].spec.rules.map((r: any) => r.backendRefs)).toEqual([[{ name: 'api', port: 80 }], [{ name: 'store', port: 8080 }]]);
    const target = { group: '', kind: 'Service', name: 'store' };
    expect(ofKind(objects, 'HealthCheckPolicy')[0].spec.targetRef).toEqual(target);
    const policy = ofKind(objects, 'GCPBackendPolicy')[0];
    expect(policy.spec).toEqual({ default: { maxRatePerEndpoint: 10, securityPolicy: 'edge-policy' }, targetRef: target });
    expect(ofKind(objects, 'ServiceExport')).toEqual([]);
    // Every workload cluster has every Service (worker's has no pods here, so no route may name it).
    expect(ofKind(objects, 'Service').map((s) => s.metadata.name)).toEqual(['store', 'api', 'worker']);
  });

  test('IAP renders upstream field names and passes the API-server checks', () => {
    const t = variant((x) => (x.gateways[0].backendPolicies[0].iap = { enabled: true, clientID: '123-abc.apps.googleusercontent.com', oauth2ClientSecret: { name: 'store-iap' } }));
    const input = synthesizeForAnalysis(validateTopology(t, 'test'));
    const policy = ofKind(input.clusters['gke-west'], 'GCPBackendPolicy')[0];
    expect(policy.spec.default.iap).toEqual({ enabled: true, clientID: '123-abc.apps.googleusercontent.com', oauth2ClientSecret: { name: 'store-iap' } });
    expect(apiServerChecks(input).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('STRICT mesh mTLS', () => {
  test("the load balancer's pods get the PERMISSIVE exception in the gateway's cluster only", () => {
    const model = validateTopology(variant(strict), 'test');
    const components = (cluster: string) =>
      buildPlan(model)
        .clusters.find((c) => c.name === cluster)!
        .files.flatMap((f) => f.components)
        .filter((c) => c.component === 'LoadBalancerPlaintext');
    expect(components('gke-west').map((c) => ({ id: c.id, source: c.source, ports: (c as any).ports }))).toEqual([
      { id: 'store-lb-plaintext', source: 'gateways[0].routes[0]', ports: [8080, 9090] },
      { id: 'api-lb-plaintext', source: 'gateways[0].routes[0]', ports: [8081] },
    ]);
    // store runs in gke-east too, but no load balancer reaches its pods there.
    expect(components('gke-east')).toEqual([]);
  });

  test('without allowLoadBalancerPlaintext the topology is refused at the gateway route', () => {
    const problems = problemsOf(variant((t) => (strict(t), (t.mesh.allowLoadBalancerPlaintext = false))));
    expect(problems.map((p) => p.path)).toEqual(['gateways[0].routes[0]', 'gateways[0].routes[0]']);
    expect(problems[0].message).toContain('the load balancer sends plain HTTP and health checks to the sidecar pods of store (ports 8080, 9090)');
  });
});

describe('runbook', () => {
  test('IAP: the operator creates the OAuth client secret in the gateway cluster and namespace before the folders', () => {
    const model = validateTopology(
      variant((x) => (x.gateways[0].backendPolicies[0].iap = { enabled: true, clientID: '123-abc.apps.googleusercontent.com', oauth2ClientSecret: { name: 'store-iap' } })),
      'test',
    );
    const plan = buildPlan(model);
    const text = renderRunbook({
      model,
      stacks: STACK_ORDER.filter((s) => s !== 'fleet'),
      clusters: plan.clusters.map((c) => ({ cluster: c.name, files: [...c.files.map((f) => f.path), 'kustomization.yaml'], meshInstall: [] })),
    });
    const iap = text.indexOf('Identity-Aware Proxy secrets');
    expect(iap).toBeGreaterThan(0);
    expect(text).toContain(
      'kubectl --context="${CTX_GKE_WEST}" -n store create secret generic store-iap --from-file=key="${MESHFLEET_SECRETS_DIR}/store/store-iap/key" --dry-run=client -o yaml | kubectl --context="${CTX_GKE_WEST}" apply --server-side -f -',
    );
    expect(iap).toBeLessThan(text.indexOf('apply -k k8s/gke-west'));
    expect(text).toContain('kubectl --context="${CTX_GKE_WEST}" wait --for=condition=Programmed gateway/external-http -n store');
    expect(text).not.toContain('get serviceimport');
  });
});

describe('HTTPS with Kubernetes Secrets (tls.certificateRefs)', () => {
  /** An HTTPS listener whose certificate is the Secret `store-tls` of namespace `certs`, and one of the gateway's namespace. */
  const https = (t: Draft) => {
    t.gateways[0].listeners = [
      {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        tls: { certificateRefs: [{ name: 'store-tls', namespace: 'certs' }, { name: 'local-tls' }] },
      },
    ];
  };

  test('a Secret of another namespace gets a ReferenceGrant there, from the Gateway to exactly that Secret; the namespace is created', () => {
    const input = synthesizeForAnalysis(validateTopology(variant(https), 'test'));
    const objects = input.clusters['gke-west'];
    expect(ofKind(objects, 'Gateway')[0].spec.listeners[0].tls).toEqual({ mode: 'Terminate', certificateRefs: [{ name: 'store-tls', namespace: 'certs' }, { name: 'local-tls' }] });
    const grants = ofKind(objects, 'ReferenceGrant');
    expect(grants.map((g) => [g.metadata.namespace, g.metadata.name, g.spec])).toEqual([
      [
        'certs',
        'store-external-http-certificates',
        { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'store' }], to: [{ group: '', kind: 'Secret', name: 'store-tls' }] },
      ],
    ]);
    expect(ofKind(objects, 'Namespace').map((n) => n.metadata.name)).toContain('certs');
    expect(apiServerChecks(input).filter((f) => f.severity === 'error')).toEqual([]);
    const plan = buildPlan(validateTopology(variant(https), 'test'));
    const planned = plan.clusters.find((c) => c.name === 'gke-west')!.files.flatMap((f) => f.objects);
    expect(planned.filter((o) => o.kind === 'ReferenceGrant')).toEqual([
      { kind: 'ReferenceGrant', apiVersion: 'gateway.networking.k8s.io/v1beta1', namespace: 'certs', name: 'store-external-http-certificates', source: 'gateways[0].listeners' },
    ]);
  });

  test('the runbook creates each Secret in the gateway cluster from files outside the output folder, before the folders', () => {
    const model = validateTopology(variant(https), 'test');
    const plan = buildPlan(model);
    const runbook = renderRunbook({
      model,
      stacks: STACK_ORDER.filter((s) => s !== 'fleet'),
      clusters: plan.clusters.map((c) => ({ cluster: c.name, files: [...c.files.map((f) => f.path), 'kustomization.yaml'], meshInstall: [] })),
    });
    const certificates = runbook.indexOf('Gateway certificates and SSL policies');
    expect(certificates).toBeGreaterThan(0);
    expect(certificates).toBeLessThan(runbook.indexOf('apply -k k8s/gke-west'));
    expect(runbook).toContain(
      'kubectl --context="${CTX_GKE_WEST}" -n certs create secret tls store-tls --cert="${MESHFLEET_GATEWAY_CERTS_DIR}/store-tls.crt" --key="${MESHFLEET_GATEWAY_CERTS_DIR}/store-tls.key"',
    );
    expect(runbook).toContain('-n store create secret tls local-tls');
  });

  test('a certificate that is not a core Secret is refused (GKE reads Secrets only)', () => {
    const t = variant((x) => {
      https(x);
      x.gateways[0].listeners[0].tls.certificateRefs = [{ name: 'store-tls', kind: 'ConfigMap' }];
    });
    expectOnlyProblem(
      t,
      'gateways[0].listeners[0].tls.certificateRefs[0]',
      'GKE Gateways read certificates from Secrets only (found "/ConfigMap", expected kind Secret in the core group "" (the defaults))',
    );
  });
});
