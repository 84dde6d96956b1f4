import { k8s } from 'cdk8s-plus-27';
import { resourcesWithRequests, secureContainerContext } from './pod-security';
import {
  EnvFromInput,
  EnvValue,
  InitContainerInput,
  KeyRefInput,
  KeyToPathInput,
  ProbeInput,
  ResolvedVersion,
  ResolvedWorkload,
  ResourceQuantitiesInput,
  ResourcesInput,
  VolumeInput,
  VolumeMountInput,
} from '../topology/model/types';

/*
 * The pod template of a workload, shared by its stable Deployment / StatefulSet and by its
 * canary Deployment, written field by field with the `k8s` types of cdk8s-plus-27 so that only
 * what the topology says ends up in the YAML (cdk8s-plus' Deployment would add a security
 * context, resource defaults, `automountServiceAccountToken: false`, `dnsPolicy`, ...).
 */

/** `app: <name>`: what Services, Deployment selectors and Istio subsets select on. */
export function selectorLabels(workloadName: string): Record<string, string> {
  return { app: workloadName };
}

/** Pod labels: `app: <name>`, plus `version: <version>` when the workload has one. */
export function podLabels(workloadName: string, version: string | undefined): Record<string, string> {
  return { ...selectorLabels(workloadName), ...(version === undefined ? {} : { version }) };
}

/**
 * The selector of a workload's Deployment (or StatefulSet) of `version`: `app: <name>`, plus
 * `version` with `selectorIncludesVersion`. Kubernetes never lets a selector change: switching
 * `selectorIncludesVersion` on an existing workload needs its Deployments deleted and recreated.
 */
export function deploymentSelector(w: ResolvedWorkload, version: string | undefined): Record<string, string> {
  return w.selectorIncludesVersion ? podLabels(w.name, version) : selectorLabels(w.name);
}

