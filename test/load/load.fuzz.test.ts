/**
 * Property-based fuzz of the loader (issue 10 point 6): whatever the text, and whatever one
 * mutation of a valid topology, parsing and validating either succeed or throw the loader's own
 * TopologyError (never a TypeError or another crash), every problem has a field path and a
 * message, and each run finishes fast.
 */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { parseTopologyText, validateTopology } from '../../src/load/load';
import { TopologyError } from '../../src/topology';
import { Json, Mutation, mutate, pathsOf } from '../topology/mutations';

const EXAMPLES = path.resolve(__dirname, '../../examples');
const NUM_RUNS = 200;
/**
 * Longest time one parse-and-validate may take: far above the usual few milliseconds, so that
 * only a blow-up (quadratic or worse in the input) fails it on a busy machine.
 */
const RUN_LIMIT_MS = 5_000;

/** Parses and validates `text`; returns the TopologyError, or undefined when the topology is valid. */
function load(text: string): TopologyError | undefined {
  const started = Date.now();
  let found: TopologyError | undefined;
  try {
    validateTopology(parseTopologyText(text, 'fuzz.yaml'), 'fuzz.yaml');
  } catch (error) {
    if (!(error instanceof TopologyError)) throw error;
    found = error;
  }
  const elapsed = Date.now() - started;
  if (elapsed > RUN_LIMIT_MS) throw new Error(`loading took ${elapsed} ms`);
  return found;
}

/** Validates a plain object; same contract as {@link load}. */
function validate(input: unknown): TopologyError | undefined {
  try {
    validateTopology(input, 'fuzz');
    return undefined;
  } catch (error) {
    if (!(error instanceof TopologyError)) throw error;
    return error;
  }
}

function expectFieldPaths(error: TopologyError | undefined): void {
  if (error === undefined) return;
  expect(error.problems.length).toBeGreaterThan(0);
  for (const p of error.problems) {
    expect(typeof p.path).toBe('string');
    expect(p.path.length).toBeGreaterThan(0);
    expect(p.message.length).toBeGreaterThan(0);
  }
}

/** Values that tend to break code written for the right shape. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom('', ' ', '\n', '-', '*', '0', 'null', '10.0.0.0/0', 'us-west1-a', 'default', 'kube-system', '__proto__', 'constructor', 'x'.repeat(5_000)),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, [], {}, -1, 0, 65536, Number.MAX_SAFE_INTEGER),
  fc.string({ maxLength: 80 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), value: oddValue }),
  fc.constant({ kind: 'delete' as const }),
  fc.constant({ kind: 'duplicate' as const }),
  fc.record({
    kind: fc.constant('add' as const),
    key: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('name', 'port', 'image', '__proto__', 'constructor')),
    value: oddValue,
  }),
);

const VALID = ['private-asm-multicluster', 'multicluster-gateway-blue-green', 'mesh-routes-gamma', 'istio-primary-remote', 'mci-host-rules-https'].map(
  (name) => parse(fs.readFileSync(path.join(EXAMPLES, `${name}.yaml`), 'utf8')) as Json,
);
/** The smaller valid files as text, for text mutations (parsing the largest is the slow part). */
const VALID_TEXTS = VALID.slice(1).map((v) => stringify(v));

describe('the loader under fuzzing', () => {
  // Compiles the schema once, outside the timed runs.
  beforeAll(() => validate(VALID[0]));

  test('arbitrary text: a TopologyError with field paths, or a topology', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc.anything({ maxDepth: 3 }).map((value) => stringify(value) ?? ''),
      // A valid file with a slice cut out or a line repeated.
      fc.tuple(fc.constantFrom(...VALID_TEXTS), fc.nat(), fc.nat({ max: 80 })).map(([t, at, length]) => t.slice(0, at % t.length) + t.slice((at % t.length) + length)),
      fc.tuple(fc.constantFrom(...VALID_TEXTS), fc.nat()).map(([t, at]) => {
        const lines = t.split('\n');
        const i = at % lines.length;
        return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n');
      }),
    );
    fc.assert(
      fc.property(text, (t) => expectFieldPaths(load(t))),
      { numRuns: NUM_RUNS },
    );
  });

  test('one mutation of a valid topology: a TopologyError with field paths, or a topology', () => {
    const mutated = fc
      .nat({ max: VALID.length - 1 })
      .chain((i) => fc.tuple(fc.constant(VALID[i]), fc.constantFrom(...pathsOf(VALID[i])), mutation))
      .map(([base, at, m]) => mutate(base, at, m));
    fc.assert(
      fc.property(mutated, (input) => expectFieldPaths(validate(input))),
      { numRuns: NUM_RUNS },
    );
  });

  test('two mutations at once, through YAML text', () => {
    const twice = fc
      .nat({ max: VALID.length - 1 })
      .chain((i) => fc.tuple(fc.constant(VALID[i]), fc.constantFrom(...pathsOf(VALID[i])), mutation, mutation))
      .map(([base, at, m1, m2]) => {
        const once = mutate(base, at, m1) as Json;
        const paths = pathsOf(once);
        return paths.length === 0 ? once : mutate(once, paths[at.length % paths.length], m2);
      });
    fc.assert(
      fc.property(twice, (input) => expectFieldPaths(load(stringify(input) ?? ''))),
      { numRuns: NUM_RUNS / 4 },
    );
  });
});
