import { Workload } from '../../src/k8s/workload';
import { resolveWorkload } from '../../src/topology/resolve/defaults';
import { ResolvedWorkload } from '../../src/topology/model/types';
import { idsOf, synthChart } from './helpers';
import { validateObjects } from './schema';

const web: ResolvedWorkload = resolveWorkload(
  {
    name: 'web',
    kind: 'Deployment',
    image: 'example/web:1',
    port: 8080,
    servicePort: 80,
    portName: 'http',
    containerName: 'server',
    replicas: 3,
    env: { MODE: 'prod' },
    probe: { httpPath: '/healthz' },
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
    terminationGracePeriodSeconds: 10,
    clusters: ['a'],
    version: 'v1',
    export: false,
  },
  [],
);

describe('Workload', () => {
  const objects = synthChart((c) => new Workload(c, 'w', { namespace: 'shop', workload: web }));
  const [deployment, service] = objects;

  test('a Deployment and its Service, both named after the workload, in the app namespace', () => {
    expect(idsOf(objects)).toEqual(['Deployment/shop/web', 'Service/shop/web']);
    validateObjects(objects);
  });

  test('Deployment: labelled like its pods (app + version), selector app only, every workload setting', () => {
    expect(deployment).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web', version: 'v1' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web', version: 'v1' } },
          spec: {
            containers: [
              {
                name: 'server',
                image: 'example/web:1',
                ports: [{ containerPort: 8080 }],
                env: [{ name: 'MODE', value: 'prod' }],
                livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
                readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
                resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
              },
            ],
            terminationGracePeriodSeconds: 10,
          },
        },
      },
    });
  });

  test('Service: labelled and selecting app (stable and canary pods alike), named port servicePort → port', () => {
    expect(service).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    });
  });

  test('a StatefulSet gets serviceName', () => {
    const [sts] = synthChart((c) => new Workload(c, 'w', { namespace: 'db', workload: { ...web, kind: 'StatefulSet', name: 'ledger-db' } }));
    expect(sts.kind).toBe('StatefulSet');
    expect(sts.spec.serviceName).toBe('ledger-db');
    expect(sts.spec.selector).toEqual({ matchLabels: { app: 'ledger-db' } });
    validateObjects([sts]);
  });

  test("a StatefulSet with claim templates, pod management policy and update strategy, in Kubernetes' shape", () => {
    const db = resolveWorkload(
      {
        name: 'accounts-db',
        kind: 'StatefulSet',
        image: 'docker.io/library/postgres:16.4',
        port: 5432,
        volumeMounts: [{ name: 'postgresdb', mountPath: '/var/lib/postgresql/data' }],
        volumeClaimTemplates: [
          { metadata: { name: 'postgresdb' }, spec: { storageClassName: 'standard-rwo', resources: { requests: { storage: '1Gi' } } } },
          { metadata: { name: 'wal' }, spec: { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '512Mi' } } } },
        ],
        podManagementPolicy: 'Parallel',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } },
        persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' },
      },
      ['a'],
    );
    const objects = synthChart((c) => new Workload(c, 'w', { namespace: 'bank', workload: db }));
    expect(idsOf(objects)).toEqual(['StatefulSet/bank/accounts-db', 'Service/bank/accounts-db']);
    const [sts, service] = objects;
    expect(sts.spec.serviceName).toBe('accounts-db');
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 1 } });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenScaled: 'Delete' });
    // apiVersion and kind as the API server stores them (Argo CD's server-side diff compares them).
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' };
    expect(sts.spec.volumeClaimTemplates).toEqual([
      { ...claim, metadata: { name: 'postgresdb' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard-rwo', resources: { requests: { storage: '1Gi' } } } },
      { ...claim, metadata: { name: 'wal' }, spec: { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '512Mi' } } } },
    ]);
    expect(sts.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'postgresdb', mountPath: '/var/lib/postgresql/data' }]);
    // The Service stays a ClusterIP one (no clusterIP: None), as Bank of Anthos writes it.
    expect(service.spec).not.toHaveProperty('clusterIP');
    validateObjects(objects);
  });

  test('a Deployment has none of the StatefulSet fields', () => {
    const [d] = synthChart((c) => new Workload(c, 'w', { namespace: 'shop', workload: web }));
    for (const key of ['serviceName', 'volumeClaimTemplates', 'podManagementPolicy', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy'])
      expect(d.spec).not.toHaveProperty(key);
  });

  test('pods: false leaves only the Service (a cluster that does not run the workload)', () => {
    expect(idsOf(synthChart((c) => new Workload(c, 'w', { namespace: 'shop', workload: web, pods: false })))).toEqual(['Service/shop/web']);
  });

  test('service: false leaves only the Deployment (exported Services instead)', () => {
    expect(idsOf(synthChart((c) => new Workload(c, 'w', { namespace: 'shop', workload: web, service: false })))).toEqual(['Deployment/shop/web']);
  });

  test('no version: pods labelled app only; one replica: no replicas field', () => {
    const [d] = synthChart((c) => new Workload(c, 'w', { namespace: 'shop', workload: { ...web, version: undefined, replicas: 1 } }));
    expect(d.spec.template.metadata.labels).toEqual({ app: 'web' });
    expect(d.spec).not.toHaveProperty('replicas');
  });
});

describe('Services of complete upstream apps', () => {
  test('no port: the Deployment only, no Service (a load generator)', () => {
    const load = resolveWorkload({ name: 'loadgenerator', image: 'example/load:1', env: { FRONTEND_ADDR: 'frontend:80' } }, ['a']);
    const objects = synthChart((c) => new Workload(c, 'w', { namespace: 'shop', workload: load }));
    expect(idsOf(objects)).toEqual(['Deployment/shop/loadgenerator']);
    validateObjects(objects);
  });

  test('type, extra ports and extra Services with the same selector and ports', () => {
    const api = resolveWorkload(
      {
        name: 'frontend',
        image: 'example/web:1',
        port: 8080,
        servicePort: 80,
        serviceType: 'LoadBalancer',
        extraPorts: [{ name: 'grpc-admin', port: 9000 }],
        extraServices: [{ name: 'frontend-external' }],
      },
      ['a'],
    );
    const objects = synthChart((c) => new Workload(c, 'w', { namespace: 'shop', workload: api }));
    expect(idsOf(objects)).toEqual(['Deployment/shop/frontend', 'Service/shop/frontend', 'Service/shop/frontend-external']);
    const ports = [
      { name: 'http', port: 80, targetPort: 8080 },
      { name: 'grpc-admin', port: 9000, targetPort: 9000 },
    ];
    expect(objects[1].spec).toEqual({ type: 'LoadBalancer', selector: { app: 'frontend' }, ports });
    expect(objects[2].spec).toEqual({ selector: { app: 'frontend' }, ports });
    expect(objects[0].spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080 }, { containerPort: 9000, name: 'grpc-admin' }]);
    validateObjects(objects);
  });
});
