import { isScalar, parseDocument } from 'yaml';
import { parseTopologyText, validateTopology } from '../load/load';
import { Problem, problem, show } from '../topology/rules/problems';
import { AppInput, TopologyInput, WorkloadInput } from '../topology/model/types';

/**
 * Moving a canary's traffic share by editing the topology TEXT: only the characters of the
 * `weight` number change; comments, blank lines, key order, quoting and flow/block style stay
 * byte for byte. Pure: no file I/O (the `canary` command reads and writes the file).
 */

/** What a canary (or `shift`) edit failed on; every kind carries one `path: message` problem. */
export type CanaryEditErrorKind =
  /** `--weight` is not an integer from 0 to 100. */
  | 'weight'
  /** `--to` is not a list of VERSION=WEIGHT summing to 100. */
  | 'to'
  /** `--to` names a version the workload does not have. */
  | 'version'
  /** The workload exists but has no traffic split (no versions and no canary). */
  | 'no-split'
  /** `--namespace` names no app. */
  | 'namespace'
  /** `--service` names no workload (in the namespace, when given). */
  | 'service'
  /** Workloads of several namespaces have the name; `--namespace` must choose. */
  | 'ambiguous'
  /** The workload exists but declares no canary. */
  | 'no-canary'
  /** The weight cannot be changed alone in the text (anchor, alias, merge key). */
  | 'not-editable';

/** A canary or shift edit that cannot be done. The topology text is never changed in that case. */
export class CanaryEditError extends Error {
  constructor(
    public readonly kind: CanaryEditErrorKind,
    /** `--weight`, `--to`, `--service`, `--namespace` for command-line values, a field path otherwise. */
    public readonly problem: Problem,
  ) {
    super(`${problem.path}: ${problem.message}`);
    this.name = 'CanaryEditError';
  }
}

/** The outcome of a canary edit. */
export interface CanaryEdit {
  /** The edited text; the input itself when `changed` is false. */
  readonly text: string;
  /** False when the canary already had the weight (nothing to write). */
  readonly changed: boolean;
  readonly service: string;
  readonly namespace: string;
  /** Field path of the weight, e.g. `apps[0].workloads[0].canary.weight`. */
  readonly path: string;
  /** Version label of the stable pods, e.g. `v1`. */
  readonly stableVersion: string;
  /** Version label of the canary, e.g. `v2`. */
  readonly canaryVersion: string;
  /** Weight before the edit. */
  readonly from: number;
  /** Weight after the edit. */
  readonly to: number;
}

const WEIGHT_EXPECTED = 'an integer from 0 to 100';

/**
 * Reads a `--weight` value: a decimal integer from 0 to 100 (`25`, `025` and `25.0` are 25).
 * @throws CanaryEditError (kind `weight`) otherwise
 */
export function parseWeight(raw: string): number {
  const text = raw.trim();
  const weight = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : NaN;
  checkWeight(weight, raw);
  return weight;
}

/** @throws CanaryEditError unless `weight` is an integer from 0 to 100; `raw` is what was given. */
function checkWeight(weight: number, raw: unknown = weight): void {
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
    throw new CanaryEditError('weight', { path: '--weight', message: `expected ${WEIGHT_EXPECTED}, found ${show(raw)}` });
  }
}

/**
 * Sets the weight of the canary of workload `service` to `weight` percent and returns the new
 * text (the same string when the weight is already `weight`).
 * @throws CanaryEditError when the weight, service or namespace does not fit
 * @throws TopologyError when the topology has problems before (or, defensively, after) the edit
 */
export function setCanaryWeight(text: string, service: string, weight: number, namespace?: string): string {
  return editCanaryWeight(text, service, weight, namespace).text;
}

/**
 * Like `setCanaryWeight`, and also says what changed (for messages). `source` names the text in
 * TopologyError messages.
 */
