/** A workload of an app: a Deployment or StatefulSet, the Service in front of it, and its versions. */

import type {
  ContainerSecurityContextInput,
  Env,
  EnvFromInput,
  InitContainerInput,
  PodSecurityContextInput,
  ProbeInput,
  ResourcesInput,
  VolumeInput,
  VolumeMountInput,
} from './container';
import type { SidecarInput } from './sidecar';
import type { TrafficPolicyInput } from './traffic-policy';
import type { Annotations, DnsLabel, Image, Labels, LiteralEnv, NonEmptyString, NonNegativeInteger, Percent, Port, PortName, Quantity, Replicas, VersionLabel } from './formats';

/** Kubernetes Service type. */
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

/** Kind of the object that runs a workload's pods. */
export type WorkloadKind = 'Deployment' | 'StatefulSet';

/** A further port of the container, also published by the workload's Service. */
export interface ExtraPortInput {
  /** Service port name (its protocol prefix matters to Istio), e.g. `grpc` or `http-metrics`. */
  readonly name: PortName;
  /** Container port. */
  readonly port: Port;
  /**
   * Service port.
   * @default port
   */
  readonly servicePort?: Port;
}

/** A further Service in front of a workload (same selector and ports), e.g. `frontend-external`. */
export interface ExtraServiceInput {
  /** Service name. */
  readonly name: DnsLabel;
  /**
   * Service type, e.g. `LoadBalancer` for an external address.
   * @default none (Kubernetes' ClusterIP, not written)
   */
  readonly type?: ServiceType;
}

/** The next version of a workload, receiving `weight` percent of the traffic. */
export interface CanaryInput {
  /**
   * Version label of the canary, e.g. `v2`; its Deployment is `<name>-<version>`.
   * @title version label such as v2
   */
  readonly version: VersionLabel;
  /** Percent of the traffic sent to the canary: 0 (only stable), 1..99 (split), 100 (promoted). `meshfleet canary` edits it. */
  readonly weight: Percent;
  /**
   * Image of the canary pods.
   * @default the stable image
   */
  readonly image?: Image;
  /**
   * Variables added to (or replacing those of) the stable container.
   * @default {}
   */
  readonly env?: LiteralEnv;
}

/**
 * One version (Istio subset) of a workload and its share of the traffic. The first version is
 * the stable Deployment `<name>`; every other one is a Deployment `<name>-<version name>`.
 */
export interface VersionInput {
  /** `version` label of its pods and DestinationRule subset name, e.g. `v1`. */
  readonly name: VersionLabel;
  /** Percent of the traffic, an integer from 0 to 100; the weights of a workload sum to 100. */
  readonly weight: Percent;
  /**
   * Image of this version's pods.
   * @default the workload's image
   */
  readonly image?: Image;
  /**
   * Literal variables added to (or replacing in place those of) the workload's container.
   * @default {}
   */
  readonly env?: LiteralEnv;
  /**
   * Pods of this version.
   * @default the workload's replicas
   */
  readonly replicas?: Replicas;
  /**
   * Further pod labels of this version (not `app` or `version`).
   * @default {}
   */
  readonly labels?: Labels;
  /**
   * Traffic policy of this version's subset (Istio `subsets[].trafficPolicy`, upstream's
   * TrafficPolicy shape), replacing the workload's `trafficPolicy` for it. Istio routing only.
   * @default none (the workload's)
   */
  readonly trafficPolicy?: TrafficPolicyInput;
}

/** How a PersistentVolume may be mounted (Kubernetes' access modes). */
export type PersistentVolumeAccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

/** `metadata` of a StatefulSet's PersistentVolumeClaim template. */
export interface ClaimTemplateMetadataInput {
  /**
   * Name of the template: the pod volume that `volumeMounts` name, and the prefix of each pod's
   * claim `<name>-<StatefulSet>-<ordinal>`, e.g. `postgresdb`.
   */
  readonly name: DnsLabel;
}

/** Storage a claim asks for. */
export interface ClaimResourcesInput {
  /** Quantities requested. */
  readonly requests: {
    /** Size of the volume, e.g. `1Gi`. */
    readonly storage: Quantity;
  };
}

