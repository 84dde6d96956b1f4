/**
 * The built-in kinds' checks on objects as meshfleet synthesizes them (cdk8s output of the
 * private-asm-multicluster example: Deployments, a StatefulSet, Services, ConfigMaps), each
 * changed in one field the API server (or the kubelet) refuses.
 */
import * as path from 'node:path';
import { builtinChecks } from '../../../src/analysis/api-server/builtin-checks';
import { KubeObject } from '../../../src/analysis/objects';
import { synthesizeForAnalysis } from '../../../src/analysis/synthesize';
import { loadTopologyFile } from '../../../src/load/load';
import { ANNOTATIONS_MAX_BYTES, CONFIGMAP_MAX_BYTES } from '../../../src/topology/rules/predicates';

jest.setTimeout(60_000);

type Mutable = Record<string, any>;
let objects: KubeObject[];

beforeAll(() => {
  const input = synthesizeForAnalysis(loadTopologyFile(path.join(__dirname, '..', '..', '..', 'examples', 'private-asm-multicluster.yaml')));
  objects = Object.values(input.clusters).flat();
});

/** A deep copy of the first synthesized object of `kind`, changed by `change`. */
function changed(kind: string, change: (o: Mutable) => void = () => undefined): KubeObject {
  const found = objects.find((o) => o.kind === kind);
  if (found === undefined) throw new Error(`the example has no ${kind}`);
  const copy = JSON.parse(JSON.stringify(found)) as Mutable;
  change(copy);
  return copy;
}

const issuesOf = (object: KubeObject) => builtinChecks(object).map((i) => [i.code, i.severity, i.path]);
const pod = (o: Mutable) => o.spec.template.spec;
const container = (o: Mutable) => pod(o).containers[0];

