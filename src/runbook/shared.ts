import { CHART_FILES, KUBERNETES_DIR, KUSTOMIZATION_FILE, MESH_INSTALL_DIR, MESH_INSTALL_FILES, TERRAFORM_DIR } from '../output/paths';
import { MCI_ANNOTATIONS } from '../k8s/multi-cluster-ingress';
import { buildPlan } from '../plan/build-plan';
import { MCI_STATIC_IP_OUTPUT } from '../plan/terraform-plan';
import type { ClusterMeshInstall, FleetPlan, PlannedEastWestGateway } from '../plan/types';
import type { ResolvedCluster, ResolvedTopology } from '../topology/model/types';
import { isMultiClusterGatewayClass } from '../topology/model/gateway-classes';
import { contextFlag, kubectlApplyKustomization, shellQuote, terraformOutputAssignment } from './commands';
import { TOPOLOGY_VARIABLE } from '../entry/run-entry-point';
import { crdWaitCommands, eastWestAddressCommand, gatewayClassWaitCommand, nonEmptyWaitCommand } from './wait-commands';

/*
 * What the runbook's sections share: the input they are rendered from, the context built from it,
 * markdown helpers, and the folders and waits that several sections use.
 */

/**
 * One cluster folder of the output, as the runbook needs it. `SynthesizedCluster` (src/k8s)
 * satisfies it structurally.
 */
export interface RunbookClusterFolder {
  /** Cluster name, also its folder name under the Kubernetes folder. */
  readonly cluster: string;
  /**
   * Files of the folder, relative to it (`namespaces.yaml`, ..., `kustomization.yaml`). The
   * runbook reads only whether the folder holds anything from it; which files it holds comes
   * from the plan (`folderFiles`).
   */
  readonly files: readonly string[];
  /**
   * The `istioctl install -f` inputs of the cluster, relative to its folder, in install order
   * (`mesh-install/control-plane.yaml`, then `mesh-install/eastwest-gateway.yaml` when present).
   * @default none
   */
  readonly meshInstall?: readonly string[];
}

/** Folder names under the output folder. */
export interface RunbookFolders {
  readonly terraform: string;
  readonly kubernetes: string;
}

/** What `meshfleet synth` writes: `terraform/` and `k8s/`. */
export const DEFAULT_RUNBOOK_FOLDERS: RunbookFolders = { terraform: TERRAFORM_DIR, kubernetes: KUBERNETES_DIR };

/** Shown in `meshfleet ca --topology ...` when the topology's path is not known (or absolute). */
export const TOPOLOGY_PLACEHOLDER = '<topology file>';

/** Shown for the meshfleet project folder when it cannot be derived from the output folder's path. */
export const PROJECT_PLACEHOLDER = '<meshfleet project folder>';

/** Files of the fleet config cluster's folder that need fleet CRDs before they are applied. */
export const MULTI_CLUSTER_INGRESS_FILE = CHART_FILES.multiClusterIngress;

export const MULTI_CLUSTER_GATEWAY_FILE = CHART_FILES.multiClusterGateway;
/** The single-cluster GKE Gateways of a cluster folder. */
export const CLUSTER_GATEWAY_FILE = CHART_FILES.clusterGateway;

/** Variable naming the plug-in CA folder (outside the output folder). */
export const CA_DIR_VARIABLE = 'MESHFLEET_CA_DIR';

/** Files of a cluster folder the runbook applies on their own, before the control plane. */
export const NAMESPACES_FILE = CHART_FILES.namespaces;

export const CLUSTER_ADMIN_BINDING_FILE = CHART_FILES.clusterAdminBinding;

