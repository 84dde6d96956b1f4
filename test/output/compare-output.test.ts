import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareOutputs, outputFiles } from '../../src/output/compare-output';
import { TempDirs, writeFile } from '../cli/helpers';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

describe('compareOutputs', () => {
  test('files changed, added and removed, sorted by path; equal files are not listed', () => {
    const current = temp.make();
    const next = temp.make();
    writeFile(current, 'same.txt', 'same\n');
    writeFile(next, 'same.txt', 'same\n');
    writeFile(current, 'b/changed.txt', 'old\n');
    writeFile(next, 'b/changed.txt', 'new\n');
    writeFile(current, 'a/size.txt', 'x');
    writeFile(next, 'a/size.txt', 'xx');
    writeFile(current, 'c/removed.txt', 'gone\n');
    writeFile(next, 'a/added.txt', 'here\n');
    expect(compareOutputs(current, next)).toEqual([
      { path: 'a/added.txt', change: 'added' },
      { path: 'a/size.txt', change: 'changed' },
      { path: 'b/changed.txt', change: 'changed' },
      { path: 'c/removed.txt', change: 'removed' },
    ]);
  });

  test('a missing current folder: every file added', () => {
    const next = temp.make();
    writeFile(next, 'x/y.txt', 'y\n');
    writeFile(next, 'z.txt', 'z\n');
    expect(compareOutputs(path.join(temp.make(), 'missing'), next)).toEqual([
      { path: 'x/y.txt', change: 'added' },
      { path: 'z.txt', change: 'added' },
    ]);
  });

  test('a symbolic link in place of a file with the same content counts as changed', () => {
    const current = temp.make();
    const next = temp.make();
    writeFile(next, 'f.txt', 'f\n');
    writeFile(current, 'target.txt', 'f\n');
    fs.symlinkSync(path.join(current, 'target.txt'), path.join(current, 'f.txt'));
    expect(compareOutputs(current, next)).toEqual([
      { path: 'f.txt', change: 'changed' },
      { path: 'target.txt', change: 'removed' },
    ]);
  });
});

describe('outputFiles', () => {
  test("skips Terraform's working files of the stack folders only, at the level synth keeps them", () => {
    const dir = temp.make();
    for (const file of [
      'terraform/stacks/net/cdk.tf.json',
      'terraform/stacks/net/.terraform/providers/p',
      'terraform/stacks/net/.terraform.lock.hcl',
      'terraform/stacks/net/a.tfstate',
      'terraform/stacks/net/a.tfstate.backup',
      'terraform/stacks/net/terraform.tfstate.d/dev/terraform.tfstate',
      'terraform/stacks/net/x.tfplan',
      'terraform/stacks/net/sub/b.tfstate',
      'terraform/c.tfstate',
      'k8s/.terraform.lock.hcl',
    ]) {
      writeFile(dir, file, 'x\n');
    }
    expect(outputFiles(dir)).toEqual(['k8s/.terraform.lock.hcl', 'terraform/c.tfstate', 'terraform/stacks/net/cdk.tf.json', 'terraform/stacks/net/sub/b.tfstate']);
  });
});
