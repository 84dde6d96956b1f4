/**
 * App namespaces (issue 10 point 2): not a system namespace, and not one whose `<namespace>.yaml`
 * would take a file name that meshfleet writes into every cluster folder.
 */
import { validateTopology } from '../../src/load/load';
import { FIXED_CLUSTER_FILES } from '../../src/output/paths';
import { CHART_FILES, KUSTOMIZATION_FILE } from '../../src/output/paths';
import { Draft, expectOnlyProblem } from './support';

function withNamespace(namespace: string): Draft {
  return {
    name: 'namespaces',
    project: { id: 'meshfleet-test' },
    clusters: [{ name: 'gke-west', zone: 'us-west1-a', private: false, authorizedNetworks: false }],
    apps: [{ namespace, workloads: [{ name: 'web', image: 'nginx:1.27', port: 80 }] }],
  };
}

test('the reserved file names are the ones the chart code writes (one constant)', () => {
  expect(FIXED_CLUSTER_FILES).toEqual([...Object.values(CHART_FILES), KUSTOMIZATION_FILE]);
});

test.each(['kube-system', 'kube-public', 'kube-node-lease', 'istio-system'])('%s is a system namespace', (namespace) => {
  expectOnlyProblem(
    withNamespace(namespace),
    'apps[0].namespace',
    `a system namespace cannot hold an app (found "${namespace}", expected a namespace of the app's own (not kube-system, kube-public, kube-node-lease, istio-system))`,
  );
});

test.each(FIXED_CLUSTER_FILES.filter((f) => f !== 'istio-system.yaml').map((f) => f.replace(/\.yaml$/, '')))('%s would replace a fixed file', (namespace) => {
  const reserved = FIXED_CLUSTER_FILES.map((f) => f.replace(/\.yaml$/, '')).join(', ');
  expectOnlyProblem(
    withNamespace(namespace),
    'apps[0].namespace',
    `the app's file ${namespace}.yaml would replace a file meshfleet writes in every cluster folder (found "${namespace}", expected a namespace other than ${reserved})`,
  );
});

test.each(['default', 'shop', 'mesh-install'])('%s is an app namespace', (namespace) => {
  expect(validateTopology(withNamespace(namespace), 'test').apps[0].namespace).toBe(namespace);
});
