/** An application: a namespace with its workloads, VM workloads, ConfigMaps, Secrets, ServiceEntries and routes. */

import type { AbsolutePath, DataKey, Dns1123Label, DnsLabel, Integer, Labels, NonEmptyLabelValue, NonEmptyString, Port, PortName } from './formats';
import type { ExtraObjectInput, ObjectPatchInput } from './extras';
import type { MeshRouteInput } from './route';
import type { AuthorizationPolicyInput, RequestAuthenticationInput } from './security-policy';
import type { SidecarInput } from './sidecar';
import type { TrafficPolicyInput } from './traffic-policy';
import type { WorkloadInput } from './workload';

/** A ConfigMap of an app. */
export interface ConfigMapInput {
  /** ConfigMap name. */
  readonly name: DnsLabel;
  /**
   * Keys and values of the ConfigMap, e.g. `{ "app.yaml": "..." }`: at most 1 MiB, keys and
   * values together (Kubernetes' limit).
   * @default {}
   */
  readonly data?: Record<DataKey, string>;
  /**
   * The ConfigMap exists already (made by someone else): meshfleet writes none, but
   * references to it are valid.
   * @default false
   */
  readonly external?: boolean;
}

/** Size in bits of a generated RSA key pair. */
export type RsaKeyBits = 2048 | 3072 | 4096;

/** A key pair the runbook generates once with openssl (the same files in every cluster). */
export interface RsaKeyPairInput {
  /** Secret key holding the PEM private key, e.g. `jwtRS256.key`. */
  readonly privateKey: DataKey;
  /** Secret key holding the PEM public key, e.g. `jwtRS256.key.pub`. */
  readonly publicKey: DataKey;
  /**
   * Key size in bits.
   * @default 4096
   */
  readonly bits?: RsaKeyBits;
}

/**
 * A Secret the app's workloads use, which meshfleet never writes (dist holds no secret): the
 * runbook prints how to create it in every cluster that runs a workload using it. Exactly one
 * of `rsaKeyPair` (the runbook generates it) and `keys` (the operator supplies the files).
 */
export interface AppSecretInput {
  /** Secret name. */
  readonly name: DnsLabel;
  /** A key pair the runbook generates with openssl. */
  readonly rsaKeyPair?: RsaKeyPairInput;
  /**
   * Keys (file names) the operator provides, e.g. `db-password`.
   * @minItems 1
   */
  readonly keys?: DataKey[];
}

/** Health check that the VM's proxy runs against the application (WorkloadGroup `probe`). */
export interface VmProbeInput {
  /** Port on the VM. */
  readonly port: Port;
  /**
   * HTTP GET path; without it the probe is a TCP connect.
   * @default none (TCP)
   */
  readonly httpPath?: AbsolutePath;
}

/** A port the VM workload serves. */
export interface VmPortInput {
  /** Port name with its protocol prefix, e.g. `http` or `grpc-api`. */
  readonly name: PortName;
  /** Port number on the VM. */
  readonly port: Port;
}

/** Workloads on virtual machines that join the mesh through a WorkloadGroup (in-cluster meshes). */
export interface VmWorkloadInput {
  /** WorkloadGroup name. */
  readonly name: DnsLabel;
  /**
   * Labels of the WorkloadEntries (what Services select).
   * @default { app: <name> }
   */
  readonly labels?: Labels;
  /**
   * Kubernetes ServiceAccount whose identity the VMs get; meshfleet creates it.
   * @default the name
   */
  readonly serviceAccount?: DnsLabel;
  /**
   * Ports the VMs serve.
   * @minItems 1
   */
  readonly ports: VmPortInput[];
  /**
   * Istio network of the VMs, when not the cluster's.
   * @default none (the cluster's network)
   */
  readonly network?: NonEmptyLabelValue;
  /**
   * Health check the VM's proxy runs.
   * @default none
   */
  readonly probe?: VmProbeInput;
  /**
   * Cluster whose istiod the VMs register with; it must run a control plane.
   * @default the mesh's primary (primary-remote) or the first mesh cluster (multi-primary)
   */
  readonly cluster?: DnsLabel;
}

/** Istio protocols a ServiceEntry port takes. */
export type ServiceEntryProtocol = 'HTTP' | 'HTTPS' | 'GRPC' | 'HTTP2' | 'MONGO' | 'TCP' | 'TLS';

