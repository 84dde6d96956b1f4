/**
 * Issue 11, point 4: readable Terraform addresses without cdktf's hash suffix, unique per stack,
 * and `moved` blocks that take an existing state from the hashed addresses of earlier releases.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformOutput } from 'cdktf';
// cdktf's own hashed naming, to check that the moved blocks start where earlier releases wrote to.
import { makeUniqueId } from 'cdktf/lib/private/unique';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { legacyHashedLogicalId, readableLogicalId } from '../../src/terraform/logical-ids';
import { MeshfleetStack } from '../../src/terraform/meshfleet-stack';
import { EXAMPLES, example, synthStacks } from './helpers';

const EXAMPLE_NAMES = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

const HASH_SUFFIX = /_[0-9A-F]{8}$/;
/** Terraform: letters, digits, `_` and `-`, starting with a letter or `_`. */
const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

interface Addressed {
  readonly address: string;
  readonly name: string;
  readonly constructPath?: string;
}

function addressesOf(json: string): { resources: Addressed[]; data: Addressed[]; outputs: Addressed[]; moved: { from: string; to: string }[] } {
  const parsed = JSON.parse(json);
  const blocks = (kind: 'resource' | 'data', prefix: string): Addressed[] =>
    Object.entries<Record<string, any>>(parsed[kind] ?? {}).flatMap(([type, byName]) =>
      Object.entries<any>(byName).map(([name, body]) => ({ address: `${prefix}${type}.${name}`, name, constructPath: body['//']?.metadata?.path })),
    );
  return {
    resources: blocks('resource', ''),
    data: blocks('data', 'data.'),
    outputs: Object.keys(parsed.output ?? {}).map((name) => ({ address: `output.${name}`, name })),
    moved: parsed.moved ?? [],
  };
}

describe('readableLogicalId', () => {
  test('joins the construct path by _ and keeps - and case', () => {
    expect(readableLogicalId(['gke-west-priv', 'cluster'])).toBe('gke-west-priv_cluster');
    expect(readableLogicalId(['node-service-account', 'monitoring.metricWriter'])).toBe('node-service-account_monitoring_metricWriter');
  });

  test('writes a repeated component once and leaves out Default', () => {
    expect(readableLogicalId(['services', 'services', 'Default', 'iam'])).toBe('services_iam');
  });

  test('starts with a letter or _', () => {
    expect(readableLogicalId(['1st', 'rule'])).toBe('_1st_rule');
    expect(readableLogicalId(['-x'])).toBe('_-x');
    expect(readableLogicalId(['roles/a b'])).toMatch(TERRAFORM_NAME);
  });

  test('refuses an empty path', () => {
    expect(() => readableLogicalId(['Default'])).toThrow('cannot name a Terraform element from the construct path "Default"');
  });
});

describe('legacyHashedLogicalId', () => {
  test.each([
    [['gke-west-priv', 'cluster'], 'gke-west-priv_cluster_A6BC312C'],
    [['node-service-account', 'account'], 'node-service-account_DCC09B0E'],
    [['node-service-account', 'monitoring.metricWriter'], 'node-service-account_monitoringmetricWriter_B33368E0'],
    [['eastwest-cluster1'], 'eastwest-cluster1'],
  ])('%j was %s in earlier releases', (components, id) => {
    expect(legacyHashedLogicalId(components)).toBe(id);
    expect(makeUniqueId(components)).toBe(id);
  });
});

/** Every stack of every example (asm-onprem-vmware has no GKE cluster and no stack). */
const SYNTHESIZED = EXAMPLE_NAMES.map((name) => ({ name, stacks: synthStacks(example(name)) }));
const STACKS = SYNTHESIZED.flatMap(({ name, stacks }) => Object.entries(stacks).map(([stack, json]) => ({ name, stack, json })));

