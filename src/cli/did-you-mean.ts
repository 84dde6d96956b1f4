/**
 * The candidate closest to `input`, for a "did you mean" hint: within an edit distance of 2
 * (1 for inputs of 3 or 4 characters, none for shorter ones), transpositions counting as one
 * edit, or the only candidate that `input` (2 characters or more) starts. Undefined when none
 * is close enough or two tie.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const limit = input.length < 3 ? 0 : input.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of candidates) {
    const distance = editDistance(input, candidate);
    if (distance < bestDistance) {
      [best, bestDistance, tie] = [candidate, distance, false];
    } else if (distance === bestDistance) {
      tie = true;
    }
  }
  if (best !== undefined && bestDistance <= limit && !tie) return best;
  const prefixed = input.length >= 2 ? candidates.filter((candidate) => candidate.startsWith(input)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `; did you mean 'x'?` for the closest candidate, or '' when none is close. */
export function didYouMean(input: string, candidates: readonly string[], show: (candidate: string) => string = (c) => c): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : `; did you mean '${show(match)}'?`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
