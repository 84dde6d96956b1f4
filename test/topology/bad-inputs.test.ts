/**
 * The bad-input corpus (issue 10 point 6): small topologies, each a valid example with one
 * mistake (or a broken file), with the field path and a fragment of the message the loader
 * reports. A few also go through the CLI: `meshfleet validate` exits 1 and `meshfleet synth`
 * leaves the output folder untouched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { parseTopologyText, validateTopology } from '../../src/load/load';
import { TopologyError } from '../../src/topology';
import { run, snapshot, TempDirs, writeFile } from '../cli/helpers';
import { Draft, topologyError } from './support';

jest.setTimeout(60_000);

const EXAMPLES = path.resolve(__dirname, '../../examples');
const text = (example: string): string => fs.readFileSync(path.join(EXAMPLES, `${example}.yaml`), 'utf8');

interface BadInput {
  readonly name: string;
  /** The file's text. */
  readonly text: () => string;
  readonly path: string;
  readonly fragment: string;
}

const BANK = 'private-asm-multicluster';
const GATEWAY = 'multicluster-gateway-blue-green';
const ROUTES = 'mesh-routes-istio';
const MCI = 'mci-host-rules-https';
const INTERNAL = 'internal-multicluster-gateway';

/** An example with one change, as YAML text. */
function mutated(example: string, change: (t: Draft) => void): () => string {
  return () => {
    const t = parse(text(example)) as Draft;
    change(t);
    return stringify(t);
  };
}

const bank = (name: string, change: (t: Draft) => void, at: string, fragment: string): BadInput => ({ name, text: mutated(BANK, change), path: at, fragment });
const gw = (name: string, change: (t: Draft) => void, at: string, fragment: string): BadInput => ({ name, text: mutated(GATEWAY, change), path: at, fragment });
const w0 = (t: Draft): Draft => t.apps[0].workloads[0];
const rule = (t: Draft): Draft => t.gateways[0].routes[0].rules[0];

