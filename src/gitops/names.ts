/*
 * Names of the GitOps output, in a module without dependencies, so that the runbook can name
 * them without loading cdk8s.
 */

/** Folder of the GitOps objects in the output, and the files in it (paths relative to the output folder). */
export const GITOPS_DIR = 'gitops';
export const APPLICATION_SET_FILE = `${GITOPS_DIR}/argocd/applicationset.yaml`;

/** `gitops/config-sync/<cluster>/root-sync.yaml`: the RootSync of one cluster. */
export function rootSyncFile(cluster: string): string {
  return `${GITOPS_DIR}/config-sync/${cluster}/root-sync.yaml`;
}

/** Namespace of Config Sync's RootSyncs and their Git credentials. */
export const CONFIG_SYNC_NAMESPACE = 'config-management-system';

/** Annotation with which Argo CD orders the objects of one sync (lower waves first). */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
