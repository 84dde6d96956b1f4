/**
 * Name clashes in one cluster (issue 10 point 2): the shared ingress gateway, workloads, version
 * and canary Deployments, per-version and per-cluster Services, extra Services; derived Service
 * names that are no Service names; construct ids of a chart.
 */
import { validateTopology } from '../../src/load/load';
import { Draft, expectOnlyProblem, problemsOf } from '../topology/support';

function base(): Draft {
  return {
    name: 'object-names',
    project: { id: 'meshfleet-test' },
    clusters: [
      { name: 'gke-west', zone: 'us-west1-a', private: false, authorizedNetworks: false },
      { name: 'gke-east', zone: 'us-east1-b', private: false, authorizedNetworks: false },
    ],
    mesh: { management: 'fleet', ingressGateway: { name: 'gw', namespace: 'edge' } },
    fleet: { multiClusterServices: true },
    apps: [
      {
        namespace: 'shop',
        workloads: [
          { name: 'web', image: 'nginx:1.27', port: 80, expose: { hosts: ['shop.example.com'] } },
          { name: 'api', image: 'nginx:1.27', port: 8080, version: 'v1', canary: { version: 'v2', weight: 10 }, export: true },
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

test('the base is valid', () => {
  expect(() => validateTopology(base(), 'test')).not.toThrow();
});

test('a workload named like the canary Deployment of another', () => {
  expectOnlyProblem(
    variant((t) => t.apps[0].workloads.push({ name: 'api-v2', image: 'nginx:1.27' })),
    'apps[0].workloads[2].name',
    'apps[0].workloads[2] would be Deployment api-v2 in namespace shop, already taken by the Deployment of version v2 of apps[0].workloads[1] (found "api-v2", expected a name of its own)',
  );
});

test('a StatefulSet may share the name of a Deployment (another kind)', () => {
  expect(() =>
    validateTopology(
      variant((t) => t.apps[0].workloads.push({ name: 'api-v2', kind: 'StatefulSet', image: 'nginx:1.27' })),
      'test',
    ),
  ).not.toThrow();
});

test('a workload named like the per-cluster Service of an exported one', () => {
  expectOnlyProblem(
    variant((t) => t.apps[0].workloads.push({ name: 'api-west', image: 'nginx:1.27', port: 80, clusters: ['gke-east'] })),
    'apps[0].workloads[2].name',
    'the Service of apps[0].workloads[2] would be Service api-west in namespace shop, already taken by the exported Service of apps[0].workloads[1] in cluster gke-west (found "api-west", expected a name of its own)',
  );
});

test('an extra Service named like a per-cluster Service', () => {
  expectOnlyProblem(
    variant((t) => (t.apps[0].workloads[0].extraServices = [{ name: 'api-east' }])),
    'apps[0].workloads[1].name',
    'the exported Service of apps[0].workloads[1] in cluster gke-east would be Service api-east in namespace shop, already taken by apps[0].workloads[0].extraServices[0] (found "api-east", expected a name of its own)',
  );
});

test('the ingress gateway in an app namespace, named like a workload', () => {
  const problems = problemsOf(variant((t) => (t.mesh.ingressGateway = { name: 'web', namespace: 'shop' })));
  expect(problems.map((p) => p.message)).toEqual([
    'apps[0].workloads[0] would be Deployment web in namespace shop, already taken by the shared ingress gateway (found "web", expected a name of its own)',
    'the Service of apps[0].workloads[0] would be Service web in namespace shop, already taken by the shared ingress gateway (found "web", expected a name of its own)',
  ]);
});

test('an exported workload whose per-cluster Service name would exceed 63 characters', () => {
  const name = `a${'b'.repeat(58)}`;
  const problems = problemsOf(variant((t) => (t.apps[0].workloads[1].name = name)));
  expect(problems).toContainEqual({
    path: 'apps[0].workloads[1].name',
    message: `the exported Service of cluster gke-west, <name>-<cluster short name>, is 64 characters long (found "${name}", expected a name that keeps it within 63 characters)`,
  });
});

test('gateway-api routing: a version whose per-version Service is no Service name (a version label takes no dot, so: too long)', () => {
  const version = `v${'2'.repeat(59)}`;
  const problems = problemsOf(
    variant((t) => {
      t.mesh.routing = 'gateway-api';
      t.apps[0].workloads[1].canary.version = version;
    }),
  );
  expect(problems).toContainEqual({
    path: 'apps[0].workloads[1].canary.version',
    message: `gateway-api routing writes a Service api-${version} per version, which is not a Service name (found "${version}", expected a version that makes <name>-<version> an RFC 1035 label of at most 63 characters (no dots))`,
  });
});

test('construct ids: a workload named like the gateway route of another', () => {
  expectOnlyProblem(
    variant((t) => t.apps[0].workloads.push({ name: 'web-exposed', image: 'nginx:1.27' })),
    'apps[0].workloads[2].name',
    'the objects of apps[0].workloads[2] would get the construct id web-exposed in the chart of namespace shop (synth fails on a repeated id), already taken by the gateway route of apps[0].workloads[0] (found "web-exposed", expected a name of its own)',
  );
});

test('two subnets of one name in a region', () => {
  const problems = problemsOf(
    variant((t) => {
      t.network = {
        name: 'vpc',
        subnets: [
          { name: 's', region: 'us-west1', cidr: '10.1.0.0/20' },
          { name: 's', region: 'us-west1', cidr: '10.2.0.0/20' },
          { name: 's', region: 'us-east1', cidr: '10.3.0.0/20' },
        ],
      };
      for (const c of t.clusters) c.subnet = 's';
    }),
  );
  expect(problems).toEqual([
    { path: 'network.subnets[1].name', message: 'duplicate subnet in us-west1, already declared by network.subnets[0] (found "s", expected a subnet name unique in its region)' },
  ]);
});

test('a StatefulSet whose name leaves no room for the controller-revision-hash suffix', () => {
  const name = `s${'t'.repeat(52)}`;
  expectOnlyProblem(
    variant((t) => t.apps[0].workloads.push({ name, kind: 'StatefulSet', image: 'nginx:1.27' })),
    'apps[0].workloads[2].name',
    `apps[0].workloads[2] would be StatefulSet ${name}, whose controller-revision-hash label (<name>-<hash>) would exceed 63 characters (found "${name}", expected a name of at most 52 characters)`,
  );
  expect(() =>
    validateTopology(
      variant((t) => t.apps[0].workloads.push({ name: name.slice(1), kind: 'StatefulSet', image: 'nginx:1.27' })),
      'test',
    ),
  ).not.toThrow();
});

test('objects in different clusters do not clash: a workload named like a version Deployment that runs elsewhere', () => {
  // api runs (with its v2 Deployment api-v2) in gke-west only; a workload api-v2 runs in gke-east only.
  const t = variant((d) => {
    d.apps[0].workloads[1].clusters = ['gke-west'];
    d.apps[0].workloads.push({ name: 'api-v2', image: 'nginx:1.27', clusters: ['gke-east'] });
  });
  expect(() => validateTopology(t, 'test')).not.toThrow();
  t.apps[0].workloads[2].clusters = ['gke-west'];
  expect(problemsOf(t).map((p) => p.path)).toEqual(['apps[0].workloads[2].name']);
});
