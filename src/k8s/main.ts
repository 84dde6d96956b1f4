/*
 * Entry point of `cdk8s synth` (cdk8s.yaml `app:` starts lib/src/k8s/main.js): synthesizes the
 * Kubernetes half of a topology ({@link runCdk8sApp}). On a bad topology: the file and one line
 * per problem on stderr, exit status 1; any other error one line (see `runEntryPoint`), no stack
 * trace.
 *
 * cdk8s-cli 2.207 runs the app with `CDK8S_OUTDIR` set and reads back every `*.yaml` below it:
 *
 * - `cdk8s synth`: `CDK8S_OUTDIR` is cdk8s.yaml's `output` (`cdk8s.out`), which the CLI deletes
 *   before running the app, also under `--stdout`. It is therefore not inside meshfleet's output
 *   (`dist/`), which may hold Terraform's working files and a user's `.git`.
 * - `cdk8s synth --stdout`: `CDK8S_OUTDIR` is a fresh `<os temp>/cdk8s-XXXXXX` folder, and the
 *   CLI copies every file it finds there to standard output, all at once and without separators.
 *   The app therefore writes one file there: a valid multi-document YAML stream, cluster by
 *   cluster, each cluster under a comment header.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_TOPOLOGY, runEntryPoint, TOPOLOGY_VARIABLE } from '../entry/run-entry-point';
import { loadTopologyFile } from '../load/load';
import { KUBERNETES_DIR, KUSTOMIZATION_FILE } from '../output/paths';
import { ResolvedTopology } from '../topology/model/types';
import { buildKubernetesManifests, memoizedRenderYaml, synthKubernetes } from './synth';

/** Output folder used when `$CDK8S_OUTDIR` is not set: cdk8s.yaml's `output`, cdk8s's own folder (not `dist/`). */
export const DEFAULT_OUTDIR = 'cdk8s.out';

/** The line that tells a `cdk8s synth` user what was written and what was not. */
export function onlyKubernetesNotice(outdir: string): string {
  return `meshfleet: cdk8s synth wrote only the Kubernetes files, ${outdir}/; 'meshfleet synth' writes the whole output (Terraform, runbook, diagram.svg) in one step`;
}

/**
 * Whether `outdir` is the folder `cdk8s synth --stdout` hands the app: `<os temp>/cdk8s-XXXXXX`
 * (cdk8s-cli's `mkdtemp`), which the CLI prints and then deletes.
 */
export function isStdoutRun(outdir: string, tmpdir: string = os.tmpdir()): boolean {
  return path.dirname(path.resolve(outdir)) === path.resolve(tmpdir) && /^cdk8s-[A-Za-z0-9]{6}$/.test(path.basename(outdir));
}

/**
 * The Kubernetes objects of `model` as one multi-document YAML stream for `cdk8s synth --stdout`:
 * a header naming the topology, then per cluster (topology order; only `cluster` when given) a
 * comment header and, separated by `---`, the documents of the files its `kustomization.yaml`
 * lists, each file under a comment naming it. The istioctl inputs (`mesh-install/`) are not
 * objects to apply and are left out, as from the kustomization.
 * @throws Error when `cluster` is not a cluster of the topology
 */
export function clusterStream(model: ResolvedTopology, cluster?: string): string {
  const manifests = buildKubernetesManifests(model);
  const chosen = cluster === undefined ? manifests : manifests.filter((m) => m.cluster === cluster);
  if (chosen.length === 0) {
    throw new Error(`MESHFLEET_CLUSTER=${cluster} is not a cluster of ${model.name} (expected one of ${manifests.map((m) => m.cluster).join(', ')})`);
  }
  const render = memoizedRenderYaml();
  const lines = [
    `# meshfleet: the Kubernetes objects of ${model.name}, cluster by cluster; apply each cluster's part with its own kube context`,
    `# (the files ${KUBERNETES_DIR}/<cluster>/${KUSTOMIZATION_FILE} lists; 'meshfleet synth' writes them, the istioctl inputs and the rest of the output)`,
  ];
  for (const { cluster: name, files } of chosen) {
    lines.push(`# cluster: ${name}${files.length === 0 ? ' (nothing to apply)' : ''}`);
    for (const { file, objects } of files) {
      const text = render(objects);
      lines.push('---', `# ${KUBERNETES_DIR}/${name}/${file}`, text.endsWith('\n') ? text.slice(0, -1) : text);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the cdk8s app: reads `$MESHFLEET_TOPOLOGY` (default the default example) and writes into
 * `$CDK8S_OUTDIR` (default {@link DEFAULT_OUTDIR}). Never deletes anything:
 *
 * - under `cdk8s synth --stdout` ({@link isStdoutRun}): one file, `<topology>.yaml`, the stream of
 *   {@link clusterStream} (`$MESHFLEET_CLUSTER` chooses one cluster);
 * - otherwise the cluster folders `<outdir>/<cluster>/` (the layout `meshfleet synth` writes under
 *   `dist/k8s/`) into an empty or missing folder (the CLI empties it first); a folder that is
 *   not empty is refused, since it may hold what meshfleet did not write.
 * @throws Error on a refused folder or an unknown cluster; TopologyError on a bad topology
 */
export function runCdk8sApp(env: NodeJS.ProcessEnv = process.env): void {
  const outdir = env.CDK8S_OUTDIR ?? DEFAULT_OUTDIR;
  const model = loadTopologyFile(env[TOPOLOGY_VARIABLE] ?? DEFAULT_TOPOLOGY);
  if (isStdoutRun(outdir)) {
    fs.writeFileSync(path.join(outdir, `${model.name}.yaml`), clusterStream(model, env.MESHFLEET_CLUSTER || undefined));
    return;
  }
  if (fs.existsSync(outdir) && fs.readdirSync(outdir).length > 0) {
    throw new Error(`refusing to write into ${outdir}: it is not empty (cdk8s synth empties its output folder first; remove it, or set CDK8S_OUTDIR to an empty folder)`);
  }
  synthKubernetes(model, outdir);
  process.stderr.write(`${onlyKubernetesNotice(outdir)}\n`);
}

if (require.main === module) runEntryPoint(() => runCdk8sApp());
