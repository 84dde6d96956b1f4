import { Finding } from './findings';
import {
  AnalysisInput,
  asRecord,
  describeObject,
  excerpt,
  findObject,
  groupOf,
  KubeObject,
  listAt,
  Located,
  nameOf,
  namespaceOf,
  objectsOfKind,
  recordAt,
  stringAt,
} from './objects';
import { hostsOverlap, qualifyHost, ServedHost, servedHosts, visibleClusters } from './service-registry';

/** API group of Istio's networking objects. */
const ISTIO_NETWORKING = 'networking.istio.io';

/** The reserved gateway name that binds a VirtualService to the sidecars. */
const MESH_GATEWAY = 'mesh';

/** Istio's protocol prefixes of Service port names (`<protocol>[-<suffix>]`), from its protocol-selection docs. */
const PORT_NAME = /^(grpc|grpc-web|http|http2|https|mongo|mysql|redis|tcp|tls|udp)(-.*)?$/;

/** Namespaces istioctl analyze leaves out of the port-name check (Kubernetes' own and the control plane's). */
const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'istio-system']);

/**
 * The istioctl analyze checks that need no cluster, run over the synthesized objects:
 * IST0101 (referenced gateway, host or subset not found), IST0109 (mesh VirtualServices with one
 * host), IST0112 (gateway route to a multi-port Service without a port), IST0118 (port names),
 * IST0123 (both injection labels), IST0132 (VirtualService host not on its gateway) and IST0170
 * (a Service that differs across the clusters of the mesh).
 */
export function istioChecks(input: AnalysisInput): Finding[] {
  const virtualServices = objectsOfKind(input, 'VirtualService', ISTIO_NETWORKING);
  return [
    ...virtualServices.flatMap((vs) => virtualServiceReferences(input, vs)),
    ...conflictingMeshHosts(virtualServices),
    ...objectsOfKind(input, 'Service', '').flatMap((service) => portNames(input, service)),
    ...objectsOfKind(input, 'Namespace', '').flatMap(injectionLabels),
    ...inconsistentServices(input),
  ];
}

/** Builds a finding about one object. */
function finding(code: string, severity: Finding['severity'], { cluster, object }: Located, path: string, message: string): Finding {
  return { code, severity, cluster, object: describeObject(object), path, message };
}

/** A route destination of a VirtualService and where it sits. */
interface Destination {
  readonly path: string;
  readonly host?: string;
  readonly subset?: string;
  readonly port?: unknown;
}

/** Every destination of a VirtualService: routes of http, tcp and tls rules, and http mirrors. */
function destinationsOf(vs: KubeObject): Destination[] {
  const found: Destination[] = [];
  const add = (path: string, destination: unknown): void => {
    const host = stringAt(destination, 'host');
    const subset = stringAt(destination, 'subset');
    found.push({ path, host, subset, port: recordAt(destination, 'port').number });
  };
  for (const protocol of ['http', 'tcp', 'tls']) {
    listAt(vs, `spec.${protocol}`).forEach((rule, i) => {
      listAt(rule, 'route').forEach((route, j) => add(`spec.${protocol}[${i}].route[${j}].destination`, recordAt(route, 'destination')));
      if (protocol !== 'http') return;
      if (stringAt(rule, 'mirror.host') !== undefined) add(`spec.http[${i}].mirror`, recordAt(rule, 'mirror'));
      listAt(rule, 'mirrors').forEach((mirror, k) => add(`spec.http[${i}].mirrors[${k}].destination`, recordAt(mirror, 'destination')));
    });
  }
  return found;
}

/** The gateways a VirtualService names, as written; none means the mesh. */
function gatewaysOf(vs: KubeObject): string[] {
  return listAt(vs, 'spec.gateways').filter((g): g is string => typeof g === 'string');
}

/** Whether a VirtualService applies to the sidecars (no gateways, or `mesh` among them). */
function boundToMesh(vs: KubeObject): boolean {
  const gateways = gatewaysOf(vs);
  return gateways.length === 0 || gateways.includes(MESH_GATEWAY);
}

