/*
 * The fleet plan: what meshfleet will write, decided once from the resolved topology. Plain,
 * JSON-serializable data (no functions, no class instances): the renderers (src/k8s,
 * src/terraform, the runbook, `meshfleet plan`) read it and decide nothing of their own.
 */

import type { GatewayApiChannel } from '../topology/model/types';

/** A topology field path, e.g. `apps[0].workloads[1]`, `mesh.ingressGateway`, `gateways[0].routes[2]`. */
export type SourcePath = string;

/** One Kubernetes object the plan puts into a cluster file. */
export interface PlannedObject {
  readonly kind: string;
  readonly apiVersion: string;
  /** @default none (a cluster-scoped object, or an `istioctl` input) */
  readonly namespace?: string;
  readonly name: string;
  /** The topology field that caused the object. */
  readonly source: SourcePath;
}

/** Fields every component has. */
interface ComponentBase {
  /** Construct id of the component in its chart (unique per file). */
  readonly id: string;
  /** The topology field that caused the component. */
  readonly source: SourcePath;
}

/** Index of an app of `model.apps` and of one of its workloads. */
interface WorkloadRef {
  readonly app: number;
  readonly workload: number;
}

/**
 * One construct the Kubernetes renderer instantiates, with its serializable inputs; topology
 * entries are referenced by index (`app`, `workload`, `route`, `gateway`, ...) into the resolved
 * model, which the renderer holds too.
 */
