import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { carryKeptEntries } from './carry-over';
import { markerProblem } from './marker';
import { OutputRefusal } from './refusal';

/** The two sibling folders one run of {@link writeAtomically} uses. */
export interface ScratchFolders {
  /** `<parent>/.<name>.tmp-<pid>-<random>`: the new output, built before the swap. */
  readonly tmpDir: string;
  /** `<tmpDir>-old`: the previous output, between the swap and the end of the run. */
  readonly backupDir: string;
}

/** Fresh scratch folder names for replacing `target`, carrying this process's id. */
export function scratchFolders(target: string): ScratchFolders {
  const tmpDir = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  return { tmpDir, backupDir: `${tmpDir}-old` };
}

/** The scratch folders one earlier run left beside the output folder. */
interface Leftover {
  readonly pid: number;
  tmpDir?: string;
  backupDir?: string;
}

/**
 * Puts right what runs killed while replacing `target` left behind, before anything else is
 * done, and returns one line per repair. Leftovers are the scratch folders of
 * {@link scratchFolders}, found by name; a run is over when its process (the pid in the name)
 * is gone. For each such run:
 *
 * - a backup while `target` is missing (killed between the two renames): the backup is renamed
 *   back to `target` (restore; the next synth writes the new output again);
 * - a backup beside a `target` that is a meshfleet output (killed after the swap): what a synth
 *   keeps (the user's top-level entries, Terraform's working files) still in the backup is moved
 *   into `target`, then the backup is removed (finish);
 * - a temporary folder: removed (it never holds what a synth keeps: that is carried over only
 *   after the swap).
 *
 * @throws OutputRefusal, before changing anything, when a run that owns leftovers is still
 * alive (another synth is replacing the folder), or when a backup cannot be put right safely
 */
export function recoverInterruptedRuns(target: string): string[] {
  const runs = leftoversOf(target);
  const live = runs.find((run) => isAlive(run.pid));
  if (live) {
    const folder = path.basename((live.backupDir ?? live.tmpDir)!);
    throw new OutputRefusal(
      `another meshfleet run (process ${live.pid}) is replacing it (found ${folder}); wait for it to end, ` + `or remove ${folder} if process ${live.pid} is not meshfleet`,
    );
  }
  const notes: string[] = [];
  for (const run of runs) {
    if (run.backupDir !== undefined) notes.push(recoverBackup(target, run.backupDir));
    if (run.tmpDir !== undefined) {
      fs.rmSync(run.tmpDir, { recursive: true, force: true });
      notes.push(`removed ${path.basename(run.tmpDir)}, left by an interrupted run`);
    }
  }
  return notes;
}

function recoverBackup(target: string, backupDir: string): string {
  const backup = path.basename(backupDir);
  if (!fs.existsSync(target)) {
    fs.renameSync(backupDir, target);
    return `restored ${path.basename(target)} from ${backup}, left by a run interrupted while swapping folders`;
  }
  if (markerProblem(target) !== undefined) {
    throw new OutputRefusal(
      `a run interrupted while swapping folders left the previous output in ${backup}, and the folder now in its place ` +
        `is not a meshfleet output; keep the one you need and remove the other`,
    );
  }
  const { moved, foreign, conflicts } = carryKeptEntries(backupDir, target);
  if (conflicts.length > 0) {
    throw new OutputRefusal(
      `a run interrupted while swapping folders left ${backup}, whose ${conflicts[0]} is also in the output; ` + `keep the one you need and remove ${backup}`,
    );
  }
  fs.rmSync(backupDir, { recursive: true, force: true });
  const what = [
    `${moved.length} Terraform working file${moved.length === 1 ? '' : 's'}`,
    ...(foreign.length === 0 ? [] : [`${foreign.length} entr${foreign.length === 1 ? 'y' : 'ies'} of yours (${foreign.join(', ')})`]),
  ].join(' and ');
  return `finished a run interrupted after swapping folders: moved ${what} from ${backup}, removed it`;
}

function leftoversOf(target: string): Leftover[] {
  const parent = path.dirname(target);
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(target))}\\.tmp-([1-9][0-9]*)-([0-9a-f]+)(-old)?$`);
  const runs = new Map<string, Leftover>();
  let names: string[];
  try {
    names = fs.readdirSync(parent).sort();
  } catch {
    return [];
  }
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match || !fs.lstatSync(path.join(parent, name)).isDirectory()) continue;
    const key = `${match[1]}-${match[2]}`;
    const run = runs.get(key) ?? { pid: Number(match[1]) };
    if (match[3]) run.backupDir = path.join(parent, name);
    else run.tmpDir = path.join(parent, name);
    runs.set(key, run);
  }
  return [...runs.values()];
}

/**
 * Whether process `pid` still runs. This process counts as gone: it has not created its scratch
 * folders yet when leftovers are looked for, so one carrying its pid was left by an earlier
 * process that had the same id.
 */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
