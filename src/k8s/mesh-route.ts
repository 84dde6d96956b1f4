import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  HttpRoute,
  HttpRouteSpecRules,
  HttpRouteSpecRulesBackendRefs,
  HttpRouteSpecRulesFilters,
  HttpRouteSpecRulesFiltersRequestHeaderModifier,
  HttpRouteSpecRulesFiltersRequestRedirectPathType,
  HttpRouteSpecRulesFiltersRequestRedirectScheme,
  HttpRouteSpecRulesFiltersRequestRedirectStatusCode,
  HttpRouteSpecRulesFiltersType,
  HttpRouteSpecRulesFiltersUrlRewritePathType,
  HttpRouteSpecRulesMatches,
  HttpRouteSpecRulesMatchesHeadersType,
  HttpRouteSpecRulesMatchesMethod,
  HttpRouteSpecRulesMatchesPathType,
  HttpRouteSpecRulesMatchesQueryParamsType,
} from '../../imports/gateway.networking.k8s.io';
import { VirtualServiceSpecHttp, VirtualServiceSpecHttpMatch, VirtualServiceSpecHttpRoute } from '../../imports/networking.istio.io';
import { HeaderModifierInput, IstioApiVersion, ResolvedMeshRoute, ResolvedMeshRouteRule, ResolvedWorkload, ValueMatchInput } from '../topology/model/types';
import { newDestinationRule, newVirtualService } from './istio-api';
import { serviceSpecOf } from './workload';

/** A version's share of a Service's traffic (see `versionSplitOf`). */
export interface VersionWeight {
  readonly version: string;
  readonly weight: number;
}

/** Name of the Service of one version in gateway-api routing: `<service>-<version>`. */
export function versionServiceName(service: string, version: string): string {
  return `${service}-${version}`;
}

/**
 * A route duration for Istio, whose protobuf durations take seconds only: `500ms` → `0.5s`;
 * seconds are kept.
 */
export function istioDuration(value: string): string {
  return value.endsWith('ms') ? `${Number(value.slice(0, -2)) / 1000}s` : value;
}

const STRING_MATCH = { Exact: 'exact', PathPrefix: 'prefix', RegularExpression: 'regex' } as const;

function istioValueMatches(list: ReadonlyArray<Required<ValueMatchInput>>): Record<string, { exact?: string; regex?: string }> | undefined {
  if (list.length === 0) return undefined;
  return Object.fromEntries(list.map((m) => [m.name, { [STRING_MATCH[m.type]]: m.value }]));
}

function istioHeaders(modifier: HeaderModifierInput | undefined): { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] } | undefined {
  if (modifier === undefined) return undefined;
  return {
    ...(modifier.set === undefined ? {} : { set: { ...modifier.set } }),
    ...(modifier.add === undefined ? {} : { add: { ...modifier.add } }),
    ...(modifier.remove === undefined ? {} : { remove: [...modifier.remove] }),
  };
}

/** One VirtualService `http` entry of a route rule, to `host` (subset = version). */
export function istioHttpOf(rule: ResolvedMeshRouteRule, host: string): VirtualServiceSpecHttp {
  const match: VirtualServiceSpecHttpMatch[] = rule.matches.map((m) => ({
    ...(m.path === undefined ? {} : { uri: { [STRING_MATCH[m.path.type]]: m.path.value } }),
    ...(m.headers.length === 0 ? {} : { headers: istioValueMatches(m.headers) }),
    ...(m.queryParams.length === 0 ? {} : { queryParams: istioValueMatches(m.queryParams) }),
    ...(m.method === undefined ? {} : { method: { exact: m.method } }),
  }));
  const route: VirtualServiceSpecHttpRoute[] = rule.backends.map((b) => ({
    destination: {
      host,
      ...(b.port === undefined ? {} : { port: { number: b.port } }),
      ...(b.version === undefined ? {} : { subset: b.version }),
    },
    ...(b.weight === undefined ? {} : { weight: b.weight }),
  }));
  const request = istioHeaders(rule.requestHeaders);
  const response = istioHeaders(rule.responseHeaders);
  const r = rule.redirect;
  return {
    ...(match.length === 0 ? {} : { match }),
    ...(route.length === 0 ? {} : { route }),
    ...(rule.mirror === undefined ? {} : { mirror: { host, subset: rule.mirror.version } }),
    ...(rule.mirror === undefined || rule.mirror.percent === 100 ? {} : { mirrorPercentage: { value: rule.mirror.percent } }),
    ...(request === undefined && response === undefined ? {} : { headers: { ...(request && { request }), ...(response && { response }) } }),
    ...(r === undefined
      ? {}
      : {
          redirect: {
            ...(r.path === undefined ? {} : { uri: r.path }),
            ...(r.hostname === undefined ? {} : { authority: r.hostname }),
            ...(r.port === undefined ? {} : { port: r.port }),
            ...(r.scheme === undefined ? {} : { scheme: r.scheme }),
            ...(r.statusCode === undefined ? {} : { redirectCode: r.statusCode }),
          },
        }),
    ...(rule.rewrite === undefined
      ? {}
      : {
          rewrite: {
            ...(rule.rewrite.pathPrefix === undefined ? {} : { uri: rule.rewrite.pathPrefix }),
            ...(rule.rewrite.hostname === undefined ? {} : { authority: rule.rewrite.hostname }),
          },
        }),
    ...(rule.timeout === undefined ? {} : { timeout: istioDuration(rule.timeout) }),
    ...(rule.retries === undefined
      ? {}
      : {
          retries: {
            attempts: rule.retries.attempts,
            ...(rule.retries.perTryTimeout === undefined ? {} : { perTryTimeout: istioDuration(rule.retries.perTryTimeout) }),
            ...(rule.retries.retryOn === undefined ? {} : { retryOn: rule.retries.retryOn }),
          },
        }),
  };
}

