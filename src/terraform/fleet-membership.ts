import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';

/** A fleet membership, as fleet features address it. */
export interface FleetMembership {
  /** Membership ID (the cluster name for clusters registered with `fleet {}`). */
  readonly id: string;
  /** Membership location (the cluster's region for clusters registered with `fleet {}`). */
  readonly location: string;
}

/** The membership GKE created for a cluster registered through its `fleet {}` block. */
export function membershipOf(cluster: ContainerCluster): FleetMembership {
  return { id: cluster.fleet.membershipId, location: cluster.fleet.membershipLocation };
}
