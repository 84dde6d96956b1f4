import { Finding } from './findings';
import { AnalysisInput } from './objects';

/**
 * Checks of the in-cluster mesh against the clusters' Kubernetes versions (the errors, a
 * declared version outside the mesh version's range, are topology rules):
 * MV001 (warning) the Kubernetes version of a mesh cluster is unknown, so whether the mesh
 *       version supports it cannot be checked.
 */
export function meshVersionChecks(input: AnalysisInput): Finding[] {
  return (input.topology.unknownKubernetes ?? []).map(({ cluster, meshVersion, supported }) => ({
    code: 'MV001',
    severity: 'warning',
    cluster,
    object: `Cluster ${cluster}`,
    path: '(cluster)',
    message:
      supported === undefined
        ? `mesh version ${meshVersion} is not in meshfleet's support table (found no Kubernetes range for it; expected a version of Istio's support matrix, whose Kubernetes range you check yourself)`
        : `the topology does not say which Kubernetes version ${cluster} runs (found no kubernetesVersion; expected one, as mesh version ${meshVersion} supports Kubernetes ${supported} only)`,
  }));
}
