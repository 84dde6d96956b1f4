import { CHART_FILES, KUBERNETES_DIR, KUSTOMIZATION_FILE, LOCAL_STATE_FOLDER, MESH_INSTALL_DIR, MESH_INSTALL_FILES, TERRAFORM_DIR } from '../output/paths';
import { secretPlacementsOf } from '../topology/resolve/app-secrets';
import { eastWestGatewayOf, meshInstallClusters, remoteSecretsOf, reservedEastWestAddress } from '../plan/mesh-plan';
import { resolveGatewayRouteRule } from '../topology/model/gateway-routes';
import { gkeClusters, isGkeCluster, ResolvedCluster, ResolvedTopology } from '../topology/model/types';
import { PART_OF_LABEL } from '../k8s/ownership';
import {
  contextExport,
  contextFlag,
  contextVariable,
  eastWestAddressVariable,
  createSecretCommand,
  getCredentialsCommand,
  istioctlInstall,
  IstioctlSetting,
  kubectlApplyFile,
  kubectlApplyKustomization,
  remoteSecretCommand,
  remoteSecretServer,
  rsaKeyPairCommands,
  SECRETS_DIR_VARIABLE,
  secretFilePath,
  shellQuote,
  terraformCommands,
  terraformOutputAssignment,
  VM_DIR_VARIABLE,
  vmWorkloadCommands,
} from './commands';
import {
  concreteHost,
  crdWaitCommands,
  curlCommand,
  deploymentsAvailableCommand,
  EAST_WEST_SERVICE,
  eastWestAddressCommand,
  fleetMeshReadyWaitCommand,
  gatewayAddressesCommand,
  gatewayClassWaitCommand,
  gatewayProgrammedCommand,
  istioctlUninstallCommand,
  mciVipCommand,
  meshfleetCommand,
  nonEmptyWaitCommand,
  PROJECT_DIR_VARIABLE,
  resynthCommand,
  TOPOLOGY_VARIABLE,
  serviceImportWaitCommand,
  statefulSetRolloutCommand,
  terraformDestroyCommands,
} from './wait-commands';
import { gitopsSection, gitopsTeardownLines } from './gitops-section';

/**
 * One cluster folder of the output, as the runbook needs it. `SynthesizedCluster` (src/k8s)
 * satisfies it structurally.
 */
