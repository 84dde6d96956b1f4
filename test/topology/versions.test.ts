import { validateTopology } from '../../src/load/load';
import { versionSplitOf } from '../../src/topology/resolve/traffic-split';
import { Draft, expectOnlyProblem, problemsOf } from './support';

/** One cluster, a fleet-managed mesh, and bookinfo's reviews with three versions split 50/0/50. */
function base(): Draft {
  return {
    name: 'versions',
    project: { id: 'meshfleet-test', number: '123456789012' },
    operatorCidrs: ['203.0.113.10/32'],
    clusters: [{ name: 'cluster1', zone: 'us-west1-a', masterCidr: '172.16.0.0/28' }],
    mesh: { management: 'fleet' },
    apps: [
      {
        namespace: 'bookinfo',
        workloads: [
          {
            name: 'reviews',
            image: 'reviews:v1',
            port: 9080,
            replicas: 3,
            versions: [
              { name: 'v1', weight: 50 },
              { name: 'v2', weight: 0, image: 'reviews:v2', env: { STAR_COLOR: 'black' }, replicas: 1, labels: { track: 'beta' } },
              { name: 'v3', weight: 50, image: 'reviews:v3' },
            ],
          },
          { name: 'ratings', image: 'ratings:v1', port: 9080, version: 'v1', canary: { version: 'v2', weight: 10 } },
          { name: 'details', image: 'details:v1', port: 9080, version: 'v1' },
          { name: 'loadgen', image: 'loadgen:v1' },
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

const workloads = (t: Draft) => validateTopology(t, 'test').apps[0].workloads;

describe('versions model', () => {
  test('versions resolve with the workload defaults; the first is the stable version label', () => {
    const [reviews] = workloads(base());
    expect(reviews.version).toBe('v1');
    expect(reviews.versions).toEqual([
      { name: 'v1', weight: 50, image: 'reviews:v1', env: {}, replicas: 3, labels: {} },
      { name: 'v2', weight: 0, image: 'reviews:v2', env: { STAR_COLOR: 'black' }, replicas: 1, labels: { track: 'beta' } },
      { name: 'v3', weight: 50, image: 'reviews:v3', env: {}, replicas: 3, labels: {} },
    ]);
    expect([reviews.selectorIncludesVersion, reviews.virtualServiceName, reviews.destinationRuleName]).toEqual([false, 'reviews', 'reviews']);
  });

  test('a canary resolves into the same model: stable 100 - weight, canary weight', () => {
    const ratings = workloads(base())[1];
    expect(ratings.versions.map((v) => [v.name, v.weight, v.image])).toEqual([
      ['v1', 90, 'ratings:v1'],
      ['v2', 10, 'ratings:v1'],
    ]);
  });

  test('versionSplitOf: every version in order; a plain version label is 100; no label, none', () => {
    const [reviews, ratings, details, loadgen] = workloads(base());
    expect(versionSplitOf(reviews)).toEqual([
      { version: 'v1', weight: 50 },
      { version: 'v2', weight: 0 },
      { version: 'v3', weight: 50 },
    ]);
    expect(versionSplitOf(ratings)).toEqual([
      { version: 'v1', weight: 90 },
      { version: 'v2', weight: 10 },
    ]);
    expect(versionSplitOf(details)).toEqual([{ version: 'v1', weight: 100 }]);
    expect(versionSplitOf(loadgen)).toEqual([]);
  });

  test('names and selectorIncludesVersion are taken as given', () => {
    const [reviews] = workloads(
      variant((t) => Object.assign(t.apps[0].workloads[0], { selectorIncludesVersion: true, virtualServiceName: 'reviews-split', destinationRuleName: 'reviews-subsets' })),
    );
    expect([reviews.selectorIncludesVersion, reviews.virtualServiceName, reviews.destinationRuleName]).toEqual([true, 'reviews-split', 'reviews-subsets']);
  });
});

describe('versions rules', () => {
  test('weights not summing to 100', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].workloads[0].versions[1].weight = 10)),
      'apps[0].workloads[0].versions',
      'the weights do not sum to 100 (found 110, expected weights summing to 100)',
    );
  });

  test('a weight above 100 is a schema problem at its path', () => {
    const problems = problemsOf(variant((t) => (t.apps[0].workloads[0].versions[0].weight = 150)));
    expect(problems.map((p) => p.path)).toContain('apps[0].workloads[0].versions[0].weight');
  });

  test('versions and canary together', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].workloads[0].canary = { version: 'v9', weight: 0 })),
      'apps[0].workloads[0].versions',
      'give versions or canary (its two-version shorthand), not both (found "both", expected versions only)',
    );
  });

  test('versions and version together', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].workloads[0].version = 'v1')),
      'apps[0].workloads[0].version',
      'with versions, the stable version is versions[0] (found "v1", expected no version field)',
    );
  });

  test('duplicate version name', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].workloads[0].versions[2].name = 'v1')),
      'apps[0].workloads[0].versions[2].name',
      'duplicate version, already used by versions[0] (found "v1", expected a unique version name)',
    );
  });

  test('a version label meshfleet sets', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].workloads[0].versions[1].labels = { version: 'x' })),
      'apps[0].workloads[0].versions[1].labels.version',
      'set by meshfleet (found "x", expected another label)',
    );
  });

  test('versions without a mesh', () => {
    const problems = problemsOf(variant((t) => delete t.mesh));
    expect(problems).toContainEqual({ path: 'apps[0].workloads[0].versions', message: 'traffic splitting needs a service mesh (found "no mesh", expected a mesh entry)' });
  });

  test('selectorIncludesVersion without a version label', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].workloads[3].selectorIncludesVersion = true)),
      'apps[0].workloads[3].selectorIncludesVersion',
      'needs a version label (found true, expected version, versions or canary)',
    );
  });

  test('a VirtualService name on a workload without a split', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].workloads[2].virtualServiceName = 'details-vs')),
      'apps[0].workloads[2].virtualServiceName',
      'only a workload with versions or a canary has a traffic split (found "details-vs", expected versions or canary)',
    );
  });

  test('versions on a workload without a port', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].workloads[3].versions = [{ name: 'v1', weight: 100 }])),
      'apps[0].workloads[3].versions',
      'only a workload with a port has a Service (found a list, expected no versions, or a port)',
    );
  });
});

describe('split names', () => {
  test('two splits with one VirtualService name', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].workloads[1].virtualServiceName = 'reviews')),
      'apps[0].workloads[1].virtualServiceName',
      'VirtualService name already used by apps[0].workloads[0] (its split or gateway route) (found "reviews", expected a VirtualService name unique in the namespace)',
    );
  });

  test('a DestinationRule name of another split', () => {
    expectOnlyProblem(
      variant((t) => (t.apps[0].workloads[0].destinationRuleName = 'ratings')),
      'apps[0].workloads[1].destinationRuleName',
      'DestinationRule name already used by apps[0].workloads[0] (found "ratings", expected a DestinationRule name unique in the namespace)',
    );
  });

  test('distinct names are accepted', () => {
    const [reviews, ratings] = workloads(variant((t) => Object.assign(t.apps[0].workloads[1], { virtualServiceName: 'ratings-vs', destinationRuleName: 'ratings-dr' })));
    expect([reviews.virtualServiceName, ratings.virtualServiceName, ratings.destinationRuleName]).toEqual(['reviews', 'ratings-vs', 'ratings-dr']);
  });
});
