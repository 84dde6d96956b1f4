import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { MANAGED_BY_LABEL, ownershipLabels, PART_OF_LABEL } from '../../src/k8s/ownership';
import { synthKubernetes } from '../../src/k8s/synth';
import { KUSTOMIZATION_FILE } from '../../src/output/paths';
import { EXAMPLES, exampleInput, modelOf } from './helpers';

/*
 * Issue 8, point 8: every Kubernetes object meshfleet writes carries
 * app.kubernetes.io/managed-by=meshfleet and app.kubernetes.io/part-of=<topology name> in
 * metadata.labels, and nowhere else (selectors and pod templates stay as they are), so
 * `kubectl apply --prune -l app.kubernetes.io/part-of=<name>` and GitOps tools find them.
 */

const tmpDirs: string[] = [];
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every YAML document of every file of every cluster folder (kustomization.yaml aside), as written. */
function writtenObjects(model: ReturnType<typeof modelOf>): Array<{ file: string; object: any }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-owner-'));
  tmpDirs.push(outdir);
  const out: Array<{ file: string; object: any }> = [];
  for (const cluster of synthKubernetes(model, outdir)) {
    for (const file of cluster.files.filter((f) => f !== KUSTOMIZATION_FILE)) {
      const text = fs.readFileSync(path.join(cluster.dir, file), 'utf8');
      for (const doc of parseAllDocuments(text)) out.push({ file: `${cluster.cluster}/${file}`, object: doc.toJS() });
    }
  }
  return out;
}

/** Paths (`a.b.c`) of every key named `key` in `value`, recursively. */
function pathsOfKey(value: unknown, key: string, at = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const here = at === '' ? k : `${at}.${k}`;
    return [...(k === key ? [here] : []), ...pathsOfKey(v, key, here)];
  });
}

describe.each(Object.entries(EXAMPLES))('%s (%s)', (_key, file) => {
  const model = modelOf(exampleInput(file));
  const objects = writtenObjects(model);

  test('there are objects to check, mesh-install inputs included for in-cluster meshes', () => {
    expect(objects.length).toBeGreaterThan(0);
    if (model.mesh?.install !== undefined) expect(objects.some((o) => o.object.kind === 'IstioOperator')).toBe(true);
  });

  test('every object carries managed-by=meshfleet and part-of=<topology name> in metadata.labels', () => {
    const missing = objects.filter(({ object }) => object.metadata?.labels?.[MANAGED_BY_LABEL] !== 'meshfleet' || object.metadata?.labels?.[PART_OF_LABEL] !== model.name);
    expect(missing.map(({ file, object }) => `${file}: ${object.kind}/${object.metadata?.name}`)).toEqual([]);
  });

  test('only in metadata.labels: never in selectors, pod templates or other label maps', () => {
    for (const label of [MANAGED_BY_LABEL, PART_OF_LABEL]) {
      const elsewhere = objects.flatMap(({ file, object }) =>
        pathsOfKey(object, label)
          .filter((p) => p !== `metadata.labels.${label}`)
          .map((p) => `${file}: ${object.kind}/${object.metadata?.name} ${p}`),
      );
      expect(elsewhere).toEqual([]);
    }
  });
});

test('part-of follows the topology name', () => {
  const input = exampleInput(EXAMPLES.gateway);
  input.name = 'store-staging';
  const objects = writtenObjects(modelOf(input));
  expect(new Set(objects.map(({ object }) => object.metadata.labels[PART_OF_LABEL]))).toEqual(new Set(['store-staging']));
});

test('ownershipLabels', () => {
  expect(ownershipLabels('bank')).toEqual({ 'app.kubernetes.io/managed-by': 'meshfleet', 'app.kubernetes.io/part-of': 'bank' });
});
