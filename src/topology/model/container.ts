/** The container parts of a workload: probes, environment, volumes, resources and security contexts. */

import type {
  AbsolutePath,
  DataKey,
  DnsLabel,
  EnvName,
  HeaderName,
  Image,
  LiteralEnv,
  NonEmptyString,
  NonNegativeInteger,
  Port,
  PortName,
  PositiveInteger,
  Quantity,
  RelativePath,
} from './formats';

/** A header of a probe's HTTP GET. */
export interface ProbeHeaderInput {
  /** Header name, e.g. `Host`. */
  readonly name: HeaderName;
  /** Header value. */
  readonly value: string;
}

/**
 * Kubernetes' `httpGet` probe handler (upstream's field names): an HTTP GET of `path` on `port`.
 */
export interface HttpGetActionInput {
  /**
   * Path of the GET, e.g. `/healthz`.
   * @default none (not written: the kubelet GETs `/`)
   */
  readonly path?: AbsolutePath;
  /**
   * Container port: a number, or the name of one of the workload's `extraPorts` (the main
   * container port has no name).
   * @default the workload's container port
   */
  readonly port?: Port | PortName;
  /**
   * Headers of the GET, e.g. Online Boutique's `Cookie: shop_session-id=x-readiness-probe`.
   * @default none
   */
  readonly httpHeaders?: ProbeHeaderInput[];
  /**
   * `HTTPS` probes without checking the certificate.
   * @default Kubernetes' default (HTTP, not written)
   */
  readonly scheme?: 'HTTP' | 'HTTPS';
}

/** Kubernetes' `tcpSocket` probe handler: a TCP connect to `port`. */
export interface TcpSocketActionInput {
  /**
   * Container port: a number, or the name of one of the workload's `extraPorts`.
   * @default the workload's container port
   */
  readonly port?: Port | PortName;
}

/**
 * Kubernetes' `grpc` probe handler (Kubernetes 1.24+): a call of the standard gRPC health
 * checking protocol (`grpc.health.v1.Health/Check`) on `port`, as Online Boutique's services
 * are probed. In a mesh, Istio 1.13+ rewrites it (like `httpGet` and `tcpSocket`) into a check
 * by the sidecar's agent, so it passes under STRICT mTLS.
 */
export interface GrpcActionInput {
  /** Container port of the gRPC server (a number: Kubernetes takes no port name here), e.g. `7070`. */
  readonly port: Port;
  /**
   * Service name sent in the health check request.
   * @default none (the server's overall health)
   */
  readonly service?: string;
}

/**
 * A container probe, in Kubernetes' shape: exactly one handler (`exec`, `httpGet`, `tcpSocket`
 * or `grpc`, as upstream manifests write them; or meshfleet's shorthands `httpPath` and `tcp`)
 * says how the kubelet checks; the timing fields are written only when given (Kubernetes'
 * defaults otherwise).
 */
export interface ProbeInput {
  /**
   * Command run in the container, e.g. `["/bin/grpc_health_probe", "-addr=:3550"]`.
   * @minItems 1
   */
  readonly exec?: string[];
  /** An HTTP GET, upstream's shape, e.g. `{ path: /healthz, port: 8080 }`. */
  readonly httpGet?: HttpGetActionInput;
  /** A TCP connect, upstream's shape, e.g. `{ port: 6379 }`. */
  readonly tcpSocket?: TcpSocketActionInput;
  /** A gRPC health check, upstream's shape, e.g. `{ port: 7070 }`. */
  readonly grpc?: GrpcActionInput;
  /** Shorthand of `httpGet: { path }`: HTTP GET path, on `port`, e.g. `/healthz`. */
  readonly httpPath?: AbsolutePath;
  /**
   * Headers of the `httpPath` GET.
   * @default none
   */
  readonly httpHeaders?: ProbeHeaderInput[];
  /**
   * Shorthand of `tcpSocket: {}`: a TCP connect to `port`.
   * @default false
   */
  readonly tcp?: boolean;
  /**
   * Port of an `httpPath` or `tcp` probe (the upstream handlers carry their own `port`).
   * @default the workload's container port
   */
  readonly port?: Port;
  /**
   * Seconds after the container starts before the first check.
   * @default Kubernetes' default (0)
   */
  readonly initialDelaySeconds?: NonNegativeInteger;
  /**
   * Seconds between two checks.
   * @default Kubernetes' default (10)
   */
  readonly periodSeconds?: PositiveInteger;
  /**
   * Seconds before a check fails for want of an answer.
   * @default Kubernetes' default (1)
   */
  readonly timeoutSeconds?: PositiveInteger;
  /**
   * Successes in a row after a failure before the probe passes again: 1 for liveness and
   * startup probes (and for `probe`, which is also the liveness probe).
   * @default Kubernetes' default (1)
   */
  readonly successThreshold?: PositiveInteger;
  /**
   * Failures in a row before the kubelet acts (marks the pod unready, restarts the container).
   * @default Kubernetes' default (3)
   */
  readonly failureThreshold?: PositiveInteger;
}

