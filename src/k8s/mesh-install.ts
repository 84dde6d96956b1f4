import { ResolvedCluster, ResolvedTopology } from '../topology/types';

/** Sub-folder of a cluster's folder that holds mesh install inputs, outside the kustomization. */
export const MESH_INSTALL_DIR = 'mesh-install';

/** One file of mesh install inputs: plain objects, written as multi-document YAML. */
export interface MeshInstallFile {
  /** File name inside `<cluster>/mesh-install/`, e.g. `istio-operator.yaml`. */
  readonly file: string;
  readonly objects: ReadonlyArray<Record<string, unknown>>;
}

/**
 * Per-cluster inputs of an in-cluster mesh install, written to `<cluster>/mesh-install/` and
 * deliberately NOT listed in the cluster's kustomization: an IstioOperator is read by
 * `istioctl install -f`, not applied with `kubectl apply` (DESIGN.md).
 *
 * Extension point for seed 001 (in-cluster ASM with a revision): return the IstioOperator
 * (`install.istio.io/v1alpha1`, profile, revision, meshID, clusterName, network) as a plain
 * object here. Nothing yet: fleet-managed meshes (seeds 000, 002) need no install inputs.
 */
export function meshInstallInputs(model: ResolvedTopology, cluster: ResolvedCluster): MeshInstallFile[] {
  // The fleet installs and upgrades a managed mesh itself: nothing to hand to istioctl.
  if (model.mesh === undefined || model.mesh.management === 'fleet' || !cluster.meshMember) return [];
  // In-cluster mesh member: the IstioOperator (and later the plug-in CA inputs that are not
  // secrets) go here, e.g. [{ file: 'istio-operator.yaml', objects: [istioOperatorOf(model, cluster)] }].
  return [];
}