/** IST0101 (gateway, host, subset), IST0112 and IST0132 for one VirtualService. */
function virtualServiceReferences(input: AnalysisInput, vs: Located): Finding[] {
  const findings: Finding[] = [];
  const namespace = namespaceOf(vs.object);
  const hosts = servedHosts(input, visibleClusters(input, vs.cluster));
  const throughGateway = gatewaysOf(vs.object).some((g) => g !== MESH_GATEWAY);

  gatewaysOf(vs.object).forEach((reference, k) => {
    if (reference === MESH_GATEWAY) return;
    const [gatewayNamespace, gatewayName] = reference.includes('/') ? reference.split('/', 2) : [namespace, reference];
    const gateway = findObject(input, vs.cluster, 'Gateway', ISTIO_NETWORKING, gatewayNamespace, gatewayName);
    if (gateway === undefined) {
      findings.push(
        finding(
          'IST0101',
          'error',
          vs,
          `spec.gateways[${k}]`,
          `Referenced gateway not found: ${excerpt(reference)} (expected an Istio Gateway ${gatewayNamespace}/${gatewayName} in cluster ${vs.cluster})`,
        ),
      );
      return;
    }
    findings.push(...hostsMissingOnGateway(vs, gateway));
  });

  for (const destination of destinationsOf(vs.object)) {
    if (destination.host === undefined) continue;
    const host = qualifyHost(destination.host, namespace);
    const served = hosts.filter((h) => hostsOverlap(h.host, host));
    if (served.length === 0) {
      findings.push(
        finding(
          'IST0101',
          'error',
          vs,
          `${destination.path}.host`,
          `Referenced host not found: ${excerpt(destination.host)} (read as ${host}; expected a Service or ServiceEntry host in ${describeScope(input, vs.cluster)})`,
        ),
      );
      continue;
    }
    if (destination.subset !== undefined && !subsetDefined(input, vs.cluster, host, destination.subset)) {
      findings.push(
        finding(
          'IST0101',
          'error',
          vs,
          `${destination.path}.subset`,
          `Referenced host+subset in DestinationRule not found: ${excerpt(destination.subset)} of ${host} (expected a DestinationRule for ${host} in cluster ${vs.cluster} defining that subset)`,
        ),
      );
    }
    if (throughGateway && destination.port === undefined) findings.push(...portSelectorRequired(vs, destination, host, served));
  }
  return findings;
}

/** Where a cluster's proxies look for hosts, for messages. */
function describeScope(input: AnalysisInput, cluster: string): string {
  const clusters = visibleClusters(input, cluster);
  return clusters.length === 1 ? `cluster ${cluster}` : `the mesh clusters ${clusters.join(', ')}`;
}

/** Whether a DestinationRule of `cluster` for `host` defines `subset`. */
function subsetDefined(input: AnalysisInput, cluster: string, host: string, subset: string): boolean {
  return (input.clusters[cluster] ?? []).some((rule) => {
    if (rule.kind !== 'DestinationRule' || groupOf(rule) !== ISTIO_NETWORKING) return false;
    const ruleHost = stringAt(rule, 'spec.host');
    if (ruleHost === undefined || !hostsOverlap(qualifyHost(ruleHost, namespaceOf(rule)), host)) return false;
    return listAt(rule, 'spec.subsets').some((s) => stringAt(s, 'name') === subset);
  });
}

/** IST0112: a gateway route without a port to a Service that exposes several. */
function portSelectorRequired(vs: Located, destination: Destination, host: string, served: readonly ServedHost[]): Finding[] {
  const service = served.find((h) => h.host === host && h.ports !== undefined);
  if (service === undefined || (service.ports ?? []).length <= 1) return [];
  return [
    finding(
      'IST0112',
      'error',
      vs,
      `${destination.path}.port`,
      `This VirtualService routes to ${host}, which exposes ${service.ports!.length} ports, without choosing one (found no port, expected port.number)`,
    ),
  ];
}

/** IST0132: hosts of a VirtualService that no server of its gateway accepts. */
function hostsMissingOnGateway(vs: Located, gateway: KubeObject): Finding[] {
  const vsNamespace = namespaceOf(vs.object);
  const gatewayNamespace = namespaceOf(gateway);
  const accepted = listAt(gateway, 'spec.servers')
    .flatMap((server) => listAt(server, 'hosts'))
    .filter((h): h is string => typeof h === 'string')
    .filter((h) => {
      if (!h.includes('/')) return true;
      const scope = h.split('/', 1)[0];
      return scope === '*' || scope === vsNamespace || (scope === '.' && vsNamespace === gatewayNamespace);
    })
    .map((h) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h));
  const findings: Finding[] = [];
  listAt(vs.object, 'spec.hosts').forEach((host, h) => {
    if (typeof host !== 'string' || accepted.some((a) => hostsOverlap(a, host))) return;
    findings.push(
      finding(
        'IST0132',
        'warning',
        vs,
        `spec.hosts[${h}]`,
        `Host ${excerpt(host)} is not among the hosts of Gateway ${gatewayNamespace}/${nameOf(gateway)} (found ${excerpt(accepted.join(', '))}, expected a host the gateway accepts)`,
      ),
    );
  });
  return findings;
}

