/** GitOps wiring of the output: Argo CD or Config Sync pointed at the committed cluster folders. */

import type { DnsLabel, GitUrl, NonEmptyString, RepoPath } from './formats';

/**
 * The email of a user-managed Google service account.
 * @title service account email such as config-sync@my-project.iam.gserviceaccount.com
 * @predicate SERVICE_ACCOUNT_EMAIL
 */
export type ServiceAccountEmail = string;

/**
 * Argo CD output: an ApplicationSet (`gitops/argocd/applicationset.yaml`) with one Application per
 * cluster folder. Each cluster is registered in Argo CD under its cluster name
 * (`argocd cluster add <kube context> --name <cluster>`); the Applications name it as their destination.
 */
export interface ArgoCdInput {
  /** URL of the Git repository that holds the committed output folder (no credentials in it). */
  readonly repoURL: GitUrl;
  /**
   * Branch, tag or commit the Applications follow.
   * @title branch, tag or commit
   * @default "HEAD"
   */
  readonly targetRevision?: NonEmptyString;
  /**
   * Path of the committed output folder in the repository; the Applications sync `<path>/k8s/<cluster>`.
   * @default "dist"
   */
  readonly path?: RepoPath;
  /**
   * Namespace Argo CD runs in, which holds the ApplicationSet.
   * @default "argocd"
   */
  readonly namespace?: DnsLabel;
  /**
   * Argo CD project of the Applications.
   * @default "default"
   */
  readonly project?: DnsLabel;
  /**
   * Automated sync deletes objects a later synth no longer writes (`false`: automated sync without pruning).
   * @default false
   */
  readonly prune?: boolean;
}

/** How a Config Sync reconciler authenticates to the Git repository (`spec.git.auth` of a RootSync). */
export type ConfigSyncAuth = 'none' | 'gcenode' | 'gcpserviceaccount' | 'token' | 'ssh' | 'cookiefile';

/**
 * Config Sync output: one RootSync per cluster (`gitops/config-sync/<cluster>/root-sync.yaml`),
 * which syncs the cluster's folder of the committed output (Config Sync renders its kustomization).
 */
export interface ConfigSyncInput {
  /** URL of the Git repository that holds the committed output folder (no credentials in it). */
  readonly repo: GitUrl;
  /**
   * Branch the RootSyncs follow.
   * @title branch name
   * @default "main"
   */
  readonly branch?: NonEmptyString;
  /**
   * Path of the committed output folder in the repository; each RootSync syncs `<dir>/k8s/<cluster>`.
   * @default "dist"
   */
  readonly dir?: RepoPath;
  /**
   * `spec.git.auth`. `token`, `ssh` and `cookiefile` read the Secret `secretRef` in
   * config-management-system, which the operator creates (never in the output);
   * `gcpserviceaccount` needs `gcpServiceAccountEmail`.
   * @default "none"
   */
  readonly auth?: ConfigSyncAuth;
  /** Google service account the reconciler impersonates (Workload Identity); only with auth gcpserviceaccount. */
  readonly gcpServiceAccountEmail?: ServiceAccountEmail;
  /**
   * Name of the Secret holding the Git credentials; only with auth token, ssh or cookiefile
   * (the default applies with those only).
   * @default "git-creds"
   */
  readonly secretRef?: DnsLabel;
}

/** GitOps wiring of the output: Argo CD or Config Sync pointed at the committed cluster folders. */
export interface GitOpsInput {
  /**
   * Argo CD ApplicationSet syncing each cluster's folder.
   * @default none (no Argo CD output)
   */
  readonly argocd?: ArgoCdInput;
  /**
   * Config Sync RootSyncs syncing each cluster's folder.
   * @default none (no Config Sync output)
   */
  readonly configSync?: ConfigSyncInput;
}
