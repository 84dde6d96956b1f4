import { MODEL_DEFAULTS } from '../../src/topology/generated/defaults.generated';
import { ISTIO_KUBERNETES_SUPPORT, minorOf } from '../../src/topology/resolve/mesh-support';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { istioApiVersionOf } from '../../src/topology/resolve/defaults';
import { excerpt } from '../../src/topology/rules/problems';
import { loadTopologyFile, parseTopologyText, validateTopology } from '../../src/load/load';
import { DEFAULTS, regionOfZone, resolveTopology, ResolvedTopology, TopologyError, TopologyInput } from '../../src/topology';
import { Draft, gke, topologyError } from '../topology/support';

/** Seed 000's fields of a resolved multi-cluster ingress (the old shape resolves into one service, one BackendConfig, a default backend). */
function seedShapeOf(mci: ResolvedTopology['multiClusterIngress']) {
  if (mci === undefined) return undefined;
  expect(mci.meshGateway).toBe(true);
  expect(mci.services).toHaveLength(1);
  expect(mci.defaultBackend?.service).toBe(mci.services[0].name);
  expect(mci.services[0].backendConfig?.ports).toEqual([{ port: mci.defaultBackend?.port, name: mci.backendConfigs[0].name }]);
  return {
    name: mci.name,
    namespace: mci.namespace,
    serviceName: mci.services[0].name,
    port: mci.defaultBackend?.port,
    backendConfigName: mci.backendConfigs[0].name,
    healthCheck: mci.backendConfigs[0].healthCheck,
  };
}

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const SEED_000 = join(EXAMPLES, 'private-asm-multicluster.yaml');
const SEED_003 = join(EXAMPLES, 'internal-multicluster-gateway.yaml');
const SEED_002 = join(EXAMPLES, 'canary-productcatalog.yaml');
const SEED_001 = join(EXAMPLES, 'asm-onprem-vmware.yaml');
const SEED_004_MULTI_NETWORK = join(EXAMPLES, 'istio-multi-primary-multi-network.yaml');
const SEED_004_PRIMARY_REMOTE = join(EXAMPLES, 'istio-primary-remote.yaml');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'meshfleet-topology-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function variantOf(make: () => Draft, change: (t: Draft) => void): Draft {
  const t = make();
  change(t);
  return t;
}

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
    network: { name: 'default', firewallName: 'all-pods-and-master-ipv4-cidrs' },
    regions: [
      { name: 'us-west2', nat: { enabled: true, logFilter: 'ALL', addressName: 'us-west2-nat-ip', routerName: 'rtr-us-west2', natName: 'nat-gw-us-west2' } },
      { name: 'us-central1', nat: { enabled: true, logFilter: 'ALL', addressName: 'us-central1-nat-ip', routerName: 'rtr-us-central1', natName: 'nat-gw-us-central1' } },
    ],
    operatorCidrs: ['203.0.113.10/32'],
    clusters: [
      { name: 'gke-west-priv', zone: 'us-west2-a', masterCidr: '172.16.0.0/28', nodePool: { machineType: 'e2-standard-4', minNodes: 3, maxNodes: 5 } },
      { name: 'gke-central-priv', zone: 'us-central1-a', masterCidr: '172.16.1.0/28', nodePool: { machineType: 'e2-standard-4', minNodes: 3, maxNodes: 5 } },
      { name: 'gke-ingress', zone: 'us-west1-a', role: 'config', private: false, nodePool: { machineType: 'e2-standard-4', minNodes: 1, maxNodes: 1 } },
    ],
    mesh: {
      management: 'fleet',
      ingressGateway: { name: 'asm-ingressgateway', namespace: 'asm-ingress', labels: { asm: 'ingressgateway' } },
    },
    fleet: { configCluster: 'gke-ingress' },
    multiClusterIngress: {
      name: 'asm-ingressgateway-multicluster-ingress',
      serviceName: 'asm-ingressgateway-multicluster-svc',
      port: 80,
      backendConfigName: 'gke-ingress-config',
      healthCheck: { type: 'HTTP', port: 15021, path: '/healthz/ready' },
    },
    apps: [
      {
        namespace: 'bank-of-anthos',
        workloads: [
          { name: 'frontend', image: bankImage('frontend'), port: 8080, servicePort: 80, expose: { hosts: ['*'] } },
          ...['userservice', 'contacts', 'balancereader', 'ledgerwriter', 'transactionhistory'].map((name) => ({ name, image: bankImage(name), port: 8080 })),
          ...['accounts-db', 'ledger-db'].map((name) => ({
            name,
            kind: 'StatefulSet' as const,
            image: bankImage(name),
            port: 5432,
            portName: 'tcp-postgresql',
            clusters: ['gke-west-priv'],
          })),
        ],
      },
    ],
  };
}

const bankImage = (name: string): string => `us-central1-docker.pkg.dev/bank-of-anthos-ci/bank-of-anthos/${name}:v0.6.7`;

/** A resolved workload with every default, overridden by `fields`. */
function resolvedWorkload(fields: Record<string, unknown> & { name: string; image: string; port: number; clusters: string[] }): Record<string, unknown> {
  return {
    kind: 'Deployment',
    servicePort: fields.port,
    portName: 'http',
    containerName: fields.name,
    replicas: 1,
    env: {},
    readinessProbe: undefined,
    livenessProbe: undefined,
    startupProbe: undefined,
    extraPorts: [],
    serviceType: undefined,
    extraServices: [],
    args: undefined,
    envFrom: [],
    volumes: [],
    volumeMounts: [],
    volumeClaimTemplates: [],
    initContainers: [],
    securityContext: undefined,
    podSecurityContext: undefined,
    serviceAccountName: undefined,
    podAnnotations: {},
    resources: undefined,
    terminationGracePeriodSeconds: undefined,
    version: undefined,
    canary: undefined,
    versions: [],
    selectorIncludesVersion: false,
    virtualServiceName: fields.name,
    destinationRuleName: fields.name,
    expose: undefined,
    export: false,
    ...fields,
  };
}

/** The 12 services of the Online Boutique manifest, sorted. */
const ONLINE_BOUTIQUE = [
  'adservice',
  'cartservice',
  'checkoutservice',
  'currencyservice',
  'emailservice',
  'frontend',
  'loadgenerator',
  'paymentservice',
  'productcatalogservice',
  'recommendationservice',
  'redis-cart',
  'shippingservice',
];

const clusterDefaults = {
  platform: 'gke',
  meshInstall: undefined,
  extraObjects: [],
  patches: [],
  role: 'workload',
  private: true,
  podCidr: undefined,
  subnet: undefined,
  gatewayApi: 'auto',
  fleet: true,
  releaseChannel: 'REGULAR',
  labels: {},
  deletionProtection: true,
  dataplaneV2: true,
  authorizedNetworks: true,
  vulnerabilityScanning: 'disabled',
} as const;

const pool = (minNodes: number, maxNodes: number) => ({ machineType: 'e2-standard-4', minNodes, maxNodes, initialNodes: minNodes });

