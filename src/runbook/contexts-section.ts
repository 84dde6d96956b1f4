import { gkeClusters, isGkeCluster } from '../topology/model/types';
import { contextExport } from './commands';
import { blocks, code, Context, RunbookSection, sh } from './shared';

/** The kube context variables, one per cluster. */
export function contextsSection(ctx: Context): RunbookSection {
  const gke = gkeClusters(ctx.model);
  const external = ctx.model.clusters.filter((c) => !isGkeCluster(c));
  const notes: string[] = [];
  if (gke.length > 0) {
    notes.push(`GKE clusters: the contexts ${code('gcloud container clusters get-credentials')} creates (run it once the clusters exist, see below).`);
  }
  if (external.length > 0) {
    notes.push(`External clusters: replace the placeholder with the cluster's context (${code('kubectl config get-contexts')}).`);
  }
  return {
    title: 'Kube contexts',
    lines: blocks(
      'Every command names its cluster through one of these variables; set them in the shell you deploy from.',
      notes.join(' '),
      sh(ctx.model.clusters.map((c) => contextExport(ctx.project, c))),
    ),
  };
}
