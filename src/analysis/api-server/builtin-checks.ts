/**
 * The API server's validation of built-in kinds, for the fields meshfleet emits: object names,
 * labels and annotations (of every object), pod templates (container names, ports, security
 * context, resources, probes, volume mounts, selector) of Deployments and StatefulSets (and a
 * StatefulSet's claim templates), Services' ports, ConfigMaps' keys and size. Each check says what the API server (or, where noted, the kubelet at pod start)
 * refuses. Limits and patterns come from src/topology/rules/predicates.ts.
 */
import {
  ANNOTATIONS_MAX_BYTES,
  CONFIGMAP_MAX_BYTES,
  DATA_KEY,
  DNS_1123_LABEL,
  DNS_1123_SUBDOMAIN,
  DNS_LABEL,
  DNS_LABEL_MAX,
  DNS_NAME_MAX,
  LABEL_VALUE,
  LABEL_VALUE_MAX,
  QUALIFIED_KEY_PREFIX_MAX,
  QUALIFIED_NAME_MAX,
  STATEFULSET_NAME_MAX,
  isIanaServiceName,
  compareQuantities,
  parseQuantity,
} from '../../topology/rules/predicates';
import { asRecord, groupOf, KubeObject, listAt, recordAt, stringAt } from '../objects';

/** One problem with a built-in field, before it becomes a finding. */
export interface BuiltinIssue {
  /** Finding code: K8S001 name, K8S002 labels, K8S003 annotations, K8S004 port names, K8S005 duplicates, K8S006 container names, K8S007 ConfigMap, K8S008 security context, K8S009 resources, K8S010 selector, K8S011 probes, K8S012 volumes. */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly path: string;
  readonly message: string;
}

const SUBDOMAIN_RE = new RegExp(DNS_1123_SUBDOMAIN);
const LABEL_RE = new RegExp(DNS_1123_LABEL);
const DNS_1035_RE = new RegExp(DNS_LABEL);
const LABEL_VALUE_RE = new RegExp(LABEL_VALUE);
const DATA_KEY_RE = new RegExp(DATA_KEY);
/** The name part of a qualified name (label or annotation key). */
const QUALIFIED_NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** Kinds whose names are DNS-1123 labels, and those whose names are DNS-1035 labels (core group). */
const LABEL_NAMED = new Set(['Namespace']);
const DNS_1035_NAMED = new Set(['Service']);
/** The capability that needs privilege escalation (the API server refuses it with allowPrivilegeEscalation false). */
const SYS_ADMIN = new Set(['SYS_ADMIN', 'CAP_SYS_ADMIN']);

/** Whether `name` is a DNS-1123 subdomain of at most 253 characters. */
function isSubdomain(name: string): boolean {
  return name.length <= DNS_NAME_MAX && SUBDOMAIN_RE.test(name);
}

/**
 * What `name` must be for an object of `kind` in API `group`, or undefined when it is: RBAC
 * objects take any path segment (`system:auth-delegator`), a Namespace a DNS-1123 label, a
 * Service a DNS-1035 label, every other kind a DNS-1123 subdomain.
 */
function nameProblem(group: string, kind: string, name: string): string | undefined {
  if (group === 'rbac.authorization.k8s.io') {
    return name === '' || name === '.' || name === '..' || /[/%]/.test(name) ? 'a path segment (not empty, "." or "..", no "/" or "%")' : undefined;
  }
  if (group === '' && LABEL_NAMED.has(kind)) return name.length <= DNS_LABEL_MAX && LABEL_RE.test(name) ? undefined : 'a DNS-1123 label (at most 63 characters)';
  if (group === '' && DNS_1035_NAMED.has(kind))
    return name.length <= DNS_LABEL_MAX && DNS_1035_RE.test(name) ? undefined : 'a DNS-1035 label (at most 63 characters, a letter first)';
  return isSubdomain(name) ? undefined : 'a DNS-1123 subdomain (at most 253 characters)';
}

/** Problems with a label or annotation key (a qualified name: optional DNS-subdomain prefix, `/`, name). */
function qualifiedKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== undefined && (prefix.length > QUALIFIED_KEY_PREFIX_MAX || !SUBDOMAIN_RE.test(prefix))) {
    return `key prefix ${JSON.stringify(prefix)} must be a DNS-1123 subdomain of at most ${QUALIFIED_KEY_PREFIX_MAX} characters`;
  }
  if (name.length > QUALIFIED_NAME_MAX || !QUALIFIED_NAME_RE.test(name)) {
    return `key name ${JSON.stringify(name)} must be at most ${QUALIFIED_NAME_MAX} characters of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`;
  }
  return undefined;
}

