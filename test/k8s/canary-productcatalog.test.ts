/**
 * Seed 002 (canary release of productcatalogservice), from examples/canary-productcatalog.yaml,
 * at every step of the seed: 0 (v1 only) → 25 (75/25) → 100 (v2 only) → 0 (rollback).
 *
 * Differences from the seed text, deliberate and asserted here:
 * - With the example's fleet-managed mesh the Istio objects are `networking.istio.io/v1`; the
 *   seed writes `v1beta1`, which is what an older in-cluster mesh gets (tested below, where
 *   the objects equal the seed's including the apiVersion).
 * - Objects carry `metadata.namespace` (the seed applies them with `-n onlineboutique`).
 * - Deployments carry microservices-demo's pod security context (set in the example) and the
 *   container security context meshfleet fills in (issue 10 point 4); mesh-security.yaml holds
 *   the mesh-wide STRICT PeerAuthentication.
 */
import { ResolvedTopology } from '../../src/topology/model/types';
import { EXAMPLES, clusterObjects, exampleInput, findObject, idsOf, inNamespace, manifestsOf, modelOf, withApiVersion } from './helpers';
import { validateObjects } from './schema';
import { FILLED_CONTAINER_CONTEXT, SEED_002, hardenedBoutiqueDeployment, parseManifests } from './seed-manifests';

const NS = 'onlineboutique';
const NAME = 'productcatalogservice';

function atWeight(weight: number, mesh?: unknown): ResolvedTopology {
  const input = exampleInput(EXAMPLES.canary);
  input.apps[0].workloads[0].canary.weight = weight;
  // Another mesh keeps the example's ingress gateway (the frontend is exposed on it).
  if (mesh !== undefined) input.mesh = { ...(mesh as object), ingressGateway: input.mesh.ingressGateway };
  // ASM 1.8 supports Kubernetes 1.16 to 1.19 only, which no GKE cluster runs: an existing cluster of that age.
  if (mesh !== undefined && (mesh as { version?: string }).version?.startsWith('1.8.') === true) {
    input.clusters = [{ name: input.clusters[0].name, platform: 'external', kubernetesVersion: '1.18' }];
  }
  return modelOf(input);
}

/** A seed object as emitted: in the namespace, in the mesh's API version. */
function expected(yaml: string, apiVersion = 'networking.istio.io/v1'): any {
  return withApiVersion(inNamespace(parseManifests(yaml)[0], NS), apiVersion);
}

function objectsAt(model: ResolvedTopology): any[] {
  return clusterObjects(model, 'gke-boutique');
}

describe('as written (weight 0)', () => {
  const model = atWeight(0);
  const objects = objectsAt(model);

  test('one cluster, namespaces, the ingress gateway, then the app file', () => {
    expect([...manifestsOf(model).get('gke-boutique')!.keys()]).toEqual(['namespaces.yaml', 'mesh-security.yaml', 'ingress-gateway.yaml', 'onlineboutique.yaml']);
  });

  test('objects: namespaces, stable Deployment + Service, canary Deployment, DestinationRule, VirtualService (the rest of Online Boutique beside them)', () => {
    expect(idsOf(objects).filter((id) => id.startsWith('Namespace/'))).toEqual(['Namespace//asm-ingress', 'Namespace//onlineboutique']);
    expect(idsOf(objects).filter((id) => id.endsWith(`/${NAME}`) || id.endsWith(`/${NAME}-v2`))).toEqual([
      `Deployment/${NS}/${NAME}`,
      `Service/${NS}/${NAME}`,
      `Deployment/${NS}/${NAME}-v2`,
      `DestinationRule/${NS}/${NAME}`,
      `VirtualService/${NS}/${NAME}`,
    ]);
    validateObjects(objects);
  });

  test('onlineboutique is labelled for injection (fleet-managed mesh)', () => {
    expect(findObject(objects, 'Namespace', NS).metadata.labels).toEqual({ 'istio-injection': 'enabled' });
  });

  test("the stable pods carry version: v1 (the seed's kubectl patch) and the Deployment selects app only", () => {
    const stable = findObject(objects, 'Deployment', NAME);
    expect(stable.spec.template.metadata.labels).toEqual({ app: NAME, version: 'v1' });
    expect(stable.spec.selector).toEqual({ matchLabels: { app: NAME } });
  });

  test('the stable container is the v2 one without EXTRA_LATENCY', () => {
    const stable = findObject(objects, 'Deployment', NAME);
    const [seedV2] = parseManifests(SEED_002.productcatalogV2);
    const seedContainer = seedV2.spec.template.spec.containers[0];
    expect(stable.spec.template.spec.containers).toEqual([{ ...seedContainer, env: [{ name: 'PORT', value: '3550' }], securityContext: FILLED_CONTAINER_CONTEXT }]);
    expect(stable.spec.template.spec.terminationGracePeriodSeconds).toBe(5);
  });

  test('productcatalog-v2.yaml field for field', () => {
    expect(findObject(objects, 'Deployment', `${NAME}-v2`)).toEqual(hardenedBoutiqueDeployment(inNamespace(parseManifests(SEED_002.productcatalogV2)[0], NS)));
  });

  test('destination-vs-v1.yaml: DestinationRule with subset v1, VirtualService to v1 only', () => {
    const [dr, vs] = parseManifests(SEED_002.destinationVsV1);
    expect(findObject(objects, 'DestinationRule', NAME)).toEqual(withApiVersion(inNamespace(dr, NS), 'networking.istio.io/v1'));
    expect(findObject(objects, 'VirtualService', NAME)).toEqual(withApiVersion(inNamespace(vs, NS), 'networking.istio.io/v1'));
  });

  test('the Service fronts both versions on the grpc port', () => {
    expect(findObject(objects, 'Service', NAME).spec).toEqual({ selector: { app: NAME }, ports: [{ name: 'grpc', port: 3550, targetPort: 3550 }] });
  });
});

