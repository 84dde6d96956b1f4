import { join } from 'node:path';
import { eastWestGatewayOf, meshInstallClusters, meshNetworks, remoteSecretsOf, reservedEastWestAddress, ResolvedTopology, vmWorkloadsOf } from '../../../src/topology';
import { loadTopologyFile, validateTopology } from '../../../src/load/load';
import { Draft } from '../support';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

/**
 * A valid in-cluster mesh over public GKE clusters `a`, `b` (and more when `names` says so) on
 * the default network, multi-primary unless `mesh` says otherwise. `change` edits the draft.
 */
function meshOf(mesh: Draft, change: (t: Draft) => void = () => undefined, names: string[] = ['a', 'b']): ResolvedTopology {
  const t: Draft = {
    name: 'plan',
    project: { id: 'meshfleet-test', number: '123456789012' },
    clusters: names.map((name, i) => ({ name, zone: `us-west1-${'abcdef'[i]}`, private: false, authorizedNetworks: false })),
    mesh: { management: 'in-cluster', ...mesh },
  };
  change(t);
  return validateTopology(t, 'test');
}

/** Primary-remote around the GKE cluster `a`: meshfleet reserves its east-west address. */
const PRIMARY_REMOTE = { model: 'primary-remote', primary: 'a' };

/** The address meshfleet reserves for GKE primary `cluster` of the `plan` topology. */
/** Internal (every mesh cluster is a GKE cluster of the VPC): in the VPC's auto-mode subnet. */
const reserved = (cluster: string, region = 'us-west1') => ({ cluster, region, name: `plan-${cluster}-eastwest`, output: `eastwest-address-${cluster}`, subnetwork: 'default' });

/** Primary-remote around an external cluster `onprem` (on its own network) reached at `address`. */
function externalPrimary(address: string): ResolvedTopology {
  return meshOf({ model: 'primary-remote', primary: 'onprem', primaryAddress: address }, (t) => t.clusters.push({ name: 'onprem', platform: 'external' }), ['a']);
}

/** The plan of every cluster, by name. */
function gateways(model: ResolvedTopology): Record<string, ReturnType<typeof eastWestGatewayOf>> {
  return Object.fromEntries(model.clusters.map((c) => [c.name, eastWestGatewayOf(model, c)]));
}

/** Remote secrets as `holder → target` names. */
function secrets(model: ResolvedTopology): string[] {
  return remoteSecretsOf(model).map((s) => `${s.holder.name} → ${s.target.name}`);
}

const vm = (name: string, extra: Draft = {}): Draft => ({ name, ports: [{ name: 'http', port: 9080 }], ...extra });

