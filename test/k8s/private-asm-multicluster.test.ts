/**
 * Seed 000 (private GKE clusters, managed ASM, multi-cluster ingress): every field of every
 * Kubernetes object the seed writes, from examples/private-asm-multicluster.yaml.
 *
 * Differences from the seed text, deliberate and asserted here:
 * - Istio objects are `networking.istio.io/v1` (the model picks the version the fleet-managed
 *   mesh serves) where the seed writes `v1alpha3`; same spec.
 * - Objects the seed applies with `kubectl -n <ns>` carry `metadata.namespace`.
 * - Namespaces are objects (the seed runs `kubectl create namespace` + `kubectl label`).
 * - Hardening (issue 10 point 4): the ingress gateway runs as its own ServiceAccount with
 *   upstream's gateway-chart security contexts and resources (see `hardenedAsmIngress`), and
 *   mesh-security.yaml holds the mesh-wide STRICT PeerAuthentication.
 */
import { EXAMPLES, clusterObjects, findObject, idsOf, inNamespace, loadExample, manifestsOf, withApiVersion } from './helpers';
import { validateObjects } from './schema';
import { SEED_000, hardenedAsmIngress, parseManifests } from './seed-manifests';

const model = loadExample(EXAMPLES.privateAsm);
const manifests = manifestsOf(model);
const WORKLOAD_CLUSTERS = ['gke-west-priv', 'gke-central-priv'];
const DISTRIBUTED = ['frontend', 'userservice', 'contacts', 'balancereader', 'ledgerwriter', 'transactionhistory'];
const DATABASES = ['accounts-db', 'ledger-db'];

test('one folder per cluster, files in kustomization order', () => {
  expect([...manifests.keys()]).toEqual(['gke-west-priv', 'gke-central-priv', 'gke-ingress']);
  for (const c of WORKLOAD_CLUSTERS) {
    expect([...manifests.get(c)!.keys()]).toEqual(['namespaces.yaml', 'mesh-security.yaml', 'ingress-gateway.yaml', 'bank-of-anthos.yaml']);
  }
  expect([...manifests.get('gke-ingress')!.keys()]).toEqual(['namespaces.yaml', 'multi-cluster-ingress.yaml']);
});

test('mesh-security.yaml: the mesh-wide PeerAuthentication default, STRICT, in istio-system (security.istio.io/v1 on the fleet-managed mesh)', () => {
  for (const c of WORKLOAD_CLUSTERS) {
    expect(manifests.get(c)!.get('mesh-security.yaml')).toEqual([
      { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } },
    ]);
  }
});

test('every object of every cluster conforms to its schema', () => {
  for (const c of manifests.keys()) validateObjects(clusterObjects(model, c));
});

describe.each(WORKLOAD_CLUSTERS)('workload cluster %s', (cluster) => {
  const files = manifests.get(cluster)!;

  test('asm-ingress and bank-of-anthos namespaces labelled istio-injection=enabled (and nothing else)', () => {
    expect(files.get('namespaces.yaml')).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'asm-ingress', labels: { 'istio-injection': 'enabled' } } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bank-of-anthos', labels: { 'istio-injection': 'enabled' } } },
    ]);
  });

  test("ingress-gateway.yaml: asm-ingress.yaml's Service, Deployment, Role, RoleBinding hardened (own ServiceAccount), then the shared Gateway", () => {
    const [gateway] = parseManifests(SEED_000.asmVsGateway);
    expect(files.get('ingress-gateway.yaml')).toEqual([...hardenedAsmIngress(true), withApiVersion(gateway, 'networking.istio.io/v1')]);
  });

  test('the frontend VirtualService of asm-vs-gateway.yaml, in bank-of-anthos', () => {
    const [, vs] = parseManifests(SEED_000.asmVsGateway);
    expect(findObject(files.get('bank-of-anthos.yaml')!, 'VirtualService', 'frontend', 'bank-of-anthos')).toEqual(withApiVersion(vs, 'networking.istio.io/v1'));
  });

  test('distributed services: a Deployment and a Service each', () => {
    const objects = files.get('bank-of-anthos.yaml')!;
    for (const name of DISTRIBUTED) {
      expect(findObject(objects, 'Deployment', name, 'bank-of-anthos').spec.template.metadata.labels).toEqual({ app: name });
      expect(findObject(objects, 'Service', name, 'bank-of-anthos').spec.selector).toEqual({ app: name });
    }
  });

  test('the databases: Services in both clusters so the names resolve everywhere', () => {
    const objects = files.get('bank-of-anthos.yaml')!;
    for (const name of DATABASES) {
      expect(findObject(objects, 'Service', name, 'bank-of-anthos').spec.ports).toEqual([{ name: 'tcp-postgresql', port: 5432, targetPort: 5432 }]);
    }
  });

  test('the frontend Service listens on 80 (the VirtualService destination port) and forwards to 8080', () => {
    expect(findObject(files.get('bank-of-anthos.yaml')!, 'Service', 'frontend').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
  });
});

test('the database StatefulSets run in gke-west-priv only (the seed deletes them from cluster 2)', () => {
  const west = manifests.get('gke-west-priv')!.get('bank-of-anthos.yaml')!;
  const central = manifests.get('gke-central-priv')!.get('bank-of-anthos.yaml')!;
  for (const name of DATABASES) {
    expect(findObject(west, 'StatefulSet', name, 'bank-of-anthos').spec.serviceName).toBe(name);
    expect(central.some((o) => o.kind === 'StatefulSet' && o.metadata.name === name)).toBe(false);
  }
  expect(central.filter((o) => o.kind === 'StatefulSet')).toEqual([]);
});

describe('config cluster gke-ingress', () => {
  const files = manifests.get('gke-ingress')!;

  test('asm-ingress namespace without an injection label (not a mesh member)', () => {
    expect(files.get('namespaces.yaml')).toEqual([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'asm-ingress' } }]);
  });

  test('mci.yaml, mcs.yaml, backendconfig.yaml field for field, in asm-ingress', () => {
    expect(files.get('multi-cluster-ingress.yaml')).toEqual([
      inNamespace(parseManifests(SEED_000.mci)[0], 'asm-ingress'),
      inNamespace(parseManifests(SEED_000.mcs)[0], 'asm-ingress'),
      inNamespace(parseManifests(SEED_000.backendConfig)[0], 'asm-ingress'),
    ]);
  });

  test('no mesh objects and no app objects', () => {
    expect(idsOf(clusterObjects(model, 'gke-ingress'))).toEqual([
      'Namespace//asm-ingress',
      'MultiClusterIngress/asm-ingress/asm-ingressgateway-multicluster-ingress',
      'MultiClusterService/asm-ingress/asm-ingressgateway-multicluster-svc',
      'BackendConfig/asm-ingress/gke-ingress-config',
    ]);
  });
});
