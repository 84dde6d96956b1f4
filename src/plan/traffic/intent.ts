/**
 * Traffic intent: what the topology asks of the traffic to each service and at each entry point,
 * resolved once and independent of any data plane. Pure, serializable data; the compilers in
 * src/k8s/traffic turn it into Istio VirtualServices / DestinationRules, GAMMA HTTPRoutes,
 * multi-cluster Gateway HTTPRoutes and MultiClusterIngresses.
 */
import type {
  HeaderModifierInput,
  HttpMethod,
  HostName,
  MeshRouteRuleInput,
  MeshRouting,
  PathMatchType,
  ResolvedGrpcMethodMatch,
  TrafficPolicyInput,
  ValueMatchType,
} from '../../topology/model/types';

import type { VersionWeight } from '../../topology/resolve/traffic-split';

export type { VersionWeight };

/** A header or query parameter condition. */
export interface ValueMatch {
  readonly name: string;
  readonly value: string;
  readonly type: ValueMatchType;
}

/** One way a request matches a rule; every given condition must hold. */
export interface TrafficMatch {
  /** Request path; absent: any path. */
  readonly path?: { readonly type: PathMatchType; readonly value: string };
  /** Header conditions, in order. */
  readonly headers: readonly ValueMatch[];
  /** Query parameter conditions, in order. */
  readonly queryParams: readonly ValueMatch[];
  /** HTTP method; absent: any method. */
  readonly method?: HttpMethod;
  /** gRPC service and/or method (gRPC traffic); absent: any. */
  readonly grpcMethod?: ResolvedGrpcMethodMatch;
}

/**
 * The protocol a route is written for: `http`, or `grpc` (rules match on the gRPC service and
 * method and on headers; data planes with a gRPC route kind write that kind).
 */
export type TrafficProtocol = 'http' | 'grpc';

/**
 * Where a rule sends requests: a Service (in the mesh, the service the intent is about; at a
 * multi-cluster entry point, a ServiceImport or MultiClusterService name), one of its versions
 * or all of it.
 */
export interface TrafficBackend {
  readonly service: string;
  /** Namespace of the service; absent: the namespace of the intent (a cross-namespace Gateway backend has one). */
  readonly namespace?: string;
  /** A version of the service; absent: every version. */
  readonly version?: string;
  /** Service port; absent: the service's port. */
  readonly port?: number;
  /** Percent (or relative weight at a multi-cluster Gateway); absent: the only backend, or unweighted. */
  readonly weight?: number;
}

/** Copies of the requests sent to a backend too (responses ignored). */
export interface TrafficMirror {
  readonly service: string;
  /** Namespace of the service; absent: the namespace of the intent. */
  readonly namespace?: string;
  /** A version of the service; absent: every version. */
  readonly version?: string;
  /** Service port; absent: the service's port. */
  readonly port?: number;
  /** Percent of the requests mirrored, 0..100. */
  readonly percent: number;
}

/**
 * How a redirect or rewrite changes the path (Gateway API's HTTPPathModifier): the whole path,
 * or the prefix matched by the rule's one PathPrefix match.
 */
export interface TrafficPathModifier {
  readonly type: 'ReplaceFullPath' | 'ReplacePrefixMatch';
  /** The new path, or the new prefix. */
  readonly value: string;
}

/** A redirect answer; each given part replaces the request's. */
export interface TrafficRedirect {
  readonly scheme?: 'http' | 'https';
  readonly hostname?: HostName;
  readonly path?: TrafficPathModifier;
  readonly port?: number;
  /** 301, 302, 303, 307 or 308; absent: the data plane's (302 in Istio and Gateway API). */
  readonly statusCode?: number;
}

/** A rewrite before forwarding. */
export interface TrafficRewrite {
  readonly hostname?: HostName;
  readonly path?: TrafficPathModifier;
}

/** One rule: any of its matches selects it; it sends to its backends with its filters. */
export interface TrafficRule {
  /** Any one of them selects the rule; [] matches every request. */
  readonly matches: readonly TrafficMatch[];
  /** In order; [] with a redirect. */
  readonly backends: readonly TrafficBackend[];
  readonly mirror?: TrafficMirror;
  readonly requestHeaders?: HeaderModifierInput;
  readonly responseHeaders?: HeaderModifierInput;
  readonly redirect?: TrafficRedirect;
  readonly rewrite?: TrafficRewrite;
  /** Request timeout as written, e.g. `5s`, `500ms`. */
  readonly timeout?: string;
  /** Timeout of each request to a backend as written (Gateway API `backendRequest`), e.g. `2s`. */
  readonly backendTimeout?: string;
  readonly retries?: MeshRouteRuleInput['retries'];
  /** Faults injected (Istio `HTTPFaultInjection`; the rules refuse it where a data plane has none). */
  readonly fault?: MeshRouteRuleInput['fault'];
}

