import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { TopologyInput } from '../../src/topology/model/types';
import { modify, resourceNamed, resourcesOf, synthStacks } from './helpers';

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
    expect(resourceNamed(stacks.network, ComputeFirewall.tfResourceType, 'base-pods-and-masters').source_ranges).toEqual([
      '10.20.0.0/14',
      '10.24.0.0/14',
      '172.16.0.0/28',
      '172.16.0.16/28',
    ]);
  });

  test('falls back to 10.0.0.0/8 when any mesh cluster lets GKE choose its pod range', () => {
    const stacks = synthStacks(modify(BASE, (t) => (t.clusters[0].podCidr = '10.20.0.0/14')));
    expect(resourceNamed(stacks.network, ComputeFirewall.tfResourceType, 'base-pods-and-masters').source_ranges[0]).toBe('10.0.0.0/8');
  });

  test('without a project number the mesh_id label comes from the google_project data source', () => {
    const stacks = synthStacks(modify(BASE, (t) => delete t.project.number));
    expect(stacks.clusters).toHaveDataSourceWithProperties(DataGoogleProject, { project_id: 'my-project' });
    expect(resourceNamed(stacks.clusters, ContainerCluster.tfResourceType, 'a').resource_labels.mesh_id).toMatch(/^proj-\$\{data\.google_project\.project\.number\}$/);
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
    expect(resourceNamed(stacks.network, ComputeSubnetwork.tfResourceType, 'nodes-eu1')).toMatchObject({
      region: 'europe-west1',
      ip_cidr_range: '10.10.0.0/20',
      private_ip_google_access: true,
    });
    expect(resourceNamed(stacks.clusters, ContainerCluster.tfResourceType, 'a')).toMatchObject({ network: 'mesh-vpc', subnetwork: 'nodes-eu1' });
  });
});

describe('first apply on an empty project', () => {
  /** Every resource of the network stack but the APIs, with a custom network, proxy-only subnets and gateway addresses. */
  const stacks = synthStacks(
    modify(BASE, (t) => {
      t.network = {
        name: 'mesh-vpc',
        subnets: [
          { name: 'eu1', region: 'europe-west1', cidr: '10.10.0.0/20' },
          { name: 'eu4', region: 'europe-west4', cidr: '10.11.0.0/20' },
        ],
      };
      t.clusters[0].subnet = 'eu1';
      t.clusters[1].subnet = 'eu4';
      t.clusters[0].gatewayApi = 'standard';
      t.regions = [
        { name: 'europe-west1', proxyOnlySubnet: '10.129.0.0/23' },
        { name: 'europe-west4', proxyOnlySubnet: '10.130.0.0/23' },
      ];
      t.fleet = { configCluster: 'a', multiClusterServices: true };
      t.gateways = [{ name: 'gw', namespace: 'store', className: 'gke-l7-cross-regional-internal-managed-mc', addresses: [{ region: 'europe-west1', staticAddress: 'gw-west' }] }];
    }),
  );

  test('every network-stack resource depends on the Compute Engine API', () => {
    const parsed = JSON.parse(stacks.network);
    const [computeId] = Object.entries(parsed.resource.google_project_service).find(([, r]: any) => r.service === 'compute.googleapis.com')!;
    const others = Object.entries(parsed.resource).filter(([type]) => type !== ProjectService.tfResourceType);
    expect(others.map(([type]) => type).sort()).toEqual([
      'google_compute_address',
      'google_compute_firewall',
      'google_compute_network',
      'google_compute_router',
      'google_compute_router_nat',
      'google_compute_subnetwork',
    ]);
    for (const [type, resources] of others) {
      for (const [id, resource] of Object.entries(resources as Record<string, any>)) {
        expect({ resource: `${type}.${id}`, depends_on: resource.depends_on }).toEqual({ resource: `${type}.${id}`, depends_on: [`google_project_service.${computeId}`] });
      }
    }
  });

  test('the network stack enables every API the three stacks call', () => {
    const services = resourcesOf(stacks.network, ProjectService.tfResourceType).map((r) => r.service.replace('.googleapis.com', ''));
    expect(services.sort()).toEqual(
      ['cloudresourcemanager', 'compute', 'container', 'dns', 'gkehub', 'iam', 'mesh', 'multiclusteringress', 'multiclusterservicediscovery', 'trafficdirector'].sort(),
    );
  });

  test('node pools wait for every grant of the node service account', () => {
    const grants = Object.keys(JSON.parse(stacks.clusters).resource.google_project_iam_member).map((id) => `google_project_iam_member.${id}`);
    for (const pool of resourcesOf(stacks.clusters, ContainerNodePool.tfResourceType)) expect([...pool.depends_on].sort()).toEqual(grants.sort());
  });

  test('without a project number the MCI service agent grant reads it from the google_project data source', () => {
    const fleet = synthStacks(
      modify(BASE, (t) => {
        delete t.project.number;
        t.clusters.push({ name: 'cfg', zone: 'europe-west1-c', private: false, authorizedNetworks: false, role: 'config' });
        t.fleet = { configCluster: 'cfg' };
      }),
    ).fleet;
    expect(fleet).toHaveDataSourceWithProperties(DataGoogleProject, { project_id: 'my-project' });
    const grant = resourcesOf(fleet, ProjectIamMember.tfResourceType).find((g) => g.role === 'roles/container.admin')!;
    expect(grant.member).toMatch(/^serviceAccount:service-\$\{data\.google_project\.project\.number\}@gcp-sa-multiclusteringress\.iam\.gserviceaccount\.com$/);
    expect(grant.depends_on).toHaveLength(1);
    expect(grant.depends_on[0]).toMatch(/^google_gke_hub_feature\./);
  });
});

describe('names per topology', () => {
  const named = (name: string): Record<string, string> => synthStacks(modify(BASE, (t) => (t.name = name)));
  const blue = named('blue');
  const green = named('green');
  const names = (stacks: Record<string, string>): string[] => [
    ...resourcesOf(stacks.clusters, ServiceAccount.tfResourceType).map((r) => r.account_id),
    ...[ComputeFirewall, ComputeAddress, ComputeRouter, ComputeRouterNat].flatMap((type) => resourcesOf(stacks.network, type.tfResourceType).map((r) => r.name)),
  ];

  test('every project-wide name starts with the topology name', () => {
    expect(names(blue).sort()).toEqual(
      [
        'blue-nodes',
        'blue-pods-and-masters',
        'blue-europe-west1-nat-ip',
        'blue-europe-west4-nat-ip',
        'blue-rtr-europe-west1',
        'blue-rtr-europe-west4',
        'blue-nat-gw-europe-west1',
        'blue-nat-gw-europe-west4',
      ].sort(),
    );
  });

  test('two topologies in one project share no resource name', () => {
    const shared = names(blue).filter((name) => names(green).includes(name));
    expect(shared).toEqual([]);
  });

  test('the NAT addresses are allow-listed under their own names', () => {
    const cluster = resourceNamed(blue.clusters, ContainerCluster.tfResourceType, 'a');
    expect(cluster.master_authorized_networks_config.cidr_blocks.map((b: any) => b.display_name).slice(0, 2)).toEqual(['blue-europe-west1-nat-ip', 'blue-europe-west4-nat-ip']);
  });
});
