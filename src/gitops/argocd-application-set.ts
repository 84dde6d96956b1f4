import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** One element of the ApplicationSet's list generator: a cluster and its folder in the repository. */
export interface ApplicationSetElement {
  /** Cluster name, also the name the cluster is registered under in Argo CD (the Application's destination). */
  readonly cluster: string;
  /** The cluster's folder in the repository, e.g. `dist/k8s/gke-west-1`. */
  readonly path: string;
}

/** Properties of an {@link ArgoCdApplicationSet}. */
export interface ArgoCdApplicationSetProps {
  /** Name of the ApplicationSet, and prefix of its Applications (`<name>-<cluster>`). */
  readonly name: string;
  /** Namespace Argo CD runs in. */
  readonly namespace: string;
  /** Git repository holding the committed output folder. */
  readonly repoURL: string;
  /** Branch, tag or commit the Applications follow. */
  readonly targetRevision: string;
  /** Argo CD project of the Applications. */
  readonly project: string;
  /** Automated sync also deletes objects the folder no longer holds. */
  readonly prune: boolean;
  /** One element per cluster, in the order given. */
  readonly elements: readonly ApplicationSetElement[];
  /** Labels of the generated Applications (the ApplicationSet itself takes its chart's). */
  readonly applicationLabels: Readonly<Record<string, string>>;
}

/**
 * An Argo CD ApplicationSet (argoproj.io/v1alpha1) with a list generator: one Application per
 * cluster folder, `<name>-<cluster>`, syncing `path` of the repository into the cluster registered
 * in Argo CD under the cluster's name. Automated sync (pruning as `prune` says) with server-side
 * apply; within a sync, the objects' `argocd.argoproj.io/sync-wave` annotations put namespaces and
 * mesh objects before the apps. Go templates with `missingkey=error`, so a typo fails instead of
 * rendering an empty string; `preserveResourcesOnDeletion`, so deleting the ApplicationSet never
 * deletes the clusters' objects. No CRD import exists for it: a plain ApiObject.
 */
export class ArgoCdApplicationSet extends Construct {
  public readonly applicationSet: ApiObject;

  public constructor(scope: Construct, id: string, props: ArgoCdApplicationSetProps) {
    super(scope, id);
    this.applicationSet = new ApiObject(this, 'ApplicationSet', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{ list: { elements: props.elements.map((e) => ({ cluster: e.cluster, path: e.path })) } }],
        // Deleting the ApplicationSet (the runbook's teardown does it first) leaves the clusters' objects alone.
        syncPolicy: { preserveResourcesOnDeletion: true },
        template: {
          metadata: { name: `${props.name}-{{.cluster}}`, labels: { ...props.applicationLabels } },
          spec: {
            project: props.project,
            source: { repoURL: props.repoURL, targetRevision: props.targetRevision, path: '{{.path}}' },
            destination: { name: '{{.cluster}}' },
            syncPolicy: { automated: { prune: props.prune }, syncOptions: ['ServerSideApply=true'] },
          },
        },
      },
    });
  }
}
