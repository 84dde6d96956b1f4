import { MESH_INSTALL_DIR } from '../output/paths';
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

/** A written cluster folder, as far as `clusters.json` needs it (`SynthesizedCluster` satisfies it). */
export interface ClusterFolder {
  readonly cluster: string;
  /** istioctl inputs of the folder, relative to it (`mesh-install/...`); empty for none. */
  readonly meshInstall: readonly string[];
}

/**
 * The entries of `clusters.json`: every cluster of the topology, sorted by name (code points, so
 * the order never depends on the locale). `kubernetesFolder` is the folder of the cluster folders
 * in the output (`k8s`); `folders` says which clusters got istioctl inputs. Pure.
 */
export function clusterEntries(model: ResolvedTopology, kubernetesFolder: string, folders: readonly ClusterFolder[]): ClusterEntry[] {
  const withMeshInstall = new Set(folders.filter((f) => f.meshInstall.length > 0).map((f) => f.cluster));
  return model.clusters
    .map((cluster): ClusterEntry => {
      const folder = `${kubernetesFolder}/${cluster.name}`;
      const gke = isGkeCluster(cluster);
      const meshInstall = withMeshInstall.has(cluster.name) ? `${folder}/${MESH_INSTALL_DIR}` : null;
      return {
        name: cluster.name,
        folder,
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
