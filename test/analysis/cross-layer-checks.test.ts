import { crossLayerChecks } from '../../src/analysis/cross-layer-checks';
import { apiGateway, gkeClusters, inputOf, namespaceObject, object, stack } from './support';

const ns = namespaceObject('store', {});
const membership = (id: string) => ({ [`${id}_membership`]: { membership_id: id, location: 'global' } });
const mciFeature = (config: string) => ({
  mci: { name: 'multiclusteringress', location: 'global', spec: { multiclusteringress: { config_membership: `projects/p/locations/global/memberships/${config}` } } },
});
const subnet = (region: string, purpose: string) => ({ [`proxy-${region}`]: { name: `${region}-proxy-only-subnet`, region, purpose, role: 'ACTIVE' } });
const address = (region: string) => ({ type: 'networking.gke.io/named-address-with-region', value: `regions/${region}/addresses/gw-ip-${region}` });

describe('XL001 cluster with objects but no Terraform / XL002 Terraform cluster without objects', () => {
  test('a folder for a cluster Terraform does not create and that is not external', () => {
    const input = inputOf(
      { c1: [ns], ghost: [ns], onprem: [ns] },
      { terraform: { clusters: stack({ google_container_cluster: gkeClusters('c1') }) }, topology: { externalClusters: ['onprem'] } },
    );
    expect(crossLayerChecks(input)).toEqual([
      {
        code: 'XL001',
        severity: 'error',
        cluster: 'ghost',
        object: 'Cluster ghost',
        path: '(cluster)',
        message: expect.stringContaining('no google_container_cluster named ghost'),
      },
    ]);
  });

  test('a Terraform cluster the topology deploys to, without objects', () => {
    const terraform = { clusters: stack({ google_container_cluster: gkeClusters('c1', 'c2', 'idle') }) };
    const input = inputOf({ c1: [ns] }, { terraform, topology: { deployedClusters: ['c1', 'c2'] } });
    expect(crossLayerChecks(input)).toEqual([
      {
        code: 'XL002',
        severity: 'error',
        cluster: 'terraform/clusters',
        object: 'google_container_cluster c2',
        path: 'resource.google_container_cluster.c2_cluster',
        message: expect.stringContaining('k8s/c2/'),
      },
    ]);
  });
});

describe('XL003 config cluster of multi-cluster ingress / gateway', () => {
  const terraform = (config: string, members: string[] = ['west', 'east']) => ({
    clusters: stack({ google_container_cluster: gkeClusters('west', 'east'), google_gke_hub_membership: Object.assign({}, ...members.map(membership)) }),
    fleet: stack({ google_gke_hub_feature: mciFeature(config) }),
  });
  const mcGateway = apiGateway('store', 'gw', 'gke-l7-global-external-managed-mc');

  test('a config membership that is no fleet member', () => {
    const findings = crossLayerChecks(inputOf({ west: [mcGateway] }, { terraform: terraform('west', ['east']) }));
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'XL003',
        cluster: 'terraform/fleet',
        object: 'google_gke_hub_feature multiclusteringress',
        path: 'resource.google_gke_hub_feature.mci.spec.multiclusteringress.config_membership',
      }),
    ]);
  });

  test('multi-cluster objects outside the config cluster, and a config membership other than the topology says', () => {
    const mci = object('networking.gke.io/v1', 'MultiClusterIngress', 'store', 'ing');
    const findings = crossLayerChecks(inputOf({ west: [mcGateway], east: [mci] }, { terraform: terraform('west'), topology: { configCluster: 'east' } }));
    expect(findings.map((f) => [f.cluster, f.object, f.path])).toEqual([
      ['terraform/fleet', 'google_gke_hub_feature multiclusteringress', 'resource.google_gke_hub_feature.mci.spec.multiclusteringress.config_membership'],
      ['east', 'MultiClusterIngress store/ing', '(cluster)'],
    ]);
    expect(findings[0].message).toContain('expected east');
  });

  test('multi-cluster objects without any multi-cluster ingress feature', () => {
    const findings = crossLayerChecks(inputOf({ west: [mcGateway] }, { terraform: { clusters: stack({ google_container_cluster: gkeClusters('west') }) } }));
    expect(findings).toEqual([
      expect.objectContaining({ code: 'XL003', cluster: 'west', object: 'Gateway store/gw', message: expect.stringContaining('no multi-cluster ingress feature') }),
    ]);
  });

  test('everything in the config cluster, a fleet member: fine', () => {
    expect(crossLayerChecks(inputOf({ west: [mcGateway], east: [ns] }, { terraform: terraform('west'), topology: { configCluster: 'west' } }))).toEqual([]);
  });
});

describe('XL004 proxy-only subnet of a Gateway frontend region', () => {
  const clusters = stack({ google_container_cluster: gkeClusters('west') });

  test('a cross-regional internal Gateway address in a region without a GLOBAL_MANAGED_PROXY subnet', () => {
    const gateway = apiGateway('store', 'gw', 'gke-l7-cross-regional-internal-managed-mc', [address('us-west1'), address('us-east1'), address('europe-west1')]);
    const network = stack({ google_compute_subnetwork: { ...subnet('us-west1', 'GLOBAL_MANAGED_PROXY'), ...subnet('us-east1', 'REGIONAL_MANAGED_PROXY') } });
    const findings = crossLayerChecks(inputOf({ west: [gateway] }, { terraform: { clusters, network } })).filter((f) => f.code === 'XL004');
    expect(findings.map((f) => [f.cluster, f.object, f.path])).toEqual([
      ['west', 'Gateway store/gw', 'spec.addresses[1].value'],
      ['west', 'Gateway store/gw', 'spec.addresses[2].value'],
    ]);
    expect(findings[0].message).toContain('purpose GLOBAL_MANAGED_PROXY in us-east1');
  });

  test('a regional internal Gateway without an address needs the subnet in its cluster region', () => {
    const gateway = apiGateway('store', 'gw', 'gke-l7-rilb-mc');
    const without = crossLayerChecks(inputOf({ west: [gateway] }, { terraform: { clusters } })).filter((f) => f.code === 'XL004');
    expect(without).toEqual([expect.objectContaining({ path: 'spec.gatewayClassName', message: expect.stringContaining('Region us-west1 (the region of cluster west)') })]);
    const network = stack({ google_compute_subnetwork: subnet('us-west1', 'REGIONAL_MANAGED_PROXY') });
    expect(crossLayerChecks(inputOf({ west: [gateway] }, { terraform: { clusters, network } })).filter((f) => f.code === 'XL004')).toEqual([]);
  });

  test('global external classes need none', () => {
    const gateway = apiGateway('store', 'gw', 'gke-l7-global-external-managed-mc');
    expect(crossLayerChecks(inputOf({ west: [gateway] }, { terraform: { clusters } })).filter((f) => f.code === 'XL004')).toEqual([]);
  });
});
