import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTopologyText, validateTopology } from '../../src/load/load';
import { TopologyError } from '../../src/topology';
import { CanaryEditError, editCanaryWeight, parseWeight, setCanaryWeight } from '../../src/edit/canary-edit';

const EXAMPLE = path.resolve(__dirname, '../../examples/canary-productcatalog.yaml');

/** Two apps with a workload `cart` each: flow-style canary in `shop`, block style in `staging`. */
const TWO_APPS = `# Two apps; cart has a canary in each.
name: two-apps
project: { id: meshfleet-demo, number: "123456789012" }
operatorCidrs: [203.0.113.10/32]   # operators
clusters:
  - name: gke-a
    zone: us-central1-a
    masterCidr: 172.16.0.0/28

mesh: { management: fleet }

apps:
  - namespace: shop   # the first app
    workloads:
      - name: cart
        image: "example/cart:1"
        port: 8080
        probe: { exec: ["/bin/grpc_health_probe", "-addr=:8080"] }
        version: v1
        canary: { version: v2, weight: 10 }   # flow style
      - name: frontend
        image: 'example/frontend:1'
        port: 8080

  - namespace: staging
    workloads:
      - name: cart
        image: example/cart:2
        port: 8080
        version: "v1"
        canary:
          version: "v2"

          # odd spacing, kept
          weight:    40     # percent
          env: { A: "1" }
`;

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