/** Everything the runbook is rendered from. */
export interface RunbookInput {
  readonly model: ResolvedTopology;
  /** Terraform stacks written (under `<terraform>/stacks/`), in apply order. */
  readonly stacks: readonly string[];
  /**
   * Cluster folders written, in topology order. A folder with nothing to apply (only its
   * kustomization, as every cluster with nothing to deploy gets) gets no command.
   */
  readonly clusters: readonly RunbookClusterFolder[];
  /**
   * The topology file as the user named it, for `meshfleet ca --topology`. Must not be
   * absolute (the runbook holds no absolute path).
   * @default TOPOLOGY_PLACEHOLDER
   */
  readonly topologyPath?: string;
  /**
   * The output folder as the user named it for `meshfleet synth --out`, relative to the folder
   * synth ran in (the meshfleet project folder), for the re-synth command and the way back to
   * the project folder. Must not be absolute.
   * @default the output folder is named by the shell's working folder at re-synth time, and the
   * project folder is PROJECT_PLACEHOLDER
   */
  readonly outPath?: string;
  /** @default DEFAULT_RUNBOOK_FOLDERS */
  readonly folders?: RunbookFolders;
  /**
   * The fleet plan of `model` (what synth rendered): the runbook reads the mesh install (order,
   * east-west gateways, reserved address, remote secrets) from it.
   * @default buildPlan(model)
   */
  readonly plan?: FleetPlan;
  /**
   * The topology diagram beside the runbook (`diagram.svg`), shown under the title.
   * @default no picture
   */
  readonly diagram?: string;
}

/** A numbered `##` section of the runbook: its title and its markdown lines. */
export interface RunbookSection {
  readonly title: string;
  readonly lines: readonly string[];
}

/** What the section builders share. */
export interface Context {
  readonly model: ResolvedTopology;
  /** The fleet plan of the model. */
  readonly plan: FleetPlan;
  readonly project: string;
  readonly input: RunbookInput;
  readonly folders: RunbookFolders;
  /** A cluster's folder, when it has one. */
  folderOf(cluster: string): RunbookClusterFolder | undefined;
  /** A path relative to the output folder: `k8s/<cluster>/<file>`. */
  k8sPath(cluster: string, file?: string): string;
  /**
   * The topology file as a shell word for `npx meshfleet ... --topology`; without a known path,
   * `"${MESHFLEET_TOPOLOGY}"`, which the meshfleet section exports with a placeholder.
   */
  readonly topologyArg: string;
  /** The output folder as a shell word for `npx meshfleet synth --out`, when its path is known. */
  readonly outArg?: string;
  /** The project folder relative to the output folder (`..` for `dist`), or the placeholder. */
  readonly projectDir: string;
}

/** A fenced `sh` code block. */
export function sh(commands: readonly string[]): string[] {
  return ['```sh', ...commands, '```'];
}

/** Paragraphs and blocks joined with one blank line between them. */
export function blocks(...parts: ReadonlyArray<string | readonly string[] | undefined>): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (part === undefined || part.length === 0) continue;
    if (out.length > 0) out.push('');
    if (typeof part === 'string') out.push(part);
    else out.push(...part);
  }
  return out;
}

export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function code(text: string): string {
  return `\`${text}\``;
}

export function unique<T>(items: readonly T[]): T[] {
  return items.filter((item, i) => items.indexOf(item) === i);
}

export function makeContext(input: RunbookInput): Context {
  const folders = input.folders ?? DEFAULT_RUNBOOK_FOLDERS;
  const byName = new Map(input.clusters.filter(hasSomethingToApply).map((c) => [c.cluster, c]));
  return {
    model: input.model,
    plan: input.plan ?? buildPlan(input.model),
    project: input.model.project.id,
    input,
    folders,
    folderOf: (cluster) => byName.get(cluster),
    k8sPath: (cluster, file) => [folders.kubernetes, cluster, ...(file === undefined ? [] : [file])].join('/'),
    topologyArg: knownTopology(input) ? shellQuote(input.topologyPath!) : `"\${${TOPOLOGY_VARIABLE}}"`,
    ...(input.outPath === undefined ? {} : { outArg: shellQuote(input.outPath) }),
    projectDir: projectDirOf(input.outPath),
  };
}

