import * as fs from 'node:fs';
import * as path from 'node:path';
import { isTerraformWorkingFile } from './carry-over';
import { isForeignEntry, STACKS_FOLDER } from './paths';
import { listFiles } from './list-files';

/** How a file of the output folder would change: its content, or it would appear or disappear. */
export type OutputChange = 'changed' | 'added' | 'removed';

/** One file that differs between the output folder and what a synth would write. */
export interface OutputDifference {
  /** Relative to the output folder, with `/` separators. */
  readonly path: string;
  readonly change: OutputChange;
}

/**
 * The files in which the output folder `current` differs from a fresh synth output `next`, byte
 * for byte, sorted by path. What a synth keeps in `current` (Terraform's working files, see
 * `TERRAFORM_WORKING_FILES`, and top-level entries meshfleet does not write, see
 * `isForeignEntry`, such as `.git`) is not compared. A missing or empty `current` yields every file
 * of `next` as added.
 */
export function compareOutputs(current: string, next: string): OutputDifference[] {
  const before = new Set(outputFiles(current));
  const after = outputFiles(next);
  const differences: OutputDifference[] = [];
  for (const file of after) {
    if (!before.has(file)) differences.push({ path: file, change: 'added' });
    else if (!sameContent(path.join(current, file), path.join(next, file))) differences.push({ path: file, change: 'changed' });
    before.delete(file);
  }
  for (const file of before) differences.push({ path: file, change: 'removed' });
  return differences.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Every entry below `dir` that is not a folder (symbolic links included, not followed), as sorted
 * relative paths, without what a synth keeps (Terraform's working files of the stack folders,
 * the user's top-level entries); none when `dir` is missing.
 */
export function outputFiles(dir: string): string[] {
  return fs.existsSync(dir) ? listFiles(dir, isKeptEntry) : [];
}

/** Whether `relative` is a top-level entry meshfleet does not write or `terraform/stacks/<stack>/<working file>` (the entry itself, not below it). */
function isKeptEntry(relative: string): boolean {
  if (!relative.includes('/')) return isForeignEntry(relative);
  const prefix = `${STACKS_FOLDER}/`;
  if (!relative.startsWith(prefix)) return false;
  const parts = relative.slice(prefix.length).split('/');
  return parts.length === 2 && isTerraformWorkingFile(parts[1]);
}

function sameContent(a: string, b: string): boolean {
  const stat = fs.lstatSync(a);
  if (!stat.isFile() || stat.size !== fs.statSync(b).size) return false;
  return fs.readFileSync(a).equals(fs.readFileSync(b));
}
