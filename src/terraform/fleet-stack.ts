import { Construct } from 'constructs';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
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
 * creates: apply it after the clusters stack.
 */
export class FleetStack extends MeshfleetStack {
  constructor(scope: Construct, id: string, model: ResolvedTopology) {
    super(scope, id, { projectId: model.project.id, topologyName: model.name, backend: model.terraform.backend });
    const membership = (name: string): FleetMembership => membershipOf(gkeClusters(model).find((c) => c.name === name)!);

    if (model.mesh?.management === 'fleet') {
      new ServiceMeshFeature(this, 'service-mesh', {
        memberships: gkeClusters(model).filter((c) => c.meshMember).map((c) => ({ name: c.name, ...membership(c.name) })),
      });
    }
    if (model.fleet.multiClusterServices) {
      new MultiClusterServicesFeature(this, 'multi-cluster-services', { projectId: model.project.id });
    }
    if (model.fleet.configCluster !== undefined) {
      new MultiClusterIngressFeature(this, 'multi-cluster-ingress', {
        projectId: model.project.id,
        projectNumber: model.project.number ?? new DataGoogleProject(this, 'project', { projectId: model.project.id }).number,
        configMembership: membership(model.fleet.configCluster),
      });
    }
    const certificates = model.multiClusterIngress?.managedCertificates ?? [];
    if (certificates.length > 0) new ManagedSslCertificates(this, 'managed-ssl-certificates', { certificates });
  }
}
