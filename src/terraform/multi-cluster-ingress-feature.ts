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
 * the equivalent of `gcloud container fleet ingress enable --config-membership=...`, then the
 * grant of `roles/container.admin` to the multi-cluster ingress service agent, which the
 * multi-cluster Gateway controller needs to manage the member clusters.
 *
 * The grant waits for the feature (`depends_on`), in the order of GKE's setup guide (enable the
 * feature, then grant the role): enabling the feature is what provisions the service agent, and
 * IAM refuses a grant to an account that does not exist yet. The provider's
 * `google_project_service_identity`, which would create the agent by itself, exists only in
 * the google-beta provider; one beta provider for one resource is not worth it when the
 * feature already makes the agent.
 */
export class MultiClusterIngressFeature extends Construct {
  public readonly feature: GkeHubFeature;
  public readonly serviceAgentGrant: ProjectIamMember;

  constructor(scope: Construct, id: string, props: MultiClusterIngressFeatureProps) {
    super(scope, id);
    const { configMembership: m } = props;
    this.feature = new GkeHubFeature(this, 'feature', {
      name: 'multiclusteringress',
      location: 'global',
      spec: {
        multiclusteringress: {
          configMembership: `projects/${props.projectId}/locations/${m.location}/memberships/${m.id}`,
        },
      },
    });
    this.serviceAgentGrant = new ProjectIamMember(this, 'service-agent-container-admin', {
      project: props.projectId,
      role: 'roles/container.admin',
      member: multiClusterIngressServiceAgent(props.projectNumber),
      dependsOn: [this.feature],
    });
  }
}