export function editCanaryWeight(text: string, service: string, weight: number, namespace?: string, source = 'topology'): CanaryEdit {
  checkWeight(weight);
  const before = parseTopologyText(text, source);
  const beforeJson = JSON.stringify(before); // taken before validation could touch `before`
  validateTopology(before, source);
  const input = before as TopologyInput;

  const { appIndex, workloadIndex } = findWorkload(input.apps ?? [], service, namespace, (w) => w.canary !== undefined, 'a canary');
  const app = input.apps![appIndex];
  const workload = app.workloads![workloadIndex];
  const at = `apps[${appIndex}].workloads[${workloadIndex}]`;
  if (workload.canary === undefined) {
    throw new CanaryEditError('no-canary', problem(`${at}.canary`, `workload ${show(service)} has no canary`, undefined, 'a canary entry with version and weight'));
  }
  const path = `${at}.canary.weight`;
  const result = {
    service,
    namespace: app.namespace,
    path,
    // validateTopology guarantees the stable version label of a workload with a canary.
    stableVersion: workload.version!,
    canaryVersion: workload.canary.version,
    from: workload.canary.weight,
    to: weight,
  };
  if (workload.canary.weight === weight) return { ...result, text, changed: false };

  const edited = spliceNumbers(text, [{ keys: ['apps', appIndex, 'workloads', workloadIndex, 'canary', 'weight'], value: weight }], () => notEditable(path, result.from));
  // The only change must be this one number: catches values shared through anchors and aliases.
  // Compared as JSON: a JSON copy does not share objects the way aliases do after parsing.
  const expected = JSON.parse(beforeJson) as { apps: AppInput[] };
  (expected.apps[appIndex].workloads![workloadIndex].canary as { weight: number }).weight = weight;
  const after = parseTopologyText(edited, source);
  if (JSON.stringify(after) !== JSON.stringify(expected)) throw notEditable(path, result.from);
  validateTopology(after, source);
  return { ...result, text: edited, changed: true };
}

/** A number of the topology to change: its keys from the document root, and its new value. */
export interface NumberEdit {
  readonly keys: ReadonlyArray<string | number>;
  readonly value: number;
}

/** Replaces the source characters of each number at `edit.keys` by `edit.value`. */
export function spliceNumbers(text: string, edits: readonly NumberEdit[], refuse: () => CanaryEditError): string {
  // Splicing into the text (rather than `doc.setIn` + `String(doc)`) keeps every other byte:
  // `yaml`'s stringifier re-spaces flow collections, e.g. `["a", "b"]` becomes `[ "a", "b" ]`.
  const document = parseDocument(text);
  const ranges = edits.map((edit) => {
    const node = document.getIn(edit.keys, true);
    if (!isScalar(node) || node.range === undefined || node.range === null || node.anchor !== undefined || typeof node.value !== 'number') {
      throw refuse();
    }
    return { start: node.range[0], end: node.range[1], value: edit.value };
  });
  // From the last to the first, so that each splice leaves the earlier offsets valid.
  return ranges.sort((a, b) => b.start - a.start).reduce((out, r) => `${out.slice(0, r.start)}${r.value}${out.slice(r.end)}`, text);
}

export function notEditable(path: string, found: unknown, entry = 'the canary entry'): CanaryEditError {
  return new CanaryEditError(
    'not-editable',
    problem(path, 'cannot be changed alone in the text (it is shared or reached through a YAML anchor, alias or merge key)', found, `a plain number written in ${entry}`),
  );
}

/**
 * The workload named `service` (in `namespace` when given): exactly one, or an error whose
 * expected value lists the workloads for which `editable` holds (`what` says what they have).
 */
export function findWorkload(
  apps: readonly AppInput[],
  service: string,
  namespace: string | undefined,
  editable: (w: WorkloadInput) => boolean,
  what: string,
): { appIndex: number; workloadIndex: number } {
  const inScope = apps.map((app, appIndex) => ({ app, appIndex })).filter(({ app }) => namespace === undefined || app.namespace === namespace);
  if (namespace !== undefined && inScope.length === 0) {
    const namespaces = apps.map((app) => app.namespace);
    const expected = namespaces.length > 0 ? `one of ${namespaces.join(', ')}` : 'the namespace of an app (this topology has none)';
    throw new CanaryEditError('namespace', problem('--namespace', 'no app has this namespace', namespace, expected));
  }
  const matches = inScope.flatMap(({ app, appIndex }) =>
    (app.workloads ?? []).flatMap((w, workloadIndex) => (w.name === service ? [{ namespace: app.namespace, appIndex, workloadIndex }] : [])),
  );
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    // validateTopology refuses duplicate names within an app and duplicate namespaces, so each
    // match is in a namespace of its own.
    const namespaces = matches.map((m) => m.namespace);
    throw new CanaryEditError(
      'ambiguous',
      problem('--service', 'workloads in more than one namespace have this name', service, `--namespace with one of ${namespaces.join(', ')}`),
    );
  }
  const candidates = [...new Set(inScope.flatMap(({ app }) => (app.workloads ?? []).filter(editable).map((w) => w.name)))];
  const scope = namespace === undefined ? '' : ` in namespace ${show(namespace)}`;
  const expected =
    candidates.length > 0 ? `one of ${candidates.join(', ')}` : `the name of a workload with ${what} (${namespace === undefined ? 'this topology has' : 'the namespace has'} none)`;
  throw new CanaryEditError('service', problem('--service', `no workload${scope} has this name`, service, expected));
}
