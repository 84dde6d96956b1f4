import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { CLUSTER_ADMIN_BINDING_NAME } from '../plan/names';

/** Properties of a {@link ClusterAdminBinding}. */
export interface ClusterAdminBindingProps {
  /** The user given `cluster-admin`, e.g. the operator's Google account `admin@example.com`. */
  readonly user: string;
  /**
   * Name of the ClusterRoleBinding.
   * @default "cluster-admin-binding"
   */
  readonly name?: string;
}

/**
 * What seed 001's `kubectl create clusterrolebinding cluster-admin-binding
 * --clusterrole=cluster-admin --user=USER_ACCOUNT` creates, which installing the control plane
 * needs: a `rbac.authorization.k8s.io/v1` ClusterRoleBinding `cluster-admin-binding` of the
 * ClusterRole `cluster-admin` to one subject `{ kind: User, name: <user>, apiGroup:
 * rbac.authorization.k8s.io }`. Low-level `KubeClusterRoleBinding`.
 */
export class ClusterAdminBinding extends Construct {
  /** The ClusterRoleBinding object. */
  public readonly binding: k8s.KubeClusterRoleBinding;

  public constructor(scope: Construct, id: string, props: ClusterAdminBindingProps) {
    super(scope, id);
    this.binding = new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: props.name ?? CLUSTER_ADMIN_BINDING_NAME },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'User', name: props.user, apiGroup: 'rbac.authorization.k8s.io' }],
    });
  }
}