/** True when the runbook knows the topology file's path (else it is the placeholder). */
export function knownTopology(input: RunbookInput): boolean {
  return input.topologyPath !== undefined && input.topologyPath !== TOPOLOGY_PLACEHOLDER;
}

/**
 * The way back from the output folder to the folder synth ran in: one `..` per segment of a
 * relative, downward `outPath` (`dist` → `..`, `out/dist` → `../..`); otherwise the placeholder.
 */
function projectDirOf(outPath: string | undefined): string {
  if (outPath === undefined || outPath.startsWith('/') || outPath.includes('\\')) return PROJECT_PLACEHOLDER;
  const segments = outPath.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.some((s) => s === '..')) return PROJECT_PLACEHOLDER;
  return segments.map(() => '..').join('/');
}

/** The clusters with a folder, in topology order, that are not in `except`. */
export function foldersInTopologyOrder(ctx: Context, except: ReadonlySet<string> = new Set()): RunbookClusterFolder[] {
  return ctx.model.clusters.map((c) => ctx.folderOf(c.name)).filter((f): f is RunbookClusterFolder => f !== undefined && !except.has(f.cluster));
}

/** The plan's mesh install clusters: primaries first, then remotes, each in topology order. */
export function meshClustersInInstallOrder(ctx: Context): readonly ClusterMeshInstall[] {
  return ctx.plan.meshInstall.clusters;
}

/** The model's cluster of a name the plan gives. */
export function clusterNamed(ctx: Context, name: string): ResolvedCluster {
  const cluster = ctx.model.clusters.find((c) => c.name === name);
  if (cluster === undefined) throw new Error(`the plan names cluster ${name}, which the topology does not have`);
  return cluster;
}

/** The remote secrets of the plan: each primary (in install order) reads the clusters of its `remoteSecretsFrom`. */
export function remoteSecretPairs(ctx: Context): Array<{ readonly holder: ResolvedCluster; readonly target: ResolvedCluster }> {
  return meshClustersInInstallOrder(ctx).flatMap((m) => m.remoteSecretsFrom.map((target) => ({ holder: clusterNamed(ctx, m.cluster), target: clusterNamed(ctx, target) })));
}

/** The east-west gateway whose address Terraform reserves, with its cluster, when the plan has one. */
export function reservedEastWestGateway(ctx: Context): { readonly cluster: string; readonly reservedAddress: NonNullable<PlannedEastWestGateway['reservedAddress']> } | undefined {
  for (const m of meshClustersInInstallOrder(ctx)) {
    const reserved = m.eastWestGateway?.reservedAddress;
    if (reserved !== undefined) return { cluster: m.cluster, reservedAddress: reserved };
  }
  return undefined;
}

/** Whether a cluster folder holds objects or istioctl inputs (not only an empty kustomization). */
function hasSomethingToApply(folder: RunbookClusterFolder): boolean {
  return folder.files.some((f) => f !== KUSTOMIZATION_FILE && !f.startsWith(`${MESH_INSTALL_DIR}/`)) || (folder.meshInstall ?? []).length > 0;
}

/**
 * The files the plan puts into a cluster's folder, relative to it (the kustomized ones in
 * kustomization order, then the `istioctl` inputs), or none when the cluster has no folder to apply.
 */
export function folderFiles(ctx: Context, cluster: string): string[] {
  if (ctx.folderOf(cluster) === undefined) return [];
  return (ctx.plan.clusters.find((c) => c.name === cluster)?.files ?? []).map((f) => f.path);
}

/** Files of a cluster's folder that its kustomization lists, in apply order (the plan's kustomized files). */
export function kustomizationFiles(ctx: Context, cluster: string): string[] {
  if (ctx.folderOf(cluster) === undefined) return [];
  return (ctx.plan.clusters.find((c) => c.name === cluster)?.files ?? []).filter((f) => f.kustomized).map((f) => f.path);
}

/** The fleet config cluster's folder when it holds `file`. */
export function configFolderWith(ctx: Context, file: string): string | undefined {
  const config = ctx.model.fleet.configCluster;
  return config !== undefined && folderFiles(ctx, config).includes(file) ? config : undefined;
}

