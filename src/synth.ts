import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderTopologyDiagram } from './diagram';
import { clusterEntries, renderClustersFile } from './gitops/clusters-file';
import { synthGitOps } from './gitops/gitops-objects';
import { synthKubernetes } from './k8s/synth';
import { markerText } from './output/marker';
import { CLUSTERS_FILE, DIAGRAM_FILE, KUBERNETES_DIR, MARKER_FILE, RUNBOOK_FILE, TERRAFORM_DIR } from './output/paths';
import { buildPlan } from './plan/build-plan';
import { renderRunbook, TOPOLOGY_PLACEHOLDER } from './runbook/runbook';
import { synthTerraform } from './terraform/synth';
import { ResolvedTopology } from './topology/model/types';

/** Options of {@link synthesizeAll}. */
export interface SynthesizeOptions {
  /**
   * The topology file as shown to the user (e.g. `examples/istio-primary-remote.yaml`), for
   * the runbook's `meshfleet ca --topology` command. An absolute path is not written (the output
   * holds no absolute path): the placeholder is used instead.
   * @default "<topology file>"
   */
  readonly topologyPath?: string;
  /**
   * The output folder as the user named it (`--out`, e.g. `dist`), for the runbook's re-synth
   * command and its way back to the project folder. An absolute path is not written.
   * @default "<output folder>"
   */
  readonly outPath?: string;
  /**
   * Called as each stage starts (`terraform stacks`, `kubernetes folders`, `runbook`,
   * `diagram`), for a progress line.
   * @default none
   */
  readonly onStage?: (stage: string) => void;
}

/**
 * Synthesizes everything a topology produces into `outdir`:
 * `<outdir>/terraform/` (cdktf layout: `manifest.json`, `stacks/<stack>/cdk.tf.json`),
 * `<outdir>/k8s/<cluster>/` (YAML plus `kustomization.yaml`, for every cluster),
 * `<outdir>/clusters.json` (cluster folders and their kube contexts), with `gitops` the Argo CD
 * or Config Sync objects under `<outdir>/gitops/`, `<outdir>/README.md`, the
 * runbook: what to run, in order, to deploy them, `<outdir>/diagram.svg`, the picture it shows
 * (rendered by Graphviz in its worker thread while this thread synthesizes the rest), and
 * `<outdir>/.meshfleet-output.json`, the marker that makes the folder meshfleet's to replace.
 *
 * This is the one place where the halves are put together; both read the same resolved model.
 * `outdir` is expected to be a fresh, empty folder (see `replaceOutput` in output/replace-output.ts).
 * @throws Error (as a rejection) when the model cannot be synthesized or Graphviz cannot draw it
 */
export async function synthesizeAll(model: ResolvedTopology, outdir: string, options: SynthesizeOptions = {}): Promise<void> {
  const diagram = startDiagram(model);
  const terraformDir = path.join(outdir, TERRAFORM_DIR);
  fs.mkdirSync(terraformDir, { recursive: true });
  options.onStage?.('terraform stacks');
  const stacks = synthTerraform(model, terraformDir);

  options.onStage?.('kubernetes folders');
  const plan = buildPlan(model);
  const clusters = synthKubernetes(model, path.join(outdir, KUBERNETES_DIR), plan);
  fs.writeFileSync(path.join(outdir, CLUSTERS_FILE), renderClustersFile(clusterEntries(model, plan)));
  synthGitOps(model, outdir, KUBERNETES_DIR);

  const relative = (shown: string | undefined) => (shown !== undefined && shown !== '' && !path.isAbsolute(shown) && !path.win32.isAbsolute(shown) ? shown : undefined);
  const topologyPath = relative(options.topologyPath) ?? TOPOLOGY_PLACEHOLDER;
  const outPath = relative(options.outPath);
  options.onStage?.('runbook');
  const runbook = renderRunbook({
    model,
    plan,
    stacks,
    clusters,
    topologyPath,
    ...(outPath === undefined ? {} : { outPath }),
    folders: { terraform: TERRAFORM_DIR, kubernetes: KUBERNETES_DIR },
    diagram: DIAGRAM_FILE,
  });
  fs.writeFileSync(path.join(outdir, RUNBOOK_FILE), runbook);
  options.onStage?.('diagram');
  fs.writeFileSync(path.join(outdir, DIAGRAM_FILE), await diagram);
  fs.writeFileSync(path.join(outdir, MARKER_FILE), markerText(model.name));
}

/**
 * Starts rendering the model's diagram. A model the synthesis rejects may not draw either: that
 * failure is held in the promise (and reported only if the synthesis gets that far), so the
 * synthesis reports its own problem first.
 */
function startDiagram(model: ResolvedTopology): Promise<string> {
  let diagram: Promise<string>;
  try {
    diagram = renderTopologyDiagram(model);
  } catch (error) {
    diagram = Promise.reject(error);
  }
  diagram.catch(() => undefined);
  return diagram;
}
