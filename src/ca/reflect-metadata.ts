// @peculiar/x509 resolves its algorithms through tsyringe, which refuses to load unless a
// Reflect metadata polyfill is present, and the package does not ship one. This module provides
// the three functions tsyringe calls, unless a real polyfill (reflect-metadata) is loaded first.
// Import it before '@peculiar/x509'.

type MetadataKey = string | symbol;

const store = new WeakMap<object, Map<MetadataKey, unknown>>();

function getOwnMetadata(key: MetadataKey, target: object): unknown {
  return store.get(target)?.get(key);
}

function getMetadata(key: MetadataKey, target: object): unknown {
  for (let current: object | null = target; current !== null; current = Object.getPrototypeOf(current)) {
    const own = store.get(current);
    if (own?.has(key)) return own.get(key);
  }
  return undefined;
}

function defineMetadata(key: MetadataKey, value: unknown, target: object): void {
  const own = store.get(target) ?? new Map<MetadataKey, unknown>();
  own.set(key, value);
  store.set(target, own);
}

if (!('getMetadata' in Reflect)) Object.assign(Reflect, { getMetadata, getOwnMetadata, defineMetadata });
