/**
 * The resolved model: what every generator reads. `resolveTopology` (./defaults.ts) fills every
 * default of the input (src/topology/model) and computes derived values once.
 *
 * Plain data only: this file imports neither cdktf nor cdk8s.
 */

import type { RsaKeyPairInput, ServiceEntryEndpointInput, ServiceEntryLocation, ServiceEntryPortInput, ServiceEntryResolution, VmPortInput, VmProbeInput } from '../model/app';
import type { AuthorizationAction, AuthorizationPolicyInput, RequestAuthenticationInput } from '../model/security-policy';
import type { ClusterRole, GatewayApiSetting, ReleaseChannel, VulnerabilityScanning } from '../model/cluster';
import type { ExtraObjectInput, ObjectPatchInput } from '../model/extras';
import type {
  ContainerSecurityContextInput,
  EnvFromInput,
  EnvValue,
  InitContainerInput,
  PodSecurityContextInput,
  ProbeInput,
  ResourcesInput,
  VolumeInput,
  VolumeMountInput,
} from '../model/container';
import type { GatewayBackendPolicyInput, GatewayHealthCheckInput, GatewayHealthCheckType, GatewayPolicyInput } from '../model/gateway-policies';
import type { GatewayAllowedRoutesInput, GatewayCertificateRefInput, GatewayListenerProtocol, RouteRuleInput } from '../model/gateway';
import type { HttpMethod, ResolvedGrpcMethodMatch, RouteKind } from '../model/gateway-routes';
import type { ArgoCdInput, ConfigSyncAuth } from '../model/gitops';
import type { BackendConfigInput, BackendProtocol, HealthCheckInput, IngressBackendInput, IngressRuleInput, ManagedCertificateInput } from '../model/ingress';
import type { EastWestLoadBalancer, IngressGatewayServiceType, MeshDistribution, MeshManagement, MeshModel, MeshMtlsMode, MeshRouting, OutboundTrafficPolicy } from '../model/mesh';
import type { NatLogFilter, SubnetInput } from '../model/network';
import type { MeshRouteRuleInput, PathMatchType, RouteBackendInput, ValueMatchInput } from '../model/route';
import type {
  CanaryInput,
  ClaimRetentionPolicyInput,
  ClaimTemplateSpecInput,
  ExtraPortInput,
  ExtraServiceInput,
  ServiceType,
  StatefulSetUpdateStrategyInput,
  VolumeClaimTemplateInput,
  WorkloadKind,
} from '../model/workload';
import type { TrafficPolicyInput } from '../model/traffic-policy';
import type { SidecarInput } from '../model/sidecar';

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
  /** Escape hatch (src/topology/model/extras.ts), as given. */
  readonly extraObjects: readonly ExtraObjectInput[];
  readonly patches: readonly ObjectPatchInput[];
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
  /** The topology's setting; the plan decides what `auto` becomes (`ClusterPlan.gatewayApi`). */
  readonly gatewayApi: GatewayApiSetting;
  readonly fleet: boolean;
  readonly releaseChannel: ReleaseChannel;
  readonly labels: Readonly<Record<string, string>>;
  readonly deletionProtection: boolean;
  /** GKE Dataplane V2 (`ADVANCED_DATAPATH`). */
  readonly dataplaneV2: boolean;
  /** The control-plane endpoint is limited to authorized networks (always true for private clusters). */
  readonly authorizedNetworks: boolean;
  /** Workload vulnerability scanning of the security posture. */
  readonly vulnerabilityScanning: VulnerabilityScanning;
}

/** An existing cluster outside meshfleet's Terraform (e.g. GKE on VMware). */
export interface ResolvedExternalCluster extends ResolvedClusterCommon {
  readonly platform: 'external';
  /** The declared Kubernetes version; absent when unknown. */
  readonly kubernetesVersion?: string;
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
  readonly logFilter: NatLogFilter;
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

/** The mesh's egress gateway (`mesh.egressGateway`) with its defaults. */
export interface ResolvedEgressGateway {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

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
    /** As given; absent: decided by `ingressGatewayServiceTypeOf` (src/topology/resolve/mesh-support.ts). */
    readonly serviceType?: IngressGatewayServiceType;
  };
  readonly egressGateway?: ResolvedEgressGateway;
  /** In-cluster meshes only: how the control planes are installed. */
  readonly install?: ResolvedMeshInstallSettings;
  readonly outboundTrafficPolicy?: OutboundTrafficPolicy;
  readonly routing: MeshRouting;
  readonly mtls: MeshMtlsMode;
  readonly defaultDeny: boolean;
  readonly allowLoadBalancerPlaintext: boolean;
  /** As given; absent: decided by `eastWestLoadBalancerOf` (src/topology/resolve/mesh-support.ts). */
  readonly eastWestLoadBalancer?: EastWestLoadBalancer;
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
  /** As written, with the health check's type resolved. */
  readonly backendConfigs: ReadonlyArray<BackendConfigInput & { readonly healthCheck?: HealthCheckInput & { readonly type: BackendProtocol } }>;
  readonly rules: readonly IngressRuleInput[];
  readonly defaultBackend?: IngressBackendInput;
  /** An address reserved outside meshfleet, written into the MultiClusterIngress. */
  readonly staticIp?: string;
  /** The global address Terraform reserves; the runbook annotates the MultiClusterIngress with its IP. */
  readonly staticAddressName?: string;
  /** `preSharedCerts`, then the managed certificates' names. */
  readonly preSharedCerts: readonly string[];
  readonly managedCertificates: readonly ManagedCertificateInput[];
  /** Seed 000's shape (no `services` given): the one service fronts the mesh ingress gateway. */
  readonly meshGateway: boolean;
}