describe.each(STACKS)('Terraform addresses of $name, stack $stack', ({ json }) => {
  const { resources, data, outputs, moved } = addressesOf(json);

  test('every resource, data source and output has a readable name without hash suffix', () => {
    expect(resources.length).toBeGreaterThan(0);
    for (const element of [...resources, ...data, ...outputs]) {
      expect({ address: element.address, hashed: HASH_SUFFIX.test(element.name) }).toEqual({ address: element.address, hashed: false });
      expect(element.name).toMatch(TERRAFORM_NAME);
    }
  });

  test('every resource whose hashed name of earlier releases differs is reached by exactly one moved block', () => {
    const expected = resources
      .map((r) => {
        const components = r.constructPath!.split('/').slice(1);
        const type = r.address.slice(0, r.address.indexOf('.'));
        return { from: `${type}.${makeUniqueId(components)}`, to: r.address };
      })
      .filter((m) => m.from !== m.to);
    expect(expected.length).toBeGreaterThan(0);
    const byTo = (a: { to: string }, b: { to: string }) => a.to.localeCompare(b.to);
    expect([...moved].sort(byTo)).toEqual(expected.sort(byTo));
    for (const block of moved) expect(block.from).toMatch(HASH_SUFFIX);
  });
});

describe.each(SYNTHESIZED.filter(({ stacks }) => Object.keys(stacks).length > 0))('cross-stack references of $name', ({ stacks }) => {
  test('every one names an output of the stack it reads, and every cross-stack output is read', () => {
    const read = new Set<string>();
    const outputsByStack = Object.fromEntries(Object.entries(stacks).map(([s, json]) => [s, Object.keys(JSON.parse(json).output ?? {})]));
    for (const json of Object.values(stacks)) {
      for (const [, from, output] of json.matchAll(/data\.terraform_remote_state\.cross-stack-reference-input-([a-z]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        expect(outputsByStack[from]).toContain(output);
        read.add(`${from}.${output}`);
      }
    }
    const written = Object.entries(outputsByStack).flatMap(([s, names]) => names.filter((n) => n.startsWith('cross-stack-output-')).map((n) => `${s}.${n}`));
    expect([...read].sort()).toEqual(written.sort());
  });
});

test('the cluster stack of the default example: one address per cluster, named after it', () => {
  const { resources, moved } = addressesOf(synthStacks(example('private-asm-multicluster')).clusters);
  expect(resources.filter((r) => r.address.startsWith('google_container_cluster.')).map((r) => r.address)).toEqual([
    'google_container_cluster.gke-central-priv_cluster',
    'google_container_cluster.gke-ingress_cluster',
    'google_container_cluster.gke-west-priv_cluster',
  ]);
  expect(moved).toContainEqual({ from: 'google_container_cluster.gke-west-priv_cluster_A6BC312C', to: 'google_container_cluster.gke-west-priv_cluster' });
});

test('an overridden name keeps its address and gets no moved block', () => {
  const { outputs, resources, moved } = addressesOf(synthStacks(example('istio-primary-remote')).network);
  expect(resources.map((r) => r.address)).toContain('google_compute_address.eastwest-cluster1');
  expect(outputs.map((o) => o.address)).toContain('output.eastwest-address-cluster1');
  expect(moved.map((m) => m.to)).not.toContain('google_compute_address.eastwest-cluster1');
});

test('two construct paths with the same Terraform name are refused, naming both', () => {
  const app = new App({ outdir: path.join(__dirname, 'unused'), stackTraces: false });
  const stack = new MeshfleetStack(app, 'network', { projectId: 'p', topologyName: 't' });
  new ProjectService(stack, 'a.b', { service: 'compute.googleapis.com' });
  new ProjectService(stack, 'a_b', { service: 'iam.googleapis.com' });
  expect(() => stack.toTerraform()).toThrow('stack "network": the constructs "a.b" and "a_b" both get the Terraform name "a_b"; give one of them another construct id');
});

test('outputs get readable names too', () => {
  const app = new App({ outdir: path.join(__dirname, 'unused'), stackTraces: false });
  const stack = new MeshfleetStack(app, 'network', { projectId: 'p', topologyName: 't' });
  new TerraformOutput(stack, 'cluster.endpoint', { value: 'x' });
  expect(Object.keys(stack.toTerraform().output)).toEqual(['cluster_endpoint']);
});
