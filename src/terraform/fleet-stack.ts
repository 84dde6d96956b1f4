import { Construct } from 'constructs';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { FLEET_FEATURES } from '../plan/terraform-plan';
import { StackPlan } from '../plan/types';
import { gkeClusters, ResolvedTopology } from '../topology/model/types';
import { FleetMembership, membershipOf } from './fleet-membership';
import { MeshfleetStack } from './meshfleet-stack';
import { ManagedSslCertificates } from './managed-ssl-certificates';
import { MultiClusterIngressFeature } from './multi-cluster-ingress-feature';
import { MultiClusterServicesFeature } from './multi-cluster-services-feature';
import { ServiceMeshFeature } from './service-mesh-feature';

/**
 * Last stack: fleet-wide features (managed service mesh, multi-cluster ingress and gateways,
 * multi-cluster services) and the IAM grants they need, and the Google-managed certificates of
 * the multi-cluster ingress. Destroying it turns features off without
 * touching the clusters. Features address the clusters' global memberships by name
 * (`projects/<project>/locations/global/memberships/<cluster>`), which the clusters stack
 * creates: apply it after the clusters stack. Which features it turns on, and for which mesh
 * members, is the plan's (`stack`, see `planTerraform`).
 */
export class FleetStack extends MeshfleetStack {
  constructor(scope: Construct, id: string, model: ResolvedTopology, stack: StackPlan) {
    super(scope, id, { projectId: model.project.id, topologyName: model.name, backend: model.terraform.backend });
    const membership = (name: string): FleetMembership => membershipOf(gkeClusters(model).find((c) => c.name === name)!);

    const planned = (feature: string) => stack.resources.filter((r) => r.path[0] === feature);
    const serviceMesh = planned(FLEET_FEATURES.serviceMesh);
    if (serviceMesh.length > 0) {
      new ServiceMeshFeature(this, FLEET_FEATURES.serviceMesh, {
        memberships: serviceMesh.filter((r) => r.type === 'google_gke_hub_feature_membership').map((r) => ({ name: r.path[1], ...membership(r.path[1]) })),
      });
    }
    if (planned(FLEET_FEATURES.multiClusterServices).length > 0) {
      new MultiClusterServicesFeature(this, FLEET_FEATURES.multiClusterServices, { projectId: model.project.id });
    }
    if (planned(FLEET_FEATURES.multiClusterIngress).length > 0 && model.fleet.configCluster !== undefined) {
      new MultiClusterIngressFeature(this, FLEET_FEATURES.multiClusterIngress, {
        projectId: model.project.id,
        projectNumber: model.project.number ?? new DataGoogleProject(this, 'project', { projectId: model.project.id }).number,
        configMembership: membership(model.fleet.configCluster),
      });
    }
    const certificates = model.multiClusterIngress?.managedCertificates ?? [];
    if (certificates.length > 0) new ManagedSslCertificates(this, 'managed-ssl-certificates', { certificates });
  }
}
