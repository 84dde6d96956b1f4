import { k8s } from 'cdk8s-plus-27';
import { ProbeInput, ResolvedWorkload, ResourcesInput } from '../topology/types';

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

/** What a canary changes in the stable pod template. */
export interface PodTemplateOverrides {
  /** @default the workload's image */
  readonly image?: string;
  /** Variables added to, or replacing (in place) those of, the stable container. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** `version` pod label. @default the workload's version */
  readonly version?: string;
}

/** Liveness and readiness probe: `exec` runs a command, `httpPath` GETs the container port. */
function probeOf(probe: ProbeInput | undefined, port: number): k8s.Probe | undefined {
  if (probe?.exec !== undefined) return { exec: { command: [...probe.exec] } };
  if (probe?.httpPath !== undefined) return { httpGet: { path: probe.httpPath, port: k8s.IntOrString.fromNumber(port) } };
  return undefined;
}

function quantities(values: { readonly cpu?: string; readonly memory?: string } | undefined): Record<string, k8s.Quantity> | undefined {
  if (values === undefined) return undefined;
  const out: Record<string, k8s.Quantity> = {};
  if (values.cpu !== undefined) out.cpu = k8s.Quantity.fromString(values.cpu);
  if (values.memory !== undefined) out.memory = k8s.Quantity.fromString(values.memory);
  return Object.keys(out).length === 0 ? undefined : out;
}

function resourcesOf(resources: ResourcesInput | undefined): k8s.ResourceRequirements | undefined {
  if (resources === undefined) return undefined;
  const limits = quantities(resources.limits);
  const requests = quantities(resources.requests);
  if (limits === undefined && requests === undefined) return undefined;
  return { ...(limits === undefined ? {} : { limits }), ...(requests === undefined ? {} : { requests }) };
}

/**
 * The workload's single container: name, image, `containerPort`, env (in topology order; a
 * canary's variables replace same-named ones in place and follow the others), liveness and
 * readiness probe, resources. Nothing else: no port name, no pull policy, no security context.
 */
export function containerOf(w: ResolvedWorkload, overrides: PodTemplateOverrides = {}): k8s.Container {
  const env = { ...w.env, ...(overrides.env ?? {}) };
  const envVars = Object.entries(env).map(([name, value]) => ({ name, value }));
  const probe = probeOf(w.probe, w.port);
  const resources = resourcesOf(w.resources);
  return {
    name: w.containerName,
    image: overrides.image ?? w.image,
    ports: [{ containerPort: w.port }],
    ...(envVars.length === 0 ? {} : { env: envVars }),
    ...(probe === undefined ? {} : { livenessProbe: probe, readinessProbe: probe }),
    ...(resources === undefined ? {} : { resources }),
  };
}

/** Pod template: labels (app + version) and a spec with the one container and the grace period. */
export function podTemplateOf(w: ResolvedWorkload, overrides: PodTemplateOverrides = {}): k8s.PodTemplateSpec {
  return {
    metadata: { labels: podLabels(w.name, overrides.version ?? w.version) },
    spec: {
      containers: [containerOf(w, overrides)],
      ...(w.terminationGracePeriodSeconds === undefined ? {} : { terminationGracePeriodSeconds: w.terminationGracePeriodSeconds }),
    },
  };
}

/**
 * `spec.replicas` as written: only when it differs from Kubernetes' default of 1, as in the
 * seeds' manifests (the model cannot tell a default 1 from an explicit one).
 */
export function replicasOf(w: ResolvedWorkload): { replicas?: number } {
  return w.replicas === 1 ? {} : { replicas: w.replicas };
}