/** `spec` of a StatefulSet's PersistentVolumeClaim template (upstream's field names). */
export interface ClaimTemplateSpecInput {
  /**
   * How the volume may be mounted.
   * @minItems 1
   * @default ["ReadWriteOnce"]
   */
  readonly accessModes?: PersistentVolumeAccessMode[];
  /**
   * StorageClass of the volumes, e.g. `standard-rwo` (GKE's balanced persistent disk).
   * @default none (the cluster's default StorageClass)
   */
  readonly storageClassName?: DnsLabel;
  /** The size of each pod's volume. */
  readonly resources: ClaimResourcesInput;
}

/**
 * A PersistentVolumeClaim template of a StatefulSet, in Kubernetes' shape: every pod gets a
 * claim of its own, kept when the pod moves or the StatefulSet is deleted.
 */
export interface VolumeClaimTemplateInput {
  /** The template's name. */
  readonly metadata: ClaimTemplateMetadataInput;
  /** What each claim asks for. */
  readonly spec: ClaimTemplateSpecInput;
}

/** `rollingUpdate` of a StatefulSet's update strategy. */
export interface StatefulSetRollingUpdateInput {
  /**
   * Only pods with an ordinal at or above it are updated: a staged rollout (a StatefulSet's
   * counterpart of a canary).
   * @default Kubernetes' default (0: every pod)
   */
  readonly partition?: NonNegativeInteger;
}

/** A StatefulSet's `updateStrategy` (upstream's shape). */
export interface StatefulSetUpdateStrategyInput {
  /**
   * `RollingUpdate` replaces pods one at a time, highest ordinal first; `OnDelete` only when a pod is deleted.
   * @default Kubernetes' default (RollingUpdate)
   */
  readonly type?: 'RollingUpdate' | 'OnDelete';
  /**
   * Settings of `RollingUpdate`.
   * @default none
   */
  readonly rollingUpdate?: StatefulSetRollingUpdateInput;
}

/** What happens to a StatefulSet's claims (upstream's `persistentVolumeClaimRetentionPolicy`). */
export interface ClaimRetentionPolicyInput {
  /**
   * When the StatefulSet is deleted: `Delete` deletes its claims (and, with the usual reclaim
   * policy, the disks and their data).
   * @default Kubernetes' default (Retain)
   */
  readonly whenDeleted?: 'Retain' | 'Delete';
  /**
   * When the StatefulSet scales down: `Delete` deletes the claims of the pods removed.
   * @default Kubernetes' default (Retain)
   */
  readonly whenScaled?: 'Retain' | 'Delete';
}

/** External exposure of a workload through the shared ingress gateway. */
export interface ExposeInput {
  /**
   * Hosts the gateway routes to the workload (VirtualService `hosts`), e.g. `shop.example.com` or `*`.
   * @minItems 1
   */
  readonly hosts: NonEmptyString[];
}

