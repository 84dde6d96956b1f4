import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CanaryEdit, CanaryEditError, editCanaryWeight, parseWeight } from '../edit/canary-edit';
import { readTopologyBytes } from '../load/read-topology';
import { TopologyError } from '../topology';
import { OptionValues } from './command';
import { Io } from './io';
import { loadForCommand } from './load';
import { reportTopologyError } from './problems';
import { EXIT_FAILURE, EXIT_OK, UsageError } from './usage';

/** What an in-place edit of the topology's weights returns: the new text and whether it differs. */
export interface TopologyTextEdit {
  readonly changed: boolean;
  readonly text: string;
}

/** The steps that make `canary` and `shift` differ; {@link editTopologyInPlace} runs them. */
export interface TopologyEditSteps<A, E extends TopologyTextEdit> {
  /** The command, for the usage line shown with a bad value. */
  readonly command: string;
  /**
   * Reads the command's value (`--weight`, `--to`); throws a `CanaryEditError` for a bad one,
   * which is a usage error (exit 2).
   */
  readonly parse: (values: OptionValues) => A;
  /** Computes the edited text; throws a `CanaryEditError` or `TopologyError` on a problem. */
  readonly edit: (text: string, service: string, value: A, namespace: string | undefined, file: string) => E;
  /** The line printed on success. */
  readonly describe: (edit: E, shownAs: string) => string;
  /** What changes, for the refusal of a non-UTF-8 file: `the weight`, `the weights`. */
  readonly what: string;
}

/**
 * Edits the weights of a workload in the topology file in place: parses the value, validates the
 * topology, then changes only the weights' digits. The file is replaced atomically, keeps its
 * mode, and is not touched on any problem or when the weights are already those asked for.
 */
export function editTopologyInPlace<A, E extends TopologyTextEdit>(values: OptionValues, io: Io, steps: TopologyEditSteps<A, E>): number {
  // `main` checked that the required options are non-empty strings.
  const file = String(values.topology);
  const service = String(values.service);
  const namespace = typeof values.namespace === 'string' ? values.namespace : undefined;

  let value: A;
  try {
    value = steps.parse(values);
  } catch (error) {
    if (error instanceof CanaryEditError) throw new UsageError(error.message, steps.command);
    throw error;
  }
  // Reports the topology's problems (and an unreadable file) as `validate` and `synth` do.
  const loaded = loadForCommand(io, values);
  if (!loaded) return EXIT_FAILURE;

  // Read as the loader reads it: a regular file, size capped (it may have changed since).
  let raw: Buffer;
  try {
    raw = readTopologyBytes(file);
  } catch (error) {
    return reportEditError(io, file, error);
  }
  const text = raw.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(raw)) {
    io.err(`meshfleet: refusing to edit ${file}: it is not valid UTF-8 text, so rewriting it would change other bytes than ${steps.what}`);
    return EXIT_FAILURE;
  }
  let edit: E;
  try {
    edit = steps.edit(text, service, value, namespace, file);
  } catch (error) {
    return reportEditError(io, file, error);
  }
  if (edit.changed) replaceFileAtomically(file, edit.text, text);
  io.out(steps.describe(edit, loaded.file));
  return EXIT_OK;
}

/**
 * `meshfleet canary`: moves the canary of a workload to `--weight` percent by editing the
 * topology file in place ({@link editTopologyInPlace}).
 */
export function runCanary(values: OptionValues, io: Io): number {
  return editTopologyInPlace(values, io, {
    command: 'canary',
    parse: (v) => parseWeight(String(v.weight)),
    edit: editCanaryWeight,
    describe: describeEdit,
    what: 'the weight',
  });
}

/**
 * One line, e.g. `canary productcatalogservice: 0% → 25% (v1 75%, v2 25%) in FILE; run
 * 'meshfleet synth' to apply`.
 */
export function describeEdit(edit: CanaryEdit, shownAs: string): string {
  const split =
    edit.to === 0
      ? `only ${edit.stableVersion} receives traffic`
      : edit.to === 100
        ? `only ${edit.canaryVersion} receives traffic`
        : `${edit.stableVersion} ${100 - edit.to}%, ${edit.canaryVersion} ${edit.to}%`;
  if (!edit.changed) return `canary ${edit.service}: already at ${edit.to}% (${split}) in ${shownAs}; nothing to change`;
  const what = edit.to === 0 ? ', rolled back' : edit.to === 100 ? ', promoted' : '';
  return `canary ${edit.service}: ${edit.from}% → ${edit.to}%${what} (${split}) in ${shownAs}; run 'meshfleet synth' to apply`;
}

/**
 * Prints a failed edit and returns the exit status (1). Problems with a command-line value that
 * only the topology reveals (`--service: ...`, a `--to` version the workload lacks) are one line;
 * problems in the file come under the file's name, as topology problems do. (A malformed
 * `--weight` or `--to` is a usage error before the file is read.)
 */
export function reportEditError(io: Io, file: string, error: unknown): number {
  if (error instanceof CanaryEditError) {
    if (error.problem.path.startsWith('--')) io.err(error.message);
    else reportTopologyError(io, file, new TopologyError(file, [error.problem]));
    return EXIT_FAILURE;
  }
  if (error instanceof TopologyError) {
    reportTopologyError(io, file, error);
    return EXIT_FAILURE;
  }
  throw error;
}

/**
 * Replaces `file` (through symbolic links: the link stays, its target changes) with `text`:
 * writes a temporary file in the same folder with the file's mode, flushes it, and renames it
 * over the file, unless the file no longer holds `expected` (someone changed it meanwhile).
 * On any failure the file is untouched and the temporary file is removed.
 */
export function replaceFileAtomically(file: string, text: string, expected: string): void {
  const target = fs.realpathSync(file);
  const mode = fs.statSync(target).mode & 0o7777;
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const fd = fs.openSync(tmp, 'wx', mode);
    try {
      fs.writeFileSync(fd, text);
      fs.fchmodSync(fd, mode); // the umask may have narrowed the mode given to openSync
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (readTopologyBytes(target).toString('utf8') !== expected) {
      throw new Error(`${file} changed while meshfleet was editing it; nothing written, run the command again`);
    }
    fs.renameSync(tmp, target);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}
