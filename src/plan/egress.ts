import { ResolvedCluster, ResolvedServiceEntry, ResolvedTopology, ServiceEntryPortInput } from '../topology/model/types';
import { serviceEntriesIn } from './placement';

/*
 * Egress through the mesh's egress gateway (`mesh.egressGateway`, `serviceEntries[].egressGateway`):
 * which clusters deploy the gateway, the ports it listens on, and how each ServiceEntry port is
 * served on it. The plan and the renderer (src/k8s/egress-gateway.ts) read these.
 */

/** How the egress gateway serves one ServiceEntry port: HTTP routes, or TLS passed through by SNI. */
export interface EgressServer {
  /** Name of the Gateway server port and of the egress gateway's Service port, e.g. `http-80`, `tls-443`. */
  readonly name: string;
  readonly number: number;
  /** Gateway server protocol: `HTTP` (http routes) or `TLS` (PASSTHROUGH, tls routes matched by SNI). */
  readonly protocol: 'HTTP' | 'TLS';
}

/** The egress gateway server of a ServiceEntry port (the rules admit only HTTP, HTTPS and TLS ports). */
export function egressServerOf(port: ServiceEntryPortInput): EgressServer {
  const protocol = port.protocol === 'HTTP' ? 'HTTP' : 'TLS';
  return { name: `${protocol.toLowerCase()}-${port.number}`, number: port.number, protocol };
}

/** The ServiceEntries written in `cluster` that go out through the egress gateway. */
export function egressEntriesIn(model: ResolvedTopology, cluster: ResolvedCluster): ResolvedServiceEntry[] {
  if (model.mesh?.egressGateway === undefined) return [];
  return model.apps.filter((app) => serviceEntriesIn(app, cluster)).flatMap((app) => app.serviceEntries.filter((e) => e.egressGateway));
}

/** The ports the egress gateway listens on in `cluster` (none: it is not deployed there), by port number. */
export function egressGatewayPortsIn(model: ResolvedTopology, cluster: ResolvedCluster): Array<{ readonly name: string; readonly port: number }> {
  const servers = new Map<number, EgressServer>();
  for (const entry of egressEntriesIn(model, cluster)) for (const port of entry.ports) servers.set(port.number, egressServerOf(port));
  return [...servers.values()].sort((a, b) => a.number - b.number).map((s) => ({ name: s.name, port: s.number }));
}