/** `path` extended by a map key (always bracketed, as keys hold dots and slashes). */
function keyPath(path: string, key: string): string {
  return `${path}[${JSON.stringify(key)}]`;
}

/** Checks a label map (`metadata.labels`, a selector) at `path`. */
function checkLabels(labels: Readonly<Record<string, unknown>>, path: string, issues: BuiltinIssue[]): void {
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = qualifiedKeyProblem(key);
    if (keyProblem !== undefined) issues.push({ code: 'K8S002', severity: 'error', path: keyPath(path, key), message: `invalid label ${keyProblem}` });
    const text = String(value);
    if (text.length > LABEL_VALUE_MAX || !LABEL_VALUE_RE.test(text)) {
      issues.push({
        code: 'K8S002',
        severity: 'error',
        path: keyPath(path, key),
        message: `invalid label value ${JSON.stringify(text)}: at most ${LABEL_VALUE_MAX} characters of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`,
      });
    }
  }
}

/** Name, labels and annotations of any object. */
function checkMetadata(object: KubeObject, issues: BuiltinIssue[]): void {
  const kind = stringAt(object, 'kind') ?? '';
  const name = stringAt(object, 'metadata.name') ?? '';
  const expected = nameProblem(groupOf(object), kind, name);
  if (expected !== undefined) issues.push({ code: 'K8S001', severity: 'error', path: 'metadata.name', message: `${kind} name ${JSON.stringify(name)} must be ${expected}` });
  if (kind === 'StatefulSet' && name.length > STATEFULSET_NAME_MAX) {
    issues.push({
      code: 'K8S001',
      severity: 'error',
      path: 'metadata.name',
      message: `StatefulSet name ${JSON.stringify(name)} has ${name.length} characters: its pods' controller-revision-hash label (<name>-<hash>) exceeds ${LABEL_VALUE_MAX}, so no pod is created (at most ${STATEFULSET_NAME_MAX})`,
    });
  }
  checkLabels(recordAt(object, 'metadata.labels'), 'metadata.labels', issues);
  checkAnnotations(recordAt(object, 'metadata.annotations'), 'metadata.annotations', issues);
}

/** Annotation keys and their total size. */
function checkAnnotations(annotations: Readonly<Record<string, unknown>>, path: string, issues: BuiltinIssue[]): void {
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) {
    const keyProblem = qualifiedKeyProblem(key);
    if (keyProblem !== undefined) issues.push({ code: 'K8S003', severity: 'error', path: keyPath(path, key), message: `invalid annotation ${keyProblem}` });
    size += Buffer.byteLength(key) + Buffer.byteLength(String(value));
  }
  if (size > ANNOTATIONS_MAX_BYTES) {
    issues.push({ code: 'K8S003', severity: 'error', path, message: `annotations total ${size} bytes; the API server takes at most ${ANNOTATIONS_MAX_BYTES} (256 KiB)` });
  }
}

/** The container lists of a pod spec with their paths. */
function containersOf(podSpec: unknown, path: string): Array<{ readonly container: Readonly<Record<string, unknown>>; readonly path: string }> {
  return ['initContainers', 'containers'].flatMap((field) => listAt(podSpec, field).map((c, i) => ({ container: asRecord(c), path: `${path}.${field}[${i}]` })));
}

/** The handlers of a probe; the API server takes exactly one. */
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

/** A regular container's probes: exactly one handler each, `successThreshold` 1 on liveness and startup probes. */
function checkProbes(container: Readonly<Record<string, unknown>>, path: string, issues: BuiltinIssue[]): void {
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (container[key] === undefined) continue;
    const probe = asRecord(container[key]);
    const at = `${path}.${key}`;
    const handlers = PROBE_HANDLERS.filter((h) => probe[h] !== undefined);
    if (handlers.length === 0)
      issues.push({ code: 'K8S011', severity: 'error', path: at, message: 'Required value: must specify a handler type (exec, httpGet, tcpSocket or grpc)' });
    if (handlers.length > 1)
      issues.push({
        code: 'K8S011',
        severity: 'error',
        path: `${at}.${handlers[1]}`,
        message: `Forbidden: may not specify more than 1 handler type (found ${handlers.join(', ')})`,
      });
    if (key !== 'readinessProbe' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
      issues.push({ code: 'K8S011', severity: 'error', path: `${at}.successThreshold`, message: `Invalid value: ${String(probe.successThreshold)}: must be 1` });
    }
  }
}