describe('the example files', () => {
  test('seed 000 (private-asm-multicluster) loads and resolves to the seed values', () => {
    const model = loadTopologyFile(SEED_000);
    expect(model).toEqual({
      name: 'private-asm-multicluster',
      project: { id: 'meshfleet-demo', number: '123456789012', nodeServiceAccount: 'private-asm-multicluster-nodes', gkeEnterprise: false },
      network: { name: 'default', subnets: [], firewallName: 'all-pods-and-master-ipv4-cidrs' },
      regions: [
        { name: 'us-west2', nat: { logFilter: 'ALL', addressName: 'us-west2-nat-ip', routerName: 'rtr-us-west2', natName: 'nat-gw-us-west2' }, proxyOnlySubnet: undefined },
        {
          name: 'us-central1',
          nat: { logFilter: 'ALL', addressName: 'us-central1-nat-ip', routerName: 'rtr-us-central1', natName: 'nat-gw-us-central1' },
          proxyOnlySubnet: undefined,
        },
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
          shortName: 'west-priv',
          meshMember: true,
        },
        {
          ...clusterDefaults,
          name: 'gke-central-priv',
          zone: 'us-central1-a',
          region: 'us-central1',
          masterCidr: '172.16.1.0/28',
          nodePool: pool(3, 5),
          shortName: 'central-priv',
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
          shortName: 'ingress',
          meshMember: false,
        },
      ],
      mesh: {
        management: 'fleet',
        revision: undefined,
        version: undefined,
        istioApiVersion: 'v1',
        ingressGateway: { name: 'asm-ingressgateway', namespace: 'asm-ingress', labels: { asm: 'ingressgateway' } },
        install: undefined,
        routing: 'istio',
        mtls: 'STRICT',
        defaultDeny: false,
        allowLoadBalancerPlaintext: true,
      },
      fleet: { configCluster: 'gke-ingress', multiClusterServices: false },
      gateways: [],
      // The old shape resolves into the general model (field by field in seedShapeOf's test below).
      multiClusterIngress: expect.objectContaining({
        name: 'asm-ingressgateway-multicluster-ingress',
        namespace: 'asm-ingress',
        defaultBackend: { service: 'asm-ingressgateway-multicluster-svc', port: 80 },
        meshGateway: true,
      }),
      apps: [expect.objectContaining({ namespace: 'bank-of-anthos', vmWorkloads: [] })],
      terraform: { backend: { type: 'local' } },
    });
    // The points the seed is about, spelled out.
    expect(model.regions.filter((r) => r.nat).map((r) => r.name)).toEqual(['us-west2', 'us-central1']);
    expect(model.clusters.filter((c) => c.role === 'workload').map((c) => gke(c).nodePool)).toEqual([pool(3, 5), pool(3, 5)]);
    expect(model.regions.some((r) => r.proxyOnlySubnet !== undefined)).toBe(false);
    const workloads = model.apps[0].workloads;
    expect(workloads.filter((w) => w.expose).map((w) => [w.name, w.port, w.servicePort, w.expose])).toEqual([['frontend', 8080, 80, { hosts: ['*'] }]]);
    expect(workloads.filter((w) => w.kind === 'StatefulSet').map((w) => [w.name, w.clusters, w.portName])).toEqual([
      ['accounts-db', ['gke-west-priv'], 'tcp-postgresql'],
      ['ledger-db', ['gke-west-priv'], 'tcp-postgresql'],
    ]);
    expect(workloads.filter((w) => w.kind === 'Deployment').every((w) => w.clusters.join() === 'gke-west-priv,gke-central-priv')).toBe(true);
    expect(workloads.map((w) => w.name)).toEqual([
      'frontend',
      'userservice',
      'contacts',
      'balancereader',
      'ledgerwriter',
      'transactionhistory',
      'accounts-db',
      'ledger-db',
      'loadgenerator',
    ]);
    // The complete app: its ConfigMaps, ServiceAccount, the jwt-key the runbook makes, a
    // loadgenerator without a Service.
    const app = model.apps[0];
    expect(app.configMaps.map((c) => c.name)).toEqual(['environment-config', 'service-api-config', 'demo-data-config', 'accounts-db-config', 'ledger-db-config']);
    expect(app.serviceAccounts).toEqual(['bank-of-anthos']);
    expect(app.secrets).toStrictEqual([
      { name: 'jwt-key', keys: ['jwtRS256.key', 'jwtRS256.key.pub'], rsaKeyPair: { privateKey: 'jwtRS256.key', publicKey: 'jwtRS256.key.pub', bits: 4096 } },
    ]);
    expect(workloads.find((w) => w.name === 'loadgenerator')?.port).toBeUndefined();
    expect([model.multiClusterIngress?.name, model.multiClusterIngress?.services[0].name, model.multiClusterIngress?.backendConfigs[0].name]).toEqual([
      'asm-ingressgateway-multicluster-ingress',
      'asm-ingressgateway-multicluster-svc',
      'gke-ingress-config',
    ]);
  });

  test('seed 003 (internal-multicluster-gateway) loads and resolves to the seed values', () => {
    const model = loadTopologyFile(SEED_003);
    expect(model).toEqual({
      name: 'internal-multicluster-gateway',
      project: { id: 'meshfleet-demo', number: undefined, nodeServiceAccount: 'internal-multicluster-g-0917ee', gkeEnterprise: false },
      network: { name: 'default', subnets: [], firewallName: 'internal-multicluster-gateway-pods-and-masters' },
      regions: [
        { name: 'us-west1', nat: undefined, proxyOnlySubnet: '10.129.0.0/23' },
        { name: 'us-east1', nat: undefined, proxyOnlySubnet: '10.130.0.0/23' },
      ],
      operatorCidrs: ['203.0.113.10/32'],
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
          shortName: 'west-1',
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
          shortName: 'east-1',
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
          listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
          routes: [
            {
              kind: 'HTTPRoute',
              name: 'store-route',
              labels: { gateway: 'cross-regional-internal' },
              hostnames: ['store.example.internal'],
              rules: [
                { pathPrefix: '/west', backend: 'store-west-1', port: 8080 },
                { pathPrefix: '/east', backend: 'store-east-1', port: 8080 },
                { backend: 'store', port: 8080 },
              ],
            },
          ],
          healthChecks: [{ backend: 'store', type: 'HTTP', path: '/health' }],
          backendPolicies: [],
        },
      ],
      multiClusterIngress: undefined,
      apps: [
        {
          namespace: 'store',
          configMaps: [],
          serviceAccounts: [],
          secrets: [],
          serviceEntries: [],
          routes: [],
          authorizationPolicies: [],
          requestAuthentications: [],
          extraObjects: [],
          patches: [],
          vmWorkloads: [],
          workloads: [
            resolvedWorkload({
              name: 'store',
              image: 'us-docker.pkg.dev/google-samples/containers/gke/whereami:v1.2.20',
              containerName: 'whereami',
              port: 8080,
              replicas: 2,
              version: 'v1',
              export: true,
              clusters: ['gke-west-1', 'gke-east-1'],
              podSecurityContext: { runAsUser: 1000, runAsGroup: 1000 },
            }),
          ],
        },
      ],
      terraform: { backend: { type: 'local' } },
    });
    expect(model.regions.filter((r) => r.nat)).toEqual([]);
    // The routing the seed is about: per-region paths to per-cluster ServiceImports, the rest to any region.
    expect(model.gateways[0].routes[0].rules.map((r) => [r.pathPrefix, r.backend])).toEqual([
      ['/west', 'store-west-1'],
      ['/east', 'store-east-1'],
      [undefined, 'store'],
    ]);
    expect(model.gateways[0].routes[0].rules[2]).not.toHaveProperty('pathPrefix');
    expect(model.gateways[0].healthChecks).toStrictEqual([{ backend: 'store', type: 'HTTP', path: '/health' }]);
  });

  test('seed 002 (canary-productcatalog) loads and resolves to the seed values', () => {
    const model = loadTopologyFile(SEED_002);
    const image = 'gcr.io/google-samples/microservices-demo/productcatalogservice:v0.3.6';
    expect(model).toEqual({
      name: 'canary-productcatalog',
      project: { id: 'meshfleet-demo', number: '123456789012', nodeServiceAccount: 'canary-productcatalog-nodes', gkeEnterprise: false },
      network: { name: 'default', subnets: [], firewallName: 'canary-productcatalog-pods-and-masters' },
      regions: [
        {
          name: 'us-central1',
          nat: {
            logFilter: 'ALL',
            addressName: 'canary-productcatalog-us-central1-nat-ip',
            routerName: 'canary-productcatalog-rtr-us-central1',
            natName: 'canary-productcatalog-nat-gw-us-central1',
          },
          proxyOnlySubnet: undefined,
        },
      ],
      operatorCidrs: ['203.0.113.10/32'],
      clusters: [
        {
          ...clusterDefaults,
          name: 'gke-boutique',
          zone: 'us-central1-a',
          region: 'us-central1',
          masterCidr: '172.16.0.0/28',
          nodePool: pool(3, 5),
          shortName: 'boutique',
          meshMember: true,
        },
      ],
      mesh: {
        management: 'fleet',
        revision: undefined,
        version: undefined,
        istioApiVersion: 'v1',
        ingressGateway: { name: 'asm-ingressgateway', namespace: 'asm-ingress', labels: { asm: 'ingressgateway' } },
        install: undefined,
        routing: 'istio',
        mtls: 'STRICT',
        defaultDeny: false,
        allowLoadBalancerPlaintext: true,
      },
      fleet: { configCluster: undefined, multiClusterServices: false },
      gateways: [],
      multiClusterIngress: undefined,
      apps: [expect.objectContaining({ namespace: 'onlineboutique', vmWorkloads: [] })],
      terraform: { backend: { type: 'local' } },
    });
    expect(model.apps[0].workloads[0]).toEqual(
      resolvedWorkload({
        name: 'productcatalogservice',
        image,
        containerName: 'server',
        port: 3550,
        portName: 'grpc',
        version: 'v1',
        env: { PORT: '3550' },
        readinessProbe: { exec: ['/bin/grpc_health_probe', '-addr=:3550'] },
        livenessProbe: { exec: ['/bin/grpc_health_probe', '-addr=:3550'] },
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
        podSecurityContext: { fsGroup: 1000, runAsGroup: 1000, runAsNonRoot: true, runAsUser: 1000 },
        terminationGracePeriodSeconds: 5,
        clusters: ['gke-boutique'],
        canary: { version: 'v2', weight: 0, image, env: { EXTRA_LATENCY: '3s' } },
        // The canary as the two-version split: v1 takes all the traffic at weight 0.
        versions: [
          { name: 'v1', weight: 100, image, env: {}, replicas: 1, labels: {} },
          { name: 'v2', weight: 0, image, env: { EXTRA_LATENCY: '3s' }, replicas: 1, labels: {} },
        ],
      }),
    );
    expect(model.apps[0].workloads.map((w) => w.name).sort()).toEqual(ONLINE_BOUTIQUE);
    expect(model.mesh?.ingressGateway).toEqual({ name: 'asm-ingressgateway', namespace: 'asm-ingress', labels: { asm: 'ingressgateway' } });
    expect(model.apps[0].workloads.filter((w) => w.expose).map((w) => [w.name, w.servicePort, w.expose])).toEqual([['frontend', 80, { hosts: ['*'] }]]);
    // The canary the seed is about: stable v1, canary v2 at weight 0 with the extra latency.
    const service = model.apps[0].workloads[0];
    expect([service.name, service.version, service.canary?.version, service.canary?.weight, service.canary?.env]).toEqual([
      'productcatalogservice',
      'v1',
      'v2',
      0,
      { EXTRA_LATENCY: '3s' },
    ]);
    expect(service.canary?.image).toBe(service.image);
    expect(service.servicePort).toBe(3550);
  });

  test('seed 001 (asm-onprem-vmware) loads and resolves to the seed values', () => {
    const model = loadTopologyFile(SEED_001);
    expect(model).toEqual({
      name: 'asm-onprem-vmware',
      project: { id: 'meshfleet-demo', number: '123456789012', nodeServiceAccount: 'asm-onprem-vmware-nodes', gkeEnterprise: false },
      network: { name: 'default', subnets: [], firewallName: 'asm-onprem-vmware-pods-and-masters' },
      // An external cluster has no region: no NAT, no proxy-only subnet, nothing for Terraform.
      regions: [],
      operatorCidrs: [],
      clusters: [
        {
          name: 'cluster1',
          platform: 'external',
          kubernetesVersion: '1.18',
          role: 'workload',
          shortName: 'cluster1',
          meshMember: true,
          meshInstall: { network: 'cluster1', controlPlane: 'primary' },
          extraObjects: [],
          patches: [],
        },
      ],
      mesh: {
        management: 'in-cluster',
        revision: 'asm-186-8',
        version: '1.8.6',
        istioApiVersion: 'v1beta1',
        ingressGateway: undefined,
        install: {
          distribution: 'asm',
          meshId: 'proj-123456789012',
          model: 'multi-primary',
          primary: undefined,
          primaryAddress: undefined,
          clusterAdmin: 'admin@example.com',
        },
        routing: 'istio',
        mtls: 'STRICT',
        defaultDeny: false,
        allowLoadBalancerPlaintext: true,
      },
      fleet: { configCluster: undefined, multiClusterServices: false },
      gateways: [],
      multiClusterIngress: undefined,
      apps: [expect.objectContaining({ namespace: 'onlineboutique', vmWorkloads: [] })],
      terraform: { backend: { type: 'local' } },
    });
    // The points the seed is about: an existing (external) cluster with nothing GKE-specific,
    // ASM 1.8.6 with revision asm-186-8 (v1beta1 networking objects), MESH_ID proj-<number>,
    // the cluster on its own network, and cluster-admin for the operator.
    expect(model.clusters[0]).toStrictEqual({
      name: 'cluster1',
      role: 'workload',
      shortName: 'cluster1',
      meshMember: true,
      meshInstall: { network: 'cluster1', controlPlane: 'primary' },
      extraObjects: [],
      patches: [],
      platform: 'external',
      kubernetesVersion: '1.18',
    });
    expect([model.mesh?.install?.distribution, model.mesh?.revision, model.mesh?.istioApiVersion, model.mesh?.install?.meshId]).toEqual([
      'asm',
      'asm-186-8',
      'v1beta1',
      'proj-123456789012',
    ]);
    expect(model.mesh?.install?.clusterAdmin).toBe('admin@example.com');
    // The Online Boutique the seed deploys to test the install, complete.
    expect(model.apps[0].workloads.map((w) => w.name).sort()).toEqual(ONLINE_BOUTIQUE);
    expect(model.apps[0].workloads.every((w) => w.clusters.join() === 'cluster1')).toBe(true);
  });

  test('seed 004 (istio-multi-primary-multi-network) loads and resolves to the seed values', () => {
    const model = loadTopologyFile(SEED_004_MULTI_NETWORK);
    expect(model).toEqual({
      name: 'istio-multi-primary-multi-network',
      project: { id: 'meshfleet-demo', number: '123456789012', nodeServiceAccount: 'istio-multi-primary-mul-4ae241', gkeEnterprise: false },
      network: { name: 'default', subnets: [], firewallName: 'istio-multi-primary-multi-network-pods-and-masters' },
      regions: [
        {
          name: 'us-west1',
          nat: {
            logFilter: 'ALL',
            addressName: 'istio-multi-primary-multi-network-us-west1-nat-ip',
            routerName: 'istio-multi-primary-multi-network-rtr-us-west1',
            natName: 'istio-multi-primary-multi-network-nat-gw-us-west1',
          },
          proxyOnlySubnet: undefined,
        },
        {
          name: 'us-east1',
          nat: {
            logFilter: 'ALL',
            addressName: 'istio-multi-primary-multi-network-us-east1-nat-ip',
            routerName: 'istio-multi-primary-multi-network-rtr-us-east1',
            natName: 'istio-multi-primary-multi-network-nat-gw-us-east1',
          },
          proxyOnlySubnet: undefined,
        },
      ],
      operatorCidrs: ['203.0.113.10/32'],
      clusters: [
        {
          ...clusterDefaults,
          name: 'cluster1',
          zone: 'us-west1-a',
          region: 'us-west1',
          masterCidr: '172.16.0.0/28',
          podCidr: '10.4.0.0/14',
          nodePool: pool(3, 5),
          shortName: 'cluster1',
          meshMember: true,
          meshInstall: { network: 'network1', controlPlane: 'primary' },
          extraObjects: [],
          patches: [],
        },
        {
          ...clusterDefaults,
          name: 'cluster2',
          zone: 'us-east1-b',
          region: 'us-east1',
          masterCidr: '172.16.0.16/28',
          podCidr: '10.8.0.0/14',
          nodePool: pool(3, 5),
          shortName: 'cluster2',
          meshMember: true,
          meshInstall: { network: 'network2', controlPlane: 'primary' },
          extraObjects: [],
          patches: [],
        },
      ],
      mesh: {
        management: 'in-cluster',
        revision: undefined,
        version: '1.29.6',
        istioApiVersion: 'v1',
        ingressGateway: undefined,
        install: { distribution: 'istio', meshId: 'mesh1', model: 'multi-primary', primary: undefined, primaryAddress: undefined, clusterAdmin: undefined },
        routing: 'istio',
        mtls: 'STRICT',
        defaultDeny: false,
        allowLoadBalancerPlaintext: true,
      },
      fleet: { configCluster: undefined, multiClusterServices: false },
      gateways: [],
      gitops: {
        argocd: { repoURL: 'https://github.com/example/meshfleet-fleet.git', targetRevision: 'HEAD', path: 'dist', namespace: 'argocd', project: 'default', prune: false },
      },
      multiClusterIngress: undefined,
      apps: [
        {
          namespace: 'sample',
          configMaps: [],
          serviceAccounts: [],
          secrets: [],
          serviceEntries: [],
          routes: [],
          authorizationPolicies: [],
          requestAuthentications: [],
          extraObjects: [],
          patches: [],
          vmWorkloads: [],
          workloads: [
            resolvedWorkload({
              name: 'helloworld',
              image: 'docker.io/istio/examples-helloworld-v1:1.0',
              port: 5000,
              version: 'v1',
              clusters: ['cluster1', 'cluster2'],
              podSecurityContext: { runAsUser: 1000, runAsGroup: 1000 },
            }),
          ],
        },
      ],
      terraform: { backend: { type: 'local' } },
    });
    // Two primaries, each on its own network (the explicit meshNetwork wins over the VPC name).
    expect(model.clusters.map((c) => [c.name, c.meshInstall?.network, c.meshInstall?.controlPlane])).toEqual([
      ['cluster1', 'network1', 'primary'],
      ['cluster2', 'network2', 'primary'],
    ]);
  });

  test('seed 004 (istio-primary-remote) loads and resolves to the seed values', () => {
    const model = loadTopologyFile(SEED_004_PRIMARY_REMOTE);
    expect(model).toEqual({
      name: 'istio-primary-remote',
      project: { id: 'meshfleet-demo', number: '123456789012', nodeServiceAccount: 'istio-primary-remote-nodes', gkeEnterprise: false },
      network: { name: 'default', subnets: [], firewallName: 'istio-primary-remote-pods-and-masters' },
      regions: [
        {
          name: 'us-west1',
          nat: {
            logFilter: 'ALL',
            addressName: 'istio-primary-remote-us-west1-nat-ip',
            routerName: 'istio-primary-remote-rtr-us-west1',
            natName: 'istio-primary-remote-nat-gw-us-west1',
          },
          proxyOnlySubnet: undefined,
        },
      ],
      operatorCidrs: ['203.0.113.10/32'],
      clusters: [
        {
          ...clusterDefaults,
          name: 'cluster1',
          zone: 'us-west1-a',
          region: 'us-west1',
          masterCidr: '172.16.0.0/28',
          podCidr: '10.4.0.0/14',
          nodePool: pool(3, 5),
          shortName: 'cluster1',
          meshMember: true,
          meshInstall: { network: 'network1', controlPlane: 'primary' },
          extraObjects: [],
          patches: [],
        },
        {
          ...clusterDefaults,
          name: 'cluster2',
          zone: 'us-west1-b',
          region: 'us-west1',
          masterCidr: '172.16.0.16/28',
          podCidr: '10.8.0.0/14',
          nodePool: pool(3, 5),
          shortName: 'cluster2',
          meshMember: true,
          meshInstall: { network: 'network1', controlPlane: 'remote' },
          extraObjects: [],
          patches: [],
        },
      ],
      mesh: {
        management: 'in-cluster',
        revision: undefined,
        version: '1.29.6',
        istioApiVersion: 'v1',
        ingressGateway: undefined,
        install: {
          distribution: 'istio',
          meshId: 'mesh1',
          model: 'primary-remote',
          primary: 'cluster1',
          // cluster1 is a GKE cluster: meshfleet reserves its east-west address.
          primaryAddress: undefined,
          clusterAdmin: undefined,
        },
        routing: 'istio',
        mtls: 'STRICT',
        defaultDeny: false,
        allowLoadBalancerPlaintext: true,
      },
      fleet: { configCluster: undefined, multiClusterServices: false },
      gateways: [],
      multiClusterIngress: undefined,
      apps: [
        {
          namespace: 'sample',
          configMaps: [],
          serviceAccounts: [],
          secrets: [],
          serviceEntries: [],
          routes: [],
          authorizationPolicies: [],
          requestAuthentications: [],
          extraObjects: [],
          patches: [],
          vmWorkloads: [
            {
              name: 'reviews-vm',
              labels: { app: 'reviews', version: 'v3' },
              serviceAccount: 'reviews',
              ports: [{ name: 'http', port: 9080 }],
              network: undefined,
              probe: { port: 9080, httpPath: '/health' },
              // Not in the file: the VM registers with the primary.
              cluster: 'cluster1',
            },
          ],
          workloads: [
            resolvedWorkload({
              name: 'helloworld',
              image: 'docker.io/istio/examples-helloworld-v1:1.0',
              port: 5000,
              version: 'v1',
              clusters: ['cluster1', 'cluster2'],
              podSecurityContext: { runAsUser: 1000, runAsGroup: 1000 },
            }),
          ],
        },
      ],
      terraform: { backend: { type: 'local' } },
    });
    expect(model.clusters.map((c) => [c.name, c.meshInstall?.network, c.meshInstall?.controlPlane])).toEqual([
      ['cluster1', 'network1', 'primary'],
      ['cluster2', 'network1', 'remote'],
    ]);
    expect([model.mesh?.install?.primary, model.mesh?.install?.primaryAddress]).toEqual(['cluster1', undefined]);
  });

  test.each([SEED_000, SEED_001, SEED_002, SEED_003, SEED_004_MULTI_NETWORK, SEED_004_PRIMARY_REMOTE])('%s gives the same model on every load', (file) => {
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
    // The object spells out the placement of Bank of Anthos, not its whole pod specs.
    expect({ ...fromObject, apps: [] }).toStrictEqual({ ...fromYaml, apps: [] });
    const placement = (m: typeof fromYaml) =>
      m.apps[0].workloads.filter((w) => w.port !== undefined).map((w) => [w.name, w.kind, w.image, w.port, w.servicePort, w.portName, w.clusters, w.expose]);
    expect(placement(fromObject)).toStrictEqual(placement(fromYaml));
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
    expect(error.problems[0].path).toBe('line 1, column 15');
    expect(error.problems[0].message).toMatch(/^Map keys must be unique\b.*\(found invalid YAML, expected a YAML or JSON mapping\)$/);
  });

  test('invalid YAML is a problem', () => {
    const error = topologyError(() => parseTopologyText('name: a\nclusters: [\n', 'bad.yaml'));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].path).toBe('line 3, column 1');
    expect(error.problems[0].message).toMatch(/^Flow sequence .* \(found invalid YAML, expected a YAML or JSON mapping\)$/);
  });

  test('several YAML documents are a problem', () => {
    const error = topologyError(() => parseTopologyText('name: a\n---\nname: b\n', 'multi.yaml'));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].path).toBe('line 2, column 1');
    expect(error.problems[0].message).toMatch(/^Source contains multiple documents.*\(found invalid YAML, expected a YAML or JSON mapping\)$/);
  });

  // Fixed bug: syntax problems used to get the path "(file)" instead of "line L, column C".
  test('duplicate YAML keys are reported with their line number', () => {
    const error = topologyError(() => parseTopologyText('name: a\nname: b\nclusters: []\n', 'dup.yaml'));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].path).toBe('line 2, column 1');
    expect(error.problems[0].message).toMatch(/^Map keys must be unique\b.*\(found invalid YAML, expected a YAML or JSON mapping\)$/);
    expect(error.message).toMatch(/^dup\.yaml: 1 problem\nline 2, column 1: Map keys must be unique\b/);
  });

  test('a duplicate key deeper in the file is reported at its own line and column', () => {
    const error = topologyError(() => parseTopologyText('name: a\nproject:\n  id: x\n  id: y\n', 'dup.yaml'));
    expect(error.problems.map((p) => p.path)).toEqual(['line 4, column 3']);
  });

  test('every repeated key is reported once per repetition, in any mapping, with a short excerpt of the key', () => {
    const long = 'k'.repeat(300);
    const text = `name: a\nclusters:\n  - name: c1\n    name: c2\n    name: c3\n${long}: 1\n${long}: 2\n`;
    const error = topologyError(() => parseTopologyText(text, 'dup.yaml'));
    expect(error.problems.map((p) => p.path)).toEqual(['line 4, column 5', 'line 5, column 5', 'line 7, column 1']);
    expect(error.problems[0].message).toBe('Map keys must be unique: "name" repeated (found invalid YAML, expected a YAML or JSON mapping)');
    expect(error.problems[2].message).toBe(`Map keys must be unique: "${'k'.repeat(80)}"... (300 characters) repeated (found invalid YAML, expected a YAML or JSON mapping)`);
  });

  test('keys equal only as text (1 and "1") are different keys, as YAML defines them', () => {
    expect(parseTopologyText('labels:\n  1: a\n  "1": b\n', 'keys.yaml')).toEqual({ labels: { 1: 'b' } });
  });

  test('invalid YAML in a file is reported with its line number', () => {
    const file = writeTemp('bad.yaml', 'name: bad\nproject:\n  id: meshfleet-demo\nclusters: [\n');
    const error = topologyError(() => loadTopologyFile(file));
    expect(error.source).toBe(file);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].path).toBe('line 5, column 1'); // the end of the file, where the ] is missing
    expect(error.problems[0].message).toMatch(/^Flow sequence .* \(found invalid YAML, expected a YAML or JSON mapping\)$/);
  });

  test('a missing file gives a (file) problem', () => {
    const file = join(dir, 'does-not-exist.yaml');
    const error = topologyError(() => loadTopologyFile(file));
    expect(error).toBeInstanceOf(TopologyError);
    expect(error.source).toBe(file);
    expect(error.problems).toEqual([{ path: '(file)', message: 'cannot read the topology (found no such file, expected a readable YAML or JSON file)' }]);
    expect(error.message).toBe(`${file}: 1 problem\n(file): cannot read the topology (found no such file, expected a readable YAML or JSON file)`);
  });

  test('a directory gives a (file) problem with the reason', () => {
    const error = topologyError(() => loadTopologyFile(dir));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].path).toBe('(file)');
    expect(error.problems[0].message).toMatch(/^cannot read the topology \(found a folder, expected a regular file\)$/);
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
      gatewayApi: 'auto',
      fleet: true,
      releaseChannel: 'REGULAR',
      deletionProtection: true,
      dataplaneV2: true,
      authorizedNetworks: true,
      vulnerabilityScanning: 'disabled',
      gkeEnterprise: false,
      natLogFilter: 'ALL',
      gcsPrefix: 'meshfleet',
      ingressGatewayName: 'asm-ingressgateway',
      ingressGatewayNamespace: 'asm-ingress',
      ingressGatewayLabels: { asm: 'ingressgateway' },
      ingressPort: 80,
      healthCheck: { type: 'HTTP', port: 15021, path: '/healthz/ready' },
      workloadKind: 'Deployment',
      portName: 'http',
      replicas: 1,
      platform: 'gke',
      meshDistribution: 'istio',
      meshModel: 'multi-primary',
      meshMtls: 'STRICT',
      meshDefaultDeny: false,
      meshVersion: '1.29',
      allowLoadBalancerPlaintext: true,
      istioV1Since: [1, 22],
      rsaBits: 4096,
      configSyncAuth: 'none',
    });
  });

  /** Every field left out that has a default, Kubernetes side included. */
  function omittedDefaults(): Draft {
    return {
      name: 'defaults',
      project: { id: 'meshfleet-test' },
      regions: [{ name: 'us-west2', proxyOnlySubnet: '10.129.0.0/23' }],
      clusters: [
        { name: 'a', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' },
        // authorizedNetworks: false, as operatorCidrs stays omitted (a public cluster needs either).
        { name: 'cfg', zone: 'us-west2-b', role: 'config', private: false, gatewayApi: 'standard', authorizedNetworks: false },
      ],
      mesh: { management: 'fleet', ingressGateway: {} },
      fleet: { configCluster: 'cfg', multiClusterServices: true },
      multiClusterIngress: {},
      apps: [
        {
          namespace: 'web',
          secrets: [{ name: 'signing', rsaKeyPair: { privateKey: 'key.pem', publicKey: 'key.pub' } }],
          workloads: [{ name: 'web', image: 'nginx:1.27', port: 8080 }],
        },
      ],
      gateways: [{ name: 'gw', namespace: 'web', className: 'gke-l7-rilb-mc', addresses: [{ region: 'us-west2' }] }],
      terraform: { backend: { type: 'gcs', bucket: 'tf-state' } },
    };
  }

  test('every default in DEFAULTS is applied when the field is omitted', () => {
    const model = validateTopology(omittedDefaults(), 'test');
    const cluster = gke(model.clusters[0]);
    // The in-cluster mesh settings, with every one of them omitted.
    const inCluster = validateTopology(
      variantOf(omittedDefaults, (t) => {
        t.project.number = '123456789012';
        t.mesh = { management: 'in-cluster', ingressGateway: {} };
      }),
      'test',
    );
    // GitOps: one tool per topology, so one variant each (and one with the auth that reads a Secret).
    const gitops = (settings: Draft) =>
      validateTopology(
        variantOf(omittedDefaults, (t) => (t.gitops = settings)),
        'test',
      ).gitops;
    const argocd = gitops({ argocd: { repoURL: 'https://github.com/example/fleet.git' } })?.argocd;
    const configSync = gitops({ configSync: { repo: 'https://github.com/example/fleet.git' } })?.configSync;
    const tokenSync = gitops({ configSync: { repo: 'https://github.com/example/fleet.git', auth: 'token' } })?.configSync;
    const backend = model.terraform.backend;
    const workload = model.apps[0].workloads[0];
    // The first minor release line that resolves to networking.istio.io/v1.
    const firstV1 = [0, 1, 2]
      .flatMap((major) => Array.from({ length: 40 }, (_, minor) => [major, minor]))
      .find(([major, minor]) => istioApiVersionOf({ management: 'in-cluster', version: `${major}.${minor}.0` }) === 'v1');
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
      dataplaneV2: cluster.dataplaneV2,
      authorizedNetworks: cluster.authorizedNetworks,
      vulnerabilityScanning: cluster.vulnerabilityScanning,
      gkeEnterprise: model.project.gkeEnterprise,
      natLogFilter: model.regions[0].nat?.logFilter,
      gcsPrefix: backend.type === 'gcs' ? backend.prefix : undefined,
      ingressGatewayName: model.mesh?.ingressGateway?.name,
      ingressGatewayNamespace: model.mesh?.ingressGateway?.namespace,
      ingressGatewayLabels: model.mesh?.ingressGateway?.labels,
      ingressPort: model.multiClusterIngress?.defaultBackend?.port,
      healthCheck: model.multiClusterIngress?.backendConfigs[0].healthCheck,
      workloadKind: workload.kind,
      portName: workload.portName,
      replicas: workload.replicas,
      platform: cluster.platform,
      meshDistribution: inCluster.mesh?.install?.distribution,
      meshModel: inCluster.mesh?.install?.model,
      meshMtls: model.mesh?.mtls,
      meshDefaultDeny: model.mesh?.defaultDeny,
      meshVersion: inCluster.mesh?.version,
      allowLoadBalancerPlaintext: model.mesh?.allowLoadBalancerPlaintext,
      istioV1Since: firstV1,
      rsaBits: model.apps[0].secrets[0].rsaKeyPair?.bits,
      configSyncAuth: configSync?.auth,
    };
    // Fails when a default is added to DEFAULTS without being covered here.
    expect(Object.keys(applied).sort()).toEqual(Object.keys(DEFAULTS).sort());
    expect(applied).toEqual(DEFAULTS);
    // The GitOps defaults (resolve/gitops.ts reads them from the model's @default tags).
    expect({ ...argocd, repoURL: undefined }).toEqual({ repoURL: undefined, ...MODEL_DEFAULTS.ArgoCdInput });
    expect([configSync?.dir, configSync?.branch, tokenSync?.secretRef]).toEqual([
      MODEL_DEFAULTS.ConfigSyncInput.dir,
      MODEL_DEFAULTS.ConfigSyncInput.branch,
      MODEL_DEFAULTS.ConfigSyncInput.secretRef,
    ]);
    // Defaults that are not in DEFAULTS.
    expect(cluster.nodePool.initialNodes).toBe(DEFAULTS.minNodes);
    expect(cluster.region).toBe('us-west2');
    expect(cluster.labels).toEqual({});
    expect(model.clusters.map((c) => c.shortName)).toEqual(['a', 'cfg']);
    expect(model.clusters.map((c) => c.meshInstall)).toEqual([undefined, undefined]);
    expect(inCluster.clusters.map((c) => c.meshInstall)).toStrictEqual([{ network: 'default', controlPlane: 'primary' }, undefined]);
    expect(inCluster.mesh?.install).toStrictEqual({
      distribution: 'istio',
      meshId: 'proj-123456789012',
      model: 'multi-primary',
      primary: undefined,
      primaryAddress: undefined,
      clusterAdmin: undefined,
    });
    expect(model.apps[0].vmWorkloads).toEqual([]);
    expect(model.network.subnets).toEqual([]);
    expect(model.operatorCidrs).toEqual([]);
    expect(model.mesh?.istioApiVersion).toBe('v1');
    expect(seedShapeOf(model.multiClusterIngress)).toStrictEqual({
      name: 'asm-ingressgateway-multicluster-ingress',
      namespace: 'asm-ingress',
      serviceName: 'asm-ingressgateway-multicluster-svc',
      port: 80,
      backendConfigName: 'cfg-config',
      healthCheck: { type: 'HTTP', port: 15021, path: '/healthz/ready' },
    });
    expect(workload).toStrictEqual(resolvedWorkload({ name: 'web', image: 'nginx:1.27', port: 8080, clusters: ['a'] }));
    expect(model.gateways[0]).toStrictEqual({
      name: 'gw',
      namespace: 'web',
      className: 'gke-l7-rilb-mc',
      addresses: [{ region: 'us-west2' }],
      listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
      routes: [],
      healthChecks: [],
      backendPolicies: [],
    });
  });

  test('the defaults of a topology without the optional sections', () => {
    const model = validateTopology({ name: 'bare', project: { id: 'meshfleet-test' }, clusters: [{ name: 'a', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' }] }, 'test');
    expect(model.clusters[0].meshMember).toBe(false);
    expect(model.mesh).toBeUndefined();
    expect(model.fleet).toEqual({ configCluster: undefined, multiClusterServices: false });
    expect(model.gateways).toEqual([]);
    expect(model.multiClusterIngress).toBeUndefined();
    expect(model.apps).toEqual([]);
    expect(model.terraform.backend).toEqual({ type: 'local' });
  });

  test('explicit values override every default', () => {
    const model = validateTopology(
      {
        name: 'explicit',
        project: { id: 'meshfleet-test', nodeServiceAccount: 'team-nodes', gkeEnterprise: true },
        network: { name: 'mesh-vpc', firewallName: 'mesh-pods' },
        regions: [{ name: 'us-west2', nat: { enabled: true, logFilter: 'ERRORS_ONLY', addressName: 'west-ip', routerName: 'west-router', natName: 'west-nat' } }],
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
            dataplaneV2: false,
            authorizedNetworks: false,
            vulnerabilityScanning: 'enterprise',
          },
        ],
        fleet: { configCluster: 'a' },
        terraform: { backend: { type: 'gcs', bucket: 'tf-state', prefix: 'team/mesh' } },
      },
      'test',
    );
    expect(model.network).toEqual({ name: 'mesh-vpc', subnets: [], firewallName: 'mesh-pods' });
    expect(model.project.nodeServiceAccount).toBe('team-nodes');
    expect(model.project.gkeEnterprise).toBe(true);
    expect(model.regions).toEqual([
      { name: 'us-west2', nat: { logFilter: 'ERRORS_ONLY', addressName: 'west-ip', routerName: 'west-router', natName: 'west-nat' }, proxyOnlySubnet: undefined },
    ]);
    expect(model.clusters[0]).toMatchObject({
      platform: 'gke',
      role: 'config',
      private: false,
      nodePool: { machineType: 'n2-standard-8', minNodes: 1, maxNodes: 9, initialNodes: 2 },
      gatewayApi: 'experimental',
      releaseChannel: 'RAPID',
      labels: { team: 'mesh' },
      deletionProtection: false,
      dataplaneV2: false,
      authorizedNetworks: false,
      vulnerabilityScanning: 'enterprise',
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
          { name: 'pub', zone: 'us-west1-a', private: false, authorizedNetworks: false },
          { name: 'priv-east', zone: 'us-east1-b', masterCidr: '172.16.1.0/28' },
          { name: 'pub-2', zone: 'us-west2-b', private: false, authorizedNetworks: false },
        ],
      },
      'test',
    );
    expect(model.regions.map((r) => [r.name, r.nat?.logFilter])).toEqual([
      ['europe-west1', undefined],
      ['us-east1', 'ERRORS_ONLY'],
      ['us-west2', 'ALL'],
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
    expect(model.regions.map((r) => [r.name, r.nat?.logFilter])).toEqual([
      ['us-west2', undefined],
      ['us-central1', 'ALL'],
    ]);
  });

  test('nat.enabled: true creates NAT in a region without private clusters', () => {
    const model = validateTopology(
      {
        name: 'nat-on',
        project: { id: 'meshfleet-test' },
        regions: [
          { name: 'asia-east1', nat: { enabled: true, logFilter: 'TRANSLATIONS_ONLY' } },
          { name: 'us-west1', nat: { enabled: true } },
        ],
        clusters: [{ name: 'pub', zone: 'us-west1-a', private: false, authorizedNetworks: false }],
      },
      'test',
    );
    expect(model.regions.map((r) => [r.name, r.nat?.logFilter])).toEqual([
      ['asia-east1', 'TRANSLATIONS_ONLY'],
      ['us-west1', 'ALL'],
    ]);
  });

  test('Google Cloud names default to names that start with the topology name', () => {
    const model = validateTopology({ name: 'shop', project: { id: 'meshfleet-test' }, clusters: [{ name: 'priv', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' }] }, 'test');
    expect(model.project.nodeServiceAccount).toBe('shop-nodes');
    expect(model.network.firewallName).toBe('shop-pods-and-masters');
    expect(model.regions[0].nat).toEqual({ logFilter: 'ALL', addressName: 'shop-us-west2-nat-ip', routerName: 'shop-rtr-us-west2', natName: 'shop-nat-gw-us-west2' });
  });

  test('two topologies in one project get different names for every project-wide resource', () => {
    const named = (name: string) =>
      validateTopology({ name, project: { id: 'meshfleet-test' }, clusters: [{ name: 'priv', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' }] }, 'test');
    const names = (m: ResolvedTopology) => [
      m.project.nodeServiceAccount,
      m.network.firewallName,
      m.regions[0].nat!.addressName,
      m.regions[0].nat!.routerName,
      m.regions[0].nat!.natName,
    ];
    const [blue, green] = [names(named('blue')), names(named('green'))];
    blue.forEach((name, i) => expect(name).not.toBe(green[i]));
  });

  test('a long topology name gives names within the limits, shortened with a hash', () => {
    const long = `t${'-long'.repeat(12)}`; // 61 characters
    const model = validateTopology(
      { name: long, project: { id: 'meshfleet-test' }, clusters: [{ name: 'priv', zone: 'northamerica-northeast1-a', masterCidr: '172.16.0.0/28' }] },
      'test',
    );
    const sa = model.project.nodeServiceAccount;
    expect(sa).toMatch(/^t-long-long-long-long-l-[0-9a-f]{6}$/);
    expect(sa.length).toBe(30);
    for (const name of [model.network.firewallName, model.regions[0].nat!.addressName, model.regions[0].nat!.routerName, model.regions[0].nat!.natName]) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
    }
    // Shortened names stay distinct: two long names that differ only at the end.
    const other = validateTopology(
      { name: `${long.slice(0, -1)}x`, project: { id: 'meshfleet-test' }, clusters: [{ name: 'priv', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' }] },
      'test',
    );
    expect(other.project.nodeServiceAccount).not.toBe(sa);
  });

  test('meshMember is true only for workload clusters, and only when a mesh is declared', () => {
    const input: Draft = {
      name: 'mesh',
      project: { id: 'meshfleet-test', number: '123456789012' },
      clusters: [
        { name: 'w1', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' },
        { name: 'cfg', zone: 'us-west1-a', role: 'config', private: false, authorizedNetworks: false },
        // The pod range lets w2's istiod read the private w1 in a multi-cluster in-cluster mesh.
        { name: 'w2', zone: 'us-central1-a', role: 'workload', private: false, authorizedNetworks: false, podCidr: '10.4.0.0/14' },
      ],
      fleet: { configCluster: 'cfg' },
    };
    expect(validateTopology(input, 'test').clusters.map((c) => c.meshMember)).toEqual([false, false, false]);
    for (const management of ['fleet', 'in-cluster']) {
      const withMesh = { ...input, mesh: { management } };
      expect(validateTopology(withMesh, 'test').clusters.map((c) => c.meshMember)).toEqual([true, false, true]);
    }
    // Only the members of an in-cluster mesh get install settings.
    expect(validateTopology(input, 'test').clusters.map((c) => c.meshInstall)).toEqual([undefined, undefined, undefined]);
    expect(validateTopology({ ...input, mesh: { management: 'fleet' } }, 'test').clusters.map((c) => c.meshInstall)).toEqual([undefined, undefined, undefined]);
    const primary = { network: 'default', controlPlane: 'primary' };
    expect(validateTopology({ ...input, mesh: { management: 'in-cluster' } }, 'test').clusters.map((c) => c.meshInstall)).toStrictEqual([primary, undefined, primary]);
  });

  test('resolved regions: declared regions first, then cluster regions in cluster order', () => {
    const model = validateTopology(
      {
        name: 'order',
        project: { id: 'meshfleet-test' },
        regions: [{ name: 'us-east1' }, { name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' }],
        clusters: [
          { name: 'c1', zone: 'us-central1-a', private: false, authorizedNetworks: false },
          { name: 'c2', zone: 'us-west1-b', private: false, authorizedNetworks: false },
          { name: 'c3', zone: 'asia-east1-a', private: false, authorizedNetworks: false },
          { name: 'c4', zone: 'us-central1-f', private: false, authorizedNetworks: false },
          { name: 'c5', zone: 'europe-west4-c', private: false, authorizedNetworks: false, region: 'europe-west4' },
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

describe('Kubernetes-side defaults', () => {
  /** Two private workload clusters (one without the gke- prefix) and a public config cluster. */
  function k8sBase(): Draft {
    return {
      name: 'k8s',
      project: { id: 'meshfleet-test' },
      clusters: [
        { name: 'gke-west', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' },
        { name: 'east', zone: 'us-east1-b', masterCidr: '172.16.1.0/28' },
        { name: 'gke-config', zone: 'us-west1-a', role: 'config', private: false, authorizedNetworks: false },
      ],
      mesh: { management: 'fleet', ingressGateway: {} },
      fleet: { configCluster: 'gke-config' },
    };
  }

  test.each([
    ['gke-west', 'west'],
    ['gke-gke-a', 'gke-a'],
    ['west-gke', 'west-gke'],
    ['gkeast', 'gkeast'],
    ['my-gke-cluster', 'my-gke-cluster'],
  ])('the short name of %s is %s', (name, shortName) => {
    const model = validateTopology({ name: 't', project: { id: 'meshfleet-test' }, clusters: [{ name, zone: 'us-west1-a', private: false, authorizedNetworks: false }] }, 'test');
    expect(model.clusters[0].shortName).toBe(shortName);
  });

  test('an explicit short name wins', () => {
    const model = validateTopology(
      variantOf(k8sBase, (t) => (t.clusters[0].shortName = 'w1')),
      'test',
    );
    expect(model.clusters.map((c) => c.shortName)).toEqual(['w1', 'east', 'config']);
  });

  test('ingress gateway: each field defaults on its own', () => {
    const gateway = (ingressGateway: Draft) =>
      validateTopology(
        variantOf(k8sBase, (t) => (t.mesh.ingressGateway = ingressGateway)),
        'test',
      ).mesh?.ingressGateway;
    expect(gateway({})).toStrictEqual({ name: 'asm-ingressgateway', namespace: 'asm-ingress', labels: { asm: 'ingressgateway' } });
    expect(gateway({ name: 'edge' })).toStrictEqual({ name: 'edge', namespace: 'asm-ingress', labels: { asm: 'ingressgateway' } });
    expect(gateway({ namespace: 'edge-ns' })).toStrictEqual({ name: 'asm-ingressgateway', namespace: 'edge-ns', labels: { asm: 'ingressgateway' } });
    expect(gateway({ labels: { app: 'edge', istio: 'ingress' } })).toStrictEqual({
      name: 'asm-ingressgateway',
      namespace: 'asm-ingress',
      labels: { app: 'edge', istio: 'ingress' },
    });
  });

  test('no ingress gateway unless declared', () => {
    const model = validateTopology(
      variantOf(k8sBase, (t) => delete t.mesh.ingressGateway),
      'test',
    );
    expect(model.mesh).toStrictEqual({
      management: 'fleet',
      revision: undefined,
      version: undefined,
      istioApiVersion: 'v1',
      ingressGateway: undefined,
      install: undefined,
      routing: 'istio',
      mtls: 'STRICT',
      defaultDeny: false,
      allowLoadBalancerPlaintext: true,
    });
  });

  test('the default gateway labels are a copy, not DEFAULTS itself', () => {
    const labels = validateTopology(k8sBase(), 'test').mesh?.ingressGateway?.labels;
    expect(labels).toEqual(DEFAULTS.ingressGatewayLabels);
    expect(labels).not.toBe(DEFAULTS.ingressGatewayLabels);
  });

  test('multi-cluster ingress names follow the ingress gateway and the config cluster', () => {
    const model = validateTopology(
      variantOf(k8sBase, (t) => {
        t.mesh.ingressGateway = { name: 'edge', namespace: 'edge-ns' };
        t.multiClusterIngress = {};
      }),
      'test',
    );
    expect(seedShapeOf(model.multiClusterIngress)).toStrictEqual({
      name: 'edge-multicluster-ingress',
      namespace: 'edge-ns',
      serviceName: 'edge-multicluster-svc',
      port: 80,
      backendConfigName: 'gke-config-config',
      healthCheck: { type: 'HTTP', port: 15021, path: '/healthz/ready' },
    });
  });

  test('multi-cluster ingress: a partial health check keeps the default type', () => {
    const model = validateTopology(
      variantOf(k8sBase, (t) => (t.multiClusterIngress = { healthCheck: { port: 8080, path: '/ready' } })),
      'test',
    );
    expect(model.multiClusterIngress?.backendConfigs[0].healthCheck).toStrictEqual({ type: 'HTTP', port: 8080, path: '/ready' });
  });

  test('explicit multi-cluster ingress values override every default', () => {
    const model = validateTopology(
      variantOf(k8sBase, (t) => {
        t.multiClusterIngress = {
          name: 'mci',
          serviceName: 'mcs',
          port: 8443,
          backendConfigName: 'bc',
          healthCheck: { type: 'HTTPS', port: 443, path: '/healthz' },
        };
      }),
      'test',
    );
    expect(seedShapeOf(model.multiClusterIngress)).toStrictEqual({
      name: 'mci',
      namespace: 'asm-ingress',
      serviceName: 'mcs',
      port: 8443,
      backendConfigName: 'bc',
      healthCheck: { type: 'HTTPS', port: 443, path: '/healthz' },
    });
  });

  test('workload defaults: every workload cluster (not the config cluster), servicePort = port, containerName = name', () => {
    const model = validateTopology(
      variantOf(k8sBase, (t) => (t.apps = [{ namespace: 'shop', workloads: [{ name: 'cart', image: 'cart:v1', port: 7070 }] }])),
      'test',
    );
    expect(model.apps).toStrictEqual([
      {
        namespace: 'shop',
        configMaps: [],
        serviceAccounts: [],
        secrets: [],
        serviceEntries: [],
        routes: [],
        authorizationPolicies: [],
        requestAuthentications: [],
        extraObjects: [],
        patches: [],
        vmWorkloads: [],
        workloads: [
          {
            name: 'cart',
            kind: 'Deployment',
            image: 'cart:v1',
            port: 7070,
            servicePort: 7070,
            portName: 'http',
            containerName: 'cart',
            replicas: 1,
            env: {},
            readinessProbe: undefined,
            livenessProbe: undefined,
            startupProbe: undefined,
            extraPorts: [],
            serviceType: undefined,
            extraServices: [],
            args: undefined,
            envFrom: [],
            volumes: [],
            volumeMounts: [],
            volumeClaimTemplates: [],
            initContainers: [],
            securityContext: undefined,
            podSecurityContext: undefined,
            serviceAccountName: undefined,
            podAnnotations: {},
            resources: undefined,
            terminationGracePeriodSeconds: undefined,
            clusters: ['gke-west', 'east'],
            version: undefined,
            canary: undefined,
            versions: [],
            selectorIncludesVersion: false,
            virtualServiceName: 'cart',
            destinationRuleName: 'cart',
            expose: undefined,
            export: false,
          },
        ],
      },
    ]);
  });

  test('explicit workload values override every default', () => {
    const common = {
      image: 'postgres:16',
      port: 5432,
      servicePort: 15432,
      portName: 'tcp-postgresql',
      containerName: 'postgres',
      replicas: 3,
      env: { PGDATA: '/data' },
      readinessProbe: { httpPath: '/ready' },
      livenessProbe: { tcp: true, periodSeconds: 5 },
      startupProbe: { exec: ['pg_isready'], failureThreshold: 30 },
      extraPorts: [{ name: 'http-metrics', port: 9187, servicePort: 9187 }],
      serviceType: 'ClusterIP',
      args: ['-c', 'max_connections=200'],
      envFrom: [{ configMap: 'db-config' }],
      volumes: [{ name: 'data', emptyDir: {} }],
      volumeMounts: [{ name: 'data', mountPath: '/data' }],
      initContainers: [{ name: 'init', image: 'busybox:1.36' }],
      securityContext: { runAsNonRoot: true },
      podSecurityContext: { fsGroup: 999 },
      serviceAccountName: 'db',
      podAnnotations: { 'sidecar.istio.io/inject': 'true' },
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi' } },
      terminationGracePeriodSeconds: 60,
      clusters: ['east'],
      version: 'v16',
      selectorIncludesVersion: true,
      expose: { hosts: ['db.example.com'] },
      export: true,
    };
    // A StatefulSet with its own fields; a Deployment with a canary (a StatefulSet has no split).
    const statefulSet = {
      ...common,
      name: 'db',
      kind: 'StatefulSet',
      extraServices: [{ name: 'db-external', type: 'LoadBalancer' }],
      volumeClaimTemplates: [
        { metadata: { name: 'wal' }, spec: { accessModes: ['ReadWriteOncePod'], storageClassName: 'premium-rwo', resources: { requests: { storage: '1Gi' } } } },
      ],
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
    };
    const deployment = {
      ...common,
      name: 'api',
      kind: 'Deployment',
      extraServices: [{ name: 'api-external', type: 'LoadBalancer' }],
      canary: { version: 'v17', weight: 25, image: 'postgres:17', env: { PGDATA: '/data17' } },
      virtualServiceName: 'db-split',
      destinationRuleName: 'db-subsets',
      expose: { hosts: ['api.example.com'] },
    };
    const app = { namespace: 'data', configMaps: [{ name: 'db-config', data: { A: '1' } }], serviceAccounts: ['db'], workloads: [statefulSet, deployment] };
    const model = validateTopology(
      variantOf(k8sBase, (t) => (t.apps = [app])),
      'test',
    );
    // The canary also resolves into the two-version split (the only derived field).
    const versions = [
      { name: 'v16', weight: 75, image: 'postgres:16', env: {}, replicas: 3, labels: {} },
      { name: 'v17', weight: 25, image: 'postgres:17', env: { PGDATA: '/data17' }, replicas: 3, labels: {} },
    ];
    expect(model.apps[0].workloads[0]).toStrictEqual({ ...statefulSet, canary: undefined, versions: [], virtualServiceName: 'db', destinationRuleName: 'db' });
    expect(model.apps[0].workloads[1]).toStrictEqual({ ...deployment, volumeClaimTemplates: [], versions });
  });

  test.each([
    [
      { version: 'v2', weight: 0 },
      { version: 'v2', weight: 0, image: 'cart:v1', env: {} },
    ],
    [
      { version: 'v2', weight: 100, image: 'cart:v2' },
      { version: 'v2', weight: 100, image: 'cart:v2', env: {} },
    ],
    [
      { version: 'v2', weight: 25, env: { SLOW: '1' } },
      { version: 'v2', weight: 25, image: 'cart:v1', env: { SLOW: '1' } },
    ],
  ])('canary %j resolves to %j (the image defaults to the stable image)', (canary, resolved) => {
    const model = validateTopology(
      variantOf(k8sBase, (t) => (t.apps = [{ namespace: 'shop', workloads: [{ name: 'cart', image: 'cart:v1', port: 7070, version: 'v1', canary }] }])),
      'test',
    );
    expect(model.apps[0].workloads[0].canary).toStrictEqual(resolved);
  });

  test('gateway defaults: one HTTP listener http on port (80), no routes, no health checks; route labels default to {}', () => {
    const model = validateTopology(
      variantOf(k8sBase, (t) => {
        t.regions = [{ name: 'us-west2', proxyOnlySubnet: '10.129.0.0/23' }];
        t.gateways = [
          { name: 'plain', namespace: 'shop', className: 'gke-l7-rilb-mc', addresses: [{ region: 'us-west2' }] },
          {
            name: 'routed',
            namespace: 'shop',
            className: 'gke-l7-rilb-mc',
            addresses: [{ region: 'us-west2' }],
            port: 8080,
            routes: [{ name: 'r', hostnames: ['shop.example.internal'], rules: [{ backend: 'cart', port: 7070 }] }],
            healthChecks: [{ backend: 'cart-west', path: '/healthz', port: 7071 }],
          },
        ];
        t.fleet.multiClusterServices = true;
        t.clusters[2].gatewayApi = 'standard';
        t.apps = [{ namespace: 'shop', workloads: [{ name: 'cart', image: 'cart:v1', port: 7070, export: true }] }];
      }),
      'test',
    );
    expect(model.gateways).toStrictEqual([
      {
        name: 'plain',
        namespace: 'shop',
        className: 'gke-l7-rilb-mc',
        addresses: [{ region: 'us-west2' }],
        listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
        routes: [],
        healthChecks: [],
        backendPolicies: [],
      },
      {
        name: 'routed',
        namespace: 'shop',
        className: 'gke-l7-rilb-mc',
        addresses: [{ region: 'us-west2' }],
        listeners: [{ name: 'http', protocol: 'HTTP', port: 8080 }],
        routes: [{ kind: 'HTTPRoute', name: 'r', labels: {}, hostnames: ['shop.example.internal'], rules: [{ backend: 'cart', port: 7070 }] }],
        healthChecks: [{ backend: 'cart-west', type: 'HTTP', path: '/healthz', port: 7071 }],
        backendPolicies: [],
      },
    ]);
  });
});

describe('external clusters and in-cluster mesh defaults', () => {
  /**
   * A config cluster listed first, a public GKE workload cluster and an external one, an
   * in-cluster mesh with every setting omitted, and an app with one VM workload.
   */
  function inClusterBase(): Draft {
    return {
      name: 'in-cluster',
      project: { id: 'meshfleet-test', number: '123456789012' },
      clusters: [
        { name: 'cfg', zone: 'us-west1-c', role: 'config', private: false, authorizedNetworks: false },
        { name: 'west', zone: 'us-west1-a', private: false, authorizedNetworks: false },
        { name: 'onprem', platform: 'external' },
      ],
      fleet: { configCluster: 'cfg' },
      mesh: { management: 'in-cluster' },
      apps: [{ namespace: 'shop', vmWorkloads: [{ name: 'legacy', ports: [{ name: 'http', port: 8080 }] }] }],
    };
  }

  test('an external cluster resolves to its name, role, short name, platform and mesh settings only', () => {
    const model = validateTopology(
      variantOf(inClusterBase, (t) => (t.clusters[2].shortName = 'vm')),
      'test',
    );
    expect(model.clusters[2]).toStrictEqual({
      name: 'onprem',
      role: 'workload',
      shortName: 'vm',
      meshMember: true,
      meshInstall: { network: 'onprem', controlPlane: 'primary' },
      extraObjects: [],
      patches: [],
      platform: 'external',
    });
  });

  test('platform: gke is the default and gives a GKE cluster; platform: external gives none of the GKE fields', () => {
    const model = validateTopology(
      variantOf(inClusterBase, (t) => (t.clusters[1].platform = 'gke')),
      'test',
    );
    expect(model.clusters.map((c) => c.platform)).toEqual(['gke', 'gke', 'external']);
    expect(Object.keys(model.clusters[2]).sort()).toEqual(['extraObjects', 'meshInstall', 'meshMember', 'name', 'patches', 'platform', 'role', 'shortName']);
    expect(gke(model.clusters[1])).toMatchObject({ zone: 'us-west1-a', region: 'us-west1', private: false, nodePool: pool(3, 5) });
  });

  test('an external cluster adds no region (no NAT, no proxy-only subnet)', () => {
    const model = validateTopology(
      {
        name: 'ext',
        project: { id: 'meshfleet-test' },
        clusters: [
          { name: 'priv', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' },
          { name: 'onprem', platform: 'external' },
        ],
      },
      'test',
    );
    expect(model.regions.map((r) => [r.name, r.nat?.logFilter, r.proxyOnlySubnet])).toEqual([['us-west2', 'ALL', undefined]]);
  });

  test('an external cluster without a mesh is not a mesh member and has no install settings', () => {
    const model = validateTopology({ name: 'ext', project: { id: 'meshfleet-test' }, clusters: [{ name: 'onprem', platform: 'external' }] }, 'test');
    expect(model.clusters).toStrictEqual([
      { name: 'onprem', role: 'workload', shortName: 'onprem', meshMember: false, extraObjects: [], patches: [], meshInstall: undefined, platform: 'external' },
    ]);
  });

  test('meshNetwork defaults to the VPC name for a GKE cluster and to the cluster name for an external one', () => {
    const model = validateTopology(inClusterBase(), 'test');
    expect(model.clusters.map((c) => c.meshInstall)).toStrictEqual([
      undefined, // the config cluster is not in the mesh
      { network: 'default', controlPlane: 'primary' },
      { network: 'onprem', controlPlane: 'primary' },
    ]);
    const named = validateTopology(
      variantOf(inClusterBase, (t) => (t.network = { name: 'mesh-vpc' })),
      'test',
    );
    expect(named.clusters.map((c) => c.meshInstall?.network)).toEqual([undefined, 'mesh-vpc', 'onprem']);
  });

  test('an explicit meshNetwork wins on both platforms', () => {
    const model = validateTopology(
      variantOf(inClusterBase, (t) => {
        t.network = { name: 'mesh-vpc' };
        t.clusters[1].meshNetwork = 'net-west';
        t.clusters[2].meshNetwork = 'net-onprem';
      }),
      'test',
    );
    expect(model.clusters.map((c) => c.meshInstall?.network)).toEqual([undefined, 'net-west', 'net-onprem']);
  });

  test('mesh install settings default to istio, multi-primary and proj-<project number>', () => {
    expect(validateTopology(inClusterBase(), 'test').mesh).toStrictEqual({
      management: 'in-cluster',
      revision: undefined,
      version: '1.29',
      istioApiVersion: 'v1',
      ingressGateway: undefined,
      install: { distribution: 'istio', meshId: 'proj-123456789012', model: 'multi-primary', primary: undefined, primaryAddress: undefined, clusterAdmin: undefined },
      routing: 'istio',
      mtls: 'STRICT',
      defaultDeny: false,
      allowLoadBalancerPlaintext: true,
    });
  });

  test('an explicit meshId wins over the project number, and needs none', () => {
    const withNumber = validateTopology(
      variantOf(inClusterBase, (t) => (t.mesh.meshId = 'mesh1')),
      'test',
    );
    expect(withNumber.mesh?.install?.meshId).toBe('mesh1');
    const withoutNumber = validateTopology(
      variantOf(inClusterBase, (t) => {
        delete t.project.number;
        t.mesh.meshId = 'mesh2';
      }),
      'test',
    );
    expect(withoutNumber.mesh?.install?.meshId).toBe('mesh2');
  });

  test('explicit mesh install settings override every default', () => {
    const model = validateTopology(
      variantOf(inClusterBase, (t) => {
        t.mesh = {
          management: 'in-cluster',
          distribution: 'asm',
          meshId: 'mesh1',
          model: 'primary-remote',
          // An external primary takes the address of its east-west gateway.
          primary: 'onprem',
          primaryAddress: 'istiod.example.com',
          clusterAdmin: 'admin@example.com',
        };
      }),
      'test',
    );
    expect(model.mesh?.install).toStrictEqual({
      distribution: 'asm',
      meshId: 'mesh1',
      model: 'primary-remote',
      primary: 'onprem',
      primaryAddress: 'istiod.example.com',
      clusterAdmin: 'admin@example.com',
    });
  });

  test('multi-primary: every mesh cluster runs a control plane', () => {
    const model = validateTopology(
      variantOf(inClusterBase, (t) => (t.mesh.model = 'multi-primary')),
      'test',
    );
    expect(model.clusters.map((c) => c.meshInstall?.controlPlane)).toEqual([undefined, 'primary', 'primary']);
  });

  test.each([
    ['west', ['primary', 'remote']],
    ['onprem', ['remote', 'primary']],
  ])('primary-remote with primary %s: the primary runs the control plane, the others are remotes', (primary, planes) => {
    const model = validateTopology(
      // Only the external primary takes an address; a GKE primary's is reserved by meshfleet.
      variantOf(inClusterBase, (t) => Object.assign(t.mesh, { model: 'primary-remote', primary }, primary === 'onprem' ? { primaryAddress: '35.190.20.20' } : {})),
      'test',
    );
    expect(model.clusters.map((c) => c.meshInstall?.controlPlane)).toEqual([undefined, ...planes]);
    expect(model.apps[0].vmWorkloads[0].cluster).toBe(primary);
  });

  test('VM workload defaults: labels { app: <name> }, service account <name>, no network, no probe, the first mesh cluster', () => {
    const model = validateTopology(inClusterBase(), 'test');
    expect(model.apps).toStrictEqual([
      {
        namespace: 'shop',
        workloads: [],
        configMaps: [],
        serviceAccounts: [],
        secrets: [],
        serviceEntries: [],
        routes: [],
        authorizationPolicies: [],
        requestAuthentications: [],
        extraObjects: [],
        patches: [],
        vmWorkloads: [
          {
            name: 'legacy',
            labels: { app: 'legacy' },
            serviceAccount: 'legacy',
            ports: [{ name: 'http', port: 8080 }],
            network: undefined,
            probe: undefined,
            // cfg comes first but is not in the mesh.
            cluster: 'west',
          },
        ],
      },
    ]);
  });

  test('each VM workload gets labels of its own', () => {
    const model = validateTopology(
      variantOf(inClusterBase, (t) => t.apps[0].vmWorkloads.push({ name: 'batch', ports: [{ name: 'grpc', port: 9090 }] })),
      'test',
    );
    const [legacy, batch] = model.apps[0].vmWorkloads;
    expect([legacy.labels, batch.labels]).toEqual([{ app: 'legacy' }, { app: 'batch' }]);
    expect(legacy.labels).not.toBe(batch.labels);
  });

  test('explicit VM workload values override every default', () => {
    const vm = {
      name: 'legacy',
      labels: { app: 'reviews', version: 'v3' },
      serviceAccount: 'reviews',
      ports: [
        { name: 'http', port: 9080 },
        { name: 'grpc-admin', port: 9090 },
      ],
      network: 'vm-net',
      probe: { port: 9080, httpPath: '/health' },
      cluster: 'onprem',
    };
    const model = validateTopology(
      variantOf(inClusterBase, (t) => (t.apps[0].vmWorkloads = [vm])),
      'test',
    );
    expect(model.apps[0].vmWorkloads).toStrictEqual([vm]);
  });

  test('a VM probe without a path stays a TCP probe', () => {
    const model = validateTopology(
      variantOf(inClusterBase, (t) => (t.apps[0].vmWorkloads[0].probe = { port: 8080 })),
      'test',
    );
    expect(model.apps[0].vmWorkloads[0].probe).toStrictEqual({ port: 8080 });
  });

  test('an app may have workloads and VM workloads; either list defaults to []', () => {
    const both = validateTopology(
      variantOf(inClusterBase, (t) => (t.apps[0].workloads = [{ name: 'web', image: 'nginx:1.27', port: 8080 }])),
      'test',
    );
    expect(both.apps[0].workloads.map((w) => [w.name, w.clusters])).toEqual([['web', ['west', 'onprem']]]);
    expect(both.apps[0].vmWorkloads.map((vm) => vm.name)).toEqual(['legacy']);
    const workloadsOnly = validateTopology(
      variantOf(inClusterBase, (t) => (t.apps = [{ namespace: 'shop', workloads: [{ name: 'web', image: 'nginx:1.27', port: 8080 }] }])),
      'test',
    );
    expect(workloadsOnly.apps[0].vmWorkloads).toEqual([]);
  });
});

describe('istioApiVersionOf', () => {
  test.each<[string, 'fleet' | 'in-cluster', string | undefined, 'v1' | 'v1beta1']>([
    ['a fleet-managed mesh', 'fleet', undefined, 'v1'],
    ['a fleet-managed mesh, whatever the version says', 'fleet', '1.8.6', 'v1'],
    ['in-cluster 1.8.6', 'in-cluster', '1.8.6', 'v1beta1'],
    ['in-cluster 1.21', 'in-cluster', '1.21', 'v1beta1'],
    ['in-cluster 1.21.9', 'in-cluster', '1.21.9', 'v1beta1'],
    ['in-cluster 1.22', 'in-cluster', '1.22', 'v1'],
    ['in-cluster 1.22.0', 'in-cluster', '1.22.0', 'v1'],
    ['in-cluster 1.24.2', 'in-cluster', '1.24.2', 'v1'],
    ['in-cluster 2.0', 'in-cluster', '2.0', 'v1'],
    ['in-cluster 0.30', 'in-cluster', '0.30', 'v1beta1'],
    ['in-cluster without a version (the current release line)', 'in-cluster', undefined, 'v1'],
  ])('%s → %s', (_what, management, version, expected) => {
    expect(istioApiVersionOf({ management, version })).toBe(expected);
  });

  test.each<[Draft, 'v1' | 'v1beta1']>([
    [{ management: 'fleet' }, 'v1'],
    [{ management: 'in-cluster', version: '1.8.6', revision: 'asm-186-8' }, 'v1beta1'],
    [{ management: 'in-cluster', version: '1.21' }, 'v1beta1'],
    [{ management: 'in-cluster', version: '1.22' }, 'v1'],
    [{ management: 'in-cluster', version: '2.0' }, 'v1'],
    [{ management: 'in-cluster' }, 'v1'],
  ])('the resolved mesh %j has istioApiVersion %s', (mesh, expected) => {
    const model = validateTopology(
      {
        name: 't',
        project: { id: 'meshfleet-test', number: '123456789012' },
        // An in-cluster mesh too old for GKE runs on an existing cluster of its Kubernetes age.
        clusters: [
          mesh.management === 'in-cluster' && typeof mesh.version === 'string' && ISTIO_KUBERNETES_SUPPORT[minorOf(mesh.version) ?? -1] !== undefined
            ? { name: 'a', platform: 'external', kubernetesVersion: `1.${ISTIO_KUBERNETES_SUPPORT[minorOf(mesh.version)!].max}` }
            : { name: 'a', zone: 'us-west1-a', private: false, authorizedNetworks: false },
        ],
        mesh,
      },
      'test',
    );
    expect(model.mesh?.istioApiVersion).toBe(expected);
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
          meshNetwork: 'net-west',
        },
      ],
      mesh: {
        management: 'in-cluster',
        revision: 'asm-1',
        version: '1.29.6',
        ingressGateway: { name: 'edge', namespace: 'edge-ns', labels: { app: 'edge' } },
        distribution: 'asm',
        clusterAdmin: 'admin@example.com',
      },
      fleet: { configCluster: 'west', multiClusterServices: true },
      multiClusterIngress: { healthCheck: { port: 15021, path: '/healthz/ready' } },
      apps: [
        {
          namespace: 'store',
          workloads: [
            {
              name: 'store',
              image: 'whereami:v1',
              port: 8080,
              env: { MODE: 'a' },
              resources: { requests: { cpu: '100m' } },
              clusters: ['west'],
              version: 'v1',
              canary: { version: 'v2', weight: 10, env: { MODE: 'b' } },
              expose: { hosts: ['store.example.com'] },
              export: true,
            },
          ],
          configMaps: [],
          serviceAccounts: [],
          secrets: [],
          serviceEntries: [],
          routes: [],
          authorizationPolicies: [],
          requestAuthentications: [],
          vmWorkloads: [
            { name: 'legacy', labels: { app: 'legacy' }, ports: [{ name: 'http', port: 9080 }], probe: { port: 9080, httpPath: '/health' } },
            { name: 'batch', ports: [{ name: 'tcp', port: 7000 }] },
          ],
        },
      ],
      gateways: [
        {
          name: 'gw',
          namespace: 'store',
          className: 'gke-l7-rilb-mc',
          addresses: [{ region: 'us-west1', staticAddress: 'gw-ip' }],
          routes: [{ name: 'r', labels: { tier: 'a' }, hostnames: ['store.example.internal'], rules: [{ pathPrefix: '/', backend: 'store', port: 8080 }] }],
          healthChecks: [{ backend: 'store-v1', path: '/health' }], // store has a canary: the Gateway reaches store-v1 and store-v2
        },
      ],
      terraform: { backend: { type: 'gcs', bucket: 'tf-state', prefix: 'p' } },
    };
  }

  /**
   * A deep copy made in the test's own realm. (structuredClone builds its objects with another
   * realm's Object.prototype under jest, so toStrictEqual never matches them.)
   */
  function deepCopy<T>(value: T): T {
    if (Array.isArray(value)) return value.map(deepCopy) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopy(v)])) as T;
    }
    return value;
  }

  test('validation does not change the input', () => {
    const input = richInput();
    validateTopology(input, 'test');
    expect(input).toStrictEqual(richInput());
  });

  test('the resolved model is not affected by mutating the input afterwards', () => {
    const input = richInput();
    const model: ResolvedTopology = validateTopology(input, 'test');
    const before = deepCopy(model);
    expect(before).toStrictEqual(model); // the copy itself is faithful

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
    input.clusters[0].meshNetwork = 'changed';
    input.clusters.push({ name: 'other', zone: 'us-east1-b' });
    input.mesh.revision = 'changed';
    input.mesh.distribution = 'istio';
    input.mesh.meshId = 'changed';
    input.project.number = '999999999999';
    input.mesh.ingressGateway.name = 'changed';
    input.mesh.ingressGateway.labels.app = 'changed';
    input.mesh.ingressGateway.labels.extra = 'x';
    input.fleet.configCluster = 'changed';
    input.multiClusterIngress.healthCheck.path = '/changed';
    const workload = input.apps[0].workloads[0];
    workload.name = 'changed';
    workload.env.MODE = 'changed';
    workload.env.EXTRA = 'x';
    workload.resources.requests.cpu = '9';
    workload.clusters.push('other');
    workload.canary.weight = 99;
    workload.canary.env.MODE = 'changed';
    workload.expose.hosts.push('evil.example.com');
    input.apps[0].workloads.push({ name: 'x', image: 'x', port: 1 });
    const vm = input.apps[0].vmWorkloads[0];
    vm.name = 'changed';
    vm.labels.app = 'changed';
    vm.labels.extra = 'x';
    vm.ports[0].port = 1;
    vm.ports.push({ name: 'x', port: 2 });
    vm.probe.httpPath = '/changed';
    input.apps[0].vmWorkloads.push({ name: 'x', ports: [] });
    input.apps.push({ namespace: 'x', workloads: [] });
    input.gateways[0].addresses[0].region = 'us-east1';
    input.gateways[0].addresses.push({ region: 'us-east4' });
    input.gateways[0].routes[0].labels.tier = 'changed';
    input.gateways[0].routes[0].hostnames.push('evil.example.internal');
    input.gateways[0].routes[0].rules[0].backend = 'changed';
    input.gateways[0].routes[0].rules.push({ backend: 'x', port: 1 });
    input.gateways[0].healthChecks[0].path = '/changed';
    input.gateways[0].healthChecks.push({ backend: 'x', path: '/' });
    input.gateways.push({ name: 'gw2' });
    input.terraform.backend.bucket = 'changed';

    expect(model).toStrictEqual(before);
    expect(gke(model.clusters[0]).labels).toEqual({ team: 'mesh' });
    expect(model.gateways[0].addresses).toEqual([{ region: 'us-west1', staticAddress: 'gw-ip' }]);
    expect(model.apps[0].workloads[0].canary).toEqual({ version: 'v2', weight: 10, image: 'whereami:v1', env: { MODE: 'b' } });
    expect(model.clusters[0].meshInstall).toEqual({ network: 'net-west', controlPlane: 'primary' });
    expect(model.mesh?.install?.meshId).toBe('proj-123456789012');
    expect(model.apps[0].vmWorkloads).toEqual([
      {
        name: 'legacy',
        labels: { app: 'legacy' },
        serviceAccount: 'legacy',
        ports: [{ name: 'http', port: 9080 }],
        network: undefined,
        probe: { port: 9080, httpPath: '/health' },
        cluster: 'west',
      },
      { name: 'batch', labels: { app: 'batch' }, serviceAccount: 'batch', ports: [{ name: 'tcp', port: 7000 }], network: undefined, probe: undefined, cluster: 'west' },
    ]);
  });

  test('a probe command is copied, not shared with the input', () => {
    const input = richInput();
    input.apps[0].workloads[0].probe = { exec: ['/bin/grpc_health_probe', '-addr=:8080'] };
    const model = validateTopology(input, 'test');
    input.apps[0].workloads[0].probe.exec.push('-v');
    input.apps[0].workloads[0].probe.exec[0] = '/bin/changed';
    expect(model.apps[0].workloads[0].readinessProbe).toStrictEqual({ exec: ['/bin/grpc_health_probe', '-addr=:8080'] });
    expect(model.apps[0].workloads[0].livenessProbe).toStrictEqual({ exec: ['/bin/grpc_health_probe', '-addr=:8080'] });
  });

  test('env sources, volumes and security contexts are copied, not shared with the input', () => {
    const input = richInput();
    const w = input.apps[0].workloads[0];
    input.apps[0].configMaps = [{ name: 'cfg', data: { A: '1' } }];
    w.env = { A: { configMapKeyRef: { name: 'cfg', key: 'A' } } };
    w.volumes = [{ name: 'tmp', emptyDir: {} }];
    w.securityContext = { capabilities: { drop: ['all'] } };
    const model = validateTopology(input, 'test');
    w.env.A.configMapKeyRef.key = 'B';
    w.volumes[0].name = 'changed';
    w.securityContext.capabilities.drop.push('x');
    const resolved = model.apps[0].workloads[0];
    expect(resolved.env).toStrictEqual({ A: { configMapKeyRef: { name: 'cfg', key: 'A' } } });
    expect(resolved.volumes).toStrictEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(resolved.securityContext).toStrictEqual({ capabilities: { drop: ['all'] } });
  });
});

describe('messages quote a short excerpt of the input (issue 10 point 3)', () => {
  const long = 'x'.repeat(10_000);
  const topology = (change: (t: Draft) => void) => {
    const t: Draft = { name: 'excerpt', project: { id: 'meshfleet-test' }, clusters: [{ name: 'c1', zone: 'us-west1-a', private: false }] };
    change(t);
    return t;
  };

  test('a 10,000-character unknown key: the path and the value found are excerpts (the allowed keys are listed in full)', () => {
    const error = topologyError(() =>
      validateTopology(
        topology((t) => (t.clusters[0][long] = 1)),
        'test',
      ),
    );
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].path).toBe(`clusters[0].${'x'.repeat(80)}...`);
    expect(error.message).not.toMatch(/x{81}/);
  });

  test.each([
    ['a name', (t: Draft): unknown => (t.clusters[0].name = long)],
    ['an image', (t: Draft): unknown => (t.apps = [{ namespace: 'a', workloads: [{ name: 'w', image: `${long}:x` }] }])],
    ['a zone', (t: Draft): unknown => (t.clusters[0].zone = `us-west1-${long}`)],
    [
      'a host',
      (t: Draft): unknown => {
        t.mesh = { management: 'fleet', ingressGateway: {} };
        return (t.apps = [{ namespace: 'a', workloads: [{ name: 'w', image: 'nginx', port: 80, expose: { hosts: [long] } }] }]);
      },
    ],
  ] as const)('a 10,000-character string in %s', (_what, change) => {
    const error = topologyError(() => validateTopology(topology(change), 'test'));
    for (const p of error.problems) expect(`${p.path}: ${p.message}`.length).toBeLessThan(300);
    expect(error.message).not.toMatch(/x{81}/);
    expect(error.message.length).toBeLessThan(300 * error.problems.length + 50);
  });

  test('the excerpt keeps the start, escapes control characters and tells the length', () => {
    expect(excerpt('a\nb')).toBe('"a\\nb"');
    expect(excerpt(long)).toBe(`"${'x'.repeat(80)}"... (10000 characters)`);
  });
});

describe('YAML problems quote a short excerpt too', () => {
  const long = 'x'.repeat(10_000);

  test.each([
    ['an unresolved alias with a long name', `name: *${long}`],
    ['a long key without its colon in reach', `a: b\n${long}: ]`],
  ])('%s', (_what, text) => {
    const error = topologyError(() => parseTopologyText(text, 'long.yaml'));
    for (const p of error.problems) expect(`${p.path}: ${p.message}`.length).toBeLessThan(300);
  });

  test('a key that is a list or a mapping is refused at its position, not stringified', () => {
    const error = topologyError(() => parseTopologyText('name: a\n? [x, y]\n: 1\n', 'complex.yaml'));
    expect(error.problems).toEqual([
      { path: 'line 2, column 3', message: 'A key must be a plain value, not a list or mapping (found invalid YAML, expected a YAML or JSON mapping)' },
    ]);
  });
});
