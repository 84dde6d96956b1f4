import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCrdIndex, CRD_INDEX_FILE, renderCrdIndex } from '../../../src/analysis/api-server/crd-index';
import { CrdRegistry, projectCrdRegistry } from '../../../src/analysis/api-server/crd-registry';

jest.setTimeout(60_000);

const CRDS = path.join(__dirname, '..', '..', '..', 'crds');

describe('the vendored CRD registry', () => {
  const registry = projectCrdRegistry();

  test.each([
    ['gateway.networking.k8s.io', 'HTTPRoute', 'gateway-api-v1.2.1-standard/gateway.networking.k8s.io_httproutes.yaml', ['v1', 'v1beta1']],
    ['networking.istio.io', 'VirtualService', 'istio/crd-all.gen.yaml', ['v1', 'v1alpha3', 'v1beta1']],
    ['networking.gke.io', 'HealthCheckPolicy', 'gke/networking.gke.io_healthcheckpolicies.yaml', ['v1']],
    ['networking.gke.io', 'MultiClusterIngress', 'gke-stubs-NOT-UPSTREAM/networking.gke.io_multiclusteringresses.STUB.yaml', ['v1', 'v1beta1']],
    ['argoproj.io', 'ApplicationSet', 'argocd/applicationset-crd.yaml', ['v1alpha1']],
    ['argoproj.io', 'Application', 'argocd/application-crd.yaml', ['v1alpha1']],
    ['configsync.gke.io', 'RootSync', 'config-sync/rootsync-crd.yaml', ['v1alpha1', 'v1beta1']],
    ['configsync.gke.io', 'RepoSync', 'config-sync/reposync-crd.yaml', ['v1alpha1', 'v1beta1']],
  ])('%s %s comes from %s with versions %j', (group, kind, file, versions) => {
    const crd = registry.lookup(group, kind);
    expect(crd?.file).toBe(file);
    expect(crd?.versions.map((v) => v.name).sort()).toEqual(versions);
  });

  test('Gateway API is the v1.2.1 standard channel that GKE serves, not the v1.6.1 reference copy', () => {
    expect(registry.lookup('gateway.networking.k8s.io', 'ListenerSet')).toBeUndefined();
    expect(registry.lookup('gateway.networking.k8s.io', 'BackendTLSPolicy')).toBeUndefined();
  });

  test('an unknown kind has no CRD', () => {
    expect(registry.lookup('example.com', 'Widget')).toBeUndefined();
  });

  test(`crds/${CRD_INDEX_FILE} is up to date with the CRD files (else run node scripts/generate-crd-index.js)`, () => {
    expect(fs.readFileSync(path.join(CRDS, CRD_INDEX_FILE), 'utf8')).toBe(renderCrdIndex(buildCrdIndex(CRDS)));
  });

  test('the index holds CRD documents only, without descriptions, the first folder naming a kind winning', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crds-'));
    try {
      const crd = (description: string) =>
        [
          'kind: CustomResourceDefinition',
          'spec:',
          '  group: example.com',
          '  names:',
          '    kind: Widget',
          '  scope: Cluster',
          '  versions:',
          '  - name: v1',
          '    served: true',
          '    schema:',
          '      openAPIV3Schema:',
          `        description: ${description}`,
          '        type: object',
        ].join('\n');
      fs.mkdirSync(path.join(dir, 'gke'));
      fs.mkdirSync(path.join(dir, 'argocd'));
      fs.writeFileSync(path.join(dir, 'gke', 'widgets.yaml'), `---\n${crd('first')}\n---\nkind: ConfigMap\n`);
      fs.writeFileSync(path.join(dir, 'argocd', 'widgets.yaml'), crd('second'));
      const local = new CrdRegistry(buildCrdIndex(dir));
      expect(local.lookup('example.com', 'Widget')).toEqual({
        group: 'example.com',
        kind: 'Widget',
        namespaced: false,
        file: 'gke/widgets.yaml',
        versions: [{ name: 'v1', served: true, schema: { type: 'object' } }],
      });
      expect(local.lookup('example.com', 'toString')).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
