import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { ArgoCdApplicationSet } from './argocd-application-set';
import { ConfigSyncRootSync } from './config-sync-root-sync';
import { ownershipLabels } from '../k8s/ownership';
import { ManifestObject } from '../k8s/manifest';
import { renderYaml } from '../k8s/synth';
import { ResolvedTopology } from '../topology/model/types';
import { APPLICATION_SET_FILE, rootSyncFile } from '../output/paths';

/** One GitOps file: its path relative to the output folder and its objects. */
export interface GitOpsFile {
  readonly file: string;
  readonly objects: readonly ManifestObject[];
}

/** A chart whose objects carry the topology's ownership labels, like the cluster folders' objects. */
function ownedChart(app: App, model: ResolvedTopology, id: string): Chart {
  return new Chart(app, id, { disableResourceNameHashes: true, labels: ownershipLabels(model.name) });
}

/**
 * The GitOps objects of a topology, in memory: with `gitops.argocd`, the ApplicationSet (one
 * element per cluster, in topology order, each syncing `<path>/<kubernetesFolder>/<cluster>`);
 * with `gitops.configSync`, one RootSync per cluster (named after the topology, syncing
 * `<dir>/<kubernetesFolder>/<cluster>`); nothing without `gitops`. Pure.
 */
export function buildGitOpsFiles(model: ResolvedTopology, kubernetesFolder: string): GitOpsFile[] {
  const gitops = model.gitops;
  if (gitops === undefined) return [];
  const app = new App();
  const files: GitOpsFile[] = [];
  const argocd = gitops.argocd;
  if (argocd !== undefined) {
    const chart = ownedChart(app, model, 'argocd');
    new ArgoCdApplicationSet(chart, 'application-set', {
      name: model.name,
      namespace: argocd.namespace,
      repoURL: argocd.repoURL,
      targetRevision: argocd.targetRevision,
      project: argocd.project,
      prune: argocd.prune,
      elements: model.clusters.map((c) => ({ cluster: c.name, path: `${argocd.path}/${kubernetesFolder}/${c.name}` })),
      applicationLabels: ownershipLabels(model.name),
    });
    files.push({ file: APPLICATION_SET_FILE, objects: chart.toJson() as ManifestObject[] });
  }
  const configSync = gitops.configSync;
  if (configSync !== undefined) {
    for (const cluster of model.clusters) {
      const chart = ownedChart(app, model, `config-sync-${cluster.name}`);
      new ConfigSyncRootSync(chart, 'root-sync', {
        name: model.name,
        repo: configSync.repo,
        branch: configSync.branch,
        dir: `${configSync.dir}/${kubernetesFolder}/${cluster.name}`,
        auth: configSync.auth,
        gcpServiceAccountEmail: configSync.gcpServiceAccountEmail,
        secretRef: configSync.secretRef,
      });
      files.push({ file: rootSyncFile(cluster.name), objects: chart.toJson() as ManifestObject[] });
    }
  }
  return files;
}

/**
 * Writes {@link buildGitOpsFiles} under `outdir` (`gitops/argocd/applicationset.yaml`,
 * `gitops/config-sync/<cluster>/root-sync.yaml`) with the cluster folders' YAML writer.
 * @returns the files written, relative to `outdir`, in order
 */
export function synthGitOps(model: ResolvedTopology, outdir: string, kubernetesFolder: string): string[] {
  const files = buildGitOpsFiles(model, kubernetesFolder);
  for (const { file, objects } of files) {
    fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
    fs.writeFileSync(path.join(outdir, file), renderYaml(objects));
  }
  return files.map((f) => f.file);
}
