import * as fs from 'node:fs';
import * as path from 'node:path';
import { carryTerraformFiles } from './carry-over';
import { recoverInterruptedRuns, scratchFolders } from './leftovers';
import { isLegacyOutput, markerProblem } from './marker';
import { MARKER_FILE } from './paths';
import { OutputRefusal } from './refusal';

/** What {@link replaceOutput} did besides writing the new output. */
export interface ReplaceReport {
  /** Repairs of what interrupted runs left beside the output folder, one line each. */
  readonly recovered: string[];
  /** Terraform working files kept from the previous output, relative to the output folder. */
  readonly kept: string[];
}

/**
 * Replaces the output folder `outDir` with what `build` writes, keeping Terraform's working
 * files. In order:
 *
 * 1. refuses the working directory or a folder above it;
 * 2. puts right what interrupted runs left beside it ({@link recoverInterruptedRuns});
 * 3. refuses a folder that is not empty and is not a meshfleet output ({@link refusalToReplace});
 * 4. builds and swaps in the new output ({@link writeAtomically}).
 *
 * @throws OutputRefusal when the folder must not be replaced; the output folder is unchanged
 */
export async function replaceOutput(outDir: string, build: (tmpDir: string) => unknown): Promise<ReplaceReport> {
  const target = resolveTarget(outDir);
  const aboveCwd = workingDirectoryRefusal(target);
  if (aboveCwd) throw new OutputRefusal(aboveCwd);
  const recovered = recoverInterruptedRuns(target);
  const refusal = refusalToReplace(target);
  if (refusal) throw new OutputRefusal(refusal);
  const kept = await writeAtomically(outDir, build);
  return { recovered, kept };
}

/**
 * Why the folder `target` must not be replaced by a synth, or `undefined` when it may be: it
 * does not exist yet, it is empty, or it carries a valid meshfleet marker
 * ({@link markerProblem}). Never the working directory or a folder above it.
 */
function refusalToReplace(target: string): string | undefined {
  if (!fs.existsSync(target)) return undefined;
  const aboveCwd = workingDirectoryRefusal(target);
  if (aboveCwd) return aboveCwd;
  if (!fs.statSync(target).isDirectory()) return 'it is not a folder';
  if (fs.readdirSync(target).length === 0) return undefined;
  const problem = markerProblem(target);
  if (problem === undefined) return undefined;
  if (!fs.existsSync(path.join(target, MARKER_FILE)) && isLegacyOutput(target)) {
    return (
      `it ${problem}; if it is the output of a meshfleet version from before the marker, ` +
      'adopt it as the README section "Outputs written before the marker" says (it keeps the Terraform state), ' +
      'or choose another output folder'
    );
  }
  return `it is not empty and ${problem}, so it may hold files that are not meshfleet's: choose an empty or new output folder`;
}

function workingDirectoryRefusal(target: string): string | undefined {
  if (!fs.existsSync(target)) return undefined;
  const relative = path.relative(fs.realpathSync(target), fs.realpathSync(process.cwd()));
  if (relative === '' || !(relative.startsWith('..') || path.isAbsolute(relative))) {
    return 'it is the working directory or a folder above it';
  }
  return undefined;
}

/**
 * The folder a synth replaces: the real path of `outDir`, also when it is a symbolic link
 * whose folder is missing (an interrupted run renamed it away).
 */
function resolveTarget(outDir: string): string {
  if (fs.existsSync(outDir)) return fs.realpathSync(outDir);
  const absolute = path.resolve(outDir);
  try {
    if (fs.lstatSync(absolute).isSymbolicLink()) return path.resolve(path.dirname(absolute), fs.readlinkSync(absolute));
  } catch {
    // Nothing at outDir.
  }
  return absolute;
}

/**
 * Replaces the folder `outDir` with what `build` writes, in one step, and keeps Terraform's
 * working files.
 *
 * `build` receives a fresh, empty temporary folder that is a sibling of `outDir`
 * (`<parent>/.<name>.tmp-<pid>-<random>`, so on the same filesystem). Only when `build`
 * returns (and the promise it returns, if any, resolves) is `outDir` swapped for it: the old folder is renamed to a backup (`<temporary>-old`),
 * the temporary folder renamed to `outDir`, the Terraform working files of the backup's stack
 * folders moved into the new output ({@link carryTerraformFiles}), then the backup removed.
 * Other files of an earlier run that `build` no longer writes therefore disappear.
 *
 * On any failure in `build` or in the swap the temporary folder is removed, `outDir` is left
 * exactly as it was (restored from the backup if needed) and the error is rethrown. A failure
 * while carrying files over keeps the backup, which the next run finishes with
 * ({@link recoverInterruptedRuns}), as it does after a kill at any point.
 * A symbolic link at `outDir` is kept: the folder it points to is the one replaced.
 * @returns the Terraform working files kept, relative to `outDir`
 */
export async function writeAtomically(outDir: string, build: (tmpDir: string) => unknown): Promise<string[]> {
  const target = resolveTarget(outDir);
  const createdParent = fs.mkdirSync(path.dirname(target), { recursive: true });
  const { tmpDir, backupDir } = scratchFolders(target);

  const discard = (): void => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    if (createdParent !== undefined) fs.rmSync(createdParent, { recursive: true, force: true });
  };

  try {
    fs.mkdirSync(tmpDir);
    await build(tmpDir);
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
  if (!movedAside) return [];

  const { moved, conflicts } = carryTerraformFiles(backupDir, target);
  if (conflicts.length > 0) {
    throw new Error(`kept ${path.basename(backupDir)} beside the output: its ${conflicts[0]} is also in the new output`);
  }
  try {
    fs.rmSync(backupDir, { recursive: true, force: true });
  } catch {
    // The new output and every Terraform file are in place; the next run removes what is left.
  }
  return moved;
}
