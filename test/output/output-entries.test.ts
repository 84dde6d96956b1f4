/**
 * OUTPUT_ENTRIES is the one list of what a synth writes at the top of its output; a synth keeps
 * every other entry there (a user's `.git`). Every example's golden output must stay within it,
 * or a new top-level file would be kept as the user's instead of replaced.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isForeignEntry, OUTPUT_ENTRIES } from '../../src/output/paths';

const GOLDEN = path.join(__dirname, '..', 'golden');

test.each(
  fs
    .readdirSync(GOLDEN, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name),
)('%s: every top-level entry of the output is one of OUTPUT_ENTRIES', (example) => {
  const names = fs.readdirSync(path.join(GOLDEN, example));
  expect(names.filter(isForeignEntry)).toEqual([]);
  expect(names.length).toBeGreaterThanOrEqual(OUTPUT_ENTRIES.length - 1);
});
