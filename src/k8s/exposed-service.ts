import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { VirtualServiceSpecHttpRoute } from '../../imports/networking.istio.io';
import { IstioApiVersion } from '../topology/model/types';
import { newVirtualService } from './istio-api';

/** Properties of an {@link ExposedService}. */
export interface ExposedServiceProps {
  /**
   * VirtualService name.
   * @default the Service name
   */
  readonly name?: string;
  /** The app namespace (the VirtualService lives beside the Service). */
  readonly namespace: string;
  /** The Service traffic goes to. */
  readonly service: string;
  /** The Service port. */
  readonly port: number;
  /** Hosts the gateway accepts for this service, e.g. `["*"]`. */
  readonly hosts: readonly string[];
  /** The shared Istio Gateway, referenced as `<namespace>/<name>`. */
  readonly gateway: { readonly name: string; readonly namespace: string };
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
  /**
   * Route destinations instead of the single `{ host: service, port }`; used for a workload
   * that has a traffic split (versions or canary), so gateway traffic follows the same split.
   * @default [{ destination: { host: service, port: { number: port } } }]
   */
  readonly routes?: VirtualServiceSpecHttpRoute[];
}

/**
 * A workload exposed through the shared ingress gateway (seed 000's `frontend`): a
 * VirtualService in the app namespace, bound to the gateway `<gw-namespace>/<gw-name>`, routing
 * every request for `hosts` to the Service's port.
 */
export class ExposedService extends Construct {
  /** The VirtualService. */
  public readonly virtualService: ApiObject;

  public constructor(scope: Construct, id: string, props: ExposedServiceProps) {
    super(scope, id);
    const route = props.routes ?? [{ destination: { host: props.service, port: { number: props.port } } }];
    this.virtualService = newVirtualService(this, 'VirtualService', props.istioApiVersion, {
      metadata: { name: props.name ?? props.service, namespace: props.namespace },
      spec: {
        hosts: [...props.hosts],
        gateways: [`${props.gateway.namespace}/${props.gateway.name}`],
        http: [{ route }],
      },
    });
  }
}
