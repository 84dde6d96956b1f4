/*
 * Mutations of a topology as plain JSON data, shared by the property tests of the loader
 * (load.fuzz.test.ts) and of the renderers' assumptions (assumptions.test.ts).
 */

/** A topology (or any part of it) as plain JSON data. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A path into a JSON value: object keys and array indexes. */
export type JsonPath = ReadonlyArray<string | number>;

/** Every path into a JSON value (object keys and array indexes), the root excluded. */
export function pathsOf(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

/** The value at `at` in `value` (undefined when there is none). */
export function valueAt(value: Json, at: JsonPath): Json | undefined {
  let node: Json | undefined = value;
  for (const key of at) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, Json>)[key];
  }
  return node;
}

/** One change at a path: set a value, delete the entry, duplicate it, or add a key below it. */
export type Mutation = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'duplicate' } | { kind: 'add'; key: string; value: unknown };

/** Applies one mutation at `at` of a deep copy of `base`. */
export function mutate(base: Json, at: JsonPath, mutation: Mutation): unknown {
  const root = JSON.parse(JSON.stringify(base)) as Record<string | number, unknown>;
  let parent = root;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  switch (mutation.kind) {
    case 'set':
      parent[last] = mutation.value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(JSON.parse(JSON.stringify(parent[Number(last)] ?? null)));
      else parent[`${String(last)}2`] = parent[last];
      break;
    case 'add': {
      const target = parent[last];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[mutation.key] = mutation.value;
      else parent[last] = { [mutation.key]: mutation.value };
      break;
    }
  }
  return root;
}
