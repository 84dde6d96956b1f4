/**
 * The GitOps half of meshfleet: the Argo CD ApplicationSet and Config Sync RootSync constructs
 * (usable on their own in any cdk8s chart), the GitOps files of a topology and `clusters.json`.
 * It reads the Kubernetes half (charts, ownership labels, the YAML writer); src/k8s never reads it.
 */
export * from './argocd-application-set';
export * from './clusters-file';
export * from './config-sync-root-sync';
export * from './gitops-objects';
export * from './names';