const CORPUS: BadInput[] = [
  // The file itself
  { name: 'not YAML', text: () => 'name: [unclosed', path: 'line 1, column 16', fragment: 'found invalid YAML' },
  { name: 'tabs as indentation', text: () => '\t- a', path: 'line 1, column 1', fragment: 'Tabs are not allowed' },
  { name: 'a list, not a mapping', text: () => '- a\n- b\n', path: '(topology)', fragment: 'wrong type (found a list, expected a mapping)' },
  { name: 'an empty file', text: () => '', path: '(topology)', fragment: 'expected a mapping' },
  {
    name: 'a repeated key',
    text: () => text(BANK).replace('name: private-asm-multicluster\n', 'name: a\nname: b\n'),
    // The repeated name is the line after the example's own name line.
    path: `line ${text(BANK).split('\n').indexOf('name: private-asm-multicluster') + 2}, column 1`,
    fragment: 'Map keys must be unique',
  },
  { name: 'an alias before its anchor', text: () => 'name: *a\n', path: '(file)', fragment: 'Unresolved alias' },
  { name: 'JSON with an unclosed brace', text: () => '{"name": "a"', path: 'line 1, column 13', fragment: 'Flow map must end with a }' },
  // Structure
  bank('an unknown top-level key', (t) => (t.colour = 'blue'), 'colour', 'unknown key'),
  bank('a number for a zone', (t) => (t.clusters[0].zone = 12), 'clusters[0].zone', 'wrong type'),
  bank('no clusters', (t) => (t.clusters = []), 'clusters', 'too few entries'),
  bank('an unknown role', (t) => (t.clusters[2].role = 'boss'), 'clusters[2].role', 'not an allowed value'),
  bank('an upper-case cluster name', (t) => (t.clusters[0].name = 'GKE-West'), 'clusters[0].name', 'wrong format'),
  bank('a port out of range', (t) => (w0(t).port = 70000), 'apps[0].workloads[0].port', 'out of range'),
  bank('a missing project', (t) => delete t.project, 'project', 'required key is missing'),
  bank('a name with a newline', (t) => (t.name = 'bank\nof-anthos'), 'name', 'wrong format'),
  // CIDRs
  bank('a master range that is not a /28', (t) => (t.clusters[0].masterCidr = '172.16.0.0/24'), 'clusters[0].masterCidr', 'must be a /28'),
  bank('a public pod range', (t) => (t.clusters[0].podCidr = '8.0.0.0/14'), 'clusters[0].podCidr', 'the pod range is not private'),
  bank('a pod range of 0.0.0.0/0', (t) => (t.clusters[0].podCidr = '0.0.0.0/0'), 'clusters[0].podCidr', 'must be a /8 to /21'),
  bank('overlapping master ranges', (t) => (t.clusters[1].masterCidr = '172.16.0.0/28'), 'clusters[1].masterCidr', 'overlaps clusters[0].masterCidr'),
  bank('host bits set', (t) => (t.clusters[0].masterCidr = '172.16.0.1/28'), 'clusters[0].masterCidr', 'host bits are set'),
  bank('a wide operator range', (t) => (t.operatorCidrs = ['0.0.0.0/1']), 'operatorCidrs[0]', 'opens the control planes'),
  bank('a public proxy-only subnet', (t) => (t.regions[0].proxyOnlySubnet = '8.8.8.0/23'), 'regions[0].proxyOnlySubnet', 'is not private'),
  // Locations and project
  bank('a zone that does not exist', (t) => (t.clusters[0].zone = 'us-west2-z'), 'clusters[0].zone', 'not a Google Cloud zone'),
  bank('a region that does not exist', (t) => (t.regions[0].name = 'us-west9'), 'regions[0].name', 'not a Google Cloud region'),
  bank('a zone outside its region', (t) => (t.clusters[0].region = 'us-central1'), 'clusters[0].zone', "zone is outside the cluster's region"),
  bank('google in the project ID', (t) => (t.project.id = 'my-google-project'), 'project.id', 'cannot contain "google"'),
  bank('ssl in the project ID', (t) => (t.project.id = 'ssl-terminators'), 'project.id', 'cannot contain "ssl"'),
  bank('a project ID ending in -', (t) => (t.project.id = 'meshfleet-'), 'project.id', 'wrong format'),
  // Clusters, mesh, fleet
  bank('two clusters of one name', (t) => (t.clusters[1].name = 'gke-west-priv'), 'clusters[1].name', 'duplicate cluster name'),
  bank('a private cluster without a master range', (t) => delete t.clusters[1].masterCidr, 'clusters[1].masterCidr', 'a private cluster needs a control-plane range'),
  bank('minNodes above maxNodes', (t) => (t.clusters[0].nodePool.minNodes = 9), 'clusters[0].nodePool.minNodes', 'more than maxNodes'),
  bank('a config cluster that does not exist', (t) => (t.fleet.configCluster = 'nowhere'), 'fleet.configCluster', 'no cluster has this name'),
  bank('an in-cluster key on a fleet mesh', (t) => (t.mesh.revision = 'asm-1'), 'mesh.revision', 'a fleet-managed mesh chooses its own revision'),
  bank('two region entries', (t) => t.regions.push({ name: 'us-west2' }), 'regions[2].name', 'duplicate region'),
  // Apps
  bank('an image that is not an image reference', (t) => (w0(t).image = 'Front End:latest'), 'apps[0].workloads[0].image', 'not a container image reference'),
  bank('an image with an upper-case path', (t) => (w0(t).image = 'gcr.io/Bank/frontend:v1'), 'apps[0].workloads[0].image', 'not a container image reference'),
  bank('an app in kube-system', (t) => (t.apps[0].namespace = 'kube-system'), 'apps[0].namespace', 'a system namespace cannot hold an app'),
  bank('an app in istio-system', (t) => (t.apps[0].namespace = 'istio-system'), 'apps[0].namespace', 'a system namespace'),
  bank('an app namespace named kustomization', (t) => (t.apps[0].namespace = 'kustomization'), 'apps[0].namespace', 'would replace a file meshfleet writes'),
  bank('an app namespace named namespaces', (t) => (t.apps[0].namespace = 'namespaces'), 'apps[0].namespace', 'would replace a file meshfleet writes'),
  bank('two workloads of one name', (t) => t.apps[0].workloads.push({ name: 'frontend', image: 'nginx:1.27' }), 'apps[0].workloads[9].name', 'duplicate workload name'),
  bank(
    'a workload named like the gateway route of another',
    (t) => t.apps[0].workloads.push({ name: 'frontend-exposed', image: 'nginx:1.27' }),
    'apps[0].workloads[9].name',
    'construct id frontend-exposed',
  ),
  bank(
    'a workload named like the ingress gateway, in its namespace',
    (t) => ((t.mesh.ingressGateway.namespace = 'bank-of-anthos'), (t.mesh.ingressGateway.name = 'frontend')),
    'apps[0].workloads[0].name',
    'already taken by the shared ingress gateway',
  ),
  bank('an exposed host that is not a DNS name', (t) => (w0(t).expose = { hosts: ['bank_of_anthos.example.com'] }), 'apps[0].workloads[0].expose.hosts[0]', 'not a DNS host name'),
  bank(
    'a ConfigMap reference to nothing',
    (t) => (w0(t).envFrom = [{ configMap: 'missing' }]),
    'apps[0].workloads[0].envFrom[0].configMap',
    'the app defines no ConfigMap with this name',
  ),
  bank(
    'a canary without a mesh version',
    (t) => (w0(t).canary = { version: 'v2', weight: 10 }),
    'apps[0].workloads[0].version',
    'a workload with a canary needs the version label',
  ),
  bank(
    'version weights not summing to 100',
    (t) =>
      (w0(t).versions = [
        { name: 'v1', weight: 50 },
        { name: 'v2', weight: 40 },
      ]),
    'apps[0].workloads[0].versions',
    'the weights do not sum to 100',
  ),
  bank('a pod annotation key with a space', (t) => (w0(t).podAnnotations = { 'my annotation': 'x' }), 'apps[0].workloads[0].podAnnotations', 'invalid key'),
  bank(
    'a probe header name with a colon',
    (t) => (w0(t).readinessProbe = { httpPath: '/ready', httpHeaders: [{ name: 'X-A:', value: 'b' }] }),
    'apps[0].workloads[0].readinessProbe.httpHeaders[0].name',
    'wrong format',
  ),
  bank(
    'a ServiceEntry port name with a newline',
    (t) => (t.apps[0].serviceEntries = [{ name: 'api', hosts: ['api.example.com'], ports: [{ number: 443, name: 'https\nx', protocol: 'HTTPS' }] }]),
    'apps[0].serviceEntries[0].ports[0].name',
    'wrong format',
  ),
  bank('a workload on a config cluster', (t) => (w0(t).clusters = ['gke-ingress']), 'apps[0].workloads[0].clusters[0]', 'not a workload cluster'),
  // Mesh routes
  {
    name: 'a route to a port the Service does not expose',
    text: mutated(ROUTES, (t) => (t.apps[0].routes[0].rules[0].backends = [{ version: 'v2', port: 9999 }])),
    path: 'apps[0].routes[0].rules[0].backends[0].port',
    fragment: 'has no such port',
  },
  {
    name: 'a route to a version that does not exist',
    text: mutated(ROUTES, (t) => (t.apps[0].routes[0].rules[0].backends = [{ version: 'v9' }])),
    path: 'apps[0].routes[0].rules[0].backends[0].version',
    fragment: 'has no such version',
  },
  {
    name: 'a redirect to a host that is not a DNS name',
    text: mutated(ROUTES, (t) => (t.apps[0].routes[0].rules[0] = { redirect: { hostname: 'a..b' } })),
    path: 'apps[0].routes[0].rules[0].redirect.hostname',
    fragment: 'not a DNS host name',
  },
  // Multi-cluster gateway
  gw(
    'a single-cluster className without a cluster',
    (t) => (t.gateways[0].className = 'gke-l7-global-external-managed'),
    'gateways[0].cluster',
    'is a single-cluster GatewayClass',
  ),
  gw('a className with a newline', (t) => (t.gateways[0].className = 'gke-l7-gxlb-mc\n'), 'gateways[0].className', 'not a GKE GatewayClass'),
  gw('a route hostname that is an IP address', (t) => (t.gateways[0].routes[0].hostnames = ['192.0.2.1']), 'gateways[0].routes[0].hostnames[0]', 'not a DNS host name'),
  gw('a backend port the ServiceImport does not expose', (t) => (rule(t).port = 80), 'gateways[0].routes[0].rules[0].port', 'does not expose this port'),
  gw('a backend that is not exported', (t) => (rule(t).backend = 'store-east-9'), 'gateways[0].routes[0].rules[0].backend', 'no exported service has this name'),
  gw(
    'two routes of one name',
    (t) => t.gateways[0].routes.push({ name: 'public-store-route', rules: [{ backend: 'store', port: 8080 }] }),
    'gateways[0].routes[1].name',
    'duplicate HTTPRoute name',
  ),
  gw('two gateways of one name', (t) => t.gateways.push({ name: 'external-http', namespace: 'store', className: 'gke-l7-gxlb-mc' }), 'gateways[1].name', 'duplicate gateway'),
  gw('a path prefix with //', (t) => (rule(t).matches = [{ path: { value: '/a//b' } }]), 'gateways[0].routes[0].rules[0].matches[0].path.value', 'not a normalized path'),
  {
    name: 'two gateway addresses in one region',
    text: mutated(INTERNAL, (t) => t.gateways[0].addresses.push({ region: t.gateways[0].addresses[0].region })),
    path: 'gateways[0].addresses[2].region',
    fragment: 'duplicate address region',
  },
  // Multi-cluster ingress
  {
    name: 'an MCI path to a port the service does not expose',
    text: mutated(MCI, (t) => (t.multiClusterIngress.rules[0].paths[0].port = 9999)),
    path: 'multiClusterIngress.rules[0].paths[0].port',
    fragment: 'does not expose this port',
  },
  {
    name: 'two managed certificates of one name',
    text: mutated(MCI, (t) => t.multiClusterIngress.managedCertificates.push({ name: 'whereami-cert', domains: ['x.example.com'] })),
    path: 'multiClusterIngress.managedCertificates[1].name',
    fragment: 'duplicate certificate name',
  },
];

