import { AnalysisInput, KubeObject, TerraformStackJson, TopologyFacts } from '../../src/analysis/objects';

/** An analysis input of hand-built objects; topology facts and Terraform default to none. */
export function inputOf(
  clusters: Record<string, KubeObject[]>,
  options: { readonly terraform?: Record<string, TerraformStackJson>; readonly topology?: Partial<TopologyFacts> } = {},
): AnalysisInput {
  return {
    clusters,
    terraform: options.terraform ?? {},
    topology: { meshClusters: [], externalClusters: [], deployedClusters: [], ...options.topology },
  };
}

/** A namespaced object of `apiVersion` and `kind`. */
export function object(apiVersion: string, kind: string, namespace: string, name: string, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace }, spec };
}

export const service = (namespace: string, name: string, ports: Array<Record<string, unknown>> = [{ name: 'http', port: 80 }], extra: Record<string, unknown> = {}) =>
  object('v1', 'Service', namespace, name, { ports, ...extra });
export const virtualService = (namespace: string, name: string, spec: Record<string, unknown>) => object('networking.istio.io/v1', 'VirtualService', namespace, name, spec);
export const destinationRule = (namespace: string, name: string, host: string, subsets: string[]) =>
  object('networking.istio.io/v1', 'DestinationRule', namespace, name, { host, subsets: subsets.map((s) => ({ name: s, labels: { version: s } })) });
export const istioGateway = (namespace: string, name: string, hosts: string[]) =>
  object('networking.istio.io/v1', 'Gateway', namespace, name, {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts }],
  });
export const namespaceObject = (name: string, labels: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
export const httpRoute = (namespace: string, name: string, spec: Record<string, unknown>) => object('gateway.networking.k8s.io/v1', 'HTTPRoute', namespace, name, spec);
export const apiGateway = (namespace: string, name: string, className: string, addresses: Array<Record<string, unknown>> = []) =>
  object('gateway.networking.k8s.io/v1', 'Gateway', namespace, name, {
    gatewayClassName: className,
    listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
    ...(addresses.length ? { addresses } : {}),
  });
export const serviceExport = (namespace: string, name: string): KubeObject => ({ apiVersion: 'net.gke.io/v1', kind: 'ServiceExport', metadata: { name, namespace } });
export const serviceImportRef = (name: string) => ({ group: 'net.gke.io', kind: 'ServiceImport', name, port: 8080 });

/** A Terraform stack JSON holding `resources` (`type -> logical ID -> attributes`). */
export function stack(resources: Record<string, Record<string, Record<string, unknown>>>): TerraformStackJson {
  return { resource: resources };
}

/** `google_container_cluster` resources named after `clusters` (zone `us-west1-a`). */
export function gkeClusters(...clusters: string[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(clusters.map((name) => [`${name}_cluster`, { name, location: 'us-west1-a' }]));
}
