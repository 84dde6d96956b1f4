/**
 * Seed 003 (internal cross-region multi-cluster Gateway): clusters with the Gateway API and
 * fleet registration, MCS + MCI features, proxy-only subnets and static internal addresses.
 */
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { GkeHubFeature } from '@cdktf/provider-google/lib/gke-hub-feature';
import { GkeHubFeatureMembership } from '@cdktf/provider-google/lib/gke-hub-feature-membership';
import { GkeHubMembership } from '@cdktf/provider-google/lib/gke-hub-membership';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { example, modify, resourceNamed, resourcesOf, synthStacks } from './helpers';
import { TopologyInput } from '../../src/topology/model/types';
import { parseTopologyText } from '../../src/load/load';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES } from './helpers';

const stacks = synthStacks(example('internal-multicluster-gateway'));

describe('seed 003: network stack', () => {
  const net = stacks.network;

  test('enables the multi-cluster gateway and services APIs', () => {
    expect(
      resourcesOf(net, ProjectService.tfResourceType)
        .map((s) => s.service)
        .sort(),
    ).toEqual(
      ['cloudresourcemanager', 'compute', 'container', 'dns', 'gkehub', 'iam', 'multiclusteringress', 'multiclusterservicediscovery', 'trafficdirector'].map(
        (s) => `${s}.googleapis.com`,
      ),
    );
  });

  test.each([
    ['us-west1', '10.129.0.0/23'],
    ['us-east1', '10.130.0.0/23'],
  ])('proxy-only subnet in %s is %s with purpose GLOBAL_MANAGED_PROXY and role ACTIVE', (region, cidr) => {
    expect(resourceNamed(net, ComputeSubnetwork.tfResourceType, `${region}-proxy-only-subnet`)).toMatchObject({
      region,
      network: 'default',
      ip_cidr_range: cidr,
      purpose: 'GLOBAL_MANAGED_PROXY',
      role: 'ACTIVE',
    });
  });

  test.each([
    ['cross-region-gw-ip-west', 'us-west1'],
    ['cross-region-gw-ip-east', 'us-east1'],
  ])('static internal address %s in %s from the regular subnet', (name, region) => {
    expect(resourceNamed(net, ComputeAddress.tfResourceType, name)).toMatchObject({ region, address_type: 'INTERNAL', subnetwork: 'default' });
  });

  test('no NAT and no mesh firewall: the seed has public nodes and no mesh', () => {
    expect(net).not.toHaveResource(ComputeRouterNat);
    expect(net).not.toHaveResource(ComputeFirewall);
  });

  test('ephemeral gateway addresses reserve nothing', () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'internal-multicluster-gateway.yaml'), 'utf8');
    const ephemeral = modify(parseTopologyText(text, 'seed 003') as TopologyInput, (t) => {
      t.gateways[0].addresses.forEach((a: any) => delete a.staticAddress);
    });
    expect(synthStacks(ephemeral).network).not.toHaveResource(ComputeAddress);
  });
});

describe('seed 003: clusters stack', () => {
  test.each([
    ['gke-west-1', 'us-west1-a'],
    ['gke-east-1', 'us-east1-c'],
  ])('%s in %s: Gateway API standard channel, fleet (a global membership), Workload Identity', (name, zone) => {
    expect(resourceNamed(stacks.clusters, ContainerCluster.tfResourceType, name)).toMatchObject({
      location: zone,
      gateway_api_config: { channel: 'CHANNEL_STANDARD' },
      workload_identity_config: { workload_pool: 'meshfleet-demo.svc.id.goog' },
    });
    expect(stacks.clusters).toHaveResourceWithProperties(GkeHubMembership, { membership_id: name, location: 'global' });
  });
});

describe('seed 003: fleet stack', () => {
  const json = stacks.fleet;

  test('multi-cluster services and multi-cluster ingress, no mesh', () => {
    expect(
      resourcesOf(json, GkeHubFeature.tfResourceType)
        .map((f) => [f.name, f.location])
        .sort(),
    ).toEqual([
      ['multiclusteringress', 'global'],
      ['multiclusterservicediscovery', 'global'],
    ]);
    expect(json).not.toHaveResource(GkeHubFeatureMembership);
  });

  test('config membership is the global membership of gke-west-1 (the seed names the regional one of --enable-fleet; both work)', () => {
    const mci = resourcesOf(json, GkeHubFeature.tfResourceType).find((f) => f.name === 'multiclusteringress')!;
    expect(mci.spec.multiclusteringress.config_membership).toBe('projects/meshfleet-demo/locations/global/memberships/gke-west-1');
  });

  test('the multi-cluster Gateway controller gets roles/container.admin through its service agent, looked up without a project number', () => {
    const grant = resourcesOf(json, ProjectIamMember.tfResourceType).find((g) => g.role === 'roles/container.admin')!;
    expect(grant.member).toMatch(/^serviceAccount:service-\$\{data\.google_project\.project\.number\}@gcp-sa-multiclusteringress\.iam\.gserviceaccount\.com$/);
  });

  test('grants the MCS importer roles/compute.networkViewer', () => {
    expect(json).toHaveResourceWithProperties(ProjectIamMember, {
      role: 'roles/compute.networkViewer',
      member: 'serviceAccount:meshfleet-demo.svc.id.goog[gke-mcs/gke-mcs-importer]',
    });
  });
});
