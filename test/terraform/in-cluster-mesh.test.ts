import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { GkeHubFeature } from '@cdktf/provider-google/lib/gke-hub-feature';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { TopologyInput } from '../../src/topology/model/types';
import { example, modify, resourceNamed, resourcesOf, synthStacks } from './helpers';

/*
 * Terraform of in-cluster meshes (seed 001 and seed 004): external clusters get nothing, and
 * GKE clusters let istiod read each other's private endpoints (remote secrets with --server).
 */

const TWO_PRIMARIES: TopologyInput = {
  name: 'two-primaries',
  project: { id: 'my-project', number: '42424242' },
  operatorCidrs: ['203.0.113.10/32'],
  clusters: [
    { name: 'a', zone: 'europe-west1-b', masterCidr: '172.16.0.0/28', podCidr: '10.4.0.0/14' },
    { name: 'b', zone: 'europe-west4-a', masterCidr: '172.16.0.16/28', podCidr: '10.8.0.0/14' },
  ],
  mesh: { management: 'in-cluster', meshId: 'mesh1' },
};

function clusterNamed(stacks: Record<string, string>, name: string): Record<string, any> {
  return resourceNamed(stacks.clusters, ContainerCluster.tfResourceType, name);
}

function authorizedCidrs(cluster: Record<string, any>): string[] {
  return cluster.master_authorized_networks_config.cidr_blocks.map((b: { cidr_block: string }) => b.cidr_block);
}

describe('external clusters (seed 001, GKE on VMware)', () => {
  test('a topology of external clusters only gets no Terraform stack', () => {
    expect(synthStacks(example('asm-onprem-vmware'))).toEqual({});
  });

  test('an external cluster next to GKE clusters gets no cluster resource', () => {
    const model = modify(TWO_PRIMARIES, (t) => t.clusters.push({ name: 'onprem', platform: 'external' }));
    const stacks = synthStacks(model);
    const names = resourcesOf(stacks.clusters, ContainerCluster.tfResourceType).map((c) => c.name);
    expect(names).toEqual(['a', 'b']);
  });
});

describe('in-cluster multi-cluster meshes (seed 004)', () => {
  const stacks = synthStacks(modify(TWO_PRIMARIES, () => undefined));

  test("every primary's pod range is an authorized network of every private control plane", () => {
    for (const name of ['a', 'b']) {
      expect(authorizedCidrs(clusterNamed(stacks, name))).toEqual(expect.arrayContaining(['203.0.113.10/32', '10.4.0.0/14', '10.8.0.0/14']));
    }
  });

  test('mesh clusters accept private-endpoint calls from every region (istiod of a cluster elsewhere)', () => {
    for (const name of ['a', 'b']) {
      expect(clusterNamed(stacks, name).private_cluster_config.master_global_access_config).toEqual({ enabled: true });
    }
  });

  test('a remote reads no API server: only the primary pod range is authorized', () => {
    const model = modify(TWO_PRIMARIES, (t) => {
      t.mesh = { management: 'in-cluster', meshId: 'mesh1', model: 'primary-remote', primary: 'a' };
      delete t.clusters[1].podCidr;
    });
    const cidrs = authorizedCidrs(clusterNamed(synthStacks(model), 'b'));
    expect(cidrs).toContain('10.4.0.0/14');
    expect(cidrs).not.toContain('10.8.0.0/14');
  });

  test('a single-cluster in-cluster mesh keeps the private endpoint regional and adds no pod range', () => {
    const model = modify(TWO_PRIMARIES, (t) => t.clusters.pop());
    const cluster = clusterNamed(synthStacks(model), 'a');
    expect(cluster.private_cluster_config.master_global_access_config).toBeUndefined();
    expect(authorizedCidrs(cluster)).not.toContain('10.4.0.0/14');
  });

  test('no fleet service mesh feature, no mesh API and no mesh_id label for an in-cluster mesh', () => {
    const features = stacks.fleet ? resourcesOf(stacks.fleet, GkeHubFeature.tfResourceType).map((f) => f.name) : [];
    expect(features).not.toContain('servicemesh');
    const services = resourcesOf(stacks.network, ProjectService.tfResourceType).map((s) => s.service);
    expect(services).not.toContain('mesh.googleapis.com');
    expect(clusterNamed(stacks, 'a').resource_labels?.mesh_id).toBeUndefined();
  });

  test.each(['istio-multi-primary-multi-network', 'istio-primary-remote'])('%s: both example clusters are private with the istiod pod ranges authorized', (name) => {
    const exampleStacks = synthStacks(example(name));
    for (const cluster of ['cluster1', 'cluster2']) {
      const resource = clusterNamed(exampleStacks, cluster);
      expect(resource.private_cluster_config.enable_private_nodes).toBe(true);
      expect(authorizedCidrs(resource)).toContain('10.4.0.0/14');
    }
  });
});

describe('primary-remote: the east-west address of a GKE primary', () => {
  const stacks = synthStacks(example('istio-primary-remote'));

  test('is a regional internal address in the primary region and subnet (every mesh cluster is in the VPC), named after topology and cluster, after the Compute Engine API', () => {
    const address = resourceNamed(stacks.network, ComputeAddress.tfResourceType, 'istio-primary-remote-cluster1-eastwest');
    expect(address).toMatchObject({ region: 'us-west1', address_type: 'INTERNAL', subnetwork: 'default' });
    expect(address.depends_on).toHaveLength(1);
    expect(address.depends_on[0]).toMatch(/^google_project_service\.services_compute$/);
  });

  test('is output as eastwest-address-cluster1 (no hash in the output name)', () => {
    const parsed = JSON.parse(stacks.network);
    const [logicalId] = Object.entries(parsed.resource.google_compute_address).find(([, r]: any) => r.name === 'istio-primary-remote-cluster1-eastwest')!;
    expect(parsed.output['eastwest-address-cluster1']).toMatchObject({ value: `\${google_compute_address.${logicalId}.address}` });
  });

  test('multi-primary meshes and external primaries reserve none', () => {
    for (const json of [synthStacks(example('istio-multi-primary-multi-network')).network, synthStacks(modify(TWO_PRIMARIES, () => undefined)).network]) {
      expect(resourcesOf(json, ComputeAddress.tfResourceType).filter((a) => a.name.endsWith('-eastwest'))).toEqual([]);
      expect(Object.keys(JSON.parse(json).output ?? {}).filter((o) => o.startsWith('eastwest-address'))).toEqual([]);
    }
    const external = modify(TWO_PRIMARIES, (t) => {
      t.clusters.push({ name: 'onprem', platform: 'external' });
      t.mesh = { management: 'in-cluster', meshId: 'mesh1', model: 'primary-remote', primary: 'onprem', primaryAddress: '35.190.20.20' };
      delete t.clusters[0].podCidr;
      delete t.clusters[1].podCidr;
    });
    expect(resourcesOf(synthStacks(external).network, ComputeAddress.tfResourceType).filter((a) => a.name.endsWith('-eastwest'))).toEqual([]);
  });
});
