import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareOutputs, OutputDifference } from '../output/compare-output';
import { OptionValues } from './command';
import { displayPath } from './display';
import { paint } from './colour';
import { Io } from './io';
import { loadForCommand } from './load';
import { DEFAULT_OUT } from '../output/paths';
import { progressOf } from './progress';
import { countChanges } from './synth-check';
import { unifiedDiffHunks } from './unified-diff';
import { withSynthesizedOutput } from './synth-preview';
import { EXIT_FAILURE, EXIT_OK } from './usage';

/**
 * `meshfleet diff`: what `meshfleet synth` would change in the output folder, written nowhere:
 * a unified diff (`a/` the folder, `b/` the new output) per changed file, one line per file that
 * would be added or removed, and a count. Exit 1 when anything differs, as `kubectl diff` and
 * `git diff --exit-code` do (and on a bad topology), 0 when nothing does.
 */
export async function runDiff(values: OptionValues, io: Io): Promise<number> {
  const loaded = loadForCommand(io, values);
  if (!loaded) return EXIT_FAILURE;
  const outDir = typeof values.out === 'string' ? values.out : DEFAULT_OUT;
  const { lines, differs } = await withSynthesizedOutput(loaded, outDir, progressOf(io), (dir) => {
    const differences = compareOutputs(outDir, dir);
    return { lines: [...differences.flatMap((difference) => describeDifference(outDir, dir, difference)), summary(outDir, differences)], differs: differences.length > 0 };
  });
  for (const line of lines) io.out(colourDiffLine(io, line));
  return differs ? EXIT_FAILURE : EXIT_OK;
}

/** A diff line in the colours of `git diff`: file headers bold, hunk headers cyan, removed red, added green. */
function colourDiffLine(io: Io, line: string): string {
  if (line.startsWith('--- a/') || line.startsWith('+++ b/')) return paint(io, 'out', line, 'strong');
  if (line.startsWith('@@')) return paint(io, 'out', line, 'hunk');
  if (line.startsWith('-') || line.startsWith('removed: ')) return paint(io, 'out', line, 'removed');
  if (line.startsWith('+') || line.startsWith('added: ')) return paint(io, 'out', line, 'added');
  return line;
}

function describeDifference(outDir: string, nextDir: string, { path: file, change }: OutputDifference): string[] {
  if (change === 'added') return [`added: ${file}`];
  if (change === 'removed') return [`removed: ${file}`];
  const before = fs.readFileSync(path.join(outDir, file));
  const after = fs.readFileSync(path.join(nextDir, file));
  if (!isText(before) || !isText(after)) return [`Binary files a/${file} and b/${file} differ`];
  return [`--- a/${file}`, `+++ b/${file}`, ...unifiedDiffHunks(before.toString('utf8'), after.toString('utf8'))];
}

function summary(outDir: string, differences: readonly OutputDifference[]): string {
  if (differences.length === 0) return `no differences: ${displayPath(outDir)}/ is what 'meshfleet synth' writes`;
  return `${countChanges(differences)}: what 'meshfleet synth' would change in ${displayPath(outDir)}/`;
}

/** Whether `content` is UTF-8 text without NUL characters (output files are; a hand-placed file may not be). */
function isText(content: Buffer): boolean {
  return !content.includes(0) && Buffer.from(content.toString('utf8'), 'utf8').equals(content);
}
