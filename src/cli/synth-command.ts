import { synthesizeAll, writeAtomically } from '../synth';
import { OptionValues } from './command';
import { displayPath } from './display';
import { groupByFolder, listFiles } from './files';
import { Io } from './io';
import { loadForCommand } from './load';
import { refusalToReplace } from './out-dir';
import { DEFAULT_OUT } from './package-info';
import { EXIT_FAILURE, EXIT_OK } from './usage';

/** Folders holding more files than this are summarized by count instead of by name. */
const LISTED_FILES_PER_FOLDER = 3;

/**
 * `meshfleet synth`: loads the topology and replaces the output folder with the synthesized
 * Terraform and Kubernetes files in one step. On any problem the output folder is untouched.
 */
export function runSynth(values: OptionValues, io: Io): number {
  const loaded = loadForCommand(io, values.topology);
  if (!loaded) return EXIT_FAILURE;
  const outDir = typeof values.out === 'string' ? values.out : DEFAULT_OUT;
  const refusal = refusalToReplace(outDir);
  if (refusal) {
    io.err(`meshfleet: refusing to replace ${outDir}: ${refusal}`);
    return EXIT_FAILURE;
  }
  writeAtomically(outDir, (tmpDir) => synthesizeAll(loaded.model, tmpDir, { topologyPath: loaded.shownAs, outPath: outDir }));

  const files = listFiles(outDir);
  io.out(`synthesized ${loaded.shownAs} into ${displayPath(outDir)}/ (${files.length} file${files.length === 1 ? '' : 's'})`);
  for (const [folder, names] of groupByFolder(files)) {
    const shown = names.length <= LISTED_FILES_PER_FOLDER ? names.join(', ') : `${names.length} files`;
    io.out(`  ${folder}/  ${shown}`);
  }
  return EXIT_OK;
}
