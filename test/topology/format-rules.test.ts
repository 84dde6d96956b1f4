/**
 * Values written as they are into objects that GCP or Kubernetes would refuse (issue 10 point 2):
 * project IDs with restricted strings, strings that are not image references, hosts that are not
 * DNS names.
 */
import { validateTopology } from '../../src/load/load';
import { isHostName, isImageReference } from '../../src/topology/rules/predicates';
import { Draft, expectOnlyProblem, problemsOf } from './support';

function base(): Draft {
  return {
    name: 'formats',
    project: { id: 'meshfleet-test' },
    clusters: [{ name: 'gke-west', zone: 'us-west1-a', private: false, authorizedNetworks: false }],
    mesh: { management: 'fleet', ingressGateway: {} },
    apps: [
      {
        namespace: 'shop',
        workloads: [
          { name: 'web', image: 'nginx:1.27', port: 80, expose: { hosts: ['shop.example.com'] }, initContainers: [{ name: 'init', image: 'busybox' }] },
          {
            name: 'api',
            image: 'gcr.io/p/api:v1',
            port: 8080,
            versions: [
              { name: 'v1', weight: 90 },
              { name: 'v2', weight: 10, image: 'gcr.io/p/api:v2' },
            ],
          },
        ],
        routes: [{ service: 'api', rules: [{ redirect: { hostname: 'api.example.com' } }] }],
      },
    ],
  };
}

function variant(change: (t: Draft) => void): Draft {
  const t = base();
  change(t);
  return t;
}

const IMAGE_EXPECTED = 'expected an image reference such as nginx:1.27 or gcr.io/p/app:v1 (lower-case path, at most 400 characters)';

describe('project IDs', () => {
  test('the base is valid', () => {
    expect(() => validateTopology(base(), 'test')).not.toThrow();
  });

  test.each(['my-google-proj', 'null-project', 'undefined-1', 'ssl-edge-prod'])('%s contains a restricted string', (id) => {
    const restricted = ['google', 'null', 'undefined', 'ssl'].find((s) => id.includes(s))!;
    expectOnlyProblem(
      variant((t) => (t.project.id = id)),
      'project.id',
      `a project ID cannot contain "${restricted}" (Google Cloud refuses google, null, undefined, ssl) (found "${id}", expected a project ID without those strings)`,
    );
  });

  test.each(['short', 'a'.repeat(31), '1project', 'project-', 'Project-x'])('%s fails the schema (length, first letter, last character)', (id) => {
    expect(problemsOf(variant((t) => (t.project.id = id))).map((p) => p.path)).toEqual(['project.id']);
  });
});

describe('image references', () => {
  test.each([
    'nginx',
    'nginx:1.27',
    'library/nginx:latest',
    'us-docker.pkg.dev/google-samples/containers/gke/whereami:v1.2.20',
    'localhost:5000/team/app_x:v1',
    'localhost/app',
    'myregistry:5000/app',
    'registry.example.com:443/a/b/c@sha256:' + 'a'.repeat(64),
    'gcr.io/p/app:v1@sha256:' + '0'.repeat(64),
    'docker.io/istio/examples-bookinfo-productpage-v1:1.20.3',
  ])('accepts %s', (image) => {
    expect(isImageReference(image)).toBe(true);
  });

  test.each(['Nginx', 'UPPER/case', 'nginx:', 'nginx:-x', 'a b', 'nginx@sha256:abc', 'http://gcr.io/x', '/x', 'x/', 'nginx:1.0\n', 'a__-b', 'a'.repeat(401)])(
    'refuses %j',
    (image) => {
      expect(isImageReference(image)).toBe(false);
    },
  );

  test.each([
    ['apps[0].workloads[0].image', (t: Draft): unknown => (t.apps[0].workloads[0].image = 'Not An Image')],
    ['apps[0].workloads[0].initContainers[0].image', (t: Draft): unknown => (t.apps[0].workloads[0].initContainers[0].image = 'Not An Image')],
    ['apps[0].workloads[1].versions[1].image', (t: Draft): unknown => (t.apps[0].workloads[1].versions[1].image = 'Not An Image')],
  ] as const)('refused at %s', (path, change) => {
    expectOnlyProblem(variant(change), path, `not a container image reference (found "Not An Image", ${IMAGE_EXPECTED})`);
  });

  test('a canary image', () => {
    const t = variant((x) => {
      x.apps[0].workloads[0].version = 'v1';
      x.apps[0].workloads[0].canary = { version: 'v2', weight: 10, image: 'UPPER/case' };
    });
    expect(problemsOf(t).map((p) => p.path)).toContain('apps[0].workloads[0].canary.image');
  });
});

describe('host names', () => {
  test('each host field takes what its API takes', () => {
    const vs = { wildcard: true, star: true, ip: true };
    const route = { wildcard: true, star: false, ip: false };
    expect(['reviews', 'shop.example.com', '*.example.com', '*', '10.0.0.1'].every((h) => isHostName(h, vs))).toBe(true);
    expect(['10.0.0.1', '*', 'a..b', '-a.com', 'A.com', 'a.*.com', `${'a'.repeat(64)}.com`, `${'a.'.repeat(127)}a`].map((h) => isHostName(h, route))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  test('an exposed host that is not a DNS name', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].workloads[0].expose.hosts = ['shop.example.com', 'Shop Example'])),
      'apps[0].workloads[0].expose.hosts[1]',
      'not a DNS host name (found "Shop Example", expected a lower-case DNS name such as shop.example.com, *.example.com or *)',
    );
  });

  test('a redirect host name with a wildcard', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].routes[0].rules[0].redirect.hostname = 'a..example.com')),
      'apps[0].routes[0].rules[0].redirect.hostname',
      'not a DNS host name (found "a..example.com", expected a lower-case DNS name such as shop.example.com)',
    );
  });
});