describe('built-in kinds, as synthesized', () => {
  test.each(['Deployment', 'StatefulSet', 'Service', 'ConfigMap', 'Namespace', 'ServiceAccount'])('the synthesized %s passes', (kind) => {
    expect(issuesOf(changed(kind))).toEqual([]);
  });

  test('K8S001 names: a Service name must be a DNS-1035 label, a Namespace a DNS-1123 label, a Deployment a subdomain', () => {
    expect(issuesOf(changed('Service', (o) => (o.metadata.name = '1-svc')))).toEqual([['K8S001', 'error', 'metadata.name']]);
    expect(issuesOf(changed('Namespace', (o) => (o.metadata.name = 'a.b')))).toEqual([['K8S001', 'error', 'metadata.name']]);
    expect(issuesOf(changed('Deployment', (o) => (o.metadata.name = 'a.b')))).toEqual([]);
    expect(issuesOf(changed('Deployment', (o) => (o.metadata.name = 'A')))).toEqual([['K8S001', 'error', 'metadata.name']]);
  });

  test("K8S001 a StatefulSet name over 52 characters: its pods' controller-revision-hash label would exceed 63", () => {
    expect(issuesOf(changed('StatefulSet', (o) => (o.metadata.name = 'a'.repeat(53))))).toEqual([['K8S001', 'error', 'metadata.name']]);
    expect(issuesOf(changed('StatefulSet', (o) => (o.metadata.name = 'a'.repeat(52))))).toEqual([]);
  });

  test('K8S002 labels: a value over 63 characters, a key with a bad prefix', () => {
    expect(issuesOf(changed('ConfigMap', (o) => (o.metadata.labels = { version: 'v'.repeat(64) })))).toEqual([['K8S002', 'error', 'metadata.labels["version"]']]);
    expect(issuesOf(changed('ConfigMap', (o) => (o.metadata.labels = { 'Example.com/x': 'a' })))).toEqual([['K8S002', 'error', 'metadata.labels["Example.com/x"]']]);
  });

  test('K8S003 annotations over 256 KiB in total', () => {
    expect(issuesOf(changed('ConfigMap', (o) => (o.metadata.annotations = { a: 'x'.repeat(ANNOTATIONS_MAX_BYTES) })))).toEqual([['K8S003', 'error', 'metadata.annotations']]);
  });

  test('K8S004 port names must be IANA service names', () => {
    for (const name of ['http-metrics-port', 'http--x', '8080', '-http']) {
      expect(issuesOf(changed('Service', (o) => (o.spec.ports[0].name = name)))).toEqual([['K8S004', 'error', 'spec.ports[0].name']]);
      expect(issuesOf(changed('Deployment', (o) => (container(o).ports = [{ containerPort: 8080, name }])))).toEqual([
        ['K8S004', 'error', 'spec.template.spec.containers[0].ports[0].name'],
      ]);
    }
    expect(issuesOf(changed('Service', (o) => (o.spec.ports[0].name = 'grpc-web')))).toEqual([]);
  });

  test('K8S005 duplicate Service ports are refused; duplicate container ports are warned about', () => {
    const service = changed('Service', (o) => o.spec.ports.push({ ...o.spec.ports[0], name: 'other' }));
    expect(issuesOf(service)).toEqual([['K8S005', 'error', `spec.ports[${(service.spec as Mutable).ports.length - 1}].port`]]);
    const deployment = changed('Deployment', (o) => (container(o).ports = [{ containerPort: 8080 }, { containerPort: 8080 }]));
    expect(issuesOf(deployment)).toEqual([['K8S005', 'warning', 'spec.template.spec.containers[0].ports[1].containerPort']]);
  });

  test('K8S006 an init container named like a container', () => {
    const deployment = changed('Deployment', (o) => (pod(o).initContainers = [{ ...container(o), ports: undefined }]));
    expect(issuesOf(deployment)).toEqual([['K8S006', 'error', 'spec.template.spec.containers[0].name']]);
  });

  test('K8S007 ConfigMap keys "." and "..", and data over 1 MiB', () => {
    expect(issuesOf(changed('ConfigMap', (o) => (o.data = { '.': 'a', '..': 'b', 'ok.txt': 'c' })))).toEqual([
      ['K8S007', 'error', 'data["."]'],
      ['K8S007', 'error', 'data[".."]'],
    ]);
    expect(issuesOf(changed('ConfigMap', (o) => (o.data = { big: 'x'.repeat(CONFIGMAP_MAX_BYTES) })))).toEqual([['K8S007', 'error', 'data']]);
  });

  test('K8S008 security context: runAsUser 0 with runAsNonRoot, privileged or SYS_ADMIN without privilege escalation, Localhost seccomp without profile', () => {
    const context = (sc: Mutable) => changed('Deployment', (o) => (container(o).securityContext = { ...container(o).securityContext, ...sc }));
    const at = 'spec.template.spec.containers[0].securityContext';
    expect(issuesOf(context({ runAsNonRoot: true, runAsUser: 0 }))).toEqual([['K8S008', 'error', `${at}.runAsUser`]]);
    expect(issuesOf(context({ allowPrivilegeEscalation: false, privileged: true }))).toEqual([['K8S008', 'error', `${at}.privileged`]]);
    expect(issuesOf(context({ allowPrivilegeEscalation: false, capabilities: { add: ['NET_ADMIN', 'SYS_ADMIN'] } }))).toEqual([['K8S008', 'error', `${at}.capabilities.add[1]`]]);
    expect(issuesOf(context({ seccompProfile: { type: 'Localhost' } }))).toEqual([['K8S008', 'error', `${at}.seccompProfile.localhostProfile`]]);
    expect(issuesOf(context({ allowPrivilegeEscalation: true, capabilities: { add: ['SYS_ADMIN'] } }))).toEqual([]);
  });

  test('K8S009 a request above its limit', () => {
    const deployment = changed('Deployment', (o) => (container(o).resources = { requests: { cpu: '1500m', memory: '64Mi' }, limits: { cpu: '1', memory: '1Gi' } }));
    expect(issuesOf(deployment)).toEqual([['K8S009', 'error', 'spec.template.spec.containers[0].resources.requests["cpu"]']]);
    // Quantities compare exactly across notations (1e3m = 1, 1Gi = 1024Mi): no finding when equal.
    const equal = changed('Deployment', (o) => (container(o).resources = { requests: { cpu: '1e3m', memory: '1024Mi' }, limits: { cpu: 1, memory: '1Gi' } }));
    expect(issuesOf(equal)).toEqual([]);
  });

  test('K8S011 probes: exactly one handler, successThreshold 1 on liveness and startup probes (readiness may take more)', () => {
    const probes = (set: Mutable) => changed('Deployment', (o) => Object.assign(container(o), set));
    const at = 'spec.template.spec.containers[0]';
    expect(issuesOf(probes({ livenessProbe: { periodSeconds: 5 } }))).toEqual([['K8S011', 'error', `${at}.livenessProbe`]]);
    expect(issuesOf(probes({ readinessProbe: { grpc: { port: 8080 }, tcpSocket: { port: 8080 } } }))).toEqual([['K8S011', 'error', `${at}.readinessProbe.grpc`]]);
    expect(issuesOf(probes({ startupProbe: { grpc: { port: 8080 }, successThreshold: 2 }, readinessProbe: { grpc: { port: 8080 }, successThreshold: 2 } }))).toEqual([
      ['K8S011', 'error', `${at}.startupProbe.successThreshold`],
    ]);
  });

  test('K8S012 volumes: a mount names a pod volume or a claim template; a claim template has access modes and a storage request', () => {
    const mount = { name: 'data', mountPath: '/data' };
    const at = 'spec.template.spec.containers[0].volumeMounts[0].name';
    expect(issuesOf(changed('Deployment', (o) => (container(o).volumeMounts = [mount])))).toEqual([['K8S012', 'error', at]]);
    const claim = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    const statefulSet = (templates: Mutable[]) =>
      changed('StatefulSet', (o) => {
        container(o).volumeMounts = [mount];
        o.spec.volumeClaimTemplates = templates;
      });
    expect(issuesOf(statefulSet([claim]))).toEqual([]);
    expect(issuesOf(statefulSet([]))).toEqual([['K8S012', 'error', at]]);
    expect(issuesOf(statefulSet([{ metadata: { name: 'data' }, spec: { resources: {} } }]))).toEqual([
      ['K8S012', 'error', 'spec.volumeClaimTemplates[0].spec.accessModes'],
      ['K8S012', 'error', 'spec.volumeClaimTemplates[0].spec.resources.requests'],
    ]);
  });

  test('K8S010 a selector that does not select the template labels', () => {
    const deployment = changed('Deployment', (o) => (o.spec.selector.matchLabels = { ...o.spec.selector.matchLabels, extra: 'x' }));
    expect(issuesOf(deployment)).toEqual([['K8S010', 'error', 'spec.template.metadata.labels']]);
  });
});
