import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';

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
}

/** Annotation that makes the sidecar injector turn the pod into a gateway. */
export const GATEWAY_INJECTION_TEMPLATE = { 'inject.istio.io/templates': 'gateway' } as const;

/**
 * The shared ingress gateway of a mesh member cluster, deployed by gateway injection exactly as
 * seed 000's `asm-ingress.yaml`:
 *
 * - Service `<name>`: `type: LoadBalancer`, `selector: labels`, ports `80 http` and `443 https`.
 *   Low-level `KubeService` (cdk8s-plus' Service adds `externalIPs: []`).
 * - Deployment `<name>`: selector and pod labels `labels`, pod annotation
 *   `inject.istio.io/templates: gateway`, one container `istio-proxy` with `image: auto` (the
 *   injector replaces it) and no resources or security context. Low-level `KubeDeployment`
 *   (cdk8s-plus' Deployment adds replicas, strategy, resources, security contexts, ...).
 * - Role `<name>-sds`: get/watch/list on `secrets` (so the gateway can read TLS certificates).
 *   cdk8s-plus `Role`: its output is exactly the seed's rule.
 * - RoleBinding `<name>-sds`: that Role to the ServiceAccount `default` (no subject namespace:
 *   the binding's own). Low-level `KubeRoleBinding` (cdk8s-plus' RoleBinding writes the
 *   subject's namespace as `default`, which would bind the wrong ServiceAccount).
 */
export class IngressGateway extends Construct {
  public readonly service: k8s.KubeService;
  public readonly deployment: k8s.KubeDeployment;
  public readonly role: kplus.Role;
  public readonly roleBinding: k8s.KubeRoleBinding;

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
      spec: { type: 'LoadBalancer', selector: { ...labels }, ports: ports.map((p) => ({ port: p.port, name: p.name })) },
    });

    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { ...metadata },
      spec: {
        selector: { matchLabels: { ...labels } },
        template: {
          metadata: { annotations: { ...GATEWAY_INJECTION_TEMPLATE }, labels: { ...labels } },
          spec: { containers: [{ name: 'istio-proxy', image: 'auto' }] },
        },
      },
    });

    const sds = `${props.name}-sds`;
    this.role = new kplus.Role(this, 'Role', { metadata: { name: sds, namespace: props.namespace } });
    this.role.allow(['get', 'watch', 'list'], kplus.ApiResource.SECRETS);

    this.roleBinding = new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata: { name: sds, namespace: props.namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: sds },
      subjects: [{ kind: 'ServiceAccount', name: 'default' }],
    });
  }
}
