import { MESH_INSTALL_DIR } from '../output/paths';
import type { FleetPlan } from '../plan/types';
import { isGkeCluster, ResolvedGkeCluster, ResolvedTopology } from '../topology/model/types';

/** The kube context `gcloud container clusters get-credentials` creates: `gke_<project>_<zone>_<name>`. */
export function gkeContextName(project: string, cluster: ResolvedGkeCluster): string {
  return `gke_${project}_${cluster.zone}_${cluster.name}`;
}

/** One cluster of `clusters.json`. */
export interface ClusterEntry {
  /** Cluster name, also its folder name and its name in Argo CD. */
  readonly name: string;
  /** Its folder, relative to the output folder: `k8s/<name>` (every cluster has one). */
  readonly folder: string;
  /**
   * The kube context the runbook uses: `gke_<project>_<zone>_<name>` for a GKE cluster (as
   * `gcloud container clusters get-credentials` creates it); null for an external cluster, whose
   * context only its own tooling knows.
   */
  readonly kubeContext: string | null;
  /** Google Cloud project the GKE cluster runs in; null for an external cluster. */
  readonly project: string | null;
  /** Zone of the GKE cluster; null for an external cluster. */
  readonly location: string | null;
  readonly kind: 'gke' | 'external';
  /** `k8s/<name>/mesh-install`, the istioctl inputs applied before the folder; null when meshfleet installs no mesh there. */
  readonly meshInstall: string | null;
}

/**
 * The entries of `clusters.json`: every cluster of the plan, with the plan's folder
 * (`k8s/<name>`) and its `mesh-install` folder when the plan gives it `istioctl` inputs, sorted
 * by name (code points, so the order never depends on the locale). Pure.
 */
export function clusterEntries(model: ResolvedTopology, plan: FleetPlan): ClusterEntry[] {
  return plan.clusters
    .map((planned): ClusterEntry => {
      const cluster = model.clusters.find((c) => c.name === planned.name)!;
      const gke = isGkeCluster(cluster);
      const meshInstall = planned.files.some((f) => !f.kustomized) ? `${planned.folder}/${MESH_INSTALL_DIR}` : null;
      return {
        name: cluster.name,
        folder: planned.folder,
        kubeContext: gke ? gkeContextName(model.project.id, cluster) : null,
        project: gke ? model.project.id : null,
        location: gke ? cluster.zone : null,
        kind: cluster.platform,
        meshInstall,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `clusters.json`: `{ "clusters": [...] }`, two-space indented, with a final newline. */
export function renderClustersFile(entries: readonly ClusterEntry[]): string {
  return `${JSON.stringify({ clusters: entries }, null, 2)}\n`;
}
