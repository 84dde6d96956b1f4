import { Construct } from 'constructs';
import { GkeHubFeature } from '@cdktf/provider-google/lib/gke-hub-feature';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';

/** Props of {@link MultiClusterServicesFeature}. */
export interface MultiClusterServicesFeatureProps {
  readonly projectId: string;
}

/**
 * The fleet `multiclusterservicediscovery` feature (ServiceExport / ServiceImport), the
 * equivalent of `gcloud container fleet multi-cluster-services enable`, and the grant of
 * `roles/compute.networkViewer` to the MCS importer's Workload Identity.
 */
export class MultiClusterServicesFeature extends Construct {
  public readonly feature: GkeHubFeature;
  public readonly importerGrant: ProjectIamMember;

  constructor(scope: Construct, id: string, props: MultiClusterServicesFeatureProps) {
    super(scope, id);
    this.feature = new GkeHubFeature(this, 'feature', { name: 'multiclusterservicediscovery', location: 'global' });
    this.importerGrant = new ProjectIamMember(this, 'importer-network-viewer', {
      project: props.projectId,
      role: 'roles/compute.networkViewer',
      member: `serviceAccount:${props.projectId}.svc.id.goog[gke-mcs/gke-mcs-importer]`,
    });
  }
}
