/**
 * A small, deterministic line diff (Myers' O(ND) algorithm) printed in the unified format of
 * `diff -u` (three lines of context, `\ No newline at end of file` where a file lacks one).
 */

/** Lines of context around each change. */
const CONTEXT = 3;

/**
 * Above this many edits the shortest edit script is not searched for (it costs memory of the
 * square of the edits); the files are then shown as all of `before` removed and all of `after`
 * added, which is still a correct diff.
 */
const MAX_EDITS = 2000;

interface Edit {
  readonly kind: ' ' | '-' | '+';
  /** The line with its newline, if it has one. */
  readonly line: string;
}

/**
 * The hunks of the unified diff from `before` to `after`, without the `---`/`+++` header lines;
 * empty when the texts are equal.
 */
export function unifiedDiffHunks(before: string, after: string): string[] {
  const edits = groupChanges(diffLines(splitLines(before), splitLines(after)));
  const out: string[] = [];
  for (const [start, end] of hunkRanges(edits)) {
    let oldLine = 1;
    let newLine = 1;
    for (const edit of edits.slice(0, start)) {
      if (edit.kind !== '+') oldLine++;
      if (edit.kind !== '-') newLine++;
    }
    const hunk = edits.slice(start, end);
    const oldCount = hunk.filter((e) => e.kind !== '+').length;
    const newCount = hunk.filter((e) => e.kind !== '-').length;
    out.push(`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`);
    for (const edit of hunk) {
      const hasNewline = edit.line.endsWith('\n');
      out.push(`${edit.kind}${hasNewline ? edit.line.slice(0, -1) : edit.line}`);
      if (!hasNewline) out.push('\\ No newline at end of file');
    }
  }
  return out;
}

/** `start,count` as `diff -u` writes it: the count omitted when 1, the line before when 0. */
function range(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return `${count === 0 ? start - 1 : start},${count}`;
}

/** Lines with their newlines; a last line without one stays distinct from the same line with one. */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/** `[start, end)` index ranges of the edits that form each hunk, changes with their context. */
function hunkRanges(edits: readonly Edit[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  edits.forEach((edit, index) => {
    if (edit.kind === ' ') return;
    const start = Math.max(0, index - CONTEXT);
    const end = Math.min(edits.length, index + CONTEXT + 1);
    const last = ranges[ranges.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = end;
    else ranges.push([start, end]);
  });
  return ranges;
}

/** Within each run of changes, every removed line before every added line (as `diff -u` shows them). */
function groupChanges(edits: readonly Edit[]): Edit[] {
  const out: Edit[] = [];
  for (let i = 0; i < edits.length;) {
    if (edits[i].kind === ' ') {
      out.push(edits[i++]);
      continue;
    }
    const run: Edit[] = [];
    while (i < edits.length && edits[i].kind !== ' ') run.push(edits[i++]);
    out.push(...run.filter((e) => e.kind === '-'), ...run.filter((e) => e.kind === '+'));
  }
  return out;
}

/** The edits that turn `a` into `b`: a shortest edit script, common prefix and suffix kept. */
export function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const same = (lines: readonly string[]): Edit[] => lines.map((line) => ({ kind: ' ', line }));
  const middle = myers(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix)) ?? [
    ...a.slice(prefix, a.length - suffix).map((line): Edit => ({ kind: '-', line })),
    ...b.slice(prefix, b.length - suffix).map((line): Edit => ({ kind: '+', line })),
  ];
  return [...same(a.slice(0, prefix)), ...middle, ...same(a.slice(a.length - suffix))];
}

/** Myers' greedy shortest edit script, or `undefined` when it needs more than {@link MAX_EDITS} edits. */
function myers(a: readonly string[], b: readonly string[]): Edit[] | undefined {
  const n = a.length;
  const m = b.length;
  // trace[d][k + d]: the furthest x reached on diagonal k (x - y) with d edits.
  const trace: Int32Array[] = [];
  const furthest = (d: number, k: number): number => trace[d][k + d];
  const stepsDown = (d: number, k: number): boolean => k === -d || (k !== d && furthest(d - 1, k - 1) < furthest(d - 1, k + 1));
  for (let d = 0; d <= Math.min(n + m, MAX_EDITS); d++) {
    const row = new Int32Array(2 * d + 1);
    trace.push(row);
    for (let k = -d; k <= d; k += 2) {
      let x = d === 0 ? 0 : stepsDown(d, k) ? furthest(d - 1, k + 1) : furthest(d - 1, k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      row[k + d] = x;
      if (x >= n && y >= m) return backtrack(a, b, d, furthest, stepsDown);
    }
  }
  return undefined;
}

function backtrack(a: readonly string[], b: readonly string[], edits: number, furthest: (d: number, k: number) => number, stepsDown: (d: number, k: number) => boolean): Edit[] {
  const reversed: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = edits; d > 0; d--) {
    const k = x - y;
    const previousK = stepsDown(d, k) ? k + 1 : k - 1;
    const previousX = furthest(d - 1, previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      reversed.push({ kind: ' ', line: a[--x] });
      y--;
    }
    if (previousK === k + 1) reversed.push({ kind: '+', line: b[--y] });
    else reversed.push({ kind: '-', line: a[--x] });
  }
  while (x > 0 && y > 0) {
    reversed.push({ kind: ' ', line: a[--x] });
    y--;
  }
  return reversed.reverse();
}