/**
 * Each volume mount names a pod volume or, in a StatefulSet, a claim template (`claims`). The API
 * server refuses a Deployment's template; a StatefulSet's template is not validated as a pod, so
 * its controller's pods are refused instead and none is created.
 */
function checkVolumeMounts(podSpec: Readonly<Record<string, unknown>>, path: string, claims: readonly string[], issues: BuiltinIssue[]): void {
  const volumes = new Set([...listAt(podSpec, 'volumes').map((v) => String(asRecord(v).name)), ...claims]);
  for (const { container, path: at } of containersOf(podSpec, path)) {
    listAt(container, 'volumeMounts').forEach((m, i) => {
      const name = String(asRecord(m).name);
      if (!volumes.has(name))
        issues.push({
          code: 'K8S012',
          severity: 'error',
          path: `${at}.volumeMounts[${i}].name`,
          message: `Not found: ${JSON.stringify(name)} is no volume of the pod${claims.length > 0 ? ' nor a claim template' : ''}`,
        });
    });
  }
}

/** A StatefulSet's claim templates: a name, at least one access mode and a storage request each. */
function checkClaimTemplates(object: KubeObject, issues: BuiltinIssue[]): string[] {
  return listAt(object, 'spec.volumeClaimTemplates').map((t, i) => {
    const at = `spec.volumeClaimTemplates[${i}]`;
    const template = asRecord(t);
    if (listAt(template, 'spec.accessModes').length === 0)
      issues.push({ code: 'K8S012', severity: 'error', path: `${at}.spec.accessModes`, message: 'Required value: at least 1 access mode is required' });
    if (asRecord(recordAt(template, 'spec.resources').requests).storage === undefined)
      issues.push({ code: 'K8S012', severity: 'error', path: `${at}.spec.resources.requests`, message: 'Required value: a storage request is required' });
    return stringAt(template, 'metadata.name') ?? '';
  });
}

/** A pod template's spec: container names, ports, security context, resources, probes, volume mounts (`claims`: a StatefulSet's claim templates). */
function checkPodSpec(podSpec: Readonly<Record<string, unknown>>, path: string, claims: readonly string[], issues: BuiltinIssue[]): void {
  checkVolumeMounts(podSpec, path, claims, issues);
  const names = new Map<string, string>();
  const portsSeen = new Map<string, string>();
  const podSecurity = recordAt(podSpec, 'securityContext');
  checkSeccomp(recordAt(podSecurity, 'seccompProfile'), `${path}.securityContext.seccompProfile`, issues);
  for (const { container, path: at } of containersOf(podSpec, path)) {
    const name = String(container.name ?? '');
    if (name.length > DNS_LABEL_MAX || !LABEL_RE.test(name))
      issues.push({ code: 'K8S006', severity: 'error', path: `${at}.name`, message: `container name ${JSON.stringify(name)} must be a DNS-1123 label` });
    const first = names.get(name);
    if (first !== undefined)
      issues.push({
        code: 'K8S006',
        severity: 'error',
        path: `${at}.name`,
        message: `duplicate container name ${JSON.stringify(name)} (also ${first}): init and regular containers share one name space`,
      });
    else names.set(name, `${at}.name`);
    const portNames = new Set<string>();
    listAt(container, 'ports').forEach((p, i) => {
      const port = asRecord(p);
      const portPath = `${at}.ports[${i}]`;
      if (port.name !== undefined) {
        const portName = String(port.name);
        if (!isIanaServiceName(portName)) issues.push({ code: 'K8S004', severity: 'error', path: `${portPath}.name`, message: ianaMessage(portName) });
        if (portNames.has(portName))
          issues.push({ code: 'K8S005', severity: 'error', path: `${portPath}.name`, message: `duplicate port name ${JSON.stringify(portName)} in the container` });
        portNames.add(portName);
      }
      const key = `${String(port.containerPort)}/${String(port.protocol ?? 'TCP')}`;
      const earlier = portsSeen.get(key);
      if (earlier !== undefined)
        issues.push({
          code: 'K8S005',
          severity: 'warning',
          path: `${portPath}.containerPort`,
          message: `duplicate container port ${key} (also ${earlier}): the API server warns, and only one container can listen on it`,
        });
      else portsSeen.set(key, `${portPath}.containerPort`);
    });
    checkSecurityContext(podSecurity, recordAt(container, 'securityContext'), `${at}.securityContext`, issues);
    checkResources(recordAt(container, 'resources'), `${at}.resources`, issues);
    if (at.startsWith(`${path}.containers[`)) checkProbes(container, at, issues);
  }
}