/** Quantities of one side (requests or limits) of a container's resources. */
export interface ResourceQuantitiesInput {
  /** CPU, e.g. `100m` (a tenth of a core). */
  readonly cpu?: Quantity;
  /** Memory, e.g. `64Mi`. */
  readonly memory?: Quantity;
  /** Ephemeral storage (container writable layer, logs, emptyDir), e.g. `1Gi`. */
  readonly 'ephemeral-storage'?: Quantity;
}

/** CPU, memory and ephemeral storage of a container. */
export interface ResourcesInput {
  /**
   * What the scheduler reserves for the container.
   * @default CPU 100m and memory 128Mi, each filled by meshfleet when neither its request nor its limit is given
   */
  readonly requests?: ResourceQuantitiesInput;
  /**
   * What the container may use at most; a request is never above its limit.
   * @default none
   */
  readonly limits?: ResourceQuantitiesInput;
}

/** One key of a ConfigMap or Secret, as an environment variable's value. */
export interface KeyRefInput {
  /** ConfigMap or Secret name. */
  readonly name: DnsLabel;
  /** Key in its data, e.g. `db-password`. */
  readonly key: DataKey;
  /**
   * The pod starts even when the object or key is missing.
   * @default false (not written)
   */
  readonly optional?: boolean;
}

/** A field of the pod as an environment variable's value (the downward API). */
export interface FieldRefInput {
  /** Field path, e.g. `metadata.namespace` or `status.podIP`. */
  readonly fieldPath: NonEmptyString;
}

/** Where an environment variable's value comes from; exactly one key. */
export interface EnvSourceInput {
  /** A key of a ConfigMap. */
  readonly configMapKeyRef?: KeyRefInput;
  /** A key of a Secret. */
  readonly secretKeyRef?: KeyRefInput;
  /** A field of the pod, e.g. `{ fieldPath: metadata.namespace }`. */
  readonly fieldRef?: FieldRefInput;
}

/**
 * An environment variable's value: a literal string, or a mapping naming its source
 * (`configMapKeyRef`, `secretKeyRef` or `fieldRef`).
 * @title string, or a mapping with one of configMapKeyRef, secretKeyRef, fieldRef
 */
export type EnvValue = string | EnvSourceInput;

/** Environment variables, name to value, in order. */
export type Env = Record<EnvName, EnvValue>;

/** Every key of a ConfigMap or Secret as environment variables; exactly one of `configMap` and `secret`. */
export interface EnvFromInput {
  /** ConfigMap whose keys become variables. */
  readonly configMap?: DnsLabel;
  /** Secret whose keys become variables. */
  readonly secret?: DnsLabel;
  /**
   * The pod starts even when the object is missing.
   * @default false (not written)
   */
  readonly optional?: boolean;
}

/** One key of a ConfigMap or Secret projected to a file of a volume. */
export interface KeyToPathInput {
  /** Key in the object's data, e.g. `jwtRS256.key`. */
  readonly key: DataKey;
  /** File path in the volume, relative, e.g. `keys/jwt.key`. */
  readonly path: RelativePath;
}

/** A scratch folder that lives as long as the pod. */
export interface EmptyDirInput {
  /**
   * `Memory` backs the folder with tmpfs.
   * @default none (the node's disk)
   */
  readonly medium?: 'Memory';
  /**
   * Most space the folder may use, e.g. `64Mi`.
   * @default none (no limit)
   */
  readonly sizeLimit?: Quantity;
}

/** A ConfigMap or Secret mounted as files. */
export interface ObjectVolumeSourceInput {
  /** ConfigMap or Secret name. */
  readonly name: DnsLabel;
  /**
   * Keys to project, and their file paths.
   * @minItems 1
   * @default every key, as a file named after it
   */
  readonly items?: KeyToPathInput[];
}

/** A pod volume; exactly one of `emptyDir`, `configMap` and `secret`. */
export interface VolumeInput {
  /** Volume name, which `volumeMounts` name. */
  readonly name: DnsLabel;
  /** A scratch folder that lives as long as the pod. */
  readonly emptyDir?: EmptyDirInput;
  /** A ConfigMap's keys as files. */
  readonly configMap?: ObjectVolumeSourceInput;
  /** A Secret's keys as files. */
  readonly secret?: ObjectVolumeSourceInput;
}