describe('setCanaryWeight', () => {
  test('the fixture is a valid topology', () => {
    expect(() => validateTopology(parseTopologyText(TWO_APPS, 'test'), 'test')).not.toThrow();
  });

  test('changes only the number of the example (block style), keeping comments and blank lines', () => {
    const text = fs.readFileSync(EXAMPLE, 'utf8');
    const edited = setCanaryWeight(text, 'productcatalogservice', 25);
    // Only the canary's weight line changes; comments, flow mappings and blank lines stay.
    expect(edited).toBe(text.replace('          weight: 0\n          env: { EXTRA_LATENCY: 3s }', '          weight: 25\n          env: { EXTRA_LATENCY: 3s }'));
    expect(edited).toContain('# 0: only v1 (the first step, and a rollback); 25: 75/25; 100: only v2 (promoted).\n          weight: 25\n');
    // The example differs in that one line only.
    expect(text.split('\n').filter((line, i) => line !== edited.split('\n')[i])).toEqual(['          weight: 0']);
  });

  test('flow style: `canary: { version: v2, weight: 10 }` becomes `weight: 100`, all else byte for byte', () => {
    const edited = setCanaryWeight(TWO_APPS, 'cart', 100, 'shop');
    expect(edited).toBe(TWO_APPS.replace('canary: { version: v2, weight: 10 }   # flow style', 'canary: { version: v2, weight: 100 }   # flow style'));
    expect(edited.length).toBe(TWO_APPS.length + 1);
  });

  test('block style with odd spacing and a trailing comment: only the digits change', () => {
    const edited = setCanaryWeight(TWO_APPS, 'cart', 0, 'staging');
    expect(edited).toBe(TWO_APPS.replace('weight:    40     # percent', 'weight:    0     # percent'));
  });

  test('keeps CRLF line endings, a byte order mark and JSON', () => {
    const crlf = `\uFEFF${TWO_APPS.replace(/\n/g, '\r\n')}`;
    expect(setCanaryWeight(crlf, 'cart', 55, 'staging')).toBe(crlf.replace('weight:    40 ', 'weight:    55 '));

    const json = JSON.stringify(parseTopologyText(TWO_APPS, 'test'), null, 2);
    expect(json).toContain('"weight": 10\n');
    expect(setCanaryWeight(json, 'cart', 7, 'shop')).toBe(json.replace('"weight": 10\n', '"weight": 7\n'));
  });

  test('the same weight returns the very same text and says nothing changed', () => {
    expect(setCanaryWeight(TWO_APPS, 'cart', 40, 'staging')).toBe(TWO_APPS);
    expect(editCanaryWeight(TWO_APPS, 'cart', 40, 'staging')).toEqual({
      text: TWO_APPS,
      changed: false,
      service: 'cart',
      namespace: 'staging',
      path: 'apps[1].workloads[0].canary.weight',
      stableVersion: 'v1',
      canaryVersion: 'v2',
      from: 40,
      to: 40,
    });
  });

  test('editCanaryWeight reports what changed', () => {
    const edit = editCanaryWeight(TWO_APPS, 'cart', 25, 'shop');
    expect({ ...edit, text: undefined }).toEqual({
      text: undefined,
      changed: true,
      service: 'cart',
      namespace: 'shop',
      path: 'apps[0].workloads[0].canary.weight',
      stableVersion: 'v1',
      canaryVersion: 'v2',
      from: 10,
      to: 25,
    });
  });

  test.each([
    [101, '--weight: expected an integer from 0 to 100, found 101'],
    [-1, '--weight: expected an integer from 0 to 100, found -1'],
    [2.5, '--weight: expected an integer from 0 to 100, found 2.5'],
    [Number.NaN, '--weight: expected an integer from 0 to 100, found NaN'],
  ])('weight %p is refused', (weight, message) => {
    const error = editError(() => setCanaryWeight(TWO_APPS, 'cart', weight, 'shop'));
    expect(error.kind).toBe('weight');
    expect(error.message).toBe(message);
    expect(`${error.problem.path}: ${error.problem.message}`).toBe(message);
  });

  test('an unknown service lists the workloads that have a canary', () => {
    const text = fs.readFileSync(EXAMPLE, 'utf8');
    const error = editError(() => setCanaryWeight(text, 'x', 25));
    expect(error.kind).toBe('service');
    expect(error.message).toBe('--service: no workload has this name (found "x", expected one of productcatalogservice)');
    // Each name once, in file order, even when several namespaces have it.
    expect(editError(() => setCanaryWeight(TWO_APPS, 'x', 25)).message).toBe('--service: no workload has this name (found "x", expected one of cart)');
  });

  test('a workload without a canary says so, at its path', () => {
    const error = editError(() => setCanaryWeight(TWO_APPS, 'frontend', 25));
    expect(error.kind).toBe('no-canary');
    expect(error.problem).toEqual({
      path: 'apps[0].workloads[1].canary',
      message: 'workload "frontend" has no canary (found nothing, expected a canary entry with version and weight)',
    });
    expect(error.message).toBe('apps[0].workloads[1].canary: workload "frontend" has no canary (found nothing, expected a canary entry with version and weight)');
  });

  test('a topology without canaries says so for an unknown name', () => {
    const text = TWO_APPS.replace('        canary: { version: v2, weight: 10 }   # flow style\n', '').replace(/ {8}canary:\n[\s\S]*$/, '');
    expect(editError(() => setCanaryWeight(text, 'x', 25)).message).toBe(
      '--service: no workload has this name (found "x", expected the name of a workload with a canary (this topology has none))',
    );
  });

  test('the same name in two namespaces needs --namespace', () => {
    const error = editError(() => setCanaryWeight(TWO_APPS, 'cart', 25));
    expect(error.kind).toBe('ambiguous');
    expect(error.message).toBe('--service: workloads in more than one namespace have this name (found "cart", expected --namespace with one of shop, staging)');
  });

  test('--namespace must name an app, and the workload must be in it', () => {
    const unknown = editError(() => setCanaryWeight(TWO_APPS, 'cart', 25, 'prod'));
    expect(unknown.kind).toBe('namespace');
    expect(unknown.message).toBe('--namespace: no app has this namespace (found "prod", expected one of shop, staging)');
    const elsewhere = editError(() => setCanaryWeight(TWO_APPS, 'frontend', 25, 'staging'));
    expect(elsewhere.kind).toBe('service');
    expect(elsewhere.message).toBe('--service: no workload in namespace "staging" has this name (found "frontend", expected one of cart)');
  });

  test('a weight shared through a YAML anchor or reached through an alias is not edited', () => {
    const anchored = TWO_APPS.replace('weight: 10 }', 'weight: &w 10 }').replace('      - name: frontend\n', '      - name: frontend\n        replicas: *w\n');
    expect(() => validateTopology(parseTopologyText(anchored, 'test'), 'test')).not.toThrow();
    const message =
      'apps[0].workloads[0].canary.weight: cannot be changed alone in the text (it is shared or reached through a YAML anchor, alias or merge key) (found 10, expected a plain number written in the canary entry)';
    const error = editError(() => setCanaryWeight(anchored, 'cart', 25, 'shop'));
    expect(error.kind).toBe('not-editable');
    expect(error.message).toBe(message);

    const aliased = TWO_APPS.replace('weight: 10 }', 'weight: *w }').replace('        version: v1\n', '        version: v1\n        replicas: &w 10\n');
    expect(() => validateTopology(parseTopologyText(aliased, 'test'), 'test')).not.toThrow();
    expect(editError(() => setCanaryWeight(aliased, 'cart', 25, 'shop')).message).toBe(message);

    // The whole canary entry shared with another workload: the number itself has no anchor.
    const shared = TWO_APPS.replace('canary: { version: v2', 'canary: &c { version: v2').replace(
      "        image: 'example/frontend:1'\n",
      "        image: 'example/frontend:1'\n        version: v1\n        canary: *c\n",
    );
    expect(() => validateTopology(parseTopologyText(shared, 'test'), 'test')).not.toThrow();
    expect(editError(() => setCanaryWeight(shared, 'cart', 25, 'shop')).message).toBe(message);
  });

  test('an invalid topology is refused with its problems before anything else', () => {
    const bad = TWO_APPS.replace('version: "v1"', 'version: "v2"');
    let thrown: unknown;
    try {
      setCanaryWeight(bad, 'cart', 25, 'staging');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TopologyError);
    expect((thrown as TopologyError).problems).toEqual([
      { path: 'apps[1].workloads[0].canary.version', message: 'the canary needs a version of its own (found "v2", expected a version other than "v2")' },
    ]);
    expect(() => setCanaryWeight('a: [', 'cart', 25)).toThrow(TopologyError);
  });
});

describe('parseWeight', () => {
  test.each([
    ['0', 0],
    ['25', 25],
    ['100', 100],
    ['025', 25],
    ['25.0', 25],
    [' 7 ', 7],
  ])('%p is %p', (raw, weight) => {
    expect(parseWeight(raw)).toBe(weight);
  });

  test.each([
    ['101', '--weight: expected an integer from 0 to 100, found "101"'],
    ['-1', '--weight: expected an integer from 0 to 100, found "-1"'],
    ['2.5', '--weight: expected an integer from 0 to 100, found "2.5"'],
    ['abc', '--weight: expected an integer from 0 to 100, found "abc"'],
    ['1e2', '--weight: expected an integer from 0 to 100, found "1e2"'],
    ['0x19', '--weight: expected an integer from 0 to 100, found "0x19"'],
    ['25%', '--weight: expected an integer from 0 to 100, found "25%"'],
  ])('%p is refused', (raw, message) => {
    const error = editError(() => parseWeight(raw));
    expect(error.kind).toBe('weight');
    expect(error.message).toBe(message);
  });
});
