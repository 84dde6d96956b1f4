import { secretPlacementsOf } from '../topology/app-secrets';
import { eastWestGatewayOf, meshInstallClusters, remoteSecretsOf } from '../topology/mesh-plan';
import { gkeClusters, isGkeCluster, ResolvedCluster, ResolvedTopology } from '../topology/types';
import {
  contextExport,
  contextFlag,
  createSecretCommand,
  getCredentialsCommand,
  istioctlInstall,
  kubectlApplyFile,
  kubectlApplyKustomization,
  remoteSecretCommand,
  remoteSecretServer,
  rsaKeyPairCommands,
  SECRETS_DIR_VARIABLE,
  secretFilePath,
  shellQuote,
  terraformCommands,
  VM_DIR_VARIABLE,
  vmWorkloadCommands,
} from './commands';

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
export const DEFAULT_RUNBOOK_FOLDERS: RunbookFolders = { terraform: 'terraform', kubernetes: 'k8s' };

/** Shown in `meshfleet ca --topology ...` when the topology's path is not known (or absolute). */
export const TOPOLOGY_PLACEHOLDER = '<topology file>';

/** Variable naming the plug-in CA folder (outside the output folder). */
export const CA_DIR_VARIABLE = 'MESHFLEET_CA_DIR';

/** Files of a cluster folder the runbook applies on their own, before the control plane. */
export const NAMESPACES_FILE = 'namespaces.yaml';
export const CLUSTER_ADMIN_BINDING_FILE = 'cluster-admin-binding.yaml';

/** Everything the runbook is rendered from. */
export interface RunbookInput {
  readonly model: ResolvedTopology;
  /** Terraform stacks written (under `<terraform>/stacks/`), in apply order. */
  readonly stacks: readonly string[];
  /** Cluster folders written, in topology order. Clusters with nothing to deploy have none. */
  readonly clusters: readonly RunbookClusterFolder[];
  /**
   * The topology file as the user named it, for `meshfleet ca --topology`. Must not be
   * absolute (the runbook holds no absolute path).
   * @default TOPOLOGY_PLACEHOLDER
   */
  readonly topologyPath?: string;
  /** @default DEFAULT_RUNBOOK_FOLDERS */
  readonly folders?: RunbookFolders;
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
  const byName = new Map(input.clusters.map((c) => [c.cluster, c]));
  return {
    model: input.model,
    project: input.model.project.id,
    input,
    folders,
    folderOf: (cluster) => byName.get(cluster),
    k8sPath: (cluster, file) => [folders.kubernetes, cluster, ...(file === undefined ? [] : [file])].join('/'),
  };
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

/** `kubectl apply -k k8s/<cluster>` when the cluster has a folder. */
function applyFolder(ctx: Context, cluster: string): string[] {
  return ctx.folderOf(cluster) === undefined ? [] : [kubectlApplyKustomization(cluster, ctx.k8sPath(cluster))];
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
      `Alternatively, from the meshfleet project: ${code(`cdktf deploy ${ctx.input.stacks.join(' ')}`)} with ${code(
        'MESHFLEET_TOPOLOGY',
      )} set to the topology file (it synthesizes the same stacks again).`,
      externalNote,
      'Then fetch the credentials of the GKE clusters (this creates the contexts above):',
      sh(gke.map((c) => getCredentialsCommand(ctx.project, c))),
      privateNote,
    ),
  };
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
  const topology = ctx.input.topologyPath ?? TOPOLOGY_PLACEHOLDER;
  return blocks(
    '### Plug-in CA (once)',
    `Every cluster gets an intermediate CA under one root, so workloads of all clusters trust each other. Keep ${code(
      `$${CA_DIR_VARIABLE}`,
    )} outside this output folder (private keys never go here); run ${code('meshfleet ca')} from the folder you ran ${code(
      'meshfleet synth',
    )} in (the topology path is relative to it):`,
    sh([
      `export ${CA_DIR_VARIABLE}="\${HOME}/meshfleet-ca/${ctx.model.name}"`,
      `meshfleet ca --topology ${topology === TOPOLOGY_PLACEHOLDER ? topology : shellQuote(topology)} --out "\${${CA_DIR_VARIABLE}}"`,
    ]),
    `Once every cluster has its ${code('cacerts')}, move ${code('root-key.pem')} offline; ${code(
      'meshfleet ca',
    )} needs it again only to add a cluster.`,
  );
}

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
  // A remote installs its east-west gateway after the remote secrets: the gateway's pods get
  // their certificates from the primary's istiod, which needs the secret to check their token.
  const now = primary ? install : install.slice(0, 1);
  commands.push(...now.map((file) => istioctlInstall(cluster.name, ctx.k8sPath(cluster.name, file))));
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
  if (!primary) {
    const install = ctx.model.mesh?.install;
    notes.push(
      `It runs no istiod: it uses ${install?.primary ?? 'the primary'}'s, reached at ${
        install?.primaryAddress ?? 'mesh.primaryAddress'
      }. The rest of ${cluster.name} follows the remote secrets.`,
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
    commands.push(...applyFolder(ctx, remote.name));
  }
  commands.push(...others.map((f) => kubectlApplyKustomization(f.cluster, ctx.k8sPath(f.cluster))));
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
      }, and endpoint discovery is automatic: it is done by the fleet, so there is no istioctl, no plug-in CA and no remote secrets. Wait until every mesh cluster reports ${code(
        'REVISION_READY',
      )}:`,
      sh([`gcloud container fleet mesh describe --project ${ctx.project}`]),
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
      'One folder per cluster, in this order (a GitOps tool pointed at the same folders does the same):',
      sh(folders.map((f) => kubectlApplyKustomization(f.cluster, ctx.k8sPath(f.cluster)))),
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
    ),
  };
}

/** The sections of a topology's runbook, in the order they are run. */
export function runbookSections(input: RunbookInput): RunbookSection[] {
  const ctx = makeContext(input);
  const management = input.model.mesh?.management;
  const sections: Array<RunbookSection | undefined> = [contextsSection(ctx), infrastructureSection(ctx), appSecretsSection(ctx)];
  if (management === 'in-cluster' && input.model.mesh?.install !== undefined) {
    sections.push(
      inClusterMeshSection(ctx),
      remoteSecretsSection(ctx),
      remainingFoldersSection(ctx),
      vmWorkloadsSection(ctx),
      checksSection(ctx),
    );
  } else if (management === 'fleet') {
    sections.push(fleetMeshSection(ctx), applyFoldersSection(ctx));
  } else {
    sections.push(applyFoldersSection(ctx));
  }
  return sections.filter((s): s is RunbookSection => s !== undefined);
}

/**
 * Renders the runbook (`<out>/README.md`) of a synthesized topology: in order, what a platform
 * team runs to deploy it (kube contexts, Terraform stacks, app secrets, mesh install with the plug-in CA,
 * remote secrets, Kubernetes folders, VM workloads, checks), with commands to paste from inside
 * the output folder.
 *
 * Pure and deterministic: no timestamps, no absolute paths (every path is relative to the
 * output folder), and never a token or a private key (the commands that make them write
 * outside the output folder or pipe them between clusters).
 */
export function renderRunbook(input: RunbookInput): string {
  const lines = [...headerLines(input.model)];
  runbookSections(input).forEach((section, index) => {
    lines.push('', `## ${index + 1}. ${section.title}`, '', ...section.lines);
  });
  return `${lines.join('\n')}\n`;
}
