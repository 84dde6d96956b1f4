import * as fs from 'node:fs';
import * as path from 'node:path';
import { isTerraformWorkingFile } from '../../src/output/carry-over';
import { writeAtomically } from '../../src/output/replace-output';
import { leftovers, snapshot, TempDirs, writeFile } from '../cli/helpers';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

describe('writeAtomically', () => {
  test('builds in a fresh sibling folder and replaces the output folder with it', async () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    writeFile(out, 'k8s/stale.txt', 'stale\n');
    let seen = '';
    await writeAtomically(out, (tmpDir) => {
      seen = tmpDir;
      expect(path.dirname(tmpDir)).toBe(fs.realpathSync(parent));
      expect(path.basename(tmpDir)).toMatch(/^\.out\.tmp-/);
      expect(fs.readdirSync(tmpDir)).toEqual([]);
      writeFile(tmpDir, 'k8s/file.txt', 'new\n');
    });
    expect(fs.existsSync(seen)).toBe(false);
    expect(snapshot(out).map((line) => line.split(' ')[0])).toEqual(['k8s/', 'k8s/file.txt']);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  test('creates missing parent folders', async () => {
    const out = path.join(temp.make(), 'a', 'b', 'out');
    await writeAtomically(out, (tmpDir) => writeFile(tmpDir, 'x', 'x'));
    expect(fs.readFileSync(path.join(out, 'x'), 'utf8')).toBe('x');
    expect(leftovers(path.dirname(out))).toEqual([]);
  });

  test('leaves the output folder exactly as it was when the build throws', async () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    writeFile(out, 'MARKER', 'keep\n');
    writeFile(out, 'terraform/manifest.json', '{}');
    const before = snapshot(out);
    await expect(
      writeAtomically(out, (tmpDir) => {
        writeFile(tmpDir, 'terraform/manifest.json', '{"half": true}');
        throw new Error('synthesis failed');
      }),
    ).rejects.toThrow('synthesis failed');
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  test('creates nothing, not even parent folders, when the build throws', async () => {
    const dir = temp.make();
    await expect(
      writeAtomically(path.join(dir, 'a', 'b', 'out'), () => {
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('replaces the folder a symbolic link points to and keeps the link', async () => {
    const parent = temp.make();
    const real = path.join(parent, 'real');
    writeFile(real, 'README.md', 'old');
    const link = path.join(parent, 'link');
    fs.symlinkSync(real, link);
    await writeAtomically(link, (tmpDir) => writeFile(tmpDir, 'clusters.json', 'new'));
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(real)).toEqual(['clusters.json']);
    expect(fs.readdirSync(parent).sort()).toEqual(['link', 'real']);
  });
});

describe('writeAtomically keeps Terraform working files', () => {
  test('moves each stack folder’s working files into the new output and reports them', async () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    writeFile(out, 'terraform/stacks/network/cdk.tf.json', '{"old": true}');
    writeFile(out, 'terraform/stacks/network/.terraform/plugin', 'bytes');
    writeFile(out, 'terraform/stacks/gone/plan.tfplan', 'plan');
    const kept = await writeAtomically(out, (tmpDir) => writeFile(tmpDir, 'terraform/stacks/network/cdk.tf.json', '{"new": true}'));
    expect(kept).toEqual({ kept: ['terraform/stacks/gone/plan.tfplan', 'terraform/stacks/network/.terraform'], foreign: [] });
    expect(snapshot(out).map((line) => line.split(' ')[0])).toEqual([
      'terraform/',
      'terraform/stacks/',
      'terraform/stacks/gone/',
      'terraform/stacks/gone/plan.tfplan',
      'terraform/stacks/network/',
      'terraform/stacks/network/.terraform/',
      'terraform/stacks/network/.terraform/plugin',
      'terraform/stacks/network/cdk.tf.json',
    ]);
    expect(fs.readFileSync(path.join(out, 'terraform/stacks/network/cdk.tf.json'), 'utf8')).toBe('{"new": true}');
    expect(leftovers(parent)).toEqual([]);
  });
});

describe('writeAtomically keeps what meshfleet does not write (issue 17, point 5)', () => {
  test("top-level entries other than meshfleet's (.git of a GitOps user, notes, a link) move into the new output untouched", async () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    const outside = writeFile(parent, 'elsewhere/file.txt', 'outside\n');
    writeFile(out, '.git/HEAD', 'ref: refs/heads/main\n');
    writeFile(out, '.git/objects/ab/cdef', 'object');
    writeFile(out, 'notes.md', 'mine\n');
    writeFile(out, 'k8s/c1/old.yaml', 'meshfleet wrote this\n');
    writeFile(out, 'README.md', 'old runbook\n');
    fs.symlinkSync(path.dirname(outside), path.join(out, 'link'));
    const gitBefore = snapshot(path.join(out, '.git'));
    const result = await writeAtomically(out, (tmpDir) => {
      writeFile(tmpDir, 'README.md', 'new runbook\n');
      writeFile(tmpDir, 'k8s/c1/new.yaml', 'new\n');
    });
    expect(result).toEqual({ kept: [], foreign: ['.git', 'link', 'notes.md'] });
    expect(snapshot(path.join(out, '.git'))).toEqual(gitBefore);
    expect(fs.readFileSync(path.join(out, 'notes.md'), 'utf8')).toBe('mine\n');
    expect(fs.readlinkSync(path.join(out, 'link'))).toBe(path.dirname(outside));
    expect(fs.readFileSync(outside, 'utf8')).toBe('outside\n');
    expect(fs.readFileSync(path.join(out, 'README.md'), 'utf8')).toBe('new runbook\n');
    expect(fs.existsSync(path.join(out, 'k8s/c1/old.yaml'))).toBe(false);
    expect(leftovers(parent)).toEqual([]);
  });
});

describe('isTerraformWorkingFile', () => {
  test.each([
    ['.terraform', true],
    ['.terraform.lock.hcl', true],
    ['terraform.tfstate.d', true],
    ['terraform.network.tfstate', true],
    ['terraform.network.tfstate.backup', true],
    ['terraform.tfstate', true],
    ['release.tfplan', true],
    ['cdk.tf.json', false],
    ['override.tf.json', false],
    ['.tfstate', false],
    ['.terraform.network.tfstate.lock.info', false],
    ['notes.txt', false],
  ])('%s: %s', (name, expected) => {
    expect(isTerraformWorkingFile(name)).toBe(expected);
  });
});
