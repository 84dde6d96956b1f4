import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Problem } from '../topology/rules/problems';
import { Io } from './io';

/** A file as `--format json` lists it. */
export interface FileEntry {
  /** Relative to the output folder, with `/` separators. */
  readonly path: string;
  readonly bytes: number;
  /** SHA-256 of the content, lower-case hex. */
  readonly sha256: string;
}

/** The JSON document of a failed run: `{"ok": false, "problems": [{path, message}]}` and what else is known. */
export interface FailureDocument {
  readonly ok: false;
  readonly problems: readonly Problem[];
  readonly [extra: string]: unknown;
}

/** Size and SHA-256 of each of `files` (relative to `dir`), in the order given. */
export function describeFiles(dir: string, files: readonly string[]): FileEntry[] {
  return files.map((file) => {
    const content = fs.readFileSync(path.join(dir, file));
    return { path: file, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
  });
}

/**
 * Prints `document` as the one JSON document of a `--format json` run, on standard output,
 * indented by two spaces; nothing else goes to standard output or standard error.
 */
export function printJson(io: Io, document: object): void {
  io.out(JSON.stringify(document, null, 2));
}
