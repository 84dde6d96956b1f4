import { AnalysisInput, asRecord, groupOf, KubeObject, listAt, nameOf, namespaceOf, stringAt } from './objects';

/** Kubernetes' cluster domain, as Istio assumes it. */
export const CLUSTER_DOMAIN = 'svc.cluster.local';

/** Namespace of the Istio control plane and of the gateways an IstioOperator installs by default. */
const ISTIO_SYSTEM = 'istio-system';

/**
 * A host as Istio reads it in a VirtualService or DestinationRule of `namespace`: a short name
 * (no dot) is the Service of that name in that namespace; anything else is taken as written.
 */
export function qualifyHost(host: string, namespace: string): string {
  return host.startsWith('*') || host.includes('.') ? host : `${host}.${namespace}.${CLUSTER_DOMAIN}`;
}

/**
 * Whether two hosts overlap, as Istio matches hosts: equal, or one is `*`, or one is a wildcard
 * (`*.example.com`) that covers the other.
 */
export function hostsOverlap(a: string, b: string): boolean {
  if (a === b || a === '*' || b === '*') return true;
  const covers = (wild: string, other: string): boolean =>
    wild.startsWith('*.') && (other.startsWith('*.') ? other.slice(1).endsWith(wild.slice(1)) : other.endsWith(wild.slice(1)));
  return covers(a, b) || covers(b, a);
}

/** A host some cluster serves: a Service (with its ports) or a ServiceEntry host. */
export interface ServedHost {
  /** Fully qualified, or a ServiceEntry host as written (may be a wildcard). */
  readonly host: string;
  /** Service ports; undefined for ServiceEntry hosts and control-plane services. */
  readonly ports?: readonly unknown[];
}

/**
 * Every host the objects of `clusters` serve: their Services
 * (`<name>.<namespace>.svc.cluster.local`), their ServiceEntry hosts, and the services an
 * IstioOperator installs (istiod, the operator's gateways).
 */
export function servedHosts(input: AnalysisInput, clusters: readonly string[]): ServedHost[] {
  const served: ServedHost[] = [];
  for (const cluster of clusters) {
    for (const object of input.clusters[cluster] ?? []) served.push(...hostsOf(object));
  }
  return served;
}

function hostsOf(object: KubeObject): ServedHost[] {
  if (object.kind === 'Service' && groupOf(object) === '') {
    return [{ host: `${nameOf(object)}.${namespaceOf(object)}.${CLUSTER_DOMAIN}`, ports: listAt(object, 'spec.ports') }];
  }
  if (object.kind === 'ServiceEntry' && groupOf(object) === 'networking.istio.io') {
    return listAt(object, 'spec.hosts')
      .filter((h): h is string => typeof h === 'string')
      .map((host) => ({ host }));
  }
  if (object.kind === 'IstioOperator') {
    const installed: ServedHost[] = [];
    if (stringAt(object, 'spec.profile') !== 'empty') installed.push({ host: `istiod.${ISTIO_SYSTEM}.${CLUSTER_DOMAIN}` });
    for (const gateway of [...listAt(object, 'spec.components.ingressGateways'), ...listAt(object, 'spec.components.egressGateways')]) {
      const name = stringAt(gateway, 'name');
      const namespace = stringAt(gateway, 'namespace') ?? ISTIO_SYSTEM;
      if (name !== undefined && asRecord(gateway).enabled !== false) installed.push({ host: `${name}.${namespace}.${CLUSTER_DOMAIN}` });
    }
    return installed;
  }
  return [];
}

/** The clusters whose hosts a cluster's proxies know: the whole mesh for a mesh member, else itself. */
export function visibleClusters(input: AnalysisInput, cluster: string): readonly string[] {
  return input.topology.meshClusters.includes(cluster) ? input.topology.meshClusters : [cluster];
}
