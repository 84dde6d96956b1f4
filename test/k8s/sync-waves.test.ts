import { SYNC_WAVE_ANNOTATION, withSyncWaves } from '../../src/k8s/sync-waves';
import { ManifestObject } from '../../src/k8s/manifest';
import { buildKubernetesManifests } from '../../src/k8s/synth';
import { EXAMPLES, exampleInput, modelOf } from './helpers';

/* Argo CD sync waves on the objects of the cluster folders (src/k8s/sync-waves.ts). */

const waveOf = (o: ManifestObject) => ((o.metadata as any).annotations ?? {})[SYNC_WAVE_ANNOTATION];
const REPO = 'https://github.com/example/fleet.git';

describe('withSyncWaves', () => {
  test('namespaces -2, mesh objects -1, everything else unannotated; other annotations kept', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', annotations: { keep: 'me' } } };
    const files = withSyncWaves([
      { file: 'namespaces.yaml', objects: [ns] },
      { file: 'cluster-admin-binding.yaml', objects: [{ kind: 'ClusterRoleBinding', metadata: { name: 'a' } }] },
      { file: 'istio-system.yaml', objects: [{ kind: 'Service', metadata: { name: 'istiod' } }] },
      { file: 'managed-mesh-config.yaml', objects: [{ kind: 'ConfigMap', metadata: { name: 'istio-asm-managed' } }] },
      { file: 'mesh-security.yaml', objects: [{ kind: 'PeerAuthentication', metadata: { name: 'default' } }] },
      { file: 'ingress-gateway.yaml', objects: [{ kind: 'Deployment', metadata: { name: 'gw' } }] },
      { file: 'shop.yaml', objects: [{ kind: 'Deployment', metadata: { name: 'web' } }] },
      { file: 'multi-cluster-ingress.yaml', objects: [{ kind: 'MultiClusterIngress', metadata: { name: 'mci' } }] },
    ]);
    expect(files.map((f) => [f.file, f.objects.map(waveOf)])).toEqual([
      ['namespaces.yaml', ['-2']],
      ['cluster-admin-binding.yaml', ['-2']],
      ['istio-system.yaml', ['-1']],
      ['managed-mesh-config.yaml', ['-1']],
      ['mesh-security.yaml', ['-1']],
      ['ingress-gateway.yaml', ['-1']],
      ['shop.yaml', [undefined]],
      ['multi-cluster-ingress.yaml', [undefined]],
    ]);
    expect((files[0].objects[0].metadata as any).annotations).toEqual({ keep: 'me', [SYNC_WAVE_ANNOTATION]: '-2' });
    // Pure: the input object is untouched.
    expect(ns.metadata.annotations).toEqual({ keep: 'me' });
  });
});

describe('buildKubernetesManifests and gitops', () => {
  const withGitOps = (gitops: unknown) => {
    const input = exampleInput(EXAMPLES.privateAsm);
    input.gitops = gitops;
    return buildKubernetesManifests(modelOf(input));
  };

  test('with Argo CD output, the cluster folders carry sync waves', () => {
    const west = withGitOps({ argocd: { repoURL: REPO } }).find((c) => c.cluster === 'gke-west-priv')!;
    const waves = Object.fromEntries(west.files.map((f) => [f.file, [...new Set(f.objects.map(waveOf))]]));
    expect(waves).toEqual({ 'namespaces.yaml': ['-2'], 'mesh-security.yaml': ['-1'], 'ingress-gateway.yaml': ['-1'], 'bank-of-anthos.yaml': [undefined] });
  });

  test('without gitops, or with Config Sync (which orders namespaces itself), no object carries a wave', () => {
    for (const gitops of [undefined, { configSync: { repo: REPO } }]) {
      const objects = withGitOps(gitops).flatMap((c) => [...c.files, ...c.meshInstall].flatMap((f) => f.objects));
      expect(objects.length).toBeGreaterThan(0);
      expect(objects.filter((o) => waveOf(o) !== undefined)).toEqual([]);
    }
  });

  test('mesh-install inputs (istioctl, not synced by Argo CD) never carry a wave', () => {
    const input = exampleInput(EXAMPLES.multiPrimary);
    input.gitops = { argocd: { repoURL: REPO } };
    const built = buildKubernetesManifests(modelOf(input));
    const install = built.flatMap((c) => c.meshInstall.flatMap((f) => f.objects));
    expect(install.length).toBeGreaterThan(0);
    expect(install.filter((o) => waveOf(o) !== undefined)).toEqual([]);
    expect(built[0].files.find((f) => f.file === 'istio-system.yaml')!.objects.map(waveOf)).toEqual(['-1']);
  });
});
