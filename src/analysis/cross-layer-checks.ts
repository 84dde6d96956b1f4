import { gatewayClassTraits } from '../topology/model/gateway-classes';
import { Finding } from './findings';
import { AnalysisInput, describeObject, excerpt, listAt, Located, objectsOfKind, stringAt, terraformResources } from './objects';

/** Object and path of findings about a cluster as a whole (its folder of objects). */
const CLUSTER_PATH = '(cluster)';

/** `type` value of a Gateway address that names a reserved regional address. */
const NAMED_REGIONAL_ADDRESS = 'networking.gke.io/named-address-with-region';

/**
 * Checks that the Kubernetes and Terraform halves agree:
 * XL001 a cluster with Kubernetes objects is neither a Terraform GKE cluster nor declared external;
 * XL002 a Terraform GKE cluster the topology deploys to has no Kubernetes objects;
 * XL003 the multi-cluster ingress / gateway config cluster is not a fleet member, or
 *       multi-cluster objects sit outside it;
 * XL004 a region where an internal (or regional) multi-cluster Gateway has a frontend lacks the
 *       proxy-only subnet of the purpose its class needs.
 */
export function crossLayerChecks(input: AnalysisInput): Finding[] {
  return [...clusterFolders(input), ...configMembership(input), ...proxyOnlySubnets(input)];
}

/** Terraform GKE clusters by name, with the stack and logical ID they are found under. */
function terraformClusters(input: AnalysisInput): Map<string, { stack: string; id: string; location: string }> {
  const clusters = new Map<string, { stack: string; id: string; location: string }>();
  for (const { stack, id, resource } of terraformResources(input, 'google_container_cluster')) {
    const name = stringAt(resource, 'name');
    if (name !== undefined) clusters.set(name, { stack, id, location: stringAt(resource, 'location') ?? '' });
  }
  return clusters;
}

/** Builds a finding about one Kubernetes object. */
function objectFinding(code: string, { cluster, object }: Located, path: string, message: string): Finding {
  return { code, severity: 'error', cluster, object: describeObject(object), path, message };
}

/** XL001 and XL002: cluster folders and Terraform GKE clusters match. */
function clusterFolders(input: AnalysisInput): Finding[] {
  const findings: Finding[] = [];
  const terraform = terraformClusters(input);
  const external = new Set(input.topology.externalClusters);
  for (const cluster of Object.keys(input.clusters)) {
    if (terraform.has(cluster) || external.has(cluster)) continue;
    findings.push({
      code: 'XL001',
      severity: 'error',
      cluster,
      object: `Cluster ${cluster}`,
      path: CLUSTER_PATH,
      message: `Cluster ${cluster} gets Kubernetes objects but no Terraform stack creates it (found no google_container_cluster named ${cluster}; expected one, or the cluster declared platform: external)`,
    });
  }
  for (const cluster of input.topology.deployedClusters) {
    const created = terraform.get(cluster);
    if (created === undefined || input.clusters[cluster] !== undefined) continue;
    findings.push({
      code: 'XL002',
      severity: 'error',
      cluster: `terraform/${created.stack}`,
      object: `google_container_cluster ${cluster}`,
      path: `resource.google_container_cluster.${created.id}`,
      message: `The topology deploys to cluster ${cluster}, which Terraform creates, but it gets no Kubernetes objects (expected a k8s/${cluster}/ folder)`,
    });
  }
  return findings;
}