describe('canary steps', () => {
  test('25: destination-v1-v2.yaml and vs-split-traffic.yaml (75/25)', () => {
    const objects = objectsAt(atWeight(25));
    expect(findObject(objects, 'DestinationRule', NAME)).toEqual(expected(SEED_002.destinationV1V2));
    expect(findObject(objects, 'VirtualService', NAME)).toEqual(expected(SEED_002.vsSplitTraffic));
    validateObjects(objects);
  });

  test('100 (promoted): vs-v2.yaml, both subsets kept', () => {
    const objects = objectsAt(atWeight(100));
    expect(findObject(objects, 'DestinationRule', NAME)).toEqual(expected(SEED_002.destinationV1V2));
    expect(findObject(objects, 'VirtualService', NAME)).toEqual(expected(SEED_002.vsV2));
    validateObjects(objects);
  });

  test('back to 0 (rollback): vs-v1.yaml', () => {
    const objects = objectsAt(atWeight(0));
    expect(findObject(objects, 'VirtualService', NAME)).toEqual(expected(SEED_002.vsV1));
  });

  test.each([0, 25, 100])('%i: the v2 Deployment is the same at every step', (w) => {
    expect(findObject(objectsAt(atWeight(w)), 'Deployment', `${NAME}-v2`)).toEqual(hardenedBoutiqueDeployment(inNamespace(parseManifests(SEED_002.productcatalogV2)[0], NS)));
  });

  test.each([
    [10, 90],
    [50, 50],
    [99, 1],
  ])('%i: stable %i', (w, stable) => {
    const vs = findObject(objectsAt(atWeight(w)), 'VirtualService', NAME);
    expect(vs.spec.http[0].route.map((r: any) => [r.destination.subset, r.weight])).toEqual([
      ['v1', stable],
      ['v2', w],
    ]);
  });
});

describe('an in-cluster ASM 1.8 mesh with a revision (networking.istio.io/v1beta1)', () => {
  const mesh = { management: 'in-cluster', revision: 'asm-186-8', version: '1.8.6' };

  test.each([
    [0, SEED_002.destinationVsV1, SEED_002.vsV1],
    [25, SEED_002.destinationV1V2, SEED_002.vsSplitTraffic],
    [100, SEED_002.destinationV1V2, SEED_002.vsV2],
  ])('weight %i: the seed objects including their apiVersion', (w, drYaml, vsYaml) => {
    const objects = objectsAt(atWeight(w, mesh));
    expect(findObject(objects, 'DestinationRule', NAME)).toEqual(inNamespace(parseManifests(drYaml)[0], NS));
    expect(findObject(objects, 'VirtualService', NAME)).toEqual(inNamespace(parseManifests(vsYaml)[0], NS));
    validateObjects(objects);
  });

  test('the namespace gets istio.io/rev only', () => {
    expect(findObject(objectsAt(atWeight(0, mesh)), 'Namespace', NS).metadata.labels).toEqual({ 'istio.io/rev': 'asm-186-8' });
  });
});
