import { blocks, code, Context, knownTopology, list, PROJECT_PLACEHOLDER, RunbookSection, sh, TOPOLOGY_PLACEHOLDER } from './shared';
import { TOPOLOGY_VARIABLE } from '../entry/run-entry-point';
import { PROJECT_DIR_VARIABLE } from './wait-commands';

/** How meshfleet is run: from its project folder, built once; its commands here `cd` there. */
export function meshfleetSection(ctx: Context): RunbookSection {
  const known = ctx.projectDir !== PROJECT_PLACEHOLDER;
  const topology = knownTopology(ctx.input);
  const placeholders = [...(known ? [] : ['that folder']), ...(topology ? [] : ['the topology file (relative to it, or absolute)'])];
  return {
    title: 'meshfleet',
    lines: blocks(
      `meshfleet runs in its project folder (the folder ${code('npx meshfleet synth')} ran in; the topology path ${
        topology ? `${code(ctx.topologyArg)} ` : ''
      }is relative to it), after ${code('npm ci')} there (its prepare step compiles the CLI). This runbook's meshfleet commands run there in a subshell, so your shell stays in this folder.${
        placeholders.length === 0 ? '' : ` Replace the placeholders with ${list(placeholders)}.`
      }`,
      sh([
        `export ${PROJECT_DIR_VARIABLE}="${known ? `$(cd ${ctx.projectDir} && pwd)` : ctx.projectDir}"`,
        ...(topology ? [] : [`export ${TOPOLOGY_VARIABLE}="${TOPOLOGY_PLACEHOLDER}"`]),
        `(cd "\${${PROJECT_DIR_VARIABLE}}" && npm ci)`,
      ]),
      `To change the deployment, edit the topology and synthesize again (see ${code('Changes')} below), never this folder.`,
    ),
  };
}