/** Last segment of `projects/<p>/locations/global/memberships/<id>`. */
function membershipIdOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** XL003: the config membership of multi-cluster ingress is a fleet member and holds the multi-cluster objects. */
function configMembership(input: AnalysisInput): Finding[] {
  const findings: Finding[] = [];
  const terraform = terraformClusters(input);
  const members = new Set(terraformResources(input, 'google_gke_hub_membership').map((m) => stringAt(m.resource, 'membership_id')));
  const features = terraformResources(input, 'google_gke_hub_feature').filter((f) => stringAt(f.resource, 'name') === 'multiclusteringress');
  let configCluster: string | undefined;
  for (const { stack, id, resource } of features) {
    const membership = stringAt(resource, 'spec.multiclusteringress.config_membership');
    const path = `resource.google_gke_hub_feature.${id}.spec.multiclusteringress.config_membership`;
    const at = { cluster: `terraform/${stack}`, object: 'google_gke_hub_feature multiclusteringress', path };
    if (membership === undefined) {
      findings.push({
        code: 'XL003',
        severity: 'error',
        ...at,
        message: 'The multi-cluster ingress feature names no config membership (expected projects/<project>/locations/global/memberships/<cluster>)',
      });
      continue;
    }
    configCluster = membershipIdOf(membership);
    if (!members.has(configCluster) || !terraform.has(configCluster)) {
      findings.push({
        code: 'XL003',
        severity: 'error',
        ...at,
        message: `Config membership ${excerpt(membership)} is not a fleet member created by Terraform (expected a google_gke_hub_membership ${configCluster} of a google_container_cluster ${configCluster})`,
      });
    }
    if (input.topology.configCluster !== undefined && input.topology.configCluster !== configCluster) {
      findings.push({
        code: 'XL003',
        severity: 'error',
        ...at,
        message: `Config membership ${excerpt(configCluster)} differs from the topology's config cluster (expected ${input.topology.configCluster})`,
      });
    }
  }
  for (const object of multiClusterObjects(input)) {
    if (configCluster === object.cluster) continue;
    const why = configCluster === undefined ? 'the fleet has no multi-cluster ingress feature with a config membership' : `the config membership is ${configCluster}`;
    findings.push(
      objectFinding(
        'XL003',
        object,
        CLUSTER_PATH,
        `This multi-cluster object is in cluster ${object.cluster}, but ${why} (expected it in the config cluster, where the controller reads it)`,
      ),
    );
  }
  return findings;
}

/** MultiClusterIngress, MultiClusterService and Gateways of a multi-cluster (`-mc`) class (a single-cluster class's Gateway lives in its own cluster). */
function multiClusterObjects(input: AnalysisInput): Located[] {
  return [
    ...objectsOfKind(input, 'MultiClusterIngress', 'networking.gke.io'),
    ...objectsOfKind(input, 'MultiClusterService', 'networking.gke.io'),
    ...objectsOfKind(input, 'Gateway', 'gateway.networking.k8s.io').filter((g) => gatewayClassTraits(stringAt(g.object, 'spec.gatewayClassName') ?? '')?.scope === 'multi-cluster'),
  ];
}

/** Region of a zone (`us-west1-a` -> `us-west1`); a region stays as it is. */
function regionOf(location: string): string {
  return /-[a-z]$/.test(location) ? location.slice(0, -2) : location;
}

/** XL004: every frontend region of a Gateway whose class needs a proxy-only subnet has one of that purpose. */
function proxyOnlySubnets(input: AnalysisInput): Finding[] {
  const terraform = terraformClusters(input);
  const subnets = terraformResources(input, 'google_compute_subnetwork').map((s) => ({ region: stringAt(s.resource, 'region'), purpose: stringAt(s.resource, 'purpose') }));
  const findings: Finding[] = [];
  for (const gateway of objectsOfKind(input, 'Gateway', 'gateway.networking.k8s.io')) {
    const traits = gatewayClassTraits(stringAt(gateway.object, 'spec.gatewayClassName') ?? '');
    if (traits?.proxyOnly === undefined) continue;
    const regions: Array<{ region: string; path: string; why: string }> = [];
    listAt(gateway.object, 'spec.addresses').forEach((address, i) => {
      const match = /^regions\/([^/]+)\/addresses\//.exec(stringAt(address, 'value') ?? '');
      if (stringAt(address, 'type') === NAMED_REGIONAL_ADDRESS && match) regions.push({ region: match[1], path: `spec.addresses[${i}].value`, why: 'its address' });
    });
    const location = terraform.get(gateway.cluster)?.location;
    if (regions.length === 0 && traits.singleRegion && location !== undefined) {
      regions.push({ region: regionOf(location), path: 'spec.gatewayClassName', why: `the region of cluster ${gateway.cluster}` });
    }
    for (const { region, path, why } of regions) {
      if (subnets.some((s) => s.region === region && s.purpose === traits.proxyOnly)) continue;
      findings.push(
        objectFinding(
          'XL004',
          gateway,
          path,
          `Region ${region} (${why}) has no proxy-only subnet (found no google_compute_subnetwork with purpose ${traits.proxyOnly} in ${region}; expected one, set regions[].proxyOnlySubnet)`,
        ),
      );
    }
  }
  return findings;
}
