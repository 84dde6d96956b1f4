/*
 * The three patch kinds of the escape hatch (src/topology/model/extras.ts), on plain JSON
 * objects: RFC 6902 JSON patch, RFC 7386 JSON merge patch, and the strategic merge patch of
 * Kubernetes for the lists it merges by key. Pure: every function returns a new value and leaves
 * its inputs alone. A JSON patch operation that cannot apply throws {@link PatchFailure}; the
 * topology rules turn it into the user's message (`patchFailureProblem` in extras-rules.ts).
 */
import type { JsonPatchOperationInput } from '../topology/model/types';

/** Why one JSON patch operation could not apply. */
export class PatchFailure extends Error {
  constructor(
    /** Index of the failing operation in `jsonPatch`. */
    readonly index: number,
    /** What is wrong, e.g. `path /spec/foo does not exist`. */
    readonly reason: string,
  ) {
    super(`jsonPatch[${index}]: ${reason}`);
  }
}

type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The reference tokens of a JSON pointer (RFC 6901), or undefined when it is not one. */
function tokens(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** An array index token: `0` or digits without a leading zero. */
function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** The container of the last token and that token; fails when a parent is missing. */
function parentOf(doc: Json, path: string, index: number): { parent: JsonObject | Json[]; key: string } {
  const t = tokens(path);
  if (t === undefined) throw new PatchFailure(index, `path ${JSON.stringify(path)} is not a JSON pointer (it starts with /)`);
  if (t.length === 0) throw new PatchFailure(index, 'the whole object cannot be replaced or removed');
  let at: Json = doc;
  for (const [k, token] of t.slice(0, -1).entries()) {
    const next: Json = Array.isArray(at) ? (arrayIndex(token) === undefined ? undefined : at[arrayIndex(token)!]) : isObject(at) ? at[token] : undefined;
    if (typeof next !== 'object' || next === null) throw new PatchFailure(index, `path ${path}: /${t.slice(0, k + 1).join('/')} does not exist`);
    at = next;
  }
  return { parent: at as JsonObject | Json[], key: t[t.length - 1] };
}

function get(doc: Json, path: string, index: number): Json {
  const { parent, key } = parentOf(doc, path, index);
  const value = Array.isArray(parent)
    ? arrayIndex(key) === undefined
      ? undefined
      : parent[arrayIndex(key)!]
    : Object.prototype.hasOwnProperty.call(parent, key)
      ? parent[key]
      : undefined;
  if (value === undefined) throw new PatchFailure(index, `path ${path} does not exist`);
  return value;
}

function remove(doc: Json, path: string, index: number): Json {
  const value = get(doc, path, index);
  const { parent, key } = parentOf(doc, path, index);
  if (Array.isArray(parent)) parent.splice(arrayIndex(key)!, 1);
  else delete parent[key];
  return value;
}

function add(doc: Json, path: string, value: Json, index: number): void {
  const { parent, key } = parentOf(doc, path, index);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : arrayIndex(key);
    if (i === undefined || i > parent.length) throw new PatchFailure(index, `path ${path}: index ${key} is outside the list of ${parent.length} items`);
    parent.splice(i, 0, value);
  } else {
    parent[key] = value;
  }
}

/**
 * `object` with RFC 6902 `operations` applied in order.
 * @throws PatchFailure naming the first operation that cannot apply
 */
export function applyJsonPatch<T>(object: T, operations: readonly JsonPatchOperationInput[]): T {
  const doc = clone(object);
  operations.forEach((op, index) => {
    switch (op.op) {
      case 'add':
        add(doc, op.path, clone(op.value), index);
        return;
      case 'remove':
        remove(doc, op.path, index);
        return;
      case 'replace':
        get(doc, op.path, index);
        remove(doc, op.path, index);
        add(doc, op.path, clone(op.value), index);
        return;
      case 'move': {
        if (op.from === undefined) throw new PatchFailure(index, 'move needs from');
        if (op.path.startsWith(`${op.from}/`)) throw new PatchFailure(index, `cannot move ${op.from} into itself`);
        add(doc, op.path, remove(doc, op.from, index), index);
        return;
      }
      case 'copy':
        if (op.from === undefined) throw new PatchFailure(index, 'copy needs from');
        add(doc, op.path, clone(get(doc, op.from, index)), index);
        return;
      case 'test': {
        const found = get(doc, op.path, index);
        if (!deepEqual(found, op.value)) throw new PatchFailure(index, `test of ${op.path} failed: found ${JSON.stringify(found)}, not ${JSON.stringify(op.value)}`);
        return;
      }
    }
  });
  return doc;
}

/** `target` with the RFC 7386 JSON merge patch `patch` applied. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const result: JsonObject = isObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/**
 * The merge key of the lists a strategic merge patch merges item by item, by field name (the
 * `patchMergeKey` of the Kubernetes core types): `ports` holds container ports (`containerPort`)
 * or Service ports (`port`), told apart by the keys of its items.
 */
const MERGE_KEYS: Readonly<Record<string, string | ((items: readonly Json[]) => string)>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  ports: (items) => (items.some((i) => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port'),
};

/** The directive of a strategic merge patch that removes the list item of its key. */
const DELETE_DIRECTIVE = '$patch';

function mergeList(target: Json, patch: readonly Json[], key: string): Json[] {
  const result: Json[] = Array.isArray(target) ? clone(target) : [];
  for (const item of patch) {
    if (!isObject(item) || !(key in item)) {
      result.push(clone(item));
      continue;
    }
    const at = result.findIndex((r) => isObject(r) && deepEqual(r[key], item[key]));
    if (item[DELETE_DIRECTIVE] === 'delete') {
      if (at >= 0) result.splice(at, 1);
    } else if (at >= 0) {
      result[at] = applyStrategicMerge(result[at], item);
    } else {
      result.push(applyStrategicMerge({}, item));
    }
  }
  return result;
}

/**
 * `target` with the strategic merge patch `patch` applied: a JSON merge patch, except that the
 * lists of {@link MERGE_KEYS} are merged item by item by their key (an item with
 * `$patch: delete` removes the item of its key).
 */
export function applyStrategicMerge(target: Json, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const result: JsonObject = isObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === DELETE_DIRECTIVE) continue;
    const mergeKey = MERGE_KEYS[key];
    if (value === null) delete result[key];
    else if (Array.isArray(value) && mergeKey !== undefined) {
      result[key] = mergeList(result[key], value, typeof mergeKey === 'string' ? mergeKey : mergeKey([...value, ...(Array.isArray(result[key]) ? result[key] : [])]));
    } else result[key] = applyStrategicMerge(result[key], value);
  }
  return result;
}
