import { App } from 'cdktf';
import { ResolvedTopology } from '../topology/model/types';
import { STACK_ORDER } from '../plan/terraform-plan';
import { addStacks } from './stacks';
import { synthesizeApp } from './synthesize-app';

/**
 * Synthesizes the Terraform stacks of a topology into `outdir` (cdktf layout:
 * `manifest.json`, `stacks/<stack>/cdk.tf.json`; every path the manifest names exists).
 * @returns the names of the stacks written, in apply order ({@link STACK_ORDER}); empty when
 * the topology has no GKE cluster
 */
export function synthTerraform(model: ResolvedTopology, outdir: string): string[] {
  const app = new App({ outdir, stackTraces: false, skipValidation: false });
  addStacks(app, model);
  synthesizeApp(app);
  const rank = (name: string): number => {
    const index = (STACK_ORDER as readonly string[]).indexOf(name);
    return index === -1 ? STACK_ORDER.length : index;
  };
  return Object.keys(app.manifest.stacks).sort((a, b) => rank(a) - rank(b));
}
