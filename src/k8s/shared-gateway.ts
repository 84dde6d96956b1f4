import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { IstioApiVersion } from '../topology/types';
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
}

/**
 * The shared Istio `Gateway` (networking.istio.io, typed class from imports/) in the ingress
 * gateway namespace: one server, port 80 named `http` with protocol HTTP, hosts `"*"`. App
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
        ],
      },
    });
  }
}
