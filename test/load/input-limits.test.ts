/**
 * Issue 17, point 5 (input limits): a topology file that is not a regular file, is too large, is
 * nested too deeply or has keys that JavaScript cannot carry as data is refused with a path and a
 * message, instead of hanging, crashing with "Maximum call stack size exceeded" or losing data.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTopologyFile, parseTopologyText, validateTopology } from '../../src/load/load';
import { MAX_NESTING_DEPTH, MAX_TOPOLOGY_BYTES } from '../../src/load/limits';
import { readPlainYaml } from '../../src/load/plain-yaml';
import { TopologyError } from '../../src/topology/rules/problems';

const EXAMPLE = path.join(__dirname, '../../examples/private-asm-multicluster.yaml');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-limits-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The problems `load` throws, as `path: message` lines. */
function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof TopologyError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a TopologyError');
}

describe('the topology file must be a regular file of at most 4 MiB', () => {
  test('a folder', () => {
    expect(problemsOf(() => loadTopologyFile(dir))).toEqual(['(file): cannot read the topology (found a folder, expected a regular file)']);
  });

  test('a character device (/dev/zero would be read forever)', () => {
    expect(problemsOf(() => loadTopologyFile('/dev/zero'))).toEqual(['(file): cannot read the topology (found a character device, expected a regular file)']);
  });

  test('a symbolic link to a regular file is read', () => {
    const link = path.join(dir, 'topology.yaml');
    fs.symlinkSync(EXAMPLE, link);
    expect(loadTopologyFile(link).name).toBe('private-asm-multicluster');
  });

  test('a file larger than the limit is refused with its size, before it is read', () => {
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_TOPOLOGY_BYTES + 1);
    expect(MAX_TOPOLOGY_BYTES).toBe(4 * 1024 * 1024);
    expect(problemsOf(() => loadTopologyFile(file))).toEqual(['(file): cannot read the topology (found a file of 4 MiB (4194305 bytes), expected at most 4 MiB (4194304 bytes))']);
    fs.truncateSync(file, 5 * 1024 * 1024);
    expect(problemsOf(() => loadTopologyFile(file))[0]).toMatch(/found a file of 5 MiB \(5242880 bytes\), expected at most 4 MiB \(4194304 bytes\)/);
  });

  test('a missing file', () => {
    expect(problemsOf(() => loadTopologyFile(path.join(dir, 'missing.yaml')))).toEqual([
      '(file): cannot read the topology (found no such file, expected a readable YAML or JSON file)',
    ]);
  });
});

describe(`nesting is bounded (${MAX_NESTING_DEPTH} levels), with a path, before anything recurses`, () => {
  const flow = (depth: number): string => `name: x\nextra: ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}\n`;
  const block = (depth: number): string => `name: x\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('')}`;

  test.each([
    ['flow lists', flow],
    ['block mappings', block],
  ])('%s: the limit passes the depth check, one more level is refused', (_what, text) => {
    // At the limit: the schema check reports the unknown key, nothing about depth.
    expect(problemsOf(() => parseAndValidate(text(MAX_NESTING_DEPTH))).join('\n')).not.toMatch(/nested too deeply/);
    expect(problemsOf(() => parseAndValidate(text(MAX_NESTING_DEPTH + 1)))).toEqual([
      expect.stringMatching(/^line \d+, column \d+: nested too deeply \(found more than 64 levels of mappings and lists, expected at most 64\)$/),
    ]);
  });

  test.each([
    ['flow lists 100000', flow(100_000)],
    ['block mappings 3000', block(3_000)],
  ])('%s levels deep are refused, not a stack overflow', (_what, text) => {
    expect(problemsOf(() => parseAndValidate(text))).toEqual([expect.stringMatching(/nested too deeply/)]);
  });

  test('the plain reader gives a too deep document to the library (which reports it)', () => {
    expect(readPlainYaml(flow(MAX_NESTING_DEPTH + 1))).toBeUndefined();
    expect(readPlainYaml(block(MAX_NESTING_DEPTH + 1))).toBeUndefined();
    expect(readPlainYaml(flow(MAX_NESTING_DEPTH))).toBeDefined();
  });

  test('a value nested too deeply through aliases, or given as an object, is refused with its field path', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = { k: deep };
    const [line] = problemsOf(() => validateTopology({ name: 'x', extra: deep }));
    expect(line).toMatch(/^extra\.k\.k\.k.*: nested too deeply \(found more than 64 levels/);
    expect(line.length).toBeLessThan(400);
  });
});

describe('keys JavaScript cannot carry as data are refused with their path', () => {
  test.each(['constructor', '__proto__'])('%s in ConfigMap data (YAML and JSON)', (key) => {
    const text = fs.readFileSync(EXAMPLE, 'utf8').replace('          LOCAL_ROUTING_NUM: "883745000"\n', `          LOCAL_ROUTING_NUM: "883745000"\n          "${key}": "x"\n`);
    const expected = `apps[0].configMaps[0].data.${key}: unsupported key (found "${key}", expected a key other than "__proto__" and "constructor" (JavaScript, which carries the topology to the rendered YAML, cannot keep them as data))`;
    expect(problemsOf(() => parseAndValidate(text))).toEqual([expected]);
    const json = JSON.stringify(parseTopologyText(fs.readFileSync(EXAMPLE, 'utf8'), 'x')).replace('"LOCAL_ROUTING_NUM":', `"${key}":"x","LOCAL_ROUTING_NUM":`);
    expect(problemsOf(() => parseAndValidate(json))).toEqual([expected]);
  });

  test('toString is an ordinary key', () => {
    const text = fs.readFileSync(EXAMPLE, 'utf8').replace('          LOCAL_ROUTING_NUM: "883745000"\n', '          LOCAL_ROUTING_NUM: "883745000"\n          toString: "x"\n');
    expect(parseAndValidate(text)).toBeDefined();
  });
});

test('a named pipe is refused without blocking', () => {
  const fifo = path.join(dir, 'topology.yaml');
  execFileSync('mkfifo', [fifo]);
  expect(problemsOf(() => loadTopologyFile(fifo))).toEqual(['(file): cannot read the topology (found a named pipe (FIFO), expected a regular file)']);
});

function parseAndValidate(text: string): unknown {
  return validateTopology(parseTopologyText(text, 'topology.yaml'), 'topology.yaml');
}
