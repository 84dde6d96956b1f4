import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Every entry below `dir` that is not a folder, as sorted relative paths with `/` separators.
 * An entry for which `exclude` returns true is left out, and a folder so excluded is not entered.
 */
export function listFiles(dir: string, exclude: (relative: string) => boolean = () => false): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (exclude(child)) continue;
      if (entry.isDirectory()) walk(child);
      else files.push(child);
    }
  };
  walk('');
  return files.sort();
}
