/**
 * Seed 000 (distributed services on private GKE clusters with managed ASM and multi-cluster
 * ingress): every attribute the seed's gcloud commands set, in the synthesized Terraform.
 */
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { GkeHubFeature } from '@cdktf/provider-google/lib/gke-hub-feature';
import { GkeHubFeatureMembership } from '@cdktf/provider-google/lib/gke-hub-feature-membership';
import { GkeHubMembership } from '@cdktf/provider-google/lib/gke-hub-membership';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { example, refTo, resourceNamed, resourcesOf, synthStacks } from './helpers';

const model = example('private-asm-multicluster');
const stacks = synthStacks(model);
const CLUSTERS = { 'gke-west-priv': ['us-west2-a', '172.16.0.0/28'], 'gke-central-priv': ['us-central1-a', '172.16.1.0/28'] } as const;

/** `${data.terraform_remote_state...outputs.<output>}` of a network-stack NAT address. */
function natAddressRef(region: string): string {
  const network = JSON.parse(stacks.network);
  const [logicalId] = Object.entries(network.resource.google_compute_address).find(([, r]: any) => r.name === `${region}-nat-ip`)!;
  const output = Object.entries(network.output).find(([, o]: any) => o.value === `\${google_compute_address.${logicalId}.address}`)![0];
  return `\${data.terraform_remote_state.cross-stack-reference-input-network.outputs.${output}}`;
}

