/**
 * The topology model: what a user writes (`*Input` types, most fields optional) and what
 * every generator reads (`Resolved*` types, every default filled in by `resolveTopology`).
 *
 * Plain data only: this folder imports neither cdktf nor cdk8s.
 */

import type { GatewayBackendPolicyInput, GatewayHealthCheckInput, GatewayPolicyInput } from './gateway-policies';
import type { GatewayRouteRuleInput, GrpcMethodMatchInput, ResolvedGrpcMethodMatch, RouteKind } from './gateway-routes';

export type { GatewayBackendPolicyInput, GatewayHealthCheckInput, GatewayPolicyInput } from './gateway-policies';
export type {
  GatewayBackendInput,
  GatewayHeaderMatchInput,
  GatewayMirrorInput,
  GatewayPathMatchInput,
  GatewayRouteMatchInput,
  GatewayRouteRuleInput,
  GrpcMethodMatchInput,
  GrpcMethodMatchType,
  ResolvedGrpcMethodMatch,
  RouteKind,
} from './gateway-routes';

/** Whether a cluster runs workloads or only holds fleet-wide configuration (MCI / MCG). */
export type ClusterRole = 'workload' | 'config';

/** GKE Gateway API channel; `disabled` leaves the Gateway API CRDs off the cluster. */
export type GatewayApiChannel = 'standard' | 'experimental' | 'disabled';

/** GKE release channel of a cluster. */
export type ReleaseChannel = 'RAPID' | 'REGULAR' | 'STABLE' | 'UNSPECIFIED';

/** How the service mesh control plane reaches the clusters. */
export type MeshManagement = 'fleet' | 'in-cluster';

/**
 * Where a cluster runs: `gke` clusters are created by meshfleet's Terraform; `external`
 * clusters already exist elsewhere (GKE on VMware, another cloud) and only get Kubernetes files.
 */
export type ClusterPlatform = 'gke' | 'external';

/**
 * How the clusters of an in-cluster mesh share control planes (Istio's multi-cluster models):
 * every cluster runs its own istiod (`multi-primary`), or one primary's istiod serves the other
 * clusters (`primary-remote`).
 */
export type MeshModel = 'multi-primary' | 'primary-remote';

/** Which control plane an in-cluster mesh installs: Anthos Service Mesh (`asm`) or open-source Istio. */
export type MeshDistribution = 'asm' | 'istio';

/** Where Terraform keeps state for the synthesized stacks. */
export type BackendType = 'local' | 'gcs';

/** The Google Cloud project that holds every resource. */
export interface ProjectInput {
  /** Project ID, e.g. `my-platform-prod`. */
  readonly id: string;
  /**
   * Project number. Used for the `mesh_id` cluster label (`proj-<number>`).
   * @default looked up by Terraform with the `google_project` data source
   */
  readonly number?: string;
  /**
   * Account ID (6 to 30 characters) of the service account that the GKE nodes run as.
   * @default "<topology name>-nodes", shortened with a hash suffix when longer than 30 characters
   */
  readonly nodeServiceAccount?: string;
}

/** A subnet that meshfleet creates in a named (custom-mode) VPC. */
export interface SubnetInput {
  readonly name: string;
  readonly region: string;
  /** Primary IPv4 range, e.g. `10.10.0.0/20`. */
  readonly cidr: string;
}

/** The VPC network the clusters run in. */
export interface NetworkInput {
  /**
   * VPC name.
   * @default "default" (the project's auto-mode default network, which meshfleet does not manage)
   */
  readonly name?: string;
  /**
   * Subnets of a custom-mode VPC. When any is given meshfleet creates the network (without
   * auto subnets) and these subnets; when none is given the network is only referenced.
   * @default [] (reference an existing network)
   */
  readonly subnets?: SubnetInput[];
  /**
   * Name of the firewall rule that lets pods and control planes of the mesh clusters reach
   * the pods (created when the topology has a mesh).
   * @default "<topology name>-pods-and-masters"
   */
  readonly firewallName?: string;
}

/** Cloud NAT for one region. */
export interface NatInput {
  /**
   * Create a reserved external address, a Cloud Router and a Cloud NAT in this region.
   * @default true in a region that hosts a private cluster, false elsewhere
   */
  readonly enabled?: boolean;
  /**
   * Which NAT events Cloud Logging records.
   * @default "ALL"
   */
  readonly logFilter?: 'ALL' | 'ERRORS_ONLY' | 'TRANSLATIONS_ONLY';
  /**
   * Name of the reserved external address the NAT uses (seed 000: `<region>-nat-ip`).
   * @default "<topology name>-<region>-nat-ip"
   */
  readonly addressName?: string;
  /**
   * Name of the Cloud Router (seed 000: `rtr-<region>`).
   * @default "<topology name>-rtr-<region>"
   */
  readonly routerName?: string;
  /**
   * Name of the Cloud NAT (seed 000: `nat-gw-<region>`).
   * @default "<topology name>-nat-gw-<region>"
   */
  readonly natName?: string;
}

/** Per-region settings. Regions that only host clusters need no entry. */
export interface RegionInput {
  /** Region name, e.g. `us-west1`. */
  readonly name: string;
  /** Cloud NAT in this region. */
  readonly nat?: NatInput;
  /**
   * Range of the `GLOBAL_MANAGED_PROXY` proxy-only subnet that cross-region internal
   * load balancers need in every region where they have a frontend or backend.
   * @default none (no proxy-only subnet)
   */
  readonly proxyOnlySubnet?: string;
}

/** The node pool of a cluster. */
export interface NodePoolInput {
  /** @default "e2-standard-4" */
  readonly machineType?: string;
  /** Minimum nodes per zone. @default 3 */
  readonly minNodes?: number;
  /** Maximum nodes per zone. @default 5 */
  readonly maxNodes?: number;
  /** Nodes per zone at creation. @default minNodes */
  readonly initialNodes?: number;
}

/**
 * One cluster. GKE clusters (the default) are created by the Terraform stacks; `external`
 * clusters exist already and take only `name`, `role`, `shortName`, `platform` and `meshNetwork`.
 */
