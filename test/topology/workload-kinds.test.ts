import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { validateTopology } from '../../src/load/load';
import { Draft, problemsOf } from './support';

/*
 * Probes in Kubernetes' shape (grpc, httpGet, tcpSocket) and StatefulSets (volume claim
 * templates, update strategy): the rules of app-rules.ts, workload-rules.ts and
 * mesh-support-rules.ts, on examples/statefulset-grpc.yaml and seed 001 (ASM 1.8 on Kubernetes 1.18).
 */

const example = (name: string): Draft => parse(readFileSync(`examples/${name}.yaml`, 'utf8')) as Draft;

/** The example with `edit` applied, its problems as `path: message` lines. */
function linesOf(name: string, edit: (t: Draft) => void): string[] {
  const t = example(name);
  edit(t);
  return problemsOf(t).map((p) => `${p.path}: ${p.message}`);
}

const catalog = (t: Draft): Draft => t.apps[0].workloads[0];
const db = (t: Draft): Draft => t.apps[1].workloads[0];

test('the example is accepted: grpc, tcpSocket and exec probes, a StatefulSet with a claim template mounted', () => {
  const model = validateTopology(example('statefulset-grpc'));
  const w = model.apps[1].workloads[0];
  expect(w.kind).toBe('StatefulSet');
  expect(w.volumeClaimTemplates).toEqual([
    { metadata: { name: 'postgresdb' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard-rwo', resources: { requests: { storage: '1Gi' } } } },
  ]);
  expect(model.apps[0].workloads[0].readinessProbe).toEqual({ grpc: { port: 3550 } });
});

test('accessModes default to ReadWriteOnce', () => {
  const t = example('statefulset-grpc');
  delete db(t).volumeClaimTemplates[0].spec.accessModes;
  expect(validateTopology(t).apps[1].workloads[0].volumeClaimTemplates[0].spec.accessModes).toEqual(['ReadWriteOnce']);
});

describe('probes', () => {
  test('upstream handlers paste as written: httpGet with headers, scheme and a named port; tcpSocket without a port', () => {
    const t = example('statefulset-grpc');
    catalog(t).extraPorts = [{ name: 'http-health', port: 8081 }];
    catalog(t).readinessProbe = { httpGet: { path: '/_healthz', port: 'http-health', scheme: 'HTTPS', httpHeaders: [{ name: 'Cookie', value: 'shop_session-id=x' }] } };
    catalog(t).livenessProbe = { tcpSocket: {}, successThreshold: 1 };
    expect(validateTopology(t).apps[0].workloads[0].readinessProbe?.httpGet?.port).toBe('http-health');
  });

  test('two handlers, or none, are refused with the probe path', () => {
    expect(linesOf('statefulset-grpc', (t) => (catalog(t).readinessProbe = { grpc: { port: 3550 }, httpGet: { path: '/' } }))).toEqual([
      'apps[0].workloads[0].readinessProbe: needs exactly one of exec, httpGet, tcpSocket, grpc, httpPath, tcp (found "httpGet and grpc", expected one of exec, httpGet, tcpSocket, grpc, httpPath, tcp)',
    ]);
  });

  test('a port or headers beside an upstream handler belong inside it', () => {
    expect(
      linesOf('statefulset-grpc', (t) => {
        catalog(t).readinessProbe = { grpc: { port: 3550 }, port: 3550 };
        catalog(t).livenessProbe = { httpGet: { path: '/' }, httpHeaders: [{ name: 'A', value: 'b' }] };
      }),
    ).toEqual([
      'apps[0].workloads[0].readinessProbe.port: a grpc probe carries its port inside (found 3550, expected grpc.port)',
      'apps[0].workloads[0].livenessProbe.httpHeaders: these headers belong to an httpPath probe (found a list, expected httpGet.httpHeaders)',
    ]);
  });

  test('a named port must be an extra port; a workload without a port needs the handler to name one', () => {
    expect(linesOf('statefulset-grpc', (t) => (catalog(t).readinessProbe = { tcpSocket: { port: 'grpc' } }))).toEqual([
      'apps[0].workloads[0].readinessProbe.tcpSocket.port: the container has no port of this name (found "grpc", expected a port number (only extraPorts have names))',
    ]);
    expect(
      linesOf('statefulset-grpc', (t) => {
        const w = catalog(t);
        for (const key of ['port', 'portName']) delete w[key];
        w.readinessProbe = { httpGet: { path: '/ready' } };
        w.livenessProbe = { grpc: { port: 3550 } };
      }),
    ).toEqual(['apps[0].workloads[0].readinessProbe.httpGet.port: the workload has no container port for this probe to use (found nothing, expected a port)']);
  });

  test('successThreshold is 1 on liveness and startup probes, and on probe (also the liveness probe)', () => {
    expect(
      linesOf('statefulset-grpc', (t) => {
        catalog(t).readinessProbe = { grpc: { port: 3550 }, successThreshold: 2 };
        catalog(t).livenessProbe = { grpc: { port: 3550 }, successThreshold: 2 };
        t.apps[0].workloads[1].startupProbe.successThreshold = 3;
        delete t.apps[0].workloads[2].readinessProbe;
        delete t.apps[0].workloads[2].livenessProbe;
        t.apps[0].workloads[2].probe = { tcpSocket: {}, successThreshold: 2 };
      }),
    ).toEqual([
      "apps[0].workloads[0].livenessProbe.successThreshold: a liveness probe's successThreshold must be 1 (the API server refuses another) (found 2, expected 1, or readinessProbe)",
      "apps[0].workloads[1].startupProbe.successThreshold: a startup probe's successThreshold must be 1 (the API server refuses another) (found 3, expected 1, or readinessProbe)",
      'apps[0].workloads[2].probe.successThreshold: probe is also the liveness probe, whose successThreshold must be 1 (the API server refuses another) (found 2, expected 1, or readinessProbe)',
    ]);
  });

  test('gRPC probes need Kubernetes 1.24 and, with a sidecar, Istio 1.13 (seed 001: ASM 1.8 on Kubernetes 1.18)', () => {
    const lines = linesOf('asm-onprem-vmware', (t) => (t.apps[0].workloads[0].probe = { grpc: { port: 8080 }, periodSeconds: 5 }));
    expect(lines).toEqual([
      'apps[0].workloads[0].probe.grpc: cluster1 runs Kubernetes 1.18: gRPC probes need Kubernetes 1.24+ (found "a grpc probe", expected an exec probe (e.g. grpc_health_probe in the image), or clusters on Kubernetes 1.24+)',
      'apps[0].workloads[0].probe.grpc: Istio 1.8.6 does not rewrite gRPC probes (from 1.13): the kubelet\'s plain-text check would reach the sidecar in cluster1, and mTLS refuses it (found "a grpc probe", expected an exec probe (e.g. grpc_health_probe in the image), or mesh.version 1.13+)',
    ]);
  });

  test('a pod kept out of the mesh needs no rewriting: only the Kubernetes version counts', () => {
    const lines = linesOf('asm-onprem-vmware', (t) => {
      t.apps[0].workloads[0].probe = { grpc: { port: 8080 } };
      t.apps[0].workloads[0].podAnnotations = { 'sidecar.istio.io/inject': 'false' };
    });
    expect(lines).toEqual([
      'apps[0].workloads[0].probe.grpc: cluster1 runs Kubernetes 1.18: gRPC probes need Kubernetes 1.24+ (found "a grpc probe", expected an exec probe (e.g. grpc_health_probe in the image), or clusters on Kubernetes 1.24+)',
    ]);
  });
});

describe('StatefulSets', () => {
  test('no traffic split: versions and canary are refused with the reason and the alternative', () => {
    expect(
      linesOf('statefulset-grpc', (t) => {
        db(t).version = 'v1';
        db(t).canary = { version: 'v2', weight: 10 };
      }),
    ).toEqual([
      'apps[1].workloads[0].canary: a StatefulSet has no traffic split: each version would need a StatefulSet and volumes of its own (found a mapping, expected no canary (updateStrategy.rollingUpdate.partition stages a rollout), or kind: Deployment)',
    ]);
    expect(linesOf('statefulset-grpc', (t) => (db(t).versions = [{ name: 'v1', weight: 100 }]))).toEqual([
      'apps[1].workloads[0].versions: a StatefulSet has no traffic split: each version would need a StatefulSet and volumes of its own (found a list, expected no versions (updateStrategy.rollingUpdate.partition stages a rollout), or kind: Deployment)',
    ]);
  });

  test('StatefulSet fields on a Deployment are refused', () => {
    expect(
      linesOf('statefulset-grpc', (t) => {
        db(t).kind = 'Deployment';
        db(t).podManagementPolicy = 'Parallel';
        db(t).persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete' };
      }),
    ).toEqual([
      'apps[1].workloads[0].volumeClaimTemplates: only a StatefulSet takes this (found a list, expected no volumeClaimTemplates, or kind: StatefulSet)',
      'apps[1].workloads[0].podManagementPolicy: only a StatefulSet takes this (found "Parallel", expected no podManagementPolicy, or kind: StatefulSet)',
      'apps[1].workloads[0].persistentVolumeClaimRetentionPolicy: only a StatefulSet takes this (found a mapping, expected no persistentVolumeClaimRetentionPolicy, or kind: StatefulSet)',
    ]);
  });

  test('rollingUpdate belongs to the RollingUpdate strategy; a partition is accepted and written', () => {
    expect(linesOf('statefulset-grpc', (t) => (db(t).updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } }))).toEqual([
      'apps[1].workloads[0].updateStrategy.rollingUpdate: only the RollingUpdate strategy takes rollingUpdate (found a mapping, expected no rollingUpdate, or type: RollingUpdate)',
    ]);
    const t = example('statefulset-grpc');
    db(t).updateStrategy = { rollingUpdate: { partition: 1 } };
    expect(validateTopology(t).apps[1].workloads[0].updateStrategy).toEqual({ rollingUpdate: { partition: 1 } });
  });

  test('a StatefulSet with claims in several workload clusters needs clusters to say so', () => {
    expect(linesOf('statefulset-grpc', (t) => delete db(t).clusters)).toEqual([
      'apps[1].workloads[0].clusters: without clusters, the StatefulSet would run in every workload cluster (gke-west, gke-east), each with volumes of its own that no cluster shares (found nothing, expected the clusters that run it (list several only when the app replicates its own data))',
    ]);
    const t = example('statefulset-grpc');
    db(t).clusters = ['gke-west', 'gke-east'];
    db(t).export = true;
    expect(validateTopology(t).apps[1].workloads[0].clusters).toEqual(['gke-west', 'gke-east']);
  });

  test('claim templates and volumes share one name space, and mounts may name either', () => {
    expect(linesOf('statefulset-grpc', (t) => (db(t).volumes = [{ name: 'postgresdb', emptyDir: {} }]))).toEqual([
      'apps[1].workloads[0].volumeClaimTemplates[0].metadata.name: duplicate volume name, already used by apps[1].workloads[0].volumes[0].name (found "postgresdb", expected a unique name)',
    ]);
    expect(linesOf('statefulset-grpc', (t) => (db(t).volumeMounts[0].name = 'data'))).toEqual([
      'apps[1].workloads[0].volumeMounts[0].name: the workload has no volume with this name (found "data", expected one of postgresdb)',
    ]);
  });

  test('the claim template takes upstream field names only (schema)', () => {
    const lines = linesOf('statefulset-grpc', (t) => (db(t).volumeClaimTemplates[0].spec.size = '1Gi'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^apps\[1\]\.workloads\[0\]\.volumeClaimTemplates\[0\]\.spec\.size: /);
  });
});
