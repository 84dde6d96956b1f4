import { validateTopology } from '../../src/load/load';
import { TOPOLOGY_SCHEMA } from '../../src/topology';
import { checkStructure, toFieldPath } from '../../src/topology/rules/structure';
import { Draft, expectOnlyProblem, gke, problemsOf } from './support';

/** A minimal structurally and semantically valid topology. */
function minimal(): Draft {
  return {
    name: 'structure-base',
    project: { id: 'meshfleet-test' },
    clusters: [{ name: 'gke-a', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' }],
  };
}

function variant(change: (t: Draft) => void): Draft {
  const t = minimal();
  change(t);
  return t;
}

const TOP_LEVEL_KEYS = 'name, project, network, regions, operatorCidrs, clusters, mesh, multiClusterIngress, apps, fleet, gateways, terraform, gitops';
const CLUSTER_KEYS =
  'name, platform, meshNetwork, kubernetesVersion, zone, region, role, private, masterCidr, podCidr, subnet, nodePool, gatewayApi, shortName, fleet, releaseChannel, labels, deletionProtection, dataplaneV2, authorizedNetworks, vulnerabilityScanning, extraObjects, patches';
const MESH_KEYS =
  'management, revision, version, ingressGateway, egressGateway, distribution, meshId, model, primary, primaryAddress, clusterAdmin, outboundTrafficPolicy, routing, mtls, allowLoadBalancerPlaintext, eastWestLoadBalancer, defaultDeny';

test('the minimal topology is valid', () => {
  expect(checkStructure(minimal())).toEqual([]);
  expect(validateTopology(minimal(), 'test').clusters.map((c) => c.name)).toEqual(['gke-a']);
});

describe('unknown keys', () => {
  test('at top level, listing the allowed keys', () => {
    expectOnlyProblem(
      variant((t) => (t.clustres = [])),
      'clustres',
      `unknown key (found "clustres", expected one of ${TOP_LEVEL_KEYS})`,
    );
  });

  test('in a cluster, listing the allowed keys', () => {
    expectOnlyProblem(
      variant((t) => (t.clusters[0].zones = ['us-west2-a'])),
      'clusters[0].zones',
      `unknown key (found "zones", expected one of ${CLUSTER_KEYS})`,
    );
  });

  test('nested two levels deep', () => {
    expectOnlyProblem(
      variant((t) => (t.clusters[0].nodePool = { machineType: 'e2-standard-4', diskSize: 100 })),
      'clusters[0].nodePool.diskSize',
      'unknown key (found "diskSize", expected one of machineType, minNodes, maxNodes, initialNodes)',
    );
  });

  test('in regions[].nat', () => {
    expectOnlyProblem(
      variant((t) => (t.regions = [{ name: 'us-west2', nat: { enable: true } }])),
      'regions[0].nat.enable',
      'unknown key (found "enable", expected one of enabled, logFilter, addressName, routerName, natName)',
    );
  });

  test('in terraform.backend', () => {
    expectOnlyProblem(
      variant((t) => (t.terraform = { backend: { type: 'local', path: 'state' } })),
      'terraform.backend.path',
      'unknown key (found "path", expected one of type, bucket, prefix)',
    );
  });

  test('in gateways[].addresses[]', () => {
    expectOnlyProblem(
      variant((t) => (t.gateways = [{ name: 'gw', namespace: 'store', className: 'gke-l7-rilb-mc', addresses: [{ region: 'us-west2', ip: '10.0.0.1' }] }])),
      'gateways[0].addresses[0].ip',
      'unknown key (found "ip", expected one of region, staticAddress)',
    );
  });
});

describe('top-level numeric keys', () => {
  // Fixed bug: a numeric key at the top level used to be shown as "[0]".
  test.each(['0', '12'])('an unknown top-level key %j is named as is', (key) => {
    expectOnlyProblem(
      variant((t) => (t[key] = 'x')),
      key,
      `unknown key (found "${key}", expected one of ${TOP_LEVEL_KEYS})`,
    );
  });
});

describe('wrong types', () => {
  test('a string for a boolean', () => {
    expectOnlyProblem(
      variant((t) => (t.clusters[0].private = 'yes')),
      'clusters[0].private',
      'wrong type (found "yes", expected a boolean)',
    );
  });

  test('a string for an integer', () => {
    expectOnlyProblem(
      variant((t) => (t.clusters[0].nodePool = { minNodes: '3' })),
      'clusters[0].nodePool.minNodes',
      'wrong type (found "3", expected an integer)',
    );
  });

  test('a fraction for an integer', () => {
    expectOnlyProblem(
      variant((t) => (t.clusters[0].nodePool = { maxNodes: 4.5 })),
      'clusters[0].nodePool.maxNodes',
      'wrong type (found 4.5, expected an integer)',
    );
  });

  test('a mapping for a list', () => {
    expectOnlyProblem(
      variant((t) => (t.clusters = { 'gke-a': { zone: 'us-west2-a' } })),
      'clusters',
      'wrong type (found a mapping, expected a list)',
    );
  });

  test('a list for a mapping', () => {
    expectOnlyProblem(
      variant((t) => (t.project = ['meshfleet-test'])),
      'project',
      'wrong type (found a list, expected a mapping)',
    );
  });

  test('a number for a string names the expected format', () => {
    expectOnlyProblem(
      variant((t) => (t.project.number = 123456789012)),
      'project.number',
      'wrong type (found 123456789012, expected a project number (digits, quoted))',
    );
  });

  test('null for a mapping', () => {
    expectOnlyProblem(
      variant((t) => (t.mesh = null)),
      'mesh',
      'wrong type (found null, expected a mapping)',
    );
  });

  test.each([
    ['null', null, 'null'],
    ['a list', [], 'a list'],
    ['a string', 'clusters: []', '"clusters: []"'],
    ['a number', 42, '42'],
  ])('a whole topology that is %s is reported at (topology)', (_what, input, found) => {
    expectOnlyProblem(input, '(topology)', `wrong type (found ${found}, expected a mapping)`);
  });
});

describe('enums', () => {
  test.each([
    ['clusters[0].role', (t: Draft) => (t.clusters[0].role = 'admin'), '"admin"', 'one of "workload", "config"'],
    ['clusters[0].gatewayApi', (t: Draft) => (t.clusters[0].gatewayApi = 'beta'), '"beta"', 'one of "auto", "standard", "experimental", "disabled"'],
    ['clusters[0].releaseChannel', (t: Draft) => (t.clusters[0].releaseChannel = 'regular'), '"regular"', 'one of "RAPID", "REGULAR", "STABLE", "UNSPECIFIED"'],
    ['mesh.management', (t: Draft) => (t.mesh = { management: 'managed' }), '"managed"', 'one of "fleet", "in-cluster"'],
    ['terraform.backend.type', (t: Draft) => (t.terraform = { backend: { type: 's3' } }), '"s3"', 'one of "local", "gcs"'],
    ['regions[0].nat.logFilter', (t: Draft) => (t.regions = [{ name: 'us-west2', nat: { logFilter: 'NONE' } }]), '"NONE"', 'one of "ALL", "ERRORS_ONLY", "TRANSLATIONS_ONLY"'],
    ['clusters[0].role', (t: Draft) => (t.clusters[0].role = true), 'true', 'one of "workload", "config"'],
  ])('%s: value not allowed', (path, change, found, expected) => {
    expectOnlyProblem(variant(change), path, `not an allowed value (found ${found}, expected ${expected})`);
  });
});

describe('formats', () => {
  test('wrong zone format', () => {
    expectOnlyProblem(
      variant((t) => (t.clusters[0].zone = 'us-west2')),
      'clusters[0].zone',
      'wrong format (found "us-west2", expected a zone such as us-west2-a)',
    );
  });

  test('invalid label key', () => {
    expectOnlyProblem(
      variant((t) => (t.clusters[0].labels = { Team: 'payments' })),
      'clusters[0].labels',
      'invalid key (found "Team", expected a lower-case key of at most 63 characters)',
    );
  });

  test('invalid label key is reported once, without a second pattern problem', () => {
    expect(problemsOf(variant((t) => (t.clusters[0].labels = { team: 'payments', '9lives': 'x' })))).toEqual([
      { path: 'clusters[0].labels', message: 'invalid key (found "9lives", expected a lower-case key of at most 63 characters)' },
    ]);
  });

  test('valid labels are accepted and copied', () => {
    const model = validateTopology(
      variant((t) => (t.clusters[0].labels = { team: 'payments', cost_center: 'cc-42', empty: '' })),
      'test',
    );
    expect(gke(model.clusters[0]).labels).toEqual({ team: 'payments', cost_center: 'cc-42', empty: '' });
  });
});

describe('required keys and list sizes', () => {
  // The zone is optional in the schema (external clusters have none); a rule asks GKE clusters for it.
  test('missing clusters[0].zone is not a structural problem but a rule', () => {
    expect(checkStructure(variant((t) => delete t.clusters[0].zone))).toEqual([]);
    expectOnlyProblem(
      variant((t) => delete t.clusters[0].zone),
      'clusters[0].zone',
      'a GKE cluster needs a zone (found nothing, expected a zone such as us-west2-a, or platform: external for an existing cluster)',
    );
  });

  test.each([
    ['name', (t: Draft) => delete t.name, 'a lower-case RFC 1035 name'],
    ['project', (t: Draft) => delete t.project, 'a mapping'],
    ['project.id', (t: Draft) => (t.project = {}), 'a project ID'],
    ['clusters', (t: Draft) => delete t.clusters, 'a list'],
    ['clusters[0].name', (t: Draft) => delete t.clusters[0].name, 'a cluster name (at most 40 characters)'],
    ['mesh.management', (t: Draft) => (t.mesh = {}), 'one of "fleet", "in-cluster"'],
    ['regions[0].name', (t: Draft) => (t.regions = [{ proxyOnlySubnet: '10.129.0.0/23' }]), 'a region such as us-west1'],
    ['network.subnets[0].cidr', (t: Draft) => (t.network = { subnets: [{ name: 's', region: 'us-west2' }] }), 'an IPv4 CIDR such as 10.0.0.0/8'],
  ])('missing %s', (path, change, expected) => {
    expectOnlyProblem(variant(change), path, `required key is missing (found nothing, expected ${expected})`);
  });

  test('a gateway without its required keys reports each of them', () => {
    expect(problemsOf(variant((t) => (t.gateways = [{ name: 'gw' }])))).toEqual([
      { path: 'gateways[0].namespace', message: 'required key is missing (found nothing, expected a lower-case RFC 1035 name)' },
      { path: 'gateways[0].className', message: 'required key is missing (found nothing, expected a string)' },
    ]);
  });

  test('empty clusters list', () => {
    expectOnlyProblem(
      variant((t) => (t.clusters = [])),
      'clusters',
      'too few entries (found 0, expected at least 1)',
    );
  });

  test('an empty class name (empty addresses are allowed: they are optional)', () => {
    expect(problemsOf(variant((t) => (t.gateways = [{ name: 'gw', namespace: 'store', className: '', addresses: [] }])))).toEqual([
      { path: 'gateways[0].className', message: 'empty value (found "", expected a non-empty string)' },
    ]);
  });
});

describe('many bad values, one problem each', () => {
  const cases: Array<[string, (t: Draft) => void, string]> = [
    ['name', (t) => (t.name = 'My Topology'), 'wrong format (found "My Topology", expected a lower-case RFC 1035 name)'],
    ['name', (t) => (t.name = 'ends-with-dash-'), 'wrong format (found "ends-with-dash-", expected a lower-case RFC 1035 name)'],
    ['name', (t) => (t.name = ''), 'wrong format (found "", expected a lower-case RFC 1035 name)'],
    ['project.id', (t) => (t.project.id = 'abc'), 'wrong format (found "abc", expected a project ID)'],
    ['project.id', (t) => (t.project.id = 'Meshfleet-test'), 'wrong format (found "Meshfleet-test", expected a project ID)'],
    ['project.number', (t) => (t.project.number = '12ab56789'), 'wrong format (found "12ab56789", expected a project number (digits, quoted))'],
    ['clusters[0].name', (t) => (t.clusters[0].name = 'Gke-A'), 'wrong format (found "Gke-A", expected a cluster name (at most 40 characters))'],
    ['clusters[0].name', (t) => (t.clusters[0].name = 'a'.repeat(41)), `wrong format (found "${'a'.repeat(41)}", expected a cluster name (at most 40 characters))`],
    ['clusters[0].name', (t) => (t.clusters[0].name = 7), 'wrong type (found 7, expected a cluster name (at most 40 characters))'],
    ['clusters[0].zone', (t) => (t.clusters[0].zone = 'US-WEST2-A'), 'wrong format (found "US-WEST2-A", expected a zone such as us-west2-a)'],
    ['clusters[0].zone', (t) => (t.clusters[0].zone = 'us-west2-ab'), 'wrong format (found "us-west2-ab", expected a zone such as us-west2-a)'],
    ['clusters[0].zone', (t) => (t.clusters[0].zone = 'uswest2-a'), 'wrong format (found "uswest2-a", expected a zone such as us-west2-a)'],
    ['clusters[0].zone', (t) => (t.clusters[0].zone = ' us-west2-a'), 'wrong format (found " us-west2-a", expected a zone such as us-west2-a)'],
    ['clusters[0].region', (t) => (t.clusters[0].region = 'us-west'), 'wrong format (found "us-west", expected a region such as us-west1)'],
    ['clusters[0].region', (t) => (t.clusters[0].region = 'us-west2-a'), 'wrong format (found "us-west2-a", expected a region such as us-west1)'],
    ['clusters[0].masterCidr', (t) => (t.clusters[0].masterCidr = '172.16.0.0'), 'wrong format (found "172.16.0.0", expected an IPv4 CIDR such as 10.0.0.0/8)'],
    ['clusters[0].masterCidr', (t) => (t.clusters[0].masterCidr = '172.16.0.0/33'), 'wrong format (found "172.16.0.0/33", expected an IPv4 CIDR such as 10.0.0.0/8)'],
    ['clusters[0].masterCidr', (t) => (t.clusters[0].masterCidr = '172.16.0/28'), 'wrong format (found "172.16.0/28", expected an IPv4 CIDR such as 10.0.0.0/8)'],
    ['clusters[0].masterCidr', (t) => (t.clusters[0].masterCidr = '1720.16.0.0/28'), 'wrong format (found "1720.16.0.0/28", expected an IPv4 CIDR such as 10.0.0.0/8)'],
    ['clusters[0].masterCidr', (t) => (t.clusters[0].masterCidr = '::1/128'), 'wrong format (found "::1/128", expected an IPv4 CIDR such as 10.0.0.0/8)'],
    ['clusters[0].podCidr', (t) => (t.clusters[0].podCidr = '10.0.0.0/8 '), 'wrong format (found "10.0.0.0/8 ", expected an IPv4 CIDR such as 10.0.0.0/8)'],
    ['operatorCidrs[0]', (t) => (t.operatorCidrs = ['203.0.113.10']), 'wrong format (found "203.0.113.10", expected an IPv4 CIDR such as 10.0.0.0/8)'],
    ['operatorCidrs', (t) => (t.operatorCidrs = '203.0.113.10/32'), 'wrong type (found "203.0.113.10/32", expected a list)'],
    ['clusters[0].subnet', (t) => (t.clusters[0].subnet = 'Sub_net'), 'wrong format (found "Sub_net", expected a lower-case RFC 1035 name)'],
    [
      'clusters[0].nodePool.machineType',
      (t) => (t.clusters[0].nodePool = { machineType: 'E2 standard' }),
      'wrong format (found "E2 standard", expected a machine type such as e2-standard-4)',
    ],
    ['clusters[0].nodePool.minNodes', (t) => (t.clusters[0].nodePool = { minNodes: -1 }), 'out of range (found -1, expected at least 0)'],
    ['clusters[0].nodePool.maxNodes', (t) => (t.clusters[0].nodePool = { maxNodes: 0 }), 'out of range (found 0, expected at least 1)'],
    ['clusters[0].nodePool.maxNodes', (t) => (t.clusters[0].nodePool = { maxNodes: 1001 }), 'out of range (found 1001, expected at most 1000)'],
    ['clusters[0].nodePool.initialNodes', (t) => (t.clusters[0].nodePool = { initialNodes: -2 }), 'out of range (found -2, expected at least 0)'],
    ['clusters[0].nodePool.minNodes', (t) => (t.clusters[0].nodePool = { minNodes: true }), 'wrong type (found true, expected an integer)'],
    ['clusters[0].fleet', (t) => (t.clusters[0].fleet = 'true'), 'wrong type (found "true", expected a boolean)'],
    ['clusters[0].deletionProtection', (t) => (t.clusters[0].deletionProtection = 0), 'wrong type (found 0, expected a boolean)'],
    ['clusters[0].labels', (t) => (t.clusters[0].labels = ['team']), 'wrong type (found a list, expected a mapping)'],
    ['clusters[0].labels.team', (t) => (t.clusters[0].labels = { team: 'Payments' }), 'wrong format (found "Payments", expected a GCP label value)'],
    ['clusters[0].labels.team', (t) => (t.clusters[0].labels = { team: 42 }), 'wrong type (found 42, expected a GCP label value)'],
    ['clusters[0]', (t) => (t.clusters[0] = 'gke-a'), 'wrong type (found "gke-a", expected a mapping)'],
    ['mesh.version', (t) => (t.mesh = { management: 'in-cluster', version: 'v1.8' }), 'wrong format (found "v1.8", expected a version such as 1.8.6)'],
    ['mesh.revision', (t) => (t.mesh = { management: 'in-cluster', revision: 'ASM_186' }), 'wrong format (found "ASM_186", expected a lower-case RFC 1035 name)'],
    ['fleet.multiClusterServices', (t) => (t.fleet = { multiClusterServices: 'yes' }), 'wrong type (found "yes", expected a boolean)'],
    ['fleet.configCluster', (t) => (t.fleet = { configCluster: 'Gke-A' }), 'wrong format (found "Gke-A", expected a lower-case RFC 1035 name)'],
    ['regions[0].nat.enabled', (t) => (t.regions = [{ name: 'us-west2', nat: { enabled: 'no' } }]), 'wrong type (found "no", expected a boolean)'],
    [
      'regions[0].proxyOnlySubnet',
      (t) => (t.regions = [{ name: 'us-west2', proxyOnlySubnet: '10.129.0.0/' }]),
      'wrong format (found "10.129.0.0/", expected an IPv4 CIDR such as 10.0.0.0/8)',
    ],
    ['network.name', (t) => (t.network = { name: 'My VPC' }), 'wrong format (found "My VPC", expected a lower-case RFC 1035 name)'],
    ['network.subnets', (t) => (t.network = { subnets: {} }), 'wrong type (found a mapping, expected a list)'],
    ['terraform.backend.bucket', (t) => (t.terraform = { backend: { type: 'gcs', bucket: 'B' } }), 'wrong format (found "B", expected a bucket name)'],
    ['terraform.backend.prefix', (t) => (t.terraform = { backend: { type: 'gcs', bucket: 'tf-state', prefix: 'a b' } }), 'wrong format (found "a b", expected an object prefix)'],
    [
      'gateways[0].addresses[0].region',
      (t) => (t.gateways = [{ name: 'gw', namespace: 'store', className: 'gke-l7-rilb-mc', addresses: [{ region: 'us-west2-a' }] }]),
      'wrong format (found "us-west2-a", expected a region such as us-west1)',
    ],
  ];

  test.each(cases)('%s ← bad value #%#', (path, change, message) => {
    expectOnlyProblem(variant(change), path, message);
  });

  test('the table covers many distinct paths', () => {
    expect(new Set(cases.map(([path]) => path)).size).toBeGreaterThanOrEqual(30);
  });
});

describe('Kubernetes-side sections', () => {
  const workload = (extra: Draft = {}): Draft => ({ name: 'web', image: 'nginx:1.27', port: 8080, ...extra });
  const app = (extra: Draft = {}): Draft[] => [{ namespace: 'web', workloads: [workload(extra)] }];
  const gateway = (extra: Draft = {}): Draft[] => [{ name: 'gw', namespace: 'web', className: 'gke-l7-rilb-mc', addresses: [{ region: 'us-west2' }], ...extra }];

  test.each<[string, (t: Draft) => void, string]>([
    [
      'apps[0].workloads[0].replica',
      (t) => (t.apps = app({ replica: 2 })),
      'name, kind, image, port, servicePort, portName, extraPorts, serviceType, extraServices, containerName, replicas, args, env, envFrom, volumes, volumeMounts, volumeClaimTemplates, podManagementPolicy, updateStrategy, persistentVolumeClaimRetentionPolicy, initContainers, nativeSidecar, probe, readinessProbe, livenessProbe, startupProbe, resources, securityContext, podSecurityContext, serviceAccountName, podAnnotations, terminationGracePeriodSeconds, clusters, version, canary, versions, selectorIncludesVersion, virtualServiceName, destinationRuleName, trafficPolicy, sidecar, expose, export',
    ],
    ['apps[0].workloads[0].canary.replicas', (t) => (t.apps = app({ canary: { version: 'v2', weight: 1, replicas: 1 } })), 'version, weight, image, env'],
    ['mesh.ingressGateway.replicas', (t) => (t.mesh = { management: 'fleet', ingressGateway: { replicas: 1 } }), 'name, namespace, labels, https, serviceType'],
    [
      'multiClusterIngress.ports',
      (t) => (t.multiClusterIngress = { ports: 1 }),
      'name, namespace, serviceName, port, backendConfigName, healthCheck, services, backendConfigs, rules, defaultBackend, staticIp, staticAddressName, preSharedCerts, managedCertificates',
    ],
    [
      'gateways[0].listener',
      (t) => (t.gateways = gateway({ listener: 1 })),
      'name, namespace, className, cluster, addresses, staticAddressName, port, listeners, certificateMap, routes, healthChecks, backendPolicies, gatewayPolicy',
    ],
    [
      'gateways[0].routes[0].rules[0].path',
      (t) => (t.gateways = gateway({ routes: [{ name: 'r', hostnames: ['h'], rules: [{ backend: 'web', port: 80, path: '/' }] }] })),
      'pathPrefix, matches, backend, port, backends, mirror, filters, timeouts',
    ],
  ])('unknown key %s lists the allowed keys', (path, change, allowed) => {
    const key = path.split('.').pop();
    expectOnlyProblem(variant(change), path, `unknown key (found "${key}", expected one of ${allowed})`);
  });

  test.each<[string, (t: Draft) => void, string]>([
    ['clusters[0].shortName', (t) => (t.clusters[0].shortName = 'West'), 'wrong format (found "West", expected a lower-case RFC 1035 name)'],
    ['apps[0].workloads', (t) => (t.apps = [{ namespace: 'web', workloads: [] }]), 'too few entries (found 0, expected at least 1)'],
    ['apps[0].workloads[0].kind', (t) => (t.apps = app({ kind: 'DaemonSet' })), 'not an allowed value (found "DaemonSet", expected one of "Deployment", "StatefulSet")'],
    ['apps[0].workloads[0].port', (t) => (t.apps = app({ port: 0 })), 'out of range (found 0, expected at least 1)'],
    ['apps[0].workloads[0].servicePort', (t) => (t.apps = app({ servicePort: 65536 })), 'out of range (found 65536, expected at most 65535)'],
    ['apps[0].workloads[0].image', (t) => (t.apps = app({ image: '' })), 'empty value (found "", expected a non-empty string)'],
    [
      'apps[0].workloads[0].portName',
      (t) => (t.apps = app({ portName: 'http-much-too-long' })),
      'wrong format (found "http-much-too-long", expected a port name of at most 15 characters (a-z, 0-9 and single -))',
    ],
    ['apps[0].workloads[0].canary.weight', (t) => (t.apps = app({ canary: { version: 'v2', weight: 101 } })), 'out of range (found 101, expected at most 100)'],
    ['apps[0].workloads[0].canary.weight', (t) => (t.apps = app({ canary: { version: 'v2' } })), 'required key is missing (found nothing, expected an integer)'],
    ['apps[0].workloads[0].expose.hosts', (t) => (t.apps = app({ expose: { hosts: [] } })), 'too few entries (found 0, expected at least 1)'],
    [
      'apps[0].workloads[0].resources.requests.cpu',
      (t) => (t.apps = app({ resources: { requests: { cpu: '1 core' } } })),
      'wrong format (found "1 core", expected a Kubernetes quantity such as 100m or 64Mi)',
    ],
    [
      'multiClusterIngress.healthCheck.path',
      (t) => (t.multiClusterIngress = { healthCheck: { port: 15021, path: 'healthz' } }),
      'wrong format (found "healthz", expected a path starting with /)',
    ],
    ['gateways[0].routes[0].rules', (t) => (t.gateways = gateway({ routes: [{ name: 'r', hostnames: ['h'], rules: [] }] })), 'too few entries (found 0, expected at least 1)'],
    ['gateways[0].port', (t) => (t.gateways = gateway({ port: '80' })), 'wrong type (found "80", expected an integer)'],
  ])('%s ← bad value #%#', (path, change, message) => {
    expectOnlyProblem(variant(change), path, message);
  });

  test('a workload without its required keys reports each of them (port is optional: no port, no Service)', () => {
    expect(problemsOf(variant((t) => (t.apps = [{ namespace: 'web', workloads: [{}] }])))).toEqual([
      { path: 'apps[0].workloads[0].name', message: 'required key is missing (found nothing, expected a lower-case RFC 1035 name)' },
      { path: 'apps[0].workloads[0].image', message: 'required key is missing (found nothing, expected a string)' },
    ]);
  });
});

describe('external clusters, in-cluster mesh settings and VM workloads', () => {
  const vm = (extra: Draft = {}): Draft => ({ name: 'reviews', ports: [{ name: 'http', port: 9080 }], ...extra });
  const withVm =
    (extra: Draft = {}) =>
    (t: Draft): void => {
      t.mesh = { management: 'in-cluster', meshId: 'mesh1' };
      t.apps = [{ namespace: 'legacy', vmWorkloads: [vm(extra)] }];
    };
  const inCluster =
    (extra: Draft) =>
    (t: Draft): void => {
      t.mesh = { management: 'in-cluster', meshId: 'mesh1', ...extra };
    };

  test('every new key, at its most complete, is structurally valid', () => {
    const t = minimal();
    t.project.number = '123456789012';
    t.clusters.push({ name: 'onprem', platform: 'external', meshNetwork: 'onprem-net' });
    t.clusters[0].platform = 'gke';
    t.clusters[0].meshNetwork = 'network1';
    t.mesh = {
      management: 'in-cluster',
      distribution: 'asm',
      meshId: 'proj-123456789012',
      model: 'primary-remote',
      primary: 'gke-a',
      primaryAddress: 'istiod.example.com',
      clusterAdmin: 'admin@example.com',
    };
    t.apps = [
      {
        namespace: 'legacy',
        vmWorkloads: [
          vm({ labels: { app: 'reviews', version: 'v3' }, serviceAccount: 'reviews', network: 'vm-net', probe: { port: 9080, httpPath: '/health' }, cluster: 'gke-a' }),
        ],
      },
    ];
    expect(checkStructure(t)).toEqual([]);
  });

  test.each<[string, (t: Draft) => void, string, string]>([
    ['clusters[0].platform', (t) => (t.clusters[0].platform = 'onprem'), '"onprem"', 'one of "gke", "external"'],
    ['clusters[0].platform', (t) => (t.clusters[0].platform = 'GKE'), '"GKE"', 'one of "gke", "external"'],
    ['mesh.distribution', inCluster({ distribution: 'anthos' }), '"anthos"', 'one of "asm", "istio"'],
    ['mesh.model', inCluster({ model: 'primary-primary' }), '"primary-primary"', 'one of "multi-primary", "primary-remote"'],
  ])('%s: value not allowed #%#', (path, change, found, expected) => {
    expectOnlyProblem(variant(change), path, `not an allowed value (found ${found}, expected ${expected})`);
  });

  test.each<[string, (t: Draft) => void, string]>([
    ['clusters[0].meshNetwork', (t) => (t.clusters[0].meshNetwork = 'network 1'), 'wrong format (found "network 1", expected a non-empty Kubernetes label value)'],
    ['clusters[0].meshNetwork', (t) => (t.clusters[0].meshNetwork = ''), 'wrong format (found "", expected a non-empty Kubernetes label value)'],
    ['clusters[0].meshNetwork', (t) => (t.clusters[0].meshNetwork = '-net'), 'wrong format (found "-net", expected a non-empty Kubernetes label value)'],
    ['clusters[0].meshNetwork', (t) => (t.clusters[0].meshNetwork = 'n'.repeat(64)), `wrong format (found "${'n'.repeat(64)}", expected a non-empty Kubernetes label value)`],
    ['clusters[0].meshNetwork', (t) => (t.clusters[0].meshNetwork = 1), 'wrong type (found 1, expected a non-empty Kubernetes label value)'],
    ['mesh.meshId', inCluster({ meshId: 'mesh id' }), 'wrong format (found "mesh id", expected a non-empty Kubernetes label value)'],
    ['mesh.meshId', inCluster({ meshId: '' }), 'wrong format (found "", expected a non-empty Kubernetes label value)'],
    ['mesh.primary', inCluster({ primary: 'Cluster1' }), 'wrong format (found "Cluster1", expected a lower-case RFC 1035 name)'],
    ['mesh.primaryAddress', inCluster({ primaryAddress: '203.0.113' }), 'wrong format (found "203.0.113", expected an IPv4 address or DNS name)'],
    ['mesh.primaryAddress', inCluster({ primaryAddress: '35.190.20.20:15012' }), 'wrong format (found "35.190.20.20:15012", expected an IPv4 address or DNS name)'],
    ['mesh.primaryAddress', inCluster({ primaryAddress: 'istiod' }), 'wrong format (found "istiod", expected an IPv4 address or DNS name)'],
    ['mesh.primaryAddress', inCluster({ primaryAddress: 'https://istiod.example.com' }), 'wrong format (found "https://istiod.example.com", expected an IPv4 address or DNS name)'],
    ['mesh.primaryAddress', inCluster({ primaryAddress: 'Istiod.Example.com' }), 'wrong format (found "Istiod.Example.com", expected an IPv4 address or DNS name)'],
    ['mesh.primaryAddress', inCluster({ primaryAddress: '2001:db8::1' }), 'wrong format (found "2001:db8::1", expected an IPv4 address or DNS name)'],
    ['mesh.primaryAddress', inCluster({ primaryAddress: '' }), 'wrong format (found "", expected an IPv4 address or DNS name)'],
    ['mesh.clusterAdmin', inCluster({ clusterAdmin: 'admin @example.com' }), 'wrong format (found "admin @example.com", expected a user name such as admin@example.com)'],
    // Fixed bug: "" used to be reported twice (empty value, then wrong format).
    ['mesh.clusterAdmin', inCluster({ clusterAdmin: '' }), 'wrong format (found "", expected a user name such as admin@example.com)'],
    ['apps[0].vmWorkloads', (t) => (t.apps = [{ namespace: 'legacy', vmWorkloads: [] }]), 'too few entries (found 0, expected at least 1)'],
    ['apps[0].vmWorkloads[0].ports', withVm({ ports: [] }), 'too few entries (found 0, expected at least 1)'],
    ['apps[0].vmWorkloads[0].ports[0].port', withVm({ ports: [{ name: 'http', port: 0 }] }), 'out of range (found 0, expected at least 1)'],
    ['apps[0].vmWorkloads[0].ports[0].port', withVm({ ports: [{ name: 'http', port: 65536 }] }), 'out of range (found 65536, expected at most 65535)'],
    [
      'apps[0].vmWorkloads[0].ports[0].name',
      withVm({ ports: [{ name: 'HTTP', port: 80 }] }),
      'wrong format (found "HTTP", expected a port name of at most 15 characters (a-z, 0-9 and single -))',
    ],
    [
      'apps[0].vmWorkloads[0].ports[0].name',
      withVm({ ports: [{ port: 80 }] }),
      'required key is missing (found nothing, expected a port name of at most 15 characters (a-z, 0-9 and single -))',
    ],
    ['apps[0].vmWorkloads[0].probe.port', withVm({ probe: { httpPath: '/health' } }), 'required key is missing (found nothing, expected an integer)'],
    ['apps[0].vmWorkloads[0].probe.httpPath', withVm({ probe: { port: 9080, httpPath: 'health' } }), 'wrong format (found "health", expected a path starting with /)'],
    ['apps[0].vmWorkloads[0].network', withVm({ network: 'vm net' }), 'wrong format (found "vm net", expected a non-empty Kubernetes label value)'],
    ['apps[0].vmWorkloads[0].labels.app', withVm({ labels: { app: 'reviews v3' } }), 'wrong format (found "reviews v3", expected a Kubernetes label value)'],
    ['apps[0].vmWorkloads[0].serviceAccount', withVm({ serviceAccount: 'Reviews' }), 'wrong format (found "Reviews", expected a lower-case RFC 1035 name)'],
    ['apps[0].vmWorkloads[0].cluster', withVm({ cluster: 'West' }), 'wrong format (found "West", expected a lower-case RFC 1035 name)'],
    ['apps[0].vmWorkloads[0].name', withVm({ name: 'Reviews' }), 'wrong format (found "Reviews", expected a lower-case RFC 1035 name)'],
  ])('%s ← bad value #%#', (path, change, message) => {
    expectOnlyProblem(variant(change), path, message);
  });

  test.each(['35.190.20.20', 'istiod.example.com', 'eastwest.mesh-1.example.internal', 'a.bc'])('primary address %s has the right shape', (primaryAddress) => {
    expect(checkStructure(variant(inCluster({ model: 'primary-remote', primary: 'gke-a', primaryAddress })))).toEqual([]);
  });

  test.each<[string, (t: Draft) => void, string]>([
    ['mesh.primaryCluster', inCluster({ primaryCluster: 'gke-a' }), MESH_KEYS],
    [
      'apps[0].vms',
      (t) => (t.apps = [{ namespace: 'legacy', vms: [] }]),
      'namespace, configMaps, serviceAccounts, serviceEntries, sidecar, secrets, workloads, vmWorkloads, routes, authorizationPolicies, requestAuthentications, extraObjects, patches',
    ],
    ['apps[0].vmWorkloads[0].replicas', withVm({ replicas: 2 }), 'name, labels, serviceAccount, ports, network, probe, cluster'],
    ['apps[0].vmWorkloads[0].ports[0].protocol', withVm({ ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }), 'name, port'],
    ['apps[0].vmWorkloads[0].probe.path', withVm({ probe: { port: 80, path: '/' } }), 'port, httpPath'],
  ])('unknown key %s lists the allowed keys', (path, change, allowed) => {
    const key = path.split('.').pop();
    expectOnlyProblem(variant(change), path, `unknown key (found "${key}", expected one of ${allowed})`);
  });

  test('a VM workload without its required keys reports each of them', () => {
    expect(problemsOf(variant((t) => (t.apps = [{ namespace: 'legacy', vmWorkloads: [{}] }])))).toEqual([
      { path: 'apps[0].vmWorkloads[0].name', message: 'required key is missing (found nothing, expected a lower-case RFC 1035 name)' },
      { path: 'apps[0].vmWorkloads[0].ports', message: 'required key is missing (found nothing, expected a list)' },
    ]);
  });

  test('an app without workloads is structurally valid; an app with neither list is a rule problem', () => {
    const t = variant((t) => (t.apps = [{ namespace: 'legacy' }]));
    expect(checkStructure(t)).toEqual([]);
    expect(problemsOf(t).map((p) => p.path)).toEqual(['apps[0]']);
  });

  test('an external cluster needs only a name', () => {
    const t = variant((t) => (t.clusters = [{ name: 'onprem', platform: 'external' }]));
    expect(checkStructure(t)).toEqual([]);
    expect(validateTopology(t, 'test').clusters.map((c) => c.platform)).toEqual(['external']);
  });
});

describe('all structural problems at once', () => {
  test('every structural problem is reported, in document order', () => {
    const t = minimal();
    t.extra = 1;
    t.clusters[0].private = 'no';
    t.clusters[0].role = 'boss';
    delete t.clusters[0].zone;
    expect(problemsOf(t)).toEqual([
      { path: 'extra', message: `unknown key (found "extra", expected one of ${TOP_LEVEL_KEYS})` },
      { path: 'clusters[0].role', message: 'not an allowed value (found "boss", expected one of "workload", "config")' },
      { path: 'clusters[0].private', message: 'wrong type (found "no", expected a boolean)' },
    ]);
    // The missing zone is a rule, checked once the structure is right.
    delete t.extra;
    t.clusters[0].private = true;
    t.clusters[0].role = 'workload';
    expect(problemsOf(t).map((p) => p.path)).toEqual(['clusters[0].zone']);
  });

  test('semantic rules are not checked while the structure is wrong', () => {
    const t = minimal();
    t.clusters.push({ name: 'gke-a', zone: 'us-west2-b' }); // duplicate name, no masterCidr
    t.mesh = { management: 'fleet', version: '1.8.6' }; // rejected by a rule
    t.bogus = true;
    expect(problemsOf(t)).toEqual([{ path: 'bogus', message: `unknown key (found "bogus", expected one of ${TOP_LEVEL_KEYS})` }]);
    delete t.bogus;
    expect(problemsOf(t).map((p) => p.path)).toEqual(['clusters[1].name', 'clusters[1].masterCidr', 'mesh.version']);
  });
});

describe('schema and paths', () => {
  test('the schema is closed at every object level', () => {
    const closed: string[] = [];
    const visit = (schema: unknown, at: string): void => {
      if (!schema || typeof schema !== 'object') return;
      const s = schema as Record<string, unknown>;
      if (s.type === 'object' && s.properties) {
        closed.push(`${at}:${String(s.additionalProperties)}`);
        for (const [key, child] of Object.entries(s.properties as object)) visit(child, `${at}.${key}`);
      }
      if (s.items) visit(s.items, `${at}[]`);
    };
    visit(TOPOLOGY_SCHEMA, '');
    expect(closed.length).toBeGreaterThanOrEqual(12);
    // The escape hatch's extra objects (and their metadata) are Kubernetes objects written as given: open on purpose.
    const open = closed.filter((c) => !c.endsWith(':false'));
    expect(open.every((c) => /\.extraObjects\[\](\.metadata)?:/.test(c))).toBe(true);
  });

  test.each([
    ['', undefined, '(topology)'],
    ['', 'name', 'name'],
    ['', '0', '0'],
    ['/0', undefined, '0'],
    ['/0/name', undefined, '0.name'],
    ['/12/3', undefined, '12[3]'],
    ['/clusters/0/zone', undefined, 'clusters[0].zone'],
    ['/clusters/12', 'nodePool', 'clusters[12].nodePool'],
    ['/gateways/0/addresses/1/region', undefined, 'gateways[0].addresses[1].region'],
    ['/clusters/0/labels/a~1b', undefined, 'clusters[0].labels.a/b'],
    ['/clusters/0/labels/a~0b', undefined, 'clusters[0].labels.a~b'],
  ])('toFieldPath(%j, %j) is %j', (pointer, child, expected) => {
    expect(toFieldPath(pointer, child)).toBe(expected);
  });
});
