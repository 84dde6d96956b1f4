/** The service mesh: fleet-managed Cloud Service Mesh, or Istio / ASM installed into each cluster. */

import type { DnsLabel, Ipv4OrDnsName, Labels, NonEmptyLabelValue } from './formats';

/** How the service mesh control plane reaches the clusters. */
export type MeshManagement = 'fleet' | 'in-cluster';

/**
 * How the clusters of an in-cluster mesh share control planes (Istio's multi-cluster models):
 * every cluster runs its own istiod (`multi-primary`), or one primary's istiod serves the other
 * clusters (`primary-remote`).
 */
export type MeshModel = 'multi-primary' | 'primary-remote';

/** Which control plane an in-cluster mesh installs: Anthos Service Mesh (`asm`) or open-source Istio. */
export type MeshDistribution = 'asm' | 'istio';

/**
 * How in-mesh routes are written: `istio`, VirtualService + DestinationRule subsets;
 * `gateway-api`, GAMMA HTTPRoutes whose parent is the Service, with a Service per version.
 */
export type MeshRouting = 'istio' | 'gateway-api';

/** Mesh-wide mutual TLS mode of {@link MeshInput.mtls}. */
export type MeshMtlsMode = 'STRICT' | 'PERMISSIVE';

/** Istio's `meshConfig.outboundTrafficPolicy.mode`. */
export type OutboundTrafficPolicy = 'ALLOW_ANY' | 'REGISTRY_ONLY';

/**
 * An Istio or ASM release, e.g. `1.8.6` or `1.22`.
 * @title version such as 1.8.6
 * @predicate MESH_VERSION
 */
export type MeshVersion = string;

/**
 * A host of an Istio Gateway server: a DNS name, `*.` and a DNS name, or `*` (every host).
 * @title host such as shop.example.com, *.example.com or *
 * @predicate GATEWAY_HOST
 */
export type GatewayHost = string;

/**
 * A user name without spaces, e.g. `admin@example.com`.
 * @title user name such as admin@example.com
 * @predicate USER_NAME
 */
export type UserName = string;

/** HTTPS on the shared ingress gateway. */
export interface IngressGatewayHttpsInput {
  /** Name of the TLS Secret (`tls.crt`, `tls.key`) in the gateway namespace, which the operator creates. */
  readonly credentialName: DnsLabel;
  /**
   * Hosts served on 443, e.g. `shop.example.com` or `*.example.com`.
   * @minItems 1
   * @default ["*"]
   */
  readonly hosts?: GatewayHost[];
}

/** The shared ingress gateway deployed into every mesh workload cluster (gateway injection). */
export interface IngressGatewayInput {
  /**
   * Name of the gateway's Deployment, Service and Istio Gateway.
   * @default "asm-ingressgateway"
   */
  readonly name?: DnsLabel;
  /**
   * Namespace of the gateway (created with sidecar injection enabled).
   * @default "asm-ingress"
   */
  readonly namespace?: DnsLabel;
  /**
   * Pod labels the Service, Istio Gateway and MultiClusterService select.
   * @default {"asm": "ingressgateway"}
   */
  readonly labels?: Labels;
  /**
   * Serve HTTPS too: a second server on the shared Istio Gateway, port 443 `https`, TLS SIMPLE with
   * the certificate of the Secret `credentialName` in the gateway namespace (which the operator creates).
   * @default none (HTTP on 80 only)
   */
  readonly https?: IngressGatewayHttpsInput;
  /**
   * Type of the gateway's Service. A MultiClusterIngress reaches the gateway pods through its
   * MultiClusterService (NEGs), so a `LoadBalancer` Service beside it would only add a public
   * entry point that bypasses the ingress (and its Cloud Armor policy and certificates).
   * @default "ClusterIP" when a MultiClusterIngress fronts the gateway, else "LoadBalancer"
   */
  readonly serviceType?: IngressGatewayServiceType;
}

/**
 * The mesh's egress gateway: an injected gateway (Deployment, ServiceAccount and a `ClusterIP`
 * Service, as the ingress gateway is deployed) that `apps[].serviceEntries[]` with
 * `egressGateway: true` send their traffic through (Istio's "Egress Gateways" task). meshfleet
 * deploys it in every mesh cluster where such an entry is written, and nowhere else.
 */
export interface EgressGatewayInput {
  /**
   * Name of the gateway's Deployment, ServiceAccount and Service.
   * @default "istio-egressgateway"
   */
  readonly name?: DnsLabel;
  /**
   * Namespace of the gateway (created with sidecar injection enabled), apart from istio-system
   * and the apps (Istio's gateway deployment best practice).
   * @default "istio-egress"
   */
  readonly namespace?: DnsLabel;
  /**
   * Pod labels the Service and the egress Istio Gateways select; upstream's, so the task's
   * Gateways select it as written.
   * @default {"istio": "egressgateway"}
   */
  readonly labels?: Labels;
}

/** Type of the shared ingress gateway's Service. */
export type IngressGatewayServiceType = 'ClusterIP' | 'LoadBalancer';

/** Which load balancer the east-west gateway Service of an in-cluster mesh gets. */
export type EastWestLoadBalancer = 'internal' | 'external';