describe('eastWestGatewayOf', () => {
  test('multi-primary on one network: no cluster needs an east-west gateway', () => {
    expect(gateways(meshOf({}))).toStrictEqual({ a: undefined, b: undefined });
  });

  test('multi-primary on two networks: every cluster carries cross-network traffic, none exposes istiod', () => {
    const model = meshOf({}, (t) => {
      t.clusters[0].meshNetwork = 'network1';
      t.clusters[1].meshNetwork = 'network2';
    });
    expect(gateways(model)).toStrictEqual({
      a: { crossNetwork: true, exposeIstiod: false },
      b: { crossNetwork: true, exposeIstiod: false },
    });
  });

  test('the multi-network example: both primaries get a cross-network gateway', () => {
    const model = loadTopologyFile(join(EXAMPLES, 'istio-multi-primary-multi-network.yaml'));
    expect(gateways(model)).toStrictEqual({
      cluster1: { crossNetwork: true, exposeIstiod: false },
      cluster2: { crossNetwork: true, exposeIstiod: false },
    });
  });

  test('an external cluster on its own network (the default) makes the mesh multi-network', () => {
    const model = meshOf({}, (t) => t.clusters.push({ name: 'onprem', platform: 'external' }));
    expect(gateways(model)).toStrictEqual({
      a: { crossNetwork: true, exposeIstiod: false },
      b: { crossNetwork: true, exposeIstiod: false },
      onprem: { crossNetwork: true, exposeIstiod: false },
    });
  });

  test('primary-remote on one network: the GKE primary exposes istiod at its reserved address, the remote needs nothing', () => {
    expect(gateways(meshOf(PRIMARY_REMOTE))).toStrictEqual({
      a: { crossNetwork: false, exposeIstiod: true, reservedAddress: reserved('a') },
      b: undefined,
    });
  });

  test('primary-remote: the primary need not be the first cluster', () => {
    expect(gateways(meshOf({ ...PRIMARY_REMOTE, primary: 'b' }, undefined, ['a', 'b', 'c']))).toStrictEqual({
      a: undefined,
      b: { crossNetwork: false, exposeIstiod: true, reservedAddress: reserved('b') },
      c: undefined,
    });
  });

  test('an external primary exposes istiod at the requested IPv4 primary address (nothing reserved)', () => {
    const model = externalPrimary('35.190.20.20');
    expect(gateways(model)).toStrictEqual({
      a: { crossNetwork: true, exposeIstiod: false },
      onprem: { crossNetwork: true, exposeIstiod: true, loadBalancerIp: '35.190.20.20' },
    });
    expect(reservedEastWestAddress(model)).toBeUndefined();
  });

  test('primary-remote on two networks: both carry cross-network traffic, only the primary exposes istiod', () => {
    const model = meshOf(PRIMARY_REMOTE, (t) => {
      t.clusters[0].meshNetwork = 'network1';
      t.clusters[1].meshNetwork = 'network2';
    });
    expect(gateways(model)).toStrictEqual({
      a: { crossNetwork: true, exposeIstiod: true, reservedAddress: reserved('a') },
      b: { crossNetwork: true, exposeIstiod: false },
    });
  });

  test('a DNS primary address of an external primary is not requested as a load balancer IP', () => {
    expect(gateways(externalPrimary('istiod.example.com')).onprem).toStrictEqual({ crossNetwork: true, exposeIstiod: true });
  });

  test('a primary-remote mesh of one cluster and no VMs needs no gateway and reserves no address', () => {
    const model = meshOf(PRIMARY_REMOTE, undefined, ['a']);
    expect(gateways(model)).toStrictEqual({ a: undefined });
    expect(reservedEastWestAddress(model)).toBeUndefined();
  });

  test('multi-primary on one network: the cluster VMs register with exposes istiod, the others need nothing', () => {
    const model = meshOf({}, (t) => (t.apps = [{ namespace: 'legacy', vmWorkloads: [vm('reviews', { cluster: 'b' })] }]));
    expect(gateways(model)).toStrictEqual({ a: undefined, b: { crossNetwork: false, exposeIstiod: true } });
  });

  test('VMs register with the first primary by default, which then exposes istiod', () => {
    const model = meshOf({}, (t) => (t.apps = [{ namespace: 'legacy', vmWorkloads: [vm('reviews')] }]));
    expect(gateways(model)).toStrictEqual({ a: { crossNetwork: false, exposeIstiod: true }, b: undefined });
  });

  test('a single-cluster mesh with a VM: the VM host exposes istiod', () => {
    const model = meshOf({}, (t) => (t.apps = [{ namespace: 'legacy', vmWorkloads: [vm('reviews')] }]), ['a']);
    expect(gateways(model)).toStrictEqual({ a: { crossNetwork: false, exposeIstiod: true } });
  });

  test('VMs on a network of their own make every cluster carry cross-network traffic', () => {
    const model = meshOf({}, (t) => (t.apps = [{ namespace: 'legacy', vmWorkloads: [vm('reviews', { network: 'vm-net', cluster: 'b' })] }]));
    expect(gateways(model)).toStrictEqual({
      a: { crossNetwork: true, exposeIstiod: false },
      b: { crossNetwork: true, exposeIstiod: true },
    });
  });

  test('VMs on the network of the clusters do not make the mesh multi-network', () => {
    const model = meshOf({}, (t) => (t.apps = [{ namespace: 'legacy', vmWorkloads: [vm('reviews', { network: 'default' })] }]));
    expect(gateways(model)).toStrictEqual({ a: { crossNetwork: false, exposeIstiod: true }, b: undefined });
  });

  test('the primary-remote example: the primary exposes istiod (remotes and a VM) at the address reserved in us-west1', () => {
    const model = loadTopologyFile(join(EXAMPLES, 'istio-primary-remote.yaml'));
    const address = { cluster: 'cluster1', region: 'us-west1', name: 'istio-primary-remote-cluster1-eastwest', output: 'eastwest-address-cluster1', subnetwork: 'default' };
    expect(gateways(model)).toStrictEqual({
      cluster1: { crossNetwork: false, exposeIstiod: true, reservedAddress: address },
      cluster2: undefined,
    });
    expect(reservedEastWestAddress(model)).toStrictEqual(address);
  });

  test('the seed 001 example (one external cluster, no VMs) needs no gateway', () => {
    const model = loadTopologyFile(join(EXAMPLES, 'asm-onprem-vmware.yaml'));
    expect(gateways(model)).toStrictEqual({ cluster1: undefined });
  });

  test('a fleet-managed mesh needs no gateway (the fleet runs them)', () => {
    const model = validateTopology(
      {
        name: 'fleet',
        project: { id: 'meshfleet-test' },
        network: { name: 'mesh-vpc' },
        clusters: [
          { name: 'a', zone: 'us-west1-a', private: false, authorizedNetworks: false },
          { name: 'b', zone: 'us-east1-b', private: false, authorizedNetworks: false },
        ],
        mesh: { management: 'fleet' },
      },
      'test',
    );
    expect(gateways(model)).toStrictEqual({ a: undefined, b: undefined });
  });

  test('a cluster outside the mesh (the config cluster) needs no gateway, even on a multi-network mesh', () => {
    const model = meshOf({}, (t) => {
      t.clusters[0].meshNetwork = 'network1';
      t.clusters[1].meshNetwork = 'network2';
      t.clusters.push({ name: 'cfg', zone: 'us-west1-c', role: 'config', private: false, authorizedNetworks: false });
      t.fleet = { configCluster: 'cfg' };
    });
    expect(eastWestGatewayOf(model, model.clusters[2])).toBeUndefined();
    expect(eastWestGatewayOf(model, model.clusters[0])).toStrictEqual({ crossNetwork: true, exposeIstiod: false });
  });
});

