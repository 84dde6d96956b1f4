import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { GatewaySpecServersTlsMode } from '../../imports/networking.istio.io';
import { IstioApiVersion } from '../topology/model/types';
import { newIstioGateway } from './istio-api';

/** Properties of a {@link SharedGateway}. */
export interface SharedGatewayProps {
  /** Gateway name (seed 000: the ingress gateway's name, `asm-ingressgateway`). */
  readonly name: string;
  /** The ingress gateway namespace, owned by the platform team. */
  readonly namespace: string;
  /** Labels of the gateway pods the Gateway configures. */
  readonly selector: Readonly<Record<string, string>>;
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
  /** HTTP port. @default 80 */
  readonly port?: number;
  /** Hosts accepted on the port. @default ["*"] */
  readonly hosts?: readonly string[];
  /**
   * A second server on 443 (`https`, protocol HTTPS, TLS SIMPLE with the Secret `credentialName`
   * of the gateway namespace) for these hosts.
   * @default none (HTTP only)
   */
  readonly https?: { readonly credentialName: string; readonly hosts: readonly string[] };
}

/**
 * The shared Istio `Gateway` (networking.istio.io, typed class from imports/) in the ingress
 * gateway namespace: one server, port 80 named `http` with protocol HTTP, hosts `"*"`; with
 * `https`, a second one on 443 terminating TLS with the `credentialName` Secret. App
 * teams bind their VirtualServices to it (`ExposedService`), the "shared gateway" model of
 * seed 000.
 */
export class SharedGateway extends Construct {
  public readonly gateway: ApiObject;

  public constructor(scope: Construct, id: string, props: SharedGatewayProps) {
    super(scope, id);
    this.gateway = newIstioGateway(this, 'Gateway', props.istioApiVersion, {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        selector: { ...props.selector },
        servers: [
          {
            port: { number: props.port ?? 80, name: 'http', protocol: 'HTTP' },
            hosts: [...(props.hosts ?? ['*'])],
          },
          ...(props.https === undefined
            ? []
            : [
                {
                  port: { number: 443, name: 'https', protocol: 'HTTPS' },
                  hosts: [...props.https.hosts],
                  tls: { mode: GatewaySpecServersTlsMode.SIMPLE, credentialName: props.https.credentialName },
                },
              ]),
        ],
      },
    });
  }
}