describe('seed 000: stacks', () => {
  test('network, clusters, fleet, applied in that order', () => {
    expect(Object.keys(stacks)).toEqual(['network', 'clusters', 'fleet']);
  });

  test('every stack keeps local state outside the output, at a relative path reachable from its siblings', () => {
    const folder = '../../../../terraform-state/private-asm-multicluster';
    for (const [name, json] of Object.entries(stacks)) {
      expect(JSON.parse(json).terraform.backend).toEqual({
        local: { path: `${folder}/${name}.tfstate`, workspace_dir: `${folder}/${name}.tfstate.d` },
      });
    }
    const remote = JSON.parse(stacks.clusters).data.terraform_remote_state['cross-stack-reference-input-network'];
    expect(remote.config).toEqual({ path: `${folder}/network.tfstate`, workspace_dir: `${folder}/network.tfstate.d` });
  });

  test('provider is pinned to the project and no absolute path appears', () => {
    for (const json of Object.values(stacks)) {
      expect(json).toHaveProviderWithProperties({ tfResourceType: 'google' } as any, { project: 'meshfleet-demo' });
      expect(json).not.toMatch(/"\/(work|tmp|home|root)\//);
    }
  });
});

describe('seed 000: network stack', () => {
  const net = stacks.network;

  test('enables the seed APIs plus IAM and Resource Manager (node service account, grants), and keeps them on destroy', () => {
    const services = resourcesOf(net, ProjectService.tfResourceType);
    expect(services.map((s) => s.service).sort()).toEqual(
      ['cloudresourcemanager', 'compute', 'container', 'gkehub', 'iam', 'mesh', 'multiclusteringress', 'multiclusterservicediscovery'].map((s) => `${s}.googleapis.com`),
    );
    services.forEach((s) => expect(s.disable_on_destroy).toBe(false));
  });

  test('every NAT address, router, NAT and the firewall rule wait for the Compute Engine API', () => {
    const parsed = JSON.parse(net);
    const [computeId] = Object.entries(parsed.resource.google_project_service).find(([, r]: any) => r.service === 'compute.googleapis.com')!;
    const types = [ComputeAddress, ComputeRouter, ComputeRouterNat, ComputeFirewall].map((t) => t.tfResourceType);
    const resources = types.flatMap((type) => resourcesOf(net, type));
    expect(resources).toHaveLength(2 + 2 + 2 + 1);
    resources.forEach((r) => expect(r.depends_on).toEqual([`google_project_service.${computeId}`]));
  });

  test.each(['us-west2', 'us-central1'])('reserves the NAT address and builds router and NAT in %s', (region) => {
    expect(net).toHaveResourceWithProperties(ComputeAddress, { name: `${region}-nat-ip`, region });
    expect(net).toHaveResourceWithProperties(ComputeRouter, { name: `rtr-${region}`, region, network: 'default' });
    expect(net).toHaveResourceWithProperties(ComputeRouterNat, {
      name: `nat-gw-${region}`,
      region,
      router: refTo(net, ComputeRouter.tfResourceType, `rtr-${region}`, 'name'),
      nat_ip_allocate_option: 'MANUAL_ONLY',
      nat_ips: [refTo(net, ComputeAddress.tfResourceType, `${region}-nat-ip`, 'self_link')],
      source_subnetwork_ip_ranges_to_nat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      log_config: { enable: true, filter: 'ALL' },
    });
  });

  test('no NAT in the region of the public config cluster', () => {
    expect(
      resourcesOf(net, ComputeRouterNat.tfResourceType)
        .map((n) => n.region)
        .sort(),
    ).toEqual(['us-central1', 'us-west2']);
  });

  test('firewall allows all from the pod supernet and every master CIDR', () => {
    expect(resourceNamed(net, ComputeFirewall.tfResourceType, 'all-pods-and-master-ipv4-cidrs')).toMatchObject({
      network: 'default',
      direction: 'INGRESS',
      allow: [{ protocol: 'all' }],
      source_ranges: ['10.0.0.0/8', '172.16.0.0/28', '172.16.1.0/28'],
    });
  });

  test('the firewall rule targets the node service account that the clusters stack creates and gives every node pool', () => {
    const email = 'private-asm-multicluster-nodes@meshfleet-demo.iam.gserviceaccount.com';
    const rule = resourceNamed(net, ComputeFirewall.tfResourceType, 'all-pods-and-master-ipv4-cidrs');
    expect(rule.target_service_accounts).toEqual([email]);
    expect(rule.log_config).toEqual({ metadata: 'INCLUDE_ALL_METADATA' });
    const account = resourcesOf(stacks.clusters, ServiceAccount.tfResourceType)[0];
    expect(`${account.account_id}@${model.project.id}.iam.gserviceaccount.com`).toBe(email);
    const [accountId] = Object.keys(JSON.parse(stacks.clusters).resource[ServiceAccount.tfResourceType]);
    const accountRef = `\${${ServiceAccount.tfResourceType}.${accountId}.email}`;
    for (const pool of resourcesOf(stacks.clusters, ContainerNodePool.tfResourceType)) expect(pool.node_config.service_account).toBe(accountRef);
  });
});

describe('seed 000: clusters stack', () => {
  const json = stacks.clusters;

  test.each(Object.entries(CLUSTERS))('%s is private in %s with its master CIDR', (name, [zone, masterCidr]) => {
    const cluster = resourceNamed(json, ContainerCluster.tfResourceType, name);
    expect(cluster).toMatchObject({
      location: zone,
      networking_mode: 'VPC_NATIVE',
      workload_identity_config: { workload_pool: 'meshfleet-demo.svc.id.goog' },
      private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: false, master_ipv4_cidr_block: masterCidr },
      resource_labels: { mesh_id: 'proj-123456789012' },
    });
  });

  test.each(Object.keys(CLUSTERS))('%s allows both NAT addresses and the operator range to its control plane', (name) => {
    const cluster = resourceNamed(json, ContainerCluster.tfResourceType, name);
    expect(cluster.master_authorized_networks_config.cidr_blocks).toEqual([
      { cidr_block: `${natAddressRef('us-west2')}/32`, display_name: 'us-west2-nat-ip' },
      { cidr_block: `${natAddressRef('us-central1')}/32`, display_name: 'us-central1-nat-ip' },
      { cidr_block: '203.0.113.10/32', display_name: 'operator 203.0.113.10/32' },
    ]);
  });

  test.each(Object.keys(CLUSTERS))('%s runs e2-standard-4 nodes autoscaling 3..5', (name) => {
    const pool = resourcesOf(json, ContainerNodePool.tfResourceType).find((p) => p.cluster === refTo(json, ContainerCluster.tfResourceType, name, 'name'));
    expect(pool).toMatchObject({ initial_node_count: 3, autoscaling: { min_node_count: 3, max_node_count: 5 }, node_config: { machine_type: 'e2-standard-4' } });
  });

  test('the config cluster gke-ingress is public, in us-west1-a, in the fleet, without mesh label', () => {
    const ingress = resourceNamed(json, ContainerCluster.tfResourceType, 'gke-ingress');
    expect(ingress).toMatchObject({ location: 'us-west1-a', workload_identity_config: { workload_pool: 'meshfleet-demo.svc.id.goog' } });
    expect(ingress.private_cluster_config).toBeUndefined();
    expect(ingress.resource_labels).toBeUndefined();
  });

  test('the public gke-ingress limits its endpoint to every NAT address and the operator range (no pod ranges)', () => {
    const ingress = resourceNamed(json, ContainerCluster.tfResourceType, 'gke-ingress');
    expect(ingress.master_authorized_networks_config.cidr_blocks).toEqual([
      { cidr_block: `${natAddressRef('us-west2')}/32`, display_name: 'us-west2-nat-ip' },
      { cidr_block: `${natAddressRef('us-central1')}/32`, display_name: 'us-central1-nat-ip' },
      { cidr_block: '203.0.113.10/32', display_name: 'operator 203.0.113.10/32' },
    ]);
  });

  test.each(['gke-west-priv', 'gke-central-priv', 'gke-ingress'])('%s has a global fleet membership named after it (as the seed registers it), no fleet {} block', (name) => {
    expect(resourceNamed(json, ContainerCluster.tfResourceType, name).fleet).toBeUndefined();
    const clusterId = refTo(json, ContainerCluster.tfResourceType, name, 'id');
    expect(json).toHaveResourceWithProperties(GkeHubMembership, {
      membership_id: name,
      location: 'global',
      project: 'meshfleet-demo',
      endpoint: { gke_cluster: { resource_link: `//container.googleapis.com/${clusterId}` } },
      authority: { issuer: `https://container.googleapis.com/v1/${clusterId}` },
    });
  });

  test('the node service account is named after the topology and every node pool waits for its grants', () => {
    expect(json).toHaveResourceWithProperties(ServiceAccount, { account_id: 'private-asm-multicluster-nodes' });
    const grants = Object.keys(JSON.parse(json).resource.google_project_iam_member).map((id) => `google_project_iam_member.${id}`);
    expect(grants).toHaveLength(6);
    const pools = resourcesOf(json, ContainerNodePool.tfResourceType);
    expect(pools).toHaveLength(3);
    pools.forEach((pool) => expect([...pool.depends_on].sort()).toEqual([...grants].sort()));
  });
});

