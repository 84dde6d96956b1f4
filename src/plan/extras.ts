import { isNamespacedKind } from '../topology/rules/extras-rules';
import { Problem, problem } from '../topology/rules/problems';
import type { ExtraObjectInput, ObjectPatchInput, ResolvedApp, ResolvedTopology } from '../topology/model/types';
import type { ClusterPlan, FleetPlan, PlannedComponent, PlannedFile, PlannedObject, PlannedPatch } from './types';

/*
 * The escape hatch in the plan (src/topology/model/extras.ts): where extra objects go (an app's
 * into its `<namespace>.yaml`, wherever the app has objects; a cluster's into its
 * `extra-objects.yaml`, last in the kustomization) and which planned objects each patch
 * changes. Patches are applied by synth, in process, to the rendered objects (src/k8s/extra-objects.ts),
 * so the written YAML is final and every check of the output sees the patched objects.
 */

/** An extra object as written: the namespace of an app's namespaced object defaulted to the app's. */
export function extraObjectOf(model: ResolvedTopology, c: Extract<PlannedComponent, { component: 'AppExtraObject' | 'ClusterExtraObject' }>): ExtraObjectInput {
  if (c.component === 'ClusterExtraObject') return model.clusters[c.cluster].extraObjects[c.index];
  const app = model.apps[c.app];
  const o = app.extraObjects[c.index];
  if (!isNamespacedKind(o.kind) || o.metadata.namespace !== undefined) return o;
  return { ...o, metadata: { ...o.metadata, namespace: app.namespace } };
}

/** The planned object of an extra object. */
export function extraPlannedObject(model: ResolvedTopology, c: Extract<PlannedComponent, { component: 'AppExtraObject' | 'ClusterExtraObject' }>): PlannedObject {
  const o = extraObjectOf(model, c);
  const namespace = o.metadata.namespace;
  return { kind: o.kind, apiVersion: o.apiVersion, ...(namespace === undefined ? {} : { namespace }), name: o.metadata.name, source: c.source };
}

/** The components of an app's extra objects (ids cannot clash with workload names: they hold a `:`). */
export function appExtraComponents(app: ResolvedApp, i: number): PlannedComponent[] {
  return app.extraObjects.map((_, j) => ({ component: 'AppExtraObject', id: `extra:${j}`, source: `apps[${i}].extraObjects[${j}]`, app: i, index: j }));
}

/** The components of `extra-objects.yaml` of cluster `k`. */
export function clusterExtraComponents(model: ResolvedTopology, k: number): PlannedComponent[] {
  return model.clusters[k].extraObjects.map((_, j) => ({ component: 'ClusterExtraObject', id: `extra:${j}`, source: `clusters[${k}].extraObjects[${j}]`, cluster: k, index: j }));
}

/** One patch with where it comes from and the namespace its target defaults to. */
interface PatchRef {
  readonly patch: ObjectPatchInput;
  readonly source: string;
  /** The app's namespace for an app's patch. */
  readonly appNamespace?: string;
}

function matches(ref: PatchRef, o: PlannedObject): boolean {
  const t = ref.patch.target;
  if (o.kind !== t.kind || o.name !== t.name) return false;
  if (t.apiVersion !== undefined && o.apiVersion !== t.apiVersion) return false;
  const namespace = t.namespace ?? (ref.appNamespace !== undefined && isNamespacedKind(t.kind) ? ref.appNamespace : undefined);
  return namespace === undefined || o.namespace === namespace;
}

/** The app patches that apply in a cluster (the app has its file there), then the cluster's. */
function patchRefsOf(model: ResolvedTopology, k: number, files: readonly PlannedFile[]): PatchRef[] {
  const refs: PatchRef[] = [];
  model.apps.forEach((app, i) => {
    if (!files.some((f) => f.path === `${app.namespace}.yaml`)) return;
    app.patches.forEach((patch, j) => refs.push({ patch, source: `apps[${i}].patches[${j}]`, appNamespace: app.namespace }));
  });
  model.clusters[k].patches.forEach((patch, j) => refs.push({ patch, source: `clusters[${k}].patches[${j}]` }));
  return refs;
}

/**
 * The patches of cluster `k` on its planned `files`: each patch on every object its target
 * matches (as a kustomize target does: no namespace matches any; an app's patch defaults it to
 * the app's namespace), in {@link patchRefsOf} order.
 */
export function planPatches(model: ResolvedTopology, k: number, files: readonly PlannedFile[]): PlannedPatch[] {
  return patchRefsOf(model, k, files).flatMap((ref) =>
    files.flatMap((f) => f.objects.filter((o) => matches(ref, o)).map(({ source: _, ...target }) => ({ source: ref.source, file: f.path, target }))),
  );
}

/** `Kind namespace/name` of an object, for messages. */
export function objectLabel(o: Omit<PlannedObject, 'source'>): string {
  return `${o.kind} ${o.namespace === undefined ? '' : `${o.namespace}/`}${o.name}`;
}

/** The objects a missing target could have meant: those of its kind, else every object, at most ten. */
function candidates(objects: readonly PlannedObject[], kind: string): string {
  const ofKind = objects.filter((o) => o.kind === kind);
  const shown = [...new Set((ofKind.length > 0 ? ofKind : objects).map(objectLabel))];
  if (shown.length === 0) return 'an object meshfleet generates (there is none)';
  const more = shown.length > 10 ? `, and ${shown.length - 10} more` : '';
  return `one of the generated objects: ${shown.slice(0, 10).join(', ')}${more}`;
}

function targetLabel(ref: PatchRef): string {
  const t = ref.patch.target;
  const namespace = t.namespace ?? (ref.appNamespace !== undefined && isNamespacedKind(t.kind) ? ref.appNamespace : undefined);
  return `${t.apiVersion === undefined ? '' : `${t.apiVersion} `}${objectLabel({ kind: t.kind, apiVersion: '', name: t.name, ...(namespace === undefined ? {} : { namespace }) })}`;
}

/**
 * Patches whose target is missing: a cluster's patch when its cluster has no such object, an
 * app's patch when no cluster where the app has objects has one (it applies where it finds one),
 * each with the objects it could have meant.
 */
export function checkPlanPatches(model: ResolvedTopology, plan: FleetPlan): Problem[] {
  const problems: Problem[] = [];
  const objectsOf = (c: ClusterPlan) => c.files.flatMap((f) => f.objects);
  const applied = new Set(plan.clusters.flatMap((c) => (c.patches ?? []).map((p) => p.source)));
  model.clusters.forEach((cluster, k) => {
    cluster.patches.forEach((patch, j) => {
      const ref = { patch, source: `clusters[${k}].patches[${j}]` };
      if (applied.has(ref.source)) return;
      const objects = objectsOf(plan.clusters[k]);
      problems.push(problem(`${ref.source}.target`, `cluster ${cluster.name} has no ${targetLabel(ref)} to patch`, patch.target.name, candidates(objects, patch.target.kind)));
    });
  });
  model.apps.forEach((app, i) => {
    app.patches.forEach((patch, j) => {
      const ref = { patch, source: `apps[${i}].patches[${j}]`, appNamespace: app.namespace };
      if (applied.has(ref.source)) return;
      const objects = plan.clusters.filter((c) => c.files.some((f) => f.path === `${app.namespace}.yaml`)).flatMap(objectsOf);
      problems.push(
        problem(`${ref.source}.target`, `no cluster where the app has objects has a ${targetLabel(ref)} to patch`, patch.target.name, candidates(objects, patch.target.kind)),
      );
    });
  });
  return problems;
}
