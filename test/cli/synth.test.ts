import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTopologyFile } from '../../src/load/load';
import { gkeClusters, TopologyError } from '../../src/topology';
import { badTopologyText, examples, leftovers, REPO_ROOT, run, snapshot, TempDirs, writeFile } from './helpers';

jest.setTimeout(60_000);

const temp = new TempDirs();
afterEach(() => temp.cleanup());

interface CdktfManifest {
  stacks: Record<string, { synthesizedStackPath: string; workingDirectory: string }>;
}

function readManifest(out: string): CdktfManifest {
  return JSON.parse(fs.readFileSync(path.join(out, 'terraform', 'manifest.json'), 'utf8')) as CdktfManifest;
}

/** The problems `loadTopologyFile` reports for a file, as the CLI prints them. */
function expectedProblemLines(file: string): string[] {
  try {
    loadTopologyFile(file);
  } catch (error) {
    if (error instanceof TopologyError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error(`${file} has no problems`);
}

describe('meshfleet synth', () => {
  test.each(examples().map((file) => [path.basename(file), file]))('writes the cdktf layout for %s', async (_name, file) => {
    const out = path.join(temp.make(), 'out');
    const result = await run('synth', '--topology', file, '--out', out);
    expect(result.stderr).toEqual([]);
    expect(result.status).toBe(0);

    const manifest = readManifest(out);
    const stacks = Object.values(manifest.stacks);
    // Topologies of existing (external) clusters only get no Terraform stack.
    const hasGkeCluster = gkeClusters(loadTopologyFile(file)).length > 0;
    expect(stacks.length > 0).toBe(hasGkeCluster);
    const expectedTerraformFiles = ['terraform/manifest.json', ...stacks.map((s) => `terraform/${s.synthesizedStackPath}`)];
    for (const stack of stacks) {
      expect(stack.synthesizedStackPath).toBe(`stacks/${path.basename(stack.workingDirectory)}/cdk.tf.json`);
      JSON.parse(fs.readFileSync(path.join(out, 'terraform', stack.synthesizedStackPath), 'utf8'));
      expect(result.stdout.join('\n')).toContain(`terraform/${stack.workingDirectory}/`);
    }
    const files = snapshot(out)
      .filter((line) => !line.endsWith('/'))
      .map((line) => line.split(' ')[0]);
    expect(files.filter((f) => f.startsWith('terraform/')).sort()).toEqual(expectedTerraformFiles.sort());
    const gitops = loadTopologyFile(file).gitops === undefined ? [] : files.filter((f) => f.startsWith('gitops/'));
    expect(files.filter((f) => !f.startsWith('terraform/') && !f.startsWith('k8s/') && !f.startsWith('gitops/'))).toEqual([
      '.meshfleet-output.json',
      'README.md',
      'clusters.json',
      'diagram.svg',
    ]);
    expect(files.filter((f) => f.startsWith('gitops/'))).toEqual(gitops);
    expect(result.stdout[0]).toMatch(new RegExp(`^synthesized .+ into .+/ \\(${files.length} files?\\)$`));
    expect(leftovers(path.dirname(out))).toEqual([]);
  });

  test('uses the default example when --topology is not given', async () => {
    const byDefault = path.join(temp.make(), 'out');
    const explicit = path.join(temp.make(), 'out');
    expect((await run('synth', '--out', byDefault)).status).toBe(0);
    // Named as the default is shown (relative to the working folder): the runbook's re-synth command holds it.
    const topology = path.relative(process.cwd(), path.join(REPO_ROOT, 'examples/private-asm-multicluster.yaml'));
    expect((await run('synth', '--topology', topology, '--out', explicit)).status).toBe(0);
    expect(snapshot(byDefault)).toEqual(snapshot(explicit));
  });

  test.each(examples().map((file) => [path.basename(file), file]))('is deterministic for %s', async (_name, file) => {
    const first = path.join(temp.make(), 'first-out');
    const second = path.join(temp.make(), 'nested', 'second');
    expect((await run('synth', '--topology', file, '--out', first)).status).toBe(0);
    expect((await run('synth', '--topology', file, '--out', second)).status).toBe(0);
    const a = snapshot(first);
    expect(a.length).toBeGreaterThan(0);
    expect(snapshot(second)).toEqual(a);
  });

  test('writes no absolute path: not the output or temp folder, the repository or the working directory', async () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    const forbidden = new Set(
      // Temp folders by their meshfleet prefix: a bare /tmp is an app's own mount path (Bank of Anthos).
      [
        out,
        parent,
        fs.realpathSync(parent),
        REPO_ROOT,
        process.cwd(),
        path.join(os.tmpdir(), 'meshfleet-'),
        path.join(fs.realpathSync(os.tmpdir()), 'meshfleet-'),
        os.homedir(),
        '.tmp-',
        '.out.tmp',
      ].filter((s) => s.length > 1),
    );
    for (const line of snapshot(out).filter((l) => !l.endsWith('/'))) {
      const file = line.split(' ')[0];
      const text = fs.readFileSync(path.join(out, file), 'utf8');
      for (const needle of forbidden) {
        if (text.includes(needle)) throw new Error(`${file} contains ${JSON.stringify(needle)}`);
      }
    }
  });

  test('removes files of an earlier run that are no longer produced', async () => {
    const out = path.join(temp.make(), 'out');
    const fresh = path.join(temp.make(), 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    writeFile(out, 'terraform/stacks/retired/cdk.tf.json', '{}');
    writeFile(out, 'k8s/old-cluster/kustomization.yaml', 'resources: []\n');
    writeFile(out, 'k8s/notes.txt', 'hand-written inside a folder meshfleet writes\n');
    // A top-level entry meshfleet does not write is the user's: kept (issue 17, point 5).
    writeFile(out, 'notes.txt', 'hand-written\n');
    expect((await run('synth', '--out', out)).status).toBe(0);
    expect((await run('synth', '--out', fresh)).status).toBe(0);
    expect(snapshot(out).filter((line) => !line.startsWith('notes.txt '))).toEqual(snapshot(fresh));
    expect(fs.existsSync(path.join(out, 'k8s/notes.txt'))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('hand-written\n');
    expect(leftovers(path.dirname(out))).toEqual([]);
  });

  test('on topology problems prints every problem, exits 1 and leaves the output folder byte-identical', async () => {
    const dir = temp.make();
    const bad = writeFile(dir, 'bad.yaml', badTopologyText());
    const out = path.join(dir, 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    writeFile(out, 'MARKER', 'keep me\n');
    const before = snapshot(out);

    const result = await run('synth', '--topology', bad, '--out', out);
    expect(result.status).toBe(1);
    expect(result.stdout).toEqual([]);
    const problems = expectedProblemLines(bad);
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(result.stderr).toEqual([`${bad}: ${problems.length} problems`, ...problems]);
    expect(result.stderr.join('\n')).toContain('clusters[0].zone: ');
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
  });

  test('on topology problems creates no output folder', async () => {
    const dir = temp.make();
    const bad = writeFile(dir, 'bad.yaml', badTopologyText());
    const result = await run('synth', '--topology', bad, '--out', path.join(dir, 'a', 'b', 'out'));
    expect(result.status).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(['bad.yaml']);
  });

  test('reports a missing topology file as a problem (exit 1)', async () => {
    const dir = temp.make();
    const missing = path.join(dir, 'nope.yaml');
    const result = await run('synth', '--topology', missing, '--out', path.join(dir, 'out'));
    expect(result.status).toBe(1);
    expect(result.stderr[0]).toBe(`${missing}: 1 problem`);
    expect(result.stderr[1]).toMatch(/^\(file\): /);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('refuses to replace a non-empty folder that holds no earlier output', async () => {
    const dir = temp.make();
    writeFile(dir, 'precious.txt', 'do not delete\n');
    const before = snapshot(dir);
    const result = await run('synth', '--out', dir);
    expect(result.status).toBe(1);
    expect(result.stderr[0]).toMatch(/^meshfleet: refusing to replace /);
    expect(snapshot(dir)).toEqual(before);
    expect(leftovers(path.dirname(dir))).toEqual([]);
  });

  test('takes an existing empty folder', async () => {
    const out = temp.make();
    expect((await run('synth', '--out', out)).status).toBe(0);
    expect(fs.existsSync(path.join(out, 'terraform', 'manifest.json'))).toBe(true);
  });
});