/** The message for a port name that is not an IANA service name. */
function ianaMessage(name: string): string {
  return `port name ${JSON.stringify(name)} must be an IANA service name: at most 15 lower-case letters, digits and '-', at least one letter, no '--', no '-' first or last`;
}

/** seccompProfile: Localhost needs localhostProfile, which no other type takes. */
function checkSeccomp(profile: Readonly<Record<string, unknown>>, path: string, issues: BuiltinIssue[]): void {
  if (profile.type === 'Localhost' && typeof profile.localhostProfile !== 'string') {
    issues.push({ code: 'K8S008', severity: 'error', path: `${path}.localhostProfile`, message: 'seccompProfile type Localhost needs localhostProfile' });
  }
  if (profile.type !== undefined && profile.type !== 'Localhost' && profile.localhostProfile !== undefined) {
    issues.push({
      code: 'K8S008',
      severity: 'error',
      path: `${path}.localhostProfile`,
      message: `localhostProfile is only taken with seccompProfile type Localhost, found ${String(profile.type)}`,
    });
  }
}

/** A container's security context, with the pod's as fallback for runAsUser / runAsNonRoot. */
function checkSecurityContext(pod: Readonly<Record<string, unknown>>, container: Readonly<Record<string, unknown>>, path: string, issues: BuiltinIssue[]): void {
  checkSeccomp(recordAt(container, 'seccompProfile'), `${path}.seccompProfile`, issues);
  const runAsNonRoot = container.runAsNonRoot ?? pod.runAsNonRoot;
  const runAsUser = container.runAsUser ?? pod.runAsUser;
  if (runAsNonRoot === true && runAsUser === 0) {
    issues.push({ code: 'K8S008', severity: 'error', path: `${path}.runAsUser`, message: 'runAsUser 0 with runAsNonRoot true: the kubelet refuses to start the container' });
  }
  if (container.allowPrivilegeEscalation !== false) return;
  if (container.privileged === true) {
    issues.push({
      code: 'K8S008',
      severity: 'error',
      path: `${path}.privileged`,
      message: 'privileged true needs privilege escalation, which allowPrivilegeEscalation false forbids',
    });
  }
  listAt(container, 'capabilities.add').forEach((cap, i) => {
    if (SYS_ADMIN.has(String(cap))) {
      issues.push({
        code: 'K8S008',
        severity: 'error',
        path: `${path}.capabilities.add[${i}]`,
        message: `capability ${String(cap)} needs privilege escalation, which allowPrivilegeEscalation false forbids`,
      });
    }
  });
}

/** Each request at most its limit. */
function checkResources(resources: Readonly<Record<string, unknown>>, path: string, issues: BuiltinIssue[]): void {
  const limits = asRecord(resources.limits);
  for (const [resource, request] of Object.entries(asRecord(resources.requests))) {
    if (!(resource in limits)) continue;
    const [req, lim] = [parseQuantity(String(request)), parseQuantity(String(limits[resource]))];
    if (req !== undefined && lim !== undefined && compareQuantities(req, lim) > 0) {
      issues.push({
        code: 'K8S009',
        severity: 'error',
        path: keyPath(`${path}.requests`, resource),
        message: `request ${String(request)} exceeds the limit ${String(limits[resource])}: must be less than or equal to the limit`,
      });
    }
  }
}

/** Whether a label selector (matchLabels and matchExpressions) selects `labels`. */
function selects(selector: Readonly<Record<string, unknown>>, labels: Readonly<Record<string, unknown>>): boolean {
  const byLabels = Object.entries(asRecord(selector.matchLabels)).every(([k, v]) => labels[k] === v);
  return (
    byLabels &&
    listAt(selector, 'matchExpressions').every((e) => {
      const { key, operator, values } = asRecord(e) as { key?: string; operator?: string; values?: unknown[] };
      const has = key !== undefined && key in labels;
      const inValues = has && (values ?? []).includes(labels[key as string]);
      return operator === 'In' ? inValues : operator === 'NotIn' ? !inValues : operator === 'Exists' ? has : !has;
    })
  );
}