export interface ClusterInput {
  /** Cluster name, also its fleet membership ID, its Istio cluster name and its folder name under `dist/k8s/`. */
  readonly name: string;
  /**
   * `gke`: created by meshfleet's Terraform; `external`: an existing cluster (GKE on VMware,
   * another cloud) that only gets Kubernetes files and mesh install inputs.
   * @default "gke"
   */
  readonly platform?: ClusterPlatform;
  /**
   * Istio network of the cluster (`topology.istio.io/network`, `values.global.network`) in an
   * in-cluster mesh. Clusters on different networks reach each other through east-west gateways.
   * @default the VPC name (`network.name`) for a GKE cluster, the cluster name for an external one
   */
  readonly meshNetwork?: string;
  /** Compute zone, e.g. `us-west2-a`. The cluster is zonal. Required for GKE clusters. */
  readonly zone?: string;
  /**
   * Region of the zone. Optional; when given it must contain the zone.
   * @default derived from the zone
   */
  readonly region?: string;
  /**
   * `workload` clusters run the applications and join the mesh; a `config` cluster only holds
   * multi-cluster ingress or gateway resources.
   * @default "workload"
   */
  readonly role?: ClusterRole;
  /**
   * Private nodes (no external IPs) with a public control-plane endpoint restricted to the
   * authorized networks.
   * @default true
   */
  readonly private?: boolean;
  /** Control-plane range of a private cluster: an unused RFC 1918 `/28`. Required when private. */
  readonly masterCidr?: string;
  /**
   * Pod range (secondary range managed by GKE). When every cluster declares one, the
   * pod-to-pod firewall rule uses these ranges instead of `10.0.0.0/8`. Required on an in-cluster
   * mesh primary that reads another private GKE member (istiod calls its private endpoint).
   * @default chosen by GKE from 10.0.0.0/8
   */
  readonly podCidr?: string;
  /** Subnet of a custom-mode VPC in the cluster's region. @default the network's default subnet */
  readonly subnet?: string;
  /** The cluster's node pool. */
  readonly nodePool?: NodePoolInput;
  /** @default "disabled" */
  readonly gatewayApi?: GatewayApiChannel;
  /**
   * Short name used in per-cluster Service names (`store-west-1`).
   * @default the name without a leading `gke-`
   */
  readonly shortName?: string;
  /** Register the cluster to the project's fleet. @default true */
  readonly fleet?: boolean;
  /** @default "REGULAR" */
  readonly releaseChannel?: ReleaseChannel;
  /** Extra GCP resource labels. @default {} */
  readonly labels?: Record<string, string>;
  /**
   * Keep Terraform from deleting the cluster.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * GKE Dataplane V2 (eBPF datapath that enforces Kubernetes NetworkPolicy), as the GKE hardening
   * guide recommends. `false` keeps the legacy datapath (no NetworkPolicy enforcement without
   * the Calico add-on). Changing it on an existing cluster replaces the cluster.
   * @default true
   */
  readonly dataplaneV2?: boolean;
  /**
   * Public clusters (`private: false`): restrict the control-plane endpoint to the authorized
   * networks (every region's reserved NAT address and `operatorCidrs`), as CIS GKE Benchmark
   * "Ensure Control Plane Authorized Networks is Enabled" asks. `false` leaves the endpoint open to
   * any address (credentials still required). Private clusters always restrict their endpoint,
   * so they take no `false`.
   * @default true
   */
  readonly authorizedNetworks?: boolean;
}

/** The shared ingress gateway deployed into every mesh workload cluster (gateway injection). */
export interface IngressGatewayInput {
  /** @default "asm-ingressgateway" */
  readonly name?: string;
  /** @default "asm-ingress" */
  readonly namespace?: string;
  /** Pod labels the Service, Istio Gateway and MultiClusterService select. @default { asm: "ingressgateway" } */
  readonly labels?: Record<string, string>;
  /**
   * Serve HTTPS too: a second server on the shared Istio Gateway, port 443 `https`, TLS SIMPLE with
   * the certificate of the Secret `credentialName` in the gateway namespace (which the operator creates).
   * @default none (HTTP on 80 only)
   */
  readonly https?: IngressGatewayHttpsInput;
}

/** HTTPS on the shared ingress gateway. */
export interface IngressGatewayHttpsInput {
  /** Name of the TLS Secret (`tls.crt`, `tls.key`) in the gateway namespace. */
  readonly credentialName: string;
  /** Hosts served on 443. @default ["*"] */
  readonly hosts?: string[];
}

/**
 * How in-mesh routes are written: `istio`, VirtualService + DestinationRule subsets;
 * `gateway-api`, GAMMA HTTPRoutes whose parent is the Service, with a Service per version.
 */
export type MeshRouting = 'istio' | 'gateway-api';

/** The service mesh. Absent when the topology runs no mesh. */
export interface MeshInput {
  /**
   * `fleet`: Cloud Service Mesh managed through the fleet (automatic management);
   * `in-cluster`: a control plane installed into each cluster with `istioctl`.
   */
  readonly management: MeshManagement;
  /**
   * Revision of an in-cluster control plane, e.g. `asm-186-8`.
   * @default none (the default revision)
   */
  readonly revision?: string;
  /**
   * Version of an in-cluster control plane, e.g. `1.8.6`; decides the Istio API versions.
   * @default the current Istio release line
   */
  readonly version?: string;
  /**
   * The shared ingress gateway (Service, Deployment, SDS Role and RoleBinding, Istio Gateway).
   * @default none
   */
  readonly ingressGateway?: IngressGatewayInput;
  /**
   * In-cluster meshes: Anthos Service Mesh (IstioOperator profile `asm-multicloud`) or
   * open-source Istio (profile `default`).
   * @default "istio"
   */
  readonly distribution?: MeshDistribution;
  /**
   * In-cluster meshes: the mesh ID shared by every cluster (`values.global.meshID`).
   * @default "proj-<project.number>" (required when the project number is not given)
   */
  readonly meshId?: string;
  /**
   * In-cluster meshes: the multi-cluster model.
   * @default "multi-primary"
   */
  readonly model?: MeshModel;
  /** `primary-remote` only: the cluster whose istiod serves every other mesh cluster. */
  readonly primary?: string;
  /**
   * `primary-remote` with an external primary only: the address (IPv4 or DNS name) at which
   * remote clusters reach the primary's istiod, i.e. the primary's east-west gateway load
   * balancer. An IPv4 address is also requested as that load balancer's IP, so reserve it first.
   * A GKE primary takes none: meshfleet reserves a regional external address for its east-west
   * gateway in the network stack (see `reservedEastWestAddress`).
   */
  readonly primaryAddress?: string;
  /**
   * In-cluster meshes: a user (e.g. the operator's Google account) given `cluster-admin` in
   * every mesh cluster, which installing the control plane needs (seed 001).
   * @default none (no ClusterRoleBinding)
   */
  readonly clusterAdmin?: string;
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
   * Deny every request to an app namespace's workloads unless an ALLOW AuthorizationPolicy lets
   * it in: an empty `deny-all` AuthorizationPolicy per app namespace of every mesh cluster, and an
   * ALLOW policy from the ingress gateway's ServiceAccount to each exposed workload. Policies
   * between workloads (app to app) are the user's to write.
   * @default false
   */
  readonly defaultDeny?: boolean;
}

/** Mesh-wide mutual TLS mode of {@link MeshInput.mtls}. */
export type MeshMtlsMode = 'STRICT' | 'PERMISSIVE';

/** Istio's `meshConfig.outboundTrafficPolicy.mode`. */
export type OutboundTrafficPolicy = 'ALLOW_ANY' | 'REGISTRY_ONLY';

/** Health check of the load balancer behind a multi-cluster ingress (a BackendConfig's `healthCheck`). */
export interface HealthCheckInput {
  /** @default "HTTP" */
  readonly type?: 'HTTP' | 'HTTPS' | 'HTTP2';
  readonly port: number;
  readonly path: string;
  /** @default the load balancer's (written only when given) */
  readonly checkIntervalSec?: number;
  /** @default the load balancer's (written only when given) */
  readonly timeoutSec?: number;
  /** @default the load balancer's (written only when given) */
  readonly healthyThreshold?: number;
  /** @default the load balancer's (written only when given) */
  readonly unhealthyThreshold?: number;
}

/**
 * A BackendConfig (cloud.google.com) of a multi-cluster ingress: the load balancer's backend
 * service settings for the MultiClusterService ports that name it. Fields are written only when given.
 */