export type PlannedComponent =
  | (ComponentBase & { readonly component: 'IstioSystemNamespace'; readonly network: string; readonly controlPlaneClusters?: string })
  | (ComponentBase & { readonly component: 'AppNamespace'; readonly name: string; readonly injection: boolean })
  | (ComponentBase & { readonly component: 'ClusterAdminBinding'; readonly user: string })
  | (ComponentBase & { readonly component: 'IstiodService'; readonly revision: string })
  | (ComponentBase & { readonly component: 'CrossNetworkGateway' })
  | (ComponentBase & { readonly component: 'IstiodExposure' })
  | (ComponentBase & { readonly component: 'ManagedMeshConfig' })
  | (ComponentBase & { readonly component: 'MeshMtls' })
  | (ComponentBase & { readonly component: 'IngressGateway'; readonly serviceType: 'ClusterIP' | 'LoadBalancer' })
  | (ComponentBase & { readonly component: 'SharedGateway' })
  /** The egress gateway's Deployment, ServiceAccount and ClusterIP Service, listening on `ports` (the ports routed through it in the cluster). */
  | (ComponentBase & { readonly component: 'EgressGateway'; readonly ports: ReadonlyArray<{ readonly name: string; readonly port: number }> })
  | (ComponentBase & { readonly component: 'AppConfig'; readonly app: number })
  | (ComponentBase &
      WorkloadRef & {
        readonly component: 'Workload';
        readonly pods: boolean;
        readonly service: boolean;
        /** The pods get the native sidecar annotation (`nativeSidecarOf`, src/topology/resolve/mesh-support.ts). @default false */
        readonly nativeSidecar?: boolean;
      })
  | (ComponentBase & WorkloadRef & { readonly component: 'ExportedService'; readonly name: string })
  | (ComponentBase & WorkloadRef & { readonly component: 'WorkloadVersions'; readonly pods: boolean; readonly routing: boolean; readonly nativeSidecar?: boolean })
  | (ComponentBase &
      WorkloadRef & {
        /** A PERMISSIVE exception for the ports a Google load balancer sends plain text to (src/topology/resolve/load-balancer-plaintext.ts). */
        readonly component: 'LoadBalancerPlaintext';
        readonly name: string;
        readonly ports: readonly number[];
        /** `mesh.defaultDeny`: an ALLOW AuthorizationPolicy of the same name lets the load balancer in on those ports. */
        readonly allow: boolean;
      })
  | (ComponentBase &
      WorkloadRef & {
        /** An app route, or a traffic policy alone (`source` says which): see `istioMeshObjectsOf`. */
        readonly component: 'IstioMeshRoute';
        readonly names: { readonly virtualService: string; readonly destinationRule: string };
        readonly subsets: readonly string[];
        /** A DestinationRule: subsets or a traffic policy. */
        readonly destinationRule: boolean;
        /** A VirtualService: an app route. */
        readonly virtualService: boolean;
      })
  | (ComponentBase & WorkloadRef & { readonly component: 'VersionServices'; readonly versions: readonly string[] })
  /** ServiceExports of the per-version Services `<name>-<version>` of an exported workload that declares versions. */
  | (ComponentBase & WorkloadRef & { readonly component: 'VersionServiceExports'; readonly versions: readonly string[] })
  | (ComponentBase & WorkloadRef & { readonly component: 'GammaRoute'; readonly name: string; readonly kind: 'HTTPRoute' | 'GRPCRoute' })
  | (ComponentBase & WorkloadRef & { readonly component: 'ExposedService'; readonly name: string })
  | (ComponentBase & { readonly component: 'VmWorkload'; readonly app: number; readonly vmWorkload: number; readonly createServiceAccount: boolean })
  | (ComponentBase & { readonly component: 'DefaultDeny'; readonly app: number; readonly exposedWorkloads: readonly string[] })
  /** A ServiceEntry, and the DestinationRule of its `trafficPolicy` when it has one. */
  | (ComponentBase & { readonly component: 'AppServiceEntry'; readonly app: number; readonly serviceEntry: number })
  /** The Gateway, DestinationRule and VirtualService routing a ServiceEntry through the egress gateway (`egressGateway: true`). */
  | (ComponentBase & { readonly component: 'EgressRoute'; readonly app: number; readonly serviceEntry: number })
  /** The namespace-wide Sidecar of an app (`apps[].sidecar`), or with `workload` that workload's (`workloads[].sidecar`). */
  | (ComponentBase & { readonly component: 'AppSidecar'; readonly app: number; readonly workload?: number })
  /** An AuthorizationPolicy (`apps[].authorizationPolicies[]`) or RequestAuthentication (`apps[].requestAuthentications[]`) of the app. */
  | (ComponentBase & { readonly component: 'AppSecurityPolicy'; readonly app: number; readonly kind: 'AuthorizationPolicy' | 'RequestAuthentication'; readonly index: number })
  /** Extra object `index` of `apps[app].extraObjects`, in the app's file (src/plan/extras.ts). */
  | (ComponentBase & { readonly component: 'AppExtraObject'; readonly app: number; readonly index: number })
  /** Extra object `index` of `clusters[cluster].extraObjects`, in `extra-objects.yaml`. */
  | (ComponentBase & { readonly component: 'ClusterExtraObject'; readonly cluster: number; readonly index: number })
  | (ComponentBase & { readonly component: 'MultiClusterIngressSet' })
  | (ComponentBase & { readonly component: 'MultiClusterGateway'; readonly gateway: number })
  /** A single-cluster GKE Gateway (`gateways[gateway]`) with its routes and policies, in its cluster. */
  | (ComponentBase & { readonly component: 'ClusterGateway'; readonly gateway: number })
  | (ComponentBase & { readonly component: 'ControlPlaneOperator'; readonly vmRegistration: boolean; readonly externalIstiod: boolean })
  | (ComponentBase & {
      readonly component: 'EastWestGateway';
      readonly loadBalancerIp?: string;
      readonly loadBalancer: 'internal' | 'external';
      readonly globalAccess: boolean;
    });

/** The name of a component kind. */
export type ComponentKind = PlannedComponent['component'];

/** One file of a cluster folder. */
export interface PlannedFile {
  /** Path relative to the cluster folder (src/output/paths.ts), e.g. `namespaces.yaml`, `mesh-install/control-plane.yaml`. */
  readonly path: string;
  /** Listed in the cluster's kustomization (false for the `istioctl` inputs under `mesh-install/`). */
  readonly kustomized: boolean;
  /** The constructs that build the file, in order. */
  readonly components: readonly PlannedComponent[];
  /** The objects of the file, in file order. */
  readonly objects: readonly PlannedObject[];
}

/** A patch of the escape hatch on one planned object of a cluster (src/plan/extras.ts). */
export interface PlannedPatch {
  /** The patch, `apps[i].patches[j]` or `clusters[k].patches[j]`. */
  readonly source: SourcePath;
  /** The file of the patched object. */
  readonly file: string;
  /** The patched object. */
  readonly target: Omit<PlannedObject, 'source'>;
}

