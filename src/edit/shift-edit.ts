import { CanaryEditError, findWorkload, notEditable, NumberEdit, spliceNumbers } from './canary-edit';
import { parseTopologyText, validateTopology } from '../load/load';
import { problem, show } from '../topology/rules/problems';
import { VersionWeight } from '../topology/resolve/traffic-split';
import { AppInput, TopologyInput, WorkloadInput } from '../topology/model/types';

/**
 * Shifting a workload's traffic over its versions by editing the topology TEXT, the general
 * form of `canary-edit`: only the characters of the `weight` numbers change, every other byte
 * stays. Pure: no file I/O (the `shift` command reads and writes the file).
 */

/** The outcome of a shift. */
export interface ShiftEdit {
  /** The edited text; the input itself when `changed` is false. */
  readonly text: string;
  /** False when the versions already had these weights (nothing to write). */
  readonly changed: boolean;
  readonly service: string;
  readonly namespace: string;
  /** Every version in order with its weight before the edit. */
  readonly from: readonly VersionWeight[];
  /** Every version in order with its weight after the edit. */
  readonly to: readonly VersionWeight[];
}

const TO_EXPECTED = 'VERSION=WEIGHT pairs separated by commas, integers from 0 to 100 summing to 100, e.g. v3=50,v1=50';

/**
 * Reads a `--to` value such as `v3=50,v1=50`: version labels with integer weights from 0 to
 * 100, each version once, summing to 100. Order does not matter (versions keep theirs).
 * @throws CanaryEditError (kind `to`) otherwise
 */
export function parseTo(raw: string): VersionWeight[] {
  const entries = raw.split(',').map((part) => part.trim());
  const out: VersionWeight[] = [];
  for (const entry of entries) {
    const match = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)=(\d+)$/.exec(entry);
    if (match === null) throw new CanaryEditError('to', problem('--to', `not VERSION=WEIGHT: ${show(entry)}`, raw, TO_EXPECTED));
    const weight = Number(match[3]);
    if (weight > 100) throw new CanaryEditError('to', problem('--to', `weight of ${match[1]} out of range`, weight, 'an integer from 0 to 100'));
    if (out.some((v) => v.version === match[1])) throw new CanaryEditError('to', problem('--to', 'a version is given twice', match[1], 'each version once'));
    out.push({ version: match[1], weight });
  }
  const sum = out.reduce((total, v) => total + v.weight, 0);
  if (sum !== 100) throw new CanaryEditError('to', problem('--to', 'the weights do not sum to 100', sum, 'weights summing to 100'));
  return out;
}

/** The versions of a workload's split as written (`versions`, or the stable version and canary). */
function splitOfInput(w: WorkloadInput): VersionWeight[] {
  if (w.versions !== undefined) return w.versions.map((v) => ({ version: v.name, weight: v.weight }));
  if (w.canary !== undefined && w.version !== undefined) {
    return [
      { version: w.version, weight: 100 - w.canary.weight },
      { version: w.canary.version, weight: w.canary.weight },
    ];
  }
  return [];
}

function hasSplit(w: WorkloadInput): boolean {
  return w.versions !== undefined || w.canary !== undefined;
}

/**
 * Sets the weights of the versions of workload `service` to `to` (versions `to` does not name
 * get 0). With `versions` each changed `weight` number is rewritten; with the `canary`
 * shorthand its `canary.weight`. The topology is validated before and after.
 * @throws CanaryEditError when `to`, the service or the namespace does not fit
 * @throws TopologyError when the topology has problems before (or, defensively, after) the edit
 */
export function shiftTraffic(text: string, service: string, to: readonly VersionWeight[], namespace?: string, source = 'topology'): ShiftEdit {
  const before = parseTopologyText(text, source);
  const beforeJson = JSON.stringify(before); // taken before validation could touch `before`
  validateTopology(before, source);
  const input = before as TopologyInput;

  const { appIndex, workloadIndex } = findWorkload(input.apps ?? [], service, namespace, hasSplit, 'versions or a canary');
  const app = input.apps![appIndex];
  const workload = app.workloads![workloadIndex];
  const at = `apps[${appIndex}].workloads[${workloadIndex}]`;
  const from = splitOfInput(workload);
  if (from.length === 0) {
    throw new CanaryEditError('no-split', problem(`${at}.versions`, `workload ${show(service)} has no versions`, undefined, 'versions, or a canary'));
  }
  const known = from.map((v) => v.version);
  for (const v of to) {
    if (!known.includes(v.version)) {
      throw new CanaryEditError('version', problem('--to', `workload ${show(service)} has no version ${show(v.version)}`, v.version, `one of ${known.join(', ')}`));
    }
  }
  const after = from.map((v) => ({ version: v.version, weight: to.find((t) => t.version === v.version)?.weight ?? 0 }));
  const result = { service, namespace: app.namespace, from, to: after };
  if (after.every((v, k) => v.weight === from[k].weight)) return { ...result, text, changed: false };

  const expected = JSON.parse(beforeJson) as { apps: AppInput[] };
  const expectedWorkload = expected.apps[appIndex].workloads![workloadIndex] as { versions?: Array<{ weight: number }>; canary?: { weight: number } };
  const workloadKeys = ['apps', appIndex, 'workloads', workloadIndex];
  let edits: NumberEdit[];
  let path: string;
  if (workload.versions !== undefined) {
    edits = after.flatMap((v, k) => (v.weight === from[k].weight ? [] : [{ keys: [...workloadKeys, 'versions', k, 'weight'], value: v.weight }]));
    after.forEach((v, k) => (expectedWorkload.versions![k].weight = v.weight));
    path = `${at}.versions`;
  } else {
    edits = [{ keys: [...workloadKeys, 'canary', 'weight'], value: after[1].weight }];
    expectedWorkload.canary!.weight = after[1].weight;
    path = `${at}.canary.weight`;
  }
  const refuse = () => notEditable(path, from.map((v) => `${v.version}=${v.weight}`).join(','), 'the entry');
  const edited = spliceNumbers(text, edits, refuse);
  // The only changes must be these numbers: catches values shared through anchors and aliases.
  const parsed = parseTopologyText(edited, source);
  if (JSON.stringify(parsed) !== JSON.stringify(expected)) throw refuse();
  validateTopology(parsed, source);
  return { ...result, text: edited, changed: true };
}
