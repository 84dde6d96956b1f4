import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { synthesizeAll } from '../../src/synth';
import { validateTopology } from '../../src/load/load';
import { resolveTopology, ResolvedTopology, TopologyError, TopologyInput } from '../../src/topology';
import { Json, JsonPath, Mutation, mutate, pathsOf, valueAt } from './mutations';
import { Draft, topologyError } from './support';

/*
 * Constructs trust the resolved topology: what a renderer needs of it, it states as an
 * assumption (`assume(condition, id, detail)`, src/topology/rules/assume.ts), and a topology
 * rule guarantees it, reporting a problem with a field path before anything is synthesized.
 * This test holds that together:
 *  1. every `assume(` id in src has an entry in GUARANTEES (and every entry an `assume(` in src);
 *  2. each entry's topology breaks the assumption: validate refuses it with the expected field
 *     path, and synthesizing its model without the rules trips that very assumption;
 *  3. the construct libraries' own assumption (one construct id per scope) likewise;
 *  4. property: mutated valid examples that pass validate synthesize without tripping anything.
 */

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples');

/** An example topology as plain data, to mutate. */
function example(name: string): Draft {
  return parse(fs.readFileSync(path.join(EXAMPLES, `${name}.yaml`), 'utf8')) as Draft;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A topology that breaks an assumption, and where validate reports it. */
interface Breaking {
  /** What the topology does wrong. */
  readonly name: string;
  readonly topology: () => Draft;
  /** Field path of the problem validate reports. */
  readonly path: string;
}

/** The rule that guarantees an assumption, and topologies that break it. */
interface Guarantee {
  /** The rule (file: what) that refuses every topology breaking the assumption. */
  readonly rule: string;
  readonly breaking: readonly Breaking[];
}

/** A variant of an example. */
function variant(name: string, change: (t: Draft) => void): () => Draft {
  return () => {
    const t = example(name);
    change(t);
    return t;
  };
}

const GATEWAY = 'multicluster-gateway-blue-green';
const INTERNAL_GATEWAY = 'internal-multicluster-gateway';
const BANK = 'private-asm-multicluster';
const ROUTES = 'mesh-routes-istio';

/** Every `assume(` id of src, with the rule that guarantees it. */
const GUARANTEES: Record<string, Guarantee> = {
  'exported-service.name': {
    rule: 'plan/name-rules.ts: the exported Service <name>-<cluster short name> within 63 characters',
    breaking: [
      {
        name: 'an exported workload whose per-cluster Service name exceeds 63 characters',
        path: 'apps[0].workloads[0].name',
        topology: variant(GATEWAY, (t) => {
          t.apps[0].workloads[0].name = `s${'x'.repeat(57)}`;
          t.gateways = [];
        }),
      },
    ],
  },
  'traffic.split-weights': {
    rule: 'rules.ts: the weights of versions sum to 100 (schema: integers from 0 to 100)',
    breaking: [
      {
        name: 'version weights that do not sum to 100',
        path: 'apps[0].workloads[1].versions',
        topology: variant('istio-traffic-shifting', (t) => {
          const w = t.apps[0].workloads.find((x: Draft) => x.versions !== undefined);
          w.versions[0].weight = 1;
          t.apps[0].workloads = [t.apps[0].workloads[0], w, ...t.apps[0].workloads.slice(1).filter((x: Draft) => x !== w)];
        }),
      },
    ],
  },
  'gke-cluster.master-cidr': {
    rule: 'rules.ts: a private cluster needs a control-plane range',
    breaking: [{ name: 'a private cluster without masterCidr', path: 'clusters[0].masterCidr', topology: variant(BANK, (t) => delete t.clusters[0].masterCidr) }],
  },
  'gke-cluster.node-range': {
    rule: 'rules.ts: nodePool.minNodes at most maxNodes',
    breaking: [
      {
        name: 'minNodes above maxNodes',
        path: 'clusters[0].nodePool.minNodes',
        topology: variant(BANK, (t) => (t.clusters[0].nodePool = { minNodes: 5, maxNodes: 2, initialNodes: 2 })),
      },
    ],
  },
  'cluster-plan.app-file': {
    rule: 'namespace-rules.ts: an app namespace is neither a system namespace nor one whose file (<namespace>.yaml) a fixed chart takes',
    breaking: ['namespaces', 'istio-system', 'ingress-gateway', 'multi-cluster-ingress'].map((namespace) => ({
      name: `an app namespace ${namespace}`,
      path: 'apps[0].namespace',
      topology: variant(BANK, (t) => (t.apps[0].namespace = namespace)),
    })),
  },
};

/**
 * The construct libraries' own assumption: construct ids are unique in their scope (cdk8s and
 * cdktf throw "There is already a Construct with name ..."; two Terraform elements of one name
 * would be merged). The rules that guarantee it, by the construct ids they keep apart.
 */
const CONSTRUCT_IDS: Record<string, Guarantee> = {
  'network-stack.ts: ComputeAddress id gateway-address-<name>': {
    rule: 'rules.ts: a static address name once per region',
    breaking: [
      {
        name: 'one static address name twice',
        path: 'gateways[0].addresses[2].staticAddress',
        topology: variant(INTERNAL_GATEWAY, (t) => t.gateways[0].addresses.push(copy(t.gateways[0].addresses[0]))),
      },
    ],
  },
  'cluster-charts.ts: MultiClusterGateway id <namespace>-<name>': {
    rule: 'name-rules.ts: a gateway name once per namespace, <namespace>-<name> ids apart',
    breaking: [
      {
        name: 'two gateways of one name in a namespace',
        path: 'gateways[1].name',
        topology: variant(GATEWAY, (t) => {
          const second = copy(t.gateways[0]);
          second.healthChecks = [];
          second.backendPolicies = [];
          second.routes[0].name = 'other-route';
          t.gateways.push(second);
        }),
      },
      {
        name: 'two gateways whose <namespace>-<name> ids coincide',
        path: 'gateways[1].name',
        topology: variant(GATEWAY, (t) => {
          t.gateways[0].name = 'external-http';
          t.gateways.push({ name: 'http', namespace: 'store-external', className: 'gke-l7-global-external-managed-mc' });
          t.apps.push({ namespace: 'store-external', workloads: [{ name: 'web', image: 'nginx:1.27', port: 80, export: true }] });
        }),
      },
    ],
  },
  'cluster-charts.ts: ids of an app chart': {
    rule: 'rules.ts: workload names unique in a namespace; plan/name-rules.ts: construct ids of an app chart apart',
    breaking: [
      {
        name: 'a workload named app-config',
        path: 'apps[0].workloads[9].name',
        topology: variant(BANK, (t) => t.apps[0].workloads.push({ name: 'app-config', image: 'nginx:1.27' })),
      },
      {
        name: 'a workload named like the exported Service id of another',
        path: 'apps[0].workloads[1].name',
        topology: variant(GATEWAY, (t) => t.apps[0].workloads.push({ name: 'store-west-1-export', image: 'nginx:1.27', port: 80, clusters: ['gke-west-1'] })),
      },
      {
        name: "a workload named like another's gateway route id",
        path: 'apps[0].workloads[9].name',
        topology: variant(BANK, (t) => t.apps[0].workloads.push({ name: 'frontend-exposed', image: 'nginx:1.27', port: 80 })),
      },
      {
        name: "a workload named like another's route id",
        path: 'apps[0].workloads[4].name',
        topology: variant(ROUTES, (t) => t.apps[0].workloads.push({ name: 'reviews-route', image: 'nginx:1.27', port: 80 })),
      },
      {
        name: "a workload named like another's versions id",
        path: 'apps[0].workloads[4].name',
        topology: variant(ROUTES, (t) => t.apps[0].workloads.push({ name: 'reviews-versions', image: 'nginx:1.27', port: 80 })),
      },
      {
        name: "a workload named like a service entry's id",
        path: 'apps[0].serviceEntries[0].name',
        topology: variant(BANK, (t) => {
          t.apps[0].serviceEntries = [{ name: 'frontend', hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }] }];
          t.apps[0].workloads.push({ name: 'frontend-service-entry', image: 'nginx:1.27' });
        }),
      },
      {
        name: "a workload named like a VM workload's id",
        path: 'apps[0].vmWorkloads[0].name',
        topology: variant('istio-primary-remote', (t) => t.apps[0].workloads.push({ name: 'reviews-vm-vm', image: 'nginx:1.27', clusters: [t.clusters[0].name] })),
      },
      { name: 'two workloads of one name', path: 'apps[0].workloads[9].name', topology: variant(BANK, (t) => t.apps[0].workloads.push(copy(t.apps[0].workloads[0]))) },
    ],
  },
  'app-config.ts: ids ServiceAccount-<name>, ConfigMap-<name>': {
    rule: 'app-rules.ts: ServiceAccount and ConfigMap names unique in an app',
    breaking: [
      { name: 'two ServiceAccounts of one name', path: 'apps[0].serviceAccounts[1]', topology: variant(BANK, (t) => t.apps[0].serviceAccounts.push(t.apps[0].serviceAccounts[0])) },
      { name: 'two ConfigMaps of one name', path: 'apps[0].configMaps[5].name', topology: variant(BANK, (t) => t.apps[0].configMaps.push(copy(t.apps[0].configMaps[0]))) },
    ],
  },
  'workload.ts: id Service-<extra name>': {
    rule: 'app-rules.ts: extra Service names unique',
    breaking: [
      {
        name: 'two extra Services of one name',
        path: 'apps[0].workloads[3].extraServices[1].name',
        topology: variant('asm-onprem-vmware', (t) => t.apps[0].workloads[3].extraServices.push(copy(t.apps[0].workloads[3].extraServices[0]))),
      },
    ],
  },
  'Terraform stacks: ids of clusters, NATs, subnets, certificates': {
    rule: 'rules.ts: cluster names and regions unique; name-rules.ts: a subnet name once per region; mci-rules.ts: certificate names unique',
    breaking: [
      { name: 'two clusters of one name', path: 'clusters[1].name', topology: variant(BANK, (t) => (t.clusters[1].name = t.clusters[0].name)) },
      { name: 'two entries of one region', path: 'regions[2].name', topology: variant(BANK, (t) => t.regions.push(copy(t.regions[0]))) },
      {
        name: 'two subnets of one name in a region',
        path: 'network.subnets[1].name',
        topology: variant(GATEWAY, (t) => {
          t.network = {
            name: 'vpc',
            subnets: [
              { name: 's1', region: 'us-west1', cidr: '10.10.0.0/20' },
              { name: 's1', region: 'us-west1', cidr: '10.11.0.0/20' },
            ],
          };
          for (const cluster of t.clusters) cluster.subnet = 's1';
        }),
      },
      {
        name: 'two managed certificates of one name',
        path: 'multiClusterIngress.managedCertificates[1].name',
        topology: variant('mci-host-rules-https', (t) => t.multiClusterIngress.managedCertificates.push(copy(t.multiClusterIngress.managedCertificates[0]))),
      },
    ],
  },
};

