import { MODEL_DEFAULTS } from '../generated/defaults.generated';
import { ResolvedGitOps, TopologyInput } from '../model/types';

/*
 * Defaults of the GitOps output (`gitops`): where the committed output folder lies in the
 * repository and what Argo CD and Config Sync follow, read from the model's `@default` tags.
 */

/** The GitOps output with its defaults; absent without `gitops`. */
export function resolveGitOps(input: TopologyInput): ResolvedGitOps | undefined {
  const gitops = input.gitops;
  if (gitops === undefined) return undefined;
  const { argocd, configSync } = gitops;
  const auth = configSync?.auth ?? MODEL_DEFAULTS.ConfigSyncInput.auth;
  const usesSecret = auth === 'token' || auth === 'ssh' || auth === 'cookiefile';
  return {
    ...(argocd === undefined
      ? {}
      : {
          argocd: {
            repoURL: argocd.repoURL,
            targetRevision: argocd.targetRevision ?? MODEL_DEFAULTS.ArgoCdInput.targetRevision,
            path: argocd.path ?? MODEL_DEFAULTS.ArgoCdInput.path,
            namespace: argocd.namespace ?? MODEL_DEFAULTS.ArgoCdInput.namespace,
            project: argocd.project ?? MODEL_DEFAULTS.ArgoCdInput.project,
            prune: argocd.prune ?? MODEL_DEFAULTS.ArgoCdInput.prune,
          },
        }),
    ...(configSync === undefined
      ? {}
      : {
          configSync: {
            repo: configSync.repo,
            branch: configSync.branch ?? MODEL_DEFAULTS.ConfigSyncInput.branch,
            dir: configSync.dir ?? MODEL_DEFAULTS.ConfigSyncInput.dir,
            auth,
            ...(configSync.gcpServiceAccountEmail === undefined ? {} : { gcpServiceAccountEmail: configSync.gcpServiceAccountEmail }),
            ...(configSync.secretRef !== undefined || usesSecret ? { secretRef: configSync.secretRef ?? MODEL_DEFAULTS.ConfigSyncInput.secretRef } : {}),
          },
        }),
  };
}
