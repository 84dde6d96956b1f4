import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { buildPlan } from '../plan/build-plan';
import { FleetPlan } from '../plan/types';
import { ResolvedTopology } from '../topology/model/types';
import { ClusterChart, buildClusterCharts, buildMeshInstallCharts } from './cluster-charts';
import { withPatches } from './extra-objects';
import { ManifestFile, ManifestObject } from './manifest';
import { manifestYaml } from './manifest-yaml';
import { withSyncWaves } from './sync-waves';
import { KUSTOMIZATION_FILE } from '../output/paths';

/** What one cluster gets. */
export interface ClusterManifests {
  /** Cluster name, also its folder name. */
  readonly cluster: string;
  /** Files listed in the kustomization, in order. */
  readonly files: readonly ManifestFile[];
  /**
   * Inputs of `istioctl install -f` under `mesh-install/`, in install order, not in the
   * kustomization (see `buildMeshInstallCharts`); empty unless meshfleet installs the mesh into
   * the cluster.
   */
  readonly meshInstall: readonly ManifestFile[];
}

/**
 * Builds every cluster's manifests in memory, in topology cluster order: every cluster of the
 * topology, also one with nothing to deploy (empty `files` and `meshInstall`), so that GitOps
 * generators never point at a missing folder; the files and their constructs are `plan`'s, and so
 * are the escape hatch's patches, applied to the rendered objects ({@link withPatches}). With
 * Argo CD output (`gitops.argocd`), objects carry their sync wave ({@link withSyncWaves}). Pure: the same model always gives the same result.
 * @throws TopologyError when a JSON patch operation of the escape hatch does not apply to its object
 */
export function buildKubernetesManifests(model: ResolvedTopology, plan: FleetPlan = buildPlan(model)): ClusterManifests[] {
  const out: ClusterManifests[] = [];
  for (const cluster of plan.clusters) {
    // One App per cluster: each cluster's construct tree (and its ids) stands on its own.
    const app = new App();
    const built = filesOf(buildClusterCharts(app, model, cluster));
    // Patches last: an escape-hatch patch may even change a sync wave.
    const files = withPatches(model, cluster, model.gitops?.argocd === undefined ? built : withSyncWaves(built));
    const meshInstall = withPatches(model, cluster, filesOf(buildMeshInstallCharts(app, model, cluster)));
    out.push({ cluster: cluster.name, files, meshInstall });
  }
  return out;
}

/** The charts' objects, leaving out charts without any. */
function filesOf(charts: readonly ClusterChart[]): ManifestFile[] {
  return charts.map(({ file, chart }) => ({ file, objects: chart.toJson() as ManifestObject[] })).filter((f) => f.objects.length > 0);
}

/** Multi-document YAML of objects, as cdk8s writes it (no timestamps, stable key order; see {@link manifestYaml}). */
export function renderYaml(objects: readonly ManifestObject[]): string {
  return manifestYaml(objects);
}

/**
 * {@link renderYaml} that renders each distinct list of objects once: the clusters of a fleet
 * mostly get the same files (an app's namespace file is the same in every cluster running it),
 * and rendering YAML costs far more than the JSON key that finds an earlier rendering.
 */
export function memoizedRenderYaml(): (objects: readonly ManifestObject[]) => string {
  const rendered = new Map<string, string>();
  return (objects) => {
    const key = JSON.stringify(objects, exactJsonValue);
    let text = rendered.get(key);
    if (text === undefined) {
      text = renderYaml(objects);
      rendered.set(key, text);
    }
    return text;
  };
}

/**
 * A JSON.stringify replacer under which two lists of plain data have the same JSON only when
 * they render to the same YAML: `undefined` (which cdk8s's YAML keeps) and -0 get their own
 * encodings, and every string is prefixed so that no string can pass for one of them.
 */
function exactJsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return `s${value}`;
  if (value === undefined) return 'u';
  if (Object.is(value, -0)) return 'z';
  return value;
}

/** The `kustomization.yaml` listing `files` in order (`resources: []` for a cluster with nothing to deploy). */
export function renderKustomization(files: readonly string[]): string {
  return stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...files] });
}

/** A cluster folder as written. */
export interface SynthesizedCluster {
  readonly cluster: string;
  /** The folder, `<outdir>/<cluster>`. */
  readonly dir: string;
  /**
   * Every file written, relative to `dir`: the kustomization's resources in order, then the
   * {@link meshInstall} files, then `kustomization.yaml`.
   */
  readonly files: readonly string[];
  /**
   * The `istioctl install -f` inputs, relative to `dir`, in install order
   * (`mesh-install/control-plane.yaml`, then `mesh-install/eastwest-gateway.yaml` when the cluster
   * has an east-west gateway); empty for clusters meshfleet does not install the mesh into.
   */
  readonly meshInstall: readonly string[];
}

/**
 * Writes the Kubernetes half of a topology: `<outdir>/<cluster-name>/` for every cluster, holding one YAML file per chart (`namespaces.yaml`,
 * `cluster-admin-binding.yaml`, `istio-system.yaml`, `ingress-gateway.yaml`,
 * `<app-namespace>.yaml`, `multi-cluster-ingress.yaml`, `multi-cluster-gateway.yaml`, in that
 * order) and a `kustomization.yaml` listing them; in clusters that meshfleet installs the mesh
 * into, also `mesh-install/control-plane.yaml` and `mesh-install/eastwest-gateway.yaml`, the
 * IstioOperators for `istioctl install -f`, which the kustomization does not list.
 *
 * A cluster with no objects gets a folder with only a `kustomization.yaml` (`resources: []`), so
 * GitOps tools (and `clusters.json`) can point at every cluster's folder. Output is deterministic: object names are explicit
 * (no hash suffixes), no timestamps, objects and files in topology order.
 *
 * `outdir` is created if needed; nothing in it is removed (callers hand in a fresh folder, as
 * `writeAtomically` does). The folders and files are `plan`'s (built from `model` unless given).
 * @returns the clusters written, in topology order
 */
export function synthKubernetes(model: ResolvedTopology, outdir: string, plan: FleetPlan = buildPlan(model)): SynthesizedCluster[] {
  const written: SynthesizedCluster[] = [];
  const render = memoizedRenderYaml();
  for (const manifests of buildKubernetesManifests(model, plan)) {
    const dir = path.join(outdir, manifests.cluster);
    fs.mkdirSync(dir, { recursive: true });
    for (const { file, objects } of [...manifests.files, ...manifests.meshInstall]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), render(objects));
    }
    const resources = manifests.files.map((f) => f.file);
    const meshInstall = manifests.meshInstall.map((f) => f.file);
    fs.writeFileSync(path.join(dir, KUSTOMIZATION_FILE), renderKustomization(resources));
    written.push({
      cluster: manifests.cluster,
      dir,
      files: [...resources, ...meshInstall, KUSTOMIZATION_FILE],
      meshInstall,
    });
  }
  return written;
}