export interface RunbookClusterFolder {
  /** Cluster name, also its folder name under the Kubernetes folder. */
  readonly cluster: string;
  /** Files of the folder, relative to it (`namespaces.yaml`, ..., `kustomization.yaml`). */
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
interface Context {
  readonly model: ResolvedTopology;
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
function sh(commands: readonly string[]): string[] {
  return ['```sh', ...commands, '```'];
}

/** Paragraphs and blocks joined with one blank line between them. */
function blocks(...parts: ReadonlyArray<string | readonly string[] | undefined>): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (part === undefined || part.length === 0) continue;
    if (out.length > 0) out.push('');
    if (typeof part === 'string') out.push(part);
    else out.push(...part);
  }
  return out;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function code(text: string): string {
  return `\`${text}\``;
}

function makeContext(input: RunbookInput): Context {
  const folders = input.folders ?? DEFAULT_RUNBOOK_FOLDERS;
  const byName = new Map(input.clusters.filter(hasSomethingToApply).map((c) => [c.cluster, c]));
  return {
    model: input.model,
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
function knownTopology(input: RunbookInput): boolean {
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
function foldersInTopologyOrder(ctx: Context, except: ReadonlySet<string> = new Set()): RunbookClusterFolder[] {
  return ctx.model.clusters
    .map((c) => ctx.folderOf(c.name))
    .filter((f): f is RunbookClusterFolder => f !== undefined && !except.has(f.cluster));
}

/** Mesh install clusters: primaries first, then remotes, each in topology order. */
function meshClustersInInstallOrder(model: ResolvedTopology): ResolvedCluster[] {
  const clusters = meshInstallClusters(model);
  return [
    ...clusters.filter((c) => c.meshInstall!.controlPlane === 'primary'),
    ...clusters.filter((c) => c.meshInstall!.controlPlane !== 'primary'),
  ];
}

/** `kubectl apply -k k8s/<cluster>` when the cluster has a folder, after the waits it needs ({@link folderWaits}). */
function applyFolder(ctx: Context, cluster: string): string[] {
  return ctx.folderOf(cluster) === undefined ? [] : [...folderWaits(ctx, cluster), kubectlApplyKustomization(cluster, ctx.k8sPath(cluster))];
}

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

/** Title and the lines before the first section. */
function headerLines(model: ResolvedTopology): string[] {
  return [
    `# Deploying ${model.name}`,
    '',
    `Generated by \`meshfleet synth\` from the topology ${code(model.name)}; synthesize again instead of editing it.`,
    'Run every command from inside this output folder (the folder holding this README.md): paths such as',
    `${code('k8s/<cluster>/namespaces.yaml')} are relative to it. No private key or token is ever written here;`,
    'the steps that make them write outside this folder.',
  ];
}

/** The kube context variables, one per cluster. */
function contextsSection(ctx: Context): RunbookSection {
  const gke = gkeClusters(ctx.model);
  const external = ctx.model.clusters.filter((c) => !isGkeCluster(c));
  const notes: string[] = [];
  if (gke.length > 0) {
    notes.push(
      `GKE clusters: the contexts ${code(
        'gcloud container clusters get-credentials',
      )} creates (run it once the clusters exist, see below).`,
    );
  }
  if (external.length > 0) {
    notes.push(`External clusters: replace the placeholder with the cluster's context (${code('kubectl config get-contexts')}).`);
  }
  return {
    title: 'Kube contexts',
    lines: blocks(
      'Every command names its cluster through one of these variables; set them in the shell you deploy from.',
      notes.join(' '),
      sh(ctx.model.clusters.map((c) => contextExport(ctx.project, c))),
    ),
  };
}

/** Terraform stacks in apply order and the credentials of the GKE clusters they create. */
function infrastructureSection(ctx: Context): RunbookSection {
  const external = ctx.model.clusters.filter((c) => !isGkeCluster(c)).map((c) => c.name);
  const externalNote =
    external.length === 0
      ? undefined
      : `${list(external)} exist${external.length === 1 ? 's' : ''} already (platform: external): no Terraform creates ${
          external.length === 1 ? 'it' : 'them'
        }.`;
  if (ctx.input.stacks.length === 0) {
    return {
      title: 'Infrastructure',
      lines: blocks(
        'The clusters of this topology exist already (platform: external): meshfleet writes no Terraform for it. Check that each context reaches its cluster:',
        sh(external.map((name) => `kubectl ${contextFlag(name)} get namespaces`)),
      ),
    };
  }
  const stackDirs = ctx.input.stacks.map((stack) => `${ctx.folders.terraform}/stacks/${stack}`);
  const gke = gkeClusters(ctx.model);
  const privateClusters = gke.filter((c) => c.private).map((c) => c.name);
  const operatorCidrs = ctx.model.operatorCidrs;
  const privateNote =
    privateClusters.length === 0
      ? undefined
      : `${privateClusters.length === 1 ? 'The control plane' : 'The control planes'} of ${list(privateClusters)} ${
          privateClusters.length === 1 ? 'accepts' : 'accept'
        } only authorized networks: run the commands of this runbook ` +
        (operatorCidrs.length > 0
          ? `from an address in operatorCidrs (${operatorCidrs.join(', ')}).`
          : 'from an authorized address (operatorCidrs is empty: add your egress range to the topology).');
  return {
    title: 'Infrastructure (Terraform)',
    lines: blocks(
      `Apply the stacks in this order (${list(ctx.input.stacks.map(code))}); each reads the outputs of the ones before it.`,
      sh(stackDirs.flatMap(terraformCommands)),
      terraformStateNote(ctx),
      `Alternatively, from the meshfleet project: ${code(`cdktf deploy ${ctx.input.stacks.join(' ')}`)} with ${code(
        'MESHFLEET_TOPOLOGY',
      )} set to the topology file (it synthesizes the same stacks again, into ${code('cdktf.out/terraform/')})` +
        (ctx.model.terraform.backend.type === 'local'
          ? `; it uses the same state files when this folder lies directly in the project, as ${code('dist/')} does.`
          : '.'),
      externalNote,
      'Then fetch the credentials of the GKE clusters (this creates the contexts above):',
      sh(gke.map((c) => getCredentialsCommand(ctx.project, c))),
      privateNote,
    ),
  };
}

/** Where the stacks' state lives, and what a later `meshfleet synth` keeps. */
function terraformStateNote(ctx: Context): string {
  const kept =
    `${code('meshfleet synth')} replaces this folder but keeps each stack folder's ${code('.terraform/')}, ` +
    `${code('.terraform.lock.hcl')} and saved ${code('*.tfplan')} plans.`;
  const backend = ctx.model.terraform.backend;
  if (backend.type === 'gcs') {
    return `Terraform keeps each stack's state in the bucket, under ${code(`gs://${backend.bucket}/${backend.prefix}/<stack>/`)}. ${kept}`;
  }
  return (
    `Terraform keeps each stack's state in ${code(`../${LOCAL_STATE_FOLDER}/${ctx.model.name}/<stack>.tfstate`)}: beside this ` +
    `folder, not in it. Keep that folder, Terraform's only record of what it created, and keep it out of Git (state can hold secrets). ${kept}`
  );
}

function distributionName(model: ResolvedTopology): string {
  return model.mesh?.install?.distribution === 'asm' ? 'Anthos Service Mesh' : 'Istio';
}

/** Which istioctl to use: the client must match the control plane release. */
function istioctlNote(model: ResolvedTopology): string {
  const version = model.mesh?.version;
  const asm = model.mesh?.install?.distribution === 'asm';
  if (version === undefined) return 'Use the istioctl of the release you install: the client must match the control plane.';
  if (asm) {
    return `Use istioctl ${version} of the Anthos Service Mesh release (${code(
      `istio-${version}-asm.*/bin/istioctl`,
    )}, first on your PATH): the client must match the control plane.`;
  }
  return `Use istioctl ${version}: the client must match the control plane.`;
}

/** The plug-in CA step, once for the mesh. */
function caLines(ctx: Context): string[] {
  return blocks(
    '### Plug-in CA (once)',
    `Every cluster gets an intermediate CA under one root, so workloads of all clusters trust each other. Keep ${code(
      `$${CA_DIR_VARIABLE}`,
    )} outside this output folder (private keys never go here); ${code('npx meshfleet ca')} runs in the project folder (section 1):`,
    sh([
      `export ${CA_DIR_VARIABLE}="\${HOME}/meshfleet-ca/${ctx.model.name}"`,
      meshfleetCommand(`ca --topology ${ctx.topologyArg} --out "\${${CA_DIR_VARIABLE}}"`),
    ]),
    `Once every cluster has its ${code('cacerts')}, move ${code('root-key.pem')} offline; ${code(
      'meshfleet ca',
    )} needs it again only to add a cluster.`,
  );
}

/** The IstioOperator path of the east-west gateway's load balancer IP (`istioctl install --set`). */
const EAST_WEST_LOAD_BALANCER_IP = 'components.ingressGateways[name:istio-eastwestgateway].k8s.service.loadBalancerIP';
/** The IstioOperator path of a remote's address of the primary's istiod. */
const REMOTE_PILOT_ADDRESS = 'values.global.remotePilotAddress';

/** Steps a–c of one mesh cluster (and d, the folder, for primaries). */
function meshClusterLines(ctx: Context, cluster: ResolvedCluster): string[] {
  const folder = ctx.folderOf(cluster.name);
  const files = folder?.files ?? [];
  const install = folder?.meshInstall ?? [];
  const primary = cluster.meshInstall!.controlPlane === 'primary';
  const commands: string[] = [];
  if (files.includes(CLUSTER_ADMIN_BINDING_FILE))
    commands.push(kubectlApplyFile(cluster.name, ctx.k8sPath(cluster.name, CLUSTER_ADMIN_BINDING_FILE)));
  if (files.includes(NAMESPACES_FILE)) commands.push(kubectlApplyFile(cluster.name, ctx.k8sPath(cluster.name, NAMESPACES_FILE)));
  commands.push(kubectlApplyKustomization(cluster.name, `"\${${CA_DIR_VARIABLE}}/${cluster.name}"`, { serverSide: true }));
  // A GKE primary's east-west address is reserved by Terraform: read it from the network
  // stack's output, give it to the primary's gateway (loadBalancerIP) and the remotes (pilot address).
  const reserved = reservedEastWestAddress(ctx.model);
  const variable = reserved && eastWestAddressVariable(reserved.cluster);
  if (reserved !== undefined && reserved.cluster === cluster.name) {
    commands.push(terraformOutputAssignment(variable!, `${ctx.folders.terraform}/stacks/network`, reserved.output));
  }
  const settings = (index: number): IstioctlSetting[] => {
    if (variable === undefined) return [];
    if (primary && index === 1 && reserved!.cluster === cluster.name) return [{ path: EAST_WEST_LOAD_BALANCER_IP, variable }];
    if (!primary && index === 0) return [{ path: REMOTE_PILOT_ADDRESS, variable }];
    return [];
  };
  // A remote installs its east-west gateway after the remote secrets: the gateway's pods get
  // their certificates from the primary's istiod, which needs the secret to check their token.
  const now = primary ? install : install.slice(0, 1);
  commands.push(...now.map((file, index) => istioctlInstall(cluster.name, ctx.k8sPath(cluster.name, file), settings(index))));
  commands.push(...eastWestWait(cluster.name, now));
  if (primary) commands.push(...applyFolder(ctx, cluster.name));

  const notes: string[] = [];
  if (files.includes(CLUSTER_ADMIN_BINDING_FILE)) {
    notes.push(`${code(CLUSTER_ADMIN_BINDING_FILE)} comes first: istioctl needs cluster-admin.`);
  }
  const gateway = eastWestGatewayOf(ctx.model, cluster);
  if (gateway?.loadBalancerIp !== undefined) {
    notes.push(
      `The east-west gateway asks for the load balancer address ${gateway.loadBalancerIp} (mesh.primaryAddress): reserve it before installing.`,
    );
  }
  if (gateway?.reservedAddress !== undefined) {
    notes.push(
      `The east-west gateway's load balancer uses the regional address ${code(gateway.reservedAddress.name)} that the network stack reserved: ${code(
        variable!,
      )} holds it (Terraform output ${code(gateway.reservedAddress.output)}) for this and the remotes' installs.`,
    );
  }
  if (!primary) {
    const install = ctx.model.mesh?.install;
    const address = variable === undefined ? (install?.primaryAddress ?? 'mesh.primaryAddress') : `${code(`\${${variable}}`)} (set above)`;
    notes.push(
      `It runs no istiod: it uses ${install?.primary ?? 'the primary'}'s, reached at ${address}. The rest of ${cluster.name} follows the remote secrets.`,
    );
  }
  return blocks(
    `### ${cluster.name} (${cluster.meshInstall!.controlPlane}, network ${cluster.meshInstall!.network})`,
    notes.join(' '),
    sh(commands),
  );
}

/** In-cluster meshes: CA, then per cluster namespaces, `cacerts`, istioctl install, folder. */
function inClusterMeshSection(ctx: Context): RunbookSection {
  const install = ctx.model.mesh!.install!;
  const clusters = meshClustersInInstallOrder(ctx.model);
  const version = ctx.model.mesh?.version === undefined ? '' : ` ${ctx.model.mesh.version}`;
  const revision = ctx.model.mesh?.revision === undefined ? '' : `, revision ${code(ctx.model.mesh.revision)}`;
  const model = clusters.length > 1 ? `${install.model}, ` : '';
  const hasRemotes = clusters.some((c) => c.meshInstall!.controlPlane !== 'primary');
  return {
    title: `Service mesh: ${distributionName(ctx.model)}${version} in the clusters`,
    lines: blocks(
      `meshfleet installs the control plane with istioctl (${model}mesh ${code(install.meshId)}${revision}). ${istioctlNote(
        ctx.model,
      )} Per cluster, primaries first: namespaces, the ${code('cacerts')} Secret, ${code('istioctl install')}, then ${
        hasRemotes ? '(primaries) ' : ''
      }the cluster's folder.`,
      caLines(ctx),
      ...clusters.map((c) => meshClusterLines(ctx, c)),
    ),
  };
}

/** In-cluster meshes with several clusters: the remote secrets of endpoint discovery. */
function remoteSecretsSection(ctx: Context): RunbookSection | undefined {
  const pairs = remoteSecretsOf(ctx.model);
  if (pairs.length === 0) return undefined;
  const withServer = pairs.filter((p) => remoteSecretServer(ctx.project, p.holder, p.target) !== undefined);
  const publicReaders = pairs.filter((p) => !isGkeCluster(p.holder) && isGkeCluster(p.target) && p.target.private);
  const notes: string[] = [];
  if (withServer.length > 0) {
    notes.push(
      `${code(
        '--server',
      )} points the holder at the private endpoint of a private GKE target, which the holder's pods reach inside the VPC.`,
    );
  }
  for (const { holder, target } of publicReaders) {
    notes.push(
      `${holder.name} (external) reads ${target.name} on its public endpoint: ${holder.name}'s egress address must be among operatorCidrs.`,
    );
  }
  return {
    title: 'Remote secrets (endpoint discovery)',
    lines: blocks(
      `After every control plane is installed: each primary's istiod reads the API server of the other mesh clusters. A remote secret holds a bearer token of its target cluster, which is why meshfleet never writes it to disk: each command pipes it straight into the holder cluster. Never redirect it to a file.`,
      sh(
        pairs.flatMap(({ holder, target }) => [`# ${holder.name} reads ${target.name}`, remoteSecretCommand(ctx.project, holder, target)]),
      ),
      notes.join(' '),
    ),
  };
}

/**
 * In-cluster meshes: what is left after the remote secrets: the remotes' east-west gateways and
 * folders, and the folders of clusters outside the mesh.
 */
function remainingFoldersSection(ctx: Context): RunbookSection | undefined {
  const mesh = meshClustersInInstallOrder(ctx.model);
  const remotes = mesh.filter((c) => c.meshInstall!.controlPlane !== 'primary');
  const others = foldersInTopologyOrder(ctx, new Set(mesh.map((c) => c.name)));
  const commands: string[] = [];
  for (const remote of remotes) {
    const install = ctx.folderOf(remote.name)?.meshInstall ?? [];
    commands.push(...install.slice(1).map((file) => istioctlInstall(remote.name, ctx.k8sPath(remote.name, file))));
    commands.push(...eastWestWait(remote.name, install.slice(1)));
    commands.push(...applyFolder(ctx, remote.name));
  }
  commands.push(...others.flatMap((f) => applyFolder(ctx, f.cluster)));
  if (commands.length === 0) return undefined;
  const why =
    remotes.length > 0
      ? `Remote clusters now: their pods get certificates from the primary's istiod, which needs their remote secret to check the pods' tokens.`
      : 'The clusters outside the mesh:';
  return { title: 'Remaining cluster folders', lines: blocks(why, sh(commands)) };
}

/** Fleet-managed meshes: nothing to install; the folders once the control planes are ready. */
function fleetMeshSection(ctx: Context): RunbookSection {
  return {
    title: 'Service mesh: managed by the fleet',
    lines: blocks(
      `The fleet installs and manages the control plane${
        ctx.input.stacks.includes('fleet') ? ` (the ${code('fleet')} stack turns it on)` : ''
      }, and endpoint discovery is automatic: it is done by the fleet, so there is no istioctl, no plug-in CA and no remote secrets.`,
      fleetMeshWaitLines(ctx),
    ),
  };
}

/** `kubectl apply -k` per cluster folder, in topology order. */
function applyFoldersSection(ctx: Context): RunbookSection | undefined {
  const folders = foldersInTopologyOrder(ctx);
  if (folders.length === 0) return undefined;
  return {
    title: 'Kubernetes folders',
    lines: blocks(
      folderWaitsNote(ctx),
      'One folder per cluster, in this order (a GitOps tool pointed at the same folders does the same):',
      sh(folders.flatMap((f) => applyFolder(ctx, f.cluster))),
    ),
  };
}

/**
 * App Secrets (never in the output folder): key pairs made once outside it, then the same
 * Secret created in every cluster that runs a workload using it, before the app folders.
 */
function appSecretsSection(ctx: Context): RunbookSection | undefined {
  const placements = secretPlacementsOf(ctx.model);
  if (placements.length === 0) return undefined;
  const commands: string[] = [`export ${SECRETS_DIR_VARIABLE}="\${HOME}/meshfleet-secrets/${ctx.model.name}"`];
  const notes: string[] = [];
  for (const { namespace, secret, clusters } of placements) {
    commands.push(`# ${secret.name} (namespace ${namespace}): ${list(clusters)}`);
    if (secret.rsaKeyPair !== undefined) {
      commands.push(...rsaKeyPairCommands(namespace, secret.name, secret.rsaKeyPair));
    } else {
      notes.push(
        `Put the files of ${code(secret.name)} (${list(secret.keys.map(code))}) in ${secretFilePath(namespace, secret.name).replace(/"/g, '')} first.`,
      );
    }
    for (const cluster of clusters) {
      const namespaces = ctx.folderOf(cluster)?.files.includes(NAMESPACES_FILE) ? [kubectlApplyFile(cluster, ctx.k8sPath(cluster, NAMESPACES_FILE))] : [];
      commands.push(...namespaces, createSecretCommand(cluster, namespace, secret.name, secret.keys));
    }
  }
  const shared = placements.filter((p) => p.clusters.length > 1).map((p) => code(p.secret.name));
  return {
    title: 'App secrets',
    lines: blocks(
      `meshfleet never writes these Secrets. Make them before the app folders, whose pods mount them, and keep ${code(
        `$${SECRETS_DIR_VARIABLE}`,
      )} outside this output folder and out of Git. A key pair is generated only once (running the commands again keeps it)${
        shared.length > 0 ? `, and ${list(shared)} ${shared.length === 1 ? 'gets' : 'get'} the same content in every cluster: tokens signed in one cluster are checked in the others` : ''
      }. Each cluster's ${code(NAMESPACES_FILE)} is applied first so the namespace exists.`,
      notes.join(' '),
      sh(commands),
    ),
  };
}

/** VM workloads: their bootstrap files, made outside the output folder. */
function vmWorkloadsSection(ctx: Context): RunbookSection | undefined {
  const vms = ctx.model.apps.flatMap((app) => app.vmWorkloads.map((vm) => ({ vm, namespace: app.namespace })));
  if (vms.length === 0 || ctx.model.mesh?.install === undefined) return undefined;
  const revision = ctx.model.mesh.revision;
  return {
    title: 'VM workloads',
    lines: blocks(
      `Per WorkloadGroup, fetch it from its cluster and make the VM's bootstrap files (the WorkloadEntry is created when the VM connects: ${code(
        '--autoregister',
      )}). Keep ${code(`$${VM_DIR_VARIABLE}`)} outside this output folder:`,
      sh([
        `export ${VM_DIR_VARIABLE}="\${HOME}/meshfleet-vm/${ctx.model.name}"`,
        ...vms.flatMap(({ vm, namespace }) => [
          `# ${vm.name} (namespace ${namespace}, registers with ${vm.cluster})`,
          ...vmWorkloadCommands({ name: vm.name, namespace, cluster: vm.cluster, ...(revision === undefined ? {} : { revision }) }),
        ]),
      ]),
      `The output of ${code('istioctl x workload entry configure')} holds a token (${code(
        'istio-token',
      )}, valid one hour by default) and the mesh root certificate: keep it out of this folder and out of Git, copy it to the VM over a secure channel, then delete it. On the VM, install the Istio sidecar with these files (Istio's virtual machine installation guide).`,
    ),
  };
}

/** Closing checks of an in-cluster mesh: the control plane pods of every mesh cluster. */
function checksSection(ctx: Context): RunbookSection | undefined {
  if (ctx.model.mesh?.install === undefined) return undefined;
  const clusters = meshClustersInInstallOrder(ctx.model);
  return {
    title: 'Checks',
    lines: blocks(
      `The control plane components run in ${code('istio-system')} (istiod on primaries, the east-west gateway where there is one):`,
      sh(clusters.map((c) => `kubectl ${contextFlag(c.name)} get pods -n istio-system`)),
      ...meshCheckLines(ctx, clusters),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// How meshfleet runs, waits, checks, changes and teardown (issue 8)
// ---------------------------------------------------------------------------------------------

/** The `istioctl install -f` input of the east-west gateway, relative to the cluster folder. */
const EAST_WEST_INSTALL_FILE = MESH_INSTALL_FILES.eastWestGateway;

/** CRDs the fleet features install, by the objects that need them. */
const SERVICE_EXPORT_CRDS = ['serviceexports.net.gke.io'];
const MULTI_CLUSTER_INGRESS_CRDS = ['multiclusteringresses.networking.gke.io', 'multiclusterservices.networking.gke.io'];
const GATEWAY_CRDS = ['gateways.gateway.networking.k8s.io', 'httproutes.gateway.networking.k8s.io'];
const HEALTH_CHECK_POLICY_CRD = 'healthcheckpolicies.networking.gke.io';
const GCP_BACKEND_POLICY_CRD = 'gcpbackendpolicies.networking.gke.io';
const GCP_GATEWAY_POLICY_CRD = 'gcpgatewaypolicies.networking.gke.io';

function unique<T>(items: readonly T[]): T[] {
  return items.filter((item, i) => items.indexOf(item) === i);
}

/** How meshfleet is run: from its project folder, built once; its commands here `cd` there. */
function meshfleetSection(ctx: Context): RunbookSection {
  const known = ctx.projectDir !== PROJECT_PLACEHOLDER;
  const topology = knownTopology(ctx.input);
  const placeholders = [...(known ? [] : ['that folder']), ...(topology ? [] : ['the topology file (relative to it, or absolute)'])];
  return {
    title: 'meshfleet',
    lines: blocks(
      `meshfleet runs in its project folder (the folder ${code('npx meshfleet synth')} ran in; the topology path ${
        topology ? `${code(ctx.topologyArg)} ` : ''
      }is relative to it), after ${code('npm ci')} there (its prepare step compiles the CLI). This runbook's meshfleet commands run there in a subshell, so your shell stays in this folder.${
        placeholders.length === 0 ? '' : ` Replace the placeholders with ${list(placeholders)}.`
      }`,
      sh([
        `export ${PROJECT_DIR_VARIABLE}="${known ? `$(cd ${ctx.projectDir} && pwd)` : ctx.projectDir}"`,
        ...(topology ? [] : [`export ${TOPOLOGY_VARIABLE}="${TOPOLOGY_PLACEHOLDER}"`]),
        `(cd "\${${PROJECT_DIR_VARIABLE}}" && npm ci)`,
      ]),
      `To change the deployment, edit the topology and synthesize again (see ${code('Changes')} below), never this folder.`,
    ),
  };
}

/** Fleet-managed meshes: the describe command and a loop until every mesh member is ready. */
function fleetMeshWaitLines(ctx: Context): string[] {
  const members = ctx.model.clusters.filter((c) => c.meshMember).map((c) => c.name);
  return blocks(
    `Before the folders, wait until the fleet reports a ready control plane (${code('REVISION_READY')}) for ${
      members.length === 1 ? members[0] : `each of the ${members.length} mesh clusters (${list(members)})`
    }; it takes some minutes after the fleet stack:`,
    sh([`gcloud container fleet mesh describe --project ${ctx.project}`, fleetMeshReadyWaitCommand(ctx.project, members.length)]),
  );
}

/** True when the cluster runs a workload exported to the fleet (its folder holds ServiceExports). */
function exportsFrom(ctx: Context, cluster: string): boolean {
  return ctx.model.apps.some((app) => app.workloads.some((w) => w.export && w.clusters.includes(cluster)));
}

/**
 * The waits before a cluster's folder is applied: the CRDs the fleet features install
 * (ServiceExport where workloads are exported, MultiClusterIngress/Service and the Gateway API
 * with its GatewayClasses in the config cluster), only for the objects the folder holds.
 */
function folderWaits(ctx: Context, cluster: string): string[] {
  const files = ctx.folderOf(cluster)?.files ?? [];
  const waits: string[] = [];
  if (exportsFrom(ctx, cluster)) waits.push(`# ${cluster}: ServiceExport CRD (multi-cluster Services)`, ...crdWaitCommands(cluster, SERVICE_EXPORT_CRDS));
  if (files.includes(MULTI_CLUSTER_INGRESS_FILE)) {
    waits.push(`# ${cluster}: multi-cluster ingress CRDs`, ...crdWaitCommands(cluster, MULTI_CLUSTER_INGRESS_CRDS));
  }
  if (files.includes(MULTI_CLUSTER_GATEWAY_FILE)) {
    const healthChecks = ctx.model.gateways.some((g) => g.healthChecks.length > 0);
    const backendPolicies = ctx.model.gateways.some((g) => g.backendPolicies.length > 0);
    const gatewayPolicies = ctx.model.gateways.some((g) => g.gatewayPolicy !== undefined);
    const policyCrds = [
      ...(healthChecks ? [HEALTH_CHECK_POLICY_CRD] : []),
      ...(backendPolicies ? [GCP_BACKEND_POLICY_CRD] : []),
      ...(gatewayPolicies ? [GCP_GATEWAY_POLICY_CRD] : []),
    ];
    waits.push(
      `# ${cluster}: Gateway API CRDs and the multi-cluster GatewayClass`,
      ...crdWaitCommands(cluster, [...GATEWAY_CRDS, ...policyCrds]),
      ...unique(ctx.model.gateways.map((g) => g.className)).map((className) => gatewayClassWaitCommand(cluster, className)),
    );
  }
  return waits;
}

/** Why the folders wait, when any does. */
function folderWaitsNote(ctx: Context): string | undefined {
  if (!ctx.input.clusters.some((f) => folderWaits(ctx, f.cluster).length > 0)) return undefined;
  return "The waits before a folder hold until the fleet features (the fleet stack) have installed the CRDs and GatewayClasses its objects need, some minutes after the stack is applied; `kubectl apply` would fail on kinds the cluster does not know yet.";
}

/** After an east-west gateway install: wait until its load balancer has an address. */
function eastWestWait(cluster: string, installed: readonly string[]): string[] {
  return installed.includes(EAST_WEST_INSTALL_FILE) ? [nonEmptyWaitCommand(eastWestAddressCommand(cluster), 10)] : [];
}

/** Deployments (per namespace) and StatefulSets (by name) of every cluster folder, until they run. */
function rolloutSection(ctx: Context): RunbookSection | undefined {
  const gateway = ctx.model.mesh?.ingressGateway;
  const commands: string[] = [];
  for (const { cluster } of foldersInTopologyOrder(ctx)) {
    const resolved = ctx.model.clusters.find((c) => c.name === cluster)!;
    const runs = ctx.model.apps.flatMap((app) => app.workloads.filter((w) => w.clusters.includes(cluster)).map((w) => ({ app, w })));
    const namespaces = unique([
      ...(resolved.meshMember && gateway !== undefined ? [gateway.namespace] : []),
      ...runs.filter(({ w }) => w.kind === 'Deployment').map(({ app }) => app.namespace),
    ]);
    commands.push(...namespaces.map((ns) => deploymentsAvailableCommand(cluster, ns)));
    commands.push(...runs.filter(({ w }) => w.kind === 'StatefulSet').map(({ app, w }) => statefulSetRolloutCommand(cluster, app.namespace, w.name)));
  }
  if (commands.length === 0) return undefined;
  return {
    title: 'Rollout',
    lines: blocks('Wait until the workloads run (images pulled, sidecars injected, probes passing) before the checks:', sh(commands)),
  };
}

/** The fleet config cluster's folder when it holds `file`. */
function configFolderWith(ctx: Context, file: string): string | undefined {
  const config = ctx.model.fleet.configCluster;
  return config !== undefined && ctx.folderOf(config)?.files.includes(file) ? config : undefined;
}

/** Multi-cluster ingress: wait for the VIP, then curl through it with the VirtualServices' hosts. */
function multiClusterIngressSection(ctx: Context): RunbookSection | undefined {
  const mci = ctx.model.multiClusterIngress;
  const config = configFolderWith(ctx, MULTI_CLUSTER_INGRESS_FILE);
  if (mci === undefined || config === undefined) return undefined;
  const vip = mciVipCommand(config, mci.namespace, mci.name);
  // Seed 000's shape: the load balancer port is the service port; the general shape listens on 80.
  const seedPort = mci.meshGateway ? mci.defaultBackend?.port ?? 80 : 80;
  const port = seedPort === 80 ? '' : `:${seedPort}`;
  const ruleHosts = mci.rules.flatMap((r) => (r.host === undefined ? [] : [r.host]));
  const exposed =
    ruleHosts.length > 0 ? ruleHosts : ctx.model.apps.flatMap((app) => app.workloads.flatMap((w) => (w.expose === undefined ? [] : [w.expose.hosts[0]])));
  const hosts = unique((exposed.length === 0 ? ['*'] : exposed).map((h) => concreteHost(h)));
  return {
    title: 'Check: multi-cluster ingress',
    lines: blocks(
      mci.meshGateway
        ? `The MultiClusterIngress ${code(`${mci.namespace}/${mci.name}`)} gets its VIP a few minutes after ${config}'s folder is applied; the load balancer needs some more minutes before it answers 200 (404 or 502 until the ingress gateways of every cluster pass its health check). The ingress gateway routes by Host header, as the VirtualServices say:`
        : `The MultiClusterIngress ${code(`${mci.namespace}/${mci.name}`)} gets its VIP a few minutes after ${config}'s folder is applied; the load balancer needs some more minutes before it answers 200 (404 or 502 until the backends of every cluster pass their health checks). It routes by Host header, as its host rules say${mci.preSharedCerts.length > 0 ? ` (HTTPS answers once the certificates are provisioned, which needs the hosts' DNS to point at the VIP)` : ''}:`,
      sh([nonEmptyWaitCommand(vip, 30), `MCI_VIP="$(${vip})"`, ...hosts.map((host) => curlCommand(`\${MCI_VIP}${port}`, '/', host))]),
    ),
  };
}

/** Multi-cluster Gateways: ServiceImports, Programmed, addresses, then a curl per route rule. */
function gatewaysSection(ctx: Context): RunbookSection | undefined {
  const config = configFolderWith(ctx, MULTI_CLUSTER_GATEWAY_FILE);
  if (config === undefined || ctx.model.gateways.length === 0) return undefined;
  const parts: Array<string | string[]> = [
    `The fleet makes a ServiceImport in every member cluster for each exported Service; each Gateway routes to them and is ${code(
      'Programmed',
    )} once its load balancer exists (often 10 minutes or more). Then print its addresses (one per region):`,
  ];
  for (const g of ctx.model.gateways) {
    const rules = g.routes.flatMap((r) => r.rules.map(resolveGatewayRouteRule));
    const backends = unique([
      ...rules.flatMap((rule) => [...rule.backends.map((b) => b.name), ...(rule.mirror !== undefined ? [rule.mirror.backend] : [])]),
      ...g.healthChecks.map((h) => h.backend),
      ...g.backendPolicies.map((p) => p.backend),
    ]);
    parts.push(
      sh([
        `# ${g.namespace}/${g.name}`,
        ...backends.map((b) => serviceImportWaitCommand(config, g.namespace, b)),
        gatewayProgrammedCommand(config, g.namespace, g.name),
        gatewayAddressesCommand(config, g.namespace, g.name),
      ]),
    );
    const port = g.port === 80 ? '' : `:${g.port}`;
    const curls = g.routes.flatMap((r) =>
      r.rules.map((rule) =>
        curlCommand(`\${GATEWAY_ADDRESS}${port}`, resolveGatewayRouteRule(rule).matches[0]?.path?.value ?? '/', r.hostnames.length > 0 ? concreteHost(r.hostnames[0]) : undefined),
      ),
    );
    if (curls.length === 0) continue;
    const where = g.className.includes('-internal-')
      ? `${g.name} is internal (${code(g.className)}): its addresses are reachable only inside the VPC network ${code(
          ctx.model.network.name,
        )}. From a VM or a pod in that network, with ${code('GATEWAY_ADDRESS')} set to one of the addresses printed above,`
      : `From anywhere, with ${code('GATEWAY_ADDRESS')} set to one of the addresses printed above,`;
    parts.push(`${where} one request per route rule, each answering 200.`, sh(unique(curls)));
  }
  return { title: 'Check: multi-cluster Gateway', lines: blocks(...parts) };
}

/** In-cluster meshes: east-west gateway addresses, remote secrets, proxies connected to istiod. */
function meshCheckLines(ctx: Context, clusters: readonly ResolvedCluster[]): Array<string | string[]> {
  const eastWest = clusters.filter((c) => eastWestGatewayOf(ctx.model, c) !== undefined);
  const holders = unique(remoteSecretsOf(ctx.model).map((p) => p.holder.name));
  const primaries = clusters.filter((c) => c.meshInstall!.controlPlane === 'primary');
  return [
    ...(eastWest.length === 0
      ? []
      : [
          `Each east-west gateway has its load balancer address (EXTERNAL-IP):`,
          sh(eastWest.map((c) => `kubectl ${contextFlag(c.name)} get service ${EAST_WEST_SERVICE} -n istio-system`)),
        ]),
    ...(holders.length === 0
      ? []
      : [
          'Each primary holds one remote secret per cluster it reads:',
          sh(holders.map((h) => `kubectl ${contextFlag(h)} get secret -n istio-system -l istio/multiCluster=true`)),
        ]),
    `Every proxy of the mesh${clusters.length > 1 ? ' (the other clusters\' included)' : ''} is connected to an istiod and ${code('SYNCED')}:`,
    sh(primaries.map((c) => `istioctl proxy-status ${contextFlag(c.name)}`)),
  ];
}

/** Changing the deployment: re-synth, then apply each folder with pruning by the part-of label. */
function updatesSection(ctx: Context): RunbookSection | undefined {
  const folders = foldersInTopologyOrder(ctx);
  const selector = `${PART_OF_LABEL}=${ctx.model.name}`;
  const inCluster = ctx.model.mesh?.install !== undefined;
  return {
    title: 'Changes',
    lines: blocks(
      `Edit the topology, synthesize this folder again, ${ctx.input.stacks.length > 0 ? 'apply the Terraform stacks again as above' : 'run the steps above that changed'}${
        inCluster ? ' (and `istioctl install` again for changed `mesh-install/` files)' : ''
      }, then each cluster folder. With ${code(`--prune -l ${selector}`)}, kubectl also deletes the objects of the common kinds (Deployments, Services, ConfigMaps, Secrets, Namespaces ...) that carry that label but are no longer in the folder: every object meshfleet writes carries it (and ${code(
        'app.kubernetes.io/managed-by=meshfleet',
      )}). A namespace that leaves the topology goes with everything in it.${
        inCluster ? ' The `cacerts` and remote secrets carry no meshfleet label and are kept.' : ''
      }`,
      sh([
        resynthCommand(ctx.topologyArg, ctx.outArg),
        ...folders.map((f) => `kubectl ${contextFlag(f.cluster)} apply --prune -l ${selector} -k ${ctx.k8sPath(f.cluster)}`),
      ]),
    ),
  };
}

/** Whether a cluster folder holds objects or istioctl inputs (not only an empty kustomization). */
function hasSomethingToApply(folder: RunbookClusterFolder): boolean {
  return kustomizationFiles(folder).length > 0 || (folder.meshInstall ?? []).length > 0;
}

/** Files of a cluster folder that the kustomization lists, in apply order. */
function kustomizationFiles(folder: RunbookClusterFolder): string[] {
  return folder.files.filter((f) => !f.startsWith(`${MESH_INSTALL_DIR}/`) && f !== KUSTOMIZATION_FILE);
}

/**
 * Deleting a cluster folder: `kubectl delete -k`; an external mesh cluster (it stays) also gets
 * `istioctl uninstall --purge`. With `cluster-admin-binding.yaml`, the files one by one in reverse
 * order and the binding last, after the uninstall that needs it.
 */
function deleteFolderCommands(ctx: Context, folder: RunbookClusterFolder): string[] {
  const cluster = ctx.model.clusters.find((c) => c.name === folder.cluster)!;
  const uninstall =
    cluster.meshInstall !== undefined && !isGkeCluster(cluster) ? [istioctlUninstallCommand(cluster.name, ctx.model.mesh?.version)] : [];
  const del = (file: string) => `kubectl ${contextFlag(cluster.name)} delete --ignore-not-found -f ${shellQuote(ctx.k8sPath(cluster.name, file))}`;
  if (!folder.files.includes(CLUSTER_ADMIN_BINDING_FILE)) {
    return [`kubectl ${contextFlag(cluster.name)} delete --ignore-not-found -k ${ctx.k8sPath(cluster.name)}`, ...uninstall];
  }
  const files = kustomizationFiles(folder).filter((f) => f !== CLUSTER_ADMIN_BINDING_FILE);
  return [...[...files].reverse().map(del), ...uninstall, del(CLUSTER_ADMIN_BINDING_FILE)];
}

/** Teardown in reverse order: Kubernetes objects, deletion protection off, Terraform stacks, what stays. */
function teardownSection(ctx: Context): RunbookSection {
  const config = ctx.model.fleet.configCluster;
  const first = [MULTI_CLUSTER_INGRESS_FILE, MULTI_CLUSTER_GATEWAY_FILE]
    .filter((file) => configFolderWith(ctx, file) !== undefined)
    .map((file) => `kubectl ${contextFlag(config!)} delete --ignore-not-found -f ${ctx.k8sPath(config!, file)}`);
  const folders = foldersInTopologyOrder(ctx).reverse();
  const objects = [...first, ...folders.flatMap((f) => deleteFolderCommands(ctx, f))];
  const gke = gkeClusters(ctx.model);
  const external = ctx.model.clusters.filter((c) => !isGkeCluster(c)).map((c) => c.name);
  const stacksDir = (stack: string) => `${ctx.folders.terraform}/stacks/${stack}`;
  const protectedClusters = gke.filter((c) => c.deletionProtection).map((c) => c.name);
  const hasTerraform = ctx.input.stacks.length > 0;
  const stays = [
    ...(hasTerraform
      ? [
          'The project and its APIs stay: the Terraform leaves the services enabled on destroy (`disable_on_destroy = false`), other workloads may use them.',
        ]
      : []),
    ...(external.length > 0 ? [`${list(external)} stay${external.length === 1 ? 's' : ''}: only meshfleet's objects and the mesh leave ${external.length === 1 ? 'it' : 'them'}.`] : []),
    ...(ctx.model.mesh?.install !== undefined ? [`The plug-in CA in ${code(`$${CA_DIR_VARIABLE}`)} stays outside this folder: keep the root offline or delete it.`] : []),
    ...(gke.length > 0 ? ['The kube contexts of the GKE clusters stay in your kubeconfig:'] : []),
  ].join(' ');
  return {
    title: 'Teardown',
    lines: blocks(
      gitopsTeardownLines(ctx.model),
      '### Kubernetes objects',
      hasTerraform
        ? `In reverse order, while the clusters still run: deleting the objects${
            first.length > 0 ? ` (the config cluster's multi-cluster objects first)` : ''
          } releases the load balancers, network endpoint groups and firewall rules that Google Cloud controllers made for them, which Terraform does not know. Each delete waits until its objects are gone.`
        : 'In reverse order; each delete waits until its objects are gone. The clusters stay, so istioctl also removes the control plane and what it installed cluster-wide.',
      sh(objects),
      ...(hasTerraform && protectedClusters.length > 0 && ctx.input.stacks.includes('clusters')
        ? [
            '### Deletion protection',
            `Terraform refuses to destroy ${list(protectedClusters)} (${code('deletionProtection')} is on by default). Set ${code(
              'deletionProtection: false',
            )} on ${protectedClusters.length === 1 ? 'it' : 'them'} in the topology, synthesize again and apply the clusters stack:`,
            sh([resynthCommand(ctx.topologyArg, ctx.outArg), ...terraformCommands(stacksDir('clusters'))]),
          ]
        : []),
      ...(hasTerraform
        ? ['### Terraform', 'The stacks in reverse order:', sh([...ctx.input.stacks].reverse().flatMap((stack) => terraformDestroyCommands(stacksDir(stack))))]
        : []),
      '### What stays',
      stays,
      gke.length > 0 ? sh(gke.map((c) => `kubectl config delete-context "\${${contextVariable(c.name)}}"`)) : undefined,
    ),
  };
}

/** The sections of a topology's runbook, in the order they are run. */
export function runbookSections(input: RunbookInput): RunbookSection[] {
  const ctx = makeContext(input);
  const management = input.model.mesh?.management;
  const sections: Array<RunbookSection | undefined> = [meshfleetSection(ctx), contextsSection(ctx), infrastructureSection(ctx), appSecretsSection(ctx)];
  if (management === 'in-cluster' && input.model.mesh?.install !== undefined) {
    sections.push(inClusterMeshSection(ctx), remoteSecretsSection(ctx), remainingFoldersSection(ctx), vmWorkloadsSection(ctx));
  } else if (management === 'fleet') {
    sections.push(fleetMeshSection(ctx), applyFoldersSection(ctx));
  } else {
    sections.push(applyFoldersSection(ctx));
  }
  sections.push(gitopsSection({ model: ctx.model, kubernetesFolder: ctx.folders.kubernetes }));
  sections.push(rolloutSection(ctx), multiClusterIngressSection(ctx), gatewaysSection(ctx), checksSection(ctx), updatesSection(ctx), teardownSection(ctx));
  return sections.filter((s): s is RunbookSection => s !== undefined);
}

/**
 * Renders the runbook (`<out>/README.md`) of a synthesized topology: in order, what a platform
 * team runs to deploy it (how meshfleet runs, kube contexts, Terraform stacks, app secrets, mesh
 * install with the plug-in CA, remote secrets, Kubernetes folders with the waits they need, VM
 * workloads, rollout, checks), to change it (re-synth, apply with `--prune`) and to tear it down
 * (reverse order), with commands to paste from inside the output folder. Every wait and check is
 * there only when the topology has what it waits for.
 *
 * Pure and deterministic: no timestamps, no absolute paths (every path is relative to the
 * output folder), and never a token or a private key (the commands that make them write
 * outside the output folder or pipe them between clusters).
 */
export function renderRunbook(input: RunbookInput): string {
  const lines = [...headerLines(input.model)];
  if (input.diagram !== undefined) lines.push('', `![topology](${input.diagram})`);
  runbookSections(input).forEach((section, index) => {
    lines.push('', `## ${index + 1}. ${section.title}`, '', ...section.lines);
  });
  return `${lines.join('\n')}\n`;
}
