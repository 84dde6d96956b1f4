import { blocks, code, Context, list, RunbookSection, sh } from './shared';
import { fleetMeshReadyWaitCommand } from './wait-commands';

/** Fleet-managed meshes: nothing to install; the folders once the control planes are ready. */
export function fleetMeshSection(ctx: Context): RunbookSection {
  return {
    title: 'Service mesh: managed by the fleet',
    lines: blocks(
      `The fleet installs and manages the control plane${
        ctx.input.stacks.includes('fleet') ? ` (the ${code('fleet')} stack turns it on)` : ''
      }, and endpoint discovery is automatic: it is done by the fleet, so there is no istioctl, no plug-in CA and no remote secrets.`,
      fleetMeshWaitLines(ctx),
    ),
  };
}

/** Fleet-managed meshes: the describe command and a loop until every mesh member is ready. */
export function fleetMeshWaitLines(ctx: Context): string[] {
  const members = ctx.model.clusters.filter((c) => c.meshMember).map((c) => c.name);
  return blocks(
    `Before the folders, wait until the fleet reports a ready control plane (${code('REVISION_READY')}) for ${
      members.length === 1 ? members[0] : `each of the ${members.length} mesh clusters (${list(members)})`
    }; it takes some minutes after the fleet stack:`,
    sh([`gcloud container fleet mesh describe --project ${ctx.project}`, fleetMeshReadyWaitCommand(ctx.project, members.length)]),
  );
}
