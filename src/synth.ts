import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthKubernetes } from './k8s/synth';
import { synthTerraform } from './terraform/synth';
import { ResolvedTopology } from './topology/types';

/** Folder names under the output folder, one per half of the synthesis. */
export const OUTPUT_FOLDERS = {
  terraform: 'terraform',
  kubernetes: 'k8s',
} as const;

/**
 * Synthesizes everything a topology produces into `outdir`:
 * `<outdir>/terraform/` (cdktf layout: `manifest.json`, `stacks/<stack>/cdk.tf.json`) and
 * `<outdir>/k8s/<cluster>/` (YAML plus `kustomization.yaml`).
 *
 * This is the one place where the halves are put together; both read the same resolved model.
 * `outdir` is expected to be a fresh, empty folder (see {@link writeAtomically}).
 */
export function synthesizeAll(model: ResolvedTopology, outdir: string): void {
  const terraformDir = path.join(outdir, OUTPUT_FOLDERS.terraform);
  fs.mkdirSync(terraformDir, { recursive: true });
  synthTerraform(model, terraformDir);

  synthKubernetes(model, path.join(outdir, OUTPUT_FOLDERS.kubernetes));
}

/**
 * Replaces the folder `outDir` with what `build` writes, in one step.
 *
 * `build` receives a fresh, empty temporary folder that is a sibling of `outDir`
 * (`<parent>/.<name>.tmp-<pid>-<random>`, so on the same filesystem). Only when `build`
 * returns is `outDir` swapped for it: the old folder is renamed to a backup, the temporary
 * folder renamed to `outDir`, then the backup removed. Files of an earlier run that `build`
 * no longer writes therefore disappear.
 *
 * On any failure (in `build` or in the swap) the temporary folder is removed, `outDir` is
 * left exactly as it was (restored from the backup if needed) and the error is rethrown.
 * A symbolic link at `outDir` is kept: the folder it points to is the one replaced.
 */
export function writeAtomically(outDir: string, build: (tmpDir: string) => void): void {
  const target = fs.existsSync(outDir) ? fs.realpathSync(outDir) : path.resolve(outDir);
  const parent = path.dirname(target);
  const name = path.basename(target);
  const createdParent = fs.mkdirSync(parent, { recursive: true });
  const tmpDir = path.join(parent, `.${name}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const backupDir = `${tmpDir}-old`;

  const discard = (): void => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    if (createdParent !== undefined) fs.rmSync(createdParent, { recursive: true, force: true });
  };

  try {
    fs.mkdirSync(tmpDir);
    build(tmpDir);
  } catch (error) {
    discard();
    throw error;
  }

  let movedAside = false;
  try {
    if (fs.existsSync(target)) {
      fs.renameSync(target, backupDir);
      movedAside = true;
    }
    fs.renameSync(tmpDir, target);
  } catch (error) {
    if (movedAside && !fs.existsSync(target)) fs.renameSync(backupDir, target);
    discard();
    throw error;
  }
  if (movedAside) {
    try {
      fs.rmSync(backupDir, { recursive: true, force: true });
    } catch {
      // The new output is in place; a backup left behind is harmless (a hidden sibling folder).
    }
  }
}
