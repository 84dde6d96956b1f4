import { VmWorkload, VmWorkloadProps } from '../../src/k8s/vm-workload';
import { idsOf, synthChart } from './helpers';
import { validateObjects } from './schema';

const props: VmWorkloadProps = {
  name: 'reviews-vm',
  namespace: 'sample',
  labels: { app: 'reviews', version: 'v3' },
  serviceAccount: 'reviews',
  ports: [{ name: 'http', port: 9080 }],
  probe: { port: 9080, httpPath: '/health' },
  istioApiVersion: 'v1',
};

describe('VmWorkload', () => {
  const objects = synthChart((c) => new VmWorkload(c, 'vm', props));
  const [sa, wg] = objects;

  test('a ServiceAccount, then the WorkloadGroup, in the app namespace', () => {
    expect(idsOf(objects)).toEqual(['ServiceAccount/sample/reviews', 'WorkloadGroup/sample/reviews-vm']);
    expect(sa).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reviews', namespace: 'sample' } });
  });

  test('WorkloadGroup: labels in spec.metadata, serviceAccount and named ports in the template, HTTP probe', () => {
    expect(wg.apiVersion).toBe('networking.istio.io/v1');
    expect(wg.spec).toEqual({
      metadata: { labels: { app: 'reviews', version: 'v3' } },
      template: { serviceAccount: 'reviews', ports: { http: 9080 } },
      probe: { httpGet: { path: '/health', port: 9080 } },
    });
  });

  test('conforms to the schemas', () => {
    validateObjects(objects);
  });

  test('a TCP probe without a path, the VM network, several ports, no probe', () => {
    const [, tcp] = synthChart(
      (c) =>
        new VmWorkload(c, 'vm', {
          ...props,
          probe: { port: 3306 },
          network: 'vm-network',
          ports: [
            { name: 'tcp-mysql', port: 3306 },
            { name: 'http-admin', port: 8080 },
          ],
        }),
    );
    expect(tcp.spec.probe).toEqual({ tcpSocket: { port: 3306 } });
    expect(tcp.spec.template).toEqual({ serviceAccount: 'reviews', ports: { 'tcp-mysql': 3306, 'http-admin': 8080 }, network: 'vm-network' });
    validateObjects([tcp]);
    const [, none] = synthChart((c) => new VmWorkload(c, 'vm', { ...props, probe: undefined }));
    expect(none.spec.probe).toBeUndefined();
  });

  test('createServiceAccount false: the WorkloadGroup only', () => {
    expect(idsOf(synthChart((c) => new VmWorkload(c, 'vm', { ...props, createServiceAccount: false })))).toEqual(['WorkloadGroup/sample/reviews-vm']);
  });

  test('meshes before v1 (e.g. ASM 1.8): networking.istio.io/v1alpha3, the version Istio 1.8 served, same spec', () => {
    const [, old] = synthChart((c) => new VmWorkload(c, 'vm', { ...props, istioApiVersion: 'v1beta1' }));
    expect(old.apiVersion).toBe('networking.istio.io/v1alpha3');
    expect(old.spec).toEqual(wg.spec);
    validateObjects([old]);
  });
});
