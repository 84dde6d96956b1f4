/**
 * Istio's `Sidecar` resource (networking.istio.io) in upstream's field names: which hosts the
 * sidecars of a namespace know (`egress[].hosts`) and what they do with traffic to hosts outside
 * the registry (`outboundTrafficPolicy.mode`), so a snippet of the Istio documentation pastes as
 * it is.
 */

import type { NonEmptyString, Port } from './formats';
import type { OutboundTrafficPolicy } from './mesh';

/**
 * A host a sidecar imports, `namespace/dnsName` as Istio writes it: the namespace is a name,
 * `.` (the sidecar's own), `*` (every namespace) or `~` (none); the DNS name is a host, a
 * `*.` wildcard or `*`, e.g. `./*`, `istio-system/*`, `payments/api.example.com`.
 * @title host such as ./* or istio-system/*
 */
export type SidecarHost = string;

/** Istio protocols of an egress listener port. */
export type SidecarPortProtocol = 'HTTP' | 'HTTPS' | 'GRPC' | 'HTTP2' | 'MONGO' | 'TCP' | 'TLS';

/** The port of an egress listener (Istio `SidecarPort`). */
export interface SidecarPortInput {
  /** Port number the listener binds, e.g. `9080`. */
  readonly number: Port;
  /** Protocol of the port. */
  readonly protocol: SidecarPortProtocol;
  /** Label of the port, e.g. `http`. */
  readonly name: NonEmptyString;
}

/** Outbound listeners of the sidecars (Istio `IstioEgressListener`). */
export interface SidecarEgressInput {
  /**
   * Hosts the sidecars know, `namespace/dnsName`, e.g. `["./*", "istio-system/*"]`.
   * @minItems 1
   */
  readonly hosts: SidecarHost[];
  /**
   * The port the listener handles.
   * @default none (every port of the imported hosts)
   */
  readonly port?: SidecarPortInput;
}

/** Istio `OutboundTrafficPolicy` of a Sidecar. */
export interface SidecarOutboundTrafficPolicyInput {
  /** `REGISTRY_ONLY`: only hosts of the registry (Services, ServiceEntries) are reachable; `ALLOW_ANY`: unknown hosts pass through. */
  readonly mode: OutboundTrafficPolicy;
}

/**
 * An Istio `Sidecar` for an app namespace (`Sidecar.spec` without `workloadSelector`: the
 * namespace's default). With `egress` the sidecars know only the listed hosts: keep
 * `istio-system/*` (istiod, and in a multi-network mesh the east-west gateways the sidecars
 * send cross-network traffic through), `./*` (the app's own Services and ServiceEntries), the
 * namespaces of the Services the app calls, and the egress gateway's namespace when an entry
 * routes through it (the rules check the last). With `outboundTrafficPolicy: REGISTRY_ONLY` a
 * host not in the registry (a ServiceEntry, a Service) is blocked.
 */
export interface SidecarInput {
  /**
   * Outbound listeners and the hosts they import.
   * @minItems 1
   * @default none (every namespace's hosts)
   */
  readonly egress?: SidecarEgressInput[];
  /**
   * What the sidecars do with traffic to hosts outside the registry.
   * @default none (`mesh.outboundTrafficPolicy`)
   */
  readonly outboundTrafficPolicy?: SidecarOutboundTrafficPolicyInput;
}
