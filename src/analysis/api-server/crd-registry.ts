/**
 * The vendored CustomResourceDefinitions (`crds/`, see `crds/SOURCES.md`) as the offline
 * API-server checks read them: which kinds exist and each version's openAPIV3Schema, from the
 * generated index (crd-index.ts), read once per process.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Crd, CRD_INDEX_FILE, CrdIndex } from './crd-index';

/** The vendored CRDs by API group and kind. */
export class CrdRegistry {
  constructor(private readonly index: CrdIndex) {}

  /** The CRD of `kind` in API `group`, or undefined when none is vendored. */
  lookup(group: string, kind: string): Crd | undefined {
    return Object.prototype.hasOwnProperty.call(this.index, `${group}/${kind}`) ? this.index[`${group}/${kind}`] : undefined;
  }
}

let shared: CrdRegistry | undefined;

/**
 * The registry of the project's `crds/` folder, found by walking up from this file (from
 * `src/analysis/api-server/` under ts-jest, `lib/src/...` compiled, `lib/cli/` bundled).
 * @throws Error when no `crds/` folder with the generated index is found above this file
 */
export function projectCrdRegistry(): CrdRegistry {
  if (shared !== undefined) return shared;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'crds', CRD_INDEX_FILE);
    if (fs.existsSync(file)) {
      shared = new CrdRegistry(JSON.parse(fs.readFileSync(file, 'utf8')) as CrdIndex);
      return shared;
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the vendored CRD index (crds/${CRD_INDEX_FILE}) above ${__dirname}`);
  }
}