/** Deployment / StatefulSet: selector, template labels, the pod spec and a StatefulSet's claim templates. */
function checkWorkload(object: KubeObject, issues: BuiltinIssue[]): void {
  const selector = recordAt(object, 'spec.selector');
  const labels = recordAt(object, 'spec.template.metadata.labels');
  checkLabels(asRecord(selector.matchLabels), 'spec.selector.matchLabels', issues);
  checkLabels(labels, 'spec.template.metadata.labels', issues);
  checkAnnotations(recordAt(object, 'spec.template.metadata.annotations'), 'spec.template.metadata.annotations', issues);
  if (Object.keys(selector).length === 0)
    issues.push({ code: 'K8S010', severity: 'error', path: 'spec.selector', message: 'Required value: a Deployment or StatefulSet needs a selector' });
  else if (!selects(selector, labels))
    issues.push({ code: 'K8S010', severity: 'error', path: 'spec.template.metadata.labels', message: '`selector` does not match template `labels`' });
  const claims = stringAt(object, 'kind') === 'StatefulSet' ? checkClaimTemplates(object, issues) : [];
  checkPodSpec(recordAt(object, 'spec.template.spec'), 'spec.template.spec', claims, issues);
}

/** Service: port names, numbers and duplicates, selector labels. */
function checkService(object: KubeObject, issues: BuiltinIssue[]): void {
  checkLabels(recordAt(object, 'spec.selector'), 'spec.selector', issues);
  const ports = listAt(object, 'spec.ports').map(asRecord);
  const names = new Set<string>();
  const numbers = new Set<string>();
  ports.forEach((port, i) => {
    const path = `spec.ports[${i}]`;
    if (port.name === undefined && ports.length > 1)
      issues.push({ code: 'K8S004', severity: 'error', path: `${path}.name`, message: 'Required value: every port of a multi-port Service needs a name' });
    if (port.name !== undefined) {
      const name = String(port.name);
      if (!isIanaServiceName(name)) issues.push({ code: 'K8S004', severity: 'error', path: `${path}.name`, message: ianaMessage(name) });
      if (names.has(name)) issues.push({ code: 'K8S005', severity: 'error', path: `${path}.name`, message: `duplicate Service port name ${JSON.stringify(name)}` });
      names.add(name);
    }
    if (typeof port.targetPort === 'string' && !isIanaServiceName(port.targetPort)) {
      issues.push({ code: 'K8S004', severity: 'error', path: `${path}.targetPort`, message: ianaMessage(port.targetPort) });
    }
    const key = `${String(port.port)}/${String(port.protocol ?? 'TCP')}`;
    if (numbers.has(key)) issues.push({ code: 'K8S005', severity: 'error', path: `${path}.port`, message: `duplicate Service port ${key}` });
    numbers.add(key);
  });
}

/** ConfigMap: key syntax, no key in both data and binaryData, total size. */
function checkConfigMap(object: KubeObject, issues: BuiltinIssue[]): void {
  let size = 0;
  const data = recordAt(object, 'data');
  const binary = recordAt(object, 'binaryData');
  for (const [field, values] of [
    ['data', data],
    ['binaryData', binary],
  ] as const) {
    for (const [key, value] of Object.entries(values)) {
      size += Buffer.byteLength(key) + Buffer.byteLength(String(value));
      if (key.length > DNS_NAME_MAX || !DATA_KEY_RE.test(key) || key === '.' || key === '..') {
        issues.push({
          code: 'K8S007',
          severity: 'error',
          path: keyPath(field, key),
          message: `ConfigMap key ${JSON.stringify(key)} must be at most ${DNS_NAME_MAX} characters of [-._a-zA-Z0-9], and not "." or ".."`,
        });
      }
      if (field === 'binaryData' && key in data)
        issues.push({ code: 'K8S007', severity: 'error', path: keyPath(field, key), message: `ConfigMap key ${JSON.stringify(key)} is in both data and binaryData` });
    }
  }
  if (size > CONFIGMAP_MAX_BYTES)
    issues.push({ code: 'K8S007', severity: 'error', path: 'data', message: `ConfigMap data totals ${size} bytes; the API server takes at most ${CONFIGMAP_MAX_BYTES} (1 MiB)` });
}

/** Every problem the API server (or the kubelet, where said) would find in `object`'s built-in fields. */
export function builtinChecks(object: KubeObject): BuiltinIssue[] {
  const issues: BuiltinIssue[] = [];
  checkMetadata(object, issues);
  const apiVersion = stringAt(object, 'apiVersion');
  const kind = stringAt(object, 'kind');
  if (apiVersion === 'apps/v1' && (kind === 'Deployment' || kind === 'StatefulSet')) checkWorkload(object, issues);
  if (apiVersion === 'v1' && kind === 'Service') checkService(object, issues);
  if (apiVersion === 'v1' && kind === 'ConfigMap') checkConfigMap(object, issues);
  return issues;
}
