import { INJECTION_LABEL, REVISION_LABEL } from '../../src/k8s/app-namespace';
import { IstioSystemNamespace } from '../../src/k8s/istio-system-namespace';
import { synthChart } from './helpers';
import { validateObjects } from './schema';

describe('IstioSystemNamespace', () => {
  test('a primary: istio-system labelled with its network (seed 001), no annotation, no spec', () => {
    const objects = synthChart((c) => new IstioSystemNamespace(c, 'ns', { network: 'cluster1' }));
    expect(objects).toEqual([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system', labels: { 'topology.istio.io/network': 'cluster1' } } }]);
    validateObjects(objects);
  });

  test('a remote: also annotated topology.istio.io/controlPlaneClusters=<primary> (upstream primary-remote)', () => {
    const objects = synthChart((c) => new IstioSystemNamespace(c, 'ns', { network: 'network1', controlPlaneClusters: 'cluster1' }));
    expect(objects[0].metadata).toEqual({
      name: 'istio-system',
      labels: { 'topology.istio.io/network': 'network1' },
      annotations: { 'topology.istio.io/controlPlaneClusters': 'cluster1' },
    });
    validateObjects(objects);
  });

  test('never an injection label', () => {
    const [ns] = synthChart((c) => new IstioSystemNamespace(c, 'ns', { network: 'n', controlPlaneClusters: 'p' }));
    expect(Object.keys(ns.metadata.labels)).not.toContain(INJECTION_LABEL);
    expect(Object.keys(ns.metadata.labels)).not.toContain(REVISION_LABEL);
  });
});
