import { CONFIG_SYNC_NAMESPACE } from '../gitops/names';
import { SYNC_WAVE_ANNOTATION } from '../k8s/sync-waves';
import { APPLICATION_SET_FILE, KUSTOMIZATION_FILE, rootSyncFile } from '../output/paths';
import { secretPlacementsOf } from '../topology/resolve/app-secrets';
import { PART_OF_LABEL } from '../k8s/ownership';
import { isGkeCluster, ResolvedArgoCd, ResolvedConfigSync, ResolvedTopology } from '../topology/model/types';
import { applySecretCommand, contextFlag, contextVariable, kubectlApplyFile, shellQuote } from './commands';
import { blocks, code, RunbookSection, sh } from './shared';

/*
 * The runbook's GitOps step (topologies with `gitops`): commit the output folder, register the
 * clusters, apply the ApplicationSet or the RootSyncs. A module of its own: the rest of the
 * runbook does not change with it.
 */

/** Variable naming the kube context of the cluster Argo CD runs in (named like the clusters' CTX_ variables). */
export const ARGOCD_CONTEXT_VARIABLE = 'CTX_ARGOCD_HOST';

/** Variables naming the Git credentials of Config Sync's Secret (files outside the output folder). */
export const GIT_CREDENTIAL_VARIABLES = { username: 'GIT_USERNAME', token: 'GIT_TOKEN_FILE', ssh: 'GIT_SSH_KEY_FILE', cookie: 'GIT_COOKIE_FILE' } as const;

/** What the GitOps step needs from the runbook. */
export interface GitOpsSectionInput {
  readonly model: ResolvedTopology;
  /** The folder of the cluster folders in the output (`k8s`). */
  readonly kubernetesFolder: string;
}

/** What stays outside Git whatever the tool, and why it goes first. */
function outsideGitNote(model: ResolvedTopology): string {
  const inCluster = model.mesh?.install !== undefined;
  return (
    (inCluster
      ? `The ${code('mesh-install/')} files are istioctl input, not Kubernetes objects: no GitOps tool applies them. Run the istioctl steps above (and the ${code('cacerts')} and remote secrets, which never go into Git) before the first sync and again on a mesh upgrade; the folders' objects need the control plane and its injection webhook. `
      : '') +
    (secretPlacementsOf(model).length > 0 ? 'App Secrets stay out of Git: create them as the steps above say before the first sync. ' : '') +
    `The steps above that run ${code('kubectl apply -k')} on a cluster folder are what the GitOps tool does from now on; a change is a new synth and a commit.`
  );
}

/** The commit step: run from inside the output folder, which is `<path>` of the repository. */
function commitLines(model: ResolvedTopology, repo: string, folder: string): string[] {
  return blocks(
    `Commit this output folder, as ${code(folder)} of ${code(repo)} (every cluster has a folder, an empty one too, so no Application or RootSync points at a missing path):`,
    sh([`git add -A . && git commit -m ${shellQuote(`${model.name}: synthesized output`)} && git push`]),
  );
}

/** Argo CD: what the ApplicationSet does, what stays outside Git, commit, cluster registration, apply and wait. */
function argoCdLines(input: GitOpsSectionInput, argocd: ResolvedArgoCd): string[] {
  const { model, kubernetesFolder } = input;
  const argoContext = `--context="\${${ARGOCD_CONTEXT_VARIABLE}}"`;
  const selector = `${PART_OF_LABEL}=${model.name}`;
  return blocks(
    `${code(APPLICATION_SET_FILE)} makes one Argo CD Application per cluster, ${code(`${model.name}-<cluster>`)}, syncing ${code(
      `${argocd.path}/${kubernetesFolder}/<cluster>`,
    )} of ${code(argocd.repoURL)} at ${code(argocd.targetRevision)} (project ${code(argocd.project)}) with automated server-side sync${
      argocd.prune ? ' and pruning' : ', without pruning'
    }. Within a sync the ${code(SYNC_WAVE_ANNOTATION)} annotations order the objects: namespaces (and the cluster-admin binding) first (wave -2), then the mesh's objects in istio-system and the ingress gateway (-1), then the apps (0).`,
    outsideGitNote(model),
    commitLines(model, argocd.repoURL, argocd.path),
    `Register each cluster in Argo CD under its cluster name, the Applications' destination (${code('argocd')} logged in to your Argo CD, ${code('argocd login <server>')}):`,
    sh(model.clusters.map((c) => `argocd cluster add "\${${contextVariable(c.name)}}" --name ${c.name} --yes`)),
    `Apply the ApplicationSet in the cluster Argo CD runs in (namespace ${code(argocd.namespace)}), then wait for every Application to be synced and healthy:`,
    sh([
      `export ${ARGOCD_CONTEXT_VARIABLE}="<kube context of the Argo CD cluster>"`,
      `kubectl ${argoContext} apply -f ${APPLICATION_SET_FILE}`,
      `kubectl ${argoContext} -n ${argocd.namespace} get applications -l ${selector}`,
      `argocd app wait -l ${selector} --sync --health --timeout 900`,
    ]),
  );
}

/** The Secret of the Git credentials in one cluster, from files outside the output folder, never through a file in it. */
function gitSecretCommand(cluster: string, configSync: ResolvedConfigSync): string | undefined {
  const v = GIT_CREDENTIAL_VARIABLES;
  const sources: Partial<Record<ResolvedConfigSync['auth'], string>> = {
    token: `--from-literal=username="\${${v.username}}" --from-file=token="\${${v.token}}"`,
    ssh: `--from-file=ssh="\${${v.ssh}}"`,
    cookiefile: `--from-file=cookie_file="\${${v.cookie}}"`,
  };
  const from = sources[configSync.auth];
  if (from === undefined || configSync.secretRef === undefined) return undefined;
  return applySecretCommand(cluster, `-n ${CONFIG_SYNC_NAMESPACE} create secret generic ${configSync.secretRef} ${from}`);
}

