import { ResolvedWorkload } from '../topology/model/types';
import { hasVersionSplit } from '../topology/resolve/traffic-split';

/*
 * The names meshfleet gives the Kubernetes objects it derives from the topology, each owned
 * here once: the plan lists objects by these names and the constructs are handed (or build)
 * the same names, so the plan, the name rules and the YAML cannot drift.
 */

/** Namespace of the Istio control plane and the root namespace of the mesh. */
export const ISTIO_SYSTEM_NAMESPACE = 'istio-system';

/** Name of the mesh-wide PeerAuthentication in {@link ISTIO_SYSTEM_NAMESPACE}. */
export const MESH_MTLS_POLICY = 'default';

/** Name of the AuthorizationPolicy that denies everything in an app namespace. */
export const DENY_ALL_POLICY = 'deny-all';

/** Name of the Gateway that exposes istiod through the east-west gateway. */
export const ISTIOD_GATEWAY_NAME = 'istiod-gateway';

/** Name of the Gateway that lets other networks reach this cluster's services (AUTO_PASSTHROUGH). */
export const CROSS_NETWORK_GATEWAY_NAME = 'cross-network-gateway';

/** Name of the istiod Service that a revisioned install lacks. */
export const ISTIOD_SERVICE_NAME = 'istiod';

/** Name of the ClusterRoleBinding that gives the installing user cluster-admin. */
export const CLUSTER_ADMIN_BINDING_NAME = 'cluster-admin-binding';

/** Name of the IstioOperator of the control plane (`mesh-install/control-plane.yaml`). */
export const CONTROL_PLANE_OPERATOR_NAME = 'control-plane';

/** Name of the IstioOperator of the east-west gateway (`mesh-install/eastwest-gateway.yaml`). */
export const EAST_WEST_OPERATOR_NAME = 'eastwest';

/** Revision of fleet-managed Cloud Service Mesh on the regular channel, when the topology names none. */
export const DEFAULT_MANAGED_REVISION = 'asm-managed';

/** Name of the VirtualService that routes to istiod through its Gateway, per mesh revision. */
export function istiodVirtualServiceName(revision: string | undefined): string {
  return revision === undefined ? 'istiod-vs' : `istiod-vs-${revision}`;
}

/** Name of the MeshConfig ConfigMap of a fleet-managed control plane: `istio-<revision>`. */
export function managedMeshConfigName(revision: string | undefined): string {
  return `istio-${revision ?? DEFAULT_MANAGED_REVISION}`;
}

/** Name of the Role and RoleBinding that let the ingress gateway read its certificates: `<gateway>-sds`. */
export function gatewaySdsRoleName(gateway: string): string {
  return `${gateway}-sds`;
}

/** Name of the per-cluster exported Service of a workload: `<name>-<cluster short name>`. */
export function perClusterServiceName(workload: string, shortName: string): string {
  return `${workload}-${shortName}`;
}

/** PeerAuthentication that lets a Google load balancer's plain text reach a workload's ports: `<workload>-lb-plaintext`. */
export function loadBalancerPlaintextPolicyName(workload: string): string {
  return `${workload}-lb-plaintext`;
}

/** Name of the Deployment of a version after the first: `<name>-<version>`. */
export function versionDeploymentName(workload: string, version: string): string {
  return `${workload}-${version}`;
}

/** Name of the Service of one version in gateway-api routing: `<service>-<version>`. */
export function versionServiceName(service: string, version: string): string {
  return `${service}-${version}`;
}

/** Name of the namespace-wide Sidecar of an app (`apps[].sidecar`): `default`, the namespace's default Sidecar (no workload selector). */
export const APP_SIDECAR_NAME = 'default';

/** Name of the Sidecar of one workload (`workloads[].sidecar`): the workload's name. */
export function workloadSidecarName(workload: string): string {
  return workload;
}

/**
 * Name of the Istio Gateway, DestinationRule and VirtualService that route a ServiceEntry
 * through the egress gateway (`serviceEntries[].egressGateway`): `<entry>-egress`.
 */
export function egressRouteName(serviceEntry: string): string {
  return `${serviceEntry}-egress`;
}

/** Name of the DestinationRule of a ServiceEntry's `trafficPolicy`: the entry's name. */
export function serviceEntryPolicyName(serviceEntry: string): string {
  return serviceEntry;
}

/** Name of the AuthorizationPolicy that lets the ingress gateway in to an exposed workload. */
export function fromIngressGatewayPolicyName(workload: string): string {
  return `${workload}-from-ingress-gateway`;
}

/**
 * Name of the VirtualService that binds an exposed workload to the shared ingress gateway: the
 * workload's name, unless its in-mesh VirtualService (versions, or an explicit route) takes it.
 */
export function exposedVirtualServiceName(w: ResolvedWorkload, routed: boolean): string {
  return !hasVersionSplit(w) && !routed ? w.name : `${w.name}-ingress`;
}

/**
 * ReferenceGrant that lets the routes of multi-cluster Gateway `gateway` (in `gatewayNamespace`)
 * reach ServiceImports of another namespace, written in that namespace: `<gatewayNamespace>-<gateway>-routes`.
 */
export function gatewayReferenceGrantName(gateway: string, gatewayNamespace: string): string {
  return `${gatewayNamespace}-${gateway}-routes`;
}

/**
 * ReferenceGrant that lets Gateway `gateway` (in `gatewayNamespace`) read the TLS Secrets of
 * another namespace, written in that namespace: `<gatewayNamespace>-<gateway>-certificates`.
 */
export function gatewayCertificateGrantName(gateway: string, gatewayNamespace: string): string {
  return `${gatewayNamespace}-${gateway}-certificates`;
}
