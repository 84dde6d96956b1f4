import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTopologyFile } from '../../src/load/load';
import { versionSplitOf } from '../../src/topology/resolve/traffic-split';
import { EXAMPLES_DIR, leftovers, run, TempDirs, writeFile } from './helpers';

jest.setTimeout(30_000);

const NAME = 'istio-traffic-shifting.yaml';
const ORIGINAL = fs.readFileSync(path.join(EXAMPLES_DIR, NAME), 'utf8');
const CANARY = fs.readFileSync(path.join(EXAMPLES_DIR, 'canary-productcatalog.yaml'), 'utf8');
const USAGE = 'Usage: meshfleet shift [FILE] --service NAME --to V=N,... [--namespace NS]';

const temp = new TempDirs();
const startDir = process.cwd();
afterEach(() => {
  process.chdir(startDir);
  temp.cleanup();
});

/** A temporary folder holding `text` as NAME, made the working directory. */
function copyOf(text: string, name = NAME): string {
  const dir = temp.make();
  writeFile(dir, name, text);
  process.chdir(dir);
  return dir;
}

/** The split of `service` in the topology file, as `v1=50,...`. */
function splitIn(file: string, service: string): string {
  const w = loadTopologyFile(file).apps[0].workloads.find((x) => x.name === service)!;
  return versionSplitOf(w)
    .map((v) => `${v.version}=${v.weight}`)
    .join(',');
}

describe('meshfleet shift', () => {
  test('50/0/50 → v3 100 → v2=20,v1=80: only the weights change, in place, mode kept', async () => {
    const dir = copyOf(ORIGINAL);
    fs.chmodSync(NAME, 0o640);
    const steps: Array<[string, string, string]> = [
      ['v3=100', 'v1=0,v2=0,v3=100', `shift reviews: v1 50%, v2 0%, v3 50% → v1 0%, v2 0%, v3 100% in ${NAME}; run 'meshfleet synth' to apply`],
      ['v2=20,v1=80', 'v1=80,v2=20,v3=0', `shift reviews: v1 0%, v2 0%, v3 100% → v1 80%, v2 20%, v3 0% in ${NAME}; run 'meshfleet synth' to apply`],
      ['v3=50,v1=50', 'v1=50,v2=0,v3=50', `shift reviews: v1 80%, v2 20%, v3 0% → v1 50%, v2 0%, v3 50% in ${NAME}; run 'meshfleet synth' to apply`],
    ];
    for (const [to, split, line] of steps) {
      const result = await run('shift', '--topology', NAME, '--service', 'reviews', '--to', to);
      expect(result).toEqual({ status: 0, stdout: [line], stderr: [] });
      expect(splitIn(NAME, 'reviews')).toBe(split);
      expect(fs.statSync(NAME).mode & 0o777).toBe(0o640);
      expect(fs.readdirSync(dir)).toEqual([NAME]);
      expect(leftovers(dir)).toEqual([]);
      // Comments and every other line stay.
      const changed = ORIGINAL.split('\n').filter((l, i) => l !== fs.readFileSync(NAME, 'utf8').split('\n')[i]);
      expect(changed.every((l) => /^ {12}weight: \d+$/.test(l))).toBe(true);
    }
    expect(fs.readFileSync(NAME, 'utf8')).toBe(ORIGINAL);
  });

  test('the same weights are a no-op: exit 0, the file is not rewritten', async () => {
    copyOf(ORIGINAL);
    const before = fs.statSync(NAME);
    const result = await run('shift', '-t', NAME, '-s', 'reviews', '--to', 'v1=50,v3=50', '-n', 'bookinfo');
    expect(result).toEqual({ status: 0, stdout: [`shift reviews: already at v1 50%, v2 0%, v3 50% in ${NAME}; nothing to change`], stderr: [] });
    const after = fs.statSync(NAME);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  test('a canary workload: shift edits canary.weight, and canary still works on it', async () => {
    copyOf(CANARY, 'canary.yaml');
    const shift = await run('shift', '--topology', 'canary.yaml', '--service', 'productcatalogservice', '--to', 'v1=75,v2=25');
    expect(shift.status).toBe(0);
    expect(fs.readFileSync('canary.yaml', 'utf8')).toBe(CANARY.replace('          weight: 0\n', '          weight: 25\n'));
    const canary = await run('canary', '--topology', 'canary.yaml', '--service', 'productcatalogservice', '--weight', '0');
    expect(canary.status).toBe(0);
    expect(fs.readFileSync('canary.yaml', 'utf8')).toBe(CANARY);
  });

  test.each([
    ['v1=50,v3=40', '--to: the weights do not sum to 100 (found 90, expected weights summing to 100)'],
    ['v1=150', '--to: weight of v1 out of range (found 150, expected an integer from 0 to 100)'],
    ['v1:100', '--to: not VERSION=WEIGHT: "v1:100" (found "v1:100", expected VERSION=WEIGHT pairs separated by commas, integers from 0 to 100 summing to 100, e.g. v3=50,v1=50)'],
    ['-5', '--to: not VERSION=WEIGHT: "-5" (found "-5", expected VERSION=WEIGHT pairs separated by commas, integers from 0 to 100 summing to 100, e.g. v3=50,v1=50)'],
  ])('--to %p is a usage error (exit 2) and leaves the file as it was', async (to, message) => {
    const dir = copyOf(ORIGINAL);
    const result = await run('shift', '--topology', NAME, '--service', 'reviews', '--to', to);
    expect(result).toEqual({ status: 2, stdout: [], stderr: [`meshfleet: ${message}`, USAGE] });
    expect(fs.readFileSync(NAME, 'utf8')).toBe(ORIGINAL);
    expect(fs.readdirSync(dir)).toEqual([NAME]);
  });

  test('--to naming a version the workload does not have exits 1 (a problem of the topology, not of the command line)', async () => {
    const dir = copyOf(ORIGINAL);
    const result = await run('shift', '--topology', NAME, '--service', 'reviews', '--to', 'v4=100');
    expect(result).toEqual({ status: 1, stdout: [], stderr: ['--to: workload "reviews" has no version "v4" (found "v4", expected one of v1, v2, v3)'] });
    expect(fs.readFileSync(NAME, 'utf8')).toBe(ORIGINAL);
    expect(fs.readdirSync(dir)).toEqual([NAME]);
  });

  test('a workload without versions is reported under the file name', async () => {
    copyOf(ORIGINAL);
    const result = await run('shift', '--topology', NAME, '--service', 'details', '--to', 'v1=100');
    expect(result).toEqual({
      status: 1,
      stdout: [],
      stderr: [`${NAME}: 1 problem`, 'apps[0].workloads[0].versions: workload "details" has no versions (found nothing, expected versions, or a canary)'],
    });
  });

  test('a missing --to is a usage error (exit 2)', async () => {
    copyOf(ORIGINAL);
    const result = await run('shift', '--topology', NAME, '--service', 'reviews');
    expect(result).toEqual({ status: 2, stdout: [], stderr: ["meshfleet: option '--to' is required", USAGE] });
  });
});
