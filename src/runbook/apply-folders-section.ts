import { applyFolder, blocks, Context, foldersInTopologyOrder, folderWaitsNote, RunbookSection, sh } from './shared';

/** `kubectl apply -k` per cluster folder, in topology order. */
export function applyFoldersSection(ctx: Context): RunbookSection | undefined {
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
