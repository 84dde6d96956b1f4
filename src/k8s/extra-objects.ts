import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ClusterPlan, PlannedPatch } from '../plan/types';
import { objectLabel } from '../plan/extras';
import type { ExtraObjectInput, ObjectPatchInput, ResolvedTopology } from '../topology/model/types';
import { patchFailureProblem } from '../topology/rules/extras-rules';
import { TopologyError } from '../topology/rules/problems';
import { ManifestFile, ManifestObject } from './manifest';
import { applyJsonPatch, applyMergePatch, applyStrategicMerge, PatchFailure } from './object-patch';

/*
 * The escape hatch in the Kubernetes renderer (src/plan/extras.ts decides where): extra objects
 * written as given, and the planned patches applied to the rendered objects.
 */

/** An extra object of the topology, written as given (its chart adds the ownership labels). */
export class ExtraObject extends ApiObject {
  constructor(scope: Construct, id: string, object: ExtraObjectInput) {
    const { apiVersion, kind, metadata, ...rest } = object;
    super(scope, id, { apiVersion, kind, metadata, ...rest });
  }
}

/** The patch a planned patch's source names (`apps[i].patches[j]`, `clusters[k].patches[j]`). */
function patchOf(model: ResolvedTopology, source: string): ObjectPatchInput {
  const [, owner, i, j] = /^(apps|clusters)\[(\d+)\]\.patches\[(\d+)\]$/.exec(source)!;
  return owner === 'apps' ? model.apps[Number(i)].patches[Number(j)] : model.clusters[Number(i)].patches[Number(j)];
}

function isTarget(o: ManifestObject, p: PlannedPatch): boolean {
  const metadata = (o.metadata ?? {}) as { name?: string; namespace?: string };
  return o.kind === p.target.kind && o.apiVersion === p.target.apiVersion && metadata.name === p.target.name && metadata.namespace === p.target.namespace;
}

function patched(model: ResolvedTopology, cluster: string, o: ManifestObject, p: PlannedPatch): ManifestObject {
  const patch = patchOf(model, p.source);
  if (patch.merge !== undefined) return applyMergePatch(o, patch.merge) as ManifestObject;
  if (patch.strategicMerge !== undefined) return applyStrategicMerge(o, patch.strategicMerge) as ManifestObject;
  try {
    return applyJsonPatch(o, patch.jsonPatch ?? []);
  } catch (error) {
    if (!(error instanceof PatchFailure)) throw error;
    throw new TopologyError(model.name, [patchFailureProblem(p.source, error.index, error.reason, objectLabel(p.target), cluster)]);
  }
}

/**
 * `files` with the cluster's planned patches applied in plan order (each to the one object of
 * its file that it names).
 * @throws TopologyError when a JSON patch operation does not apply (the first one, with its index)
 */
export function withPatches(model: ResolvedTopology, plan: ClusterPlan, files: readonly ManifestFile[]): ManifestFile[] {
  const patches = plan.patches ?? [];
  if (patches.length === 0) return [...files];
  return files.map(({ file, objects }) => {
    let result = [...objects];
    for (const p of patches.filter((q) => q.file === file)) {
      const at = result.findIndex((o) => isTarget(o, p));
      if (at < 0) throw new Error(`the plan patches ${objectLabel(p.target)} in ${file}, which synth did not render`);
      result = result.map((o, k) => (k === at ? patched(model, plan.name, o, p) : o));
    }
    return { file, objects: result };
  });
}