export interface BackendConfigInput {
  readonly name: string;
  /** @default none (the load balancer's default check) */
  readonly healthCheck?: HealthCheckInput;
  /** Backend service timeout in seconds. @default none */
  readonly timeoutSec?: number;
  /** @default none */
  readonly connectionDraining?: { readonly drainingTimeoutSec: number };
  /** @default none */
  readonly sessionAffinity?: { readonly affinityType: 'CLIENT_IP' | 'GENERATED_COOKIE' | 'NONE'; readonly affinityCookieTtlSec?: number };
  /** Name of a Cloud Armor security policy. @default none */
  readonly securityPolicy?: string;
  /** @default none */
  readonly logging?: { readonly enable: boolean; readonly sampleRate?: number };
}

/** A port of a MultiClusterService. */
export interface MultiClusterServicePortInput {
  /** Port name (the key of `networking.gke.io/app-protocols`). */
  readonly name: string;
  readonly port: number;
  /** @default the port */
  readonly targetPort?: number;
  /** Protocol from the load balancer to the pods (`networking.gke.io/app-protocols`). @default HTTP (no annotation entry) */
  readonly appProtocol?: 'HTTP' | 'HTTPS' | 'HTTP2';
  /** BackendConfig of this port (`cloud.google.com/backend-config` `ports`). @default the service's `backendConfig` */
  readonly backendConfig?: string;
}

/** A MultiClusterService: a Service derived in each selected cluster, a backend of the ingress. */
export interface MultiClusterServiceInput {
  readonly name: string;
  /** Pod labels. @default the mesh ingress gateway's labels */
  readonly selector?: Record<string, string>;
  readonly ports: MultiClusterServicePortInput[];
  /** Names of the fleet clusters the Service is derived in. @default every member cluster (no `clusters` field) */
  readonly clusters?: string[];
  /** BackendConfig of every port without one of its own (`cloud.google.com/backend-config` `default`). @default none */
  readonly backendConfig?: string;
}

/** Where a MultiClusterIngress sends a request: a MultiClusterService and one of its ports. */
export interface IngressBackendInput {
  readonly service: string;
  readonly port: number;
}

/** A host rule of a MultiClusterIngress. */
export interface IngressRuleInput {
  /** @default none (every host) */
  readonly host?: string;
  readonly paths: ReadonlyArray<IngressBackendInput & { readonly path: string }>;
}

/** A Google-managed SSL certificate of the multi-cluster ingress load balancer. */
export interface ManagedCertificateInput {
  readonly name: string;
  /** Non-wildcard domains (at most 100). */
  readonly domains: string[];
}

/**
 * Multi-cluster ingress in the config cluster. Two shapes:
 *
 * - seed 000's: no `services`; one MultiClusterService `serviceName` in front of the mesh ingress
 *   gateway on `port`, BackendConfig `backendConfigName` with `healthCheck`, the MCI's default
 *   backend on it (`beta.cloud.google.com/backend-config`, as the seed writes it);
 * - general: `services`, `backendConfigs`, `rules`, `defaultBackend`, and HTTPS (`staticIp`,
 *   `preSharedCerts`, `managedCertificates`); `serviceName`, `port`, `backendConfigName` and
 *   `healthCheck` are then not used.
 */
export interface MultiClusterIngressInput {
  /** @default "<gateway name>-multicluster-ingress" */
  readonly name?: string;
  /** Namespace of every object. @default the mesh ingress gateway's namespace (required without one) */
  readonly namespace?: string;
  /** Seed 000 shape: @default "<gateway name>-multicluster-svc" */
  readonly serviceName?: string;
  /** Seed 000 shape: service port of the load balancer. @default 80 */
  readonly port?: number;
  /** Seed 000 shape: name of the BackendConfig. @default "<config cluster>-config" */
  readonly backendConfigName?: string;
  /** Seed 000 shape: @default HTTP on 15021 /healthz/ready (the Istio gateway readiness endpoint) */
  readonly healthCheck?: HealthCheckInput;
  /** MultiClusterServices. @default seed 000's one service */
  readonly services?: MultiClusterServiceInput[];
  /** @default [] */
  readonly backendConfigs?: BackendConfigInput[];
  /** Host and path rules (`spec.template.spec.rules`). @default [] */
  readonly rules?: IngressRuleInput[];
  /** `spec.template.spec.backend`. @default none */
  readonly defaultBackend?: IngressBackendInput;
  /** Reserved global address (`networking.gke.io/static-ip`). @default an ephemeral address */
  readonly staticIp?: string;
  /** Names of Compute Engine SSL certificates (`networking.gke.io/pre-shared-certs`). @default [] */
  readonly preSharedCerts?: string[];
  /**
   * Google-managed certificates that Terraform creates (`google_compute_managed_ssl_certificate`)
   * and the MCI lists in `networking.gke.io/pre-shared-certs`, as GKE documents for Multi Cluster Ingress.
   * @default []
   */
  readonly managedCertificates?: ManagedCertificateInput[];
}

/**
 * A container probe. Exactly one of `exec`, `httpPath` and `tcp` says how the kubelet checks;
 * the timing fields are written only when given (Kubernetes' defaults otherwise).
 */
export interface ProbeInput {
  /** Command run in the container, e.g. `["/bin/grpc_health_probe", "-addr=:3550"]`. */
  readonly exec?: string[];
  /** HTTP GET path, on `port`. */
  readonly httpPath?: string;
  /** Headers of the HTTP GET. @default none */
  readonly httpHeaders?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  /** A TCP connect to `port`. @default false */
  readonly tcp?: boolean;
  /** Port of an HTTP or TCP probe. @default the workload's container port */
  readonly port?: number;
  /** @default Kubernetes' default (0) */
  readonly initialDelaySeconds?: number;
  /** @default Kubernetes' default (10) */
  readonly periodSeconds?: number;
  /** @default Kubernetes' default (1) */
  readonly timeoutSeconds?: number;
  /** @default Kubernetes' default (3) */
  readonly failureThreshold?: number;
}

/** Quantities of one side (requests or limits) of a container's resources. */
export interface ResourceQuantitiesInput {
  readonly cpu?: string;
  readonly memory?: string;
  readonly 'ephemeral-storage'?: string;
}

/** CPU, memory and ephemeral storage of a container. */
export interface ResourcesInput {
  readonly requests?: ResourceQuantitiesInput;
  readonly limits?: ResourceQuantitiesInput;
}

/** One key of a ConfigMap or Secret, as an environment variable's value. */
export interface KeyRefInput {
  /** ConfigMap or Secret name. */
  readonly name: string;
  readonly key: string;
  /** The pod starts even when the object or key is missing. @default false (not written) */
  readonly optional?: boolean;
}

/** Where an environment variable's value comes from; exactly one key. */
export interface EnvSourceInput {
  readonly configMapKeyRef?: KeyRefInput;
  readonly secretKeyRef?: KeyRefInput;
  /** A field of the pod, e.g. `{ fieldPath: metadata.namespace }`. */
  readonly fieldRef?: { readonly fieldPath: string };
}

/** An environment variable's value: a literal, or one of {@link EnvSourceInput}. */
export type EnvValue = string | EnvSourceInput;

/** Every key of a ConfigMap or Secret as environment variables; exactly one of `configMap` and `secret`. */
export interface EnvFromInput {
  readonly configMap?: string;
  readonly secret?: string;
  /** @default false (not written) */
  readonly optional?: boolean;
}

/** One key of a ConfigMap or Secret projected to a file of a volume. */
export interface KeyToPathInput {
  readonly key: string;
  readonly path: string;
}

