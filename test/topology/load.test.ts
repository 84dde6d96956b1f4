import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULTS,
  loadTopologyFile,
  parseTopologyText,
  regionOfZone,
  resolveTopology,
  ResolvedTopology,
  TopologyError,
  TopologyInput,
  validateTopology,
} from '../../src/topology';
import { Draft, topologyError } from './support';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const SEED_000 = join(EXAMPLES, 'private-asm-multicluster.yaml');
const SEED_003 = join(EXAMPLES, 'internal-multicluster-gateway.yaml');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'meshfleet-topology-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeTemp(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text, 'utf8');
  return file;
}

/** Seed 000 written as a TypeScript object literal. */
function seed000Object(): TopologyInput {
  return {
    name: 'private-asm-multicluster',
    project: { id: 'meshfleet-demo', number: '123456789012' },
    network: { name: 'default' },
    regions: [
      { name: 'us-west2', nat: { enabled: true, logFilter: 'ALL' } },
      { name: 'us-central1', nat: { enabled: true, logFilter: 'ALL' } },
    ],
    operatorCidrs: ['203.0.113.10/32'],
    clusters: [
      { name: 'gke-west-priv', zone: 'us-west2-a', masterCidr: '172.16.0.0/28', nodePool: { machineType: 'e2-standard-4', minNodes: 3, maxNodes: 5 } },
      { name: 'gke-central-priv', zone: 'us-central1-a', masterCidr: '172.16.1.0/28', nodePool: { machineType: 'e2-standard-4', minNodes: 3, maxNodes: 5 } },
      { name: 'gke-ingress', zone: 'us-west1-a', role: 'config', private: false, nodePool: { machineType: 'e2-standard-4', minNodes: 1, maxNodes: 1 } },
    ],
    mesh: { management: 'fleet' },
    fleet: { configCluster: 'gke-ingress' },
  };
}

const clusterDefaults = {
  role: 'workload',
  private: true,
  podCidr: undefined,
  subnet: undefined,
  gatewayApi: 'disabled',
  fleet: true,
  releaseChannel: 'REGULAR',
  labels: {},
  deletionProtection: true,
} as const;

const pool = (minNodes: number, maxNodes: number) => ({ machineType: 'e2-standard-4', minNodes, maxNodes, initialNodes: minNodes });

