import { Testing } from 'cdktf';
import { GkeHubFeature } from '@cdktf/provider-google/lib/gke-hub-feature';
import { GkeHubFeatureMembership } from '@cdktf/provider-google/lib/gke-hub-feature-membership';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { MultiClusterIngressFeature } from '../../src/terraform/multi-cluster-ingress-feature';
import { MultiClusterServicesFeature } from '../../src/terraform/multi-cluster-services-feature';
import { ServiceMeshFeature } from '../../src/terraform/service-mesh-feature';
import { resourcesOf } from './helpers';

describe('ServiceMeshFeature', () => {
  const json = Testing.synthScope((scope) => {
    new ServiceMeshFeature(scope, 'mesh', {
      memberships: [
        { name: 'a', id: 'a', location: 'us-west2' },
        { name: 'b', id: 'b', location: 'us-central1' },
      ],
    });
  });
  test('enables the global servicemesh feature', () => {
    expect(json).toHaveResourceWithProperties(GkeHubFeature, { name: 'servicemesh', location: 'global' });
  });
  test('turns on automatic management for each membership in its location', () => {
    const memberships = resourcesOf(json, GkeHubFeatureMembership.tfResourceType);
    expect(memberships.map((m) => [m.membership, m.membership_location, m.mesh.management])).toEqual([
      ['a', 'us-west2', 'MANAGEMENT_AUTOMATIC'],
      ['b', 'us-central1', 'MANAGEMENT_AUTOMATIC'],
    ]);
    memberships.forEach((m) => expect(m.feature).toMatch(/^\$\{google_gke_hub_feature\.mesh_feature_[0-9A-F]+\.name\}$/));
  });
});

describe('MultiClusterIngressFeature', () => {
  const json = Testing.synthScope((scope) => {
    new MultiClusterIngressFeature(scope, 'mci', { projectId: 'proj', projectNumber: '123456', configMembership: { id: 'gke-west-1', location: 'global' } });
  });

  test('names the config membership by project, location and ID', () => {
    expect(json).toHaveResourceWithProperties(GkeHubFeature, {
      name: 'multiclusteringress',
      location: 'global',
      spec: { multiclusteringress: { config_membership: 'projects/proj/locations/global/memberships/gke-west-1' } },
    });
  });

  test('grants roles/container.admin to the multi-cluster ingress service agent after the feature that provisions the agent', () => {
    expect(json).toHaveResourceWithProperties(ProjectIamMember, {
      project: 'proj',
      role: 'roles/container.admin',
      member: 'serviceAccount:service-123456@gcp-sa-multiclusteringress.iam.gserviceaccount.com',
    });
    const [feature] = resourcesOf(json, GkeHubFeature.tfResourceType);
    const [grant] = resourcesOf(json, ProjectIamMember.tfResourceType);
    expect(grant.depends_on).toEqual([expect.stringMatching(/^google_gke_hub_feature\.mci_feature_[0-9A-F]+$/)]);
    expect(feature.depends_on).toBeUndefined();
  });
});

describe('MultiClusterServicesFeature', () => {
  const json = Testing.synthScope((scope) => {
    new MultiClusterServicesFeature(scope, 'mcs', { projectId: 'proj' });
  });
  test('enables the global multiclusterservicediscovery feature', () => {
    expect(json).toHaveResourceWithProperties(GkeHubFeature, { name: 'multiclusterservicediscovery', location: 'global' });
  });
  test('grants the MCS importer network viewer through Workload Identity', () => {
    expect(json).toHaveResourceWithProperties(ProjectIamMember, {
      project: 'proj',
      role: 'roles/compute.networkViewer',
      member: 'serviceAccount:proj.svc.id.goog[gke-mcs/gke-mcs-importer]',
    });
  });
});
