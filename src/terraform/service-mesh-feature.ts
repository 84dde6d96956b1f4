import { Construct } from 'constructs';
import { GkeHubFeature } from '@cdktf/provider-google/lib/gke-hub-feature';
import { GkeHubFeatureMembership } from '@cdktf/provider-google/lib/gke-hub-feature-membership';
import { FleetMembership } from './fleet-membership';

/** Props of {@link ServiceMeshFeature}. */
export interface ServiceMeshFeatureProps {
  /** Clusters whose mesh Google manages (control plane, data plane upgrades, discovery). */
  readonly memberships: ReadonlyArray<FleetMembership & { readonly name: string }>;
}

/**
 * The fleet `servicemesh` feature with automatic management for each member cluster:
 * the equivalent of `gcloud container fleet mesh enable` and
 * `gcloud container fleet mesh update --management automatic --memberships ...`.
 * Cross-cluster endpoint discovery is configured by the fleet, without remote secrets.
 */
export class ServiceMeshFeature extends Construct {
  public readonly feature: GkeHubFeature;
  public readonly featureMemberships: readonly GkeHubFeatureMembership[];

  constructor(scope: Construct, id: string, props: ServiceMeshFeatureProps) {
    super(scope, id);
    this.feature = new GkeHubFeature(this, 'feature', { name: 'servicemesh', location: 'global' });
    this.featureMemberships = props.memberships.map(
      (m) =>
        new GkeHubFeatureMembership(this, m.name, {
          feature: this.feature.name,
          location: this.feature.location,
          membership: m.id,
          membershipLocation: m.location,
          mesh: { management: 'MANAGEMENT_AUTOMATIC' },
        }),
    );
  }
}
