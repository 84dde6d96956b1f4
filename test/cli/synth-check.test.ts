import * as fs from 'node:fs';
import * as path from 'node:path';
import { badTopologyText, DEFAULT_EXAMPLE, EXAMPLES_DIR, run, snapshot, TempDirs, writeFile } from './helpers';

jest.setTimeout(60_000);

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const OTHER_EXAMPLE = path.join(EXAMPLES_DIR, 'istio-primary-remote.yaml');

/** An output folder of the default example, synthesized by the CLI. */
async function synthesized(): Promise<string> {
  const out = path.join(temp.make(), 'out');
  expect((await run('synth', '--out', out)).status).toBe(0);
  return out;
}

/** Makes one file differ, one disappear and one appear in `out`, plus Terraform working files. */
function tamper(out: string): void {
  fs.appendFileSync(path.join(out, 'README.md'), 'a hand edit\n');
  fs.rmSync(path.join(out, 'terraform', 'manifest.json'));
  writeFile(out, 'k8s/extra.yaml', 'kind: Extra\n');
  writeFile(out, 'terraform/stacks/network/.terraform/providers/x', 'provider\n');
  writeFile(out, 'terraform/stacks/network/.terraform.lock.hcl', 'lock\n');
  writeFile(out, 'terraform/stacks/network/plan.tfplan', 'plan\n');
  writeFile(out, 'terraform/stacks/gone/terraform.tfstate', '{}\n');
}

describe('meshfleet synth --check', () => {
  test('an up-to-date folder: exit 0, one line, nothing written; Terraform working files do not count', async () => {
    const out = await synthesized();
    writeFile(out, 'terraform/stacks/network/.terraform.lock.hcl', 'lock\n');
    writeFile(out, 'terraform/stacks/network/.terraform/modules/m', 'module\n');
    const before = snapshot(out);
    const result = await run('synth', '--out', out, '--check');
    expect(result).toEqual({ status: 0, stdout: [expect.stringMatching(/^up to date: .*out\/ is what 'meshfleet synth' writes for /)], stderr: [] });
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['out']);
  });

  test('a stale folder: exit 1, the files changed, added and removed, nothing written', async () => {
    const out = await synthesized();
    tamper(out);
    const before = snapshot(out);
    const result = await run('synth', '--out', out, '--check');
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual([]);
    expect(result.stdout).toEqual([
      expect.stringMatching(/^out of date: .* \(1 changed, 1 added, 1 removed\):$/),
      '  changed  README.md',
      '  removed  k8s/extra.yaml',
      '  added    terraform/manifest.json',
      "run 'meshfleet synth' to update it, or 'meshfleet diff' to see the changes",
    ]);
    expect(snapshot(out)).toEqual(before);
  });

  test('a missing or empty folder: every file added, exit 1, nothing created', async () => {
    const parent = temp.make();
    const expected = (await run('synth', '--out', path.join(temp.make(), 'ref'), '--format', 'json')).stdout.join('\n');
    const files = (JSON.parse(expected) as { files: Array<{ path: string }> }).files.map((f) => f.path);
    for (const out of [path.join(parent, 'missing'), fs.mkdtempSync(path.join(parent, 'empty-'))]) {
      const result = await run('synth', '--out', out, '--check', '--format', 'json');
      expect(result.status).toBe(1);
      expect(result.stderr).toEqual([]);
      const document = JSON.parse(result.stdout.join('\n'));
      expect(document).toMatchObject({ ok: false, topology: 'private-asm-multicluster', out });
      expect(document.differences).toEqual(files.map((file) => ({ path: file, change: 'added' })));
    }
    expect(fs.readdirSync(parent).map((name) => name.replace(/-.*/, '-'))).toEqual(['empty-']);
  });

  test('--format json of an up-to-date folder: {"ok": true, "differences": []}', async () => {
    const out = await synthesized();
    const result = await run('synth', '--out', out, '--check', '--format', 'json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.join('\n'))).toEqual({
      ok: true,
      topology: 'private-asm-multicluster',
      topologyFile: expect.stringMatching(/private-asm-multicluster\.yaml$/),
      out,
      differences: [],
    });
  });

  test('compares with what synth writes for that --out (the runbook names the folder)', async () => {
    const parent = temp.make();
    const out = path.join(parent, 'dist');
    expect((await run('synth', '--topology', DEFAULT_EXAMPLE, '--out', out)).status).toBe(0);
    fs.renameSync(out, path.join(parent, 'renamed'));
    expect((await run('synth', '--topology', DEFAULT_EXAMPLE, '--out', path.join(parent, 'renamed'), '--check')).status).toBe(0);
    const other = await run('synth', '--topology', OTHER_EXAMPLE, '--out', path.join(parent, 'renamed'), '--check');
    expect(other.status).toBe(1);
  });

  test('topology problems: exit 1, reported as synth reports them', async () => {
    const dir = temp.make();
    const file = writeFile(dir, 'bad.yaml', badTopologyText());
    const result = await run('synth', '--topology', file, '--out', path.join(dir, 'out'), '--check');
    expect(result.status).toBe(1);
    expect(result.stdout).toEqual([]);
    expect(result.stderr[0]).toBe(`${file}: 3 problems`);
  });
});