describe('the example files', () => {
  test('seed 000 (private-asm-multicluster) loads and resolves to the seed values', () => {
    const model = loadTopologyFile(SEED_000);
    expect(model).toEqual({
      name: 'private-asm-multicluster',
      project: { id: 'meshfleet-demo', number: '123456789012' },
      network: { name: 'default', subnets: [] },
      regions: [
        { name: 'us-west2', nat: { logFilter: 'ALL' }, proxyOnlySubnet: undefined },
        { name: 'us-central1', nat: { logFilter: 'ALL' }, proxyOnlySubnet: undefined },
        { name: 'us-west1', nat: undefined, proxyOnlySubnet: undefined },
      ],
      operatorCidrs: ['203.0.113.10/32'],
      clusters: [
        {
          ...clusterDefaults,
          name: 'gke-west-priv',
          zone: 'us-west2-a',
          region: 'us-west2',
          masterCidr: '172.16.0.0/28',
          nodePool: pool(3, 5),
          meshMember: true,
        },
        {
          ...clusterDefaults,
          name: 'gke-central-priv',
          zone: 'us-central1-a',
          region: 'us-central1',
          masterCidr: '172.16.1.0/28',
          nodePool: pool(3, 5),
          meshMember: true,
        },
        {
          ...clusterDefaults,
          name: 'gke-ingress',
          zone: 'us-west1-a',
          region: 'us-west1',
          role: 'config',
          private: false,
          masterCidr: undefined,
          nodePool: pool(1, 1),
          meshMember: false,
        },
      ],
      mesh: { management: 'fleet' },
      fleet: { configCluster: 'gke-ingress', multiClusterServices: false },
      gateways: [],
      terraform: { backend: { type: 'local' } },
    });
    // The points the seed is about, spelled out.
    expect(model.regions.filter((r) => r.nat).map((r) => r.name)).toEqual(['us-west2', 'us-central1']);
    expect(model.clusters.filter((c) => c.role === 'workload').map((c) => c.nodePool)).toEqual([pool(3, 5), pool(3, 5)]);
    expect(model.regions.some((r) => r.proxyOnlySubnet !== undefined)).toBe(false);
  });

  test('seed 003 (internal-multicluster-gateway) loads and resolves to the seed values', () => {
    const model = loadTopologyFile(SEED_003);
    expect(model).toEqual({
      name: 'internal-multicluster-gateway',
      project: { id: 'meshfleet-demo', number: undefined },
      network: { name: 'default', subnets: [] },
      regions: [
        { name: 'us-west1', nat: undefined, proxyOnlySubnet: '10.129.0.0/23' },
        { name: 'us-east1', nat: undefined, proxyOnlySubnet: '10.130.0.0/23' },
      ],
      operatorCidrs: [],
      clusters: [
        {
          ...clusterDefaults,
          name: 'gke-west-1',
          zone: 'us-west1-a',
          region: 'us-west1',
          private: false,
          masterCidr: undefined,
          gatewayApi: 'standard',
          nodePool: pool(3, 5),
          meshMember: false,
        },
        {
          ...clusterDefaults,
          name: 'gke-east-1',
          zone: 'us-east1-c',
          region: 'us-east1',
          private: false,
          masterCidr: undefined,
          gatewayApi: 'standard',
          nodePool: pool(3, 5),
          meshMember: false,
        },
      ],
      mesh: undefined,
      fleet: { configCluster: 'gke-west-1', multiClusterServices: true },
      gateways: [
        {
          name: 'internal-cross-region-gateway',
          namespace: 'store',
          className: 'gke-l7-cross-regional-internal-managed-mc',
          addresses: [
            { region: 'us-west1', staticAddress: 'cross-region-gw-ip-west' },
            { region: 'us-east1', staticAddress: 'cross-region-gw-ip-east' },
          ],
        },
      ],
      terraform: { backend: { type: 'local' } },
    });
    expect(model.regions.filter((r) => r.nat)).toEqual([]);
  });

  test.each([SEED_000, SEED_003])('%s gives the same model on every load', (file) => {
    expect(loadTopologyFile(file)).toStrictEqual(loadTopologyFile(file));
  });
});

describe('YAML, JSON and TypeScript inputs', () => {
  test('YAML text, JSON text and a TypeScript object give identical resolved models', () => {
    const yamlText = readFileSync(SEED_000, 'utf8');
    const fromYaml = validateTopology(parseTopologyText(yamlText, 'seed.yaml'), 'seed.yaml');
    const jsonText = JSON.stringify(parseTopologyText(yamlText, 'seed.yaml'), null, 2);
    expect(jsonText.startsWith('{')).toBe(true);
    const fromJson = validateTopology(parseTopologyText(jsonText, 'seed.json'), 'seed.json');
    const fromObject = validateTopology(seed000Object(), 'seed.ts');
    expect(fromJson).toStrictEqual(fromYaml);
    expect(fromObject).toStrictEqual(fromYaml);
    expect(fromYaml).toStrictEqual(loadTopologyFile(SEED_000));
  });

  test('a JSON file loads like the YAML file', () => {
    const parsed = parseTopologyText(readFileSync(SEED_003, 'utf8'), 'seed.yaml');
    const file = writeTemp('seed-003.json', JSON.stringify(parsed));
    expect(loadTopologyFile(file)).toStrictEqual(loadTopologyFile(SEED_003));
  });

  test('the project number stays a string in YAML when quoted', () => {
    expect(loadTopologyFile(SEED_000).project.number).toBe('123456789012');
    const file = writeTemp('unquoted-number.yaml', readFileSync(SEED_000, 'utf8').replace('"123456789012"', '123456789012'));
    expect(topologyError(() => loadTopologyFile(file)).problems).toEqual([
      { path: 'project.number', message: 'wrong type (found 123456789012, expected a project number (digits, quoted))' },
    ]);
  });
});

