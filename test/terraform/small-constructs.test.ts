import { Testing } from 'cdktf';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { MeshFirewall } from '../../src/terraform/mesh-firewall';
import { NODE_ROLES, NodeServiceAccount } from '../../src/terraform/node-service-account';
import { ProjectServices } from '../../src/terraform/project-services';
import { ProxyOnlySubnet } from '../../src/terraform/proxy-only-subnet';
import { resourcesOf } from './helpers';

describe('MeshFirewall', () => {
  const json = Testing.synthScope((scope) => {
    new MeshFirewall(scope, 'fw', { network: 'default', sourceRanges: ['10.0.0.0/8', '172.16.0.0/28'], targetServiceAccounts: ['nodes@proj.iam.gserviceaccount.com'] });
  });
  const rule = resourcesOf(json, ComputeFirewall.tfResourceType)[0];
  test('allows every protocol in from the given ranges', () => {
    expect(json).toHaveResourceWithProperties(ComputeFirewall, {
      name: 'all-pods-and-master-ipv4-cidrs',
      network: 'default',
      direction: 'INGRESS',
      allow: [{ protocol: 'all' }],
      source_ranges: ['10.0.0.0/8', '172.16.0.0/28'],
    });
  });
  test('applies only to instances running as the given service accounts, never to the whole network', () => {
    expect(rule.target_service_accounts).toEqual(['nodes@proj.iam.gserviceaccount.com']);
    expect(rule.target_tags).toBeUndefined();
  });
  test('logs every connection with all metadata', () => {
    expect(rule.log_config).toEqual({ metadata: 'INCLUDE_ALL_METADATA' });
  });
});

describe('ProxyOnlySubnet', () => {
  test('is an active GLOBAL_MANAGED_PROXY subnet named after its region', () => {
    const json = Testing.synthScope((scope) => {
      new ProxyOnlySubnet(scope, 'p', { region: 'us-west1', network: 'default', cidr: '10.129.0.0/23' });
    });
    expect(json).toHaveResourceWithProperties(ComputeSubnetwork, {
      name: 'us-west1-proxy-only-subnet',
      region: 'us-west1',
      network: 'default',
      ip_cidr_range: '10.129.0.0/23',
      purpose: 'GLOBAL_MANAGED_PROXY',
      role: 'ACTIVE',
    });
  });
  test('takes a regional purpose when asked', () => {
    const json = Testing.synthScope((scope) => {
      new ProxyOnlySubnet(scope, 'p', { region: 'us-west1', network: 'default', cidr: '10.129.0.0/23', purpose: 'REGIONAL_MANAGED_PROXY' });
    });
    expect(json).toHaveResourceWithProperties(ComputeSubnetwork, { purpose: 'REGIONAL_MANAGED_PROXY' });
  });
});

describe('ProjectServices', () => {
  test('enables each API and keeps it enabled on destroy', () => {
    const json = Testing.synthScope((scope) => {
      new ProjectServices(scope, 's', { services: ['container.googleapis.com', 'mesh.googleapis.com'] });
    });
    const services = resourcesOf(json, ProjectService.tfResourceType);
    expect(services.map((s) => s.service)).toEqual(['container.googleapis.com', 'mesh.googleapis.com']);
    services.forEach((s) => expect(s.disable_on_destroy).toBe(false));
  });
});

describe('NodeServiceAccount', () => {
  test('creates a dedicated account with only the node roles', () => {
    const json = Testing.synthScope((scope) => {
      new NodeServiceAccount(scope, 'n', { projectId: 'proj' });
    });
    expect(json).toHaveResourceWithProperties(ServiceAccount, { account_id: 'meshfleet-gke-nodes' });
    const grants = resourcesOf(json, ProjectIamMember.tfResourceType);
    expect(grants.map((g) => g.role).sort()).toEqual([...NODE_ROLES].sort());
    expect(grants.map((g) => g.role)).not.toContain('roles/editor');
    grants.forEach((g) => expect(g.member).toMatch(/^\$\{google_service_account\.n_account_[0-9A-F]+\.member\}$/));
  });
});
