import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ServiceEntrySpecLocation, ServiceEntrySpecResolution } from '../../imports/networking.istio.io';
import { serviceEntryPolicyName } from '../plan/names';
import { IstioApiVersion, ResolvedServiceEntry } from '../topology/model/types';
import { newDestinationRule, newServiceEntry } from './istio-api';
import { importedTrafficPolicy } from './traffic/istio-routes';

/** Properties of an {@link AppServiceEntry}. */
export interface AppServiceEntryProps {
  /** The app namespace the ServiceEntry is written in. */
  readonly namespace: string;
  /** The resolved entry (hosts, ports, resolution, location, addresses, endpoints, traffic policy). */
  readonly entry: ResolvedServiceEntry;
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
}

/**
 * An Istio ServiceEntry (networking.istio.io, typed class from imports/) in an app namespace:
 * `hosts`, `ports` `{ number, name, protocol, targetPort? }`, `resolution`, `location`, and
 * `addresses` / `endpoints` (Istio's WorkloadEntry shape, as written) only when given. With
 * `outboundTrafficPolicy: REGISTRY_ONLY` it is what lets the app's sidecars reach the hosts.
 * With a `trafficPolicy`, a DestinationRule of the entry's name for its one host, the policy
 * as written (e.g. TLS origination: `portLevelSettings[].tls.mode: SIMPLE`).
 */
export class AppServiceEntry extends Construct {
  public readonly serviceEntry: ApiObject;
  public readonly destinationRule?: ApiObject;

  public constructor(scope: Construct, id: string, props: AppServiceEntryProps) {
    super(scope, id);
    const e = props.entry;
    this.serviceEntry = newServiceEntry(this, 'ServiceEntry', props.istioApiVersion, {
      metadata: { name: e.name, namespace: props.namespace },
      spec: {
        hosts: [...e.hosts],
        ...(e.addresses.length === 0 ? {} : { addresses: [...e.addresses] }),
        ports: e.ports.map((p) => ({ number: p.number, name: p.name, protocol: p.protocol, ...(p.targetPort === undefined ? {} : { targetPort: p.targetPort }) })),
        location: e.location as ServiceEntrySpecLocation,
        resolution: e.resolution as ServiceEntrySpecResolution,
        ...(e.endpoints.length === 0 ? {} : { endpoints: e.endpoints.map((endpoint) => structuredClone(endpoint)) }),
      },
    });
    if (e.trafficPolicy !== undefined) {
      this.destinationRule = newDestinationRule(this, 'DestinationRule', props.istioApiVersion, {
        metadata: { name: serviceEntryPolicyName(e.name), namespace: props.namespace },
        spec: { host: e.hosts[0], trafficPolicy: importedTrafficPolicy(e.trafficPolicy) },
      });
    }
  }
}
