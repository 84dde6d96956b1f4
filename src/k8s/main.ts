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
 * On a bad topology: one line per problem on stderr, exit status 1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTopologyFile } from '../topology/load';
import { TopologyError } from '../topology/problems';
import { synthKubernetes } from './synth';

/** Topology used when `$MESHFLEET_TOPOLOGY` is not set. */
export const DEFAULT_TOPOLOGY = 'examples/private-asm-multicluster.yaml';
/** Output folder used when `$CDK8S_OUTDIR` is not set. */
export const DEFAULT_OUTDIR = path.join('dist', 'k8s');

function main(): number {
  const topology = process.env.MESHFLEET_TOPOLOGY ?? DEFAULT_TOPOLOGY;
  const outdir = process.env.CDK8S_OUTDIR ?? DEFAULT_OUTDIR;
  try {
    const model = loadTopologyFile(topology);
    fs.rmSync(outdir, { recursive: true, force: true });
    synthKubernetes(model, outdir);
    return 0;
  } catch (error) {
    if (error instanceof TopologyError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main();