describe('remoteSecretsOf', () => {
  test('multi-primary: every ordered pair of mesh clusters, by holder then target, in topology order', () => {
    expect(secrets(meshOf({}, undefined, ['c', 'a', 'b']))).toEqual(['c → a', 'c → b', 'a → c', 'a → b', 'b → c', 'b → a']);
  });

  test('multi-primary of two clusters: one secret each way', () => {
    expect(secrets(meshOf({}))).toEqual(['a → b', 'b → a']);
  });

  test('the secrets hold the resolved clusters themselves', () => {
    const model = meshOf({});
    const [first] = remoteSecretsOf(model);
    expect(first.holder).toBe(model.clusters[0]);
    expect(first.target).toBe(model.clusters[1]);
  });

  test('primary-remote: the primary reads each remote, in topology order; remotes hold none', () => {
    expect(secrets(meshOf({ ...PRIMARY_REMOTE, primary: 'b' }, undefined, ['a', 'b', 'c']))).toEqual(['b → a', 'b → c']);
  });

  test('the primary-remote example: cluster1 reads cluster2', () => {
    expect(secrets(loadTopologyFile(join(EXAMPLES, 'istio-primary-remote.yaml')))).toEqual(['cluster1 → cluster2']);
  });

  test('external clusters are holders and targets like any other mesh cluster', () => {
    expect(secrets(meshOf({}, (t) => t.clusters.push({ name: 'onprem', platform: 'external' })))).toEqual([
      'a → b',
      'a → onprem',
      'b → a',
      'b → onprem',
      'onprem → a',
      'onprem → b',
    ]);
  });

  test('the config cluster is neither holder nor target', () => {
    const model = meshOf({}, (t) => {
      t.clusters.splice(1, 0, { name: 'cfg', zone: 'us-west1-c', role: 'config', private: false, authorizedNetworks: false });
      t.fleet = { configCluster: 'cfg' };
    });
    expect(secrets(model)).toEqual(['a → b', 'b → a']);
  });

  test.each<[string, Draft]>([
    ['multi-primary', {}],
    ['primary-remote', PRIMARY_REMOTE],
  ])('a single-cluster %s mesh needs no remote secret', (_model, mesh) => {
    expect(remoteSecretsOf(meshOf(mesh, undefined, ['a']))).toEqual([]);
  });

  test('a fleet-managed mesh needs no remote secret', () => {
    const model = validateTopology(
      {
        name: 'fleet',
        project: { id: 'meshfleet-test' },
        clusters: [
          { name: 'a', zone: 'us-west1-a', private: false, authorizedNetworks: false },
          { name: 'b', zone: 'us-east1-b', private: false, authorizedNetworks: false },
        ],
        mesh: { management: 'fleet' },
      },
      'test',
    );
    expect(remoteSecretsOf(model)).toEqual([]);
  });
});

