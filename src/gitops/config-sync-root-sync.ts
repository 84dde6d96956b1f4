import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CONFIG_SYNC_NAMESPACE } from './names';
import { ConfigSyncAuth } from '../topology/model/types';

/** Properties of a {@link ConfigSyncRootSync}. */
export interface ConfigSyncRootSyncProps {
  /** Name of the RootSync; its reconciler is `root-reconciler-<name>`. */
  readonly name: string;
  /** Git repository holding the committed output folder. */
  readonly repo: string;
  readonly branch: string;
  /** The cluster's folder in the repository, e.g. `dist/k8s/gke-west-1`. */
  readonly dir: string;
  readonly auth: ConfigSyncAuth;
  /** Google service account of auth `gcpserviceaccount`. @default none */
  readonly gcpServiceAccountEmail?: string;
  /** Secret of auth `token`, `ssh` or `cookiefile`, in {@link CONFIG_SYNC_NAMESPACE}. @default none */
  readonly secretRef?: string;
}

/**
 * A Config Sync RootSync (configsync.gke.io/v1beta1) in config-management-system that syncs one
 * cluster folder: `sourceFormat: unstructured`, Git `repo`/`branch`/`dir` with its auth. Config
 * Sync renders the folder's kustomization.yaml and applies Namespaces before the objects in them.
 * No CRD import exists for it: a plain ApiObject.
 */
export class ConfigSyncRootSync extends Construct {
  public readonly rootSync: ApiObject;

  public constructor(scope: Construct, id: string, props: ConfigSyncRootSyncProps) {
    super(scope, id);
    this.rootSync = new ApiObject(this, 'RootSync', {
      apiVersion: 'configsync.gke.io/v1beta1',
      kind: 'RootSync',
      metadata: { name: props.name, namespace: CONFIG_SYNC_NAMESPACE },
      spec: {
        sourceFormat: 'unstructured',
        sourceType: 'git',
        git: {
          repo: props.repo,
          branch: props.branch,
          dir: props.dir,
          auth: props.auth,
          ...(props.gcpServiceAccountEmail === undefined ? {} : { gcpServiceAccountEmail: props.gcpServiceAccountEmail }),
          ...(props.secretRef === undefined ? {} : { secretRef: { name: props.secretRef } }),
        },
      },
    });
  }
}
