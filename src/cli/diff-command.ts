import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareOutputs, OutputDifference } from '../output/compare-output';
import { OptionValues } from './command';
import { displayPath } from './display';
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
 * would be added or removed, and a count. Exit 0 whatever differs (1 only for a bad topology);
 * `synth --check` is the command that fails on differences.
 */
export async function runDiff(values: OptionValues, io: Io): Promise<number> {
  const loaded = loadForCommand(io, values.topology);
  if (!loaded) return EXIT_FAILURE;
  const outDir = typeof values.out === 'string' ? values.out : DEFAULT_OUT;
  const lines = await withSynthesizedOutput(loaded, outDir, progressOf(io), (dir) => {
    const differences = compareOutputs(outDir, dir);
    return [...differences.flatMap((difference) => describeDifference(outDir, dir, difference)), summary(outDir, differences)];
  });
  for (const line of lines) io.out(line);
  return EXIT_OK;
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
