import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTopologyFile } from '../../src/load/load';
import { badTopologyText, EXAMPLES_DIR, leftovers, run, TempDirs, writeFile } from './helpers';

jest.setTimeout(30_000);

const EXAMPLE = path.join(EXAMPLES_DIR, 'canary-productcatalog.yaml');
const NAME = 'canary-productcatalog.yaml';
const ORIGINAL = fs.readFileSync(EXAMPLE, 'utf8');
const WEIGHT_LINE = '          weight: 0\n';

const temp = new TempDirs();
const startDir = process.cwd();
afterEach(() => {
  process.chdir(startDir);
  temp.cleanup();
});

/** A temporary folder holding a copy of the canary example, made the working directory. */
function copyOfExample(text = ORIGINAL): string {
  const dir = temp.make();
  writeFile(dir, NAME, text);
  process.chdir(dir);
  return dir;
}

/** The example with the canary at `weight`, byte for byte (only that line differs). */
function exampleAt(weight: number): string {
  expect(ORIGINAL.split(WEIGHT_LINE).length).toBe(2);
  return ORIGINAL.replace(WEIGHT_LINE, `          weight: ${weight}\n`);
}

function weightIn(file: string): number | undefined {
  return loadTopologyFile(file).apps[0].workloads[0].canary?.weight;
}