/** A StatefulSet's PersistentVolumeClaim template, its access modes filled in. */
export interface ResolvedVolumeClaimTemplate extends VolumeClaimTemplateInput {
  readonly spec: ClaimTemplateSpecInput & { readonly accessModes: readonly string[] };
}

export interface ResolvedWorkload {
  readonly name: string;
  readonly kind: WorkloadKind;
  /** StatefulSet only (the rules refuse them on a Deployment); [] by default. */
  readonly volumeClaimTemplates: readonly ResolvedVolumeClaimTemplate[];
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
  readonly updateStrategy?: StatefulSetUpdateStrategyInput;
  readonly persistentVolumeClaimRetentionPolicy?: ClaimRetentionPolicyInput;
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
  readonly trafficPolicy?: TrafficPolicyInput;
  /** As given (upstream's Sidecar shape); meshfleet adds the workload selector. */
  readonly sidecar?: SidecarInput;
  readonly expose?: { readonly hosts: readonly string[] };
  readonly export: boolean;
  /** As given; absent: decided per cluster by `nativeSidecarOf` (src/topology/resolve/mesh-support.ts). */
  readonly nativeSidecar?: boolean;
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
  /** Traffic policy of the version's subset, as written. */
  readonly trafficPolicy?: TrafficPolicyInput;
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
  /** As given (upstream's Sidecar shape, rendered field for field). */
  readonly sidecar?: SidecarInput;
  readonly routes: readonly ResolvedMeshRoute[];
  readonly authorizationPolicies: readonly ResolvedAuthorizationPolicy[];
  /** As given (upstream's shape, rendered field for field). */
  readonly requestAuthentications: readonly RequestAuthenticationInput[];
  /** Escape hatch (src/topology/model/extras.ts), as given. */
  readonly extraObjects: readonly ExtraObjectInput[];
  readonly patches: readonly ObjectPatchInput[];
}

/** An AuthorizationPolicy with its action and rules filled in; the rest as given (upstream's shape). */
export interface ResolvedAuthorizationPolicy extends Omit<AuthorizationPolicyInput, 'action' | 'rules'> {
  readonly action: AuthorizationAction;
  readonly rules: NonNullable<AuthorizationPolicyInput['rules']>;
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
  readonly resolution: ServiceEntryResolution;
  readonly location: ServiceEntryLocation;
  readonly addresses: readonly string[];
  /** Every endpoint in Istio's shape (a string given is `{ address }`). */
  readonly endpoints: readonly ServiceEntryEndpointInput[];
  readonly egressGateway: boolean;
  /** As given (upstream's TrafficPolicy shape). */
  readonly trafficPolicy?: TrafficPolicyInput;
}

/** A Secret the operator creates: its keys, and the key pair the runbook generates, if any. */
export interface ResolvedAppSecret {
  readonly name: string;
  /** Every key of the Secret, in order. */
  readonly keys: readonly string[];
  readonly rsaKeyPair?: Required<RsaKeyPairInput>;
}

/** A Gateway listener: the shorthand `port` expanded, an HTTPS listener's TLS mode made explicit. */
export interface ResolvedGatewayListener {
  readonly name: string;
  readonly protocol: GatewayListenerProtocol;
  readonly port: number;
  readonly hostname?: string;
  /** Present as given (with `mode`); absent on an HTTP listener and on an HTTPS one served by the certificate map. */
  readonly tls?: {
    readonly mode: 'Terminate';
    readonly certificateRefs: readonly GatewayCertificateRefInput[];
    readonly options: Readonly<Record<string, string>>;
  };
  readonly allowedRoutes?: GatewayAllowedRoutesInput;
}

export interface ResolvedGateway {
  readonly name: string;
  readonly namespace: string;
  readonly className: string;
  /** The cluster of a single-cluster gateway; absent for a multi-cluster one (the config cluster holds it). */
  readonly cluster?: string;
  readonly addresses: ReadonlyArray<{ readonly region: string; readonly staticAddress?: string }>;
  /** Reserved global external address (global external classes). */
  readonly staticAddressName?: string;
  /** At least one: `listeners` as given, else one HTTP listener `http` on `port`. */
  readonly listeners: readonly ResolvedGatewayListener[];
  /** Certificate Manager map of the Gateway (annotation `networking.gke.io/certmap`). */
  readonly certificateMap?: string;
  readonly routes: ReadonlyArray<{
    readonly kind: RouteKind;
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
    /** The listener the route attaches to; absent: every listener. */
    readonly sectionName?: string;
    readonly hostnames: readonly string[];
    /** As written (shorthands kept); `resolveGatewayRouteRule` expands one. */
    readonly rules: readonly RouteRuleInput[];
  }>;
  /** As written, with each check's type resolved; the construct applies the default names. */
  readonly healthChecks: readonly ResolvedGatewayHealthCheck[];
  readonly backendPolicies: readonly GatewayBackendPolicyInput[];
  readonly gatewayPolicy?: GatewayPolicyInput;
}

export type ResolvedBackend = { readonly type: 'local' } | { readonly type: 'gcs'; readonly bucket: string; readonly prefix: string };

export interface ResolvedTopology {
  readonly name: string;
  readonly project: { readonly id: string; readonly number?: string; readonly nodeServiceAccount: string; readonly gkeEnterprise: boolean };
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

/** A multi-cluster Gateway's health check with its type resolved. */
export type ResolvedGatewayHealthCheck = GatewayHealthCheckInput & { readonly type: GatewayHealthCheckType };
