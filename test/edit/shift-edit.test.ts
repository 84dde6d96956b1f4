import * as fs from 'node:fs';
import * as path from 'node:path';
import { TopologyError } from '../../src/topology';
import { CanaryEditError } from '../../src/edit/canary-edit';
import { parseTo, shiftTraffic } from '../../src/edit/shift-edit';

const EXAMPLE = path.resolve(__dirname, '../../examples/istio-traffic-shifting.yaml');
const CANARY_EXAMPLE = path.resolve(__dirname, '../../examples/canary-productcatalog.yaml');

/** Runs `fn`, which must throw a CanaryEditError, and returns it. */
function editError(fn: () => unknown): CanaryEditError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CanaryEditError) return error;
    throw error;
  }
  throw new Error('expected a CanaryEditError, but nothing was thrown');
}

/** Flow-style versions with comments and odd spacing. */
const FLOW = `# reviews in flow style
name: flow
project: { id: meshfleet-demo, number: "123456789012" }
operatorCidrs: [203.0.113.10/32]
clusters:
  - { name: gke-a, zone: us-central1-a, masterCidr: 172.16.0.0/28 }
mesh: { management: fleet }
apps:
  - namespace: bookinfo
    workloads:
      - name: reviews
        image: "reviews:v1"
        port: 9080
        versions: [{ name: v1, weight:   100 }, { name: v2, weight: 0 }]   # keep me
`;

describe('parseTo', () => {
  test('VERSION=WEIGHT pairs, any order, spaces around pairs allowed', () => {
    expect(parseTo('v3=50,v1=50')).toEqual([
      { version: 'v3', weight: 50 },
      { version: 'v1', weight: 50 },
    ]);
    expect(parseTo(' v2=100 ')).toEqual([{ version: 'v2', weight: 100 }]);
  });

  test.each([
    ['', 'not VERSION=WEIGHT: ""'],
    ['v1:50,v2=50', 'not VERSION=WEIGHT: "v1:50"'],
    ['v1=-5,v2=105', 'not VERSION=WEIGHT: "v1=-5"'],
    ['v1=50.5,v2=49.5', 'not VERSION=WEIGHT: "v1=50.5"'],
    ['v1=150', 'weight of v1 out of range'],
    ['v1=50,v1=50', 'a version is given twice'],
    ['v1=50,v2=40', 'the weights do not sum to 100'],
  ])('%p is refused: %s', (raw, what) => {
    const error = editError(() => parseTo(raw));
    expect(error.kind).toBe('to');
    expect(error.problem.path).toBe('--to');
    expect(error.problem.message).toContain(what);
  });
});

describe('shiftTraffic', () => {
  const text = fs.readFileSync(EXAMPLE, 'utf8');

  test('the example: v3=100 changes only the weights of v1 and v3, comments kept', () => {
    const edit = shiftTraffic(text, 'reviews', parseTo('v3=100'));
    expect(edit.changed).toBe(true);
    expect(edit.from).toEqual([
      { version: 'v1', weight: 50 },
      { version: 'v2', weight: 0 },
      { version: 'v3', weight: 50 },
    ]);
    expect(edit.to).toEqual([
      { version: 'v1', weight: 0 },
      { version: 'v2', weight: 0 },
      { version: 'v3', weight: 100 },
    ]);
    const before = text.split('\n');
    const after = edit.text.split('\n');
    expect(after.length).toBe(before.length);
    const changed = before.flatMap((line, i) => (line === after[i] ? [] : [[line, after[i]]]));
    expect(changed).toEqual([
      ['            weight: 50', '            weight: 0'],
      ['            weight: 50', '            weight: 100'],
    ]);
    expect(edit.text).toContain('# v1: no stars; v2: black stars; v3: red stars. Weights sum to 100.');
  });

  test('flow style with odd spacing and a trailing comment: only the digits change', () => {
    const edit = shiftTraffic(FLOW, 'reviews', parseTo('v1=75,v2=25'), 'bookinfo');
    expect(edit.text).toBe(FLOW.replace('weight:   100 }, { name: v2, weight: 0 }]', 'weight:   75 }, { name: v2, weight: 25 }]'));
  });

  test('already at the weights: unchanged, the same text', () => {
    const edit = shiftTraffic(text, 'reviews', parseTo('v1=50,v3=50'));
    expect(edit.changed).toBe(false);
    expect(edit.text).toBe(text);
  });

  test('a canary workload: its canary.weight changes', () => {
    const canary = fs.readFileSync(CANARY_EXAMPLE, 'utf8');
    const edit = shiftTraffic(canary, 'productcatalogservice', parseTo('v1=75,v2=25'));
    expect(edit.text).toBe(canary.replace('          weight: 0\n          env: { EXTRA_LATENCY: 3s }', '          weight: 25\n          env: { EXTRA_LATENCY: 3s }'));
    expect(shiftTraffic(canary, 'productcatalogservice', parseTo('v2=100')).text).toContain('          weight: 100\n');
    expect(shiftTraffic(canary, 'productcatalogservice', parseTo('v1=100')).changed).toBe(false);
  });

  test('a version the workload does not have', () => {
    const error = editError(() => shiftTraffic(text, 'reviews', parseTo('v4=100')));
    expect([error.kind, error.message]).toEqual(['version', '--to: workload "reviews" has no version "v4" (found "v4", expected one of v1, v2, v3)']);
  });

  test('a workload without versions, and an unknown one', () => {
    const noSplit = editError(() => shiftTraffic(text, 'details', parseTo('v1=100')));
    expect([noSplit.kind, noSplit.problem.path]).toEqual(['no-split', 'apps[0].workloads[0].versions']);
    const unknown = editError(() => shiftTraffic(text, 'nope', parseTo('v1=100')));
    expect([unknown.kind, unknown.message]).toEqual(['service', '--service: no workload has this name (found "nope", expected one of reviews)']);
  });

  test('an invalid topology is refused before any edit', () => {
    expect(() => shiftTraffic(text.replace('weight: 0\n', 'weight: 10\n'), 'reviews', parseTo('v3=100'))).toThrow(TopologyError);
  });

  test('a weight reached through an alias is not edited', () => {
    const aliased = FLOW.replace('weight:   100 }', 'weight: &w 100 }');
    expect(editError(() => shiftTraffic(aliased, 'reviews', parseTo('v2=100'))).kind).toBe('not-editable');
  });
});
