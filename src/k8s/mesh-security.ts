import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AuthorizationPolicySpecAction } from '../../imports/security.istio.io';
import { PeerAuthenticationSpecMtlsMode, PeerAuthenticationSpecPortLevelMtlsMode } from '../../imports/security.istio.io';
import { IstioApiVersion, MeshMtlsMode } from '../topology/model/types';
import { newAuthorizationPolicy, newPeerAuthentication } from './istio-api';
import { DENY_ALL_POLICY, fromIngressGatewayPolicyName, ISTIO_SYSTEM_NAMESPACE, MESH_MTLS_POLICY } from '../plan/names';
import { selectorLabels } from './pod-template';

/** Properties of a {@link MeshMtls}. */
export interface MeshMtlsProps {
  /** Mesh-wide mutual TLS mode. */
  readonly mode: MeshMtlsMode;
  /** security.istio.io version the mesh serves (the same as networking.istio.io's). */
  readonly istioApiVersion: IstioApiVersion;
}

/**
 * The mesh-wide mutual TLS policy: a `PeerAuthentication` named `default` in the root namespace
 * `istio-system` (the root namespace of in-cluster Istio and of fleet-managed Cloud Service Mesh
 * alike), without selector, `mtls.mode` STRICT or PERMISSIVE (Istio's "Mutual TLS Migration"
 * task, mesh-wide policy).
 */
export class MeshMtls extends Construct {
  public readonly peerAuthentication: ApiObject;

  public constructor(scope: Construct, id: string, props: MeshMtlsProps) {
    super(scope, id);
    this.peerAuthentication = newPeerAuthentication(this, 'PeerAuthentication', props.istioApiVersion, {
      metadata: { name: MESH_MTLS_POLICY, namespace: ISTIO_SYSTEM_NAMESPACE },
      spec: { mtls: { mode: PeerAuthenticationSpecMtlsMode[props.mode] } },
    });
  }
}

/** Properties of a {@link LoadBalancerPlaintext}. */
export interface LoadBalancerPlaintextProps {
  /** PeerAuthentication name (`loadBalancerPlaintextPolicyName`). */
  readonly name: string;
  /** The workload's namespace. */
  readonly namespace: string;
  /** The workload, selected by `app: <name>`. */
  readonly workload: string;
  /** Container ports the load balancer sends plain text to (serving and health-check ports). */
  readonly ports: readonly number[];
  /**
   * The namespace denies by default (`mesh.defaultDeny`): also an ALLOW AuthorizationPolicy of
   * the same name for those ports of the workload (the load balancer has no mesh identity).
   * @default false
   */
  readonly allow?: boolean;
  readonly istioApiVersion: IstioApiVersion;
}

/**
 * The narrowest exception to mesh-wide STRICT mTLS for a workload that a Google load balancer
 * (MultiClusterIngress NEGs, multi-cluster Gateway ServiceImports) reaches directly with plain
 * HTTP and health checks: a `PeerAuthentication` in the workload's namespace that selects the
 * workload (`app: <name>`) and sets `portLevelMtls` PERMISSIVE on those container ports only;
 * without `mtls`, every other port keeps the mesh-wide STRICT mode (Istio "PeerAuthentication",
 * port-level mTLS needs a selector). With `allow`, an AuthorizationPolicy of the same name ALLOWs
 * requests to those ports of the workload from any source, so `deny-all` does not turn the
 * load balancer's requests and health checks into 403s.
 */
export class LoadBalancerPlaintext extends Construct {
  public readonly peerAuthentication: ApiObject;
  public readonly authorizationPolicy?: ApiObject;

  public constructor(scope: Construct, id: string, props: LoadBalancerPlaintextProps) {
    super(scope, id);
    const portLevelMtls = Object.fromEntries(props.ports.map((port) => [String(port), { mode: PeerAuthenticationSpecPortLevelMtlsMode.PERMISSIVE }]));
    this.peerAuthentication = newPeerAuthentication(this, 'PeerAuthentication', props.istioApiVersion, {
      metadata: { name: props.name, namespace: props.namespace },
      spec: { selector: { matchLabels: selectorLabels(props.workload) }, portLevelMtls },
    });
    if (props.allow === true) {
      this.authorizationPolicy = newAuthorizationPolicy(this, 'AuthorizationPolicy', props.istioApiVersion, {
        metadata: { name: props.name, namespace: props.namespace },
        spec: {
          selector: { matchLabels: selectorLabels(props.workload) },
          action: AuthorizationPolicySpecAction.ALLOW,
          rules: [{ to: [{ operation: { ports: props.ports.map(String) } }] }],
        },
      });
    }
  }
}

/** The gateway whose traffic the default-deny policies let in. */
export interface AllowedGateway {
  /** Namespace of the gateway. */
  readonly namespace: string;
  /** ServiceAccount of the gateway pods. */
  readonly serviceAccount: string;
}

/** Properties of a {@link DefaultDeny}. */
export interface DefaultDenyProps {
  /** The app namespace. */
  readonly namespace: string;
  readonly istioApiVersion: IstioApiVersion;
  /**
   * The shared ingress gateway, let in to {@link exposedWorkloads}.
   * @default none (no ALLOW policy)
   */
  readonly gateway?: AllowedGateway;
  /**
   * Names of the workloads the gateway routes to (each selected by `app: <name>`).
   * @default []
   */
  readonly exposedWorkloads?: readonly string[];
}

/**
 * Default-deny for one app namespace (Istio "Authorization policies", default-deny pattern):
 *
 * - AuthorizationPolicy `deny-all`: `spec: {}`, no selector and no rule, which ALLOWs nothing and
 *   so denies every request to every workload of the namespace;
 * - per exposed workload, AuthorizationPolicy `<name>-from-ingress-gateway`: ALLOW for pods
 *   `app: <name>` from the gateway's identity `*\/ns/<gateway namespace>/sa/<gateway
 *   ServiceAccount>` (a suffix match, so it holds for any trust domain: `cluster.local` of
 *   in-cluster Istio, `<project>.svc.id.goog` of Cloud Service Mesh).
 *
 * Requests between workloads need ALLOW policies the user writes.
 */
export class DefaultDeny extends Construct {
  public readonly denyAll: ApiObject;
  public readonly allowFromGateway: readonly ApiObject[];

  public constructor(scope: Construct, id: string, props: DefaultDenyProps) {
    super(scope, id);
    this.denyAll = newAuthorizationPolicy(this, 'DenyAll', props.istioApiVersion, {
      metadata: { name: DENY_ALL_POLICY, namespace: props.namespace },
      spec: {},
    });
    const gateway = props.gateway;
    this.allowFromGateway =
      gateway === undefined
        ? []
        : (props.exposedWorkloads ?? []).map((name) =>
            newAuthorizationPolicy(this, fromIngressGatewayPolicyName(name), props.istioApiVersion, {
              metadata: { name: fromIngressGatewayPolicyName(name), namespace: props.namespace },
              spec: {
                selector: { matchLabels: selectorLabels(name) },
                action: AuthorizationPolicySpecAction.ALLOW,
                rules: [{ from: [{ source: { principals: [`*/ns/${gateway.namespace}/sa/${gateway.serviceAccount}`] } }] }],
              },
            }),
          );
  }
}
