import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { GatewaySpecServersTlsMode } from '../../imports/networking.istio.io';
import { IstioApiVersion } from '../topology/model/types';
import { EAST_WEST_GATEWAY_SELECTOR } from './east-west-gateway';
import { newIstioGateway } from './istio-api';
import { CROSS_NETWORK_GATEWAY_NAME, ISTIO_SYSTEM_NAMESPACE } from '../plan/names';

/** Properties of a {@link CrossNetworkGateway}. */
export interface CrossNetworkGatewayProps {
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
}

/**
 * The Istio `Gateway` `cross-network-gateway` in `istio-system` that exposes every service of
 * the cluster to the other networks of the mesh through the east-west gateway, as upstream
 * `samples/multicluster/expose-services.yaml`: selector `istio: eastwestgateway`, one server on
 * port 15443 named `tls`, protocol `TLS`, `tls.mode: AUTO_PASSTHROUGH` (mTLS from the client
 * sidecar passes through, routed by SNI), hosts `"*.local"`.
 */
export class CrossNetworkGateway extends Construct {
  /** The Gateway object. */
  public readonly gateway: ApiObject;

  public constructor(scope: Construct, id: string, props: CrossNetworkGatewayProps) {
    super(scope, id);
    this.gateway = newIstioGateway(this, 'Gateway', props.istioApiVersion, {
      metadata: { name: CROSS_NETWORK_GATEWAY_NAME, namespace: ISTIO_SYSTEM_NAMESPACE },
      spec: {
        selector: { ...EAST_WEST_GATEWAY_SELECTOR },
        servers: [
          {
            port: { number: 15443, name: 'tls', protocol: 'TLS' },
            tls: { mode: GatewaySpecServersTlsMode.AUTO_UNDERSCORE_PASSTHROUGH },
            hosts: ['*.local'],
          },
        ],
      },
    });
  }
}
