/**
 * Issue 18: objects as upstream writes them. An explicit port name survives on every Service of
 * a workload (exported ones included), and Deployments and Services carry `app: <name>` (plus
 * `version` on a versioned Deployment) in metadata.labels, as Online Boutique's
 * kubernetes-manifests and Istio's bookinfo do, while selectors stay what they were.
 */
import { EXAMPLES, exampleInput, findObject, manifestsOf, modelOf } from './helpers';
import { validateObjects } from './schema';

/** The objects of `file` in `cluster` of a topology input. */
function fileObjects(input: unknown, cluster: string, file: string): any[] {
  return manifestsOf(modelOf(input)).get(cluster)!.get(file)!;
}

describe('an explicit portName on an exported workload', () => {
  test.each(['http', 'grpc'])('portName: %s names the port of both exported Services (store and store-west-1)', (portName) => {
    const input = exampleInput(EXAMPLES.gateway);
    input.apps[0].workloads[0].portName = portName;
    const objects = fileObjects(input, 'gke-west-1', 'store.yaml');
    for (const name of ['store', 'store-west-1']) {
      expect(findObject(objects, 'Service', name).spec.ports).toEqual([{ name: portName, port: 8080, targetPort: 8080 }]);
    }
    validateObjects(objects);
  });

  test('the default port name is written too: the exported Services name their port like the plain one', () => {
    const input = exampleInput(EXAMPLES.gateway);
    expect(input.apps[0].workloads[0].portName).toBeUndefined();
    const objects = fileObjects(input, 'gke-west-1', 'store.yaml');
    expect(findObject(objects, 'Service', 'store').spec.ports[0].name).toBe('http');
  });
});

describe("Online Boutique's labels (kubernetes-manifests v0.10: metadata.labels app: <name>)", () => {
  const objects = fileObjects(exampleInput(EXAMPLES.canary), 'gke-boutique', 'onlineboutique.yaml');

  test('emailservice: Deployment and Service labelled app: emailservice; selectors unchanged', () => {
    const deployment = findObject(objects, 'Deployment', 'emailservice');
    const service = findObject(objects, 'Service', 'emailservice');
    expect(deployment.metadata.labels).toMatchObject({ app: 'emailservice' });
    expect(deployment.metadata.labels).not.toHaveProperty('version');
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'emailservice' } });
    expect(service.metadata.labels).toMatchObject({ app: 'emailservice' });
    expect(service.spec.selector).toEqual({ app: 'emailservice' });
  });

  test('every Deployment and Service is labelled with the app it runs or selects; extra Services too', () => {
    for (const o of objects.filter((x) => x.kind === 'Deployment')) {
      expect(o.metadata.labels).toMatchObject(o.spec.template.metadata.labels);
      expect(o.spec.selector.matchLabels).toEqual({ app: o.spec.template.metadata.labels.app });
    }
    for (const o of objects.filter((x) => x.kind === 'Service')) expect(o.metadata.labels).toMatchObject(o.spec.selector);
    expect(findObject(objects, 'Service', 'frontend-external').metadata.labels).toMatchObject({ app: 'frontend' });
  });

  test('the canary: the stable Deployment labelled version v1, the v2 Deployment version v2', () => {
    expect(findObject(objects, 'Deployment', 'productcatalogservice').metadata.labels).toMatchObject({ app: 'productcatalogservice', version: 'v1' });
    expect(findObject(objects, 'Deployment', 'productcatalogservice-v2').metadata.labels).toMatchObject({ app: 'productcatalogservice', version: 'v2' });
  });
});

describe('bookinfo-style selectors that include the version keep them, and gain the same metadata labels', () => {
  test('selectorIncludesVersion: selector app + version, labels app + version', () => {
    const input = exampleInput(EXAMPLES.canary);
    const w = input.apps[0].workloads.find((x: any) => x.name === 'productcatalogservice');
    w.selectorIncludesVersion = true;
    const objects = fileObjects(input, 'gke-boutique', 'onlineboutique.yaml');
    const v2 = findObject(objects, 'Deployment', 'productcatalogservice-v2');
    expect(v2.spec.selector).toEqual({ matchLabels: { app: 'productcatalogservice', version: 'v2' } });
    expect(v2.metadata.labels).toMatchObject({ app: 'productcatalogservice', version: 'v2' });
  });
});
