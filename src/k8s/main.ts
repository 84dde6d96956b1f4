/**
 * Entry point of `cdk8s synth` (see cdk8s.yaml): synthesizes the Kubernetes half of a topology.
 *
 * - Topology: `$MESHFLEET_TOPOLOGY`, default `examples/private-asm-multicluster.yaml`
 *   (relative to the working directory, the repository root under `cdk8s synth`).
 * - Output: `$CDK8S_OUTDIR` (set by the cdk8s CLI from cdk8s.yaml's `output: dist/k8s`),
 *   default `dist/k8s`: `<outdir>/<cluster>/` per cluster, the same layout as
 *   `meshfleet synth --out dist` writes under `dist/k8s/`. cdk8s.yaml points the CLI at
 *   `dist/k8s` rather than `dist` because `cdk8s synth` deletes its output folder first, and
 *   `dist/terraform/` must survive.
 *
 * It writes only the Kubernetes half and says so on stderr in one line: `meshfleet synth` writes the
 * whole output (Terraform, runbook, diagram) in one step, with the marker that lets it replace
 * the folder; a cdk8s app cannot, because the cdk8s CLI owns and deletes only its `output` folder.
 *
 * On a bad topology: the file and one line per problem on stderr, exit status 1; any other error
 * one line (see `runEntryPoint`), no stack trace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runEntryPoint } from '../entry/run-entry-point';
import { DEFAULT_OUT, KUBERNETES_DIR } from '../output/paths';
import { loadTopologyFile } from '../topology/load/load';
import { synthKubernetes } from './synth';

/** Topology used when `$MESHFLEET_TOPOLOGY` is not set. */
export const DEFAULT_TOPOLOGY = 'examples/private-asm-multicluster.yaml';
/** Output folder used when `$CDK8S_OUTDIR` is not set. */
export const DEFAULT_OUTDIR = path.join(DEFAULT_OUT, KUBERNETES_DIR);

/** The line that tells a `cdk8s synth` user what was written and what was not. */
export function onlyKubernetesNotice(outdir: string): string {
  return `meshfleet: cdk8s synth wrote only the Kubernetes files, ${outdir}/; 'meshfleet synth' writes the whole output (Terraform, runbook, diagram.svg) in one step`;
}

if (require.main === module) {
  runEntryPoint(() => {
    const topology = process.env.MESHFLEET_TOPOLOGY ?? DEFAULT_TOPOLOGY;
    const outdir = process.env.CDK8S_OUTDIR ?? DEFAULT_OUTDIR;
    const model = loadTopologyFile(topology);
    fs.rmSync(outdir, { recursive: true, force: true });
    synthKubernetes(model, outdir);
    process.stderr.write(`${onlyKubernetesNotice(outdir)}\n`);
  });
}