describe('parse and read errors', () => {
  test('duplicate YAML keys are a problem', () => {
    const error = topologyError(() => parseTopologyText('name: a\nname: b\nclusters: []\n', 'dup.yaml'));
    expect(error.source).toBe('dup.yaml');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].message).toMatch(/^Map keys must be unique\b.*\(found invalid YAML, expected a YAML or JSON mapping\)$/);
    expect(error.message).toMatch(/^dup\.yaml: 1 problem\n.+: Map keys must be unique\b.*\(found invalid YAML/);
  });

  test('duplicate JSON keys are a problem', () => {
    const error = topologyError(() => parseTopologyText('{"name": "a", "name": "b"}', 'dup.json'));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].message).toMatch(/^Map keys must be unique\b.*\(found invalid YAML, expected a YAML or JSON mapping\)$/);
  });

  test('invalid YAML is a problem', () => {
    const error = topologyError(() => parseTopologyText('name: a\nclusters: [\n', 'bad.yaml'));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].message).toMatch(/^Flow sequence .* \(found invalid YAML, expected a YAML or JSON mapping\)$/);
  });

  test('several YAML documents are a problem', () => {
    const error = topologyError(() => parseTopologyText('name: a\n---\nname: b\n', 'multi.yaml'));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].message).toMatch(/^Source contains multiple documents.*\(found invalid YAML, expected a YAML or JSON mapping\)$/);
  });

  // KNOWN BUG (src/topology/load.ts, parseTopologyText): parseDocument is called with
  // `prettyErrors: false`, so the yaml library never sets `error.linePos` and every syntax
  // problem gets the path "(file)" instead of "line L, column C".
  test.failing('duplicate YAML keys are reported with their line number', () => {
    const error = topologyError(() => parseTopologyText('name: a\nname: b\nclusters: []\n', 'dup.yaml'));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].path).toBe('line 2, column 1');
    expect(error.problems[0].message).toMatch(/^Map keys must be unique\b.*\(found invalid YAML, expected a YAML or JSON mapping\)$/);
  });

  test.failing('invalid YAML in a file is reported with its line number', () => {
    const file = writeTemp('bad.yaml', 'name: bad\nproject:\n  id: meshfleet-demo\nclusters: [\n');
    const error = topologyError(() => loadTopologyFile(file));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].path).toMatch(/^line [45], column \d+$/); // the [ on line 4, or the end of the file
  });

  test('a missing file gives a (file) problem', () => {
    const file = join(dir, 'does-not-exist.yaml');
    const error = topologyError(() => loadTopologyFile(file));
    expect(error).toBeInstanceOf(TopologyError);
    expect(error.source).toBe(file);
    expect(error.problems).toEqual([
      { path: '(file)', message: 'cannot read the topology (found no such file, expected a readable YAML or JSON file)' },
    ]);
    expect(error.message).toBe(`${file}: 1 problem\n(file): cannot read the topology (found no such file, expected a readable YAML or JSON file)`);
  });

  test('a directory gives a (file) problem with the reason', () => {
    const error = topologyError(() => loadTopologyFile(dir));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].path).toBe('(file)');
    expect(error.problems[0].message).toMatch(/^cannot read the topology \(found EISDIR.*, expected a readable YAML or JSON file\)$/);
  });

  test('problems of a loaded file name the file as their source', () => {
    const file = writeTemp('no-master.yaml', 'name: t\nproject: { id: meshfleet-demo }\nclusters:\n  - name: a\n    zone: us-west2-a\n');
    const error = topologyError(() => loadTopologyFile(file));
    expect(error.source).toBe(file);
    expect(error.message).toBe(
      `${file}: 1 problem\nclusters[0].masterCidr: a private cluster needs a control-plane range (found nothing, expected an unused private /28 such as 172.16.0.0/28)`,
    );
  });

  test('validateTopology uses "topology" as the default source', () => {
    expect(topologyError(() => validateTopology({})).message).toMatch(/^topology: 3 problems\n/);
  });
});

