import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { gatewaySdsRoleName } from '../plan/names';

/** A port of the gateway's LoadBalancer Service. */
export interface GatewayServicePort {
  readonly name: string;
  readonly port: number;
}

/** Properties of an {@link IngressGateway}. */
export interface IngressGatewayProps {
  /** Name of the Service and Deployment; the Role and RoleBinding are `<name>-sds`. */
  readonly name: string;
  /** The gateway namespace (emit it with `AppNamespace` so it carries the injection label). */
  readonly namespace: string;
  /** Pod labels; the Service, the Istio Gateway and the MultiClusterService select them. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Ports of the LoadBalancer Service (no `targetPort`: the injected proxy listens on them).
   * @default [{ name: 'http', port: 80 }, { name: 'https', port: 443 }]
   */
  readonly ports?: readonly GatewayServicePort[];
  /**
   * Type of the Service: `ClusterIP` when a MultiClusterIngress fronts the gateway (its
   * MultiClusterService reaches the pods through NEGs of its own derived Services).
   * @default "LoadBalancer"
   */
  readonly serviceType?: 'ClusterIP' | 'LoadBalancer';
  /**
   * Write the SDS Role and RoleBinding (the gateway reads TLS certificates from Secrets of its
   * namespace). The egress gateway, which passes TLS through and originates none with a
   * credential, has none.
   * @default true
   */
  readonly sds?: boolean;
}

/** Annotation that makes the sidecar injector turn the pod into a gateway. */
export const GATEWAY_INJECTION_TEMPLATE = { 'inject.istio.io/templates': 'gateway' } as const;

/**
 * Pod security context of upstream Istio's gateway chart (manifests/charts/gateway): ports below
 * 1024 open to the non-root proxy (`net.ipv4.ip_unprivileged_port_start=0`, a safe sysctl since
 * Kubernetes 1.22), plus the RuntimeDefault seccomp profile (Pod Security Standards "restricted").
 */
export const GATEWAY_POD_SECURITY_CONTEXT: k8s.PodSecurityContext = {
  sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }],
  seccompProfile: { type: 'RuntimeDefault' },
};

/** Container security context of upstream Istio's gateway chart: the proxy's UID and GID 1337, no privilege, drop ALL. */
export const GATEWAY_CONTAINER_SECURITY_CONTEXT: k8s.SecurityContext = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsGroup: 1337,
  runAsNonRoot: true,
  runAsUser: 1337,
};

/** Requests and limits of upstream Istio's gateway chart (values.yaml `resources`). */
export const GATEWAY_RESOURCES: k8s.ResourceRequirements = {
  requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('128Mi') },
  limits: { cpu: k8s.Quantity.fromString('2000m'), memory: k8s.Quantity.fromString('1024Mi') },
};

/**
 * An injected gateway of a mesh member cluster (the shared ingress gateway, and the egress
 * gateway with `serviceType: 'ClusterIP'` and `sds: false`), deployed by gateway injection as seed
 * 000's `asm-ingress.yaml`, hardened as upstream Istio's gateway chart deploys gateways:
 *
 * - Service `<name>`: `type: LoadBalancer` (or `ClusterIP`, not written, behind a
 *   MultiClusterIngress), `selector: labels`, ports `80 http` and `443 https`.
 *   Low-level `KubeService` (cdk8s-plus' Service adds `externalIPs: []`).
 * - ServiceAccount `<name>` (the seed's gateway runs as `default`): the gateway's own identity,
 *   which the SDS RoleBinding and default-deny ALLOW policies name.
 * - Deployment `<name>`: selector and pod labels `labels`, pod annotation
 *   `inject.istio.io/templates: gateway`, `serviceAccountName: <name>`, the chart's pod security
 *   context ({@link GATEWAY_POD_SECURITY_CONTEXT}), one container `istio-proxy` with `image: auto`
 *   (the injector replaces it), the chart's resources ({@link GATEWAY_RESOURCES}) and container
 *   security context ({@link GATEWAY_CONTAINER_SECURITY_CONTEXT}). Low-level `KubeDeployment`
 *   (cdk8s-plus' Deployment adds replicas, strategy, ...).
 * - Role `<name>-sds`: get/watch/list on `secrets` (so the gateway can read TLS certificates).
 *   cdk8s-plus `Role`: its output is exactly the seed's rule.
 * - RoleBinding `<name>-sds`: that Role to the ServiceAccount `<name>` only (the seed binds
 *   `default`, which every pod of the namespace without its own account runs as; no subject
 *   namespace: the binding's own). Low-level `KubeRoleBinding` (cdk8s-plus' RoleBinding writes
 *   the subject's namespace as `default`).
 */
export class IngressGateway extends Construct {
  public readonly service: k8s.KubeService;
  public readonly serviceAccount: k8s.KubeServiceAccount;
  public readonly deployment: k8s.KubeDeployment;
  public readonly role?: kplus.Role;
  public readonly roleBinding?: k8s.KubeRoleBinding;

  public constructor(scope: Construct, id: string, props: IngressGatewayProps) {
    super(scope, id);
    const metadata = { name: props.name, namespace: props.namespace };
    const labels = { ...props.labels };
    const ports = props.ports ?? [
      { name: 'http', port: 80 },
      { name: 'https', port: 443 },
    ];

    this.service = new k8s.KubeService(this, 'Service', {
      metadata: { ...metadata },
      spec: {
        ...((props.serviceType ?? 'LoadBalancer') === 'LoadBalancer' ? { type: 'LoadBalancer' } : {}),
        selector: { ...labels },
        ports: ports.map((p) => ({ port: p.port, name: p.name })),
      },
    });

    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { ...metadata } });

    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { ...metadata },
      spec: {
        selector: { matchLabels: { ...labels } },
        template: {
          metadata: { annotations: { ...GATEWAY_INJECTION_TEMPLATE }, labels: { ...labels } },
          spec: {
            serviceAccountName: props.name,
            securityContext: GATEWAY_POD_SECURITY_CONTEXT,
            containers: [{ name: 'istio-proxy', image: 'auto', resources: GATEWAY_RESOURCES, securityContext: GATEWAY_CONTAINER_SECURITY_CONTEXT }],
          },
        },
      },
    });

    if (props.sds === false) return;
    const sds = gatewaySdsRoleName(props.name);
    this.role = new kplus.Role(this, 'Role', { metadata: { name: sds, namespace: props.namespace } });
    this.role.allow(['get', 'watch', 'list'], kplus.ApiResource.SECRETS);

    this.roleBinding = new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata: { name: sds, namespace: props.namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: sds },
      subjects: [{ kind: 'ServiceAccount', name: props.name }],
    });
  }
}
