import { istioctlInstall } from './commands';
import { applyFolder, blocks, Context, eastWestWait, foldersInTopologyOrder, meshClustersInInstallOrder, RunbookSection, sh } from './shared';

/**
 * In-cluster meshes: what is left after the remote secrets: the remotes' east-west gateways and
 * folders, and the folders of clusters outside the mesh.
 */
export function remainingFoldersSection(ctx: Context): RunbookSection | undefined {
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