/** In-mesh routing of a service: what callers inside the mesh get when they call it. */
export interface MeshTrafficEntry {
  /**
   * `route`: an explicit app route (`apps[].routes[]`); `split`: the workload's version split
   * alone; `policy`: the workload's traffic policy alone (a DestinationRule, no rules).
   */
  readonly source: 'route' | 'split' | 'policy';
  /** The route's protocol; a split alone is `http`. */
  readonly protocol: TrafficProtocol;
  /** Topology path of the route, or of the workload whose split it is. */
  readonly path: string;
  /** Names of the objects a data plane writes for it. */
  readonly names: {
    /** Istio VirtualService. */
    readonly virtualService: string;
    /** Istio DestinationRule (host: the service). */
    readonly destinationRule: string;
    /** GAMMA HTTPRoute (or GRPCRoute). */
    readonly httpRoute: string;
  };
  /** Versions addressed by subset (Istio DestinationRule subsets), in order. */
  readonly subsets: readonly string[];
  /** Traffic policies of subsets (`versions[].trafficPolicy`), by version; absent: none has one. */
  readonly subsetTrafficPolicies?: Readonly<Record<string, TrafficPolicyInput>>;
  /** Versions addressed by a Service `<service>-<version>` each (GAMMA has no subsets), in order. */
  readonly versionServices: readonly string[];
  /** In order: Istio takes the first that matches; Gateway API the most specific. [] for a policy alone. */
  readonly rules: readonly TrafficRule[];
  /** How clients call the service (Istio DestinationRule `trafficPolicy`, upstream's shape); absent: the mesh's defaults. */
  readonly trafficPolicy?: TrafficPolicyInput;
}

/** Entry through the mesh's shared ingress gateway (a VirtualService bound to the Istio Gateway). */
export interface IngressGatewayEntry {
  /** VirtualService name. */
  readonly name: string;
  /** Hosts the gateway accepts for the service. */
  readonly hosts: readonly string[];
  /** The shared Istio Gateway. */
  readonly gateway: { readonly name: string; readonly namespace: string };
  /** One rule: every request to the service, over its version split when it has one. */
  readonly rules: readonly TrafficRule[];
}

/** The traffic intent of one Service of an app (a workload with a port). */
export interface ServiceTrafficIntent {
  /** Topology path of the workload, e.g. `apps[0].workloads[2]`. */
  readonly path: string;
  readonly namespace: string;
  /** The Service (workload) name. */
  readonly service: string;
  /** The Service port. */
  readonly port: number;
  /** Every version in order with its weight; [] without a version label. */
  readonly versions: readonly VersionWeight[];
  /**
   * The data plane of in-mesh routing (`mesh.routing`); it also decides how versions are
   * addressed at the ingress gateway (subsets, or per-version Services).
   */
  readonly routing: MeshRouting;
  /** In-mesh routing; absent when the service has neither a route nor a split to write. */
  readonly mesh?: MeshTrafficEntry;
  /** Entry through the shared ingress gateway (`expose`). */
  readonly ingressGateway?: IngressGatewayEntry;
}

/** One route attached to a GKE Gateway; backends are ServiceImports or Services (the gateway's `backendKind`). */
export interface GatewayRouteIntent {
  readonly protocol: TrafficProtocol;
  readonly name: string;
  /** Topology path of the route. */
  readonly path: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The gateway listener the route attaches to (`parentRefs[].sectionName`); absent: every listener. */
  readonly sectionName?: string;
  readonly hostnames: readonly string[];
  readonly rules: readonly TrafficRule[];
}

/**
 * What a GKE Gateway's backends are: ServiceImports (`net.gke.io`) of exported Services for a
 * multi-cluster class, the cluster's own (core) Services for a single-cluster class.
 */
export type GatewayBackendKind = 'ServiceImport' | 'Service';

/** Traffic entering through one GKE Gateway. */
export interface GatewayTrafficIntent {
  /** Topology path of the gateway. */
  readonly path: string;
  readonly gateway: string;
  readonly namespace: string;
  /** What every backend (and mirror) name of its routes and policies stands for. */
  readonly backendKind: GatewayBackendKind;
  readonly routes: readonly GatewayRouteIntent[];
}

/** Traffic entering through the MultiClusterIngress; backends are MultiClusterServices. */
export interface IngressTrafficIntent {
  readonly name: string;
  readonly namespace: string;
  /** Where requests matching no rule go. */
  readonly defaultBackend?: TrafficBackend;
  /** Per host (absent: any host), its path rules in order; a path is written as given (Ingress path syntax). */
  readonly hosts: ReadonlyArray<{ readonly host?: string; readonly rules: readonly TrafficRule[] }>;
}

/** Every traffic intent of a topology. */
export interface TrafficIntents {
  /** One per Service of an app, in app and workload order. */
  readonly services: readonly ServiceTrafficIntent[];
  /** One per GKE Gateway, in order. */
  readonly gateways: readonly GatewayTrafficIntent[];
  readonly multiClusterIngress?: IngressTrafficIntent;
}
