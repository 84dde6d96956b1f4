import { containerOf, podLabels, podTemplateOf, replicasOf, selectorLabels } from '../../src/k8s/pod-template';
import { resolveWorkload } from '../../src/topology/resolve/defaults';
import { ResolvedWorkload } from '../../src/topology/model/types';

const base: ResolvedWorkload = resolveWorkload(
  {
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
  },
  [],
);

describe('labels', () => {
  test('selector: app only; pods: app plus version when set', () => {
    expect(selectorLabels('web')).toEqual({ app: 'web' });
    expect(podLabels('web', undefined)).toEqual({ app: 'web' });
    expect(podLabels('web', 'v1')).toEqual({ app: 'web', version: 'v1' });
  });
});

describe('containerOf', () => {
  test('a bare workload: name, image, containerPort, and the secure defaults (requests, restricted security context)', () => {
    expect(JSON.parse(JSON.stringify(containerOf(base)))).toEqual({
      name: 'web',
      image: 'example/web:1',
      ports: [{ containerPort: 8080 }],
      resources: { requests: { cpu: { value: '100m' }, memory: { value: '128Mi' } } },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    });
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

  test('resources: the given limits and requests, and a default request of what has neither', () => {
    const c = containerOf({ ...base, resources: { requests: { cpu: '250m' } } });
    expect(Object.keys(c.resources ?? {})).toEqual(['requests']);
    expect(c.resources?.requests?.cpu.value).toBe('250m');
    expect(c.resources?.requests?.memory.value).toBe('128Mi');
    const limited = containerOf({ ...base, resources: { limits: { memory: '64Mi' } } });
    // A limit alone makes Kubernetes request as much: no default request of memory beside it.
    expect(Object.keys(limited.resources?.requests ?? {})).toEqual(['cpu']);
    expect(limited.resources?.limits?.memory.value).toBe('64Mi');
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

describe('what complete upstream apps need', () => {
  test('env: literals and valueFrom (configMapKeyRef, secretKeyRef, fieldRef), optional only when true, in topology order', () => {
    const c = containerOf({
      ...base,
      env: {
        A: '1',
        B: { configMapKeyRef: { name: 'cfg', key: 'B', optional: true } },
        C: { secretKeyRef: { name: 'sec', key: 'C' } },
        D: { fieldRef: { fieldPath: 'metadata.namespace' } },
      },
    });
    expect(c.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'B', optional: true } } },
      { name: 'C', valueFrom: { secretKeyRef: { name: 'sec', key: 'C' } } },
      { name: 'D', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    ]);
  });

  test('envFrom: configMapRef and secretRef in order', () => {
    const c = containerOf({ ...base, envFrom: [{ configMap: 'cfg' }, { secret: 'sec', optional: true }] });
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'cfg' } }, { secretRef: { name: 'sec', optional: true } }]);
  });

  test('volumes and mounts: emptyDir, configMap and secret with items; readOnly and subPath only when set', () => {
    const w = {
      ...base,
      volumes: [
        { name: 'tmp', emptyDir: {} },
        { name: 'cfg', configMap: { name: 'app-config' } },
        { name: 'key', secret: { name: 'jwt-key', items: [{ key: 'jwtRS256.key.pub', path: 'publickey' }] } },
      ],
      volumeMounts: [
        { name: 'tmp', mountPath: '/tmp' },
        { name: 'key', mountPath: '/tmp/.ssh', readOnly: true },
        { name: 'cfg', mountPath: '/etc/app', subPath: 'conf' },
      ],
    };
    expect(podTemplateOf(w).spec?.volumes).toEqual([
      { name: 'tmp', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'app-config' } },
      { name: 'key', secret: { secretName: 'jwt-key', items: [{ key: 'jwtRS256.key.pub', path: 'publickey' }] } },
    ]);
    expect(containerOf(w).volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'key', mountPath: '/tmp/.ssh', readOnly: true },
      { name: 'cfg', mountPath: '/etc/app', subPath: 'conf' },
    ]);
  });

  test('separate probes: timings only when given, HTTP headers, TCP on the container port or its own', () => {
    const c = containerOf({
      ...base,
      readinessProbe: { httpPath: '/_healthz', httpHeaders: [{ name: 'Cookie', value: 'x' }], initialDelaySeconds: 10 },
      livenessProbe: { tcp: true, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 4 },
      startupProbe: { httpPath: '/healthy', port: 9090, failureThreshold: 30, periodSeconds: 10 },
    });
    expect(c.readinessProbe?.initialDelaySeconds).toBe(10);
    expect(c.readinessProbe?.httpGet?.httpHeaders).toEqual([{ name: 'Cookie', value: 'x' }]);
    expect(c.readinessProbe).not.toHaveProperty('periodSeconds');
    expect(c.livenessProbe?.tcpSocket?.port.value).toBe(8080);
    expect(c.livenessProbe).toMatchObject({ periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 4 });
    expect(c.startupProbe?.httpGet?.port.value).toBe(9090);
  });

  test("Kubernetes' handlers as written: grpc with its service, httpGet with scheme, headers and a named port, tcpSocket on the container port", () => {
    const c = containerOf({
      ...base,
      readinessProbe: { grpc: { port: 3550, service: 'hipstershop.ProductCatalogService' }, successThreshold: 2 },
      livenessProbe: { httpGet: { path: '/_healthz', port: 'http-admin', scheme: 'HTTPS', httpHeaders: [{ name: 'Cookie', value: 'x' }] } },
      startupProbe: { tcpSocket: {}, failureThreshold: 30 },
    });
    expect(c.readinessProbe).toEqual({ grpc: { port: 3550, service: 'hipstershop.ProductCatalogService' }, successThreshold: 2 });
    expect(c.livenessProbe?.httpGet).toMatchObject({ path: '/_healthz', scheme: 'HTTPS', httpHeaders: [{ name: 'Cookie', value: 'x' }] });
    expect(c.livenessProbe?.httpGet?.port.value).toBe('http-admin');
    expect(c.startupProbe?.tcpSocket?.port.value).toBe(8080);
    expect(c.startupProbe?.failureThreshold).toBe(30);
    // httpGet without a path leaves it to the kubelet (`/`), on the container port.
    const bare = containerOf({ ...base, readinessProbe: { httpGet: {} } });
    expect(bare.readinessProbe?.httpGet).not.toHaveProperty('path');
    expect(bare.readinessProbe?.httpGet?.port.value).toBe(8080);
  });

  test('args, security context, ephemeral storage; no ports for a workload without one', () => {
    const c = containerOf({
      ...base,
      port: undefined,
      servicePort: undefined,
      args: ['--verbose'],
      securityContext: { readOnlyRootFilesystem: true, capabilities: { drop: ['all'] } },
      resources: { limits: { 'ephemeral-storage': '0.5Gi' } },
    });
    expect(c.args).toEqual(['--verbose']);
    expect(c.ports).toBeUndefined();
    // The given capabilities and readOnlyRootFilesystem are kept; the rest is filled in.
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['all'] },
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(Object.keys(c.resources?.limits ?? {})).toEqual(['ephemeral-storage']);
  });

  test('pod: annotations, init containers, ServiceAccount and pod security context, each only when set', () => {
    const t = podTemplateOf({
      ...base,
      podAnnotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'true' },
      initContainers: [{ name: 'wait', image: 'busybox:latest', command: ['/bin/sh', '-c', 'true'], env: { A: '1' } }],
      serviceAccountName: 'web',
      podSecurityContext: { runAsNonRoot: true, fsGroup: 1000 },
    });
    expect(t.metadata?.annotations).toEqual({ 'sidecar.istio.io/rewriteAppHTTPProbers': 'true' });
    expect(t.spec?.initContainers).toEqual([{ name: 'wait', image: 'busybox:latest', command: ['/bin/sh', '-c', 'true'], env: [{ name: 'A', value: '1' }] }]);
    expect(t.spec?.serviceAccountName).toBe('web');
    expect(t.spec?.securityContext).toEqual({ runAsNonRoot: true, fsGroup: 1000 });
    expect(Object.keys(podTemplateOf(base).spec ?? {})).toEqual(['containers']);
    expect(podTemplateOf(base).metadata).not.toHaveProperty('annotations');
  });
});