/** The loader's problems for a file's text (what `meshfleet validate` reports). */
function problemsOfText(source: string): TopologyError {
  return topologyError(() => validateTopology(parseTopologyText(source, 'bad.yaml'), 'bad.yaml'));
}

test('the corpus has 50+ cases and every one starts from a valid file', () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(50);
  for (const example of [BANK, GATEWAY, ROUTES, MCI, INTERNAL]) expect(() => validateTopology(parseTopologyText(text(example), example), example)).not.toThrow();
});

test.each(CORPUS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const error = problemsOfText(c.text());
  const match = error.problems.find((p) => p.path === c.path);
  expect({ paths: error.problems.map((p) => p.path), message: match?.message }).toEqual({ paths: expect.arrayContaining([c.path]), message: expect.stringContaining(c.fragment) });
  // Every problem has a field path (or a file position) and says what was found.
  for (const p of error.problems) {
    expect(p.path).not.toBe('');
    expect(p.message).toMatch(/found /);
  }
});

describe('the CLI on bad input', () => {
  const temp = new TempDirs();
  afterAll(() => temp.cleanup());
  const sample = CORPUS.filter((_, i) => i % 10 === 3);

  test.each(sample.map((c) => [c.name, c] as const))('%s: validate exits 1, synth leaves the output folder untouched', async (_name, c) => {
    const dir = temp.make();
    const file = writeFile(dir, 'bad.yaml', c.text());
    const validate = await run('validate', '--topology', file);
    expect(validate.status).toBe(1);
    expect(validate.stderr.join('\n')).toContain(`${c.path}: `);

    const out = path.join(dir, 'dist');
    writeFile(out, 'k8s/old/namespaces.yaml', 'kind: Namespace\n');
    const before = snapshot(out);
    const synth = await run('synth', '--topology', file, '--out', out);
    expect(synth.status).toBe(1);
    expect(snapshot(out)).toEqual(before);
  });
});
