/*
 * File names that meshfleet writes into every cluster folder (`dist/k8s/<cluster>/`), besides
 * one `<namespace>.yaml` per app namespace. Here, not in src/k8s, so that the topology rules can
 * refuse an app namespace whose file would take one of these names (this folder imports no cdk8s).
 */

/** File names of the charts every cluster may get (app charts are `<namespace>.yaml`). */
export const CHART_FILES = {
  namespaces: 'namespaces.yaml',
  clusterAdminBinding: 'cluster-admin-binding.yaml',
  istioSystem: 'istio-system.yaml',
  meshSecurity: 'mesh-security.yaml',
  ingressGateway: 'ingress-gateway.yaml',
  managedMeshConfig: 'managed-mesh-config.yaml',
  multiClusterIngress: 'multi-cluster-ingress.yaml',
  multiClusterGateway: 'multi-cluster-gateway.yaml',
} as const;

/** File of every cluster folder that lists its YAML files for `kubectl apply -k` and GitOps tools. */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/** Every fixed file name of a cluster folder: the chart files and the kustomization. */
export const FIXED_CLUSTER_FILES: readonly string[] = [...Object.values(CHART_FILES), KUSTOMIZATION_FILE];

/**
 * Sub-folder of a cluster folder with the inputs of `istioctl install -f` (IstioOperators),
 * which are not kubectl objects and so are not listed in the kustomization.
 */
export const MESH_INSTALL_DIR = 'mesh-install';

/** The install inputs, relative to the cluster folder, in install order. */
export const MESH_INSTALL_FILES = {
  controlPlane: `${MESH_INSTALL_DIR}/control-plane.yaml`,
  eastWestGateway: `${MESH_INSTALL_DIR}/eastwest-gateway.yaml`,
} as const;

/** Folder of the Kubernetes half under the output folder (one sub-folder per cluster). */
export const KUBERNETES_DIR = 'k8s';
