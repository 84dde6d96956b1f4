import { ResolvedTopology } from '../topology/model/types';
import { planCluster } from './cluster-plan';
import { planMeshInstall } from './mesh-install-plan';
import { planTerraform } from './terraform-plan';
import { FleetPlan } from './types';

/** Plans already built, by model: loading builds the plan for its name checks, synth renders the same one. */
const built = new WeakMap<ResolvedTopology, FleetPlan>();

/**
 * The fleet plan of a resolved topology: per cluster the files and objects meshfleet writes
 * (and the constructs that build them), the Terraform stacks and their planned resources, and
 * the in-cluster mesh install. Pure and deterministic: the same model gives the same plan, in
 * topology order, with nothing but plain data in it (`JSON.stringify` round-trips it). Built
 * once per model object (models are never changed after resolution) and shared: its readonly
 * types keep callers from changing it.
 */
export function buildPlan(model: ResolvedTopology): FleetPlan {
  const known = built.get(model);
  if (known !== undefined) return known;
  const plan: FleetPlan = {
    name: model.name,
    clusters: model.clusters.map((cluster, k) => planCluster(model, cluster, k)),
    terraform: planTerraform(model),
    meshInstall: planMeshInstall(model),
  };
  built.set(model, plan);
  return plan;
}
