import { Construct } from 'constructs';
import { ResolvedTopology } from '../topology/types';
import { FleetMembership, membershipOf } from './fleet-membership';
import { GkeCluster } from './gke-cluster';
import { MeshfleetStack } from './meshfleet-stack';
import { MultiClusterIngressFeature } from './multi-cluster-ingress-feature';
import { MultiClusterServicesFeature } from './multi-cluster-services-feature';
import { ServiceMeshFeature } from './service-mesh-feature';

/** True when the topology uses any fleet feature, i.e. needs a fleet stack. */
export function usesFleetFeatures(model: ResolvedTopology): boolean {
  return model.mesh?.management === 'fleet' || model.fleet.configCluster !== undefined || model.fleet.multiClusterServices;
}

/**
 * Last stack: fleet-wide features (managed service mesh, multi-cluster ingress and gateways,
 * multi-cluster services). Destroying it turns features off without touching the clusters.
 */
export class FleetStack extends MeshfleetStack {
  constructor(scope: Construct, id: string, model: ResolvedTopology, clusters: ReadonlyMap<string, GkeCluster>) {
    super(scope, id, { projectId: model.project.id, topologyName: model.name, backend: model.terraform.backend });
    const membership = (name: string): FleetMembership => membershipOf(clusters.get(name)!.cluster);

    if (model.mesh?.management === 'fleet') {
      new ServiceMeshFeature(this, 'service-mesh', {
        memberships: model.clusters.filter((c) => c.meshMember).map((c) => ({ name: c.name, ...membership(c.name) })),
      });
    }
    if (model.fleet.multiClusterServices) {
      new MultiClusterServicesFeature(this, 'multi-cluster-services', { projectId: model.project.id });
    }
    if (model.fleet.configCluster !== undefined) {
      new MultiClusterIngressFeature(this, 'multi-cluster-ingress', {
        projectId: model.project.id,
        configMembership: membership(model.fleet.configCluster),
      });
    }
  }
}
