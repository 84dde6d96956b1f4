import { OutputRefusal } from '../output/refusal';
import { ReplaceReport, replaceOutput } from '../output/replace-output';
import { synthesizeAll } from '../synth';
import { OptionValues } from './command';
import { displayPath } from './display';
import { listFiles } from '../output/list-files';
import { groupByFolder } from './files';
import { Io } from './io';
import { describeFiles, FileEntry, printJson } from './json-output';
import { LoadedTopology, tryLoadForCommand } from './load';
import { DEFAULT_OUT } from '../output/paths';
import { reportTopologyError } from './problems';
import { progressOf } from './progress';
import { runSynthCheck } from './synth-check';
import { EXIT_FAILURE, EXIT_OK } from './usage';

/** Folders holding more files than this are summarized by count instead of by name. */
const LISTED_FILES_PER_FOLDER = 3;

/**
 * `meshfleet synth`: loads the topology and replaces the output folder with the synthesized
 * Terraform and Kubernetes files in one step, keeping Terraform's working files and what
 * meshfleet does not write at the top of the folder (`.git`, ...). On any problem
 * the output folder is untouched. With `--check` it writes nothing and compares instead
 * ({@link runSynthCheck}); with `--format json` it prints one JSON document and nothing else.
 */
export async function runSynth(values: OptionValues, io: Io): Promise<number> {
  const json = values.format === 'json';
  const outDir = typeof values.out === 'string' ? values.out : DEFAULT_OUT;
  const outcome = tryLoadForCommand(values);
  if (!('loaded' in outcome)) {
    if (json) printJson(io, { ok: false, topologyFile: outcome.file, out: outDir, problems: outcome.error.problems });
    else reportTopologyError(io, outcome.file, outcome.error);
    return EXIT_FAILURE;
  }
  if (values.check === true) return runSynthCheck(outcome.loaded, outDir, json, io);
  return writeOutput(outcome.loaded, outDir, json, io);
}

/** Replaces `outDir` with the synthesis of `loaded` and prints what it wrote (`json`: one JSON document). */
export async function writeOutput(loaded: LoadedTopology, outDir: string, json: boolean, io: Io): Promise<number> {
  const progress = progressOf(io);
  let files: string[] = [];
  // Sizes and hashes cost a second read of every file: only `--format json` shows them.
  let entries: FileEntry[] = [];
  let report: ReplaceReport;
  try {
    report = await replaceOutput(
      outDir,
      async (tmpDir) => {
        await synthesizeAll(loaded.model, tmpDir, { topologyPath: displayPath(loaded.file), outPath: displayPath(outDir), onStage: (stage) => progress.update(`synth: ${stage}`) });
        progress.update('synth: writing the output folder');
        files = listFiles(tmpDir);
        if (json) entries = describeFiles(tmpDir, files);
      },
      [loaded.file],
    );
  } catch (error) {
    if (!(error instanceof OutputRefusal)) throw error;
    const message = `refusing to replace ${displayPath(outDir)}: ${error.message}`;
    if (json) printJson(io, { ok: false, topologyFile: loaded.file, out: outDir, problems: [{ path: '--out', message }] });
    else io.err(`meshfleet: ${message}`);
    return EXIT_FAILURE;
  } finally {
    progress.done();
  }

  if (json) {
    printJson(io, {
      ok: true,
      topology: loaded.model.name,
      topologyFile: loaded.file,
      out: outDir,
      files: entries,
      kept: report.kept,
      keptForeign: report.foreign,
      recovered: report.recovered,
    });
    return EXIT_OK;
  }
  for (const line of report.recovered) io.out(line);
  io.out(`synthesized ${loaded.file} into ${displayPath(outDir)}/ (${files.length} file${files.length === 1 ? '' : 's'})`);
  for (const [folder, names] of groupByFolder(files)) {
    const shown = names.length <= LISTED_FILES_PER_FOLDER ? names.join(', ') : `${names.length} files`;
    io.out(`  ${folder}/  ${shown}`);
  }
  if (report.kept.length > 0) {
    io.out(`kept Terraform's working files of the previous output:`);
    for (const [folder, names] of groupByFolder(report.kept)) io.out(`  ${folder}/  ${names.join(', ')}`);
  }
  if (report.foreign.length > 0) io.out(`kept what meshfleet does not write: ${report.foreign.join(', ')}`);
  return EXIT_OK;
}
