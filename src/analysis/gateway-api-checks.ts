import { Finding } from './findings';
import { AnalysisInput, at, describeObject, excerpt, findObject, hasObject, listAt, Located, namespaceOf, objectsOfKind, stringAt } from './objects';

/** API group of the Gateway API. */
const GATEWAY_API = 'gateway.networking.k8s.io';

/** API group of GKE's multi-cluster services (ServiceExport, ServiceImport). */
const MCS = 'net.gke.io';

/** API group of GKE's Gateway policies. */
const GKE_NETWORKING = 'networking.gke.io';

/** The GKE policies that attach to an object of their own namespace through `spec.targetRef`. */
const POLICY_KINDS = ['HealthCheckPolicy', 'GCPBackendPolicy', 'GCPGatewayPolicy'] as const;

/**
 * Gateway API checks over the synthesized objects:
 * GW001 a route's parent (Gateway, or Service for GAMMA) does not exist in its cluster, or its
 *   `sectionName` names no listener of the Gateway;
 * GW002 a ServiceImport backend that no cluster of the fleet exports;
 * GW003 a GKE policy whose target does not exist in the policy's namespace;
 * GW004 a Service backend that does not exist in the route's cluster;
 * GW005 a backend in another namespace than the route that no ReferenceGrant there allows.
 */
export function gatewayApiChecks(input: AnalysisInput): Finding[] {
  return [
    ...['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute'].flatMap((kind) => objectsOfKind(input, kind, GATEWAY_API)).flatMap((route) => routeReferences(input, route)),
    ...POLICY_KINDS.flatMap((kind) => objectsOfKind(input, kind, GKE_NETWORKING)).flatMap((policy) => policyTarget(input, policy)),
  ];
}

/** Builds a finding about one object. */
function finding(code: string, { cluster, object }: Located, path: string, message: string): Finding {
  return { code, severity: 'error', cluster, object: describeObject(object), path, message };
}