describe('secure container defaults', () => {
  const context = (w: Partial<ResolvedWorkload>) => containerOf({ ...base, ...w }).securityContext;

  test('every value the topology sets is kept', () => {
    expect(
      context({ securityContext: { allowPrivilegeEscalation: true, runAsNonRoot: false, capabilities: { add: ['NET_ADMIN'] }, seccompProfile: { type: 'Unconfined' } } }),
    ).toEqual({ allowPrivilegeEscalation: true, runAsNonRoot: false, capabilities: { add: ['NET_ADMIN'] }, seccompProfile: { type: 'Unconfined' } });
  });

  test('a container declared to run as root keeps the runtime capabilities and gets no runAsNonRoot', () => {
    expect(context({ securityContext: { runAsNonRoot: false } })).toEqual({ allowPrivilegeEscalation: false, runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } });
    expect(context({ podSecurityContext: { runAsUser: 0 } })).toEqual({ allowPrivilegeEscalation: false, seccompProfile: { type: 'RuntimeDefault' } });
  });

  test('the pod security context decides runAsNonRoot when it sets it', () => {
    expect(context({ podSecurityContext: { runAsNonRoot: true, runAsUser: 1000 } })).not.toHaveProperty('runAsNonRoot');
    expect(context({ podSecurityContext: { runAsUser: 1000 } })).toMatchObject({ runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
  });

  test('a privileged container gets no allowPrivilegeEscalation: false (Kubernetes refuses both)', () => {
    expect(context({ securityContext: { privileged: true } })).not.toHaveProperty('allowPrivilegeEscalation');
  });

  test('capabilities: {} keeps the runtime defaults', () => {
    expect(context({ securityContext: { capabilities: {} } })?.capabilities).toEqual({});
  });
});
