import {
  ANNOTATIONS_MAX_BYTES,
  compareQuantities,
  CONFIGMAP_MAX_BYTES,
  ESCALATING_CAPABILITIES,
  ISTIO_CONTAINER_NAMES,
  ISTIO_SIDECAR_PORTS,
  ISTIO_VOLUME_NAMES,
  parseQuantity,
} from './predicates';
import { Problem, problem } from './problems';
import { ContainerSecurityContextInput, PodSecurityContextInput, ResolvedApp, ResolvedTopology, ResolvedWorkload, ResourcesInput } from '../model/types';

/*
 * Limits of the Kubernetes API server, the kubelet and the Istio sidecar that the schema's
 * formats cannot say (issue 17): what a workload's pod, Service and ConfigMaps may hold once
 * meshfleet writes them. Each problem names the field to change.
 */

/** Bytes of `text` in UTF-8, as Kubernetes counts the size of data and annotations. */
function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Bytes of a mapping's keys and values together. */
function mappingBytes(mapping: Readonly<Record<string, string>>): number {
  return Object.entries(mapping).reduce((total, [key, value]) => total + bytes(key) + bytes(value), 0);
}

/**
 * Bytes of `value` as Go's encoding/json writes it (kubectl's last-applied-configuration): the
 * compact JSON, with `<`, `>` and `&` escaped as `\u003c` (6 bytes each).
 */
function goJsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  return bytes(json) + 5 * (json.match(/[<>&]/g)?.length ?? 0);
}

/**
 * What a ConfigMap's last-applied-configuration annotation holds beyond its data: apiVersion,
 * kind, name, namespace and meshfleet's labels, and the annotation's own key (an upper bound).
 */
const LAST_APPLIED_OVERHEAD = 1024;

/** Size in a message: KiB with one decimal. */
function kib(size: number): string {
  return `${(size / 1024).toFixed(1)} KiB`;
}

/** Whether the pods of `w` get an Istio sidecar: the mesh injects every app namespace of its member clusters, unless the pod opts out. */
function injected(model: ResolvedTopology, w: ResolvedWorkload): boolean {
  if (model.mesh === undefined || w.podAnnotations['sidecar.istio.io/inject'] === 'false') return false;
  return model.clusters.some((c) => c.meshMember && w.clusters.includes(c.name));
}

/** Reports each entry of `values` equal to an earlier one, at the later entry's path. */
function duplicates<T>(values: ReadonlyArray<{ readonly value: T; readonly path: string }>, what: string, expected: string, problems: Problem[]): void {
  values.forEach((later, k) => {
    const earlier = values.slice(0, k).find((v) => v.value === later.value);
    if (earlier !== undefined) problems.push(problem(later.path, `${what}, already declared by ${earlier.path}`, later.value, expected));
  });
}

/**
 * Ports: no container port and no Service port twice (the API server refuses a Service with
 * one port twice, and a container port declared twice is a duplicate definition), and on an
 * injected pod none of the Istio sidecar's own ports.
 */
function checkPorts(model: ResolvedTopology, w: ResolvedWorkload, at: string, problems: Problem[]): void {
  const containerPorts = [
    ...(w.port === undefined ? [] : [{ value: w.port, path: `${at}.port` }]),
    ...w.extraPorts.map((p, k) => ({ value: p.port, path: `${at}.extraPorts[${k}].port` })),
  ];
  duplicates(containerPorts, 'the container declares this port twice', 'a container port of its own', problems);
  if (w.port !== undefined && w.servicePort !== undefined) {
    const servicePorts = [{ value: w.servicePort, target: w.port, at }, ...w.extraPorts.map((p, k) => ({ value: p.servicePort, target: p.port, at: `${at}.extraPorts[${k}]` }))];
    servicePorts.forEach((later, k) => {
      const earlier = servicePorts.slice(0, k).find((p) => p.value === later.value);
      // Two Service ports that follow their container ports: the container's duplicate says it.
      if (earlier === undefined || (earlier.value === earlier.target && later.value === later.target)) return;
      const pathOf = (p: typeof later) => `${p.at}.${p.value === p.target ? 'port' : 'servicePort'}`;
      problems.push(problem(pathOf(later), `the Service declares this port twice, already declared by ${pathOf(earlier)}`, later.value, 'a Service port of its own (servicePort)'));
    });
  }
  if (!injected(model, w)) return;
  for (const { value, path } of containerPorts) {
    if (ISTIO_SIDECAR_PORTS.includes(value)) {
      problems.push(
        problem(
          path,
          "the Istio sidecar listens on this port in the workload's pods",
          value,
          `a port other than ${ISTIO_SIDECAR_PORTS.join(', ')} (or the pod annotation sidecar.istio.io/inject: "false")`,
        ),
      );
    }
  }
}

