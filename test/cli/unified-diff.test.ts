import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { unifiedDiffHunks } from '../../src/cli/unified-diff';
import { TempDirs } from './helpers';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

/**
 * Applies hunks to `before` the way `patch` does (strictly: context and removed lines must match
 * at the line numbers the headers give) and returns the result.
 */
function applyHunks(before: string, hunks: readonly string[]): string {
  const oldLines = before.split(/(?<=\n)/).filter((line) => line !== '');
  const out: string[] = [];
  let next = 0; // index in oldLines of the next line not yet copied
  for (let i = 0; i < hunks.length;) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(hunks[i]);
    if (!header) throw new Error(`not a hunk header: ${hunks[i]}`);
    const oldCount = header[2] === undefined ? 1 : Number(header[2]);
    const oldStart = oldCount === 0 ? Number(header[1]) : Number(header[1]) - 1;
    out.push(...oldLines.slice(next, oldStart));
    next = oldStart;
    i++;
    let seenOld = 0;
    while (i < hunks.length && !hunks[i].startsWith('@@')) {
      const [kind, text] = [hunks[i][0], hunks[i].slice(1)];
      const noNewline = hunks[i + 1] === '\\ No newline at end of file';
      const line = noNewline ? text : `${text}\n`;
      if (kind === ' ' || kind === '-') {
        expect(oldLines[next]).toBe(line);
        next++;
        seenOld++;
      }
      if (kind === ' ' || kind === '+') out.push(line);
      i += noNewline ? 2 : 1;
    }
    expect(seenOld).toBe(oldCount);
  }
  out.push(...oldLines.slice(next));
  return out.join('');
}

const text = fc
  .array(fc.constantFrom('a', 'b', 'c', 'd', '', 'same'), { maxLength: 30 })
  .chain((lines) => fc.boolean().map((newline) => (lines.length === 0 ? '' : lines.join('\n') + (newline ? '\n' : ''))));

describe('unifiedDiffHunks', () => {
  test('equal texts give no hunks', () => {
    expect(unifiedDiffHunks('a\nb\n', 'a\nb\n')).toEqual([]);
    expect(unifiedDiffHunks('', '')).toEqual([]);
  });

  test('hunks turn the old text into the new one, for any pair of texts', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(applyHunks(before, unifiedDiffHunks(before, after))).toBe(after);
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  test('writes what `diff -u` writes for a change with context, hunks far apart and a missing last newline', () => {
    const before = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before
      .replace('line 5\n', 'line five\n')
      .replace('line 30\n', '')
      .replace(/line 40\n$/, 'line 40\nline 41');
    const dir = temp.make();
    fs.writeFileSync(path.join(dir, 'a'), before);
    fs.writeFileSync(path.join(dir, 'b'), after);
    const gnu = spawnSync('diff', ['-u', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
    if (gnu.error) throw new Error(`this test needs GNU diff: ${gnu.error.message}`);
    expect(unifiedDiffHunks(before, after)).toEqual(gnu.stdout.split('\n').slice(2, -1));
    expect(unifiedDiffHunks(before, after)[0]).toBe('@@ -2,7 +2,7 @@');
  });

  test('a file added to or emptied of its lines', () => {
    expect(unifiedDiffHunks('', 'x\ny\n')).toEqual(['@@ -0,0 +1,2 @@', '+x', '+y']);
    expect(unifiedDiffHunks('x\n', '')).toEqual(['@@ -1 +0,0 @@', '-x']);
  });

  test('a large file with many changes stays correct (beyond the edit search limit)', () => {
    const before = Array.from({ length: 5000 }, (_, i) => `old ${i}`).join('\n') + '\n';
    const after = Array.from({ length: 5000 }, (_, i) => `new ${i}`).join('\n') + '\n';
    expect(applyHunks(before, unifiedDiffHunks(before, after))).toBe(after);
  });
});