/** What cdk8s and cdktf throw on a second construct of one id in a scope. */
const CONSTRUCT_ID_CLASH = /There is already a Construct with name/;

/** Every `.ts` file under `dir`. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** The id (second argument) of every `assume(...)` call in src, by file; a non-literal id is reported as such. */
function assumeCalls(): Array<{ file: string; id: string }> {
  const calls: Array<{ file: string; id: string }> = [];
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('assume(')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'assume') {
        const id = node.arguments[1];
        calls.push({ file: path.relative(ROOT, file), id: id !== undefined && ts.isStringLiteral(id) ? id.text : `<not a string literal: ${id?.getText(source) ?? 'missing'}>` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

/** Synthesizes `model` (everything `meshfleet synth` writes) into a temporary folder, then removes it. */
async function synthesize(model: ResolvedTopology): Promise<void> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-assume-'));
  try {
    await synthesizeAll(model, out);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** The model of a topology without its rules: what synth would get if validate let it through. */
function unchecked(topology: Draft): ResolvedTopology {
  return resolveTopology(topology as TopologyInput);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('every construct assumption is guaranteed by a topology rule', () => {
  test('every assume( id in src has a guarantee, and every guarantee an assume( in src', () => {
    const calls = assumeCalls();
    expect(calls.length).toBeGreaterThan(0);
    const unguaranteed = calls.filter((c) => GUARANTEES[c.id] === undefined).map((c) => `${c.file}: ${c.id}`);
    expect(unguaranteed).toEqual([]);
    const stale = Object.keys(GUARANTEES).filter((id) => !calls.some((c) => c.id === id));
    expect(stale).toEqual([]);
  });

  const cases = (registry: Record<string, Guarantee>) =>
    Object.entries(registry).flatMap(([assumption, g]) => g.breaking.map((b) => [`${assumption}: ${b.name}`, assumption, b] as const));

  test.each(cases(GUARANTEES))('%s', async (_name, id, breaking) => {
    const topology = breaking.topology();
    // The rule refuses it, with the field path.
    const error = topologyError(() => validateTopology(copy(topology), 'test'));
    expect(error.problems.map((p) => p.path)).toContain(breaking.path);
    // The case is real: without the rules, synth trips this very assumption.
    await expect(synthesize(unchecked(copy(topology)))).rejects.toThrow(new RegExp(`^meshfleet bug: ${escape(id)}: `));
  });

  test.each(cases(CONSTRUCT_IDS))('construct ids: %s', async (_name, _ids, breaking) => {
    const topology = breaking.topology();
    const error = topologyError(() => validateTopology(copy(topology), 'test'));
    expect(error.problems.map((p) => p.path)).toContain(breaking.path);
    await expect(synthesize(unchecked(copy(topology)))).rejects.toThrow(CONSTRUCT_ID_CLASH);
  });
});

describe('property: a mutated example that passes validate synthesizes without tripping an assumption', () => {
  /** Examples small enough to synthesize many times; together they reach every construct with an assumption. */
  const BASES = [GATEWAY, INTERNAL_GATEWAY, 'istio-traffic-shifting', 'mesh-routes-istio', 'istio-primary-remote', 'mci-host-rules-https', 'asm-onprem-vmware'].map(
    (name) => example(name) as Json,
  );
  const NUM_RUNS = 100;

  /** The leaves of a value (strings and numbers), the material of plausible mutations. */
  function leaves(value: Json): Array<string | number> {
    return pathsOf(value)
      .map((at) => valueAt(value, at))
      .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  }

  /**
   * Mutations a user might make: another value of the same topology (a name reused, a reference
   * redirected), a longer or suffixed name, a changed number, an entry deleted or duplicated.
   * Most keep the topology valid, so that synthesis is reached.
   */
  function plausibleMutation(base: Json, at: JsonPath): fc.Arbitrary<Mutation> {
    const current = valueAt(base, at);
    const values = leaves(base);
    const set = (value: fc.Arbitrary<unknown>) => value.map((v): Mutation => ({ kind: 'set', value: v }));
    const structural = fc.constantFrom<Mutation>({ kind: 'delete' }, { kind: 'duplicate' });
    if (typeof current === 'string') {
      return fc.oneof(
        set(fc.constantFrom(...values.filter((v) => typeof v === 'string'))),
        set(fc.constantFrom('-2', '-b', '-canary', '-export', '-route', '-versions').map((suffix) => current + suffix)),
        set(fc.integer({ min: 20, max: 62 }).map((n) => `${current}-${'x'.repeat(n)}`.slice(0, 63))),
        structural,
      );
    }
    if (typeof current === 'number') return fc.oneof(set(fc.constantFrom(...values.filter((v) => typeof v === 'number'))), set(fc.integer({ min: 0, max: 100 })), structural);
    return structural;
  }

  /** Fields that names, references, weights and sizes come from: what the assumptions and construct ids read. */
  const KEYS = new Set([
    'name',
    'namespace',
    'weight',
    'canary',
    'port',
    'backend',
    'version',
    'minNodes',
    'maxNodes',
    'initialNodes',
    'region',
    'staticAddress',
    'shortName',
    'masterCidr',
  ]);
  const focused = (at: JsonPath) => typeof at[at.length - 1] === 'number' || KEYS.has(String(at[at.length - 1]));

  const mutatedAtOnePath = fc
    .nat({ max: BASES.length - 1 })
    .chain((i) => {
      const paths = pathsOf(BASES[i]);
      return fc.tuple(fc.constant(BASES[i]), fc.oneof(fc.constantFrom(...paths.filter(focused)), fc.constantFrom(...paths)));
    })
    .chain(([base, at]) => plausibleMutation(base, at).map((m) => mutate(base, at, m)));

  /** `value` with every string equal to `from` replaced by `to`. */
  function renamed(value: Json, from: string, to: string): Json {
    if (value === from) return to;
    if (Array.isArray(value)) return value.map((v) => renamed(v, from, to));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamed(v, from, to)]));
    return value;
  }

  /** A name made longer everywhere it occurs, references included: derived names grow past their limits. */
  const renamedEverywhere = fc
    .nat({ max: BASES.length - 1 })
    .chain((i) => {
      const names = pathsOf(BASES[i])
        .filter((at) => at[at.length - 1] === 'name')
        .map((at) => valueAt(BASES[i], at))
        .filter((v): v is string => typeof v === 'string');
      return fc.tuple(fc.constant(BASES[i]), fc.constantFrom(...names), fc.integer({ min: 1, max: 62 }));
    })
    .map(([base, name, n]) => renamed(base, name, `${name}-${'x'.repeat(n)}`.slice(0, 63)));

  const mutated = fc.oneof(mutatedAtOnePath, renamedEverywhere);

  test('no synth error after validate', async () => {
    let synthesized = 0;
    await fc.assert(
      fc.asyncProperty(mutated, async (input) => {
        let model: ResolvedTopology;
        try {
          model = validateTopology(input, 'fuzz');
        } catch (error) {
          if (error instanceof TopologyError) return;
          throw error;
        }
        synthesized++;
        await synthesize(model);
      }),
      { seed: 16, numRuns: NUM_RUNS },
    );
    // The property is not vacuous: a good share of the mutants reach synthesis.
    expect(synthesized).toBeGreaterThan(NUM_RUNS / 4);
  });
});
