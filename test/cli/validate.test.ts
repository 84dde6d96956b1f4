import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTopologyFile } from '../../src/load/load';
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
    // The examples' operatorCidrs are a documentation range (a placeholder): TF001 warns on each control plane.
    const warnings = result.stdout.slice(0, -1);
    expect(warnings.every((line) => /^warning TF001 terraform\/clusters google_container_cluster /.test(line))).toBe(true);
    expect({ ...result, stdout: result.stdout.slice(-1) }).toEqual({ status: 0, stdout: [expect.stringMatching(/^ok: /)], stderr: [] });
    const clusters = loadTopologyFile(file).clusters.length;
    expect(result.stdout[result.stdout.length - 1]).toMatch(new RegExp(`^ok: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${clusters} clusters?\\b`));
    expect(fs.readdirSync(cwd)).toEqual([]);
    expect(snapshot(EXAMPLES_DIR)).toEqual(examplesBefore);
  });

  test('validates the default example when --topology is not given', async () => {
    const result = await run('validate');
    expect(result.status).toBe(0);
    expect(result.stdout[result.stdout.length - 1]).toMatch(/^ok: .*private-asm-multicluster\.yaml: 3 clusters/);
  });

  test('prints a finding of the analysis as one line before the ok line; infos alone keep exit 0', async () => {
    const dir = temp.make();
    const text = fs
      .readFileSync(path.join(EXAMPLES_DIR, 'mesh-routes-istio.yaml'), 'utf8')
      .replace('port: 9080\n        version: v1\n      # productpage shows', 'port: 9080\n        portName: web\n        version: v1\n      # productpage shows');
    const file = writeFile(dir, 'web-port.yaml', text);
    const result = await run('validate', '--topology', file);
    expect(result.stderr).toEqual([]);
    expect(result.stdout).toEqual([
      expect.stringMatching(/^info IST0118 gke-bookinfo Service bookinfo\/productpage spec\.ports\[0\]\.name: Port name "web" does not follow/),
      expect.stringMatching(/^warning TF001 terraform\/clusters google_container_cluster gke-bookinfo .*: Authorized network 203\.0\.113\.10\/32 is a documentation range/),
      expect.stringMatching(/^ok: .*web-port\.yaml: 1 cluster .*; analysis: 0 errors, 1 warning, 1 info$/),
    ]);
    expect(result.status).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['web-port.yaml']);
  });

  test('--format json prints one document for a clean topology', async () => {
    const file = path.join(EXAMPLES_DIR, 'istio-traffic-shifting.yaml');
    const result = await run('validate', '--format', 'json', '--topology', file);
    expect(result.status).toBe(0);
    expect(result.stderr).toEqual([]);
    // Its operatorCidrs placeholder (a documentation range) is the only finding: a TF001 warning.
    expect(JSON.parse(result.stdout.join('\n'))).toEqual({
      ok: true,
      topology: 'istio-traffic-shifting',
      topologyFile: file,
      problems: [],
      findings: [expect.objectContaining({ code: 'TF001', severity: 'warning', cluster: 'terraform/clusters', object: 'google_container_cluster cluster1' })],
    });
  });

  test('--format json reports topology problems in the document, nothing on standard error', async () => {
    const dir = temp.make();
    writeFile(dir, 'bad.yaml', badTopologyText());
    process.chdir(dir);
    const result = await run('validate', '--format', 'json', '--topology', 'bad.yaml');
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual([]);
    const document = JSON.parse(result.stdout.join('\n'));
    expect(document).toEqual({ ok: false, topologyFile: 'bad.yaml', problems: expect.any(Array), findings: [] });
    expect(document.problems.length).toBeGreaterThanOrEqual(3);
    for (const problem of document.problems) expect(problem).toEqual({ path: expect.any(String), message: expect.any(String) });
  });

  test('an unknown --format is a usage error', async () => {
    const result = await run('validate', '--format', 'yaml');
    expect(result.status).toBe(2);
    expect(result.stderr[0]).toBe('meshfleet: --format: expected one of text, json, found "yaml"');
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
