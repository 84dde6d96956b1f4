import { resolveTopology } from '../../src/topology/resolve/defaults';
import { checkRules } from '../../src/topology/rules/rules';
import { checkStructure } from '../../src/topology/rules/structure';
import { TopologyInput } from '../../src/topology/model/types';

/* The `gitops` field: schema, defaults and rules (src/topology/rules/gitops-rules.ts), with field paths. */

function inputWith(gitops: unknown): TopologyInput {
  return {
    name: 'gitops',
    project: { id: 'meshfleet-test' },
    clusters: [{ name: 'a', zone: 'us-west2-a', private: false, authorizedNetworks: false }],
    gitops,
  } as unknown as TopologyInput;
}

function problemsOf(gitops: unknown): string[] {
  const input = inputWith(gitops);
  const structural = checkStructure(input);
  if (structural.length > 0) return structural.map((p) => `${p.path}: ${p.message}`);
  return checkRules(input, resolveTopology(input)).map((p) => `${p.path}: ${p.message}`);
}

const REPO = 'https://github.com/example/fleet.git';

describe('gitops defaults', () => {
  test('no gitops: the model has none', () => {
    expect(resolveTopology(inputWith(undefined)).gitops).toBeUndefined();
  });

  test('argocd: HEAD of dist, in argocd, project default, no pruning', () => {
    expect(resolveTopology(inputWith({ argocd: { repoURL: REPO } })).gitops).toEqual({
      argocd: { repoURL: REPO, targetRevision: 'HEAD', path: 'dist', namespace: 'argocd', project: 'default', prune: false },
    });
  });

  test('configSync: main of dist, auth none, no Secret', () => {
    expect(resolveTopology(inputWith({ configSync: { repo: REPO } })).gitops).toEqual({
      configSync: { repo: REPO, branch: 'main', dir: 'dist', auth: 'none' },
    });
  });

  test('configSync with token auth reads the Secret git-creds unless named', () => {
    expect(resolveTopology(inputWith({ configSync: { repo: REPO, auth: 'token' } })).gitops?.configSync?.secretRef).toBe('git-creds');
    expect(resolveTopology(inputWith({ configSync: { repo: REPO, auth: 'token', secretRef: 'fleet-git' } })).gitops?.configSync?.secretRef).toBe('fleet-git');
  });

  test('given values are kept', () => {
    const argocd = { repoURL: REPO, targetRevision: 'v1.2.0', path: 'out/dist', namespace: 'gitops', project: 'platform', prune: true };
    expect(resolveTopology(inputWith({ argocd })).gitops).toEqual({ argocd });
  });
});

