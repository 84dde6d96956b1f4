/**
 * Placement decisions of the plan: which of a workload's objects each cluster gets
 * ({@link placementOf}), and the files and components of every cluster of the default example,
 * as a snapshot paired with the assertions of intent it must keep.
 */
import { buildPlan } from '../../src/plan/build-plan';
import { placementOf } from '../../src/plan/placement';
import { EXAMPLES, exampleInput, loadExample, modelOf } from '../k8s/helpers';

const asm = loadExample(EXAMPLES.privateAsm);
const cluster = (model: typeof asm, name: string) => model.clusters.find((c) => c.name === name)!;
const workload = (model: typeof asm, name: string) => model.apps.flatMap((a) => a.workloads).find((w) => w.name === name)!;

describe('placementOf', () => {
  test('a distributed service: pods and Service in every workload cluster, gateway VirtualService with the gateway', () => {
    for (const c of ['gke-west-priv', 'gke-central-priv']) {
      expect(placementOf(asm, cluster(asm, c), workload(asm, 'frontend'))).toEqual({ pods: true, service: 'plain', splitRouting: false, exposed: true });
    }
  });

  test('a workload pinned to one cluster: its Service still in the others', () => {
    expect(placementOf(asm, cluster(asm, 'gke-west-priv'), workload(asm, 'ledger-db'))).toEqual({ pods: true, service: 'plain', splitRouting: false, exposed: false });
    expect(placementOf(asm, cluster(asm, 'gke-central-priv'), workload(asm, 'ledger-db'))).toEqual({ pods: false, service: 'plain', splitRouting: false, exposed: false });
  });

  test('the config cluster gets nothing of the apps', () => {
    for (const w of asm.apps[0].workloads) {
      expect(placementOf(asm, cluster(asm, 'gke-ingress'), w)).toEqual({ pods: false, service: 'none', splitRouting: false, exposed: false });
    }
  });

  test('an exported workload: exported Services where it runs, nothing elsewhere', () => {
    const input = exampleInput(EXAMPLES.gateway);
    input.apps[0].workloads[0].clusters = ['gke-west-1'];
    input.gateways[0].routes[0].rules.splice(1, 1); // the route to store-east-1, which no longer exists
    const model = modelOf(input);
    const store = workload(model, 'store');
    expect(placementOf(model, cluster(model, 'gke-west-1'), store)).toEqual({ pods: true, service: 'exported', splitRouting: false, exposed: false });
    expect(placementOf(model, cluster(model, 'gke-east-1'), store)).toEqual({ pods: false, service: 'none', splitRouting: false, exposed: false });
  });

  test('a canary is routed wherever its Service is', () => {
    const model = loadExample(EXAMPLES.canary);
    expect(placementOf(model, model.clusters[0], model.apps[0].workloads[0])).toEqual({ pods: true, service: 'plain', splitRouting: true, exposed: false });
  });
});

describe('the plan of the default example (seed 000)', () => {
  const plan = buildPlan(asm);
  const files = (name: string) => plan.clusters.find((c) => c.name === name)!.files;
  const objects = (name: string, file: string) =>
    files(name)
      .find((f) => f.path === file)!
      .objects.map((o) => `${o.kind}/${o.name}`);

  test('the config cluster gets only the multi-cluster ingress and its namespace', () => {
    expect(files('gke-ingress').map((f) => f.path)).toEqual(['namespaces.yaml', 'multi-cluster-ingress.yaml']);
  });

  test('the stateful database runs in gke-west-priv only; its Service is in both workload clusters', () => {
    expect(objects('gke-west-priv', 'bank-of-anthos.yaml')).toContain('StatefulSet/ledger-db');
    expect(objects('gke-central-priv', 'bank-of-anthos.yaml')).not.toContain('StatefulSet/ledger-db');
    expect(objects('gke-central-priv', 'bank-of-anthos.yaml')).toContain('Service/ledger-db');
  });

  test('each object names the topology field behind it', () => {
    const gateway = files('gke-west-priv').find((f) => f.path === 'ingress-gateway.yaml')!;
    expect(new Set(gateway.objects.map((o) => o.source))).toEqual(new Set(['mesh.ingressGateway']));
    const frontend = files('gke-west-priv')
      .flatMap((f) => f.objects)
      .find((o) => o.kind === 'VirtualService' && o.name === 'frontend')!;
    expect(frontend.source).toMatch(/^apps\[0\]\.workloads\[\d+\]\.expose$/);
  });

  test('snapshot of files, components and objects per cluster', () => {
    const summary = plan.clusters.map((c) => ({
      cluster: c.name,
      folder: c.folder,
      files: c.files.map((f) => ({
        path: f.path,
        kustomized: f.kustomized,
        components: f.components.map((x) => `${x.component} ${x.id} <- ${x.source}`),
        objects: f.objects.map((o) => `${o.kind} ${o.namespace ?? '-'}/${o.name} <- ${o.source}`),
      })),
    }));
    expect(summary).toMatchSnapshot();
  });
});
