import { compareOutputs, OutputDifference } from '../output/compare-output';
import { displayPath } from './display';
import { Io } from './io';
import { printJson } from './json-output';
import { LoadedTopology } from './load';
import { progressOf } from './progress';
import { withSynthesizedOutput } from './synth-preview';
import { EXIT_FAILURE, EXIT_OK } from './usage';

/**
 * `meshfleet synth --check`: synthesizes into a temporary folder and compares it with the output
 * folder byte for byte (Terraform's working files aside), writing nothing. Prints the files that
 * would change, appear or disappear; exit 1 when there is any, 0 when the folder is up to date.
 * For GitOps CI: fails when the committed output is stale.
 */
export async function runSynthCheck(loaded: LoadedTopology, outDir: string, json: boolean, io: Io): Promise<number> {
  const differences = await withSynthesizedOutput(loaded, outDir, progressOf(io), (dir) => compareOutputs(outDir, dir));
  const upToDate = differences.length === 0;
  if (json) {
    printJson(io, { ok: upToDate, topology: loaded.model.name, topologyFile: loaded.file, out: outDir, differences });
  } else if (upToDate) {
    io.out(`up to date: ${displayPath(outDir)}/ is what 'meshfleet synth' writes for ${loaded.file}`);
  } else {
    io.out(`out of date: ${displayPath(outDir)}/ differs from what 'meshfleet synth' writes for ${loaded.file} (${countChanges(differences)}):`);
    for (const difference of differences) io.out(`  ${difference.change.padEnd(7)}  ${difference.path}`);
    io.out(`run 'meshfleet synth' to update it, or 'meshfleet diff' to see the changes`);
  }
  return upToDate ? EXIT_OK : EXIT_FAILURE;
}

/** `2 changed, 1 added, 0 removed`. */
export function countChanges(differences: readonly OutputDifference[]): string {
  return (['changed', 'added', 'removed'] as const).map((change) => `${differences.filter((d) => d.change === change).length} ${change}`).join(', ');
}
