import { CHART_FILES } from '../output/paths';
import { blocks, Context, foldersInTopologyOrder, RunbookSection, sh, unique } from './shared';
import { deploymentsAvailableCommand, statefulSetRolloutCommand } from './wait-commands';

/** Deployments (per namespace) and StatefulSets (by name) of every cluster folder, until they run. */
export function rolloutSection(ctx: Context): RunbookSection | undefined {
  const gateway = ctx.model.mesh?.ingressGateway;
  const commands: string[] = [];
  for (const { cluster } of foldersInTopologyOrder(ctx)) {
    const resolved = ctx.model.clusters.find((c) => c.name === cluster)!;
    const runs = ctx.model.apps.flatMap((app) => app.workloads.filter((w) => w.clusters.includes(cluster)).map((w) => ({ app, w })));
    // The egress gateway runs where the plan puts its file.
    const egress = ctx.plan.clusters.find((c) => c.name === cluster)?.files.some((f) => f.path === CHART_FILES.egressGateway) ? ctx.model.mesh?.egressGateway : undefined;
    const namespaces = unique([
      ...(resolved.meshMember && gateway !== undefined ? [gateway.namespace] : []),
      ...(egress === undefined ? [] : [egress.namespace]),
      ...runs.filter(({ w }) => w.kind === 'Deployment').map(({ app }) => app.namespace),
    ]);
    commands.push(...namespaces.map((ns) => deploymentsAvailableCommand(cluster, ns)));
    commands.push(...runs.filter(({ w }) => w.kind === 'StatefulSet').map(({ app, w }) => statefulSetRolloutCommand(cluster, app.namespace, w.name)));
  }
  if (commands.length === 0) return undefined;
  return {
    title: 'Rollout',
    lines: blocks('Wait until the workloads run (images pulled, sidecars injected, probes passing) before the checks:', sh(commands)),
  };
}
