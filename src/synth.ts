import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthKubernetes } from './k8s/synth';
import { renderRunbook, TOPOLOGY_PLACEHOLDER } from './runbook/runbook';
import { synthTerraform } from './terraform/synth';
import { ResolvedTopology } from './topology/types';

/** Names under the output folder: one folder per half of the synthesis, and the runbook. */
export const OUTPUT_FOLDERS = {
  terraform: 'terraform',
  kubernetes: 'k8s',
  readme: 'README.md',
} as const;

/** Options of {@link synthesizeAll}. */
export interface SynthesizeOptions {
  /**
   * The topology file as shown to the user (e.g. `examples/istio-primary-remote.yaml`), for
   * the runbook's `meshfleet ca --topology` command. An absolute path is not written (the output
   * holds no absolute path): the placeholder is used instead.
   * @default "<topology file>"
   */
  readonly topologyPath?: string;
  /**
   * The output folder as the user named it (`--out`, e.g. `dist`), for the runbook's re-synth
   * command and its way back to the project folder. An absolute path is not written.
   * @default "<output folder>"
   */
  readonly outPath?: string;
}

/**
 * Synthesizes everything a topology produces into `outdir`:
 * `<outdir>/terraform/` (cdktf layout: `manifest.json`, `stacks/<stack>/cdk.tf.json`),
 * `<outdir>/k8s/<cluster>/` (YAML plus `kustomization.yaml`) and `<outdir>/README.md`, the
 * runbook: what to run, in order, to deploy them.
 *
 * This is the one place where the halves are put together; both read the same resolved model.
 * `outdir` is expected to be a fresh, empty folder (see {@link writeAtomically}).
 */
export function synthesizeAll(model: ResolvedTopology, outdir: string, options: SynthesizeOptions = {}): void {
  const terraformDir = path.join(outdir, OUTPUT_FOLDERS.terraform);
  fs.mkdirSync(terraformDir, { recursive: true });
  const stacks = synthTerraform(model, terraformDir);

  const clusters = synthKubernetes(model, path.join(outdir, OUTPUT_FOLDERS.kubernetes));

  const relative = (shown: string | undefined) =>
    shown !== undefined && shown !== '' && !path.isAbsolute(shown) && !path.win32.isAbsolute(shown) ? shown : undefined;
  const topologyPath = relative(options.topologyPath) ?? TOPOLOGY_PLACEHOLDER;
  const outPath = relative(options.outPath);
  const runbook = renderRunbook({
    model,
    stacks,
    clusters,
    topologyPath,
    ...(outPath === undefined ? {} : { outPath }),
    folders: { terraform: OUTPUT_FOLDERS.terraform, kubernetes: OUTPUT_FOLDERS.kubernetes },
  });
  fs.writeFileSync(path.join(outdir, OUTPUT_FOLDERS.readme), runbook);
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
