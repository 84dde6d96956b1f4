import type { ClusterMeshInstall } from '../plan/types';
import type { ResolvedTopology } from '../topology/model/types';
import { eastWestAddressVariable, istioctlInstall, IstioctlSetting, kubectlApplyFile, kubectlApplyKustomization, terraformOutputAssignment } from './commands';
import {
  applyFolder,
  blocks,
  CA_DIR_VARIABLE,
  CLUSTER_ADMIN_BINDING_FILE,
  code,
  Context,
  eastWestWait,
  folderFiles,
  meshClustersInInstallOrder,
  NAMESPACES_FILE,
  reservedEastWestGateway,
  RunbookSection,
  sh,
} from './shared';
import { meshfleetCommand } from './wait-commands';

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

/**
 * The Kubernetes versions the mesh version supports (the plan's `meshInstall.kubernetes`, from
 * Istio's support matrix), and the clusters whose version the topology does not declare.
 */
function kubernetesNote(ctx: Context): string {
  const kubernetes = ctx.plan.meshInstall.kubernetes;
  if (kubernetes === undefined) return '';
  const unknown = ctx.plan.meshInstall.clusters.filter((c) => c.kubernetes === 'unknown').map((c) => c.cluster);
  const check = unknown.length === 0 ? '' : ` Check ${unknown.join(', ')} first (${code('kubectl version')}): the topology declares no ${code('kubernetesVersion')} there.`;
  if (kubernetes.supported === undefined) {
    return `Mesh version ${kubernetes.meshVersion} is not in meshfleet's support table: check Istio's support matrix for the Kubernetes versions it needs.${check}`;
  }
  return `Mesh version ${kubernetes.meshVersion} needs Kubernetes ${kubernetes.supported} on every mesh cluster (Istio's support matrix; outside it, its APIs are removed or untested).${check}`;
}

/** The plug-in CA step, once for the mesh. */
function caLines(ctx: Context): string[] {
  return blocks(
    '### Plug-in CA (once)',
    `Every cluster gets an intermediate CA under one root, so workloads of all clusters trust each other. Keep ${code(
      `$${CA_DIR_VARIABLE}`,
    )} outside this output folder (private keys never go here); ${code('npx meshfleet ca')} runs in the project folder (section 1):`,
    sh([`export ${CA_DIR_VARIABLE}="\${HOME}/meshfleet-ca/${ctx.model.name}"`, meshfleetCommand(`ca --topology ${ctx.topologyArg} --out "\${${CA_DIR_VARIABLE}}"`)]),
    `Once every cluster has its ${code('cacerts')}, move ${code('root-key.pem')} offline; ${code('meshfleet ca')} needs it again only to add a cluster.`,
  );
}

/** The IstioOperator path of the east-west gateway's load balancer IP (`istioctl install --set`). */
const EAST_WEST_LOAD_BALANCER_IP = 'components.ingressGateways[name:istio-eastwestgateway].k8s.service.loadBalancerIP';

/** The IstioOperator path of a remote's address of the primary's istiod. */
const REMOTE_PILOT_ADDRESS = 'values.global.remotePilotAddress';

/** Steps a–c of one mesh cluster (and d, the folder, for primaries). */
function meshClusterLines(ctx: Context, mesh: ClusterMeshInstall): string[] {
  const name = mesh.cluster;
  const folder = ctx.folderOf(name);
  const files = folderFiles(ctx, name);
  const install = folder?.meshInstall ?? [];
  const primary = mesh.controlPlane === 'primary';
  const commands: string[] = [];
  if (files.includes(CLUSTER_ADMIN_BINDING_FILE)) commands.push(kubectlApplyFile(name, ctx.k8sPath(name, CLUSTER_ADMIN_BINDING_FILE)));
  if (files.includes(NAMESPACES_FILE)) commands.push(kubectlApplyFile(name, ctx.k8sPath(name, NAMESPACES_FILE)));
  commands.push(kubectlApplyKustomization(name, `"\${${CA_DIR_VARIABLE}}/${name}"`, { serverSide: true }));
  // A GKE primary's east-west address is reserved by Terraform: read it from the network
  // stack's output, give it to the primary's gateway (loadBalancerIP) and the remotes (pilot address).
  const reserved = reservedEastWestGateway(ctx);
  const variable = reserved && eastWestAddressVariable(reserved.cluster);
  if (reserved !== undefined && reserved.cluster === name) {
    commands.push(terraformOutputAssignment(variable!, `${ctx.folders.terraform}/stacks/network`, reserved.reservedAddress.output));
  }
  const settings = (index: number): IstioctlSetting[] => {
    if (variable === undefined) return [];
    if (primary && index === 1 && reserved!.cluster === name) return [{ path: EAST_WEST_LOAD_BALANCER_IP, variable }];
    if (!primary && index === 0) return [{ path: REMOTE_PILOT_ADDRESS, variable }];
    return [];
  };
  // A remote installs its east-west gateway after the remote secrets: the gateway's pods get
  // their certificates from the primary's istiod, which needs the secret to check their token.
  const now = primary ? install : install.slice(0, 1);
  commands.push(...now.map((file, index) => istioctlInstall(name, ctx.k8sPath(name, file), settings(index))));
  commands.push(...eastWestWait(name, now));
  if (primary) commands.push(...applyFolder(ctx, name));

  const notes: string[] = [];
  if (files.includes(CLUSTER_ADMIN_BINDING_FILE)) {
    notes.push(`${code(CLUSTER_ADMIN_BINDING_FILE)} comes first: istioctl needs cluster-admin.`);
  }
  const gateway = mesh.eastWestGateway;
  if (gateway?.loadBalancerIp !== undefined) {
    notes.push(`The east-west gateway asks for the load balancer address ${gateway.loadBalancerIp} (mesh.primaryAddress): reserve it before installing.`);
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
    notes.push(`It runs no istiod: it uses ${install?.primary ?? 'the primary'}'s, reached at ${address}. The rest of ${name} follows the remote secrets.`);
  }
  return blocks(`### ${name} (${mesh.controlPlane}, network ${mesh.network})`, notes.join(' '), sh(commands));
}

/** In-cluster meshes: CA, then per cluster namespaces, `cacerts`, istioctl install, folder. */
export function inClusterMeshSection(ctx: Context): RunbookSection {
  const install = ctx.model.mesh!.install!;
  const clusters = meshClustersInInstallOrder(ctx);
  const version = ctx.model.mesh?.version === undefined ? '' : ` ${ctx.model.mesh.version}`;
  const revision = ctx.model.mesh?.revision === undefined ? '' : `, revision ${code(ctx.model.mesh.revision)}`;
  const model = clusters.length > 1 ? `${install.model}, ` : '';
  const hasRemotes = clusters.some((c) => c.controlPlane !== 'primary');
  return {
    title: `Service mesh: ${distributionName(ctx.model)}${version} in the clusters`,
    lines: blocks(
      `meshfleet installs the control plane with istioctl (${model}mesh ${code(install.meshId)}${revision}). ${istioctlNote(
        ctx.model,
      )} Per cluster, primaries first: namespaces, the ${code('cacerts')} Secret, ${code('istioctl install')}, then ${hasRemotes ? '(primaries) ' : ''}the cluster's folder.`,
      kubernetesNote(ctx),
      caLines(ctx),
      ...clusters.map((c) => meshClusterLines(ctx, c)),
    ),
  };
}
