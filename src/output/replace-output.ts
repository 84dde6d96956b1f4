import * as fs from 'node:fs';
import * as path from 'node:path';
import { carryKeptEntries } from './carry-over';
import { recoverInterruptedRuns, scratchFolders } from './leftovers';
import { isLegacyOutput, markerProblem } from './marker';
import { MARKER_FILE } from './paths';
import { OutputRefusal } from './refusal';

/** What {@link writeAtomically} kept from the previous output. */
export interface KeptEntries {
  /** Terraform working files kept, relative to the output folder. */
  readonly kept: string[];
  /** The user's top-level entries kept (`.git`, ...: those meshfleet does not write), names. */
  readonly foreign: string[];
}

/** What {@link replaceOutput} did besides writing the new output. */
export interface ReplaceReport extends KeptEntries {
  /** Repairs of what interrupted runs left beside the output folder, one line each. */
  readonly recovered: string[];
}

/**
 * Replaces the output folder `outDir` with what `build` writes, keeping Terraform's working
 * files and the user's top-level entries. In order:
 *
 * 1. refuses the working directory or a folder above it, and a folder that holds one of
 *    `inputs` (the topology file: it would be deleted while being read), real paths compared;
 * 2. puts right what interrupted runs left beside it ({@link recoverInterruptedRuns});
 * 3. refuses a symbolic link whose folder does not exist (it would write where the link points);
 * 4. refuses a folder that is not empty and is not a meshfleet output ({@link refusalToReplace});
 * 5. builds and swaps in the new output ({@link writeAtomically}).
 *
 * @param inputs files the run reads, which must not be inside the output folder
 * @throws OutputRefusal when the folder must not be replaced; the output folder is unchanged
 */
export async function replaceOutput(outDir: string, build: (tmpDir: string) => unknown, inputs: readonly string[] = []): Promise<ReplaceReport> {
  const target = resolveTarget(outDir);
  const early = workingDirectoryRefusal(target) ?? inputInsideRefusal(target, inputs);
  if (early) throw new OutputRefusal(early);
  const recovered = recoverInterruptedRuns(target);
  const refusal = danglingLinkRefusal(outDir) ?? refusalToReplace(target);
  if (refusal) throw new OutputRefusal(refusal);
  const kept = await writeAtomically(outDir, build);
  return { recovered, ...kept };
}

/** Why `target` must not be replaced because one of `inputs` is inside it (real paths), or `undefined`. */
function inputInsideRefusal(target: string, inputs: readonly string[]): string | undefined {
  if (!fs.existsSync(target)) return undefined;
  const folder = fs.realpathSync(target);
  for (const input of inputs) {
    let real: string;
    try {
      real = fs.realpathSync(input);
    } catch {
      continue;
    }
    const relative = path.relative(folder, real);
    if (relative === '' || !(relative.startsWith('..') || path.isAbsolute(relative))) {
      return `it contains ${input} (found at ${relative.split(path.sep).join('/') || '.'} inside it), which the run reads and a synth would delete: keep it outside the output folder, or choose another output folder`;
    }
  }
  return undefined;
}

/** Why `outDir` must not be written: it is a symbolic link to something that does not exist; or `undefined`. */
function danglingLinkRefusal(outDir: string): string | undefined {
  const absolute = path.resolve(outDir);
  let link: string;
  try {
    if (!fs.lstatSync(absolute).isSymbolicLink() || fs.existsSync(absolute)) return undefined;
    link = fs.readlinkSync(absolute);
  } catch {
    return undefined;
  }
  return `it is a symbolic link to ${link}, which does not exist (found a dangling link, expected a folder or a link to one): create that folder, or give --out a folder`;
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
 * working files and the user's top-level entries (see `isForeignEntry`).
 *
 * `build` receives a fresh, empty temporary folder that is a sibling of `outDir`
 * (`<parent>/.<name>.tmp-<pid>-<random>`, so on the same filesystem). Only when `build`
 * returns (and the promise it returns, if any, resolves) is `outDir` swapped for it: the old folder is renamed to a backup (`<temporary>-old`),
 * the temporary folder renamed to `outDir`, the user's top-level entries and the Terraform
 * working files of the backup's stack folders moved into the new output ({@link carryKeptEntries}),
 * then the backup removed. Other files of an earlier run that `build` no longer writes
 * therefore disappear.
 *
 * On any failure in `build` or in the swap the temporary folder is removed, `outDir` is left
 * exactly as it was (restored from the backup if needed) and the error is rethrown. A failure
 * while carrying files over keeps the backup, which the next run finishes with
 * ({@link recoverInterruptedRuns}), as it does after a kill at any point.
 * A symbolic link at `outDir` is kept: the folder it points to is the one replaced.
 * @returns what was kept from the previous output
 */
export async function writeAtomically(outDir: string, build: (tmpDir: string) => unknown): Promise<KeptEntries> {
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
  if (!movedAside) return { kept: [], foreign: [] };

  const { moved, foreign, conflicts } = carryKeptEntries(backupDir, target);
  if (conflicts.length > 0) {
    throw new Error(`kept ${path.basename(backupDir)} beside the output: its ${conflicts[0]} is also in the new output`);
  }
  try {
    fs.rmSync(backupDir, { recursive: true, force: true });
  } catch {
    // The new output and every Terraform file are in place; the next run removes what is left.
  }
  return { kept: moved, foreign };
}