/** A port of a ServiceEntry. */
export interface ServiceEntryPortInput {
  /** Port number of the external host, e.g. `443`. */
  readonly number: Port;
  /** Port name, unique in the entry, e.g. `https` or `tcp-db` (Istio reads the protocol from `protocol`, not from the name). */
  readonly name: Dns1123Label;
  /** Istio protocol: HTTP, HTTPS, GRPC, HTTP2, MONGO, TCP or TLS. */
  readonly protocol: ServiceEntryProtocol;
  /**
   * Port of the endpoints that the traffic of this port goes to, e.g. `443` for an `HTTP` port 80
   * whose traffic the mesh upgrades to TLS (Istio's "Egress TLS Origination": the port's
   * `trafficPolicy.portLevelSettings[].tls.mode: SIMPLE`). Not with resolution `NONE`.
   * @default none (the same port number)
   */
  readonly targetPort?: Port;
}

/**
 * An endpoint of a ServiceEntry in Istio's WorkloadEntry shape (`spec.endpoints[]`).
 * A plain string is the shorthand for `{ address }`.
 */
export interface ServiceEntryEndpointInput {
  /** IPv4 or IPv6 address (no leading zeros), or a DNS name with `resolution: DNS`. */
  readonly address: NonEmptyString;
  /**
   * Port name of the entry (`ports[].name`) to the endpoint's port number, e.g. `{ https: 8443 }`.
   * @default none (the entry's port numbers, or their `targetPort`)
   */
  readonly ports?: Record<Dns1123Label, Port>;
  /**
   * Labels of the endpoint (what DestinationRule subsets select).
   * @default none
   */
  readonly labels?: Labels;
  /**
   * Istio network of the endpoint, for a multi-network mesh: the proxies reach it through that
   * network's east-west gateway.
   * @default none (reachable from every network)
   */
  readonly network?: NonEmptyLabelValue;
  /**
   * Locality `region/zone/subzone` of the endpoint, e.g. `us-west1/us-west1-a`, for locality load balancing.
   * @default none
   */
  readonly locality?: NonEmptyString;
  /**
   * Load balancing weight of the endpoint among the entry's endpoints.
   * @minimum 1
   * @default none (equal weights)
   */
  readonly weight?: Integer;
}

/** How the proxies resolve a ServiceEntry's endpoints. */
export type ServiceEntryResolution = 'DNS' | 'STATIC' | 'NONE';

/** Whether a ServiceEntry's hosts are outside the mesh (`MESH_EXTERNAL`) or part of it. */
export type ServiceEntryLocation = 'MESH_EXTERNAL' | 'MESH_INTERNAL';

/**
 * An Istio ServiceEntry (networking.istio.io) in the app namespace: a host outside the mesh
 * registry that the app's workloads may call (needed for every external host when
 * `mesh.outboundTrafficPolicy` is `REGISTRY_ONLY`).
 */
export interface ServiceEntryInput {
  /** ServiceEntry name. */
  readonly name: DnsLabel;
  /**
   * DNS names; a leading `*.` wildcard is allowed, as Istio allows, e.g. `api.stripe.com`.
   * @minItems 1
   */
  readonly hosts: NonEmptyString[];
  /**
   * Ports of the hosts.
   * @minItems 1
   */
  readonly ports: ServiceEntryPortInput[];
  /**
   * How the proxies resolve the endpoints: `DNS` (the host names, or `endpoints`), `STATIC`
   * (the `endpoints` IPs), `NONE` (the request's own destination).
   * @default "DNS"
   */
  readonly resolution?: ServiceEntryResolution;
  /**
   * Whether the hosts are outside the mesh (no mTLS) or inside it.
   * @default "MESH_EXTERNAL"
   */
  readonly location?: ServiceEntryLocation;
  /**
   * Virtual IPs or CIDRs of the hosts, IPv4 or IPv6 without leading zeros; a CIDR only with
   * resolution `NONE` or `STATIC` (Istio's rule), and never a `/0` (it would capture all traffic).
   * @default none
   */
  readonly addresses?: NonEmptyString[];
  /**
   * Endpoints in Istio's shape (`{ address, ports, labels, network, locality, weight }`), or
   * their addresses alone: IPv4 or IPv6 addresses without leading zeros, or DNS names with
   * `resolution: DNS`.
   * @default none
   */
  readonly endpoints?: Array<NonEmptyString | ServiceEntryEndpointInput>;
  /**
   * Route the entry's traffic through the mesh's egress gateway (`mesh.egressGateway`), as
   * Istio's "Egress Gateways" task does: meshfleet writes, in the app namespace, an Istio
   * `Gateway` `<name>-egress` on the egress gateway for the hosts and ports, a `DestinationRule`
   * `<name>-egress` for the egress gateway's Service with a subset `<name>`, and a
   * `VirtualService` `<name>-egress` bound to `mesh` and that Gateway: sidecars send to the egress
   * gateway, the egress gateway to the host. `HTTP` ports are routed by `http` routes, `TLS` and
   * `HTTPS` ports by SNI (`tls` routes, the Gateway passes TLS through). A boolean, not a gateway
   * name: a mesh has one egress gateway, and the field then cannot name a missing one. `false`:
   * the sidecars call the hosts directly.
   * @default false
   */
  readonly egressGateway?: boolean;
  /**
   * How the mesh calls the hosts: an Istio DestinationRule `<name>` (host: the entry's one host)
   * with this `trafficPolicy`, in Istio's TrafficPolicy shape, e.g. TLS origination of an `HTTP`
   * port: `portLevelSettings: [{ port: { number: 80 }, tls: { mode: SIMPLE } }]` with the port's
   * `targetPort: 443` (Istio's "Egress TLS Origination"). Needs exactly one host.
   * @default none (no DestinationRule)
   */
  readonly trafficPolicy?: TrafficPolicyInput;
}

