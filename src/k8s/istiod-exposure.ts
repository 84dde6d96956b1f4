import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { GatewaySpecServersTlsMode } from '../../imports/networking.istio.io';
import { IstioApiVersion } from '../topology/model/types';
import { EAST_WEST_GATEWAY_SELECTOR } from './east-west-gateway';
import { newIstioGateway, newVirtualService } from './istio-api';
import { ISTIO_SYSTEM_NAMESPACE, ISTIOD_GATEWAY_NAME, istiodVirtualServiceName } from '../plan/names';

/** Properties of an {@link IstiodExposure}. */
export interface IstiodExposureProps {
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
  /**
   * Revision of the control plane, whose Service is `istiod-<revision>`.
   * @default none (the default revision's Service `istiod`)
   */
  readonly revision?: string;
}

/**
 * istiod exposed on the east-west gateway so that remote clusters and VMs reach it (xDS and CA
 * on 15012, webhooks on 15017), in `istio-system`, TLS passed through to istiod:
 *
 * - without a revision, upstream `samples/multicluster/expose-istiod.yaml`: Gateway
 *   `istiod-gateway` (selector `istio: eastwestgateway`; servers 15012 `tls-istiod` and 15017
 *   `tls-istiodwebhook`, `tls.mode: PASSTHROUGH`, hosts `"*"`) and VirtualService `istiod-vs`
 *   (hosts `"*"`, gateway `istiod-gateway`; TLS routes 15012 → `istiod.istio-system.svc.cluster.local:15012`
 *   and 15017 → `:443`, SNI `"*"`);
 * - with a revision, upstream `samples/multicluster/expose-istiod-rev.yaml.tmpl`: the same
 *   Gateway with the webhook server named `tls-webhook`, and VirtualService `istiod-vs-<rev>`
 *   routing to `istiod-<rev>.istio-system.svc.cluster.local`, matching only the SNI names of that
 *   Service (`istiod-<rev>.istio-system.svc` and `.svc.cluster.local`), so that the VirtualServices
 *   of two revisions can share the gateway during an upgrade.
 *
 * Upstream spells the protocol `tls`; Istio reads protocols case-insensitively, and this writes
 * the documented `TLS`.
 */
export class IstiodExposure extends Construct {
  /** The Gateway object. */
  public readonly gateway: ApiObject;
  /** The VirtualService object. */
  public readonly virtualService: ApiObject;

  public constructor(scope: Construct, id: string, props: IstiodExposureProps) {
    super(scope, id);
    const rev = props.revision;
    const service = rev === undefined ? 'istiod' : `istiod-${rev}`;
    const host = `${service}.${ISTIO_SYSTEM_NAMESPACE}.svc.cluster.local`;
    const sniHosts = rev === undefined ? ['*'] : [`${service}.${ISTIO_SYSTEM_NAMESPACE}.svc`, host];
    const passthrough = { mode: GatewaySpecServersTlsMode.PASSTHROUGH };

    this.gateway = newIstioGateway(this, 'Gateway', props.istioApiVersion, {
      metadata: { name: ISTIOD_GATEWAY_NAME, namespace: ISTIO_SYSTEM_NAMESPACE },
      spec: {
        selector: { ...EAST_WEST_GATEWAY_SELECTOR },
        servers: [
          { port: { name: 'tls-istiod', number: 15012, protocol: 'TLS' }, tls: { ...passthrough }, hosts: ['*'] },
          { port: { name: rev === undefined ? 'tls-istiodwebhook' : 'tls-webhook', number: 15017, protocol: 'TLS' }, tls: { ...passthrough }, hosts: ['*'] },
        ],
      },
    });

    const route = (port: number, targetPort: number) => ({
      match: [{ port, sniHosts: [...sniHosts] }],
      route: [{ destination: { host, port: { number: targetPort } } }],
    });
    this.virtualService = newVirtualService(this, 'VirtualService', props.istioApiVersion, {
      metadata: { name: istiodVirtualServiceName(rev), namespace: ISTIO_SYSTEM_NAMESPACE },
      spec: {
        hosts: ['*'],
        gateways: [ISTIOD_GATEWAY_NAME],
        tls: [route(15012, 15012), route(15017, 443)],
      },
    });
  }
}