/**
 * `kubectl apply -k k8s/<cluster>` when the cluster has a folder, after the waits it needs
 * ({@link folderWaits}), then what the folder cannot hold ({@link staticIpAnnotation}).
 */
export function applyFolder(ctx: Context, cluster: string): string[] {
  return ctx.folderOf(cluster) === undefined ? [] : [...folderWaits(ctx, cluster), kubectlApplyKustomization(cluster, ctx.k8sPath(cluster)), ...staticIpAnnotation(ctx, cluster)];
}

/** Shell variable holding the IP of the multi-cluster ingress's reserved address. */
const MCI_STATIC_IP_VARIABLE = 'MCI_STATIC_IP';

/**
 * After the config cluster's folder, when Terraform reserved the multi-cluster ingress's address
 * (`staticAddressName`): the MultiClusterIngress's `networking.gke.io/static-ip` takes the IP,
 * which exists only once the network stack is applied, so the folder cannot hold it; annotate
 * the object with the stack's output. Later applies of the folder keep the annotation (it is not
 * in the folder, so `kubectl apply` leaves it alone).
 */
function staticIpAnnotation(ctx: Context, cluster: string): string[] {
  const mci = ctx.model.multiClusterIngress;
  if (mci?.staticAddressName === undefined || configFolderWith(ctx, MULTI_CLUSTER_INGRESS_FILE) !== cluster) return [];
  return [
    `# ${cluster}: the MultiClusterIngress takes the IP of ${mci.staticAddressName}, which Terraform reserved`,
    terraformOutputAssignment(MCI_STATIC_IP_VARIABLE, `${ctx.folders.terraform}/stacks/network`, MCI_STATIC_IP_OUTPUT),
    `kubectl ${contextFlag(cluster)} -n ${shellQuote(mci.namespace)} annotate multiclusteringress ${shellQuote(mci.name)} ${MCI_ANNOTATIONS.staticIp}="\${${MCI_STATIC_IP_VARIABLE}}" --overwrite`,
  ];
}

/** The `istioctl install -f` input of the east-west gateway, relative to the cluster folder. */
const EAST_WEST_INSTALL_FILE = MESH_INSTALL_FILES.eastWestGateway;

/** CRDs the fleet features install, by the objects that need them. */
const SERVICE_EXPORT_CRDS = ['serviceexports.net.gke.io'];

const MULTI_CLUSTER_INGRESS_CRDS = ['multiclusteringresses.networking.gke.io', 'multiclusterservices.networking.gke.io'];

/**
 * Gateway API release whose standard-channel CRDs the runbook installs on an external cluster
 * that gets Gateway API objects (GKE clusters get them from `gateway_api_config`): the release
 * meshfleet's Gateway API objects and limits follow.
 */
export const GATEWAY_API_RELEASE = 'v1.2.1';

/** Installs the standard-channel Gateway API CRDs of {@link GATEWAY_API_RELEASE} (server-side: the CRDs exceed the client-side annotation limit). */
function gatewayApiInstallCommand(cluster: string): string {
  return `kubectl ${contextFlag(cluster)} apply --server-side -f https://github.com/kubernetes-sigs/gateway-api/releases/download/${GATEWAY_API_RELEASE}/standard-install.yaml`;
}

const HEALTH_CHECK_POLICY_CRD = 'healthcheckpolicies.networking.gke.io';

const GCP_BACKEND_POLICY_CRD = 'gcpbackendpolicies.networking.gke.io';

const GCP_GATEWAY_POLICY_CRD = 'gcpgatewaypolicies.networking.gke.io';

/** True when the cluster runs a workload exported to the fleet (its folder holds ServiceExports). */
function exportsFrom(ctx: Context, cluster: string): boolean {
  return ctx.model.apps.some((app) => app.workloads.some((w) => w.export && w.clusters.includes(cluster)));
}