function gammaHeaderModifier(modifier: HeaderModifierInput): HttpRouteSpecRulesFiltersRequestHeaderModifier {
  const pairs = (record: Record<string, string> | undefined) => (record === undefined ? undefined : Object.entries(record).map(([name, value]) => ({ name, value })));
  return {
    ...(modifier.set === undefined ? {} : { set: pairs(modifier.set) }),
    ...(modifier.add === undefined ? {} : { add: pairs(modifier.add) }),
    ...(modifier.remove === undefined ? {} : { remove: [...modifier.remove] }),
  };
}

/**
 * One HTTPRoute rule of a route rule: backends are `<service>-<version>` (or `<service>` without
 * a version) on `port`; filters in a fixed order: request headers, response headers, mirror,
 * redirect, rewrite.
 */
export function gammaRuleOf(rule: ResolvedMeshRouteRule, service: string, port: number): HttpRouteSpecRules {
  const matches: HttpRouteSpecRulesMatches[] = rule.matches.map((m) => ({
    ...(m.path === undefined ? {} : { path: { type: m.path.type as HttpRouteSpecRulesMatchesPathType, value: m.path.value } }),
    ...(m.headers.length === 0 ? {} : { headers: m.headers.map((h) => ({ name: h.name, value: h.value, type: h.type as HttpRouteSpecRulesMatchesHeadersType })) }),
    ...(m.queryParams.length === 0 ? {} : { queryParams: m.queryParams.map((q) => ({ name: q.name, value: q.value, type: q.type as HttpRouteSpecRulesMatchesQueryParamsType })) }),
    ...(m.method === undefined ? {} : { method: m.method as HttpRouteSpecRulesMatchesMethod }),
  }));
  const nameOf = (version: string | undefined) => (version === undefined ? service : versionServiceName(service, version));
  const backendRefs: HttpRouteSpecRulesBackendRefs[] = rule.backends.map((b) => ({
    name: nameOf(b.version),
    port: b.port ?? port,
    ...(b.weight === undefined ? {} : { weight: b.weight }),
  }));
  const filters: HttpRouteSpecRulesFilters[] = [];
  if (rule.requestHeaders !== undefined) {
    filters.push({ type: HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER, requestHeaderModifier: gammaHeaderModifier(rule.requestHeaders) });
  }
  if (rule.responseHeaders !== undefined) {
    filters.push({ type: HttpRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER, responseHeaderModifier: gammaHeaderModifier(rule.responseHeaders) });
  }
  if (rule.mirror !== undefined) {
    filters.push({ type: HttpRouteSpecRulesFiltersType.REQUEST_MIRROR, requestMirror: { backendRef: { name: nameOf(rule.mirror.version), port } } });
  }
  const r = rule.redirect;
  if (r !== undefined) {
    filters.push({
      type: HttpRouteSpecRulesFiltersType.REQUEST_REDIRECT,
      requestRedirect: {
        ...(r.scheme === undefined ? {} : { scheme: r.scheme as HttpRouteSpecRulesFiltersRequestRedirectScheme }),
        ...(r.hostname === undefined ? {} : { hostname: r.hostname }),
        ...(r.path === undefined ? {} : { path: { type: HttpRouteSpecRulesFiltersRequestRedirectPathType.REPLACE_FULL_PATH, replaceFullPath: r.path } }),
        ...(r.port === undefined ? {} : { port: r.port }),
        ...(r.statusCode === undefined ? {} : { statusCode: r.statusCode as HttpRouteSpecRulesFiltersRequestRedirectStatusCode }),
      },
    });
  }
  if (rule.rewrite !== undefined) {
    filters.push({
      type: HttpRouteSpecRulesFiltersType.URL_REWRITE,
      urlRewrite: {
        ...(rule.rewrite.hostname === undefined ? {} : { hostname: rule.rewrite.hostname }),
        ...(rule.rewrite.pathPrefix === undefined
          ? {}
          : { path: { type: HttpRouteSpecRulesFiltersUrlRewritePathType.REPLACE_PREFIX_MATCH, replacePrefixMatch: rule.rewrite.pathPrefix } }),
      },
    });
  }
  return {
    ...(matches.length === 0 ? {} : { matches }),
    ...(filters.length === 0 ? {} : { filters }),
    ...(backendRefs.length === 0 ? {} : { backendRefs }),
    ...(rule.timeout === undefined ? {} : { timeouts: { request: rule.timeout } }),
  };
}

