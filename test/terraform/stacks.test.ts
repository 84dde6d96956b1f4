import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { TopologyInput } from '../../src/topology/types';
import { modify, resourceNamed, synthStacks } from './helpers';

const BASE: TopologyInput = {
  name: 'base',
  project: { id: 'my-project', number: '42424242' },
  clusters: [
    { name: 'a', zone: 'europe-west1-b', masterCidr: '172.16.0.0/28' },
    { name: 'b', zone: 'europe-west4-a', masterCidr: '172.16.0.16/28' },
  ],
  mesh: { management: 'fleet' },
};

describe('stack composition', () => {
  test('no fleet stack when no fleet feature is used', () => {
    const stacks = synthStacks(modify(BASE, (t) => delete t.mesh));
    expect(Object.keys(stacks)).toEqual(['network', 'clusters']);
  });

  test('the firewall uses the exact pod ranges when every mesh cluster declares one', () => {
    const stacks = synthStacks(
      modify(BASE, (t) => {
        t.clusters[0].podCidr = '10.20.0.0/14';
        t.clusters[1].podCidr = '10.24.0.0/14';
      }),
    );
    expect(resourceNamed(stacks.network, ComputeFirewall.tfResourceType, 'all-pods-and-master-ipv4-cidrs').source_ranges).toEqual([
      '10.20.0.0/14',
      '10.24.0.0/14',
      '172.16.0.0/28',
      '172.16.0.16/28',
    ]);
  });

  test('falls back to 10.0.0.0/8 when any mesh cluster lets GKE choose its pod range', () => {
    const stacks = synthStacks(modify(BASE, (t) => (t.clusters[0].podCidr = '10.20.0.0/14')));
    expect(resourceNamed(stacks.network, ComputeFirewall.tfResourceType, 'all-pods-and-master-ipv4-cidrs').source_ranges[0]).toBe('10.0.0.0/8');
  });

  test('without a project number the mesh_id label comes from the google_project data source', () => {
    const stacks = synthStacks(modify(BASE, (t) => delete t.project.number));
    expect(stacks.clusters).toHaveDataSourceWithProperties(DataGoogleProject, { project_id: 'my-project' });
    expect(resourceNamed(stacks.clusters, ContainerCluster.tfResourceType, 'a').resource_labels.mesh_id).toMatch(
      /^proj-\$\{data\.google_project\.project(_[0-9A-F]+)?\.number\}$/,
    );
  });

  test('a gcs backend puts each stack under its own prefix', () => {
    const stacks = synthStacks(modify(BASE, (t) => (t.terraform = { backend: { type: 'gcs', bucket: 'tf-state-bucket' } })));
    expect(JSON.parse(stacks.network).terraform.backend).toEqual({ gcs: { bucket: 'tf-state-bucket', prefix: 'meshfleet/network' } });
    expect(JSON.parse(stacks.clusters).data.terraform_remote_state['cross-stack-reference-input-network']).toMatchObject({
      backend: 'gcs',
      config: { bucket: 'tf-state-bucket', prefix: 'meshfleet/network' },
    });
  });

  test('declared subnets create a custom-mode network and clusters use their subnet', () => {
    const stacks = synthStacks(
      modify(BASE, (t) => {
        t.network = {
          name: 'mesh-vpc',
          subnets: [
            { name: 'nodes-eu1', region: 'europe-west1', cidr: '10.10.0.0/20' },
            { name: 'nodes-eu4', region: 'europe-west4', cidr: '10.11.0.0/20' },
          ],
        };
        t.clusters[0].subnet = 'nodes-eu1';
        t.clusters[1].subnet = 'nodes-eu4';
      }),
    );
    expect(stacks.network).toHaveResourceWithProperties(ComputeNetwork, { name: 'mesh-vpc', auto_create_subnetworks: false, routing_mode: 'GLOBAL' });
    expect(resourceNamed(stacks.network, ComputeSubnetwork.tfResourceType, 'nodes-eu1')).toMatchObject({ region: 'europe-west1', ip_cidr_range: '10.10.0.0/20', private_ip_google_access: true });
    expect(resourceNamed(stacks.clusters, ContainerCluster.tfResourceType, 'a')).toMatchObject({ network: 'mesh-vpc', subnetwork: 'nodes-eu1' });
  });
});
