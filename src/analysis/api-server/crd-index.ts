/**
 * The compact index of the vendored CRDs that the offline API-server checks read: for each
 * `group/kind`, its file, scope and versions with their openAPIV3Schema, descriptions left out.
 * Generated from `crds/` into {@link CRD_INDEX_FILE} (`node scripts/generate-crd-index.js`;
 * test/analysis/api-server/crd-index.test.ts fails when it is stale), because parsing the
 * 4 MB of CRD YAML takes seconds and the JSON takes milliseconds: `meshfleet validate` stays fast.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SchemaNode } from './schema-node';

/**
 * The CRD folders indexed, in precedence order (the first naming a kind wins). Gateway API is the
 * v1.2.1 standard channel that the cdk8s imports are built from and that GKE serves
 * (`crds/gateway-api-v1.6.1-standard/` is reference only: its newer fields would pass here and
 * be refused by the cluster).
 */
export const CRD_FOLDERS: readonly string[] = ['istio', 'gateway-api-v1.2.1-standard', 'gke', 'gke-stubs-NOT-UPSTREAM', 'argocd', 'config-sync'];

/** The generated index, in the CRD folder. */
export const CRD_INDEX_FILE = 'api-server-schemas.generated.json';

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

/** Every indexed CRD by `group/kind`. */
export type CrdIndex = Readonly<Record<string, Crd>>;

/** A schema without its `description` texts (a property named `description` stays). */
function withoutDescriptions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).filter(([key, value]) => key !== 'description' || typeof value !== 'string');
  return Object.fromEntries(entries.map(([key, value]) => [key, key === 'default' || key === 'enum' ? value : withoutDescriptions(value)]));
}

interface CrdDocument {
  readonly kind?: string;
  readonly spec: {
    readonly group: string;
    readonly names: { readonly kind: string };
    readonly scope?: string;
    readonly versions?: ReadonlyArray<{ readonly name: string; readonly served?: boolean; readonly schema?: { readonly openAPIV3Schema?: SchemaNode } }>;
  };
}

/** Builds the index from the YAML files of {@link CRD_FOLDERS} under `dir`. */
export function buildCrdIndex(dir: string): CrdIndex {
  const index: Record<string, Crd> = {};
  for (const folder of CRD_FOLDERS) {
    const folderPath = path.join(dir, folder);
    if (!fs.existsSync(folderPath)) continue;
    for (const name of fs.readdirSync(folderPath).sort()) {
      if (!name.endsWith('.yaml')) continue;
      for (const doc of parseAllDocuments(fs.readFileSync(path.join(folderPath, name), 'utf8'))) {
        const crd = doc.toJS() as CrdDocument | null;
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        const { group, names, scope, versions } = crd.spec;
        index[`${group}/${names.kind}`] ??= {
          group,
          kind: names.kind,
          namespaced: scope !== 'Cluster',
          file: `${folder}/${name}`,
          versions: (versions ?? []).map((v) => ({
            name: v.name,
            served: v.served !== false,
            schema: (withoutDescriptions(v.schema?.openAPIV3Schema) as SchemaNode | undefined) ?? { 'x-kubernetes-preserve-unknown-fields': true },
          })),
        };
      }
    }
  }
  return index;
}

/** The index as the generated file holds it: one CRD per line, sorted, so that a CRD update is a one-line diff. */
export function renderCrdIndex(index: CrdIndex): string {
  const lines = Object.keys(index)
    .sort()
    .map((key) => `${JSON.stringify(key)}: ${JSON.stringify(index[key])}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}
