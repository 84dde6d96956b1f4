import { Chart, Testing } from 'cdk8s';
import { checkObject } from '../../../src/analysis/api-server/api-server-checks';
import { KubeObject } from '../../../src/analysis/objects';
import { ArgoCdApplicationSet } from '../../../src/gitops/argocd-application-set';
import { ConfigSyncRootSync } from '../../../src/gitops/config-sync-root-sync';

/** The GitOps objects meshfleet writes pass the vendored Argo CD and Config Sync CRDs. */
describe('GitOps objects against the vendored CRDs', () => {
  const chart = (): Chart => Testing.chart();

  test('the Argo CD ApplicationSet (argoproj.io/v1alpha1, Argo CD v3.5.1)', () => {
    const c = chart();
    new ArgoCdApplicationSet(c, 'set', {
      name: 'fleet',
      namespace: 'argocd',
      repoURL: 'https://github.com/example/fleet.git',
      targetRevision: 'main',
      project: 'default',
      prune: true,
      elements: [{ cluster: 'gke-1', path: 'dist/k8s/gke-1' }],
      applicationLabels: { 'app.kubernetes.io/managed-by': 'meshfleet' },
    });
    const [set] = Testing.synth(c) as KubeObject[];
    expect(checkObject(set, 'gitops')).toEqual([]);
    const broken = { ...set, spec: { ...(set.spec as object), syncPolicy: { preserveResourcesOnDeletion: 'yes' } } };
    expect(checkObject(broken, 'gitops').map((f) => [f.code, f.path])).toEqual([['API001', 'spec.syncPolicy.preserveResourcesOnDeletion']]);
  });

  test('the Config Sync RootSync (configsync.gke.io/v1beta1, Config Sync v1.22.0)', () => {
    const c = chart();
    new ConfigSyncRootSync(c, 'root', { name: 'fleet', repo: 'https://github.com/example/fleet.git', branch: 'main', dir: 'dist/k8s/gke-1', auth: 'none' });
    const [rootSync] = Testing.synth(c) as KubeObject[];
    expect(rootSync.apiVersion).toBe('configsync.gke.io/v1beta1');
    expect(checkObject(rootSync, 'gitops')).toEqual([]);
    const broken = { ...rootSync, spec: { ...(rootSync.spec as object), sourceFormat: 'yaml' } };
    expect(checkObject(broken, 'gitops').map((f) => [f.code, f.path])).toEqual([['API001', 'spec.sourceFormat']]);
  });
});