/**
 * The waits before a cluster's folder is applied: the Gateway API CRDs of the kinds it holds
 * (the plan's `gatewayApiCrds`; installed first on an external cluster), and the CRDs the fleet
 * features install (ServiceExport where workloads are exported, MultiClusterIngress/Service and
 * the GKE policies with the GatewayClasses in the config cluster), only for the objects the
 * folder holds.
 */
function folderWaits(ctx: Context, cluster: string): string[] {
  const files = folderFiles(ctx, cluster);
  const planned = ctx.plan.clusters.find((c) => c.name === cluster);
  const gatewayApiCrds = ctx.folderOf(cluster) === undefined ? [] : (planned?.gatewayApiCrds ?? []);
  const waits: string[] = [];
  if (gatewayApiCrds.length > 0 && !files.includes(MULTI_CLUSTER_GATEWAY_FILE)) {
    const external = planned?.gatewayApi === undefined;
    waits.push(
      external
        ? `# ${cluster}: Gateway API CRDs (standard channel ${GATEWAY_API_RELEASE}; an external cluster has no GKE Gateway API)`
        : `# ${cluster}: Gateway API CRDs (GKE's Gateway API channel)`,
      ...(external ? [gatewayApiInstallCommand(cluster)] : []),
      ...crdWaitCommands(cluster, gatewayApiCrds),
    );
  }
  if (exportsFrom(ctx, cluster)) waits.push(`# ${cluster}: ServiceExport CRD (multi-cluster Services)`, ...crdWaitCommands(cluster, SERVICE_EXPORT_CRDS));
  if (files.includes(MULTI_CLUSTER_INGRESS_FILE)) {
    waits.push(`# ${cluster}: multi-cluster ingress CRDs`, ...crdWaitCommands(cluster, MULTI_CLUSTER_INGRESS_CRDS));
  }
  // The gateways of this folder: multi-cluster ones in the config cluster, single-cluster ones in theirs.
  const gateways = ctx.model.gateways.filter((g) =>
    isMultiClusterGatewayClass(g.className) ? files.includes(MULTI_CLUSTER_GATEWAY_FILE) : g.cluster === cluster && files.includes(CLUSTER_GATEWAY_FILE),
  );
  if (gateways.length > 0) {
    const healthChecks = gateways.some((g) => g.healthChecks.length > 0);
    const backendPolicies = gateways.some((g) => g.backendPolicies.length > 0);
    const gatewayPolicies = gateways.some((g) => g.gatewayPolicy !== undefined);
    const policyCrds = [
      ...(healthChecks ? [HEALTH_CHECK_POLICY_CRD] : []),
      ...(backendPolicies ? [GCP_BACKEND_POLICY_CRD] : []),
      ...(gatewayPolicies ? [GCP_GATEWAY_POLICY_CRD] : []),
    ];
    waits.push(
      `# ${cluster}: Gateway API CRDs and the ${gateways.every((g) => isMultiClusterGatewayClass(g.className)) ? 'multi-cluster ' : ''}GatewayClass`,
      ...crdWaitCommands(cluster, [...gatewayApiCrds, ...policyCrds]),
      ...unique(gateways.map((g) => g.className)).map((className) => gatewayClassWaitCommand(cluster, className)),
    );
  }
  return waits;
}

/** Why the folders wait, when any does. */
export function folderWaitsNote(ctx: Context): string | undefined {
  if (!ctx.input.clusters.some((f) => folderWaits(ctx, f.cluster).length > 0)) return undefined;
  return 'The waits before a folder hold until GKE (the Gateway API channel of the clusters stack) and the fleet features (the fleet stack) have installed the CRDs and GatewayClasses its objects need, some minutes after the stacks are applied; `kubectl apply` would fail on kinds the cluster does not know yet.';
}

/** After an east-west gateway install: wait until its load balancer has an address. */
export function eastWestWait(cluster: string, installed: readonly string[]): string[] {
  return installed.includes(EAST_WEST_INSTALL_FILE) ? [nonEmptyWaitCommand(eastWestAddressCommand(cluster), 10)] : [];
}
