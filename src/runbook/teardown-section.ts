import { gkeClusters, isGkeCluster } from '../topology/model/types';
import { contextFlag, contextVariable, shellQuote, terraformCommands } from './commands';
import { gatewayCertificateLeftovers } from './gateway-certificates-section';
import { gitopsTeardownLines } from './gitops-section';
import {
  blocks,
  CA_DIR_VARIABLE,
  CLUSTER_ADMIN_BINDING_FILE,
  code,
  configFolderWith,
  Context,
  foldersInTopologyOrder,
  kustomizationFiles,
  list,
  MULTI_CLUSTER_GATEWAY_FILE,
  MULTI_CLUSTER_INGRESS_FILE,
  RunbookClusterFolder,
  RunbookSection,
  sh,
} from './shared';
import { istioctlUninstallCommand, resynthCommand, terraformDestroyCommands } from './wait-commands';

/**
 * Deleting a cluster folder: `kubectl delete -k`; an external mesh cluster (it stays) also gets
 * `istioctl uninstall --purge`. With `cluster-admin-binding.yaml`, the files one by one in reverse
 * order and the binding last, after the uninstall that needs it.
 */
function deleteFolderCommands(ctx: Context, folder: RunbookClusterFolder): string[] {
  const cluster = ctx.model.clusters.find((c) => c.name === folder.cluster)!;
  const uninstall = cluster.meshInstall !== undefined && !isGkeCluster(cluster) ? [istioctlUninstallCommand(cluster.name, ctx.model.mesh?.version)] : [];
  const del = (file: string) => `kubectl ${contextFlag(cluster.name)} delete --ignore-not-found -f ${shellQuote(ctx.k8sPath(cluster.name, file))}`;
  const files = kustomizationFiles(ctx, folder.cluster);
  if (!files.includes(CLUSTER_ADMIN_BINDING_FILE)) {
    return [`kubectl ${contextFlag(cluster.name)} delete --ignore-not-found -k ${ctx.k8sPath(cluster.name)}`, ...uninstall];
  }
  return [
    ...files
      .filter((f) => f !== CLUSTER_ADMIN_BINDING_FILE)
      .reverse()
      .map(del),
    ...uninstall,
    del(CLUSTER_ADMIN_BINDING_FILE),
  ];
}

/** Teardown in reverse order: Kubernetes objects, deletion protection off, Terraform stacks, what stays. */
export function teardownSection(ctx: Context): RunbookSection {
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
  const leftovers = gatewayCertificateLeftovers(ctx.model);
  const stays = [
    ...(hasTerraform ? ['The project and its APIs stay: the Terraform leaves the services enabled on destroy (`disable_on_destroy = false`), other workloads may use them.'] : []),
    ...(external.length > 0
      ? [`${list(external)} stay${external.length === 1 ? 's' : ''}: only meshfleet's objects and the mesh leave ${external.length === 1 ? 'it' : 'them'}.`]
      : []),
    ...(leftovers !== undefined ? [leftovers] : []),
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
