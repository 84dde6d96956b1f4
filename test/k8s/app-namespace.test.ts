import { AppNamespace, INJECTION_LABEL, REVISION_LABEL, injectionLabels } from '../../src/k8s/app-namespace';
import { validateObject } from './schema';
import { synthChart } from './helpers';

describe('injectionLabels', () => {
  test('fleet-managed mesh: istio-injection=enabled', () => {
    expect(injectionLabels({ management: 'fleet' })).toEqual({ 'istio-injection': 'enabled' });
  });

  test('fleet-managed mesh ignores a revision (managed meshes pick their own)', () => {
    expect(injectionLabels({ management: 'fleet', revision: 'asm-managed' })).toEqual({ 'istio-injection': 'enabled' });
  });

  test('in-cluster mesh with a revision: istio.io/rev=<revision>', () => {
    expect(injectionLabels({ management: 'in-cluster', revision: 'asm-186-8' })).toEqual({ 'istio.io/rev': 'asm-186-8' });
  });

  test('in-cluster mesh without a revision: istio-injection=enabled', () => {
    expect(injectionLabels({ management: 'in-cluster' })).toEqual({ 'istio-injection': 'enabled' });
  });

  test.each([
    { management: 'fleet' as const },
    { management: 'fleet' as const, revision: 'r' },
    { management: 'in-cluster' as const },
    { management: 'in-cluster' as const, revision: 'r' },
  ])('never both labels: %j', (mesh) => {
    const labels = injectionLabels(mesh);
    expect(Object.keys(labels)).toHaveLength(1);
    expect(INJECTION_LABEL in labels && REVISION_LABEL in labels).toBe(false);
  });
});

describe('AppNamespace', () => {
  test('a mesh namespace: name and the one injection label, nothing else (no spec)', () => {
    const [ns] = synthChart((c) => new AppNamespace(c, 'ns', { name: 'bank-of-anthos', mesh: { management: 'fleet' } }));
    expect(ns).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bank-of-anthos', labels: { 'istio-injection': 'enabled' } } });
    validateObject(ns);
  });

  test('a revisioned in-cluster mesh namespace', () => {
    const [ns] = synthChart((c) => new AppNamespace(c, 'ns', { name: 'apps', mesh: { management: 'in-cluster', revision: 'asm-186-8' } }));
    expect(ns.metadata.labels).toEqual({ 'istio.io/rev': 'asm-186-8' });
  });

  test('outside the mesh: no labels at all', () => {
    const [ns] = synthChart((c) => new AppNamespace(c, 'ns', { name: 'asm-ingress' }));
    expect(ns).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'asm-ingress' } });
    validateObject(ns);
  });
});
