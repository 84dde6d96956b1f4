import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMultiClusterGatewayClass } from '../topology/model/gateway-classes';
import { App, TerraformStack } from 'cdktf';
import { buildGitOpsFiles } from '../gitops/gitops-objects';
import { buildKubernetesManifests } from '../k8s/synth';
import { KUBERNETES_DIR } from '../output/paths';
import { addStacks } from '../terraform/stacks';
import { ResolvedTopology } from '../topology/model/types';
import { formatRange, kubernetesRangeOf, kubernetesSupportOf } from '../topology/resolve/mesh-support';
import { AnalysisInput, KubeObject, TerraformStackJson, TopologyFacts } from './objects';

/**
 * Synthesizes a topology in memory, as `meshfleet synth` would, into the analysis input: every
 * cluster's objects (kustomization files and mesh-install inputs), the GitOps objects and every
 * Terraform stack's JSON.
 * Nothing is written where the user looks; cdktf insists on an output folder when an app is
 * created, so an empty one is made under the OS temp folder and removed again.
 */
export function synthesizeForAnalysis(model: ResolvedTopology): AnalysisInput {
  const clusters: Record<string, KubeObject[]> = {};
  for (const manifests of buildKubernetesManifests(model)) {
    clusters[manifests.cluster] = [...manifests.files, ...manifests.meshInstall].flatMap((f) => f.objects);
  }
  const gitops = Object.fromEntries(buildGitOpsFiles(model, KUBERNETES_DIR).map((f) => [f.file, f.objects]));
  return { clusters, gitops, terraform: terraformStacks(model), topology: topologyFacts(model) };
}

/** Every stack's Terraform JSON, exactly as `cdk.tf.json` would hold it, by stack name. */
function terraformStacks(model: ResolvedTopology): Record<string, TerraformStackJson> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-analysis-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    addStacks(app, model);
    const stacks = app.node.findAll().filter(TerraformStack.isStack);
    // As App.synth does: register the cross-stack references, run the construct validations
    // (so what synth would refuse fails here too), then render each stack.
    stacks.forEach((stack) => stack.prepareStack());
    stacks.forEach((stack) => stack.runAllValidations());
    return Object.fromEntries(stacks.map((stack) => [stack.node.id, stack.toTerraform() as TerraformStackJson]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** What the analysis needs to know of the topology beside the synthesized objects. */
export function topologyFacts(model: ResolvedTopology): TopologyFacts {
  const deployed = new Set<string>();
  for (const cluster of model.clusters) if (cluster.meshMember || cluster.meshInstall) deployed.add(cluster.name);
  for (const app of model.apps) {
    for (const workload of app.workloads) workload.clusters.forEach((c) => deployed.add(c));
    for (const vm of app.vmWorkloads) if (vm.cluster !== '') deployed.add(vm.cluster);
  }
  const meshVersion = model.mesh?.install === undefined ? undefined : model.mesh.version;
  const range = meshVersion === undefined ? undefined : kubernetesRangeOf(meshVersion);
  const unknownKubernetes =
    meshVersion === undefined
      ? []
      : model.clusters
          .filter((c) => c.meshInstall !== undefined && kubernetesSupportOf(meshVersion, c) === 'unknown')
          .map((c) => ({ cluster: c.name, meshVersion, ...(range === undefined ? {} : { supported: formatRange(range) }) }));
  const configCluster = model.fleet.configCluster;
  if (configCluster !== undefined && (model.gateways.some((g) => isMultiClusterGatewayClass(g.className)) || model.multiClusterIngress !== undefined)) deployed.add(configCluster);
  for (const g of model.gateways) if (g.cluster !== undefined && !isMultiClusterGatewayClass(g.className)) deployed.add(g.cluster);
  return {
    meshClusters: model.clusters.filter((c) => c.meshMember).map((c) => c.name),
    externalClusters: model.clusters.filter((c) => c.platform === 'external').map((c) => c.name),
    deployedClusters: model.clusters.map((c) => c.name).filter((name) => deployed.has(name)),
    ...(configCluster === undefined ? {} : { configCluster }),
    ...(unknownKubernetes.length === 0 ? {} : { unknownKubernetes }),
  };
}
