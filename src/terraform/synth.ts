import { App } from 'cdktf';
import { ResolvedTopology } from '../topology/types';
import { addStacks } from './stacks';

/**
 * Synthesizes the Terraform stacks of a topology into `outdir` (cdktf layout:
 * `manifest.json`, `stacks/<stack>/cdk.tf.json`).
 */
export function synthTerraform(model: ResolvedTopology, outdir: string): void {
  const app = new App({ outdir, stackTraces: false, skipValidation: false });
  addStacks(app, model);
  app.synth();
}