/** Container names: unique in the pod, and none of the containers Istio injects. */
function checkContainerNames(model: ResolvedTopology, w: ResolvedWorkload, at: string, problems: Problem[]): void {
  const names = [
    { value: w.containerName, path: w.containerName === w.name ? `${at}.name` : `${at}.containerName` },
    ...w.initContainers.map((c, k) => ({ value: c.name, path: `${at}.initContainers[${k}].name` })),
  ];
  duplicates(names, 'another container of the pod has this name', 'a container name unique in the pod', problems);
  if (!injected(model, w)) return;
  for (const { value, path } of names) {
    if (ISTIO_CONTAINER_NAMES.includes(value)) {
      problems.push(problem(path, 'Istio injects a container of this name into the pod', value, `a name other than ${ISTIO_CONTAINER_NAMES.join(', ')}`));
    }
  }
}

/** Volume names Istio's injection adds to the pod. */
function checkVolumeNames(model: ResolvedTopology, w: ResolvedWorkload, at: string, problems: Problem[]): void {
  if (!injected(model, w)) return;
  w.volumes.forEach((v, k) => {
    if (ISTIO_VOLUME_NAMES.includes(v.name)) {
      problems.push(
        problem(`${at}.volumes[${k}].name`, "Istio's sidecar injection adds a volume of this name to the pod", v.name, `a name other than ${ISTIO_VOLUME_NAMES.join(', ')}`),
      );
    }
  });
}

/**
 * The security context as the API server and the kubelet take it: `allowPrivilegeEscalation:
 * false` (meshfleet's default unless privileged) with neither `privileged` nor CAP_SYS_ADMIN; a
 * `Localhost` seccomp profile with its file and only it; `runAsUser: 0` never with
 * `runAsNonRoot: true` (the kubelet refuses to start the container).
 */
function checkSecurityContext(w: ResolvedWorkload, at: string, problems: Problem[]): void {
  const context: ContainerSecurityContextInput = w.securityContext ?? {};
  const pod: PodSecurityContextInput = w.podSecurityContext ?? {};
  const path = `${at}.securityContext`;
  if (context.allowPrivilegeEscalation === false && context.privileged === true) {
    problems.push(
      problem(
        `${path}.allowPrivilegeEscalation`,
        'a privileged container always escalates privileges (Kubernetes refuses both)',
        false,
        'true or no allowPrivilegeEscalation, or no privileged',
      ),
    );
  }
  const escalating = (context.capabilities?.add ?? []).findIndex((c) => ESCALATING_CAPABILITIES.includes(c));
  if (escalating >= 0 && context.allowPrivilegeEscalation !== true && context.privileged !== true) {
    const setting = context.allowPrivilegeEscalation === false ? 'allowPrivilegeEscalation is false' : 'allowPrivilegeEscalation is false (meshfleet fills it in)';
    problems.push(
      problem(
        `${path}.capabilities.add[${escalating}]`,
        `CAP_SYS_ADMIN lets the container escalate privileges, and ${setting}: Kubernetes refuses both`,
        context.capabilities!.add![escalating],
        'allowPrivilegeEscalation: true, or no SYS_ADMIN',
      ),
    );
  }
  const seccomp = context.seccompProfile;
  if (seccomp?.type === 'Localhost' && seccomp.localhostProfile === undefined) {
    problems.push(
      problem(
        `${path}.seccompProfile.localhostProfile`,
        'a Localhost seccomp profile names its file on the node',
        undefined,
        'a path relative to the kubelet seccomp folder, such as profiles/audit.json',
      ),
    );
  } else if (seccomp !== undefined && seccomp.type !== 'Localhost' && seccomp.localhostProfile !== undefined) {
    problems.push(
      problem(
        `${path}.seccompProfile.localhostProfile`,
        `only a Localhost seccomp profile has a file, not ${seccomp.type}`,
        seccomp.localhostProfile,
        'no localhostProfile, or type: Localhost',
      ),
    );
  }
  const user = context.runAsUser ?? pod.runAsUser;
  const nonRoot = context.runAsNonRoot ?? pod.runAsNonRoot;
  if (user === 0 && nonRoot === true) {
    const userPath = context.runAsUser !== undefined ? `${path}.runAsUser` : `${at}.podSecurityContext.runAsUser`;
    const nonRootPath = context.runAsNonRoot !== undefined ? `${path}.runAsNonRoot` : `${at}.podSecurityContext.runAsNonRoot`;
    problems.push(problem(userPath, `runs the container as root while ${nonRootPath} is true: the kubelet refuses to start it`, 0, `a non-zero user ID, or runAsNonRoot: false`));
  }
}

