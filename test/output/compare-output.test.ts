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
    writeFile(current, 'README.md', 'same\n');
    writeFile(next, 'README.md', 'same\n');
    writeFile(current, 'terraform/changed.txt', 'old\n');
    writeFile(next, 'terraform/changed.txt', 'new\n');
    writeFile(current, 'k8s/size.txt', 'x');
    writeFile(next, 'k8s/size.txt', 'xx');
    writeFile(current, 'gitops/removed.txt', 'gone\n');
    writeFile(next, 'k8s/added.txt', 'here\n');
    expect(compareOutputs(current, next)).toEqual([
      { path: 'gitops/removed.txt', change: 'removed' },
      { path: 'k8s/added.txt', change: 'added' },
      { path: 'k8s/size.txt', change: 'changed' },
      { path: 'terraform/changed.txt', change: 'changed' },
    ]);
  });

  test('a missing current folder: every file added', () => {
    const next = temp.make();
    writeFile(next, 'k8s/y.txt', 'y\n');
    writeFile(next, 'clusters.json', 'z\n');
    expect(compareOutputs(path.join(temp.make(), 'missing'), next)).toEqual([
      { path: 'clusters.json', change: 'added' },
      { path: 'k8s/y.txt', change: 'added' },
    ]);
  });

  test('a symbolic link in place of a file with the same content counts as changed', () => {
    const current = temp.make();
    const next = temp.make();
    writeFile(next, 'diagram.svg', 'f\n');
    writeFile(current, 'k8s/target.txt', 'f\n');
    fs.symlinkSync(path.join(current, 'k8s/target.txt'), path.join(current, 'diagram.svg'));
    expect(compareOutputs(current, next)).toEqual([
      { path: 'diagram.svg', change: 'changed' },
      { path: 'k8s/target.txt', change: 'removed' },
    ]);
  });
});

describe('outputFiles', () => {
  test("skips Terraform's working files of the stack folders only, at the level synth keeps them, and the user's top-level entries", () => {
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
      '.git/HEAD',
      'notes.md',
    ]) {
      writeFile(dir, file, 'x\n');
    }
    expect(outputFiles(dir)).toEqual(['k8s/.terraform.lock.hcl', 'terraform/c.tfstate', 'terraform/stacks/net/cdk.tf.json', 'terraform/stacks/net/sub/b.tfstate']);
  });
});
