import { Testing } from 'cdktf';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { GkeHubMembership } from '@cdktf/provider-google/lib/gke-hub-membership';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { GkeCluster, GkeClusterProps } from '../../src/terraform/gke-cluster';
import { resourcesOf } from './helpers';

const PRIVATE: GkeClusterProps = {
  name: 'gke-west-priv',
  zone: 'us-west2-a',
  network: 'default',
  workloadPool: 'proj.svc.id.goog',
  masterCidr: '172.16.0.0/28',
  authorizedNetworks: [{ cidrBlock: '203.0.113.10/32', displayName: 'operator' }],
  fleetProject: 'proj',
  gatewayApiChannel: 'CHANNEL_STANDARD',
  labels: { mesh_id: 'proj-123' },
  private: true,
  machineType: 'e2-standard-4',
  minNodes: 3,
  maxNodes: 5,
  initialNodes: 3,
  releaseChannel: 'REGULAR',
  deletionProtection: true,
  dataplaneV2: true,
  vulnerabilityMode: 'VULNERABILITY_DISABLED',
};

function synth(props: GkeClusterProps): string {
  return Testing.synthScope((scope) => {
    new GkeCluster(scope, 'cluster', props);
  });
}

describe('GkeCluster', () => {
  const json = synth(PRIVATE);
  const cluster = resourcesOf(json, ContainerCluster.tfResourceType)[0];
  const pool = resourcesOf(json, ContainerNodePool.tfResourceType)[0];

  test('private nodes with a public endpoint restricted to the authorized networks', () => {
    expect(cluster.private_cluster_config).toEqual({
      enable_private_nodes: true,
      enable_private_endpoint: false,
      master_ipv4_cidr_block: '172.16.0.0/28',
    });
    expect(cluster.master_authorized_networks_config).toEqual({
      cidr_blocks: [{ cidr_block: '203.0.113.10/32', display_name: 'operator' }],
    });
  });

  test('zonal, VPC-native, Workload Identity, Gateway API, labels, deletion protection', () => {
    expect(json).toHaveResourceWithProperties(ContainerCluster, {
      name: 'gke-west-priv',
      location: 'us-west2-a',
      network: 'default',
      networking_mode: 'VPC_NATIVE',
      ip_allocation_policy: { stack_type: 'IPV4' },
      workload_identity_config: { workload_pool: 'proj.svc.id.goog' },
      gateway_api_config: { channel: 'CHANNEL_STANDARD' },
      resource_labels: { mesh_id: 'proj-123' },
      deletion_protection: true,
      remove_default_node_pool: true,
    });
  });

  test('a fleet cluster gets a global membership with its Workload Identity issuer, not the fleet {} block', () => {
    expect(cluster.fleet).toBeUndefined();
    const [membership] = resourcesOf(json, GkeHubMembership.tfResourceType);
    expect(membership).toMatchObject({ project: 'proj', membership_id: 'gke-west-priv', location: 'global' });
    const clusterId = /\$\{google_container_cluster\.cluster_[0-9A-F]+\.id\}/.source;
    expect(membership.endpoint.gke_cluster.resource_link).toMatch(new RegExp(`^//container\\.googleapis\\.com/${clusterId}$`));
    expect(membership.authority.issuer).toMatch(new RegExp(`^https://container\\.googleapis\\.com/v1/${clusterId}$`));
  });

  test('nodePoolDependsOn becomes the depends_on of the node pool only', () => {
    const withGrant = Testing.synthScope((scope) => {
      const api = new ProjectService(scope, 'api', { service: 'iam.googleapis.com' });
      new GkeCluster(scope, 'cluster', { ...PRIVATE, nodePoolDependsOn: [api] });
    });
    expect(resourcesOf(withGrant, ContainerNodePool.tfResourceType)[0].depends_on).toEqual(['google_project_service.api']);
    expect(resourcesOf(withGrant, ContainerCluster.tfResourceType)[0].depends_on).toBeUndefined();
    expect(pool.depends_on).toBeUndefined();
  });

  test('one autoscaled node pool with hardened nodes replaces the default pool', () => {
    expect(pool).toMatchObject({
      name: 'primary-pool',
      location: 'us-west2-a',
      initial_node_count: 3,
      autoscaling: { min_node_count: 3, max_node_count: 5 },
      management: { auto_repair: true, auto_upgrade: true },
      node_config: {
        machine_type: 'e2-standard-4',
        workload_metadata_config: { mode: 'GKE_METADATA' },
        shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      },
    });
    expect(pool.cluster).toMatch(/^\$\{google_container_cluster\.cluster_[0-9A-F]+\.name\}$/);
  });

  test('hardened by default: Dataplane V2, no legacy ABAC, basic security posture, explicit logging and monitoring', () => {
    expect(cluster.datapath_provider).toBe('ADVANCED_DATAPATH');
    expect(cluster.enable_legacy_abac).toBe(false);
    expect(cluster.security_posture_config).toEqual({ mode: 'BASIC', vulnerability_mode: 'VULNERABILITY_DISABLED' });
    expect(cluster.logging_config).toEqual({ enable_components: ['SYSTEM_COMPONENTS', 'WORKLOADS'] });
    expect(cluster.monitoring_config).toEqual({ enable_components: ['SYSTEM_COMPONENTS'] });
    expect(cluster.binary_authorization).toBeUndefined();
    expect(cluster.network_policy).toBeUndefined(); // Dataplane V2 enforces NetworkPolicy itself
  });

  test('dataplaneV2: false keeps the legacy datapath', () => {
    const legacy = resourcesOf(synth({ ...PRIVATE, dataplaneV2: false }), ContainerCluster.tfResourceType)[0];
    expect(legacy.datapath_provider).toBe('LEGACY_DATAPATH');
  });

  test('a public cluster without authorized networks has neither private config nor authorized networks', () => {
    const publicCluster = resourcesOf(synth({ ...PRIVATE, private: false, masterCidr: undefined, authorizedNetworks: undefined }), ContainerCluster.tfResourceType)[0];
    expect(publicCluster.private_cluster_config).toBeUndefined();
    expect(publicCluster.master_authorized_networks_config).toBeUndefined();
  });

  test('a public cluster given authorized networks restricts its endpoint to them', () => {
    const publicCluster = resourcesOf(synth({ ...PRIVATE, private: false, masterCidr: undefined }), ContainerCluster.tfResourceType)[0];
    expect(publicCluster.private_cluster_config).toBeUndefined();
    expect(publicCluster.master_authorized_networks_config).toEqual({
      cidr_blocks: [{ cidr_block: '203.0.113.10/32', display_name: 'operator' }],
    });
  });

  test('without fleet project, Gateway API channel or labels those blocks are absent', () => {
    const plain = resourcesOf(synth({ ...PRIVATE, fleetProject: undefined, gatewayApiChannel: undefined, labels: {} }), ContainerCluster.tfResourceType)[0];
    expect(plain.fleet).toBeUndefined();
    expect(synth({ ...PRIVATE, fleetProject: undefined })).not.toHaveResource(GkeHubMembership);
    expect(plain.gateway_api_config).toBeUndefined();
    expect(plain.resource_labels).toBeUndefined();
  });

  test('controlPlaneGlobalAccess opens the private endpoint to every region of the VPC', () => {
    const open = resourcesOf(synth({ ...PRIVATE, controlPlaneGlobalAccess: true }), ContainerCluster.tfResourceType)[0];
    expect(open.private_cluster_config.master_global_access_config).toEqual({ enabled: true });
    expect(cluster.private_cluster_config.master_global_access_config).toBeUndefined();
  });

  test('a declared pod range becomes the cluster IPv4 range', () => {
    const withPods = resourcesOf(synth({ ...PRIVATE, podCidr: '10.12.0.0/14' }), ContainerCluster.tfResourceType)[0];
    expect(withPods.ip_allocation_policy).toEqual({ stack_type: 'IPV4', cluster_ipv4_cidr_block: '10.12.0.0/14' });
  });

  test('a private cluster without control-plane range is a meshfleet bug (the topology rules refuse it first)', () => {
    expect(() => synth({ ...PRIVATE, masterCidr: undefined })).toThrow('meshfleet bug: gke-cluster.master-cidr: private cluster gke-west-priv has no masterCidr');
  });

  test('autoscaling bounds in the wrong order are a meshfleet bug (the topology rules refuse them first)', () => {
    expect(() => synth({ ...PRIVATE, minNodes: 6, maxNodes: 5 })).toThrow('meshfleet bug: gke-cluster.node-range: cluster gke-west-priv: minNodes 6 > maxNodes 5');
  });
});
