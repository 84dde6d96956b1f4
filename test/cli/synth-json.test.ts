import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { badTopologyText, DEFAULT_EXAMPLE, run, snapshot, TempDirs, writeFile } from './helpers';

jest.setTimeout(60_000);

const temp = new TempDirs();
afterEach(() => temp.cleanup());

interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/** The one JSON document a `--format json` run printed; its stderr must be empty. */
function documentOf(result: { stdout: string[]; stderr: string[] }): Record<string, unknown> {
  expect(result.stderr).toEqual([]);
  return JSON.parse(result.stdout.join('\n')) as Record<string, unknown>;
}

describe('meshfleet synth --format json', () => {
  test('prints one document listing every file written with its size and SHA-256, sorted', async () => {
    const out = path.join(temp.make(), 'out');
    const result = await run('synth', '--topology', DEFAULT_EXAMPLE, '--out', out, '--format', 'json');
    expect(result.status).toBe(0);
    const document = documentOf(result);
    expect(document).toMatchObject({
      ok: true,
      topology: 'private-asm-multicluster',
      topologyFile: DEFAULT_EXAMPLE,
      out,
      kept: [],
      keptForeign: [],
      recovered: [],
    });
    const files = document.files as FileEntry[];
    const written = snapshot(out).filter((line) => !line.endsWith('/'));
    expect(files.map((f) => f.path)).toEqual(written.map((line) => line.split(' ')[0]));
    expect(files.map((f) => f.path)).toEqual([...files.map((f) => f.path)].sort());
    for (const file of files) {
      const content = fs.readFileSync(path.join(out, file.path));
      expect(file).toEqual({ path: file.path, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') });
    }
  });

  test('lists the Terraform working files kept', async () => {
    const out = path.join(temp.make(), 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    writeFile(out, 'terraform/stacks/network/.terraform.lock.hcl', 'lock\n');
    const document = documentOf(await run('synth', '--out', out, '--format', 'json'));
    expect(document.kept).toEqual(['terraform/stacks/network/.terraform.lock.hcl']);
    expect((document.files as FileEntry[]).map((f) => f.path)).not.toContain('terraform/stacks/network/.terraform.lock.hcl');
  });

  test('topology problems: {"ok": false, "problems": [{path, message}]}, exit 1, stderr empty, nothing written', async () => {
    const dir = temp.make();
    const file = writeFile(dir, 'bad.yaml', badTopologyText());
    const out = path.join(dir, 'out');
    const result = await run('synth', '--topology', file, '--out', out, '--format', 'json');
    expect(result.status).toBe(1);
    const document = documentOf(result);
    expect(document.ok).toBe(false);
    const problems = document.problems as Array<{ path: string; message: string }>;
    expect(problems.length).toBe(3);
    expect(problems[0]).toEqual({ path: 'clusters[0].zone', message: expect.stringContaining('found 12') });
    for (const problem of problems) expect(Object.keys(problem).sort()).toEqual(['message', 'path']);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a refused output folder: one problem on --out, exit 1, stderr empty, the folder untouched', async () => {
    const out = temp.make();
    writeFile(out, 'notes.txt', 'mine\n');
    const result = await run('synth', '--out', out, '--format', 'json');
    expect(result.status).toBe(1);
    const document = documentOf(result);
    expect(document).toMatchObject({ ok: false, out });
    expect(document.problems).toEqual([{ path: '--out', message: expect.stringMatching(/^refusing to replace .*: it is not empty and has no meshfleet marker/) }]);
    expect(fs.readdirSync(out)).toEqual(['notes.txt']);
  });

  test('--format text is the default output; another value is a usage error (exit 2) that writes nothing', async () => {
    const dir = temp.make();
    const text = await run('synth', '--out', path.join(dir, 'a'), '--format', 'text');
    expect(text.status).toBe(0);
    expect(text.stdout[0]).toMatch(/^synthesized /);
    const bad = await run('synth', '--out', path.join(dir, 'b'), '--format', 'yaml');
    expect(bad).toEqual({
      status: 2,
      stdout: [],
      stderr: ['meshfleet: --format: expected one of text, json, found "yaml"', 'Usage: meshfleet synth [FILE] [--out DIR] [--check] [--format text|json] [--watch]'],
    });
    expect(fs.readdirSync(dir)).toEqual(['a']);
  });
});
