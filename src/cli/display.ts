import * as path from 'node:path';

/**
 * A path as shown to the user and as the output embeds it (the runbook's commands): relative to
 * the working directory when it lies below it, otherwise as given; always normalized (no `./`,
 * no `a/../`, no trailing slash), so that `dist`, `dist/`, `./dist` and `./dist/` are shown, and
 * synthesized, the same. Keeps messages free of the machine's absolute paths where possible.
 */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  if (relative === '') return '.';
  if (!(relative.startsWith('..') || path.isAbsolute(relative))) return relative.split(path.sep).join('/');
  return normalizedPath(file);
}

/** `file` normalized as written (`./a/b/` → `a/b`, `../x/./y` → `../x/y`): relative stays relative, absolute absolute. */
export function normalizedPath(file: string): string {
  const normalized = path.normalize(file);
  return normalized.length > 1 && /[\\/]$/.test(normalized) ? normalized.slice(0, -1) : normalized;
}
