import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { NETWORK_LABEL } from './istio-system-namespace';
import { EAST_WEST_OPERATOR_NAME } from '../plan/names';
import { ISTIO_OPERATOR_API_VERSION } from '../plan/objects';

/** Pod label of the east-west gateway that the cross-network and istiod Gateways select. */
export const EAST_WEST_GATEWAY_SELECTOR = { istio: 'eastwestgateway' } as const;

/** The east-west gateway component (Deployment and Service name). */
export const EAST_WEST_GATEWAY_NAME = 'istio-eastwestgateway';

/** A port of the east-west gateway's Service. */
export interface EastWestGatewayPort {
  readonly name: string;
  readonly port: number;
  readonly targetPort: number;
}

/**
 * The Service ports gen-eastwest-gateway.sh writes: readiness, cross-network mTLS
 * (AUTO_PASSTHROUGH), istiod (xDS/CA) and istiod's webhooks.
 */
export const EAST_WEST_GATEWAY_PORTS: readonly EastWestGatewayPort[] = [
  { name: 'status-port', port: 15021, targetPort: 15021 },
  { name: 'tls', port: 15443, targetPort: 15443 },
  { name: 'tls-istiod', port: 15012, targetPort: 15012 },
  { name: 'tls-webhook', port: 15017, targetPort: 15017 },
];

/** Properties of an {@link EastWestGateway}. */
export interface EastWestGatewayProps {
  /** Istio network the gateway bridges to (label, requested network view, `values.global.network`). */
  readonly network: string;
  /**
   * Control-plane revision whose injector deploys the gateway.
   * @default "" (the default revision, what the script writes without `--revision`)
   */
  readonly revision?: string;
  /**
   * Address requested for the gateway's load balancer (`k8s.service.loadBalancerIP`).
   * @default none (chosen by the load balancer, or given at install with `istioctl install
   * --set 'components.ingressGateways[name:istio-eastwestgateway].k8s.service.loadBalancerIP=...'`)
   */
  readonly loadBalancerIp?: string;
  /**
   * A GKE internal passthrough load balancer (`networking.gke.io/load-balancer-type: Internal`):
   * reachable from the VPC only, so istiod's 15012/15017 and 15443 stay off the internet.
   * @default false (an external load balancer)
   */
  readonly internal?: boolean;
  /**
   * With `internal`: accept clients from every region of the VPC
   * (`networking.gke.io/internal-load-balancer-allow-global-access: "true"`).
   * @default false
   */
  readonly globalAccess?: boolean;
}

/** Service annotation of a GKE internal passthrough load balancer. */
export const INTERNAL_LOAD_BALANCER_ANNOTATION = { 'networking.gke.io/load-balancer-type': 'Internal' } as const;

/** Service annotation that lets clients of every region reach a GKE internal load balancer. */
export const GLOBAL_ACCESS_ANNOTATION = { 'networking.gke.io/internal-load-balancer-allow-global-access': 'true' } as const;

/**
 * The IstioOperator `eastwest` that upstream `samples/multicluster/gen-eastwest-gateway.sh
 * --network <network> [--revision <rev>]` prints (seed 004 shows it in full), the input of
 * `istioctl install -f`:
 *
 * - `spec.revision` (the mesh revision or `""`), `spec.profile: empty`;
 * - one ingress gateway `istio-eastwestgateway`, `enabled: true`, labels `istio: eastwestgateway`,
 *   `app: istio-eastwestgateway`, `topology.istio.io/network: <network>`;
 * - `k8s.env` `ISTIO_META_REQUESTED_NETWORK_VIEW=<network>` (traffic through the gateway is
 *   routed inside its network);
 * - `k8s.service.ports` {@link EAST_WEST_GATEWAY_PORTS} (15021, 15443, 15012, 15017 with equal
 *   target ports), plus `loadBalancerIP` when given;
 * - with `internal`, `k8s.serviceAnnotations` {@link INTERNAL_LOAD_BALANCER_ANNOTATION} (and
 *   {@link GLOBAL_ACCESS_ANNOTATION} with `globalAccess`);
 * - `values.gateways.istio-ingressgateway.injectionTemplate: gateway`, `values.global.network`.
 *
 * Compared with a current copy of the upstream script (which adds an `--ambient` option that
 * prints a Gateway API Gateway instead, and ignores `--mesh` and `--cluster`): its IstioOperator
 * output equals seed 004's field for field. An older upstream version of the script (before
 * the gateway injection template) wrote another shape: `ISTIO_META_ROUTER_MODE=sni-dnat`, ports
 * `mtls`, `tcp-istiod`, `tcp-webhook`, `values.global.meshID` and `.multiCluster.clusterName`,
 * no revision and no injection template. The seed's (current) shape is emitted for every mesh.
 */
export class EastWestGateway extends Construct {
  /** The IstioOperator object. */
  public readonly operator: ApiObject;

  public constructor(scope: Construct, id: string, props: EastWestGatewayProps) {
    super(scope, id);
    const ports = EAST_WEST_GATEWAY_PORTS.map((p) => ({ ...p }));
    const annotations = props.internal === true ? { ...INTERNAL_LOAD_BALANCER_ANNOTATION, ...(props.globalAccess === true ? GLOBAL_ACCESS_ANNOTATION : {}) } : undefined;
    this.operator = new ApiObject(this, 'IstioOperator', {
      apiVersion: ISTIO_OPERATOR_API_VERSION,
      kind: 'IstioOperator',
      metadata: { name: EAST_WEST_OPERATOR_NAME },
      spec: {
        revision: props.revision ?? '',
        profile: 'empty',
        components: {
          ingressGateways: [
            {
              name: EAST_WEST_GATEWAY_NAME,
              label: { ...EAST_WEST_GATEWAY_SELECTOR, app: EAST_WEST_GATEWAY_NAME, [NETWORK_LABEL]: props.network },
              enabled: true,
              k8s: {
                env: [{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: props.network }],
                ...(annotations === undefined ? {} : { serviceAnnotations: annotations }),
                service: {
                  ...(props.loadBalancerIp === undefined ? {} : { loadBalancerIP: props.loadBalancerIp }),
                  ports,
                },
              },
            },
          ],
        },
        values: {
          gateways: { 'istio-ingressgateway': { injectionTemplate: 'gateway' } },
          global: { network: props.network },
        },
      },
    });
  }
}