/** What a version changes in the workload's pod template. */
export interface PodTemplateOverrides {
  /** @default the workload's image */
  readonly image?: string;
  /** Variables added to, or replacing (in place) those of, the stable container. @default {} */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /** `version` pod label. @default the workload's version */
  readonly version?: string;
  /** Further pod labels, after `app` and `version`. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The pod template overrides of a version: its image, env, `version` label and labels. */
export function overridesOf(v: ResolvedVersion): PodTemplateOverrides {
  return { image: v.image, env: v.env, version: v.name, labels: v.labels };
}

/** A probe port as Kubernetes takes it: a number, or a container port's name. */
function probePort(port: number | string | undefined, containerPort: number | undefined): k8s.IntOrString {
  return typeof port === 'string' ? k8s.IntOrString.fromString(port) : k8s.IntOrString.fromNumber(port ?? containerPort ?? 0);
}

/** The handler of a probe: upstream's `exec`, `httpGet`, `tcpSocket`, `grpc` as given (a port filled in), or the one a shorthand stands for. */
function probeHandlerOf(probe: ProbeInput, containerPort: number | undefined): k8s.Probe | undefined {
  const headers = (list: ProbeInput['httpHeaders']) => (list === undefined ? {} : { httpHeaders: list.map((h) => ({ name: h.name, value: h.value })) });
  if (probe.exec !== undefined) return { exec: { command: [...probe.exec] } };
  if (probe.httpGet !== undefined) {
    const get = probe.httpGet;
    return {
      httpGet: {
        ...(get.path === undefined ? {} : { path: get.path }),
        port: probePort(get.port, containerPort),
        ...(get.scheme === undefined ? {} : { scheme: get.scheme }),
        ...headers(get.httpHeaders),
      },
    };
  }
  if (probe.tcpSocket !== undefined) return { tcpSocket: { port: probePort(probe.tcpSocket.port, containerPort) } };
  if (probe.grpc !== undefined) return { grpc: { port: probe.grpc.port, ...(probe.grpc.service === undefined ? {} : { service: probe.grpc.service }) } };
  if (probe.httpPath !== undefined) return { httpGet: { path: probe.httpPath, port: probePort(probe.port, containerPort), ...headers(probe.httpHeaders) } };
  if (probe.tcp === true) return { tcpSocket: { port: probePort(probe.port, containerPort) } };
  return undefined;
}

/**
 * A probe in Kubernetes' shape: its one handler (`httpPath` and `tcp` written as the `httpGet`
 * and `tcpSocket` they stand for; a network probe without a port checks the container port),
 * then the timing fields given.
 */
export function probeOf(probe: ProbeInput | undefined, containerPort: number | undefined): k8s.Probe | undefined {
  if (probe === undefined) return undefined;
  const handler = probeHandlerOf(probe, containerPort);
  if (handler === undefined) return undefined;
  return {
    ...handler,
    ...(probe.initialDelaySeconds === undefined ? {} : { initialDelaySeconds: probe.initialDelaySeconds }),
    ...(probe.periodSeconds === undefined ? {} : { periodSeconds: probe.periodSeconds }),
    ...(probe.timeoutSeconds === undefined ? {} : { timeoutSeconds: probe.timeoutSeconds }),
    ...(probe.successThreshold === undefined ? {} : { successThreshold: probe.successThreshold }),
    ...(probe.failureThreshold === undefined ? {} : { failureThreshold: probe.failureThreshold }),
  };
}

const QUANTITY_KEYS = ['cpu', 'memory', 'ephemeral-storage'] as const;

function quantities(values: ResourceQuantitiesInput | undefined): Record<string, k8s.Quantity> | undefined {
  if (values === undefined) return undefined;
  const out: Record<string, k8s.Quantity> = {};
  for (const key of QUANTITY_KEYS) {
    const value = values[key];
    if (value !== undefined) out[key] = k8s.Quantity.fromString(value);
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

function resourcesOf(resources: ResourcesInput | undefined): k8s.ResourceRequirements | undefined {
  if (resources === undefined) return undefined;
  const limits = quantities(resources.limits);
  const requests = quantities(resources.requests);
  if (limits === undefined && requests === undefined) return undefined;
  return { ...(limits === undefined ? {} : { limits }), ...(requests === undefined ? {} : { requests }) };
}

function keyRefOf(ref: KeyRefInput): { name: string; key: string; optional?: boolean } {
  return { name: ref.name, key: ref.key, ...(ref.optional === true ? { optional: true } : {}) };
}

/** One variable: `{ name, value }`, or `{ name, valueFrom }` for a ConfigMap / Secret key or a pod field. */
export function envVarOf(name: string, value: EnvValue): k8s.EnvVar {
  if (typeof value === 'string') return { name, value };
  if (value.configMapKeyRef !== undefined) return { name, valueFrom: { configMapKeyRef: keyRefOf(value.configMapKeyRef) } };
  if (value.secretKeyRef !== undefined) return { name, valueFrom: { secretKeyRef: keyRefOf(value.secretKeyRef) } };
  return { name, valueFrom: { fieldRef: { fieldPath: value.fieldRef?.fieldPath ?? '' } } };
}

/** `envFrom` entries: `configMapRef` or `secretRef`, `optional` only when true. */
export function envFromOf(sources: readonly EnvFromInput[]): k8s.EnvFromSource[] {
  return sources.map((source) => {
    const ref = { name: source.configMap ?? source.secret ?? '', ...(source.optional === true ? { optional: true } : {}) };
    return source.configMap !== undefined ? { configMapRef: ref } : { secretRef: ref };
  });
}

/** Pod volumes: `emptyDir` (as given, `{}` by default), `configMap` or `secret` with their items. */
export function volumeOf(volume: VolumeInput): k8s.Volume {
  const items = (list: readonly KeyToPathInput[] | undefined) => (list === undefined ? {} : { items: list.map((i) => ({ key: i.key, path: i.path })) });
  if (volume.configMap !== undefined) return { name: volume.name, configMap: { name: volume.configMap.name, ...items(volume.configMap.items) } };
  if (volume.secret !== undefined) return { name: volume.name, secret: { secretName: volume.secret.name, ...items(volume.secret.items) } };
  const emptyDir = volume.emptyDir ?? {};
  return {
    name: volume.name,
    emptyDir: {
      ...(emptyDir.medium === undefined ? {} : { medium: emptyDir.medium }),
      ...(emptyDir.sizeLimit === undefined ? {} : { sizeLimit: k8s.Quantity.fromString(emptyDir.sizeLimit) }),
    },
  };
}

function volumeMountOf(mount: VolumeMountInput): k8s.VolumeMount {
  return {
    name: mount.name,
    mountPath: mount.mountPath,
    ...(mount.readOnly === true ? { readOnly: true } : {}),
    ...(mount.subPath === undefined ? {} : { subPath: mount.subPath }),
  };
}

function initContainerOf(init: InitContainerInput): k8s.Container {
  const env = Object.entries(init.env ?? {}).map(([name, value]) => ({ name, value }));
  return {
    name: init.name,
    image: init.image,
    ...(init.command === undefined ? {} : { command: [...init.command] }),
    ...(init.args === undefined ? {} : { args: [...init.args] }),
    ...(env.length === 0 ? {} : { env }),
  };
}

/** Container ports: the workload's port, then its extra ports (named). */
function portsOf(w: ResolvedWorkload): k8s.ContainerPort[] | undefined {
  const ports = [...(w.port === undefined ? [] : [{ containerPort: w.port }]), ...w.extraPorts.map((p) => ({ containerPort: p.port, name: p.name }))];
  return ports.length === 0 ? undefined : ports;
}

/**
 * The workload's container: name, image, args, ports, env (in topology order; a canary's
 * variables replace same-named ones in place and follow the others), envFrom, liveness,
 * readiness and startup probes, resources, security context, volume mounts. What the topology
 * says, plus the secure defaults it leaves out (requests and security context, see
 * `pod-security.ts`); no port name on the main port, no pull policy.
 */
export function containerOf(w: ResolvedWorkload, overrides: PodTemplateOverrides = {}): k8s.Container {
  const env = { ...w.env, ...(overrides.env ?? {}) };
  const envVars = Object.entries(env).map(([name, value]) => envVarOf(name, value));
  const envFrom = envFromOf(w.envFrom);
  const ports = portsOf(w);
  const readiness = probeOf(w.readinessProbe, w.port);
  const liveness = probeOf(w.livenessProbe, w.port);
  const startup = probeOf(w.startupProbe, w.port);
  const resources = resourcesOf(resourcesWithRequests(w.resources));
  const securityContext = secureContainerContext(w.securityContext, w.podSecurityContext);
  return {
    name: w.containerName,
    image: overrides.image ?? w.image,
    ...(w.args === undefined ? {} : { args: [...w.args] }),
    ...(ports === undefined ? {} : { ports }),
    ...(envVars.length === 0 ? {} : { env: envVars }),
    ...(envFrom.length === 0 ? {} : { envFrom }),
    ...(liveness === undefined ? {} : { livenessProbe: liveness }),
    ...(readiness === undefined ? {} : { readinessProbe: readiness }),
    ...(startup === undefined ? {} : { startupProbe: startup }),
    ...(resources === undefined ? {} : { resources }),
    securityContext,
    ...(w.volumeMounts.length === 0 ? {} : { volumeMounts: w.volumeMounts.map(volumeMountOf) }),
  };
}

/**
 * Pod annotation that makes Istio (1.24+) inject its proxy as a Kubernetes native sidecar (an
 * init container with `restartPolicy: Always`), so it runs before the pod's init containers.
 */
export const NATIVE_SIDECAR_ANNOTATION = { 'sidecar.istio.io/nativeSidecar': 'true' } as const;

/**
 * Pod template: labels (app + version), annotations when given (plus
 * {@link NATIVE_SIDECAR_ANNOTATION} with `nativeSidecar`), and a spec with the init
 * containers, the one container, the ServiceAccount, the pod security context, the grace
 * period and the volumes, each only when set.
 */
export function podTemplateOf(w: ResolvedWorkload, overrides: PodTemplateOverrides = {}, nativeSidecar = false): k8s.PodTemplateSpec {
  const all = { ...w.podAnnotations, ...(nativeSidecar ? NATIVE_SIDECAR_ANNOTATION : {}) };
  const annotations = Object.keys(all).length === 0 ? {} : { annotations: all };
  return {
    metadata: { ...annotations, labels: { ...podLabels(w.name, overrides.version ?? w.version), ...(overrides.labels ?? {}) } },
    spec: {
      ...(w.initContainers.length === 0 ? {} : { initContainers: w.initContainers.map(initContainerOf) }),
      containers: [containerOf(w, overrides)],
      ...(w.serviceAccountName === undefined ? {} : { serviceAccountName: w.serviceAccountName }),
      ...(w.podSecurityContext === undefined ? {} : { securityContext: { ...w.podSecurityContext } }),
      ...(w.terminationGracePeriodSeconds === undefined ? {} : { terminationGracePeriodSeconds: w.terminationGracePeriodSeconds }),
      ...(w.volumes.length === 0 ? {} : { volumes: w.volumes.map(volumeOf) }),
    },
  };
}

/**
 * `spec.replicas` as written: only when it differs from Kubernetes' default of 1, as in the
 * seeds' manifests (the model cannot tell a default 1 from an explicit one).
 */
export function replicasOf(w: ResolvedWorkload, replicas = w.replicas): { replicas?: number } {
  return replicas === 1 ? {} : { replicas };
}