/** The service mesh. Absent when the topology runs no mesh. */
export interface MeshInput {
  /**
   * `fleet`: Cloud Service Mesh managed through the fleet (automatic management);
   * `in-cluster`: a control plane installed into each cluster with `istioctl`.
   */
  readonly management: MeshManagement;
  /**
   * Revision of an in-cluster control plane, e.g. `asm-186-8`: namespaces get the label
   * `istio.io/rev=<revision>` instead of `istio-injection=enabled`.
   * @default none (the default revision)
   */
  readonly revision?: DnsLabel;
  /**
   * Version of an in-cluster control plane, e.g. `1.8.6`; decides the Istio API versions
   * (networking.istio.io/v1 from 1.22, v1beta1 before), the Kubernetes versions the clusters
   * must run (Istio's support matrix, src/topology/resolve/mesh-support.ts) and whether pods can
   * use native sidecars (from 1.24).
   * @default "1.29"
   */
  readonly version?: MeshVersion;
  /**
   * The shared ingress gateway (Service, Deployment, SDS Role and RoleBinding, Istio Gateway).
   * @default none
   */
  readonly ingressGateway?: IngressGatewayInput;
  /**
   * The egress gateway that ServiceEntries with `egressGateway: true` go out through.
   * @default none
   */
  readonly egressGateway?: EgressGatewayInput;
  /**
   * In-cluster meshes: Anthos Service Mesh (IstioOperator profile `asm-multicloud`) or
   * open-source Istio (profile `default`).
   * @default "istio"
   */
  readonly distribution?: MeshDistribution;
  /**
   * In-cluster meshes: the mesh ID shared by every cluster (`values.global.meshID`).
   * @default `proj-<project.number>` (required when the project number is not given)
   */
  readonly meshId?: NonEmptyLabelValue;
  /**
   * In-cluster meshes: the multi-cluster model.
   * @default "multi-primary"
   */
  readonly model?: MeshModel;
  /** `primary-remote` only: the cluster whose istiod serves every other mesh cluster. */
  readonly primary?: DnsLabel;
  /**
   * `primary-remote` with an external primary only: the address (IPv4 or DNS name) at which
   * remote clusters reach the primary's istiod, i.e. the primary's east-west gateway load
   * balancer. An IPv4 address is also requested as that load balancer's IP, so reserve it first.
   * A GKE primary takes none: meshfleet reserves a regional external address for its east-west
   * gateway in the network stack.
   */
  readonly primaryAddress?: Ipv4OrDnsName;
  /**
   * In-cluster meshes: a user (e.g. the operator's Google account) given `cluster-admin` in
   * every mesh cluster, which installing the control plane needs (seed 001).
   * @default none (no ClusterRoleBinding)
   */
  readonly clusterAdmin?: UserName;
  /**
   * What sidecars do with traffic to hosts outside the mesh registry: `ALLOW_ANY` passes it
   * through, `REGISTRY_ONLY` blocks it (reach such hosts through `apps[].serviceEntries`).
   * In-cluster meshes: the IstioOperator's `meshConfig.outboundTrafficPolicy.mode`; fleet-managed
   * meshes: the `mesh` key of the `istio-<revision>` ConfigMap in istio-system.
   * @default none (the mesh's own default, ALLOW_ANY; nothing written)
   */
  readonly outboundTrafficPolicy?: OutboundTrafficPolicy;
  /**
   * How in-mesh routes (an app's `routes`, and a workload's version split) are written:
   * Istio VirtualServices or Gateway API HTTPRoutes (GAMMA).
   * @default "istio"
   */
  readonly routing?: MeshRouting;
  /**
   * Mutual TLS between the sidecars of the mesh: a `PeerAuthentication` named `default` in the
   * root namespace `istio-system` of every mesh cluster. `STRICT` refuses plain-text traffic to
   * sidecars (Istio security best practices, GKE hardening guide); `PERMISSIVE` also accepts it
   * (clients outside the mesh, load balancers sending to app pods directly).
   * @default "STRICT"
   */
  readonly mtls?: MeshMtlsMode;
  /**
   * With `mtls: STRICT`, where a Google load balancer (a MultiClusterIngress whose
   * MultiClusterService selects app pods, a multi-cluster Gateway's ServiceImports) sends plain
   * HTTP and health checks straight to sidecar-injected pods: `true` writes the narrowest
   * exception, a PeerAuthentication `<workload>-lb-plaintext` that selects the workload and makes
   * only its serving and health-check ports PERMISSIVE; `false` refuses such a topology (front
   * the workload with the mesh ingress gateway instead). No exception is needed when the load
   * balancer targets the ingress gateway.
   * @default true
   */
  readonly allowLoadBalancerPlaintext?: boolean;
  /**
   * In-cluster meshes: the load balancer of the east-west gateways (cross-network traffic on
   * 15443, and istiod's 15012/15017 where exposed). `internal`: a GKE internal passthrough load
   * balancer (`networking.gke.io/load-balancer-type: Internal`, with global access when the mesh
   * clusters span regions), reachable only inside the VPC; `external`: a public address.
   * @default "internal" when every mesh cluster is a GKE cluster of the topology's VPC, "external" when an external (on-prem, other cloud) cluster must reach it
   */
  readonly eastWestLoadBalancer?: EastWestLoadBalancer;
  /**
   * Deny every request to an app namespace's workloads unless an ALLOW AuthorizationPolicy lets
   * it in: an empty `deny-all` AuthorizationPolicy per app namespace of every mesh cluster, and an
   * ALLOW policy from the ingress gateway's ServiceAccount to each exposed workload. Policies
   * between workloads (app to app) are the user's to write.
   * @default false
   */
  readonly defaultDeny?: boolean;
}
