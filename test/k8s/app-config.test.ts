import { AppConfig } from '../../src/k8s/app-config';
import { idsOf, synthChart } from './helpers';
import { validateObjects } from './schema';

describe('AppConfig', () => {
  const objects = synthChart(
    (c) =>
      new AppConfig(c, 'cfg', {
        namespace: 'bank',
        configMaps: [
          { name: 'environment-config', data: { LOCAL_ROUTING_NUM: '883745000' }, external: false },
          { name: 'platform', data: {}, external: true },
          { name: 'empty', data: {}, external: false },
        ],
        serviceAccounts: ['bank-of-anthos'],
      }),
  );

  test('ConfigMaps (not the external ones), then ServiceAccounts, in the app namespace', () => {
    expect(idsOf(objects)).toEqual(['ConfigMap/bank/environment-config', 'ConfigMap/bank/empty', 'ServiceAccount/bank/bank-of-anthos']);
    expect(objects[0].data).toEqual({ LOCAL_ROUTING_NUM: '883745000' });
    expect(objects[1]).not.toHaveProperty('data');
    expect(objects[2]).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bank-of-anthos', namespace: 'bank' } });
  });

  test('schema', () => validateObjects(objects));
});
