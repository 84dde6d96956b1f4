import { istioctlInstall } from './commands';
import { applyFolder, blocks, Context, eastWestWait, foldersInTopologyOrder, meshClustersInInstallOrder, RunbookSection, sh } from './shared';

/**
 * In-cluster meshes: what is left after the remote secrets: the remotes' east-west gateways and
 * folders, and the folders of clusters outside the mesh.
 */
export function remainingFoldersSection(ctx: Context): RunbookSection | undefined {
  const mesh = meshClustersInInstallOrder(ctx);
  const remotes = mesh.filter((m) => m.controlPlane !== 'primary').map((m) => m.cluster);
  const others = foldersInTopologyOrder(ctx, new Set(mesh.map((m) => m.cluster)));
  const commands: string[] = [];
  for (const remote of remotes) {
    const install = ctx.folderOf(remote)?.meshInstall ?? [];
    commands.push(...install.slice(1).map((file) => istioctlInstall(remote, ctx.k8sPath(remote, file))));
    commands.push(...eastWestWait(remote, install.slice(1)));
    commands.push(...applyFolder(ctx, remote));
  }
  commands.push(...others.flatMap((f) => applyFolder(ctx, f.cluster)));
  if (commands.length === 0) return undefined;
  const why =
    remotes.length > 0
      ? `Remote clusters now: their pods get certificates from the primary's istiod, which needs their remote secret to check the pods' tokens.`
      : 'The clusters outside the mesh:';
  return { title: 'Remaining cluster folders', lines: blocks(why, sh(commands)) };
}