describe('meshfleet canary', () => {
  test('0 → 25 → 100 → 0 edits only the weight, in place', async () => {
    const dir = copyOfExample();
    fs.chmodSync(NAME, 0o640);
    const steps: Array<[string, number, string]> = [
      ['25', 25, `canary productcatalogservice: 0% → 25% (v1 75%, v2 25%) in ${NAME}; run 'meshfleet synth' to apply`],
      ['100', 100, `canary productcatalogservice: 25% → 100%, promoted (only v2 receives traffic) in ${NAME}; run 'meshfleet synth' to apply`],
      ['0', 0, `canary productcatalogservice: 100% → 0%, rolled back (only v1 receives traffic) in ${NAME}; run 'meshfleet synth' to apply`],
    ];
    for (const [flag, weight, line] of steps) {
      const result = await run('canary', '--topology', NAME, '--service', 'productcatalogservice', '--weight', flag);
      expect(result).toEqual({ status: 0, stdout: [line], stderr: [] });
      expect(weightIn(NAME)).toBe(weight);
      expect(fs.readFileSync(NAME, 'utf8')).toBe(exampleAt(weight));
      expect(fs.statSync(NAME).mode & 0o777).toBe(0o640);
      expect(fs.readdirSync(dir)).toEqual([NAME]);
      expect(leftovers(dir)).toEqual([]);
    }
    expect(fs.readFileSync(NAME, 'utf8')).toBe(ORIGINAL);
  });

  test('short options and --namespace work too', async () => {
    copyOfExample();
    const result = await run('canary', '-t', NAME, '-s', 'productcatalogservice', '-w', '50', '-n', 'onlineboutique');
    expect(result).toEqual({
      status: 0,
      stdout: [`canary productcatalogservice: 0% → 50% (v1 50%, v2 50%) in ${NAME}; run 'meshfleet synth' to apply`],
      stderr: [],
    });
    expect(weightIn(NAME)).toBe(50);
  });

  test('the same weight is a no-op: exit 0, the file is not rewritten', async () => {
    copyOfExample(exampleAt(25));
    const before = fs.statSync(NAME);
    const result = await run('canary', '--topology', NAME, '--service', 'productcatalogservice', '--weight', '25');
    expect(result).toEqual({
      status: 0,
      stdout: [`canary productcatalogservice: already at 25% (v1 75%, v2 25%) in ${NAME}; nothing to change`],
      stderr: [],
    });
    const after = fs.statSync(NAME);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(fs.readFileSync(NAME, 'utf8')).toBe(exampleAt(25));
  });

  test('a symbolic link stays a link; its target is edited', async () => {
    const dir = copyOfExample();
    fs.symlinkSync(NAME, 'link.yaml');
    const result = await run('canary', '--topology', 'link.yaml', '--service', 'productcatalogservice', '--weight', '10');
    expect(result.status).toBe(0);
    expect(fs.lstatSync('link.yaml').isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(NAME, 'utf8')).toBe(exampleAt(10));
    expect(fs.readdirSync(dir).sort()).toEqual([NAME, 'link.yaml']);
  });

  test.each([
    [['--weight', '101'], '101'],
    [['--weight=-1'], '-1'],
    [['--weight', '-1'], '-1'],
    [['-w', '-1'], '-1'],
    [['--weight', '-0.5'], '-0.5'],
    [['--weight', '2.5'], '2.5'],
    [['--weight', '1.5'], '1.5'],
    [['--weight', 'abc'], 'abc'],
  ])('%p is a range error: exit 2, the file as it was', async (weight, found) => {
    const dir = copyOfExample();
    const result = await run('canary', '--topology', NAME, '--service', 'productcatalogservice', ...weight);
    expect(result).toEqual({
      status: 2,
      stdout: [],
      stderr: [`meshfleet: --weight: expected an integer from 0 to 100, found "${found}"`, 'Usage: meshfleet canary [FILE] --service NAME --weight N [--namespace NS]'],
    });
    expect(fs.readFileSync(NAME)).toEqual(fs.readFileSync(EXAMPLE));
    expect(fs.readdirSync(dir)).toEqual([NAME]);
  });

  test('an unknown service exits 1 and names the workloads with a canary', async () => {
    copyOfExample();
    const result = await run('canary', '--topology', NAME, '--service', 'x', '--weight', '25');
    expect(result).toEqual({
      status: 1,
      stdout: [],
      stderr: ['--service: no workload has this name (found "x", expected one of productcatalogservice)'],
    });
    expect(fs.readFileSync(NAME)).toEqual(fs.readFileSync(EXAMPLE));
  });

  test('an unknown namespace exits 1', async () => {
    copyOfExample();
    const result = await run('canary', '--topology', NAME, '--service', 'productcatalogservice', '--weight', '25', '--namespace', 'shop');
    expect(result).toEqual({
      status: 1,
      stdout: [],
      stderr: ['--namespace: no app has this namespace (found "shop", expected one of onlineboutique)'],
    });
    expect(fs.readFileSync(NAME)).toEqual(fs.readFileSync(EXAMPLE));
  });

  test('a workload without a canary is reported under the file name, like topology problems', async () => {
    const text = ORIGINAL.replace(/ {8}canary:\n( {10}.*\n)+/, '');
    expect(text).not.toContain('canary:');
    copyOfExample(text);
    const result = await run('canary', '--topology', NAME, '--service', 'productcatalogservice', '--weight', '25');
    expect(result).toEqual({
      status: 1,
      stdout: [],
      stderr: [
        `${NAME}: 1 problem`,
        'apps[0].workloads[0].canary: workload "productcatalogservice" has no canary (found nothing, expected a canary entry with version and weight)',
      ],
    });
    expect(fs.readFileSync(NAME, 'utf8')).toBe(text);
  });

  test('an invalid topology exits 1 with its problems, as validate prints them, and is not touched', async () => {
    copyOfExample(badTopologyText());
    const validate = await run('validate', '--topology', NAME);
    const result = await run('canary', '--topology', NAME, '--service', 'productcatalogservice', '--weight', '25');
    expect(validate.status).toBe(1);
    expect(result).toEqual({ status: 1, stdout: [], stderr: validate.stderr });
    expect(fs.readFileSync(NAME, 'utf8')).toBe(badTopologyText());
  });

  test('a missing file exits 1', async () => {
    copyOfExample();
    const result = await run('canary', '--topology', 'nope.yaml', '--service', 'productcatalogservice', '--weight', '25');
    expect(result).toEqual({
      status: 1,
      stdout: [],
      stderr: ['nope.yaml: 1 problem', '(file): cannot read the topology (found no such file, expected a readable YAML or JSON file)'],
    });
  });

  test.each([
    ['--service', ['--topology', NAME, '--weight', '25']],
    ['--weight', ['--topology', NAME, '--service', 'productcatalogservice']],
  ])('a missing %s is a usage error (exit 2)', async (option, argv) => {
    copyOfExample();
    const result = await run('canary', ...argv);
    expect(result).toEqual({
      status: 2,
      stdout: [],
      stderr: [`meshfleet: option '${option}' is required`, 'Usage: meshfleet canary [FILE] --service NAME --weight N [--namespace NS]'],
    });
    expect(fs.readFileSync(NAME)).toEqual(fs.readFileSync(EXAMPLE));
  });

  test('the file as FILE, or ./meshfleet.yaml without one; never the demo (exit 2 without a file)', async () => {
    copyOfExample();
    const positional = await run('canary', NAME, '-s', 'productcatalogservice', '-w', '25');
    expect(positional.status).toBe(0);
    expect(weightIn(NAME)).toBe(25);

    fs.renameSync(NAME, 'meshfleet.yaml');
    const found = await run('canary', '-s', 'productcatalogservice', '-w', '30');
    expect(found).toEqual({ status: 0, stdout: [expect.stringContaining('25% → 30%') as string], stderr: [] });
    expect(weightIn('meshfleet.yaml')).toBe(30);

    fs.rmSync('meshfleet.yaml');
    const none = await run('canary', '-s', 'productcatalogservice', '-w', '25');
    expect(none).toEqual({
      status: 2,
      stdout: [],
      stderr: [
        'meshfleet: no topology file: give one as FILE, or run in a folder holding meshfleet.yaml, or set MESHFLEET_TOPOLOGY',
        'Usage: meshfleet canary [FILE] --service NAME --weight N [--namespace NS]',
      ],
    });
  });

  test.each([
    ['an unknown option', ['--frobnicate']],
    ['an option of another command', ['--out', 'x']],
    ['an option after --weight', ['--weight', '--namespace']],
  ])('%s is a usage error (exit 2)', async (_what, extra) => {
    copyOfExample();
    const base = ['--topology', NAME, '--service', 'productcatalogservice'];
    const result = await run('canary', ...base, ...(extra.includes('--weight') ? [] : ['--weight', '25']), ...extra);
    expect(result.status).toBe(2);
    expect(result.stdout).toEqual([]);
    expect(result.stderr[0]).toMatch(/^meshfleet: \S/);
    expect(result.stderr[result.stderr.length - 1]).toBe('Usage: meshfleet canary [FILE] --service NAME --weight N [--namespace NS]');
    expect(fs.readFileSync(NAME)).toEqual(fs.readFileSync(EXAMPLE));
  });
});
