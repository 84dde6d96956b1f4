import { countFindings, Finding, formatFinding, hasErrors } from '../analysis/findings';
import { ResolvedTopology, TopologyError } from '../topology';
import type { Problem } from '../topology/rules/problems';
import { OptionValues } from './command';
import { paint } from './colour';
import { Io } from './io';
import { printJson } from './json-output';
import { tryLoadForCommand } from './load';
import { reportTopologyError } from './problems';
import { describeTopology } from './summary';
import { EXIT_FAILURE, EXIT_OK } from './usage';

/** Path of the problem reported when the synthesis itself fails (a check the topology rules miss). */
const SYNTHESIS_PROBLEM_PATH = '(synthesis)';

/** What validating one topology found. */
interface Outcome {
  readonly shownAs: string;
  readonly model?: ResolvedTopology;
  readonly problems: readonly Problem[];
  readonly findings: readonly Finding[];
}

/**
 * `meshfleet validate`: loads and checks a topology, then (unless `--skip-analysis`) synthesizes
 * it in memory and analyzes the objects (see src/analysis). Writes no file. Exit 1 on topology
 * problems or on error findings; warnings and infos alone keep exit 0.
 */
export async function runValidate(values: OptionValues, io: Io): Promise<number> {
  const json = values.format === 'json';
  const outcome = await validate(values, json ? undefined : io);
  const ok = outcome.problems.length === 0 && !hasErrors(outcome.findings);
  if (json) {
    const name = outcome.model ? { topology: outcome.model.name } : {};
    printJson(io, { ok, ...name, topologyFile: outcome.shownAs, problems: outcome.problems, findings: outcome.findings });
  } else {
    printText(outcome, ok, io);
  }
  return ok ? EXIT_OK : EXIT_FAILURE;
}

/**
 * Loads the topology and analyzes its synthesis. Topology problems are printed to `textIo` at
 * once (as every command prints them) when given, and returned either way.
 */
async function validate(values: OptionValues, textIo: Io | undefined): Promise<Outcome> {
  const outcome = tryLoadForCommand(values);
  if ('error' in outcome) {
    if (textIo) reportTopologyError(textIo, outcome.file, outcome.error);
    return { shownAs: outcome.file, problems: outcome.error.problems, findings: [] };
  }
  const { model, file: shownAs } = outcome.loaded;
  if (values['skip-analysis'] === true) return { shownAs, model, problems: [], findings: [] };
  // Loaded here only: the synthesis pulls in cdk8s and cdktf, which a topology-only check does not need.
  const [{ synthesizeForAnalysis }, { analyze }] = await Promise.all([import('../analysis/synthesize'), import('../analysis/analyze')]);
  let input;
  try {
    input = synthesizeForAnalysis(model);
  } catch (error) {
    // A topology problem only synthesis finds (an escape-hatch JSON patch operation that does not apply) keeps its field path.
    const problems =
      error instanceof TopologyError
        ? error.problems
        : [{ path: SYNTHESIS_PROBLEM_PATH, message: `synthesis failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` }];
    if (textIo) reportTopologyError(textIo, shownAs, new TopologyError(shownAs, problems));
    return { shownAs, model, problems, findings: [] };
  }
  return { shownAs, model, problems: [], findings: analyze(input) };
}

/**
 * The human output: one line per finding (`<severity> <code> <cluster> <object> <path>: <message>`)
 * on standard output, then `ok: <file>: <summary>` on standard output, or, with error findings,
 * `<file>: <counts>` on standard error. Topology problems were printed already.
 */
function printText(outcome: Outcome, ok: boolean, io: Io): void {
  if (outcome.model === undefined || outcome.problems.length > 0) return;
  for (const finding of outcome.findings) {
    const line = formatFinding(finding);
    io.out(paint(io, 'out', finding.severity, finding.severity) + line.slice(finding.severity.length));
  }
  const counts = outcome.findings.length === 0 ? '' : `; analysis: ${countFindings(outcome.findings)}`;
  if (ok) io.out(`${paint(io, 'out', 'ok', 'ok')}: ${outcome.shownAs}: ${describeTopology(outcome.model)}${counts}`);
  else io.err(paint(io, 'err', `${outcome.shownAs}: the synthesized objects have problems: ${countFindings(outcome.findings)}`, 'error'));
}