describe('meshfleet diff', () => {
  test('a unified diff per changed file, added and removed files by name, a count; exit 1 (as kubectl diff); nothing written', async () => {
    const out = await synthesized();
    tamper(out);
    const before = snapshot(out);
    const result = await run('diff', DEFAULT_EXAMPLE, '--out', out);
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual([]);
    const readmeTail = fs.readFileSync(path.join(out, 'README.md'), 'utf8').split('\n').slice(-5, -2);
    expect(result.stdout).toEqual([
      '--- a/README.md',
      '+++ b/README.md',
      expect.stringMatching(/^@@ -\d+,4 \+\d+,3 @@$/),
      ...readmeTail.map((line) => ` ${line}`),
      '-a hand edit',
      'removed: k8s/extra.yaml',
      'added: terraform/manifest.json',
      expect.stringMatching(/^1 changed, 1 added, 1 removed: what 'meshfleet synth' would change in .*out\/$/),
    ]);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['out']);
  });

  test('an up-to-date folder: only the count line, exit 0', async () => {
    const out = await synthesized();
    const result = await run('diff', DEFAULT_EXAMPLE, '--out', out);
    expect(result).toEqual({ status: 0, stdout: [expect.stringMatching(/^no differences: .*out\/ is what 'meshfleet synth' writes$/)], stderr: [] });
  });

  test('another topology: diffs of the files both write, the rest added or removed', async () => {
    const out = await synthesized();
    const result = await run('diff', '--topology', OTHER_EXAMPLE, '--out', out);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('--- a/.meshfleet-output.json');
    expect(result.stdout).toContain('-  "topology": "private-asm-multicluster",');
    expect(result.stdout).toContain('+  "topology": "istio-primary-remote",');
    expect(result.stdout.some((line) => line.startsWith('removed: k8s/gke-ingress/'))).toBe(true);
    expect(result.stdout.some((line) => line.startsWith('added: k8s/cluster1/'))).toBe(true);
  });

  test('a missing folder: every file added, exit 1, nothing created', async () => {
    const parent = temp.make();
    const result = await run('diff', DEFAULT_EXAMPLE, '--out', path.join(parent, 'missing'));
    expect(result.status).toBe(1);
    expect(result.stdout.every((line, i) => line.startsWith('added: ') || i === result.stdout.length - 1)).toBe(true);
    expect(result.stdout[result.stdout.length - 1]).toMatch(/^0 changed, \d+ added, 0 removed: /);
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  test('a file that is not text is named, not diffed', async () => {
    const out = await synthesized();
    fs.writeFileSync(path.join(out, 'README.md'), Buffer.from([0, 1, 2, 255]));
    const result = await run('diff', DEFAULT_EXAMPLE, '--out', out);
    expect(result.stdout[0]).toBe('Binary files a/README.md and b/README.md differ');
  });

  test('topology problems: exit 1', async () => {
    const dir = temp.make();
    const file = writeFile(dir, 'bad.yaml', badTopologyText());
    const result = await run('diff', '--topology', file, '--out', path.join(dir, 'out'));
    expect(result.status).toBe(1);
    expect(result.stdout).toEqual([]);
    expect(result.stderr[0]).toBe(`${file}: 3 problems`);
  });
});