describe('defaults', () => {
  test('DEFAULTS holds the documented defaults', () => {
    expect(DEFAULTS).toEqual({
      networkName: 'default',
      role: 'workload',
      private: true,
      machineType: 'e2-standard-4',
      minNodes: 3,
      maxNodes: 5,
      gatewayApi: 'disabled',
      fleet: true,
      releaseChannel: 'REGULAR',
      deletionProtection: true,
      natLogFilter: 'ALL',
      gcsPrefix: 'meshfleet',
    });
  });

  test('every default in DEFAULTS is applied when the field is omitted', () => {
    const model = validateTopology(
      {
        name: 'defaults',
        project: { id: 'meshfleet-test' },
        clusters: [{ name: 'a', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' }],
        terraform: { backend: { type: 'gcs', bucket: 'tf-state' } },
      },
      'test',
    );
    const cluster = model.clusters[0];
    const backend = model.terraform.backend;
    const applied: Record<keyof typeof DEFAULTS, unknown> = {
      networkName: model.network.name,
      role: cluster.role,
      private: cluster.private,
      machineType: cluster.nodePool.machineType,
      minNodes: cluster.nodePool.minNodes,
      maxNodes: cluster.nodePool.maxNodes,
      gatewayApi: cluster.gatewayApi,
      fleet: cluster.fleet,
      releaseChannel: cluster.releaseChannel,
      deletionProtection: cluster.deletionProtection,
      natLogFilter: model.regions[0].nat?.logFilter,
      gcsPrefix: backend.type === 'gcs' ? backend.prefix : undefined,
    };
    // Fails when a default is added to DEFAULTS without being covered here.
    expect(Object.keys(applied).sort()).toEqual(Object.keys(DEFAULTS).sort());
    expect(applied).toEqual(DEFAULTS);
    // Defaults that are not in DEFAULTS.
    expect(cluster.nodePool.initialNodes).toBe(DEFAULTS.minNodes);
    expect(cluster.region).toBe('us-west2');
    expect(cluster.labels).toEqual({});
    expect(cluster.meshMember).toBe(false);
    expect(model.network.subnets).toEqual([]);
    expect(model.operatorCidrs).toEqual([]);
    expect(model.mesh).toBeUndefined();
    expect(model.fleet).toEqual({ configCluster: undefined, multiClusterServices: false });
    expect(model.gateways).toEqual([]);
  });

  test('explicit values override every default', () => {
    const model = validateTopology(
      {
        name: 'explicit',
        project: { id: 'meshfleet-test' },
        network: { name: 'mesh-vpc' },
        regions: [{ name: 'us-west2', nat: { enabled: true, logFilter: 'ERRORS_ONLY' } }],
        clusters: [
          {
            name: 'a',
            zone: 'us-west2-a',
            role: 'config',
            private: false,
            nodePool: { machineType: 'n2-standard-8', minNodes: 1, maxNodes: 9, initialNodes: 2 },
            gatewayApi: 'experimental',
            fleet: true,
            releaseChannel: 'RAPID',
            labels: { team: 'mesh' },
            deletionProtection: false,
          },
        ],
        fleet: { configCluster: 'a' },
        terraform: { backend: { type: 'gcs', bucket: 'tf-state', prefix: 'team/mesh' } },
      },
      'test',
    );
    expect(model.network.name).toBe('mesh-vpc');
    expect(model.regions).toEqual([{ name: 'us-west2', nat: { logFilter: 'ERRORS_ONLY' }, proxyOnlySubnet: undefined }]);
    expect(model.clusters[0]).toMatchObject({
      role: 'config',
      private: false,
      nodePool: { machineType: 'n2-standard-8', minNodes: 1, maxNodes: 9, initialNodes: 2 },
      gatewayApi: 'experimental',
      releaseChannel: 'RAPID',
      labels: { team: 'mesh' },
      deletionProtection: false,
    });
    expect(model.terraform.backend).toEqual({ type: 'gcs', bucket: 'tf-state', prefix: 'team/mesh' });
  });

  test('a local backend ignores bucket and prefix', () => {
    expect(resolveTopology({ name: 't', project: { id: 'meshfleet-test' }, clusters: [], terraform: { backend: { bucket: 'b', prefix: 'p' } } }).terraform).toEqual({
      backend: { type: 'local' },
    });
  });

  test('NAT is enabled by default only in regions with a private cluster', () => {
    const model = validateTopology(
      {
        name: 'nat',
        project: { id: 'meshfleet-test' },
        regions: [{ name: 'europe-west1' }, { name: 'us-east1', nat: { logFilter: 'ERRORS_ONLY' } }],
        clusters: [
          { name: 'priv', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' },
          { name: 'pub', zone: 'us-west1-a', private: false },
          { name: 'priv-east', zone: 'us-east1-b', masterCidr: '172.16.1.0/28' },
          { name: 'pub-2', zone: 'us-west2-b', private: false },
        ],
      },
      'test',
    );
    expect(model.regions.map((r) => [r.name, r.nat])).toEqual([
      ['europe-west1', undefined],
      ['us-east1', { logFilter: 'ERRORS_ONLY' }],
      ['us-west2', { logFilter: 'ALL' }],
      ['us-west1', undefined],
    ]);
  });

  test('nat.enabled: false is respected in a region with a private cluster', () => {
    const model = validateTopology(
      {
        name: 'nat-off',
        project: { id: 'meshfleet-test' },
        regions: [{ name: 'us-west2', nat: { enabled: false, logFilter: 'ALL' } }],
        clusters: [
          { name: 'priv', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' },
          { name: 'priv-2', zone: 'us-central1-a', masterCidr: '172.16.1.0/28' },
        ],
      },
      'test',
    );
    expect(model.regions.map((r) => [r.name, r.nat])).toEqual([
      ['us-west2', undefined],
      ['us-central1', { logFilter: 'ALL' }],
    ]);
  });

  test('nat.enabled: true creates NAT in a region without private clusters', () => {
    const model = validateTopology(
      {
        name: 'nat-on',
        project: { id: 'meshfleet-test' },
        regions: [{ name: 'asia-east1', nat: { enabled: true, logFilter: 'TRANSLATIONS_ONLY' } }, { name: 'us-west1', nat: { enabled: true } }],
        clusters: [{ name: 'pub', zone: 'us-west1-a', private: false }],
      },
      'test',
    );
    expect(model.regions).toEqual([
      { name: 'asia-east1', nat: { logFilter: 'TRANSLATIONS_ONLY' }, proxyOnlySubnet: undefined },
      { name: 'us-west1', nat: { logFilter: 'ALL' }, proxyOnlySubnet: undefined },
    ]);
  });

  test('meshMember is true only for workload clusters, and only when a mesh is declared', () => {
    const input: Draft = {
      name: 'mesh',
      project: { id: 'meshfleet-test' },
      clusters: [
        { name: 'w1', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' },
        { name: 'cfg', zone: 'us-west1-a', role: 'config', private: false },
        { name: 'w2', zone: 'us-central1-a', role: 'workload', private: false },
      ],
      fleet: { configCluster: 'cfg' },
    };
    expect(validateTopology(input, 'test').clusters.map((c) => c.meshMember)).toEqual([false, false, false]);
    for (const management of ['fleet', 'in-cluster']) {
      const withMesh = { ...input, mesh: { management } };
      expect(validateTopology(withMesh, 'test').clusters.map((c) => c.meshMember)).toEqual([true, false, true]);
    }
  });

  test('resolved regions: declared regions first, then cluster regions in cluster order', () => {
    const model = validateTopology(
      {
        name: 'order',
        project: { id: 'meshfleet-test' },
        regions: [{ name: 'us-east1' }, { name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' }],
        clusters: [
          { name: 'c1', zone: 'us-central1-a', private: false },
          { name: 'c2', zone: 'us-west1-b', private: false },
          { name: 'c3', zone: 'asia-east1-a', private: false },
          { name: 'c4', zone: 'us-central1-f', private: false },
          { name: 'c5', zone: 'europe-west4-c', private: false, region: 'europe-west4' },
        ],
      },
      'test',
    );
    expect(model.regions.map((r) => r.name)).toEqual(['us-east1', 'us-west1', 'us-central1', 'asia-east1', 'europe-west4']);
    expect(model.regions[1].proxyOnlySubnet).toBe('10.129.0.0/23');
  });

  test.each([
    ['us-west2-a', 'us-west2'],
    ['us-central1-f', 'us-central1'],
    ['europe-west4-c', 'europe-west4'],
    ['northamerica-northeast1-b', 'northamerica-northeast1'],
  ])('regionOfZone(%s) is %s', (zone, region) => {
    expect(regionOfZone(zone)).toBe(region);
  });
});

describe('isolation from the input', () => {
  function richInput(): Draft {
    return {
      name: 'rich',
      project: { id: 'meshfleet-test', number: '123456789012' },
      network: { name: 'mesh-vpc', subnets: [{ name: 'west', region: 'us-west1', cidr: '10.10.0.0/20' }] },
      regions: [{ name: 'us-west1', nat: { enabled: true, logFilter: 'ALL' }, proxyOnlySubnet: '10.129.0.0/23' }],
      operatorCidrs: ['203.0.113.10/32'],
      clusters: [
        {
          name: 'west',
          zone: 'us-west1-a',
          masterCidr: '172.16.0.0/28',
          subnet: 'west',
          gatewayApi: 'standard',
          nodePool: { minNodes: 2, maxNodes: 4 },
          labels: { team: 'mesh' },
        },
      ],
      mesh: { management: 'in-cluster', revision: 'asm-1', version: '1.8.6' },
      fleet: { configCluster: 'west', multiClusterServices: true },
      gateways: [{ name: 'gw', namespace: 'store', className: 'gke-l7-rilb-mc', addresses: [{ region: 'us-west1', staticAddress: 'gw-ip' }] }],
      terraform: { backend: { type: 'gcs', bucket: 'tf-state', prefix: 'p' } },
    };
  }

  test('validation does not change the input', () => {
    const input = richInput();
    validateTopology(input, 'test');
    expect(input).toStrictEqual(richInput());
  });

  test('the resolved model is not affected by mutating the input afterwards', () => {
    const input = richInput();
    const model: ResolvedTopology = validateTopology(input, 'test');
    const before = structuredClone(model);

    input.name = 'changed';
    input.project.id = 'changed-project';
    input.network.name = 'changed';
    input.network.subnets[0].cidr = '10.99.0.0/20';
    input.network.subnets.push({ name: 'x', region: 'us-east1', cidr: '10.98.0.0/20' });
    input.regions[0].proxyOnlySubnet = '10.200.0.0/23';
    input.regions[0].nat.logFilter = 'ERRORS_ONLY';
    input.regions.push({ name: 'us-east1' });
    input.operatorCidrs.push('0.0.0.0/0');
    input.clusters[0].name = 'changed';
    input.clusters[0].nodePool.minNodes = 99;
    input.clusters[0].labels.team = 'changed';
    input.clusters[0].labels.extra = 'x';
    input.clusters.push({ name: 'other', zone: 'us-east1-b' });
    input.mesh.revision = 'changed';
    input.fleet.configCluster = 'changed';
    input.gateways[0].addresses[0].region = 'us-east1';
    input.gateways[0].addresses.push({ region: 'us-east4' });
    input.gateways.push({ name: 'gw2' });
    input.terraform.backend.bucket = 'changed';

    expect(model).toStrictEqual(before);
    expect(model.clusters[0].labels).toEqual({ team: 'mesh' });
    expect(model.gateways[0].addresses).toEqual([{ region: 'us-west1', staticAddress: 'gw-ip' }]);
  });
});
