import { clusterEntries, renderClustersFile } from '../../src/gitops/clusters-file';
import { CLUSTERS_FILE } from '../../src/output/paths';
import { buildPlan } from '../../src/plan/build-plan';
import { contextExport } from '../../src/runbook/commands';
import { EXAMPLES, exampleInput, loadExample, modelOf } from '../k8s/helpers';

/* dist/clusters.json (src/gitops/clusters-file.ts): every cluster, its folder and kube context. */

const entriesOf = (model: ReturnType<typeof loadExample>) => clusterEntries(model, buildPlan(model));

describe('clusterEntries', () => {
  test('GKE clusters: folder, the runbook kube context, project and zone, sorted by name', () => {
    const model = loadExample(EXAMPLES.privateAsm);
    expect(entriesOf(model)).toEqual([
      {
        name: 'gke-central-priv',
        folder: 'k8s/gke-central-priv',
        kubeContext: 'gke_meshfleet-demo_us-central1-a_gke-central-priv',
        project: 'meshfleet-demo',
        location: 'us-central1-a',
        kind: 'gke',
        meshInstall: null,
      },
      {
        name: 'gke-ingress',
        folder: 'k8s/gke-ingress',
        kubeContext: 'gke_meshfleet-demo_us-west1-a_gke-ingress',
        project: 'meshfleet-demo',
        location: 'us-west1-a',
        kind: 'gke',
        meshInstall: null,
      },
      {
        name: 'gke-west-priv',
        folder: 'k8s/gke-west-priv',
        kubeContext: 'gke_meshfleet-demo_us-west2-a_gke-west-priv',
        project: 'meshfleet-demo',
        location: 'us-west2-a',
        kind: 'gke',
        meshInstall: null,
      },
    ]);
  });

  test('the kube context is the one the runbook exports', () => {
    const model = loadExample(EXAMPLES.multiPrimary);
    for (const entry of entriesOf(model)) {
      const cluster = model.clusters.find((c) => c.name === entry.name)!;
      expect(contextExport(model.project.id, cluster)).toContain(`="${entry.kubeContext}"`);
    }
  });

  test('in-cluster meshes: the mesh-install folder', () => {
    const model = loadExample(EXAMPLES.multiPrimary);
    expect(entriesOf(model).map((e) => e.meshInstall)).toEqual(['k8s/cluster1/mesh-install', 'k8s/cluster2/mesh-install']);
  });

  test('external clusters: kind external, no context, project or location', () => {
    const model = loadExample(EXAMPLES.asmOnprem);
    expect(entriesOf(model)).toEqual([
      { name: 'cluster1', folder: 'k8s/cluster1', kubeContext: null, project: null, location: null, kind: 'external', meshInstall: 'k8s/cluster1/mesh-install' },
    ]);
  });

  test('a cluster with nothing to deploy is listed with its (empty) folder', () => {
    const input = exampleInput(EXAMPLES.privateAsm);
    delete input.multiClusterIngress;
    const model = modelOf(input);
    expect(entriesOf(model).map((e) => e.folder)).toContain('k8s/gke-ingress');
  });

  test('sorted by code point whatever the topology order', () => {
    const input = exampleInput(EXAMPLES.privateAsm);
    input.clusters.reverse();
    const model = modelOf(input);
    expect(entriesOf(model).map((e) => e.name)).toEqual(['gke-central-priv', 'gke-ingress', 'gke-west-priv']);
  });
});

describe('renderClustersFile', () => {
  test('one "clusters" key, two-space JSON, final newline; deterministic', () => {
    const model = loadExample(EXAMPLES.canary);
    const text = renderClustersFile(entriesOf(model));
    expect(CLUSTERS_FILE).toBe('clusters.json');
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual(['clusters']);
    expect(Object.keys(JSON.parse(text).clusters[0])).toEqual(['name', 'folder', 'kubeContext', 'project', 'location', 'kind', 'meshInstall']);
    expect(text).toContain('\n  "clusters": [\n    {\n      "name": ');
    expect(renderClustersFile(entriesOf(model))).toBe(text);
  });
});
