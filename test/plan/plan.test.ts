/**
 * The renderers render the plan: for every example, the Kubernetes objects synthesized per
 * cluster and file (kind, apiVersion, namespace, name, in file order) are exactly the plan's,
 * and the plan's Terraform stacks and resources are those of the reviewed golden output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildKubernetesManifests } from '../../src/k8s/synth';
import { buildPlan } from '../../src/plan/build-plan';
import { readableLogicalId } from '../../src/terraform/logical-ids';
import { loadTopologyFile } from '../../src/load/load';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const GOLDEN = path.join(__dirname, '..', 'golden');
const examples = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** kind, apiVersion, namespace and name of a synthesized object. */
function keyOf(o: Record<string, unknown>): { kind: unknown; apiVersion: unknown; namespace?: unknown; name: unknown } {
  const metadata = o.metadata as { name?: unknown; namespace?: unknown };
  return { kind: o.kind, apiVersion: o.apiVersion, ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }), name: metadata.name };
}

describe.each(examples)('the plan of %s', (file) => {
  const model = loadTopologyFile(path.join(EXAMPLES, file));
  const plan = buildPlan(model);

  test('is what the Kubernetes renderer synthesizes, cluster by cluster and file by file', () => {
    const synthesized = buildKubernetesManifests(model, plan).map((c) => ({
      cluster: c.cluster,
      files: [...c.files, ...c.meshInstall].map((f) => ({ path: f.file, objects: f.objects.map(keyOf) })),
    }));
    const planned = plan.clusters.map((c) => ({
      cluster: c.name,
      files: c.files.map((f) => ({ path: f.path, objects: f.objects.map(({ source: _source, ...key }) => key) })),
    }));
    expect(planned).toEqual(synthesized);
  });

  test('names every object with the topology field that caused it', () => {
    for (const object of plan.clusters.flatMap((c) => c.files.flatMap((f) => f.objects))) {
      expect(object.source).toMatch(/^(apps|clusters|gateways|mesh|multiClusterIngress)(\[\d+\])?(\.[A-Za-z]+(\[\d+\])?)*$/);
    }
  });

  test('is plain data: JSON keeps all of it, and a second plan is the same', () => {
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(JSON.stringify(buildPlan(loadTopologyFile(path.join(EXAMPLES, file))))).toBe(JSON.stringify(plan));
  });

  test('has the Terraform stacks and planned resources of the golden output', () => {
    const stacksDir = path.join(GOLDEN, file.replace(/\.yaml$/, ''), 'terraform', 'stacks');
    const golden = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : [];
    expect(plan.terraform.stacks.map((s) => s.name).sort()).toEqual(golden);
    for (const stack of plan.terraform.stacks) {
      const json = JSON.parse(fs.readFileSync(path.join(stacksDir, stack.name, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
      for (const resource of stack.resources) {
        expect(Object.keys(json.resource?.[resource.type] ?? {})).toContain(readableLogicalId(resource.path));
      }
      // Every resource of a planned type is a planned one: the plan owns which exist.
      for (const type of new Set(stack.resources.map((r) => r.type))) {
        expect(Object.keys(json.resource?.[type] ?? {}).sort()).toEqual(
          stack.resources
            .filter((r) => r.type === type)
            .map((r) => readableLogicalId(r.path))
            .sort(),
        );
      }
    }
  });
});
