import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { APPLICATION_SET_FILE, rootSyncFile } from '../../src/output/paths';
import { buildGitOpsFiles, synthGitOps } from '../../src/gitops/gitops-objects';
import { ownershipLabels } from '../../src/k8s/ownership';
import { EXAMPLES, exampleInput, modelOf } from '../k8s/helpers';

/* The GitOps objects (src/gitops/gitops-objects.ts, src/gitops/argocd-application-set.ts, src/gitops/config-sync-root-sync.ts). */

const REPO = 'https://github.com/example/fleet.git';

function modelWith(gitops: unknown, file: string = EXAMPLES.privateAsm) {
  const input = exampleInput(file);
  if (gitops !== undefined) input.gitops = gitops;
  return modelOf(input);
}

describe('Argo CD', () => {
  const [file] = buildGitOpsFiles(modelWith({ argocd: { repoURL: REPO } }), 'k8s');
  const set = file.objects[0] as any;

  test('one file, one ApplicationSet in the Argo CD namespace, with the ownership labels', () => {
    expect(file.file).toBe(APPLICATION_SET_FILE);
    expect(file.objects).toHaveLength(1);
    expect(set.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(set.kind).toBe('ApplicationSet');
    expect(set.metadata).toEqual({ name: 'private-asm-multicluster', namespace: 'argocd', labels: ownershipLabels('private-asm-multicluster') });
  });

  test('a list generator: one element per cluster, in topology order, with its folder under <path>/k8s', () => {
    expect(set.spec.generators).toEqual([
      {
        list: {
          elements: [
            { cluster: 'gke-west-priv', path: 'dist/k8s/gke-west-priv' },
            { cluster: 'gke-central-priv', path: 'dist/k8s/gke-central-priv' },
            { cluster: 'gke-ingress', path: 'dist/k8s/gke-ingress' },
          ],
        },
      },
    ]);
    expect(set.spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
    expect(set.spec.goTemplate).toBe(true);
    expect(set.spec.goTemplateOptions).toEqual(['missingkey=error']);
  });

  test('the template: <topology>-<cluster>, the folder of the repository, the cluster by its Argo CD name, automated server-side sync', () => {
    expect(set.spec.template).toEqual({
      metadata: { name: 'private-asm-multicluster-{{.cluster}}', labels: ownershipLabels('private-asm-multicluster') },
      spec: {
        project: 'default',
        source: { repoURL: REPO, targetRevision: 'HEAD', path: '{{.path}}' },
        destination: { name: '{{.cluster}}' },
        syncPolicy: { automated: { prune: false }, syncOptions: ['ServerSideApply=true'] },
      },
    });
  });

  test('given settings: revision, path, namespace, project, prune', () => {
    const [custom] = buildGitOpsFiles(
      modelWith({ argocd: { repoURL: REPO, targetRevision: 'release', path: 'envs/prod', namespace: 'gitops', project: 'platform', prune: true } }),
      'k8s',
    );
    const s = custom.objects[0] as any;
    expect(s.metadata.namespace).toBe('gitops');
    expect(s.spec.template.spec.project).toBe('platform');
    expect(s.spec.template.spec.source).toEqual({ repoURL: REPO, targetRevision: 'release', path: '{{.path}}' });
    expect(s.spec.template.spec.syncPolicy.automated).toEqual({ prune: true });
    expect(s.spec.generators[0].list.elements[0].path).toBe('envs/prod/k8s/gke-west-priv');
  });
});

describe('Config Sync', () => {
  test('one RootSync per cluster in config-management-system: unstructured, the cluster folder, auth none', () => {
    const files = buildGitOpsFiles(modelWith({ configSync: { repo: REPO } }), 'k8s');
    expect(files.map((f) => f.file)).toEqual([
      'gitops/config-sync/gke-west-priv/root-sync.yaml',
      'gitops/config-sync/gke-central-priv/root-sync.yaml',
      'gitops/config-sync/gke-ingress/root-sync.yaml',
    ]);
    expect(files[0].objects).toEqual([
      {
        apiVersion: 'configsync.gke.io/v1beta1',
        kind: 'RootSync',
        metadata: { name: 'private-asm-multicluster', namespace: 'config-management-system', labels: ownershipLabels('private-asm-multicluster') },
        spec: {
          sourceFormat: 'unstructured',
          sourceType: 'git',
          git: { repo: REPO, branch: 'main', dir: 'dist/k8s/gke-west-priv', auth: 'none' },
        },
      },
    ]);
  });

  test('auth gcpserviceaccount names the service account; token names the Secret (never its content)', () => {
    const email = 'config-sync@meshfleet-demo.iam.gserviceaccount.com';
    const [gsa] = buildGitOpsFiles(modelWith({ configSync: { repo: REPO, auth: 'gcpserviceaccount', gcpServiceAccountEmail: email } }), 'k8s');
    expect((gsa.objects[0] as any).spec.git).toEqual({ repo: REPO, branch: 'main', dir: 'dist/k8s/gke-west-priv', auth: 'gcpserviceaccount', gcpServiceAccountEmail: email });
    const [token] = buildGitOpsFiles(modelWith({ configSync: { repo: REPO, auth: 'token', branch: 'prod', dir: 'out' } }), 'k8s');
    expect((token.objects[0] as any).spec.git).toEqual({ repo: REPO, branch: 'prod', dir: 'out/k8s/gke-west-priv', auth: 'token', secretRef: { name: 'git-creds' } });
  });

  test('rootSyncFile', () => {
    expect(rootSyncFile('cluster1')).toBe('gitops/config-sync/cluster1/root-sync.yaml');
  });
});

describe('synthGitOps', () => {
  test('without gitops: nothing', () => {
    expect(buildGitOpsFiles(modelWith(undefined), 'k8s')).toEqual([]);
  });

  test('writes the files as YAML, every object as built', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-gitops-'));
    try {
      const model = modelWith({ configSync: { repo: REPO } }, EXAMPLES.multiPrimary);
      const written = synthGitOps(model, outdir, 'k8s');
      expect(written).toEqual([rootSyncFile('cluster1'), rootSyncFile('cluster2')]);
      const built = buildGitOpsFiles(model, 'k8s');
      for (const [i, file] of written.entries()) {
        const docs = parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map((d) => d.toJSON());
        expect(docs).toEqual(built[i].objects);
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