describe('seed 000: fleet stack', () => {
  const json = stacks.fleet;

  test('managed mesh with automatic management on exactly the two workload clusters', () => {
    expect(json).toHaveResourceWithProperties(GkeHubFeature, { name: 'servicemesh', location: 'global' });
    const members = resourcesOf(json, GkeHubFeatureMembership.tfResourceType);
    expect(members).toHaveLength(2);
    for (const cluster of ['gke-west-priv', 'gke-central-priv']) {
      expect(members).toContainEqual(
        expect.objectContaining({
          membership: cluster,
          membership_location: 'global',
          mesh: { management: 'MANAGEMENT_AUTOMATIC' },
        }),
      );
    }
  });

  test('multi-cluster ingress with gke-ingress as config membership', () => {
    expect(json).toHaveResourceWithProperties(GkeHubFeature, {
      name: 'multiclusteringress',
      location: 'global',
      spec: {
        multiclusteringress: {
          config_membership: 'projects/meshfleet-demo/locations/global/memberships/gke-ingress',
        },
      },
    });
  });

  test('roles/container.admin goes to the multi-cluster ingress service agent once the feature has provisioned it (project number from the topology)', () => {
    const parsed = JSON.parse(json);
    const [, grant] = Object.entries(parsed.resource.google_project_iam_member).find(([, r]: any) => r.role === 'roles/container.admin')! as [string, any];
    expect(grant).toMatchObject({
      project: 'meshfleet-demo',
      member: 'serviceAccount:service-123456789012@gcp-sa-multiclusteringress.iam.gserviceaccount.com',
    });
    const [featureId, feature] = Object.entries(parsed.resource.google_gke_hub_feature).find(([, r]: any) => r.name === 'multiclusteringress')! as [string, any];
    expect(grant.depends_on).toEqual([`google_gke_hub_feature.${featureId}`]);
    expect(feature.depends_on).toBeUndefined();
    expect(json).not.toHaveDataSource({ tfResourceType: 'google_project' } as any);
  });

  test('fleet features name the global memberships: no state of the clusters stack is read', () => {
    expect(JSON.parse(json).data?.terraform_remote_state).toBeUndefined();
    expect(json).toHaveResource(ProjectIamMember);
  });

  test('no multi-cluster services feature: seed 000 does not export services', () => {
    expect(resourcesOf(json, GkeHubFeature.tfResourceType).map((f) => f.name)).toEqual(['multiclusteringress', 'servicemesh']);
  });
});
