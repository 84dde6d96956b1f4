/**
 * Issue 8, point 4: the output folder is meshfleet's. A non-empty folder is replaced only when
 * it carries a valid marker; what killed runs left beside it (temporary folders, a backup
 * renamed away before the new output was in place) is put right by the next run first.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MARKER_FORMAT_VERSION } from '../../src/output/marker';
import { MARKER_FILE } from '../../src/output/paths';
import { leftovers, run, snapshot, TempDirs, writeFile } from './helpers';

jest.setTimeout(60_000);

const temp = new TempDirs();
afterEach(() => temp.cleanup());

/** The id of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

describe('the marker', () => {
  test('every output carries it, naming meshfleet, the format version and the topology', async () => {
    const out = path.join(temp.make(), 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    const marker = JSON.parse(fs.readFileSync(path.join(out, MARKER_FILE), 'utf8'));
    expect(marker).toMatchObject({ generator: 'meshfleet', formatVersion: MARKER_FORMAT_VERSION, topology: 'private-asm-multicluster' });
    expect(Object.keys(marker)).toEqual(['generator', 'formatVersion', 'topology', 'note']);
  });

  test('an output carrying it is replaced', async () => {
    const out = path.join(temp.make(), 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    writeFile(out, 'k8s/stale.txt', 'gone after the next synth\n');
    expect((await run('synth', '--out', out)).status).toBe(0);
    expect(fs.existsSync(path.join(out, 'k8s/stale.txt'))).toBe(false);
  });
});

describe('meshfleet synth refuses a folder that is not its own, and changes nothing', () => {
  const refused = async (out: string, reason: RegExp): Promise<void> => {
    const parent = path.dirname(out);
    const before = snapshot(parent);
    const result = await run('synth', '--out', out);
    expect(result.status).toBe(1);
    expect(result.stdout).toEqual([]);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(new RegExp(`^meshfleet: refusing to replace ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(result.stderr[0]).toMatch(reason);
    expect(snapshot(parent)).toEqual(before);
  };

  test('user files beside an empty terraform/manifest.json (an output from before the marker, or a fake one)', async () => {
    const out = path.join(temp.make(), 'project');
    writeFile(out, 'terraform/manifest.json', '');
    writeFile(out, 'notes.md', 'precious\n');
    await refused(
      out,
      /has no meshfleet marker \(found no \.meshfleet-output\.json\); if it is the output of a meshfleet version from before the marker, adopt it as the README section "Outputs written before the marker" says/,
    );
  });

  test('user files without any manifest', async () => {
    const out = path.join(temp.make(), 'project');
    writeFile(out, 'src/main.ts', 'precious\n');
    await refused(out, /it is not empty and has no meshfleet marker .*: choose an empty or new output folder$/);
  });

  test.each([
    ['an empty marker', '', /found no JSON/],
    ['a marker of another generator', '{"generator": "other-tool", "formatVersion": 1}', /found generator "other-tool", expected "meshfleet"/],
    ['a marker without a format version', '{"generator": "meshfleet"}', /found formatVersion missing, expected an integer from 1 to 1/],
    ['a marker that is not an object', '["meshfleet"]', /found \["meshfleet"\]/],
    ['a marker of a newer format', '{"generator": "meshfleet", "formatVersion": 99}', /written by a newer meshfleet \(found formatVersion 99, expected 1 or lower\)/],
  ])('%s', async (_what, text, reason) => {
    const out = path.join(temp.make(), 'project');
    writeFile(out, MARKER_FILE, text);
    writeFile(out, 'notes.md', 'precious\n');
    await refused(out, reason);
  });

  test('a marker that is a folder', async () => {
    const out = path.join(temp.make(), 'project');
    writeFile(out, `${MARKER_FILE}/x`, '{}');
    await refused(out, /is not a regular file/);
  });
});

describe('leftovers of interrupted runs', () => {
  test('temporary folders of a killed run are removed by the next run', async () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    const pid = deadPid();
    writeFile(parent, `.out.tmp-${pid}-0a1b2c3d/terraform/manifest.json`, '{"half": true}');
    writeFile(parent, `.out.tmp-${process.pid}-00ff00ff/README.md`, 'an earlier process had this pid\n');
    writeFile(parent, `.other.tmp-${pid}-0a1b2c3d/keep.txt`, 'not this output\n');

    const result = await run('synth', '--out', out);
    expect(result.status).toBe(0);
    expect(fs.readdirSync(parent).sort()).toEqual(['.other.tmp-' + pid + '-0a1b2c3d', 'out']);
    // Leftovers are handled in name order, which depends on how the two pids compare as text.
    const removed = [`.out.tmp-${process.pid}-00ff00ff`, `.out.tmp-${pid}-0a1b2c3d`].sort();
    expect(result.stdout.slice(0, 2)).toEqual(removed.map((name) => `removed ${name}, left by an interrupted run`));
  });

  test('a crash between the two renames (output moved to its backup, new output not in place) is restored first', async () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    const fresh = path.join(temp.make(), 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    writeFile(out, 'terraform/stacks/network/.terraform.lock.hcl', '# lock\n');
    writeFile(out, 'terraform/stacks/clusters/terraform.clusters.tfstate', '{"serial":9}\n');
    const pid = deadPid();
    fs.renameSync(out, path.join(parent, `.out.tmp-${pid}-deadbeef-old`));
    writeFile(parent, `.out.tmp-${pid}-deadbeef/README.md`, 'the complete new output\n');

    const result = await run('synth', '--out', out);
    expect(result.stderr).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.stdout.slice(0, 2)).toEqual([
      `restored out from .out.tmp-${pid}-deadbeef-old, left by a run interrupted while swapping folders`,
      `removed .out.tmp-${pid}-deadbeef, left by an interrupted run`,
    ]);
    expect(fs.readdirSync(parent)).toEqual(['out']);
    expect(fs.readFileSync(path.join(out, 'terraform/stacks/network/.terraform.lock.hcl'), 'utf8')).toBe('# lock\n');
    expect(fs.readFileSync(path.join(out, 'terraform/stacks/clusters/terraform.clusters.tfstate'), 'utf8')).toBe('{"serial":9}\n');
    expect((await run('synth', '--out', fresh)).status).toBe(0);
    expect(snapshot(out).filter((line) => !/\.terraform\.lock\.hcl|\.tfstate/.test(line))).toEqual(snapshot(fresh));
  });

  test('a crash after the swap (Terraform files still in the backup) is finished first', async () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    const pid = deadPid();
    writeFile(parent, `.out.tmp-${pid}-cafe0001-old/terraform/stacks/fleet/.terraform.lock.hcl`, '# fleet lock\n');
    writeFile(parent, `.out.tmp-${pid}-cafe0001-old/terraform/stacks/fleet/terraform.fleet.tfstate`, '{"serial":2}\n');
    writeFile(parent, `.out.tmp-${pid}-cafe0001-old/k8s/old.yaml`, 'regenerated anyway\n');

    const result = await run('synth', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stdout[0]).toBe(`finished a run interrupted after swapping folders: moved 2 Terraform working files from .out.tmp-${pid}-cafe0001-old, removed it`);
    expect(leftovers(parent)).toEqual([]);
    expect(fs.readFileSync(path.join(out, 'terraform/stacks/fleet/terraform.fleet.tfstate'), 'utf8')).toBe('{"serial":2}\n');
    expect(fs.readFileSync(path.join(out, 'terraform/stacks/fleet/.terraform.lock.hcl'), 'utf8')).toBe('# fleet lock\n');
  });

  test("a crash after the swap with the user's .git still in the backup: the next run moves it into the output (issue 17, point 5)", async () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    const pid = deadPid();
    writeFile(parent, `.out.tmp-${pid}-cafe0002-old/.git/HEAD`, 'ref: refs/heads/main\n');
    writeFile(parent, `.out.tmp-${pid}-cafe0002-old/README.md`, 'old runbook\n');

    const result = await run('synth', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stdout[0]).toBe(
      `finished a run interrupted after swapping folders: moved 0 Terraform working files and 1 entry of yours (.git) from .out.tmp-${pid}-cafe0002-old, removed it`,
    );
    expect(leftovers(parent)).toEqual([]);
    expect(fs.readFileSync(path.join(out, '.git/HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    expect(result.stdout).toContain('kept what meshfleet does not write: .git');
  });

  test('a backup beside a folder that is not a meshfleet output is refused, and nothing changes', async () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    writeFile(out, 'k8s/cluster/x.yaml', 'written by something else\n');
    writeFile(parent, `.out.tmp-${deadPid()}-0000beef-old/terraform/stacks/network/terraform.network.tfstate`, '{}');
    const before = snapshot(parent);
    const result = await run('synth', '--out', out);
    expect(result.status).toBe(1);
    expect(result.stderr[0]).toMatch(/^meshfleet: refusing to replace .*: a run interrupted while swapping folders left the previous output in \.out\.tmp-\d+-0000beef-old/);
    expect(snapshot(parent)).toEqual(before);
  });

  test('leftovers of a run whose process is alive are refused: another synth is replacing the folder', async () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    writeFile(parent, `.out.tmp-${process.ppid}-1234abcd/README.md`, 'being built\n');
    const before = snapshot(parent);
    const result = await run('synth', '--out', out);
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual([
      `meshfleet: refusing to replace ${out}: another meshfleet run (process ${process.ppid}) is replacing it ` +
        `(found .out.tmp-${process.ppid}-1234abcd); wait for it to end, or remove .out.tmp-${process.ppid}-1234abcd if process ${process.ppid} is not meshfleet`,
    ]);
    expect(snapshot(parent)).toEqual(before);
  });
});