/** A pod volume; exactly one of `emptyDir`, `configMap` and `secret`. */
export interface VolumeInput {
  readonly name: string;
  /** A scratch folder that lives as long as the pod. */
  readonly emptyDir?: { readonly medium?: 'Memory'; readonly sizeLimit?: string };
  readonly configMap?: { readonly name: string; readonly items?: KeyToPathInput[] };
  readonly secret?: { readonly name: string; readonly items?: KeyToPathInput[] };
}

/** Where a container mounts a volume. */
export interface VolumeMountInput {
  /** A volume of the workload. */
  readonly name: string;
  readonly mountPath: string;
  /** @default false (not written) */
  readonly readOnly?: boolean;
  /** @default none (the volume's root) */
  readonly subPath?: string;
}

/**
 * Container `securityContext` (the fields the upstream sample apps set). meshfleet fills what is
 * left out with the Pod Security Standards "restricted" values (see `src/k8s/pod-security.ts`):
 * set a field to keep your own value, e.g. `runAsNonRoot: false` for an image that must start as root.
 */
export interface ContainerSecurityContextInput {
  readonly allowPrivilegeEscalation?: boolean;
  readonly privileged?: boolean;
  readonly readOnlyRootFilesystem?: boolean;
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly capabilities?: { readonly add?: string[]; readonly drop?: string[] };
  /** Seccomp profile of the container. @default RuntimeDefault (filled by meshfleet) */
  readonly seccompProfile?: { readonly type: 'RuntimeDefault' | 'Unconfined' | 'Localhost'; readonly localhostProfile?: string };
}

/** Pod `securityContext`. */
export interface PodSecurityContextInput {
  readonly fsGroup?: number;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly runAsNonRoot?: boolean;
}

/** A container that runs to completion before the workload's container starts. */
export interface InitContainerInput {
  readonly name: string;
  readonly image: string;
  /** @default the image's entrypoint */
  readonly command?: string[];
  /** @default none */
  readonly args?: string[];
  /** Literal variables. @default {} */
  readonly env?: Record<string, string>;
}

/** A further port of the container, also published by the workload's Service. */
export interface ExtraPortInput {
  /** Service port name (its protocol prefix matters to Istio). */
  readonly name: string;
  /** Container port. */
  readonly port: number;
  /** @default port */
  readonly servicePort?: number;
}

/** Kubernetes Service type. */
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

/** A further Service in front of a workload (same selector and ports), e.g. `frontend-external`. */
export interface ExtraServiceInput {
  readonly name: string;
  /** @default none (Kubernetes' ClusterIP, not written) */
  readonly type?: ServiceType;
}

/** A ConfigMap of an app. */
export interface ConfigMapInput {
  readonly name: string;
  /** @default {} */
  readonly data?: Record<string, string>;
  /**
   * The ConfigMap exists already (made by someone else): meshfleet writes none, but
   * references to it are valid.
   * @default false
   */
  readonly external?: boolean;
}

/** A key pair the runbook generates once with openssl (the same files in every cluster). */
export interface RsaKeyPairInput {
  /** Secret key holding the PEM private key, e.g. `jwtRS256.key`. */
  readonly privateKey: string;
  /** Secret key holding the PEM public key, e.g. `jwtRS256.key.pub`. */
  readonly publicKey: string;
  /** @default 4096 */
  readonly bits?: number;
}

/**
 * A Secret the app's workloads use, which meshfleet never writes (dist holds no secret): the
 * runbook prints how to create it in every cluster that runs a workload using it. Exactly one
 * of `rsaKeyPair` (the runbook generates it) and `keys` (the operator supplies the files).
 */
export interface AppSecretInput {
  readonly name: string;
  readonly rsaKeyPair?: RsaKeyPairInput;
  /** Keys (file names) the operator provides. */
  readonly keys?: string[];
}

/** The next version of a workload, receiving `weight` percent of the traffic. */
export interface CanaryInput {
  /** Version label of the canary, e.g. `v2`; its Deployment is `<name>-<version>`. */
  readonly version: string;
  /** Percent of the traffic sent to the canary: 0 (only stable), 1..99 (split), 100 (promoted). */
  readonly weight: number;
  /** @default the stable image */
  readonly image?: string;
  /** Variables added to (or replacing those of) the stable container. @default {} */
  readonly env?: Record<string, string>;
}

/**
 * One version (Istio subset) of a workload and its share of the traffic. The first version is
 * the stable Deployment `<name>`; every other one is a Deployment `<name>-<version name>`.
 */
export interface VersionInput {
  /** `version` label of its pods and DestinationRule subset name, e.g. `v1`. */
  readonly name: string;
  /** Percent of the traffic, an integer from 0 to 100; the weights of a workload sum to 100. */
  readonly weight: number;
  /** @default the workload's image */
  readonly image?: string;
  /** Literal variables added to (or replacing in place those of) the workload's container. @default {} */
  readonly env?: Record<string, string>;
  /** @default the workload's replicas */
  readonly replicas?: number;
  /** Further pod labels of this version (not `app` or `version`). @default {} */
  readonly labels?: Record<string, string>;
}

/** A workload of an app: a Deployment or StatefulSet and the Service in front of it. */
export interface WorkloadInput {
  readonly name: string;
  /** @default "Deployment" */
  readonly kind?: 'Deployment' | 'StatefulSet';
  readonly image: string;
  /**
   * Container port. A workload without one (a load generator) has no Service.
   * @default none (no container port and no Service)
   */
  readonly port?: number;
  /** Service port. @default port */
  readonly servicePort?: number;
  /** Name of the Service port (its protocol prefix matters to Istio). @default "http" */
  readonly portName?: string;
  /** Further container ports, also on the Service. @default [] */
  readonly extraPorts?: ExtraPortInput[];
  /** Service `type`. @default none (Kubernetes' ClusterIP, not written) */
  readonly serviceType?: ServiceType;
  /** Further Services with the workload's selector and ports. @default [] */
  readonly extraServices?: ExtraServiceInput[];
  /** @default the workload name */
  readonly containerName?: string;
  /** @default 1 */
  readonly replicas?: number;
  /** Container arguments. @default none (the image's) */
  readonly args?: string[];
  /** Variables in order: literal values, or values from a ConfigMap, Secret or pod field. @default {} */
  readonly env?: Record<string, EnvValue>;
  /** ConfigMaps and Secrets whose every key becomes a variable. @default [] */
  readonly envFrom?: EnvFromInput[];
  /** Pod volumes. @default [] */
  readonly volumes?: VolumeInput[];
  /** Where the container mounts them. @default [] */
  readonly volumeMounts?: VolumeMountInput[];
  /** Containers run before the workload's one. @default [] */
  readonly initContainers?: InitContainerInput[];
  /** The same liveness and readiness probe; or give `readinessProbe` / `livenessProbe`. @default none */
  readonly probe?: ProbeInput;
  /** @default none */
  readonly readinessProbe?: ProbeInput;
  /** @default none */
  readonly livenessProbe?: ProbeInput;
  /** @default none */
  readonly startupProbe?: ProbeInput;
  /** @default none (the namespace's defaults) */
  readonly resources?: ResourcesInput;
  /** @default none */
  readonly securityContext?: ContainerSecurityContextInput;
  /** @default none */
  readonly podSecurityContext?: PodSecurityContextInput;
  /** A ServiceAccount of the app (`serviceAccounts`), or `default`. @default none (not written: `default`) */
  readonly serviceAccountName?: string;
  /** Pod annotations, e.g. `proxy.istio.io/config`. @default {} */
  readonly podAnnotations?: Record<string, string>;
  /** @default Kubernetes' default (30 s) */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Clusters that run the workload. Its Service exists in every workload cluster anyway, so
   * the name resolves everywhere (distributed services need it for DNS).
   * @default every workload cluster (a distributed service)
   */
  readonly clusters?: string[];
  /** `version` label of the stable pods, e.g. `v1`. Required with `canary`. @default none */
  readonly version?: string;
  /** A canary version and its traffic share: the two-version shorthand of `versions`. @default none */
  readonly canary?: CanaryInput;
  /**
   * Versions and their traffic split, in order (the first is the stable Deployment `<name>`).
   * Not with `version` or `canary`. Every version gets a DestinationRule subset, even at weight
   * 0, so that shifting traffic only changes the VirtualService.
   * @default none (one version: `version`, or `canary`'s two)
   */
  readonly versions?: VersionInput[];
  /**
   * The Deployments' selectors also match the `version` label (as Istio's bookinfo samples do),
   * so each Deployment selects only its own pods. A Deployment's selector cannot be changed
   * once created: flipping this on an existing workload needs its Deployments deleted first.
   * @default false (selector `app: <name>` only)
   */
  readonly selectorIncludesVersion?: boolean;
  /** Name of the traffic split's VirtualService. @default the workload name */
  readonly virtualServiceName?: string;
  /** Name of the traffic split's DestinationRule. @default the workload name */
  readonly destinationRuleName?: string;
  /** Route external traffic from the shared ingress gateway to this workload (VirtualService). */
  readonly expose?: { readonly hosts: string[] };
  /**
   * Export the Service to the fleet (ServiceExport), plus a per-cluster Service
   * `<name>-<cluster short name>` exported too, so routes can target one cluster.
   * @default false
   */
  readonly export?: boolean;
}