/** Requests above their limits: the API server refuses the pod template. */
function checkResources(resources: ResourcesInput | undefined, at: string, problems: Problem[]): void {
  for (const key of ['cpu', 'memory', 'ephemeral-storage'] as const) {
    const request = resources?.requests?.[key];
    const limit = resources?.limits?.[key];
    if (request === undefined || limit === undefined) continue;
    const [requested, limited] = [parseQuantity(request), parseQuantity(limit)];
    // (A quantity that does not parse is the schema's problem.)
    if (requested !== undefined && limited !== undefined && compareQuantities(requested, limited) > 0) {
      problems.push(problem(`${at}.resources.requests.${key}`, `the request is above the limit ${limit}`, request, `at most ${limit} (resources.limits.${key})`));
    }
  }
}

function checkWorkload(model: ResolvedTopology, w: ResolvedWorkload, at: string, problems: Problem[]): void {
  checkPorts(model, w, at, problems);
  checkContainerNames(model, w, at, problems);
  checkVolumeNames(model, w, at, problems);
  checkSecurityContext(w, at, problems);
  checkResources(w.resources, at, problems);
  const annotations = mappingBytes(w.podAnnotations);
  if (annotations > ANNOTATIONS_MAX_BYTES) {
    problems.push(
      problem(
        `${at}.podAnnotations`,
        `the annotations of a pod hold at most ${kib(ANNOTATIONS_MAX_BYTES)}, keys and values together`,
        kib(annotations),
        `at most ${kib(ANNOTATIONS_MAX_BYTES)}`,
      ),
    );
  }
}

function checkApp(model: ResolvedTopology, app: ResolvedApp, i: number, problems: Problem[]): void {
  app.configMaps.forEach((c, j) => {
    const path = `apps[${i}].configMaps[${j}].data`;
    const size = mappingBytes(c.data);
    const applied = goJsonBytes(c.data) + LAST_APPLIED_OVERHEAD;
    if (size > CONFIGMAP_MAX_BYTES) {
      problems.push(problem(path, `a ConfigMap holds at most ${kib(CONFIGMAP_MAX_BYTES)}, keys and values together`, kib(size), `at most ${kib(CONFIGMAP_MAX_BYTES)}`));
    } else if (applied > ANNOTATIONS_MAX_BYTES) {
      // The runbook applies each cluster folder with `kubectl apply -k` (client-side apply).
      problems.push(
        problem(
          path,
          `kubectl apply -k, as the runbook applies the folder, copies the ConfigMap into its last-applied-configuration annotation, and annotations hold at most ${kib(ANNOTATIONS_MAX_BYTES)}`,
          `${kib(applied - LAST_APPLIED_OVERHEAD)} of data as JSON`,
          `at most ${kib(ANNOTATIONS_MAX_BYTES - LAST_APPLIED_OVERHEAD)} of data as JSON (split the ConfigMap, or mark it external and create it with kubectl apply --server-side)`,
        ),
      );
    }
  });
  app.workloads.forEach((w, j) => checkWorkload(model, w, `apps[${i}].workloads[${j}]`, problems));
  app.vmWorkloads.forEach((vm, j) => {
    const at = `apps[${i}].vmWorkloads[${j}]`;
    duplicates(
      vm.ports.map((p, k) => ({ value: p.name, path: `${at}.ports[${k}].name` })),
      'duplicate port name',
      'a unique port name',
      problems,
    );
    duplicates(
      vm.ports.map((p, k) => ({ value: p.port, path: `${at}.ports[${k}].port` })),
      'duplicate port',
      'a port of its own',
      problems,
    );
    vm.ports.forEach((p, k) => {
      if (ISTIO_SIDECAR_PORTS.includes(p.port)) {
        problems.push(problem(`${at}.ports[${k}].port`, "the VM's Istio proxy listens on this port", p.port, `a port other than ${ISTIO_SIDECAR_PORTS.join(', ')}`));
      }
    });
  });
}

/**
 * The API limits of every app: ConfigMap sizes; per workload its ports, container and volume
 * names, security context, resources and annotations; the ports of its VM workloads.
 */
export function checkLimits(model: ResolvedTopology, problems: Problem[]): void {
  model.apps.forEach((app, i) => checkApp(model, app, i, problems));
}
