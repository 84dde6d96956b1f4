import { Construct } from 'constructs';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';

/** The roles a GKE node needs: logs, metrics, and pulling images from Artifact Registry. */
export const NODE_ROLES = [
  'roles/artifactregistry.reader',
  'roles/autoscaling.metricsWriter',
  'roles/logging.logWriter',
  'roles/monitoring.metricWriter',
  'roles/monitoring.viewer',
  'roles/stackdriver.resourceMetadata.writer',
] as const;

/** Props of {@link NodeServiceAccount}. */
export interface NodeServiceAccountProps {
  readonly projectId: string;
  /**
   * Account ID (6 to 30 characters); unique in the project, so per topology.
   * @default "meshfleet-gke-nodes"
   */
  readonly accountId?: string;
  /** @default "GKE nodes (meshfleet)" */
  readonly displayName?: string;
}

/**
 * A least-privilege service account for GKE nodes, in place of the Compute Engine default
 * account (which holds the Editor role in most projects).
 */
export class NodeServiceAccount extends Construct {
  public readonly account: ServiceAccount;
  /** The project role grants, in {@link NODE_ROLES} order: node pools depend on them. */
  public readonly grants: readonly ProjectIamMember[];

  constructor(scope: Construct, id: string, props: NodeServiceAccountProps) {
    super(scope, id);
    this.account = new ServiceAccount(this, 'account', {
      accountId: props.accountId ?? 'meshfleet-gke-nodes',
      displayName: props.displayName ?? 'GKE nodes (meshfleet)',
    });
    this.grants = NODE_ROLES.map(
      (role) =>
        new ProjectIamMember(this, role.replace('roles/', ''), {
          project: props.projectId,
          role,
          member: this.account.member,
        }),
    );
  }
}
