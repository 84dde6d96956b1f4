import { DNS_LABEL_MAX } from './predicates';
import { Problem, problem } from './problems';
import { TopologyInput } from '../model/types';
import { DEFAULTS } from '../resolve/defaults';

/*
 * Rules about `gitops`: one tool, repository URLs without credentials (the output never holds a
 * token) and of the form the auth needs, folders inside the repository, and the auth settings
 * that go together.
 */

/** `https://`, `http://`, `ssh://` or `git://` URLs, and scp-like `user@host:path`. */
const URL_FORM = /^(https?|ssh|git):\/\/[^\s/]+\/\S+$/;
const SCP_FORM = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+$/;
/** A relative folder: segments of letters, digits, `.`, `_` and `-`, none of them `.` or `..`. */
const FOLDER = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/**
 * Config Sync names the reconciler of a RootSync `root-reconciler-<name>`, at most 63 characters;
 * meshfleet names the RootSync after the topology.
 */
const ROOT_RECONCILER_PREFIX = 'root-reconciler-';
const ROOT_SYNC_NAME_MAX = DNS_LABEL_MAX - ROOT_RECONCILER_PREFIX.length;

/** Whether `url` is an SSH URL (`ssh://` or scp-like), which ssh auth needs and the others cannot use. */
function isSshUrl(url: string): boolean {
  return url.startsWith('ssh://') || SCP_FORM.test(url);
}

/** Problems of a repository URL: its form, and credentials in it (which would land in the output). */
function checkRepoUrl(path: string, url: string, problems: Problem[]): void {
  const form = URL_FORM.test(url) || SCP_FORM.test(url);
  if (!form) {
    problems.push(problem(path, 'not a Git repository URL', url, 'https://host/owner/repo.git, ssh://git@host/owner/repo.git or git@host:owner/repo.git'));
    return;
  }
  const authority = /^[a-z]+:\/\/([^/]+)\//.exec(url)?.[1] ?? '';
  const userInfo = authority.includes('@') ? authority.slice(0, authority.lastIndexOf('@')) : '';
  const httpUser = url.startsWith('http') && userInfo !== '';
  if (httpUser || userInfo.includes(':')) {
    problems.push(
      problem(
        path,
        'the URL holds credentials, which would be written to the output',
        `${url.slice(0, url.indexOf('://') + 3)}…@…`,
        'a URL without user or token (credentials go into a Secret, see auth)',
      ),
    );
  }
}

/** Problems of a folder inside the repository. */
function checkFolder(path: string, folder: string, problems: Problem[]): void {
  if (!FOLDER.test(folder) || folder.split('/').some((s) => s === '.' || s === '..')) {
    problems.push(problem(path, 'a folder of the repository is a relative path without . or .. segments', folder, 'a path such as dist or clusters/prod/dist'));
  }
}

/**
 * Checks `gitops`: Argo CD or Config Sync (both would apply the same folders to the same
 * clusters and fight over them), repository URLs and folders, and Config Sync's auth settings.
 */
export function checkGitOps(input: TopologyInput, problems: Problem[]): void {
  const gitops = input.gitops;
  if (gitops === undefined) return;
  const { argocd, configSync } = gitops;
  if (argocd === undefined && configSync === undefined) {
    problems.push(problem('gitops', 'names no GitOps tool', gitops, 'argocd or configSync'));
  }
  if (argocd !== undefined && configSync !== undefined) {
    problems.push(
      problem('gitops.configSync', 'Argo CD and Config Sync would both apply every cluster folder and fight over its objects', 'both', 'argocd or configSync, not both'),
    );
  }
  if (argocd !== undefined) {
    checkRepoUrl('gitops.argocd.repoURL', argocd.repoURL, problems);
    if (argocd.path !== undefined) checkFolder('gitops.argocd.path', argocd.path, problems);
  }
  if (configSync === undefined) return;
  if (input.name.length > ROOT_SYNC_NAME_MAX) {
    problems.push(
      problem(
        'name',
        `the RootSyncs are named after the topology, and Config Sync's ${ROOT_RECONCILER_PREFIX}<name> allows ${ROOT_SYNC_NAME_MAX} characters`,
        input.name,
        `a name of at most ${ROOT_SYNC_NAME_MAX} characters`,
      ),
    );
  }
  checkRepoUrl('gitops.configSync.repo', configSync.repo, problems);
  if (configSync.dir !== undefined) checkFolder('gitops.configSync.dir', configSync.dir, problems);
  const auth = configSync.auth ?? DEFAULTS.configSyncAuth;
  if (auth === 'ssh' && !isSshUrl(configSync.repo)) {
    problems.push(problem('gitops.configSync.repo', 'auth ssh needs an SSH URL', configSync.repo, 'ssh://git@host/owner/repo.git or git@host:owner/repo.git'));
  } else if (auth !== 'ssh' && isSshUrl(configSync.repo)) {
    problems.push(problem('gitops.configSync.auth', `an SSH URL needs auth ssh`, auth, 'ssh (or an https:// URL)'));
  }
  if (auth === 'gcpserviceaccount' && configSync.gcpServiceAccountEmail === undefined) {
    problems.push(
      problem(
        'gitops.configSync.gcpServiceAccountEmail',
        'auth gcpserviceaccount names the Google service account the reconciler impersonates',
        undefined,
        'an email such as config-sync@my-project.iam.gserviceaccount.com',
      ),
    );
  }
  if (auth !== 'gcpserviceaccount' && configSync.gcpServiceAccountEmail !== undefined) {
    problems.push(
      problem(
        'gitops.configSync.gcpServiceAccountEmail',
        'only auth gcpserviceaccount uses a Google service account',
        configSync.gcpServiceAccountEmail,
        'no gcpServiceAccountEmail, or auth gcpserviceaccount',
      ),
    );
  }
  if (configSync.secretRef !== undefined && auth !== 'token' && auth !== 'ssh' && auth !== 'cookiefile') {
    problems.push(problem('gitops.configSync.secretRef', `auth ${auth} reads no Secret`, configSync.secretRef, 'no secretRef, or auth token, ssh or cookiefile'));
  }
}