/** Config Sync: what the RootSyncs do, what stays outside Git, commit, the RootSync API, Git credentials, apply and check. */
function configSyncLines(input: GitOpsSectionInput, configSync: ResolvedConfigSync): string[] {
  const { model, kubernetesFolder } = input;
  const clusters = model.clusters.map((c) => c.name);
  const secrets = clusters.map((c) => gitSecretCommand(c, configSync)).filter((c): c is string => c !== undefined);
  const reconciler = `root-reconciler-${model.name}`;
  const hasGke = model.clusters.some(isGkeCluster);
  const auth: string[] =
    secrets.length > 0
      ? blocks(
          `The reconcilers read the Git credentials from the Secret ${code(configSync.secretRef!)} in ${CONFIG_SYNC_NAMESPACE}; create it in every cluster from files outside this folder (${code(
            `auth: ${configSync.auth}`,
          )}):`,
          sh(secrets),
        )
      : configSync.auth === 'gcpserviceaccount'
        ? blocks(
            `Let the reconciler's Kubernetes service account ${code(`${CONFIG_SYNC_NAMESPACE}/${reconciler}`)} act as ${code(
              configSync.gcpServiceAccountEmail!,
            )} (Workload Identity; that account needs read access to the repository):`,
            sh([
              `gcloud iam service-accounts add-iam-policy-binding ${configSync.gcpServiceAccountEmail} --project ${model.project.id} --role roles/iam.workloadIdentityUser --member "serviceAccount:${model.project.id}.svc.id.goog[${CONFIG_SYNC_NAMESPACE}/${reconciler}]"`,
            ]),
          )
        : [];
  return blocks(
    `Each ${code(rootSyncFile('<cluster>'))} is a RootSync ${code(model.name)} in ${CONFIG_SYNC_NAMESPACE} syncing ${code(
      `${configSync.dir}/${kubernetesFolder}/<cluster>`,
    )} of ${code(configSync.repo)}, branch ${code(configSync.branch)}, unstructured: Config Sync renders the folder's ${code(
      KUSTOMIZATION_FILE,
    )} and applies Namespaces before the objects in them.`,
    outsideGitNote(model),
    commitLines(model, configSync.repo, configSync.dir),
    `Config Sync must run in every cluster${hasGke ? ' (on GKE: the fleet feature, `gcloud container fleet config-management enable`, with Config Sync on for each membership)' : ''}; wait for its RootSync API:`,
    sh(clusters.map((c) => `kubectl ${contextFlag(c)} wait --for condition=established --timeout=600s crd/rootsyncs.configsync.gke.io`)),
    auth,
    'Apply the RootSync of each cluster, then check what it synced:',
    sh([
      ...clusters.map((c) => kubectlApplyFile(c, rootSyncFile(c))),
      ...clusters.map(
        (c) => `kubectl ${contextFlag(c)} -n ${CONFIG_SYNC_NAMESPACE} get rootsync ${model.name} -o jsonpath='{.status.sync.commit}{"\\n"}{.status.sync.errorSummary}{"\\n"}'`,
      ),
    ]),
  );
}

/**
 * The teardown's first step with `gitops`: stop the tool from recreating what the teardown
 * deletes. Deleting the ApplicationSet deletes its Applications, which (without Argo CD's
 * resources finalizer) leave the objects in place; deleting a RootSync orphans its objects (Config
 * Sync's default deletion propagation). The teardown then deletes them as without GitOps.
 * Empty without `gitops`.
 */
export function gitopsTeardownLines(model: ResolvedTopology): string[] {
  const gitops = model.gitops;
  const commands =
    gitops?.argocd !== undefined
      ? [`kubectl --context="\${${ARGOCD_CONTEXT_VARIABLE}}" delete --ignore-not-found -f ${APPLICATION_SET_FILE}`]
      : gitops?.configSync !== undefined
        ? model.clusters.map((c) => `kubectl ${contextFlag(c.name)} delete --ignore-not-found -f ${rootSyncFile(c.name)}`)
        : [];
  if (commands.length === 0) return [];
  const what = gitops?.argocd !== undefined ? 'the ApplicationSet (its Applications go with it; the objects stay)' : 'the RootSyncs (the objects stay)';
  return blocks('### GitOps first', `Otherwise ${gitops?.argocd !== undefined ? 'Argo CD' : 'Config Sync'} recreates what the next steps delete: delete ${what}.`, sh(commands));
}

/**
 * The GitOps step of a topology with `gitops`: what stays outside Git (istioctl inputs, Secrets,
 * run first), committing the output folder, and then, for Argo CD, registering each cluster under
 * its name and applying the ApplicationSet; for Config Sync, its API, the Git credentials
 * (Secret or Workload Identity binding) and the RootSync of each cluster. Undefined without `gitops`.
 */
export function gitopsSection(input: GitOpsSectionInput): RunbookSection | undefined {
  const gitops = input.model.gitops;
  if (gitops?.argocd !== undefined) return { title: 'GitOps: Argo CD', lines: argoCdLines(input, gitops.argocd) };
  if (gitops?.configSync !== undefined) return { title: 'GitOps: Config Sync', lines: configSyncLines(input, gitops.configSync) };
  return undefined;
}
