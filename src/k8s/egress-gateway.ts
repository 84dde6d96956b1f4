import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { GatewaySpecServersTlsMode, VirtualServiceSpecHttp, VirtualServiceSpecTls } from '../../imports/networking.istio.io';
import { egressServerOf } from '../plan/egress';
import { egressRouteName } from '../plan/names';
import { serviceHost } from '../topology/rules/predicates';
import { IstioApiVersion, ResolvedEgressGateway, ResolvedServiceEntry } from '../topology/model/types';
import { newDestinationRule, newIstioGateway, newVirtualService } from './istio-api';

/** The gateway name Istio gives the sidecars in a VirtualService's `gateways` and `match[].gateways`. */
const MESH_GATEWAY = 'mesh';

/** Properties of an {@link EgressRoute}. */
export interface EgressRouteProps {
  /** The app namespace of the ServiceEntry (the three objects are written there). */
  readonly namespace: string;
  /** The entry routed through the egress gateway (one host; HTTP, HTTPS and TLS ports). */
  readonly entry: ResolvedServiceEntry;
  /** The mesh's egress gateway. */
  readonly gateway: ResolvedEgressGateway;
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
}

/**
 * A ServiceEntry's route through the egress gateway, the objects of Istio's "Egress Gateways"
 * task, all named `<entry>-egress` ({@link egressRouteName}) in the app namespace:
 *
 * - Gateway: `selector` the egress gateway's labels; one server per entry port, on the same
 *   number ({@link egressServerOf}): `HTTP` for an HTTP port, `TLS` with `tls.mode: PASSTHROUGH`
 *   for an HTTPS or TLS port; `hosts` the entry's host.
 * - DestinationRule: `host` the egress gateway's Service (`<name>.<namespace>.svc.cluster.local`),
 *   one subset named after the entry (the task's `egressgateway-for-cnn`).
 * - VirtualService: `hosts` the entry's host, `gateways` this Gateway and `mesh`; per port, a
 *   route matching `gateways: [mesh]` and the port to the egress gateway subset on that port,
 *   then one matching this Gateway and the port to the host on that port (`http` for HTTP
 *   ports, `tls` with `sniHosts` for the others), each with weight 100 as the task writes them.
 */
export class EgressRoute extends Construct {
  public readonly gateway: ApiObject;
  public readonly destinationRule: ApiObject;
  public readonly virtualService: ApiObject;

  public constructor(scope: Construct, id: string, props: EgressRouteProps) {
    super(scope, id);
    const { entry, namespace } = props;
    const name = egressRouteName(entry.name);
    const host = entry.hosts[0];
    const gatewayHost = serviceHost(props.gateway.name, props.gateway.namespace);
    const servers = entry.ports.map((p) => egressServerOf(p));

    this.gateway = newIstioGateway(this, 'Gateway', props.istioApiVersion, {
      metadata: { name, namespace },
      spec: {
        selector: { ...props.gateway.labels },
        servers: servers.map((s) => ({
          port: { number: s.number, name: s.name, protocol: s.protocol },
          hosts: [host],
          ...(s.protocol === 'TLS' ? { tls: { mode: GatewaySpecServersTlsMode.PASSTHROUGH } } : {}),
        })),
      },
    });

    this.destinationRule = newDestinationRule(this, 'DestinationRule', props.istioApiVersion, {
      metadata: { name, namespace },
      spec: { host: gatewayHost, subsets: [{ name: entry.name }] },
    });

    const toGateway = (port: number) => [{ destination: { host: gatewayHost, subset: entry.name, port: { number: port } }, weight: 100 }];
    const toHost = (port: number) => [{ destination: { host, port: { number: port } }, weight: 100 }];
    const http: VirtualServiceSpecHttp[] = servers
      .filter((s) => s.protocol === 'HTTP')
      .flatMap((s) => [
        { match: [{ gateways: [MESH_GATEWAY], port: s.number }], route: toGateway(s.number) },
        { match: [{ gateways: [name], port: s.number }], route: toHost(s.number) },
      ]);
    const tls: VirtualServiceSpecTls[] = servers
      .filter((s) => s.protocol === 'TLS')
      .flatMap((s) => [
        { match: [{ gateways: [MESH_GATEWAY], port: s.number, sniHosts: [host] }], route: toGateway(s.number) },
        { match: [{ gateways: [name], port: s.number, sniHosts: [host] }], route: toHost(s.number) },
      ]);
    this.virtualService = newVirtualService(this, 'VirtualService', props.istioApiVersion, {
      metadata: { name, namespace },
      spec: { hosts: [host], gateways: [name, MESH_GATEWAY], ...(http.length === 0 ? {} : { http }), ...(tls.length === 0 ? {} : { tls }) },
    });
  }
}