/** IST0109: two VirtualServices of one cluster bound to the mesh gateway for the same host. */
function conflictingMeshHosts(virtualServices: readonly Located[]): Finding[] {
  const byHost = new Map<string, Array<{ vs: Located; index: number }>>();
  for (const vs of virtualServices) {
    if (!boundToMesh(vs.object)) continue;
    listAt(vs.object, 'spec.hosts').forEach((host, index) => {
      if (typeof host !== 'string') return;
      const key = `${vs.cluster}\n${qualifyHost(host, namespaceOf(vs.object))}`;
      byHost.set(key, [...(byHost.get(key) ?? []), { vs, index }]);
    });
  }
  const findings: Finding[] = [];
  for (const [key, claims] of byHost) {
    if (claims.length < 2) continue;
    const host = key.split('\n')[1];
    for (const { vs, index } of claims) {
      const others = claims.filter((c) => c.vs !== vs).map((c) => `${namespaceOf(c.vs.object)}/${nameOf(c.vs.object)}`);
      findings.push(
        finding(
          'IST0109',
          'error',
          vs,
          `spec.hosts[${index}]`,
          `The VirtualServices ${others.join(', ')} bound to the mesh gateway also define host ${host} (expected one VirtualService per host on the mesh gateway)`,
        ),
      );
    }
  }
  return findings;
}

/**
 * IST0118: Service ports without appProtocol whose name does not start with a protocol. Only
 * Services of mesh clusters: elsewhere no proxy reads the name.
 */
function portNames(input: AnalysisInput, service: Located): Finding[] {
  if (!input.topology.meshClusters.includes(service.cluster) || SYSTEM_NAMESPACES.has(namespaceOf(service.object))) return [];
  const findings: Finding[] = [];
  listAt(service.object, 'spec.ports').forEach((port, i) => {
    if (stringAt(port, 'appProtocol') !== undefined) return;
    const name = stringAt(port, 'name');
    if (name !== undefined && PORT_NAME.test(name)) return;
    findings.push(
      finding(
        'IST0118',
        'info',
        service,
        `spec.ports[${i}].name`,
        `${name === undefined ? 'A port without a name' : `Port name ${excerpt(name)}`} does not follow Istio's naming convention (expected <protocol>[-<suffix>] with a protocol such as http, grpc, tcp, or an appProtocol)`,
      ),
    );
  });
  return findings;
}

/** IST0123: a namespace with both `istio-injection` and `istio.io/rev`. */
function injectionLabels(namespace: Located): Finding[] {
  const labels = recordAt(namespace.object, 'metadata.labels');
  if (labels['istio-injection'] === undefined || labels['istio.io/rev'] === undefined) return [];
  return [
    finding(
      'IST0123',
      'warning',
      namespace,
      'metadata.labels',
      `The namespace has both istio-injection=${excerpt(labels['istio-injection'])} and istio.io/rev=${excerpt(labels['istio.io/rev'])} (expected only one; istio-injection wins)`,
    ),
  ];
}

/** What IST0170 compares of a Service: its type, whether it is headless, and its ports. */
function serviceShape(service: KubeObject): { type: string; headless: boolean; ports: string } {
  const ports = listAt(service, 'spec.ports')
    .map((p) => `${stringAt(p, 'name') ?? ''}:${String(asRecord(p).port)}/${stringAt(p, 'protocol') ?? 'TCP'}`)
    .sort()
    .join(',');
  return { type: stringAt(service, 'spec.type') ?? 'ClusterIP', headless: stringAt(service, 'spec.clusterIP') === 'None', ports };
}

/** IST0170: a Service (same namespace and name) that differs across the clusters of the mesh. */
function inconsistentServices(input: AnalysisInput): Finding[] {
  const mesh = new Set(input.topology.meshClusters);
  const byName = new Map<string, Located[]>();
  for (const service of objectsOfKind(input, 'Service', '')) {
    if (!mesh.has(service.cluster)) continue;
    const key = `${namespaceOf(service.object)}/${nameOf(service.object)}`;
    byName.set(key, [...(byName.get(key) ?? []), service]);
  }
  const findings: Finding[] = [];
  for (const [key, copies] of byName) {
    if (copies.length < 2) continue;
    const shapes = copies.map((c) => serviceShape(c.object));
    const differs = (['type', 'headless', 'ports'] as const).filter((aspect) => shapes.some((s) => s[aspect] !== shapes[0][aspect]));
    if (differs.length === 0) continue;
    const path = differs[0] === 'ports' ? 'spec.ports' : differs[0] === 'type' ? 'spec.type' : 'spec.clusterIP';
    const found = copies.map((c, i) => `${c.cluster}: ${differs.map((d) => `${d} ${String(shapes[i][d])}`).join(' ')}`).join('; ');
    findings.push(
      finding(
        'IST0170',
        'warning',
        copies[0],
        path,
        `The Service ${key} is inconsistent across the mesh clusters ${copies.map((c) => c.cluster).join(', ')} (found ${found}; expected the same ${differs.join(', ')} everywhere)`,
      ),
    );
  }
  return findings;
}