/** What one cluster folder holds. */
export interface ClusterPlan {
  readonly name: string;
  /** The folder under the output folder, `k8s/<name>`. */
  readonly folder: string;
  /** The files with objects: the kustomized ones in kustomization order, then the `istioctl` inputs in install order. */
  readonly files: readonly PlannedFile[];
  /**
   * CRDs of the Gateway API kinds its kustomized files hold (e.g. `httproutes.gateway.networking.k8s.io`),
   * sorted: established before the folder is applied. Empty when it holds none.
   */
  readonly gatewayApiCrds: readonly string[];
  /**
   * GKE clusters: the Gateway API channel Terraform sets (`gateway_api_config`), the topology's
   * `auto` decided. @default none (an external cluster: the runbook installs the CRDs it needs)
   */
  readonly gatewayApi?: GatewayApiChannel;
  /** The patches applied to its objects, in order: the apps' patches (topology order), then the cluster's. @default none */
  readonly patches?: readonly PlannedPatch[];
}

/** One Terraform resource the plan expects in a stack. */
export interface PlannedResource {
  /** Terraform resource type, e.g. `google_container_cluster`. */
  readonly type: string;
  /** The construct path below the stack (its readable Terraform name is derived from it). */
  readonly path: readonly string[];
  readonly source: SourcePath;
}

/** One Terraform stack, in apply order. */
export interface StackPlan {
  /** `network`, `clusters` or `fleet` (see `STACK_ORDER` in terraform-plan.ts). */
  readonly name: string;
  /** Stacks applied before this one. */
  readonly dependsOn: readonly string[];
  /** Resources of the stack that the topology's entries cause (see {@link PlannedResource}). */
  readonly resources: readonly PlannedResource[];
}

/** The Terraform half of the plan. */
export interface TerraformPlan {
  /** Empty for a fleet without GKE clusters (meshfleet creates nothing in Google Cloud). */
  readonly stacks: readonly StackPlan[];
}

/** The east-west gateway of one cluster (see `eastWestGatewayOf` in mesh-plan.ts). */
export interface PlannedEastWestGateway {
  /** The `istioctl install -f` input, relative to the cluster folder. */
  readonly file: string;
  readonly crossNetwork: boolean;
  readonly exposeIstiod: boolean;
  /** `internal`: a GKE internal load balancer in the VPC; `external`: a public address (`eastWestLoadBalancerOf`). */
  readonly loadBalancer: 'internal' | 'external';
  /** Internal load balancer reached from other regions too. */
  readonly globalAccess: boolean;
  /** @default none */
  readonly loadBalancerIp?: string;
  /** The address Terraform reserves for the gateway: its name, region and network-stack output. @default none */
  readonly reservedAddress?: { readonly name: string; readonly region: string; readonly output: string };
}

/** What installing the mesh takes in one cluster that meshfleet installs the mesh into. */
export interface ClusterMeshInstall {
  readonly cluster: string;
  readonly controlPlane: 'primary' | 'remote';
  readonly network: string;
  /** The control plane's `istioctl install -f` input, relative to the cluster folder. */
  readonly controlPlaneFile: string;
  /** @default none (the cluster needs no east-west gateway) */
  readonly eastWestGateway?: PlannedEastWestGateway;
  /** Clusters whose remote secret is applied to this one (a primary reads their API servers), in topology order. */
  readonly remoteSecretsFrom: readonly string[];
  /** Whether the cluster's Kubernetes is one the mesh version supports (`unknown`: no declared version). */
  readonly kubernetes: 'supported' | 'unsupported' | 'unknown';
}

/** The Kubernetes versions the in-cluster mesh version supports (src/topology/resolve/mesh-support.ts). */
export interface MeshKubernetesPlan {
  readonly meshVersion: string;
  /** e.g. `1.31 to 1.35`; absent when the support table does not know the mesh version. @default none */
  readonly supported?: string;
}

/** The in-cluster mesh install, cluster by cluster in install order: primaries, then remotes (empty for fleet-managed or no mesh). */
export interface MeshInstallPlan {
  readonly clusters: readonly ClusterMeshInstall[];
  /** @default none (no in-cluster mesh) */
  readonly kubernetes?: MeshKubernetesPlan;
}

/** The fleet plan: built by `buildPlan` from the resolved topology. */
export interface FleetPlan {
  /** The topology's name. */
  readonly name: string;
  /** Every cluster of the topology, in topology order (also clusters with no files). */
  readonly clusters: readonly ClusterPlan[];
  readonly terraform: TerraformPlan;
  readonly meshInstall: MeshInstallPlan;
}
