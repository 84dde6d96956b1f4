import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { synthesizeAll } from '../../src/synth';
import { resolveTopology, TopologyError, TopologyInput, validateTopology } from '../../src/topology';
import { run, snapshot, TempDirs, writeFile } from '../cli/helpers';
import { Draft, topologyError } from './support';

/*
 * validate == synth: every check that a construct makes at synth time (a `throw` in src/k8s or
 * src/terraform, or a construct id clash: "There is already a Construct with name ...") has a
 * topology rule that refuses the same topology first, with a field path. Each case names the
 * construct check it guards, and asserts
 *  (a) the loader (what `meshfleet validate` runs) reports a problem at the expected path;
 *  (b) the case is real: synthesizing its model without the rules trips that construct check;
 *  (c) `meshfleet synth` therefore prints the topology problem, never the construct's message,
 *      and leaves the output folder as it was.
 */

jest.setTimeout(120_000);

const EXAMPLES = path.resolve(__dirname, '../../examples');

/** An example topology as plain data, to mutate. */
function example(name: string): Draft {
  return parse(fs.readFileSync(path.join(EXAMPLES, `${name}.yaml`), 'utf8')) as Draft;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

interface Case {
  /** What the topology does wrong. */
  readonly name: string;
  /** The construct check it would trip (file: what), and the message it throws. */
  readonly construct: string;
  readonly thrown: RegExp;
  readonly topology: () => Draft;
  /** Field path of the loader's problem. */
  readonly path: string;
}

const CLASH = /There is already a Construct with name/;
const MCG = /^MultiClusterGateway /;

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
const store = (t: Draft) => t.gateways[0].routes[0];

const CASES: Case[] = [
  // src/k8s/multi-cluster-gateway.ts validateGateway
  { name: 'a className that is not multi-cluster (no -mc)', construct: 'multi-cluster-gateway.ts: className', thrown: MCG, path: 'gateways[0].className', topology: variant(GATEWAY, (t) => (t.gateways[0].className = 'gke-l7-global-external-managed')) },
  { name: 'a className with a newline', construct: 'multi-cluster-gateway.ts: className', thrown: MCG, path: 'gateways[0].className', topology: variant(GATEWAY, (t) => (t.gateways[0].className = 'gke-l7-global-external-managed-mc\n')) },
  { name: 'addresses on an external class', construct: 'multi-cluster-gateway.ts: addresses (none)', thrown: MCG, path: 'gateways[0].addresses', topology: variant(GATEWAY, (t) => (t.gateways[0].addresses = [{ region: 'us-west1' }])) },
  {
    name: 'two addresses in one region',
    construct: 'multi-cluster-gateway.ts: addresses (unique region)',
    thrown: MCG,
    path: 'gateways[0].addresses[2].region',
    topology: variant(INTERNAL_GATEWAY, (t) => t.gateways[0].addresses.push({ region: t.gateways[0].addresses[0].region })),
  },
  {
    name: 'one static address name twice',
    construct: 'network-stack.ts: ComputeAddress id gateway-address-<name>',
    thrown: CLASH,
    path: 'gateways[0].addresses[2].staticAddress',
    topology: variant(INTERNAL_GATEWAY, (t) => t.gateways[0].addresses.push(copy(t.gateways[0].addresses[0]))),
  },
  {
    name: 'more than 16 addresses',
    construct: 'multi-cluster-gateway.ts: addresses (at most 16)',
    thrown: MCG,
    path: 'gateways[0].addresses',
    topology: variant(INTERNAL_GATEWAY, (t) => {
      const regions = ['africa-south1', 'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast2', 'asia-northeast3', 'asia-south1', 'asia-south2', 'asia-southeast1', 'asia-southeast2', 'australia-southeast1', 'australia-southeast2', 'europe-central2', 'europe-north1', 'europe-west2', 'europe-west3', 'europe-west6'];
      t.gateways[0].addresses = regions.map((region) => ({ region }));
    }),
  },
  { name: 'two routes of one name', construct: 'multi-cluster-gateway.ts: routes (unique name)', thrown: MCG, path: 'gateways[0].routes[1].name', topology: variant(GATEWAY, (t) => t.gateways[0].routes.push(copy(store(t)))) },
  {
    name: 'more than 16 hostnames',
    construct: 'multi-cluster-gateway.ts: hostnames (at most 16)',
    thrown: MCG,
    path: 'gateways[0].routes[0].hostnames',
    topology: variant(GATEWAY, (t) => (store(t).hostnames = Array.from({ length: 17 }, (_, i) => `h${i}.example.com`))),
  },
  { name: 'an IP address as a hostname', construct: 'multi-cluster-gateway.ts: hostnames (not an IP)', thrown: MCG, path: 'gateways[0].routes[0].hostnames[0]', topology: variant(GATEWAY, (t) => (store(t).hostnames = ['10.0.0.1'])) },
  { name: 'an upper-case hostname', construct: 'multi-cluster-gateway.ts: hostnames (DNS name)', thrown: MCG, path: 'gateways[0].routes[0].hostnames[0]', topology: variant(GATEWAY, (t) => (store(t).hostnames = ['Store.Example.com'])) },
  {
    name: 'more than 16 rules',
    construct: 'multi-cluster-gateway.ts: rules (at most 16)',
    thrown: MCG,
    path: 'gateways[0].routes[0].rules',
    topology: variant(GATEWAY, (t) => (store(t).rules = Array.from({ length: 17 }, () => ({ backend: 'store-west-1', port: 8080 })))),
  },
  { name: 'a path prefix with //', construct: 'multi-cluster-gateway.ts: pathPrefix', thrown: MCG, path: 'gateways[0].routes[0].rules[1].pathPrefix', topology: variant(GATEWAY, (t) => (store(t).rules[1].pathPrefix = '/a//b')) },
  {
    name: 'a match path with //',
    construct: 'multi-cluster-gateway.ts: matches[].path.value',
    thrown: MCG,
    path: 'gateways[0].routes[0].rules[0].matches[0].path.value',
    topology: variant(GATEWAY, (t) => (store(t).rules[0].matches[0].path = { value: '//x' })),
  },
  {
    name: 'two health checks of one backend (named apart)',
    construct: 'multi-cluster-gateway.ts: healthChecks (unique backend)',
    thrown: MCG,
    path: 'gateways[0].healthChecks[1].backend',
    topology: variant(GATEWAY, (t) => {
      t.gateways[0].healthChecks[1].backend = 'store-west-1';
      t.gateways[0].healthChecks[1].name = 'other-check';
    }),
  },
  {
    name: 'two backend policies of one backend (named apart)',
    construct: 'multi-cluster-gateway.ts: backendPolicies (unique backend)',
    thrown: MCG,
    path: 'gateways[0].backendPolicies[1].backend',
    topology: variant(GATEWAY, (t) => {
      t.gateways[0].backendPolicies[1].backend = 'store-west-1';
      t.gateways[0].backendPolicies[1].name = 'other-policy';
    }),
  },
  // Construct ids of multi-cluster-gateway.yaml: `<namespace>-<name>` per gateway (cluster-charts.ts)
  {
    name: 'two gateways of one name in a namespace',
    construct: 'cluster-charts.ts: MultiClusterGateway id <namespace>-<name>',
    thrown: CLASH,
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
    construct: 'cluster-charts.ts: MultiClusterGateway id <namespace>-<name>',
    thrown: CLASH,
    path: 'gateways[1].name',
    topology: variant(GATEWAY, (t) => {
      t.gateways[0].name = 'external-http';
      t.gateways.push({ name: 'http', namespace: 'store-external', className: 'gke-l7-global-external-managed-mc' });
      t.apps.push({ namespace: 'store-external', workloads: [{ name: 'web', image: 'nginx:1.27', port: 80, export: true }] });
    }),
  },
  // src/k8s/cluster-charts.ts buildClusterCharts: an app file taking a fixed file name
  ...['namespaces', 'istio-system', 'ingress-gateway', 'multi-cluster-ingress'].map(
    (namespace): Case => ({
      name: `an app namespace ${namespace}`,
      construct: 'cluster-charts.ts: app namespace file name already taken',
      thrown: /a file name already taken/,
      path: 'apps[0].namespace',
      topology: variant(BANK, (t) => (t.apps[0].namespace = namespace)),
    }),
  ),
  // Construct ids of an app chart (cluster-charts.ts addWorkload)
  {
    name: 'a workload named app-config',
    construct: 'cluster-charts.ts: AppConfig id app-config',
    thrown: CLASH,
    path: 'apps[0].workloads[9].name',
    topology: variant(BANK, (t) => t.apps[0].workloads.push({ name: 'app-config', image: 'nginx:1.27' })),
  },
  {
    name: 'a workload named like the exported Service id of another',
    construct: 'cluster-charts.ts: ExportedService id <name>-<short name>-export',
    thrown: CLASH,
    path: 'apps[0].workloads[1].name',
    topology: variant(GATEWAY, (t) => t.apps[0].workloads.push({ name: 'store-west-1-export', image: 'nginx:1.27', port: 80, clusters: ['gke-west-1'] })),
  },
  {
    name: "a workload named like another's gateway route id",
    construct: 'cluster-charts.ts: ExposedService id <name>-exposed',
    thrown: CLASH,
    path: 'apps[0].workloads[9].name',
    topology: variant(BANK, (t) => t.apps[0].workloads.push({ name: 'frontend-exposed', image: 'nginx:1.27', port: 80 })),
  },
  {
    name: "a workload named like another's route id",
    construct: 'cluster-charts.ts: IstioMeshRoute id <name>-route',
    thrown: CLASH,
    path: 'apps[0].workloads[3].name',
    topology: variant(ROUTES, (t) => t.apps[0].workloads.push({ name: 'reviews-route', image: 'nginx:1.27', port: 80 })),
  },
  {
    name: "a workload named like another's versions id",
    construct: 'cluster-charts.ts: WorkloadVersions id <name>-versions',
    thrown: CLASH,
    path: 'apps[0].workloads[3].name',
    topology: variant(ROUTES, (t) => t.apps[0].workloads.push({ name: 'reviews-versions', image: 'nginx:1.27', port: 80 })),
  },
  {
    name: "a workload named like a service entry's id",
    construct: 'cluster-charts.ts: AppServiceEntry id <name>-service-entry',
    thrown: CLASH,
    path: 'apps[0].serviceEntries[0].name',
    topology: variant(BANK, (t) => {
      t.apps[0].serviceEntries = [{ name: 'frontend', hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }] }];
      t.apps[0].workloads.push({ name: 'frontend-service-entry', image: 'nginx:1.27' });
    }),
  },
  {
    name: "a workload named like a VM workload's id",
    construct: 'cluster-charts.ts: VmWorkload id <name>-vm',
    thrown: CLASH,
    path: 'apps[0].vmWorkloads[0].name',
    topology: variant('istio-primary-remote', (t) => t.apps[0].workloads.push({ name: 'reviews-vm-vm', image: 'nginx:1.27', clusters: [t.clusters[0].name] })),
  },
  { name: 'two workloads of one name', construct: 'cluster-charts.ts: Workload id <name>', thrown: CLASH, path: 'apps[0].workloads[9].name', topology: variant(BANK, (t) => t.apps[0].workloads.push(copy(t.apps[0].workloads[0]))) },
  { name: 'two ServiceAccounts of one name', construct: 'app-config.ts: id ServiceAccount-<name>', thrown: CLASH, path: 'apps[0].serviceAccounts[1]', topology: variant(BANK, (t) => t.apps[0].serviceAccounts.push(t.apps[0].serviceAccounts[0])) },
  { name: 'two ConfigMaps of one name', construct: 'app-config.ts: id ConfigMap-<name>', thrown: CLASH, path: 'apps[0].configMaps[5].name', topology: variant(BANK, (t) => t.apps[0].configMaps.push(copy(t.apps[0].configMaps[0]))) },
  {
    name: 'two extra Services of one name',
    construct: 'workload.ts: id Service-<extra name>',
    thrown: CLASH,
    path: 'apps[0].workloads[3].extraServices[1].name',
    topology: variant('asm-onprem-vmware', (t) => t.apps[0].workloads[3].extraServices.push(copy(t.apps[0].workloads[3].extraServices[0]))),
  },
  // src/k8s/exported-service.ts checkLabel: the per-cluster Service name
  {
    name: 'an exported workload whose per-cluster Service name exceeds 63 characters',
    construct: 'exported-service.ts: name (RFC 1035 label of at most 63 characters)',
    thrown: /^ExportedService .*: name: got/,
    path: 'apps[0].workloads[0].name',
    topology: variant(GATEWAY, (t) => {
      const long = `s${'x'.repeat(57)}`;
      t.apps[0].workloads[0].name = long;
      t.gateways = [];
    }),
  },
  // src/k8s/versions.ts versionRoutes: weights summing to 100
  {
    name: 'version weights that do not sum to 100',
    construct: 'versions.ts: versionRoutes weights',
    thrown: /^traffic split of /,
    path: 'apps[0].workloads[1].versions',
    topology: variant('istio-traffic-shifting', (t) => {
      const w = t.apps[0].workloads.find((x: Draft) => x.versions !== undefined);
      w.versions[0].weight = 1;
      t.apps[0].workloads = [t.apps[0].workloads[0], w, ...t.apps[0].workloads.slice(1).filter((x: Draft) => x !== w)];
    }),
  },
  // src/terraform/gke-cluster.ts GkeCluster
  { name: 'a private cluster without masterCidr', construct: 'gke-cluster.ts: masterCidr required', thrown: /^GkeCluster .*masterCidr is required/, path: 'clusters[0].masterCidr', topology: variant(BANK, (t) => delete t.clusters[0].masterCidr) },
  {
    name: 'minNodes above maxNodes',
    construct: 'gke-cluster.ts: minNodes <= maxNodes',
    thrown: /^GkeCluster .*must not exceed maxNodes/,
    path: 'clusters[0].nodePool.minNodes',
    topology: variant(BANK, (t) => (t.clusters[0].nodePool = { minNodes: 5, maxNodes: 2, initialNodes: 2 })),
  },
  // Construct ids of the Terraform stacks
  { name: 'two clusters of one name', construct: 'clusters-stack.ts: GkeCluster id <name>', thrown: CLASH, path: 'clusters[1].name', topology: variant(BANK, (t) => (t.clusters[1].name = t.clusters[0].name)) },
  { name: 'two entries of one region', construct: 'network-stack.ts: RegionalNat id nat-<region>', thrown: CLASH, path: 'regions[2].name', topology: variant(BANK, (t) => t.regions.push(copy(t.regions[0]))) },
  {
    name: 'two subnets of one name in a region',
    construct: 'network-stack.ts: ComputeSubnetwork id subnet-<name>-<region>',
    thrown: CLASH,
    path: 'network.subnets[1].name',
    topology: variant(GATEWAY, (t) => {
      t.network = { name: 'vpc', subnets: [{ name: 's1', region: 'us-west1', cidr: '10.10.0.0/20' }, { name: 's1', region: 'us-west1', cidr: '10.11.0.0/20' }] };
      for (const cluster of t.clusters) cluster.subnet = 's1';
    }),
  },
  {
    name: 'two managed certificates of one name',
    construct: 'managed-ssl-certificates.ts: id <name>',
    thrown: CLASH,
    path: 'multiClusterIngress.managedCertificates[1].name',
    topology: variant('mci-host-rules-https', (t) => t.multiClusterIngress.managedCertificates.push(copy(t.multiClusterIngress.managedCertificates[0]))),
  },
];

