import { k8s } from 'cdk8s-plus-27';
import { ContainerSecurityContextInput, PodSecurityContextInput, ResourcesInput } from '../topology/model/types';

/*
 * Secure defaults of app containers (issue 10 point 4), after the Kubernetes Pod Security
 * Standards "restricted" profile, which the GKE hardening guide and CIS GKE Benchmark 4.2
 * ("Pod Security Standards") point to, and requests for every container (GKE hardening guide:
 * resource requests; CIS GKE Benchmark 4.x asks for no unbounded workloads). Only what the
 * topology leaves out is filled: a value it sets is always kept.
 */

/** Requests given to a container whose topology sets neither a request nor a limit of that resource. */
export const DEFAULT_REQUESTS = { cpu: '100m', memory: '128Mi' } as const;

/** Seccomp profile filled in: the container runtime's default profile. */
export const DEFAULT_SECCOMP_PROFILE = { type: 'RuntimeDefault' } as const;

/**
 * True when the container is declared to run as root: `runAsNonRoot: false` or `runAsUser: 0`,
 * on the container or (when the container says nothing) on the pod.
 */
function declaredRoot(container: ContainerSecurityContextInput, pod: PodSecurityContextInput | undefined): boolean {
  const nonRoot = container.runAsNonRoot ?? pod?.runAsNonRoot;
  const user = container.runAsUser ?? pod?.runAsUser;
  return nonRoot === false || user === 0;
}

/**
 * The container security context: the topology's fields, and for each one it leaves out:
 *
 * - `runAsNonRoot: true`, unless the pod security context sets `runAsNonRoot` (the container
 *   inherits it) or the container is declared to run as root;
 * - `allowPrivilegeEscalation: false`, unless the container is `privileged` (Kubernetes refuses both);
 * - `capabilities: { drop: [ALL] }` when no `capabilities` are given, unless the container is
 *   declared to run as root (root entrypoints such as PostgreSQL's need the runtime's default
 *   capabilities to drop to their own user); `capabilities: {}` keeps the runtime's defaults;
 * - `seccompProfile: { type: RuntimeDefault }`.
 */
export function secureContainerContext(given: ContainerSecurityContextInput | undefined, pod: PodSecurityContextInput | undefined): k8s.SecurityContext {
  const context = given ?? {};
  const root = declaredRoot(context, pod);
  const { capabilities, seccompProfile, ...rest } = context;
  return {
    ...(context.allowPrivilegeEscalation === undefined && context.privileged !== true ? { allowPrivilegeEscalation: false } : {}),
    ...(capabilities !== undefined
      ? { capabilities: { ...(capabilities.add ? { add: [...capabilities.add] } : {}), ...(capabilities.drop ? { drop: [...capabilities.drop] } : {}) } }
      : root
        ? {}
        : { capabilities: { drop: ['ALL'] } }),
    ...(context.runAsNonRoot === undefined && pod?.runAsNonRoot === undefined && !root ? { runAsNonRoot: true } : {}),
    ...rest,
    seccompProfile: seccompProfile === undefined ? { ...DEFAULT_SECCOMP_PROFILE } : { ...seccompProfile },
  };
}

/**
 * The topology's resources with {@link DEFAULT_REQUESTS} filled in for CPU and memory when
 * neither their request nor their limit is given (a limit alone makes Kubernetes request as
 * much, so it is left as is).
 */
export function resourcesWithRequests(resources: ResourcesInput | undefined): ResourcesInput {
  const requests = { ...(resources?.requests ?? {}) };
  for (const key of ['cpu', 'memory'] as const) {
    if (requests[key] === undefined && resources?.limits?.[key] === undefined) requests[key] = DEFAULT_REQUESTS[key];
  }
  return { ...resources, requests };
}