/** A reference to another object: group, kind, namespace and name, with Gateway API defaults applied. */
interface Reference {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

function referenceOf(ref: unknown, namespace: string, defaults: { group: string; kind: string }): Reference {
  return {
    group: stringAt(ref, 'group') ?? defaults.group,
    kind: stringAt(ref, 'kind') ?? defaults.kind,
    namespace: stringAt(ref, 'namespace') ?? namespace,
    name: stringAt(ref, 'name') ?? '',
  };
}

/** Whether any cluster of the fleet exports `namespace/name` (a ServiceExport of that name). */
function exported(input: AnalysisInput, namespace: string, name: string): boolean {
  return Object.keys(input.clusters).some((cluster) => hasObject(input, cluster, 'ServiceExport', MCS, namespace, name));
}

/** Whether `ref` resolves from `cluster`: ServiceImports fleet-wide, everything else in the cluster. */
function resolves(input: AnalysisInput, cluster: string, ref: Reference): boolean {
  if (ref.kind === 'ServiceImport' && ref.group === MCS) return exported(input, ref.namespace, ref.name);
  return hasObject(input, cluster, ref.kind, ref.group, ref.namespace, ref.name);
}

/**
 * Whether a ReferenceGrant in `ref`'s namespace of the route's cluster lets routes of the route's
 * kind in `namespace` reference `ref` (a `to` entry of its group and kind, naming it or none).
 */
function granted(input: AnalysisInput, route: Located, namespace: string, ref: Reference): boolean {
  return objectsOfKind(input, 'ReferenceGrant', GATEWAY_API).some(
    (grant) =>
      grant.cluster === route.cluster &&
      namespaceOf(grant.object) === ref.namespace &&
      listAt(grant.object, 'spec.from').some((f) => stringAt(f, 'group') === GATEWAY_API && stringAt(f, 'kind') === route.object.kind && stringAt(f, 'namespace') === namespace) &&
      listAt(grant.object, 'spec.to').some(
        (t) => (stringAt(t, 'group') ?? '') === ref.group && stringAt(t, 'kind') === ref.kind && (stringAt(t, 'name') === undefined || stringAt(t, 'name') === ref.name),
      ),
  );
}

/** GW001 for the parents, GW002/GW004/GW005 for the backends (rules and mirror filters) of a route. */
function routeReferences(input: AnalysisInput, route: Located): Finding[] {
  const findings: Finding[] = [];
  const namespace = namespaceOf(route.object);
  listAt(route.object, 'spec.parentRefs').forEach((parent, i) => {
    const ref = referenceOf(parent, namespace, { group: GATEWAY_API, kind: 'Gateway' });
    if (resolves(input, route.cluster, ref)) {
      const section = stringAt(parent, 'sectionName');
      const gateway = ref.kind === 'Gateway' && ref.group === GATEWAY_API ? findObject(input, route.cluster, ref.kind, ref.group, ref.namespace, ref.name) : undefined;
      if (section === undefined || gateway === undefined) return;
      const listeners = listAt(gateway, 'spec.listeners').map((l) => stringAt(l, 'name'));
      if (listeners.includes(section)) return;
      findings.push(
        finding(
          'GW001',
          route,
          `spec.parentRefs[${i}].sectionName`,
          `Gateway ${ref.namespace}/${ref.name} has no listener ${excerpt(section)} (expected one of ${listeners.join(', ')})`,
        ),
      );
      return;
    }
    findings.push(
      finding(
        'GW001',
        route,
        `spec.parentRefs[${i}]`,
        `Parent ${ref.kind} ${ref.namespace}/${ref.name} not found (expected a ${ref.kind} of that name in namespace ${ref.namespace} of cluster ${route.cluster})`,
      ),
    );
  });
  listAt(route.object, 'spec.rules').forEach((rule, r) => {
    const backends: Array<{ path: string; ref: unknown }> = listAt(rule, 'backendRefs').map((ref, b) => ({ path: `spec.rules[${r}].backendRefs[${b}]`, ref }));
    listAt(rule, 'filters').forEach((filter, f) => {
      const mirror = at(filter, 'requestMirror.backendRef');
      if (mirror !== undefined) backends.push({ path: `spec.rules[${r}].filters[${f}].requestMirror.backendRef`, ref: mirror });
    });
    for (const { path, ref: raw } of backends) {
      const ref = referenceOf(raw, namespace, { group: '', kind: 'Service' });
      if (ref.namespace !== namespace && !granted(input, route, namespace, ref)) {
        findings.push(
          finding(
            'GW005',
            route,
            `${path}.namespace`,
            `Backend ${ref.kind} ${ref.namespace}/${ref.name} is in another namespace and no ReferenceGrant there allows it (expected a ReferenceGrant in namespace ${ref.namespace} of cluster ${route.cluster} from ${route.object.kind} in ${namespace} to ${ref.kind} ${ref.name})`,
          ),
        );
      }
      if (resolves(input, route.cluster, ref)) continue;
      if (ref.kind === 'ServiceImport') {
        findings.push(
          finding(
            'GW002',
            route,
            path,
            `Backend ServiceImport ${ref.namespace}/${ref.name} is exported by no cluster (expected a ServiceExport ${ref.namespace}/${ref.name} in a fleet cluster)`,
          ),
        );
      } else {
        findings.push(finding('GW004', route, path, `Backend ${ref.kind} ${ref.namespace}/${ref.name} not found (expected it in cluster ${route.cluster})`));
      }
    }
  });
  return findings;
}

/** GW003: a policy's `spec.targetRef` must name an existing object of the policy's own namespace. */
function policyTarget(input: AnalysisInput, policy: Located): Finding[] {
  const namespace = namespaceOf(policy.object);
  const target = at(policy.object, 'spec.targetRef');
  if (target === null || typeof target !== 'object')
    return [finding('GW003', policy, 'spec.targetRef', 'The policy has no targetRef (expected the Service, ServiceImport or Gateway it applies to)')];
  const ref = referenceOf(target, namespace, { group: '', kind: 'Service' });
  if (ref.namespace !== namespace) {
    return [
      finding(
        'GW003',
        policy,
        'spec.targetRef.namespace',
        `Target namespace ${excerpt(ref.namespace)} differs from the policy's (expected ${namespace}: a policy applies only in its own namespace)`,
      ),
    ];
  }
  if (resolves(input, policy.cluster, ref)) return [];
  const where = ref.kind === 'ServiceImport' ? 'exported by a fleet cluster (ServiceExport)' : `in cluster ${policy.cluster}`;
  return [finding('GW003', policy, 'spec.targetRef', `Target ${ref.kind} ${namespace}/${ref.name} not found (expected it ${where})`)];
}
