import { DNS_LABEL_RE, DNS_NAME_MAX } from './predicates';
import { Problem, problem } from './problems';
import type { ExtraObjectInput, JsonPatchOperationInput, ObjectPatchInput, ResolvedTopology } from '../model/types';

/*
 * Rules of the escape hatch (src/topology/model/extras.ts) on the input: what an extra object
 * must be, and what a patch may change. That a patch's target exists is a plan rule
 * (`checkPlanPatches` in src/plan/extras.ts); that each JSON patch operation applies is only
 * known once the objects are rendered ({@link patchFailureProblem}, raised by synth).
 */

/**
 * Kinds Kubernetes and the vendored CRDs make cluster-scoped; every other kind is taken as
 * namespaced (an extra object of a cluster-scoped CRD kind not listed here gives no namespace
 * in `clusters[].extraObjects`, and is refused in `apps[].extraObjects`).
 */
export const CLUSTER_SCOPED_KINDS: readonly string[] = [
  'APIService',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'GatewayClass',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
];

/** Whether objects of `kind` live in a namespace ({@link CLUSTER_SCOPED_KINDS}). */
export function isNamespacedKind(kind: string): boolean {
  return !CLUSTER_SCOPED_KINDS.includes(kind);
}

/** An apiVersion: `v1`, or `<group>/<version>` with a Kubernetes version (`v1`, `v1beta1`, `v2alpha3`). */
const API_VERSION_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$/;
/** A kind: an upper camel case identifier. */
const KIND_RE = /^[A-Z][A-Za-z0-9]*$/;
/** A DNS subdomain (RFC 1123), the name most kinds take. */
const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The fields that say which object an object is; a patch never changes them (the plan, the name checks and the kustomization rely on them). */
const IDENTITY_POINTERS: readonly string[] = ['/apiVersion', '/kind', '/metadata/name', '/metadata/namespace'];

function checkExtraObject(o: ExtraObjectInput, path: string, appNamespace: string | undefined, problems: Problem[]): void {
  if (!API_VERSION_RE.test(o.apiVersion)) problems.push(problem(`${path}.apiVersion`, 'not an apiVersion', o.apiVersion, 'v1 or <group>/<version>, e.g. policy/v1'));
  if (!KIND_RE.test(o.kind)) problems.push(problem(`${path}.kind`, 'not a kind', o.kind, 'an upper camel case kind, e.g. PodDisruptionBudget'));
  const name = o.metadata.name;
  if (name.length > DNS_NAME_MAX || !DNS_SUBDOMAIN_RE.test(name)) {
    problems.push(problem(`${path}.metadata.name`, 'not an object name', name, `a DNS subdomain of at most ${DNS_NAME_MAX} characters (lowercase letters, digits, - and .)`));
  }
  const namespace = o.metadata.namespace;
  if (namespace !== undefined && !DNS_LABEL_RE.test(namespace)) problems.push(problem(`${path}.metadata.namespace`, 'not a namespace name', namespace, 'a DNS label'));
  if (!isNamespacedKind(o.kind)) {
    if (namespace !== undefined) problems.push(problem(`${path}.metadata.namespace`, `${o.kind} is cluster-scoped`, namespace, 'no namespace'));
  } else if (appNamespace !== undefined) {
    if (namespace !== undefined && namespace !== appNamespace) {
      problems.push(
        problem(
          `${path}.metadata.namespace`,
          `an app's extra objects go into its namespace ${appNamespace}`,
          namespace,
          `${appNamespace} or nothing (clusters[].extraObjects take any namespace)`,
        ),
      );
    }
  } else if (namespace === undefined) {
    problems.push(
      problem(`${path}.metadata.namespace`, `${o.kind} is namespaced; without a namespace kubectl would put it in the namespace of whoever applies it`, namespace, 'a namespace'),
    );
  }
  if (o.kind === 'Secret' && (o.data !== undefined || o.stringData !== undefined)) {
    problems.push(
      problem(
        path,
        'a Secret with data would put its secret into dist/, which is committed and shared',
        o.data !== undefined ? 'data' : 'stringData',
        'no Secret data in the topology: create the Secret outside meshfleet (a secret manager, External Secrets, kubectl create secret) and reference it by name',
      ),
    );
  }
}

/** Whether a JSON pointer is, or lies inside or above, one of {@link IDENTITY_POINTERS}. */
function touchesIdentity(pointer: string): boolean {
  return IDENTITY_POINTERS.some((p) => pointer === p || p.startsWith(`${pointer}/`) || pointer === '');
}