/** Health check that the VM's proxy runs against the application (WorkloadGroup `probe`). */
export interface VmProbeInput {
  /** Port on the VM. */
  readonly port: number;
  /** HTTP GET path; without it the probe is a TCP connect. @default none (TCP) */
  readonly httpPath?: string;
}

/** A port the VM workload serves. */
export interface VmPortInput {
  /** Port name with its protocol prefix, e.g. `http` or `grpc-api`. */
  readonly name: string;
  readonly port: number;
}

/** Workloads on virtual machines that join the mesh through a WorkloadGroup (in-cluster meshes). */
export interface VmWorkloadInput {
  /** WorkloadGroup name. */
  readonly name: string;
  /** Labels of the WorkloadEntries (what Services select). @default { app: <name> } */
  readonly labels?: Record<string, string>;
  /** Kubernetes ServiceAccount whose identity the VMs get; meshfleet creates it. @default the name */
  readonly serviceAccount?: string;
  readonly ports: VmPortInput[];
  /** Istio network of the VMs, when not the cluster's. @default none (the cluster's network) */
  readonly network?: string;
  /** @default none */
  readonly probe?: VmProbeInput;
  /**
   * Cluster whose istiod the VMs register with; it must run a control plane.
   * @default the mesh's primary (primary-remote) or the first mesh cluster (multi-primary)
   */
  readonly cluster?: string;
}

/** A port of a ServiceEntry. */
export interface ServiceEntryPortInput {
  readonly number: number;
  /** Port name, prefixed by its protocol as Istio expects (`https`, `http-api`, `tcp-db`). */
  readonly name: string;
  /** Istio protocol: HTTP, HTTPS, GRPC, HTTP2, MONGO, TCP or TLS. */
  readonly protocol: ServiceEntryProtocol;
}

/** Istio protocols a ServiceEntry port takes. */
export type ServiceEntryProtocol = 'HTTP' | 'HTTPS' | 'GRPC' | 'HTTP2' | 'MONGO' | 'TCP' | 'TLS';

/**
 * An Istio ServiceEntry (networking.istio.io) in the app namespace: a host outside the mesh
 * registry that the app's workloads may call (needed for every external host when
 * `mesh.outboundTrafficPolicy` is `REGISTRY_ONLY`).
 */
export interface ServiceEntryInput {
  readonly name: string;
  /** DNS names; a leading `*.` wildcard is allowed, as Istio allows. */
  readonly hosts: string[];
  readonly ports: ServiceEntryPortInput[];
  /** @default "DNS" */
  readonly resolution?: 'DNS' | 'STATIC' | 'NONE';
  /** @default "MESH_EXTERNAL" */
  readonly location?: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  /** Virtual IPs or CIDRs of the hosts. @default none */
  readonly addresses?: string[];
  /** Endpoint addresses (IPs, or DNS names with `resolution: DNS`). @default none */
  readonly endpoints?: string[];
}

/** How a path is matched: by prefix (path elements in Gateway API), exactly, or by an RE2 regex. */
export type PathMatchType = 'PathPrefix' | 'Exact' | 'RegularExpression';
/** How a header or query parameter value is matched. */
export type ValueMatchType = 'Exact' | 'RegularExpression';

/** A header or query parameter a request must carry. */
export interface ValueMatchInput {
  readonly name: string;
  readonly value: string;
  /** @default "Exact" */
  readonly type?: ValueMatchType;
}

