import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file whose presence marks a folder as an earlier meshfleet output. */
export const OUTPUT_MARKER = 'terraform/manifest.json';

/**
 * Why `outDir` must not be replaced by a synth, or `undefined` when it may be. A synth
 * replaces the whole folder, so it only takes a folder that does not exist yet, an empty one,
 * or one that holds an earlier output; never the working directory or a folder above it.
 */
export function refusalToReplace(outDir: string): string | undefined {
  if (!fs.existsSync(outDir)) return undefined;
  const target = fs.realpathSync(outDir);
  const cwd = fs.realpathSync(process.cwd());
  const relative = path.relative(target, cwd);
  if (relative === '' || !(relative.startsWith('..') || path.isAbsolute(relative))) {
    return 'it is the working directory or a folder above it';
  }
  if (!fs.statSync(target).isDirectory()) return 'it is not a folder';
  if (fs.readdirSync(target).length === 0) return undefined;
  if (fs.existsSync(path.join(target, OUTPUT_MARKER))) return undefined;
  return `it is not empty and holds no earlier meshfleet output (no ${OUTPUT_MARKER})`;
}
