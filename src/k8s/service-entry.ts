import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ServiceEntrySpecLocation, ServiceEntrySpecResolution } from '../../imports/networking.istio.io';
import { IstioApiVersion, ResolvedServiceEntry } from '../topology/model/types';
import { newServiceEntry } from './istio-api';

/** Properties of an {@link AppServiceEntry}. */
export interface AppServiceEntryProps {
  /** The app namespace the ServiceEntry is written in. */
  readonly namespace: string;
  /** The resolved entry (hosts, ports, resolution, location, addresses, endpoints). */
  readonly entry: ResolvedServiceEntry;
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
}

/**
 * An Istio ServiceEntry (networking.istio.io, typed class from imports/) in an app namespace:
 * `hosts`, `ports` `{ number, name, protocol }`, `resolution`, `location`, and `addresses` /
 * `endpoints` (one `{ address }` each) only when given. With `outboundTrafficPolicy:
 * REGISTRY_ONLY` it is what lets the app's sidecars reach the hosts.
 */
export class AppServiceEntry extends Construct {
  public readonly serviceEntry: ApiObject;

  public constructor(scope: Construct, id: string, props: AppServiceEntryProps) {
    super(scope, id);
    const e = props.entry;
    this.serviceEntry = newServiceEntry(this, 'ServiceEntry', props.istioApiVersion, {
      metadata: { name: e.name, namespace: props.namespace },
      spec: {
        hosts: [...e.hosts],
        ...(e.addresses.length === 0 ? {} : { addresses: [...e.addresses] }),
        ports: e.ports.map((p) => ({ number: p.number, name: p.name, protocol: p.protocol })),
        location: e.location as ServiceEntrySpecLocation,
        resolution: e.resolution as ServiceEntrySpecResolution,
        ...(e.endpoints.length === 0 ? {} : { endpoints: e.endpoints.map((address) => ({ address })) }),
      },
    });
  }
}
