import * as fs from 'node:fs';
import * as path from 'node:path';
import { isForeignEntry, STACKS_FOLDER } from './paths';

/**
 * What Terraform (or the operator running it) creates in a stack folder
 * `<out>/terraform/stacks/<stack>/`, and a synth therefore keeps: names, or `*` + a suffix.
 *
 * - `.terraform` (providers, modules, the backend settings of `terraform init`) and
 *   `.terraform.lock.hcl` (the provider versions chosen, meant to be kept);
 * - state that older meshfleet versions kept in the stack folder: `*.tfstate`,
 *   `*.tfstate.backup` and the workspaces folder `terraform.tfstate.d`;
 * - saved plans, `*.tfplan` (`terraform plan -out=x.tfplan`).
 *
 * Nothing a synth writes has one of these names. Anything else in the output folder's own
 * entries (`OUTPUT_ENTRIES`) is replaced.
 */
export const TERRAFORM_WORKING_FILES: readonly string[] = ['.terraform', '.terraform.lock.hcl', 'terraform.tfstate.d', '*.tfstate', '*.tfstate.backup', '*.tfplan'];

/** Whether a stack folder entry named `name` is one of {@link TERRAFORM_WORKING_FILES}. */
export function isTerraformWorkingFile(name: string): boolean {
  return TERRAFORM_WORKING_FILES.some((pattern) => (pattern.startsWith('*') ? name.length > pattern.length - 1 && name.endsWith(pattern.slice(1)) : name === pattern));
}

/** What {@link carryKeptEntries} moved, and what it could not move. */
export interface CarryResult {
  /** Terraform working files moved, as paths relative to the output folder (`terraform/stacks/<stack>/<name>`), sorted. */
  readonly moved: string[];
  /** The user's top-level entries moved (`.git`, ...; see `isForeignEntry`), names, sorted. */
  readonly foreign: string[];
  /** Entries left in `from` because `to` holds the same name already, relative paths, sorted. */
  readonly conflicts: string[];
}

/**
 * Moves what a synth keeps from the output `from` into the output `to`: the user's top-level
 * entries (those meshfleet does not write, see `isForeignEntry`) and the Terraform working
 * files ({@link TERRAFORM_WORKING_FILES}) of every stack folder, into the same stack folder of
 * `to`, created when `to` has no such stack (a stack the topology no longer has keeps its
 * files). Each entry is moved by one rename (both folders are on the same filesystem), so an
 * interruption leaves every entry whole, in one of the two folders. Nothing in `to` is ever
 * overwritten, and nothing outside the two folders is touched (a symbolic link is moved as a link).
 */
export function carryKeptEntries(from: string, to: string): CarryResult {
  const moved: string[] = [];
  const foreign: string[] = [];
  const conflicts: string[] = [];
  for (const name of readdirOrEmpty(from)
    .map((e) => e.name)
    .filter(isForeignEntry)
    .sort()) {
    if (exists(path.join(to, name))) {
      conflicts.push(name);
      continue;
    }
    fs.renameSync(path.join(from, name), path.join(to, name));
    foreign.push(name);
  }
  const stacksDir = path.join(from, STACKS_FOLDER);
  for (const stack of readdirOrEmpty(stacksDir)
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    for (const name of readdirOrEmpty(path.join(stacksDir, stack))
      .map((e) => e.name)
      .filter(isTerraformWorkingFile)
      .sort()) {
      const relative = `${STACKS_FOLDER}/${stack}/${name}`;
      const destination = path.join(to, relative);
      if (exists(destination)) {
        conflicts.push(relative);
        continue;
      }
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      fs.renameSync(path.join(from, relative), destination);
      moved.push(relative);
    }
  }
  return { moved, foreign, conflicts };
}

function readdirOrEmpty(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Whether anything (a dangling symbolic link too) is at `file`. */
function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