/** One way a request matches a route rule; every given condition must hold. */
export interface RouteMatchInput {
  /** HTTPRoute only. @default none (any path) */
  readonly path?: { readonly type?: PathMatchType; readonly value: string };
  /** @default [] */
  readonly headers?: ValueMatchInput[];
  /** HTTPRoute only. @default [] */
  readonly queryParams?: ValueMatchInput[];
  /**
   * HTTPRoute: the HTTP method, e.g. `GET`. GRPCRoute: the gRPC service and/or method, as
   * Gateway API's GRPCMethodMatch, e.g. `{ service: helloworld.Greeter, method: SayHello }`.
   * @default none (any method)
   */
  readonly method?: HttpMethod | GrpcMethodMatchInput;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'CONNECT' | 'OPTIONS' | 'TRACE' | 'PATCH';

/** Where a rule sends requests: one version of the route's Service (or all of it). */
export interface RouteBackendInput {
  /** A version of the Service's workload. @default none (the Service, every version) */
  readonly version?: string;
  /** Percent of the rule's requests; given on every backend of a rule or on none. @default none (one backend) */
  readonly weight?: number;
  /** Service port. @default the workload's Service port */
  readonly port?: number;
}

/** Headers set, added or removed on a request or response. */
export interface HeaderModifierInput {
  /** @default {} */
  readonly set?: Record<string, string>;
  /** @default {} */
  readonly add?: Record<string, string>;
  /** @default [] */
  readonly remove?: string[];
}

/** One rule of an in-mesh route. */
export interface MeshRouteRuleInput {
  /** Any one of them selects the rule. @default [] (every request) */
  readonly matches?: RouteMatchInput[];
  /** @default [{}] (the Service), none with `redirect` */
  readonly backends?: RouteBackendInput[];
  /** Copies of the requests sent to a version, `percent` of them. @default none */
  readonly mirror?: { readonly version: string; readonly percent?: number };
  /** @default none */
  readonly requestHeaders?: HeaderModifierInput;
  /** @default none */
  readonly responseHeaders?: HeaderModifierInput;
  /** Answer with a redirect instead of routing; each given part replaces the request's. @default none */
  readonly redirect?: {
    readonly scheme?: 'http' | 'https';
    readonly hostname?: string;
    /** Full path of the redirect. */
    readonly path?: string;
    readonly port?: number;
    /** @default 302 */
    readonly statusCode?: 301 | 302;
  };
  /** Rewrite before forwarding: the matched path prefix, and/or the Host header. @default none */
  readonly rewrite?: { readonly pathPrefix?: string; readonly hostname?: string };
  /** Request timeout, e.g. `5s` or `500ms`. @default none (the mesh's) */
  readonly timeout?: string;
  /** Retries (Istio routing only). @default none (the mesh's) */
  readonly retries?: { readonly attempts: number; readonly perTryTimeout?: string; readonly retryOn?: string };
}

/** Explicit in-mesh routing of one Service of the app (a VirtualService, or a GAMMA HTTPRoute or GRPCRoute). */
export interface MeshRouteInput {
  /**
   * `GRPCRoute` for a gRPC service (GAMMA, `mesh.routing: gateway-api`): its rules match on the
   * gRPC method (`matches[].method: { service, method, type }`) and headers, and send to
   * backends (with versions and weights), with header modifiers and a mirror.
   * @default "HTTPRoute"
   */
  readonly kind?: RouteKind;
  /** Object name. @default the service */
  readonly name?: string;
  /** A workload of the app with a port (its Service). */
  readonly service: string;
  /** In order: Istio takes the first rule that matches; Gateway API the most specific. */
  readonly rules: MeshRouteRuleInput[];
}

/** An application: a namespace and its workloads. */
export interface AppInput {
  readonly namespace: string;
  /** ConfigMaps of the app, written wherever one of its workloads runs. @default [] */
  readonly configMaps?: ConfigMapInput[];
  /** ServiceAccounts of the app (names), written wherever one of its workloads runs. @default [] */
  readonly serviceAccounts?: string[];
  /** Secrets the operator creates (never written by meshfleet; see the runbook). @default [] */
  readonly secrets?: AppSecretInput[];
  /** @default [] */
  readonly workloads?: WorkloadInput[];
  /** @default [] */
  readonly vmWorkloads?: VmWorkloadInput[];
  /** ServiceEntries of the app, written where any of its workloads runs. @default [] */
  readonly serviceEntries?: ServiceEntryInput[];
  /** Explicit in-mesh routes (needs a mesh). @default [] */
  readonly routes?: MeshRouteInput[];
}

/** Fleet features. */
export interface FleetInput {
  /**
   * Name of the cluster that holds MultiClusterIngress / multi-cluster Gateway resources.
   * Enables the multi-cluster ingress feature.
   * @default none (feature off)
   */
  readonly configCluster?: string;
  /**
   * Enable multi-cluster services (ServiceExport / ServiceImport) and its IAM grant.
   * @default false
   */
  readonly multiClusterServices?: boolean;
}

/** One frontend address of a multi-cluster Gateway (internal classes only). */
export interface GatewayAddressInput {
  /** Region of the frontend. It needs a proxy-only subnet. */
  readonly region: string;
  /**
   * Name of a static internal address that meshfleet reserves in the region's subnet.
   * @default none (an ephemeral address)
   */
  readonly staticAddress?: string;
}

/** One rule of an HTTPRoute (see `gateway-routes.ts`). */
export type RouteRuleInput = GatewayRouteRuleInput;

/** An HTTPRoute (or GRPCRoute) attached to a gateway. */
export interface RouteInput {
  /**
   * `GRPCRoute` for a gRPC service: rules match on `matches[].method` (`{ service, method, type }`)
   * and headers, not on paths. Only for a gateway class that supports GRPCRoute (see `gateway-classes.ts`).
   * @default "HTTPRoute"
   */
  readonly kind?: RouteKind;
  readonly name: string;
  /** @default {} */
  readonly labels?: Record<string, string>;
  /** @default [] (the route matches every host name) */
  readonly hostnames?: string[];
  readonly rules: RouteRuleInput[];
}

/** A multi-cluster Gateway, its routes and policies, in the fleet config cluster. */
export interface GatewayInput {
  readonly name: string;
  readonly namespace: string;
  /** A GKE multi-cluster GatewayClass, e.g. `gke-l7-cross-regional-internal-managed-mc` (see `gateway-classes.ts`). */
  readonly className: string;
  /**
   * Regional internal frontend addresses (gke-l7-rilb-mc: one; gke-l7-cross-regional-internal-managed-mc:
   * one per region). The external classes take none.
   * @default [] (internal classes: GKE picks an ephemeral address; external: an ephemeral external IP)
   */
  readonly addresses?: GatewayAddressInput[];
  /** HTTP listener port. @default 80 */
  readonly port?: number;
  /** @default [] */
  readonly routes?: RouteInput[];
  /**
   * Load balancer health checks (HealthCheckPolicy) per ServiceImport.
   * @default [] (the load balancer's default check)
   */
  readonly healthChecks?: GatewayHealthCheckInput[];
  /** GCPBackendPolicy per ServiceImport. @default [] */
  readonly backendPolicies?: GatewayBackendPolicyInput[];
  /** GCPGatewayPolicy of the Gateway. @default none */
  readonly gatewayPolicy?: GatewayPolicyInput;
}

/** Terraform state location. */
export interface BackendInput {
  /**
   * `local`: a state file per stack in `terraform-state/<topology name>/` beside the output
   * folder, outside it (relative paths only);
   * `gcs`: a Cloud Storage bucket.
   * @default "local"
   */
  readonly type?: BackendType;
  /** Bucket of the `gcs` backend. Required for `gcs`. */
  readonly bucket?: string;
  /** Prefix of the `gcs` backend; the stack name is appended. @default "meshfleet" */
  readonly prefix?: string;
}

/**
 * Argo CD output: an ApplicationSet (`gitops/argocd/applicationset.yaml`) with one Application per
 * cluster folder. Each cluster is registered in Argo CD under its cluster name
 * (`argocd cluster add <kube context> --name <cluster>`); the Applications name it as their destination.
 */
export interface ArgoCdInput {
  /** URL of the Git repository that holds the committed output folder (no credentials in it). */
  readonly repoURL: string;
  /** Branch, tag or commit the Applications follow. @default "HEAD" */
  readonly targetRevision?: string;
  /** Path of the committed output folder in the repository; the Applications sync `<path>/k8s/<cluster>`. @default "dist" */
  readonly path?: string;
  /** Namespace Argo CD runs in, which holds the ApplicationSet. @default "argocd" */
  readonly namespace?: string;
  /** Argo CD project of the Applications. @default "default" */
  readonly project?: string;
  /** Automated sync deletes objects a later synth no longer writes. @default false (automated sync without pruning) */
  readonly prune?: boolean;
}

/** How a Config Sync reconciler authenticates to the Git repository (`spec.git.auth` of a RootSync). */
export type ConfigSyncAuth = 'none' | 'gcenode' | 'gcpserviceaccount' | 'token' | 'ssh' | 'cookiefile';

/**
 * Config Sync output: one RootSync per cluster (`gitops/config-sync/<cluster>/root-sync.yaml`),
 * which syncs the cluster's folder of the committed output (Config Sync renders its kustomization).
 */
export interface ConfigSyncInput {
  /** URL of the Git repository that holds the committed output folder (no credentials in it). */
  readonly repo: string;
  /** @default "main" */
  readonly branch?: string;
  /** Path of the committed output folder in the repository; each RootSync syncs `<dir>/k8s/<cluster>`. @default "dist" */
  readonly dir?: string;
  /**
   * `spec.git.auth`. `token`, `ssh` and `cookiefile` read the Secret {@link secretRef} in
   * config-management-system, which the operator creates (never in the output);
   * `gcpserviceaccount` needs {@link gcpServiceAccountEmail}.
   * @default "none"
   */
  readonly auth?: ConfigSyncAuth;
  /** Google service account the reconciler impersonates (Workload Identity); only with auth gcpserviceaccount. */
  readonly gcpServiceAccountEmail?: string;
  /** Name of the Secret holding the Git credentials; only with auth token, ssh or cookiefile. @default "git-creds" with those */
  readonly secretRef?: string;
}

/** GitOps wiring of the output: Argo CD or Config Sync pointed at the committed cluster folders. */
export interface GitOpsInput {
  /** @default none (no Argo CD output) */
  readonly argocd?: ArgoCdInput;
  /** @default none (no Config Sync output) */
  readonly configSync?: ConfigSyncInput;
}

/** The whole topology file. */
export interface TopologyInput {
  /** Name of the topology, used in descriptions and labels. */
  readonly name: string;
  readonly project: ProjectInput;
  readonly network?: NetworkInput;
  readonly regions?: RegionInput[];
  /**
   * Operator CIDRs (admin workstations, Cloud Shell, CI) allowed to reach the control planes of
   * private clusters, besides the NAT addresses. Each is a /16 or narrower, whatever the clusters.
   * @default []
   */
  readonly operatorCidrs?: string[];
  readonly clusters: ClusterInput[];
  readonly mesh?: MeshInput;
  readonly fleet?: FleetInput;
  readonly gateways?: GatewayInput[];
  /** Multi-cluster ingress objects in the config cluster. @default none */
  readonly multiClusterIngress?: MultiClusterIngressInput;
  /** @default [] */
  readonly apps?: AppInput[];
  readonly terraform?: { readonly backend?: BackendInput };
  /**
   * Argo CD or Config Sync objects that sync each cluster's folder from Git.
   * @default none (no gitops/ folder)
   */
  readonly gitops?: GitOpsInput;
}

// ---------------------------------------------------------------------------------------------
// Resolved model: every default filled in, derived values computed once.
// ---------------------------------------------------------------------------------------------

export interface ResolvedNodePool {
  readonly machineType: string;
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly initialNodes: number;
}

/** What every cluster has, whatever its platform. */
interface ResolvedClusterCommon {
  readonly name: string;
  readonly role: ClusterRole;
  readonly shortName: string;
  /** True when the cluster is a member of the service mesh (workload clusters with a mesh). */
  readonly meshMember: boolean;
  /** Present when meshfleet installs the mesh into this cluster (in-cluster mesh members). */
  readonly meshInstall?: ResolvedMeshInstall;
}

/** How an in-cluster mesh is installed into one cluster. */
export interface ResolvedMeshInstall {
  /** Istio network ID. */
  readonly network: string;
  /** `primary`: runs istiod; `remote`: uses the primary's istiod (primary-remote model). */
  readonly controlPlane: 'primary' | 'remote';
}

/** A GKE cluster, created by the Terraform stacks. */
export interface ResolvedGkeCluster extends ResolvedClusterCommon {
  readonly platform: 'gke';
  readonly zone: string;
  readonly region: string;
  readonly private: boolean;
  readonly masterCidr?: string;
  readonly podCidr?: string;
  readonly subnet?: string;
  readonly nodePool: ResolvedNodePool;
  readonly gatewayApi: GatewayApiChannel;
  readonly fleet: boolean;
  readonly releaseChannel: ReleaseChannel;
  readonly labels: Readonly<Record<string, string>>;
  readonly deletionProtection: boolean;
  /** GKE Dataplane V2 (`ADVANCED_DATAPATH`). */
  readonly dataplaneV2: boolean;
  /** The control-plane endpoint is limited to authorized networks (always true for private clusters). */
  readonly authorizedNetworks: boolean;
}

/** An existing cluster outside meshfleet's Terraform (e.g. GKE on VMware). */
export interface ResolvedExternalCluster extends ResolvedClusterCommon {
  readonly platform: 'external';
}

export type ResolvedCluster = ResolvedGkeCluster | ResolvedExternalCluster;

/** Narrows a cluster to a GKE cluster. */
export function isGkeCluster(cluster: ResolvedCluster): cluster is ResolvedGkeCluster {
  return cluster.platform === 'gke';
}

/** The GKE clusters (the ones Terraform creates), in topology order. */
export function gkeClusters(model: { readonly clusters: ReadonlyArray<ResolvedCluster> }): ResolvedGkeCluster[] {
  return model.clusters.filter(isGkeCluster);
}

/** The Cloud NAT of a region and the names of its resources. */
export interface ResolvedNat {
  readonly logFilter: 'ALL' | 'ERRORS_ONLY' | 'TRANSLATIONS_ONLY';
  readonly addressName: string;
  readonly routerName: string;
  readonly natName: string;
}

export interface ResolvedRegion {
  readonly name: string;
  readonly nat?: ResolvedNat;
  readonly proxyOnlySubnet?: string;
}

/** Istio API version of networking objects: v1 from Istio 1.22, v1beta1 before. */
export type IstioApiVersion = 'v1' | 'v1beta1';

export interface ResolvedMesh {
  readonly management: MeshManagement;
  readonly revision?: string;
  readonly version?: string;
  readonly istioApiVersion: IstioApiVersion;
  readonly ingressGateway?: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly https?: { readonly credentialName: string; readonly hosts: readonly string[] };
  };
  /** In-cluster meshes only: how the control planes are installed. */
  readonly install?: ResolvedMeshInstallSettings;
  readonly outboundTrafficPolicy?: OutboundTrafficPolicy;
  readonly routing: MeshRouting;
  readonly mtls: MeshMtlsMode;
  readonly defaultDeny: boolean;
}