/** Where a container mounts a volume. */
export interface VolumeMountInput {
  /** A volume of the workload. */
  readonly name: DnsLabel;
  /** Folder in the container, e.g. `/etc/config`. */
  readonly mountPath: AbsolutePath;
  /**
   * Mount read-only.
   * @default false (not written)
   */
  readonly readOnly?: boolean;
  /**
   * A path inside the volume to mount instead of its root.
   * @default none (the volume's root)
   */
  readonly subPath?: RelativePath;
}

/** Linux capabilities added to or dropped from a container. */
export interface CapabilitiesInput {
  /**
   * Capabilities added, e.g. `NET_BIND_SERVICE`.
   * @default []
   */
  readonly add?: string[];
  /**
   * Capabilities dropped, e.g. `ALL`.
   * @default []
   */
  readonly drop?: string[];
}

/** Seccomp profile of a container. */
export interface SeccompProfileInput {
  /** `RuntimeDefault` (the container runtime's profile), `Unconfined`, or `Localhost` (a file on the node). */
  readonly type: 'RuntimeDefault' | 'Unconfined' | 'Localhost';
  /** Path of a `Localhost` profile, relative to the kubelet's seccomp folder: required with `Localhost`, refused with the other types. */
  readonly localhostProfile?: NonEmptyString;
}

/**
 * Container `securityContext` (the fields the upstream sample apps set). meshfleet fills what is
 * left out with the Pod Security Standards "restricted" values (see `src/k8s/pod-security.ts`):
 * set a field to keep your own value, e.g. `runAsNonRoot: false` for an image that must start as root.
 */
export interface ContainerSecurityContextInput {
  /**
   * Whether a process may gain more privileges than its parent (setuid binaries). Kubernetes
   * refuses `false` with `privileged: true` or with `SYS_ADMIN` added to the capabilities.
   * @default false (filled by meshfleet), unless the container is privileged
   */
  readonly allowPrivilegeEscalation?: boolean;
  /**
   * Run the container privileged (host root). Refused by the Pod Security Standards "baseline".
   * @default none (not written: unprivileged)
   */
  readonly privileged?: boolean;
  /**
   * Mount the container's root filesystem read-only.
   * @default none (not written: writable)
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * The kubelet refuses to start the container as UID 0.
   * @default true (filled by meshfleet), unless the pod sets it or the container is declared to run as root
   */
  readonly runAsNonRoot?: boolean;
  /**
   * UID the container's processes run as.
   * @default none (the image's user)
   */
  readonly runAsUser?: NonNegativeInteger;
  /**
   * GID the container's processes run as.
   * @default none (the image's group)
   */
  readonly runAsGroup?: NonNegativeInteger;
  /**
   * Linux capabilities added and dropped; `{}` keeps the container runtime's defaults.
   * @default drop ALL (filled by meshfleet), unless the container is declared to run as root
   */
  readonly capabilities?: CapabilitiesInput;
  /**
   * Seccomp profile of the container.
   * @default RuntimeDefault (filled by meshfleet)
   */
  readonly seccompProfile?: SeccompProfileInput;
}

/** Pod `securityContext`. */
export interface PodSecurityContextInput {
  /**
   * GID that owns mounted volumes, added to every container's groups.
   * @default none
   */
  readonly fsGroup?: NonNegativeInteger;
  /**
   * UID of every container's processes (a container's own `runAsUser` wins).
   * @default none (the image's user)
   */
  readonly runAsUser?: NonNegativeInteger;
  /**
   * GID of every container's processes.
   * @default none (the image's group)
   */
  readonly runAsGroup?: NonNegativeInteger;
  /**
   * The kubelet refuses to start any container as UID 0.
   * @default none
   */
  readonly runAsNonRoot?: boolean;
}

/** A container that runs to completion before the workload's container starts. */
export interface InitContainerInput {
  /** Container name, unique in the pod (not the workload's container name, nor Istio's `istio-init`, `istio-proxy`, `istio-validation`). */
  readonly name: DnsLabel;
  /** Container image, e.g. `busybox:1.36`. */
  readonly image: Image;
  /**
   * Command (entrypoint) of the container.
   * @default the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Arguments of the command.
   * @default none
   */
  readonly args?: string[];
  /**
   * Literal environment variables.
   * @default {}
   */
  readonly env?: LiteralEnv;
}