describe('gitops rules', () => {
  test('valid settings pass', () => {
    expect(problemsOf({ argocd: { repoURL: REPO, path: 'clusters/prod/dist' } })).toEqual([]);
    expect(problemsOf({ argocd: { repoURL: 'git@github.com:example/fleet.git' } })).toEqual([]);
    expect(problemsOf({ configSync: { repo: 'ssh://git@github.com/example/fleet.git', auth: 'ssh' } })).toEqual([]);
    expect(
      problemsOf({
        configSync: {
          repo: 'https://source.developers.google.com/p/p/r/fleet',
          auth: 'gcpserviceaccount',
          gcpServiceAccountEmail: 'config-sync@meshfleet-test.iam.gserviceaccount.com',
        },
      }),
    ).toEqual([]);
  });

  test('unknown keys and auth values are structural problems', () => {
    expect(problemsOf({ flux: {} }).join('\n')).toMatch(/^gitops/);
    expect(problemsOf({ configSync: { repo: REPO, auth: 'password' } }).join('\n')).toMatch(/^gitops\.configSync\.auth/);
    expect(problemsOf({ argocd: {} }).join('\n')).toMatch(/repoURL/);
  });

  test('an empty gitops mapping names no tool', () => {
    expect(problemsOf({})).toEqual(['gitops: names no GitOps tool (found a mapping, expected argocd or configSync)']);
  });

  test('Argo CD and Config Sync together', () => {
    expect(problemsOf({ argocd: { repoURL: REPO }, configSync: { repo: REPO } })).toEqual([
      'gitops.configSync: Argo CD and Config Sync would both apply every cluster folder and fight over its objects (found "both", expected argocd or configSync, not both)',
    ]);
  });

  test('a URL with credentials is refused, and the credentials are not echoed', () => {
    const problems = problemsOf({ argocd: { repoURL: 'https://user:ghp_secret123@github.com/example/fleet.git' } });
    expect(problems).toEqual([
      'gitops.argocd.repoURL: the URL holds credentials, which would be written to the output (found "https://…@…", expected a URL without user or token (credentials go into a Secret, see auth))',
    ]);
    expect(problems.join('')).not.toContain('ghp_secret123');
    expect(problemsOf({ configSync: { repo: 'https://oauth2@github.com/example/fleet.git' } })).toHaveLength(1);
    expect(problemsOf({ configSync: { repo: 'ssh://git:pw@github.com/example/fleet.git', auth: 'ssh' } })).toHaveLength(1);
  });

  test('something that is not a Git URL', () => {
    expect(problemsOf({ argocd: { repoURL: 'github.com/example/fleet' } })).toEqual([
      'gitops.argocd.repoURL: not a Git repository URL (found "github.com/example/fleet", expected https://host/owner/repo.git, ssh://git@host/owner/repo.git or git@host:owner/repo.git)',
    ]);
  });

  test.each(['/dist', '../dist', 'dist/', 'a/./b', 'a b'])('the folder %p is refused', (folder) => {
    expect(problemsOf({ argocd: { repoURL: REPO, path: folder } })).toEqual([
      `gitops.argocd.path: a folder of the repository is a relative path without . or .. segments (found ${JSON.stringify(folder)}, expected a path such as dist or clusters/prod/dist)`,
    ]);
    expect(problemsOf({ configSync: { repo: REPO, dir: folder } })[0]).toMatch(/^gitops\.configSync\.dir: /);
  });

  test('auth and URL form go together', () => {
    expect(problemsOf({ configSync: { repo: REPO, auth: 'ssh' } })).toEqual([
      `gitops.configSync.repo: auth ssh needs an SSH URL (found "${REPO}", expected ssh://git@host/owner/repo.git or git@host:owner/repo.git)`,
    ]);
    expect(problemsOf({ configSync: { repo: 'git@github.com:example/fleet.git', auth: 'token' } })).toEqual([
      'gitops.configSync.auth: an SSH URL needs auth ssh (found "token", expected ssh (or an https:// URL))',
    ]);
  });

  test("Config Sync: the topology name (the RootSyncs' name) leaves room for root-reconciler-", () => {
    const long = { ...inputWith({ configSync: { repo: REPO } }), name: 'a'.repeat(48) };
    expect(checkRules(long, resolveTopology(long)).map((p) => `${p.path}: ${p.message}`)).toEqual([
      `name: the RootSyncs are named after the topology, and Config Sync's root-reconciler-<name> allows 47 characters (found "${'a'.repeat(48)}", expected a name of at most 47 characters)`,
    ]);
    const fits = { ...long, name: 'a'.repeat(47) };
    expect(checkRules(fits, resolveTopology(fits))).toEqual([]);
  });

  test('gcpserviceaccount needs its email; other auths take neither email nor a Secret they do not read', () => {
    expect(problemsOf({ configSync: { repo: REPO, auth: 'gcpserviceaccount' } })).toEqual([
      'gitops.configSync.gcpServiceAccountEmail: auth gcpserviceaccount names the Google service account the reconciler impersonates (found nothing, expected an email such as config-sync@my-project.iam.gserviceaccount.com)',
    ]);
    expect(problemsOf({ configSync: { repo: REPO, gcpServiceAccountEmail: 'config-sync@meshfleet-test.iam.gserviceaccount.com' } })).toEqual([
      'gitops.configSync.gcpServiceAccountEmail: only auth gcpserviceaccount uses a Google service account (found "config-sync@meshfleet-test.iam.gserviceaccount.com", expected no gcpServiceAccountEmail, or auth gcpserviceaccount)',
    ]);
    expect(problemsOf({ configSync: { repo: REPO, auth: 'gcenode', secretRef: 'git-creds' } })).toEqual([
      'gitops.configSync.secretRef: auth gcenode reads no Secret (found "git-creds", expected no secretRef, or auth token, ssh or cookiefile)',
    ]);
  });
});