/** The model of a topology without its rules: what synth would get if validate let it through. */
function unchecked(topology: Draft): ReturnType<typeof resolveTopology> {
  return resolveTopology(topology as TopologyInput);
}

const temp = new TempDirs();
afterAll(() => temp.cleanup());

describe('validate refuses every topology that a construct check would refuse at synth time', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const topology = c.topology();
    // (a) the loader reports it, with the field path
    const error = topologyError(() => validateTopology(copy(topology), 'test'));
    expect(error.problems.map((p) => p.path)).toContain(c.path);
    // (b) without the rules, synth reaches the construct check (c.construct) and throws
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-ves-'));
    try {
      await expect(synthesizeAll(unchecked(copy(topology)), out)).rejects.toThrow(c.thrown);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('meshfleet synth stops at the topology problem, never at a construct', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = temp.make();
    const file = writeFile(dir, 'topology.yaml', stringify(c.topology()));
    const out = path.join(dir, 'out');
    writeFile(out, 'keep.txt', 'not meshfleet output\n');
    const before = snapshot(out);
    const result = await run('synth', '--topology', file, '--out', out);
    expect(result.status).toBe(1);
    const printed = result.stderr.join('\n');
    expect(printed).toContain(`${c.path}: `);
    expect(printed).not.toMatch(CLASH);
    expect(printed).not.toMatch(c.thrown);
    expect(snapshot(out)).toEqual(before);
    // The same problems as the loader's (what validate prints).
    const error = topologyError(() => validateTopology(c.topology(), 'x'));
    expect(error).toBeInstanceOf(TopologyError);
    for (const p of error.problems) expect(printed).toContain(`${p.path}: ${p.message}`);
  });
});
