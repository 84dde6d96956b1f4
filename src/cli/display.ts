import * as path from 'node:path';

/**
 * A path as shown to the user: relative to the working directory when it lies below it,
 * otherwise as it is. Keeps messages free of the machine's absolute paths where possible.
 */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