function checkJsonPatchOperation(op: JsonPatchOperationInput, path: string, problems: Problem[]): void {
  for (const field of ['path', 'from'] as const) {
    const pointer = op[field];
    if (pointer === undefined) continue;
    if (pointer !== '' && !pointer.startsWith('/')) problems.push(problem(`${path}.${field}`, 'not a JSON pointer', pointer, 'a path starting with /, e.g. /spec/replicas'));
    else if (touchesIdentity(pointer) && (field === 'path' ? op.op !== 'test' : op.op === 'move')) {
      problems.push(
        problem(
          `${path}.${field}`,
          "a patch would change the object's apiVersion, kind, name or namespace",
          pointer,
          'a path below them (name a new object in extraObjects instead)',
        ),
      );
    }
  }
  if ((op.op === 'move' || op.op === 'copy') && op.from === undefined) problems.push(problem(`${path}.from`, `${op.op} needs from`, undefined, 'a JSON pointer'));
  if ((op.op === 'add' || op.op === 'replace' || op.op === 'test') && !('value' in op)) problems.push(problem(`${path}.value`, `${op.op} needs a value`, undefined, 'a value'));
}

/** Whether a merge patch sets or removes one of the identity fields. */
function mergeTouchesIdentity(patch: Readonly<Record<string, unknown>>): boolean {
  if ('apiVersion' in patch || 'kind' in patch) return true;
  const metadata = patch.metadata;
  if (metadata === null) return true;
  return typeof metadata === 'object' && metadata !== undefined && ('name' in metadata || 'namespace' in metadata);
}

function checkPatch(p: ObjectPatchInput, path: string, appNamespace: string | undefined, problems: Problem[]): void {
  const kinds = (['jsonPatch', 'merge', 'strategicMerge'] as const).filter((k) => p[k] !== undefined);
  if (kinds.length !== 1) {
    problems.push(problem(path, 'a patch is one of jsonPatch, merge and strategicMerge', kinds.length === 0 ? undefined : kinds.join(' and '), 'exactly one of them'));
  }
  const namespace = p.target.namespace;
  if (appNamespace !== undefined && namespace !== undefined && namespace !== appNamespace && isNamespacedKind(p.target.kind)) {
    problems.push(
      problem(
        `${path}.target.namespace`,
        `an app's patches apply in its namespace ${appNamespace}`,
        namespace,
        `${appNamespace} or nothing (clusters[].patches reach any namespace)`,
      ),
    );
  }
  p.jsonPatch?.forEach((op, i) => checkJsonPatchOperation(op, `${path}.jsonPatch[${i}]`, problems));
  for (const kind of ['merge', 'strategicMerge'] as const) {
    const merge = p[kind];
    if (merge !== undefined && mergeTouchesIdentity(merge)) {
      problems.push(
        problem(
          `${path}.${kind}`,
          "a patch would change the object's apiVersion, kind, name or namespace",
          'one of them',
          'only fields below them (name a new object in extraObjects instead)',
        ),
      );
    }
  }
}

/** Problems of the escape hatch's extra objects and patches (see the comment at the top of this file). */
export function checkExtras(model: ResolvedTopology, problems: Problem[]): void {
  model.clusters.forEach((c, k) => {
    c.extraObjects.forEach((o, j) => checkExtraObject(o, `clusters[${k}].extraObjects[${j}]`, undefined, problems));
    c.patches.forEach((p, j) => checkPatch(p, `clusters[${k}].patches[${j}]`, undefined, problems));
  });
  model.apps.forEach((a, i) => {
    a.extraObjects.forEach((o, j) => checkExtraObject(o, `apps[${i}].extraObjects[${j}]`, a.namespace, problems));
    a.patches.forEach((p, j) => checkPatch(p, `apps[${i}].patches[${j}]`, a.namespace, problems));
  });
}

/**
 * The problem of a JSON patch operation that does not apply to the rendered object (raised by
 * synth, the first step that has the object): `source` is the patch (`apps[0].patches[1]`).
 */
export function patchFailureProblem(source: string, index: number, reason: string, target: string, cluster: string): Problem {
  return problem(
    `${source}.jsonPatch[${index}]`,
    `cannot apply to ${target} in cluster ${cluster}: ${reason}`,
    'a failing operation',
    'operations that apply to the generated object (see it with meshfleet synth without the patch)',
  );
}