/** Mesh-wide settings of an in-cluster mesh. */
export interface ResolvedMeshInstallSettings {
  readonly distribution: MeshDistribution;
  /** Empty only when invalid (no meshId and no project number; reported by the rules). */
  readonly meshId: string;
  readonly model: MeshModel;
  /** primary-remote: the primary cluster's name. */
  readonly primary?: string;
  /** primary-remote: where remotes reach the primary's istiod. */
  readonly primaryAddress?: string;
  readonly clusterAdmin?: string;
}

export interface ResolvedMultiClusterService {
  readonly name: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: ReadonlyArray<{ readonly name: string; readonly port: number; readonly targetPort?: number }>;
  /** Cluster names in link order; absent = every member cluster (no `clusters` field). */
  readonly clusters?: readonly string[];
  /** The backend-config annotation: its key, the default BackendConfig and the one per port number. */
  readonly backendConfig?: {
    readonly annotation: string;
    readonly default?: string;
    readonly ports: ReadonlyArray<{ readonly port: number; readonly name: string }>;
  };
  /** `networking.gke.io/app-protocols` entries, port name to protocol, in port order. */
  readonly appProtocols: ReadonlyArray<{ readonly port: string; readonly protocol: string }>;
}

export interface ResolvedMultiClusterIngress {
  readonly name: string;
  readonly namespace: string;
  readonly services: readonly ResolvedMultiClusterService[];
  readonly backendConfigs: readonly BackendConfigInput[];
  readonly rules: readonly IngressRuleInput[];
  readonly defaultBackend?: IngressBackendInput;
  readonly staticIp?: string;
  /** `preSharedCerts`, then the managed certificates' names. */
  readonly preSharedCerts: readonly string[];
  readonly managedCertificates: readonly ManagedCertificateInput[];
  /** Seed 000's shape (no `services` given): the one service fronts the mesh ingress gateway. */
  readonly meshGateway: boolean;
}