/** A workload of an app: a Deployment or StatefulSet and the Service in front of it. */
export interface WorkloadInput {
  /** Workload name: the Deployment (or StatefulSet), its Service, and the pods' `app` label, e.g. `frontend`. */
  readonly name: DnsLabel;
  /**
   * Kind of the object that runs the pods. A `StatefulSet` (a database, as Bank of Anthos'
   * accounts-db) gives its pods stable names and, with `volumeClaimTemplates`, a volume each;
   * its `serviceName` is the workload's Service, a ClusterIP Service like any other (clients
   * and the mesh address its virtual IP). Every cluster in `clusters` runs a StatefulSet and
   * volumes of its own: nothing is replicated between them. No `versions` or `canary` (each
   * version would need its own volumes; stage a rollout with `updateStrategy.rollingUpdate.partition`).
   * @default "Deployment"
   */
  readonly kind?: WorkloadKind;
  /** Container image, e.g. `us-docker.pkg.dev/google-samples/microservices-demo/frontend:v0.10.1`. */
  readonly image: Image;
  /**
   * Container port. A workload without one (a load generator) has no Service. In a mesh, not
   * a port of the Istio sidecar (15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090).
   * @default none (no container port and no Service)
   */
  readonly port?: Port;
  /**
   * Service port.
   * @default port
   */
  readonly servicePort?: Port;
  /**
   * Name of the Service port (its protocol prefix matters to Istio), e.g. `grpc`.
   * @default "http"
   */
  readonly portName?: PortName;
  /**
   * Further container ports, also on the Service.
   * @default []
   */
  readonly extraPorts?: ExtraPortInput[];
  /**
   * Service `type`.
   * @default none (Kubernetes' ClusterIP, not written)
   */
  readonly serviceType?: ServiceType;
  /**
   * Further Services with the workload's selector and ports.
   * @default []
   */
  readonly extraServices?: ExtraServiceInput[];
  /**
   * Name of the container.
   * @default the workload name
   */
  readonly containerName?: DnsLabel;
  /**
   * Pods per cluster (per version).
   * @default 1
   */
  readonly replicas?: Replicas;
  /**
   * Container arguments.
   * @default none (the image's)
   */
  readonly args?: string[];
  /**
   * Variables in order: literal values, or values from a ConfigMap, Secret or pod field.
   * @default {}
   */
  readonly env?: Env;
  /**
   * ConfigMaps and Secrets whose every key becomes a variable.
   * @default []
   */
  readonly envFrom?: EnvFromInput[];
  /**
   * Pod volumes.
   * @default []
   */
  readonly volumes?: VolumeInput[];
  /**
   * Where the container mounts them.
   * @default []
   */
  readonly volumeMounts?: VolumeMountInput[];
  /**
   * StatefulSet only: PersistentVolumeClaim templates (Kubernetes' `volumeClaimTemplates`); each
   * template is a pod volume that `volumeMounts` name. The claims outlive the StatefulSet.
   * @default []
   */
  readonly volumeClaimTemplates?: VolumeClaimTemplateInput[];
  /**
   * StatefulSet only: `Parallel` starts and stops all pods at once instead of one by one.
   * @default Kubernetes' default (OrderedReady, not written)
   */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
  /**
   * StatefulSet only: how pods are replaced when the template changes.
   * @default Kubernetes' default (RollingUpdate, not written)
   */
  readonly updateStrategy?: StatefulSetUpdateStrategyInput;
  /**
   * StatefulSet only: whether its claims go when it is deleted or scaled down (Kubernetes 1.27+).
   * @default Kubernetes' default (Retain both: the claims and their data stay, not written)
   */
  readonly persistentVolumeClaimRetentionPolicy?: ClaimRetentionPolicyInput;
  /**
   * Containers run before the workload's one.
   * @default []
   */
  readonly initContainers?: InitContainerInput[];
  /**
   * Inject the mesh proxy as a Kubernetes native sidecar (pod annotation
   * `sidecar.istio.io/nativeSidecar: "true"`, Istio 1.24+ on Kubernetes 1.29+): the proxy starts
   * before the init containers, so an init container that calls another service (Online
   * Boutique's loadgenerator waits for the frontend) gets through the mesh instead of failing
   * while no proxy runs. `false` keeps the classic sidecar.
   * @default true for a mesh-injected workload with init containers on a mesh that supports it (fleet-managed, or in-cluster Istio 1.24+), else false
   */
  readonly nativeSidecar?: boolean;
  /**
   * The same liveness and readiness probe; or give `readinessProbe` / `livenessProbe`.
   * @default none
   */
  readonly probe?: ProbeInput;
  /**
   * When the pod receives traffic (its endpoints in the Service).
   * @default `probe`
   */
  readonly readinessProbe?: ProbeInput;
  /**
   * When the kubelet restarts the container.
   * @default `probe`
   */
  readonly livenessProbe?: ProbeInput;
  /**
   * Holds the other probes off until the container has started (slow starters).
   * @default none
   */
  readonly startupProbe?: ProbeInput;
  /**
   * CPU, memory and ephemeral storage requests and limits.
   * @default requests filled by meshfleet (see `requests`)
   */
  readonly resources?: ResourcesInput;
  /**
   * Container `securityContext`; meshfleet fills the Pod Security Standards "restricted" values left out.
   * @default the "restricted" values
   */
  readonly securityContext?: ContainerSecurityContextInput;
  /**
   * Pod `securityContext`.
   * @default none
   */
  readonly podSecurityContext?: PodSecurityContextInput;
  /**
   * A ServiceAccount of the app (`serviceAccounts`), or `default`.
   * @default none (not written: `default`)
   */
  readonly serviceAccountName?: DnsLabel;
  /**
   * Pod annotations, e.g. `proxy.istio.io/config`: at most 256 KiB, keys and values together.
   * `sidecar.istio.io/inject: "false"` keeps the pod out of the mesh.
   * @default {}
   */
  readonly podAnnotations?: Annotations;
  /**
   * Seconds the pod gets to stop after SIGTERM.
   * @default Kubernetes' default (30 s)
   */
  readonly terminationGracePeriodSeconds?: NonNegativeInteger;
  /**
   * Clusters that run the workload. Its Service exists in every workload cluster anyway, so
   * the name resolves everywhere (distributed services need it for DNS).
   * @minItems 1
   * @default every workload cluster (a distributed service)
   */
  readonly clusters?: DnsLabel[];
  /**
   * `version` label of the stable pods, e.g. `v1`. Required with `canary`.
   * @default none
   */
  readonly version?: VersionLabel;
  /**
   * A canary version and its traffic share: the two-version shorthand of `versions`. Not on a StatefulSet.
   * @default none
   */
  readonly canary?: CanaryInput;
  /**
   * Versions and their traffic split, in order (the first is the stable Deployment `<name>`).
   * Not with `version` or `canary`, nor on a StatefulSet. Every version gets a DestinationRule subset, even at weight
   * 0, so that shifting traffic only changes the VirtualService.
   * @minItems 1
   * @default none (one version: `version`, or `canary`'s two)
   */
  readonly versions?: VersionInput[];
  /**
   * The Deployments' selectors also match the `version` label (as Istio's bookinfo samples do),
   * so each Deployment selects only its own pods. A Deployment's selector cannot be changed
   * once created: flipping this on an existing workload needs its Deployments deleted first.
   * @default false
   */
  readonly selectorIncludesVersion?: boolean;
  /**
   * Name of the traffic split's VirtualService.
   * @default the workload name
   */
  readonly virtualServiceName?: DnsLabel;
  /**
   * Name of the traffic split's DestinationRule.
   * @default the workload name
   */
  readonly destinationRuleName?: DnsLabel;
  /**
   * How mesh clients call the Service: Istio's DestinationRule `trafficPolicy` in upstream's
   * field names (connectionPool, outlierDetection, loadBalancer with localityLbSetting, tls,
   * portLevelSettings). Written in the DestinationRule `destinationRuleName` (host: the
   * Service), with the version subsets when the workload has versions, in every mesh cluster
   * that calls the Service. Istio routing only.
   * @default none (no DestinationRule without versions or a route)
   */
  readonly trafficPolicy?: TrafficPolicyInput;
  /**
   * An Istio `Sidecar` named after the workload for its pods only, in Istio's Sidecar shape
   * (`egress`, `outboundTrafficPolicy`); meshfleet adds `workloadSelector.labels: { app: <name> }`.
   * Written in the mesh clusters that run the workload; it takes precedence over the namespace's
   * `apps[].sidecar` for these pods (see `apps[].sidecar` for the hosts a REGISTRY_ONLY proxy
   * still needs).
   * @default none (the namespace's Sidecar, if any)
   */
  readonly sidecar?: SidecarInput;
  /**
   * Route external traffic from the shared ingress gateway to this workload (VirtualService).
   * @default none (not exposed)
   */
  readonly expose?: ExposeInput;
  /**
   * Export the Service to the fleet (ServiceExport), plus a per-cluster Service
   * `<name>-<cluster short name>` exported too, so routes can target one cluster.
   * @default false
   */
  readonly export?: boolean;
}
