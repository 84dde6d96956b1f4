import { Construct } from 'constructs';
import { GkeHubFeature } from '@cdktf/provider-google/lib/gke-hub-feature';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { FleetMembership } from './fleet-membership';

/** Props of {@link MultiClusterIngressFeature}. */
export interface MultiClusterIngressFeatureProps {
  readonly projectId: string;
  /** Project number (a literal or a `google_project` data source reference), for the service agent's address. */
  readonly projectNumber: string;
  /** Membership of the config cluster, which holds MultiClusterIngress / Gateway resources. */
  readonly configMembership: FleetMembership;
}

/** The multi-cluster ingress service agent of a project: `service-<number>@gcp-sa-multiclusteringress...`. */
export function multiClusterIngressServiceAgent(projectNumber: string): string {
  return `serviceAccount:service-${projectNumber}@gcp-sa-multiclusteringress.iam.gserviceaccount.com`;
}

/**
 * The fleet `multiclusteringress` feature (multi-cluster ingress and multi-cluster Gateways),
 * the equivalent of `gcloud container fleet ingress enable --config-membership=...`, after the
 * grant of `roles/container.admin` to the multi-cluster ingress service agent, which the
 * multi-cluster Gateway controller needs to manage the member clusters.
 */
export class MultiClusterIngressFeature extends Construct {
  public readonly feature: GkeHubFeature;
  public readonly serviceAgentGrant: ProjectIamMember;

  constructor(scope: Construct, id: string, props: MultiClusterIngressFeatureProps) {
    super(scope, id);
    const { configMembership: m } = props;
    this.serviceAgentGrant = new ProjectIamMember(this, 'service-agent-container-admin', {
      project: props.projectId,
      role: 'roles/container.admin',
      member: multiClusterIngressServiceAgent(props.projectNumber),
    });
    this.feature = new GkeHubFeature(this, 'feature', {
      name: 'multiclusteringress',
      location: 'global',
      spec: {
        multiclusteringress: {
          configMembership: `projects/${props.projectId}/locations/${m.location}/memberships/${m.id}`,
        },
      },
      dependsOn: [this.serviceAgentGrant],
    });
  }
}