/** Properties of an {@link IstioMeshRoute}. */
export interface IstioMeshRouteProps {
  /** The app namespace. */
  readonly namespace: string;
  /** The route from the resolved topology; its `service` is the VirtualService host. */
  readonly route: ResolvedMeshRoute;
  /**
   * DestinationRule subsets (version labels), in order; the versions the route sends or mirrors
   * to, and those the workload's split gives traffic.
   */
  readonly subsets: readonly string[];
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
}

/**
 * An app's explicit route to one of its Services, Istio form:
 *
 * - DestinationRule `<service>` (only with subsets): host `<service>`, one subset per version,
 *   labels `version: <version>`.
 * - VirtualService `<route name>`: hosts `[<service>]`, one `http` entry per rule, in order
 *   (Istio takes the first that matches), see {@link istioHttpOf}.
 */
export class IstioMeshRoute extends Construct {
  /** The DestinationRule, when the route has subsets. */
  public readonly destinationRule?: ApiObject;
  /** The VirtualService. */
  public readonly virtualService: ApiObject;

  public constructor(scope: Construct, id: string, props: IstioMeshRouteProps) {
    super(scope, id);
    const { route, namespace } = props;
    if (props.subsets.length > 0) {
      this.destinationRule = newDestinationRule(this, 'DestinationRule', props.istioApiVersion, {
        metadata: { name: route.service, namespace },
        spec: { host: route.service, subsets: props.subsets.map((name) => ({ labels: { version: name }, name })) },
      });
    }
    this.virtualService = newVirtualService(this, 'VirtualService', props.istioApiVersion, {
      metadata: { name: route.name, namespace },
      spec: { hosts: [route.service], http: route.rules.map((rule) => istioHttpOf(rule, route.service)) },
    });
  }
}

/** Properties of a {@link GammaRoute}. */
export interface GammaRouteProps {
  /** HTTPRoute name. */
  readonly name: string;
  /** The app namespace. */
  readonly namespace: string;
  /** The Service the route is attached to (parentRef) and whose versions it routes to. */
  readonly service: string;
  /** The Service port (parentRef port and default backend port). */
  readonly port: number;
  /** The HTTPRoute rules (see {@link gammaRuleOf} and {@link gammaSplitRule}). */
  readonly rules: readonly HttpRouteSpecRules[];
}

/**
 * A GAMMA route (Gateway API for mesh): HTTPRoute `<name>` whose parentRef is the Service
 * itself (`group: ""`, `kind: Service`, its port), so mesh clients calling the Service follow
 * its rules.
 */
export class GammaRoute extends Construct {
  /** The HTTPRoute. */
  public readonly httpRoute: HttpRoute;

  public constructor(scope: Construct, id: string, props: GammaRouteProps) {
    super(scope, id);
    this.httpRoute = new HttpRoute(this, 'HTTPRoute', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        parentRefs: [{ group: '', kind: 'Service', name: props.service, port: props.port }],
        rules: [...props.rules],
      },
    });
  }
}

/**
 * The HTTPRoute rule of a workload's default version split: one backendRef
 * `<service>-<version>` per version with traffic, weighted when there are several.
 */
export function gammaSplitRule(service: string, port: number, split: readonly VersionWeight[]): HttpRouteSpecRules {
  const live = split.filter((s) => s.weight > 0);
  return {
    backendRefs: live.map((s) => ({ name: versionServiceName(service, s.version), port, ...(live.length > 1 ? { weight: s.weight } : {}) })),
  };
}

/** Properties of {@link VersionServices}. */
export interface VersionServicesProps {
  /** The app namespace. */
  readonly namespace: string;
  /** The workload (with a port) whose versions get a Service each. */
  readonly workload: ResolvedWorkload;
  /** Version labels, in order. */
  readonly versions: readonly string[];
}

/**
 * gateway-api routing: a Service `<name>-<version>` per version, with the workload's ports and
 * selector `app: <name>, version: <version>`, for HTTPRoute backendRefs (Gateway API has no
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
          metadata: { name: versionServiceName(w.name, version), namespace: props.namespace },
          spec: { ...spec, selector: { ...spec.selector, version } },
        }),
    );
  }
}

/**
 * Istio route destinations of a version split through the per-version Services (gateway-api
 * routing, where no DestinationRule subsets exist): one destination `<service>-<version>` per
 * version with traffic, weighted when there are several.
 */
export function versionHostRoutes(service: string, port: number, split: readonly VersionWeight[]): VirtualServiceSpecHttpRoute[] {
  const live = split.filter((s) => s.weight > 0);
  return live.map((s) => ({
    destination: { host: versionServiceName(service, s.version), port: { number: port } },
    ...(live.length > 1 ? { weight: s.weight } : {}),
  }));
}
