/*
 * Names of the GitOps tools, in a module without dependencies, so that the runbook can name
 * them without loading cdk8s. The GitOps files' paths are in output/paths.ts.
 */

/** Namespace of Config Sync's RootSyncs and their Git credentials. */
export const CONFIG_SYNC_NAMESPACE = 'config-management-system';