describe('meshNetworks, meshInstallClusters and vmWorkloadsOf', () => {
  test('the networks of the clusters, sorted and unique', () => {
    const model = meshOf({}, (t) => {
      t.clusters[0].meshNetwork = 'network2';
      t.clusters[1].meshNetwork = 'network1';
      t.clusters.push({ name: 'c', zone: 'us-west1-c', private: false, authorizedNetworks: false, meshNetwork: 'network2' });
    });
    expect(meshNetworks(model)).toEqual(['network1', 'network2']);
  });

  test('the default networks: the VPC name for GKE clusters, the cluster name for external ones', () => {
    const model = meshOf({}, (t) => {
      t.network = { name: 'mesh-vpc' };
      t.clusters.push({ name: 'onprem', platform: 'external' });
    });
    expect(meshNetworks(model)).toEqual(['mesh-vpc', 'onprem']);
  });

  test("VMs' own networks are included, once", () => {
    const model = meshOf({}, (t) => {
      t.apps = [
        { namespace: 'legacy', vmWorkloads: [vm('reviews', { network: 'vm-net' }), vm('ratings', { network: 'default' }), vm('details')] },
        { namespace: 'other', vmWorkloads: [vm('reviews', { network: 'vm-net' }), vm('billing', { network: 'billing-net' })] },
      ];
    });
    expect(meshNetworks(model)).toEqual(['billing-net', 'default', 'vm-net']);
  });

  test('a fleet-managed mesh has no Istio networks and no install clusters', () => {
    const model = validateTopology(
      { name: 'fleet', project: { id: 'meshfleet-test' }, clusters: [{ name: 'a', zone: 'us-west1-a', private: false, authorizedNetworks: false }], mesh: { management: 'fleet' } },
      'test',
    );
    expect(meshNetworks(model)).toEqual([]);
    expect(meshInstallClusters(model)).toEqual([]);
  });

  test('meshInstallClusters: the workload clusters of an in-cluster mesh, in topology order', () => {
    const model = meshOf({}, (t) => {
      t.clusters.unshift({ name: 'cfg', zone: 'us-west1-c', role: 'config', private: false, authorizedNetworks: false });
      t.clusters.push({ name: 'onprem', platform: 'external' });
      t.fleet = { configCluster: 'cfg' };
    });
    expect(meshInstallClusters(model).map((c) => c.name)).toEqual(['a', 'b', 'onprem']);
    expect(meshInstallClusters(model)[0]).toBe(model.clusters[1]);
  });

  test('vmWorkloadsOf: the VM workloads of every app that register with the cluster', () => {
    const model = meshOf({}, (t) => {
      t.apps = [
        { namespace: 'legacy', vmWorkloads: [vm('reviews'), vm('ratings', { cluster: 'b' })] },
        { namespace: 'other', vmWorkloads: [vm('billing', { cluster: 'b' })] },
      ];
    });
    expect(vmWorkloadsOf(model, model.clusters[0]).map((w) => w.name)).toEqual(['reviews']);
    expect(vmWorkloadsOf(model, model.clusters[1]).map((w) => w.name)).toEqual(['ratings', 'billing']);
  });
});
