import { renderTopologyDiagram } from '../diagram';
import { OutputRefusal } from '../output/refusal';
import { ReplaceReport, replaceOutput } from '../output/replace-output';
import { synthesizeAll } from '../synth';
import { OptionValues } from './command';
import { displayPath } from './display';
import { groupByFolder, listFiles } from './files';
import { Io } from './io';
import { loadForCommand } from './load';
import { DEFAULT_OUT } from './package-info';
import { EXIT_FAILURE, EXIT_OK } from './usage';

/** Folders holding more files than this are summarized by count instead of by name. */
const LISTED_FILES_PER_FOLDER = 3;

/**
 * `meshfleet synth`: loads the topology and replaces the output folder with the synthesized
 * Terraform and Kubernetes files in one step, keeping Terraform's working files. On any problem
 * the output folder is untouched.
 */
export async function runSynth(values: OptionValues, io: Io): Promise<number> {
  const loaded = loadForCommand(io, values.topology);
  if (!loaded) return EXIT_FAILURE;
  const diagramSvg = await renderTopologyDiagram(loaded.model);
  const outDir = typeof values.out === 'string' ? values.out : DEFAULT_OUT;
  let files: string[] = [];
  let report: ReplaceReport;
  try {
    report = replaceOutput(outDir, (tmpDir) => {
      synthesizeAll(loaded.model, tmpDir, { topologyPath: loaded.shownAs, outPath: outDir, diagramSvg });
      files = listFiles(tmpDir);
    });
  } catch (error) {
    if (!(error instanceof OutputRefusal)) throw error;
    io.err(`meshfleet: refusing to replace ${outDir}: ${error.message}`);
    return EXIT_FAILURE;
  }

  for (const line of report.recovered) io.out(line);
  io.out(`synthesized ${loaded.shownAs} into ${displayPath(outDir)}/ (${files.length} file${files.length === 1 ? '' : 's'})`);
  for (const [folder, names] of groupByFolder(files)) {
    const shown = names.length <= LISTED_FILES_PER_FOLDER ? names.join(', ') : `${names.length} files`;
    io.out(`  ${folder}/  ${shown}`);
  }
  if (report.kept.length > 0) {
    io.out(`kept Terraform's working files of the previous output:`);
    for (const [folder, names] of groupByFolder(report.kept)) io.out(`  ${folder}/  ${names.join(', ')}`);
  }
  return EXIT_OK;
}
