import { Construct } from 'constructs';
import { GkeHubFeature } from '@cdktf/provider-google/lib/gke-hub-feature';
import { FleetMembership } from './fleet-membership';

/** Props of {@link MultiClusterIngressFeature}. */
export interface MultiClusterIngressFeatureProps {
  readonly projectId: string;
  /** Membership of the config cluster, which holds MultiClusterIngress / Gateway resources. */
  readonly configMembership: FleetMembership;
}

/**
 * The fleet `multiclusteringress` feature (multi-cluster ingress and multi-cluster Gateways),
 * the equivalent of `gcloud container fleet ingress enable --config-membership=...`.
 */
export class MultiClusterIngressFeature extends Construct {
  public readonly feature: GkeHubFeature;

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
  }
}
