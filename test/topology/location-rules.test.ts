/**
 * Zones and regions that Google Cloud does not have (issue 10 point 2): every zone and region
 * field is checked against src/topology/rules/gcp-locations.json, with a near match when cheap.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateTopology } from '../../src/load/load';
import LOCATIONS from '../../src/topology/rules/gcp-locations.json';
import { GCP_REGIONS, isGcpZone, nearestName, zonesOf } from '../../src/topology/rules/gcp-locations';
import { Draft, expectOnlyProblem, problemsOf } from './support';

function base(): Draft {
  return {
    name: 'locations',
    project: { id: 'meshfleet-test' },
    network: { name: 'vpc', subnets: [{ name: 'west', region: 'us-west1', cidr: '10.10.0.0/20' }] },
    regions: [{ name: 'us-west1' }],
    clusters: [{ name: 'gke-west', zone: 'us-west1-a', region: 'us-west1', private: false, authorizedNetworks: false, subnet: 'west' }],
  };
}

function variant(change: (t: Draft) => void): Draft {
  const t = base();
  change(t);
  return t;
}

describe('the list of regions and zones', () => {
  test('holds every zone and region of the examples', () => {
    const examples = path.resolve(__dirname, '../../examples');
    for (const file of fs.readdirSync(examples).filter((f) => f.endsWith('.yaml'))) {
      const text = fs.readFileSync(path.join(examples, file), 'utf8');
      for (const [, zone] of text.matchAll(/zone: ([a-z]+-[a-z]+[0-9]+-[a-z])\b/g)) expect(isGcpZone(zone)).toBe(true);
    }
    expect(zonesOf('us-central1')).toEqual(['us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f']);
    expect(zonesOf('us-east1')).toEqual(['us-east1-b', 'us-east1-c', 'us-east1-d']);
    expect(GCP_REGIONS.size).toBeGreaterThanOrEqual(40);
  });

  test('every zone is named after its region', () => {
    for (const [region, zones] of GCP_REGIONS) for (const zone of zones) expect(zone.startsWith(`${region}-`)).toBe(true);
  });

  test('near matches: a typo or two, nothing for unrelated names', () => {
    expect(nearestName('us-wset1', GCP_REGIONS.keys())).toBe('us-west1');
    expect(nearestName('europe-west15', GCP_REGIONS.keys())).toBeDefined();
    expect(nearestName('mars-north1', GCP_REGIONS.keys())).toBeUndefined();
    expect(nearestName('x'.repeat(10_000), GCP_REGIONS.keys())).toBeUndefined();
  });
});

describe('scripts/refresh-gcp-locations.js', () => {
  const script = path.resolve(__dirname, '../../scripts/refresh-gcp-locations.js');

  test('regenerates the list from gcloud output (file argument or stdin), sorted, without network', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { locationsOf } = require(script) as { locationsOf: (zones: unknown) => Record<string, string[]> };
    const listing = [
      { name: 'us-west1-b', region: 'https://www.googleapis.com/compute/v1/projects/p/regions/us-west1', status: 'UP' },
      { name: 'europe-west1-d', region: 'https://www.googleapis.com/compute/v1/projects/p/regions/europe-west1', status: 'DOWN' },
      { name: 'us-west1-a', region: 'https://www.googleapis.com/compute/v1/projects/p/regions/us-west1', status: 'UP' },
    ];
    expect(locationsOf(listing)).toEqual({ 'europe-west1': ['europe-west1-d'], 'us-west1': ['us-west1-a', 'us-west1-b'] });
    expect(() => locationsOf({})).toThrow(/JSON array/);
    expect(() => locationsOf([{ name: 'us-west1-a', region: 'regions/us-east1' }])).toThrow(/not a zone of the listing/);
  });

  test('the committed list is what the script writes for its own regions (round trip through the CLI)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcp-locations-'));
    try {
      const copy = path.join(dir, 'scripts', 'refresh-gcp-locations.js');
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.mkdirSync(path.join(dir, 'src', 'topology', 'rules'), { recursive: true });
      fs.copyFileSync(script, copy);
      const listing = Object.entries(LOCATIONS.regions).flatMap(([region, zones]) => zones.map((name) => ({ name, region: `regions/${region}` })));
      execFileSync(process.execPath, [copy], { input: JSON.stringify(listing.reverse()), cwd: dir });
      const written = fs.readFileSync(path.join(dir, 'src', 'topology', 'rules', 'gcp-locations.json'), 'utf8');
      expect(written).toBe(fs.readFileSync(path.resolve(__dirname, '../../src/topology/rules/gcp-locations.json'), 'utf8'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('zones and regions of the topology', () => {
  test('the base is valid', () => {
    expect(() => validateTopology(base(), 'test')).not.toThrow();
  });

  test('a zone that does not exist in an existing region: the zones of that region', () => {
    expectOnlyProblem(
      variant((t) => {
        t.clusters[0].zone = 'us-east1-a';
        delete t.clusters[0].region;
        t.network.subnets[0].region = 'us-east1';
      }),
      'clusters[0].zone',
      'not a Google Cloud zone (found "us-east1-a", expected one of us-east1-b, us-east1-c, us-east1-d)',
    );
  });

  test('a zone of no region: a near match', () => {
    const problems = problemsOf(variant((t) => (t.clusters[0].zone = 'us-wset1-a')));
    expect(problems[0]).toEqual({ path: 'clusters[0].zone', message: 'not a Google Cloud zone (found "us-wset1-a", expected a Google Cloud zone such as us-west1-a)' });
  });

  test('a zone far from any', () => {
    const problems = problemsOf(variant((t) => (t.clusters[0].zone = 'mars-north1-a')));
    expect(problems[0].message).toBe(
      'not a Google Cloud zone (found "mars-north1-a", expected a Google Cloud zone such as us-west1-a (see src/topology/rules/gcp-locations.json))',
    );
  });

  test.each([
    ['clusters[0].region', (t: Draft): unknown => (t.clusters[0].region = 'us-wset1')],
    ['regions[0].name', (t: Draft): unknown => (t.regions[0].name = 'us-wset1')],
    ['network.subnets[0].region', (t: Draft): unknown => (t.network.subnets[0].region = 'us-wset1')],
  ] as const)('a region that does not exist at %s', (at, change) => {
    expect(problemsOf(variant(change))).toContainEqual({ path: at, message: 'not a Google Cloud region (found "us-wset1", expected a Google Cloud region such as us-west1)' });
  });

  test('gateway address and policy regions', () => {
    const t = variant((x) => {
      x.gateways = [{ name: 'gw', namespace: 'store', className: 'gke-l7-rilb-mc', addresses: [{ region: 'moon-base1' }], gatewayPolicy: { region: 'moon-base1' } }];
    });
    const paths = problemsOf(t).map((p) => p.path);
    expect(paths).toContain('gateways[0].addresses[0].region');
    expect(paths).toContain('gateways[0].gatewayPolicy.region');
  });

  test("a zone outside the cluster's region lists the region's zones", () => {
    expectOnlyProblem(
      variant((t) => {
        t.clusters[0].region = 'us-east1';
        t.network.subnets[0].region = 'us-east1';
      }),
      'clusters[0].zone',
      'zone is outside the cluster\'s region us-east1 (found "us-west1-a", expected a zone of us-east1: one of us-east1-b, us-east1-c, us-east1-d)',
    );
  });
});