export interface ResolvedWorkload {
  readonly name: string;
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly image: string;
  /** Container port; absent for a workload without a Service. */
  readonly port?: number;
  /** Service port (`port` by default); absent with `port`. */
  readonly servicePort?: number;
  readonly portName: string;
  readonly extraPorts: ReadonlyArray<Required<ExtraPortInput>>;
  readonly serviceType?: ServiceType;
  readonly extraServices: readonly ExtraServiceInput[];
  readonly containerName: string;
  readonly replicas: number;
  readonly args?: readonly string[];
  readonly env: Readonly<Record<string, EnvValue>>;
  readonly envFrom: readonly EnvFromInput[];
  readonly volumes: readonly VolumeInput[];
  readonly volumeMounts: readonly VolumeMountInput[];
  readonly initContainers: readonly InitContainerInput[];
  /** Readiness probe (`readinessProbe`, else `probe`). */
  readonly readinessProbe?: ProbeInput;
  /** Liveness probe (`livenessProbe`, else `probe`). */
  readonly livenessProbe?: ProbeInput;
  readonly startupProbe?: ProbeInput;
  readonly resources?: ResourcesInput;
  readonly securityContext?: ContainerSecurityContextInput;
  readonly podSecurityContext?: PodSecurityContextInput;
  readonly serviceAccountName?: string;
  readonly podAnnotations: Readonly<Record<string, string>>;
  readonly terminationGracePeriodSeconds?: number;
  /** Names of the clusters that run the workload. */
  readonly clusters: readonly string[];
  /** `version` label of the stable pods (`versions[0].name` when versions are declared). */
  readonly version?: string;
  readonly canary?: Required<Omit<CanaryInput, 'image'>> & { readonly image: string };
  /**
   * The declared traffic split, in order: `versions`, or the stable version and the canary
   * (stable weight `100 - canary.weight`); [] for a workload without either.
   */
  readonly versions: readonly ResolvedVersion[];
  readonly selectorIncludesVersion: boolean;
  readonly virtualServiceName: string;
  readonly destinationRuleName: string;
  readonly expose?: { readonly hosts: readonly string[] };
  readonly export: boolean;
}

/** A version of a workload with its overrides filled in. */
export interface ResolvedVersion {
  readonly name: string;
  readonly weight: number;
  readonly image: string;
  /** The version's own variables (merged over the workload's by the pod template). */
  readonly env: Readonly<Record<string, string>>;
  readonly replicas: number;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ResolvedVmWorkload {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccount: string;
  readonly ports: readonly VmPortInput[];
  readonly network?: string;
  readonly probe?: VmProbeInput;
  /** Empty only when the mesh has no cluster to register with (reported by the rules). */
  readonly cluster: string;
}

export interface ResolvedApp {
  readonly namespace: string;
  readonly configMaps: ReadonlyArray<{ readonly name: string; readonly data: Readonly<Record<string, string>>; readonly external: boolean }>;
  readonly serviceAccounts: readonly string[];
  readonly secrets: ReadonlyArray<ResolvedAppSecret>;
  readonly workloads: readonly ResolvedWorkload[];
  readonly vmWorkloads: readonly ResolvedVmWorkload[];
  readonly serviceEntries: readonly ResolvedServiceEntry[];
  readonly routes: readonly ResolvedMeshRoute[];
}

/** A route rule with its defaults: path type, value match types, backends, mirror percent. */
export interface ResolvedMeshRouteRule extends Omit<MeshRouteRuleInput, 'matches' | 'backends' | 'mirror'> {
  readonly matches: ReadonlyArray<{
    readonly path?: { readonly type: PathMatchType; readonly value: string };
    readonly headers: ReadonlyArray<Required<ValueMatchInput>>;
    readonly queryParams: ReadonlyArray<Required<ValueMatchInput>>;
    readonly method?: HttpMethod | ResolvedGrpcMethodMatch;
  }>;
  /** Empty with `redirect`. */
  readonly backends: readonly RouteBackendInput[];
  readonly mirror?: { readonly version: string; readonly percent: number };
}

export interface ResolvedMeshRoute {
  readonly kind: RouteKind;
  readonly name: string;
  readonly service: string;
  readonly rules: readonly ResolvedMeshRouteRule[];
}

export interface ResolvedServiceEntry {
  readonly name: string;
  readonly hosts: readonly string[];
  readonly ports: readonly ServiceEntryPortInput[];
  readonly resolution: 'DNS' | 'STATIC' | 'NONE';
  readonly location: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  readonly addresses: readonly string[];
  readonly endpoints: readonly string[];
}

/** A Secret the operator creates: its keys, and the key pair the runbook generates, if any. */
export interface ResolvedAppSecret {
  readonly name: string;
  /** Every key of the Secret, in order. */
  readonly keys: readonly string[];
  readonly rsaKeyPair?: Required<RsaKeyPairInput>;
}

export interface ResolvedGateway {
  readonly name: string;
  readonly namespace: string;
  readonly className: string;
  readonly addresses: ReadonlyArray<{ readonly region: string; readonly staticAddress?: string }>;
  readonly port: number;
  readonly routes: ReadonlyArray<{
    readonly kind: RouteKind;
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly hostnames: readonly string[];
    /** As written (shorthands kept); `resolveGatewayRouteRule` expands one. */
    readonly rules: readonly RouteRuleInput[];
  }>;
  /** As written; the construct applies the default names. */
  readonly healthChecks: readonly GatewayHealthCheckInput[];
  readonly backendPolicies: readonly GatewayBackendPolicyInput[];
  readonly gatewayPolicy?: GatewayPolicyInput;
}

export type ResolvedBackend =
  | { readonly type: 'local' }
  | { readonly type: 'gcs'; readonly bucket: string; readonly prefix: string };

export interface ResolvedTopology {
  readonly name: string;
  readonly project: { readonly id: string; readonly number?: string; readonly nodeServiceAccount: string };
  readonly network: { readonly name: string; readonly subnets: ReadonlyArray<Required<SubnetInput>>; readonly firewallName: string };
  /** Declared regions first (in file order), then regions that only host clusters. */
  readonly regions: ReadonlyArray<ResolvedRegion>;
  readonly operatorCidrs: ReadonlyArray<string>;
  readonly clusters: ReadonlyArray<ResolvedCluster>;
  readonly mesh?: ResolvedMesh;
  readonly fleet: { readonly configCluster?: string; readonly multiClusterServices: boolean };
  readonly gateways: ReadonlyArray<ResolvedGateway>;
  readonly multiClusterIngress?: ResolvedMultiClusterIngress;
  readonly apps: ReadonlyArray<ResolvedApp>;
  readonly terraform: { readonly backend: ResolvedBackend };
  /** Absent without `gitops`. */
  readonly gitops?: ResolvedGitOps;
}

/** Argo CD output with its defaults. */
export type ResolvedArgoCd = Required<ArgoCdInput>;

/** Config Sync output with its defaults; the Secret name only with auth token, ssh or cookiefile. */
export interface ResolvedConfigSync {
  readonly repo: string;
  readonly branch: string;
  readonly dir: string;
  readonly auth: ConfigSyncAuth;
  readonly gcpServiceAccountEmail?: string;
  readonly secretRef?: string;
}

export interface ResolvedGitOps {
  readonly argocd?: ResolvedArgoCd;
  readonly configSync?: ResolvedConfigSync;
}
