/**
 * The vendored CustomResourceDefinitions (`crds/`, see `crds/SOURCES.md`) as the offline
 * API-server checks read them: which kinds exist and each served version's openAPIV3Schema.
 *
 * Loading is lazy and cached: the folder is indexed once by a cheap text scan (group and kind of
 * each YAML document), and a document is parsed only when an object of its kind is checked, so
 * `meshfleet validate` never parses the large CRDs (Argo CD's ApplicationSet is 1.4 MB) of kinds
 * the topology does not emit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { SchemaNode } from './schema-node';

/**
 * The CRD folders read, in precedence order. Gateway API is the v1.2.1 standard channel that the
 * cdk8s imports are built from and that GKE serves (`crds/gateway-api-v1.6.1-standard/` is kept
 * for reference only: its newer fields would pass here and be refused by the cluster).
 */
export const CRD_FOLDERS: readonly string[] = ['istio', 'gateway-api-v1.2.1-standard', 'gke', 'gke-stubs-NOT-UPSTREAM', 'argocd', 'config-sync'];

/** One version of a CRD. */
export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly schema: SchemaNode;
}

/** One CRD: its kind, scope, versions and the file it comes from (relative to the CRD folder). */
export interface Crd {
  readonly group: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly versions: readonly CrdVersion[];
  readonly file: string;
}

/** Where a CRD's YAML document sits, before it is parsed. */
interface Indexed {
  readonly file: string;
  readonly text: string;
  crd?: Crd;
}

/** The vendored CRDs of one folder, by `group/kind`. */
export class CrdRegistry {
  private readonly index = new Map<string, Indexed>();

  /** Indexes every CRD document of {@link CRD_FOLDERS} under `dir` (the first folder naming a kind wins). */
  constructor(dir: string) {
    for (const folder of CRD_FOLDERS) {
      const folderPath = path.join(dir, folder);
      if (!fs.existsSync(folderPath)) continue;
      for (const name of fs.readdirSync(folderPath).sort()) {
        if (!name.endsWith('.yaml')) continue;
        const file = `${folder}/${name}`;
        for (const text of fs.readFileSync(path.join(folderPath, name), 'utf8').split(/^---\s*$/m)) {
          const group = /^ {2}group: *(\S+)/m.exec(text)?.[1];
          const kind = /^ {4}kind: *(\S+)/m.exec(text)?.[1];
          if (group === undefined || kind === undefined) continue;
          const key = `${group}/${kind}`;
          if (!this.index.has(key)) this.index.set(key, { file, text });
        }
      }
    }
  }

  /** The CRD of `kind` in API `group`, or undefined when none is vendored. Parsed on first use. */
  lookup(group: string, kind: string): Crd | undefined {
    const indexed = this.index.get(`${group}/${kind}`);
    if (indexed === undefined) return undefined;
    indexed.crd ??= parseCrd(indexed.text, indexed.file);
    return indexed.crd;
  }
}

/** A parsed CRD document as the registry keeps it. */
function parseCrd(text: string, file: string): Crd {
  const doc = parse(text) as {
    spec: { group: string; names: { kind: string }; scope?: string; versions?: Array<{ name: string; served?: boolean; schema?: { openAPIV3Schema?: SchemaNode } }> };
  };
  const spec = doc.spec;
  return {
    group: spec.group,
    kind: spec.names.kind,
    namespaced: spec.scope !== 'Cluster',
    file,
    versions: (spec.versions ?? []).map((v) => ({ name: v.name, served: v.served !== false, schema: v.schema?.openAPIV3Schema ?? { 'x-kubernetes-preserve-unknown-fields': true } })),
  };
}

let shared: CrdRegistry | undefined;

/**
 * The registry of the project's `crds/` folder, found by walking up from this file (from
 * `src/analysis/api-server/` under ts-jest, `lib/src/...` compiled, `lib/cli/` bundled).
 * @throws Error when no `crds/SOURCES.md` is found above this file
 */
export function projectCrdRegistry(): CrdRegistry {
  if (shared !== undefined) return shared;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'crds', 'SOURCES.md'))) {
      shared = new CrdRegistry(path.join(dir, 'crds'));
      return shared;
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the vendored CRD folder (crds/SOURCES.md) above ${__dirname}`);
  }
}
