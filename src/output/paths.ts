/*
 * Every path meshfleet writes or reads in its output, named once: the folders and files at the
 * top of the output folder (`dist/`), the fixed files of every cluster folder
 * (`dist/k8s/<cluster>/`, besides one `<namespace>.yaml` per app namespace), the GitOps files and
 * the Terraform state folder beside the output. Everything else imports them from here. A module
 * without dependencies (no cdk8s, no cdktf), so that the topology rules can refuse an app
 * namespace whose file would take one of these names, and the runbook can name the files
 * without loading a renderer.
 */

/** The default output folder, relative to the working directory. */
export const DEFAULT_OUT = 'dist';

/** Folder of the Terraform half in the output (cdktf layout: `manifest.json`, `stacks/<stack>/cdk.tf.json`). */
export const TERRAFORM_DIR = 'terraform';

/** The cdktf manifest; an output written before the marker existed is recognized by it. */
export const TERRAFORM_MANIFEST_FILE = `${TERRAFORM_DIR}/manifest.json`;

/** Folder of the Terraform stacks, one folder each, where Terraform also keeps its working files. */
export const STACKS_FOLDER = `${TERRAFORM_DIR}/stacks`;

/** Folder of the cluster folders in the output: `k8s/<cluster>/`. */
export const KUBERNETES_DIR = 'k8s';

/** Folder of the GitOps objects in the output. */
export const GITOPS_DIR = 'gitops';

/** The Argo CD ApplicationSet, relative to the output folder. */
export const APPLICATION_SET_FILE = `${GITOPS_DIR}/argocd/applicationset.yaml`;

/** `gitops/config-sync/<cluster>/root-sync.yaml`: the RootSync of one cluster, relative to the output folder. */
export function rootSyncFile(cluster: string): string {
  return `${GITOPS_DIR}/config-sync/${cluster}/root-sync.yaml`;
}

/** The file, directly in the output folder, that maps cluster folders to kube contexts. */
export const CLUSTERS_FILE = 'clusters.json';

/** The runbook, directly in the output folder: what to run, in order, to deploy the output. */
export const RUNBOOK_FILE = 'README.md';

/** The topology's diagram, directly in the output folder, linked from the runbook. */
export const DIAGRAM_FILE = 'diagram.svg';

/**
 * The file at the root of every `meshfleet synth` output. Its content, not only its presence,
 * is what lets a later synth replace the folder: a folder without it is never replaced.
 */
export const MARKER_FILE = '.meshfleet-output.json';

/**
 * The folder, beside the output folder (a sibling of `dist/`), that holds the default local
 * Terraform state: `terraform-state/<topology name>/<stack>.tfstate`. Outside the output, which
 * every synth replaces; operators keep it (and keep it out of Git: state holds secrets).
 */
export const LOCAL_STATE_FOLDER = 'terraform-state';

/** File names of the charts every cluster may get (app charts are `<namespace>.yaml`). */
export const CHART_FILES = {
  namespaces: 'namespaces.yaml',
  clusterAdminBinding: 'cluster-admin-binding.yaml',
  istioSystem: 'istio-system.yaml',
  meshSecurity: 'mesh-security.yaml',
  ingressGateway: 'ingress-gateway.yaml',
  egressGateway: 'egress-gateway.yaml',
  managedMeshConfig: 'managed-mesh-config.yaml',
  multiClusterIngress: 'multi-cluster-ingress.yaml',
  multiClusterGateway: 'multi-cluster-gateway.yaml',
  /** The single-cluster GKE Gateways of the cluster (`gateways[].cluster`), their routes and policies. */
  clusterGateway: 'gke-gateway.yaml',
  /** The cluster's `clusters[].extraObjects` (the escape hatch), last in the kustomization. */
  extraObjects: 'extra-objects.yaml',
} as const;

/** File of every cluster folder that lists its YAML files for `kubectl apply -k` and GitOps tools. */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/** Every fixed file name of a cluster folder: the chart files and the kustomization. */
export const FIXED_CLUSTER_FILES: readonly string[] = [...Object.values(CHART_FILES), KUSTOMIZATION_FILE];

/** Folder of a cluster folder that holds the `istioctl install -f` inputs, outside the kustomization. */
export const MESH_INSTALL_DIR = 'mesh-install';

/** The istioctl inputs, relative to the cluster folder, in install order. */
export const MESH_INSTALL_FILES = {
  controlPlane: `${MESH_INSTALL_DIR}/control-plane.yaml`,
  eastWestGateway: `${MESH_INSTALL_DIR}/eastwest-gateway.yaml`,
} as const;

/**
 * Every entry meshfleet writes at the top of the output folder; a synth replaces these as a
 * whole. Any other entry there (`.git` of a user who commits the output, a `.gitignore`, notes)
 * is the user's: a synth keeps it, moved into the new output, and `synth --check` ignores it.
 */
export const OUTPUT_ENTRIES: readonly string[] = [MARKER_FILE, TERRAFORM_DIR, KUBERNETES_DIR, GITOPS_DIR, CLUSTERS_FILE, RUNBOOK_FILE, DIAGRAM_FILE];

/** Whether the top-level entry `name` of an output folder is not one meshfleet writes ({@link OUTPUT_ENTRIES}). */
export function isForeignEntry(name: string): boolean {
  return !OUTPUT_ENTRIES.includes(name);
}
