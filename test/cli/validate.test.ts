import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTopologyFile } from '../../src/topology';
import { badTopologyText, examples, EXAMPLES_DIR, run, snapshot, TempDirs, writeFile } from './helpers';

jest.setTimeout(30_000);

const temp = new TempDirs();
const startDir = process.cwd();
afterEach(() => {
  process.chdir(startDir);
  temp.cleanup();
});

describe('meshfleet validate', () => {
  test.each(examples().map((file) => [path.basename(file), file]))('prints a one-line summary of %s and writes nothing', async (_name, file) => {
    const cwd = temp.make();
    process.chdir(cwd);
    const examplesBefore = snapshot(EXAMPLES_DIR);

    const result = await run('validate', '--topology', file);
    expect(result).toEqual({ status: 0, stdout: [expect.stringMatching(/^ok: /)], stderr: [] });
    const clusters = loadTopologyFile(file).clusters.length;
    expect(result.stdout[0]).toMatch(new RegExp(`^ok: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${clusters} clusters?\\b`));
    expect(fs.readdirSync(cwd)).toEqual([]);
    expect(snapshot(EXAMPLES_DIR)).toEqual(examplesBefore);
  });

  test('validates the default example when --topology is not given', async () => {
    const result = await run('validate');
    expect(result.status).toBe(0);
    expect(result.stdout[0]).toMatch(/^ok: .*private-asm-multicluster\.yaml: 3 clusters/);
  });

  test('prints every problem and exits 1 for a bad topology', async () => {
    const dir = temp.make();
    const bad = writeFile(dir, 'bad.yaml', badTopologyText());
    process.chdir(dir);
    const result = await run('validate', '--topology', 'bad.yaml');
    expect(result.status).toBe(1);
    expect(result.stdout).toEqual([]);
    expect(result.stderr[0]).toMatch(/^bad\.yaml: \d+ problems$/);
    expect(result.stderr.length).toBe(Number(/(\d+) problems/.exec(result.stderr[0])![1]) + 1);
    expect(result.stderr.slice(1).every((line) => /^[^:]+: \S/.test(line))).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([path.basename(bad)]);
  });
});
