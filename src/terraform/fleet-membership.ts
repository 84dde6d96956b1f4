import { ResolvedGkeCluster } from '../topology/model/types';

/**
 * Location of the fleet memberships meshfleet creates: `global`, as in seed 000
 * (`gcloud container fleet memberships register`), so that
 * `projects/<project>/locations/global/memberships/<cluster>` names them.
 */
export const FLEET_MEMBERSHIP_LOCATION = 'global';

/** A fleet membership, as fleet features address it. */
export interface FleetMembership {
  /** Membership ID: the cluster name. */
  readonly id: string;
  /** Membership location: {@link FLEET_MEMBERSHIP_LOCATION}. */
  readonly location: string;
}

/** The membership of a GKE cluster registered to the fleet (see `GkeCluster`). */
export function membershipOf(cluster: Pick<ResolvedGkeCluster, 'name'>): FleetMembership {
  return { id: cluster.name, location: FLEET_MEMBERSHIP_LOCATION };
}