/** An application: a namespace and its workloads, or only its ServiceEntries. */
export interface AppInput {
  /** Namespace of the app (created with sidecar injection on mesh clusters), e.g. `onlineboutique`. */
  readonly namespace: DnsLabel;
  /**
   * ConfigMaps of the app, written wherever one of its workloads runs.
   * @default []
   */
  readonly configMaps?: ConfigMapInput[];
  /**
   * ServiceAccounts of the app (names), written wherever one of its workloads runs.
   * @default []
   */
  readonly serviceAccounts?: DnsLabel[];
  /**
   * ServiceEntries of the app, written in the mesh clusters where any of its workloads runs; an
   * app without workloads (a namespace that only holds egress configuration) writes them, and
   * its namespace, in every mesh cluster, where the clients calling those hosts may run.
   * @default []
   */
  readonly serviceEntries?: ServiceEntryInput[];
  /**
   * An Istio `Sidecar` named `default` for the whole app namespace, in Istio's Sidecar shape
   * (`egress`, `outboundTrafficPolicy`), written where the app's ServiceEntries go: the mesh
   * clusters where its workloads run, or every mesh cluster for an app without workloads (a
   * namespace holding only egress configuration). Needs a mesh.
   * @default none (the mesh's defaults: every namespace's services, `mesh.outboundTrafficPolicy`)
   */
  readonly sidecar?: SidecarInput;
  /**
   * Secrets the operator creates (never written by meshfleet; see the runbook).
   * @default []
   */
  readonly secrets?: AppSecretInput[];
  /**
   * Deployments or StatefulSets of the app, with their Services.
   * @minItems 1
   * @default none
   */
  readonly workloads?: WorkloadInput[];
  /**
   * Workloads on virtual machines (WorkloadGroups).
   * @minItems 1
   * @default none
   */
  readonly vmWorkloads?: VmWorkloadInput[];
  /**
   * Explicit in-mesh routes (needs a mesh).
   * @default []
   */
  readonly routes?: MeshRouteInput[];
  /**
   * Istio AuthorizationPolicies of the app (needs a mesh), in upstream's shape, written where any
   * of its workloads runs.
   * @default []
   */
  readonly authorizationPolicies?: AuthorizationPolicyInput[];
  /**
   * Istio RequestAuthentications (JWT validation) of the app (needs a mesh), in upstream's
   * shape, written where any of its workloads runs.
   * @default []
   */
  readonly requestAuthentications?: RequestAuthenticationInput[];
  /**
   * Kubernetes objects written as given into the app's file, wherever the app has objects
   * (escape hatch; see the README).
   * @default []
   */
  readonly extraObjects?: ExtraObjectInput[];
  /**
   * Patches on the objects meshfleet generates, applied in every cluster where the app has the
   * target (escape hatch; see the README).
   * @default []
   */
  readonly patches?: ObjectPatchInput[];
}
