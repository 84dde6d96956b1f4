import { containerOf, podLabels, podTemplateOf, replicasOf, selectorLabels } from '../../src/k8s/pod-template';
import { resolveWorkload } from '../../src/topology/defaults';
import { ResolvedWorkload } from '../../src/topology/types';

const base: ResolvedWorkload = resolveWorkload({
  name: 'web',
  kind: 'Deployment',
  image: 'example/web:1',
  port: 8080,
  servicePort: 80,
  portName: 'http',
  containerName: 'web',
  replicas: 1,
  env: {},
  clusters: ['a'],
  export: false,
}, []);

describe('labels', () => {
  test('selector: app only; pods: app plus version when set', () => {
    expect(selectorLabels('web')).toEqual({ app: 'web' });
    expect(podLabels('web', undefined)).toEqual({ app: 'web' });
    expect(podLabels('web', 'v1')).toEqual({ app: 'web', version: 'v1' });
  });
});

describe('containerOf', () => {
  test('a bare workload: name, image, containerPort and nothing else', () => {
    expect(containerOf(base)).toEqual({ name: 'web', image: 'example/web:1', ports: [{ containerPort: 8080 }] });
  });

  test('env in topology order, as name/value pairs', () => {
    const c = containerOf({ ...base, env: { B: '2', A: '1' } });
    expect(c.env).toEqual([
      { name: 'B', value: '2' },
      { name: 'A', value: '1' },
    ]);
  });

  test('overrides: image, env added after and replaced in place', () => {
    const c = containerOf({ ...base, env: { PORT: '8080', MODE: 'a' } }, { image: 'example/web:2', env: { EXTRA: 'x', MODE: 'b' } });
    expect(c.image).toBe('example/web:2');
    expect(c.env).toEqual([
      { name: 'PORT', value: '8080' },
      { name: 'MODE', value: 'b' },
      { name: 'EXTRA', value: 'x' },
    ]);
  });

  test('exec probe: the same exec liveness and readiness probe', () => {
    const c = containerOf({ ...base, readinessProbe: { exec: ['/bin/check', '-x'] }, livenessProbe: { exec: ['/bin/check', '-x'] } });
    expect(c.livenessProbe).toEqual({ exec: { command: ['/bin/check', '-x'] } });
    expect(c.readinessProbe).toEqual(c.livenessProbe);
  });

  test('httpPath probe: httpGet on the container port', () => {
    const c = containerOf({ ...base, readinessProbe: { httpPath: '/ready' }, livenessProbe: { httpPath: '/ready' } });
    expect(c.livenessProbe?.httpGet?.path).toBe('/ready');
    expect(c.livenessProbe?.httpGet?.port.value).toBe(8080);
    expect(c.readinessProbe).toEqual(c.livenessProbe);
  });

  test('resources: only the given limits and requests', () => {
    const c = containerOf({ ...base, resources: { requests: { cpu: '100m' } } });
    expect(Object.keys(c.resources ?? {})).toEqual(['requests']);
    expect(Object.keys(c.resources?.requests ?? {})).toEqual(['cpu']);
  });
});

describe('podTemplateOf', () => {
  test('labels and grace period', () => {
    const t = podTemplateOf({ ...base, version: 'v1', terminationGracePeriodSeconds: 5 });
    expect(t.metadata).toEqual({ labels: { app: 'web', version: 'v1' } });
    expect(t.spec?.terminationGracePeriodSeconds).toBe(5);
  });

  test('a version override relabels the pods', () => {
    expect(podTemplateOf({ ...base, version: 'v1' }, { version: 'v2' }).metadata?.labels).toEqual({ app: 'web', version: 'v2' });
  });

  test('no grace period unless set', () => {
    expect(podTemplateOf(base).spec).not.toHaveProperty('terminationGracePeriodSeconds');
  });
});

describe('replicasOf', () => {
  test('1 (the Kubernetes default, as the seeds) is left out; anything else is written', () => {
    expect(replicasOf(base)).toEqual({});
    expect(replicasOf({ ...base, replicas: 2 })).toEqual({ replicas: 2 });
    expect(replicasOf({ ...base, replicas: 0 })).toEqual({ replicas: 0 });
  });
});
