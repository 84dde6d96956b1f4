import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { GrpcRoute, HttpRoute } from '../../imports/gateway.networking.k8s.io';
import { versionServiceName } from '../plan/names';
import { ServiceTrafficIntent } from '../plan/traffic/intent';
import { istioMeshObjectsOf } from '../plan/traffic/resolve';
import { IstioApiVersion, ResolvedWorkload } from '../topology/model/types';
import { newDestinationRule, newVirtualService } from './istio-api';
import { gammaGrpcRouteSpec, gammaHttpRouteSpec } from './traffic/gamma-routes';
import { destinationRuleSpec, meshVirtualServiceSpec } from './traffic/istio-routes';
import { serviceSpecOf } from './workload';

/** The Istio objects of a service's in-mesh routing, rendered under a scope. */
export interface IstioMeshObjects {
  /** The DestinationRule, when the routing has subsets or a traffic policy. */
  readonly destinationRule?: ApiObject;
  /** The VirtualService, when the routing has rules (not for a traffic policy alone). */
  readonly virtualService?: ApiObject;
}

/**
 * Renders the in-mesh routing of `traffic` (which has a `mesh` entry) in Istio form under
 * `scope`, as children `DestinationRule` and `VirtualService` (which of them: `istioMeshObjectsOf`):
 *
 * - DestinationRule `names.destinationRule`: host `<service>`, its traffic policy, one subset
 *   per version, labels `version: <version>`, see `destinationRuleSpec`.
 * - VirtualService `names.virtualService`: hosts `[<service>]`, one `http` entry per rule, in
 *   order (Istio takes the first that matches), see `istioHttpOf`.
 */
export function renderIstioMeshRouting(scope: Construct, namespace: string, traffic: ServiceTrafficIntent, istioApiVersion: IstioApiVersion): IstioMeshObjects {
  const mesh = traffic.mesh;
  if (mesh === undefined) throw new Error(`service ${traffic.service}: no in-mesh routing`);
  const objects = istioMeshObjectsOf(mesh);
  const destinationRule = objects.destinationRule
    ? newDestinationRule(scope, 'DestinationRule', istioApiVersion, {
        metadata: { name: mesh.names.destinationRule, namespace },
        spec: destinationRuleSpec(traffic.service, mesh),
      })
    : undefined;
  const virtualService = objects.virtualService
    ? newVirtualService(scope, 'VirtualService', istioApiVersion, {
        metadata: { name: mesh.names.virtualService, namespace },
        spec: meshVirtualServiceSpec(traffic.service, mesh),
      })
    : undefined;
  return { ...(destinationRule === undefined ? {} : { destinationRule }), ...(virtualService === undefined ? {} : { virtualService }) };
}

/** Properties of an {@link IstioMeshRoute}. */
export interface IstioMeshRouteProps {
  /** The traffic intent of the routed Service (with a `mesh` entry, from an app route). */
  readonly traffic: ServiceTrafficIntent;
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
}

/** An app's explicit route to one of its Services, or a Service's traffic policy alone, Istio form: see {@link renderIstioMeshRouting}. */
export class IstioMeshRoute extends Construct {
  /** The DestinationRule, when the route has subsets or the Service a traffic policy. */
  public readonly destinationRule?: ApiObject;
  /** The VirtualService, for a route. */
  public readonly virtualService?: ApiObject;

  public constructor(scope: Construct, id: string, props: IstioMeshRouteProps) {
    super(scope, id);
    const objects = renderIstioMeshRouting(this, props.traffic.namespace, props.traffic, props.istioApiVersion);
    this.destinationRule = objects.destinationRule;
    this.virtualService = objects.virtualService;
  }
}

/** Properties of a {@link GammaRoute}. */
export interface GammaRouteProps {
  /** The traffic intent of the routed Service (with a `mesh` entry: its route, or its split). */
  readonly traffic: ServiceTrafficIntent;
}

/**
 * A GAMMA route (Gateway API for mesh): HTTPRoute `names.httpRoute` (a GRPCRoute for a `grpc`
 * route) whose parentRef is the Service itself (`group: ""`, `kind: Service`, its port), so
 * mesh clients calling the Service follow its rules (see `gammaRuleOf`, `gammaGrpcRuleOf`).
 */
export class GammaRoute extends Construct {
  /** The HTTPRoute, or the GRPCRoute. */
  public readonly route: HttpRoute | GrpcRoute;

  public constructor(scope: Construct, id: string, props: GammaRouteProps) {
    super(scope, id);
    const { traffic } = props;
    const metadata = { name: traffic.mesh?.names.httpRoute, namespace: traffic.namespace };
    this.route =
      traffic.mesh?.protocol === 'grpc'
        ? new GrpcRoute(this, 'GRPCRoute', { metadata, spec: gammaGrpcRouteSpec(traffic) })
        : new HttpRoute(this, 'HTTPRoute', { metadata, spec: gammaHttpRouteSpec(traffic) });
  }
}

/** Properties of {@link VersionServices}. */
export interface VersionServicesProps {
  /** The app namespace. */
  readonly namespace: string;
  /** The workload (with a port) whose versions get a Service each. */
  readonly workload: ResolvedWorkload;
  /** Version labels, in order (`mesh.versionServices` of its traffic intent). */
  readonly versions: readonly string[];
}

/**
 * gateway-api routing: a Service `<name>-<version>` per version, with the workload's ports and
 * selector (and labels) `app: <name>, version: <version>`, for HTTPRoute backendRefs (Gateway API has no
 * subsets). Low-level `KubeService`, like the workload's own Service.
 */
export class VersionServices extends Construct {
  /** The Services, in version order. */
  public readonly services: readonly k8s.KubeService[];

  public constructor(scope: Construct, id: string, props: VersionServicesProps) {
    super(scope, id);
    const w = props.workload;
    const spec = serviceSpecOf(w, undefined);
    this.services = props.versions.map(
      (version) =>
        new k8s.KubeService(this, version, {
          metadata: { name: versionServiceName(w.name, version), namespace: props.namespace, labels: { ...spec.selector, version } },
          spec: { ...spec, selector: { ...spec.selector, version } },
        }),
    );
  }
}
