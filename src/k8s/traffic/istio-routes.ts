/**
 * Istio compiler of traffic intent: VirtualService `http` entries, DestinationRule subsets and
 * traffic policy. Pure functions from intent to object specs; the constructs only render them.
 */
import {
  DestinationRuleSpec,
  DestinationRuleSpecSubsetsTrafficPolicy,
  DestinationRuleSpecTrafficPolicy,
  DestinationRuleSpecTrafficPolicyOutlierDetection,
  VirtualServiceSpec,
  VirtualServiceSpecHttpFault,
  VirtualServiceSpecHttp,
  VirtualServiceSpecHttpMatch,
  VirtualServiceSpecHttpRoute,
} from '../../../imports/networking.istio.io';
import { versionServiceName } from '../../plan/names';
import { MeshTrafficEntry, ServiceTrafficIntent, TrafficBackend, TrafficPathModifier, TrafficRule, ValueMatch } from '../../plan/traffic/intent';
import { HeaderModifierInput, OutlierDetectionInput, TrafficPolicyInput } from '../../topology/model/types';

/**
 * How a backend's version is addressed: a DestinationRule subset of the Service (istio routing),
 * or the per-version Service `<service>-<version>` (gateway-api routing, which has no subsets).
 */
export type VersionAddressing = 'subsets' | 'services';

/**
 * A route duration for Istio, whose protobuf durations take seconds only: `500ms` → `0.5s`;
 * seconds are kept.
 */
export function istioDuration(value: string): string {
  return value.endsWith('ms') ? `${Number(value.slice(0, -2)) / 1000}s` : value;
}

const STRING_MATCH = { Exact: 'exact', PathPrefix: 'prefix', RegularExpression: 'regex' } as const;

function istioValueMatches(list: readonly ValueMatch[]): Record<string, { exact?: string; regex?: string }> | undefined {
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

function destinationOf(b: TrafficBackend, versions: VersionAddressing): VirtualServiceSpecHttpRoute['destination'] {
  const byService = versions === 'services' && b.version !== undefined;
  return {
    host: byService ? versionServiceName(b.service, b.version as string) : b.service,
    ...(b.port === undefined ? {} : { port: { number: b.port } }),
    ...(b.version === undefined || byService ? {} : { subset: b.version }),
  };
}

/**
 * The path of a redirect (`ReplaceFullPath`: Istio's `redirect.uri` replaces the whole path) or
 * a rewrite (`ReplacePrefixMatch`: Istio's `rewrite.uri` replaces the matched prefix). The
 * in-mesh route model has no other (`redirect.path` is a full path, `rewrite.pathPrefix` a
 * prefix); the Gateway API path modifiers of a multi-cluster Gateway rule never reach Istio.
 * @throws Error for the other modifier, which Istio's `uri` would change in meaning
 */
function istioUri(path: TrafficPathModifier | undefined, expected: TrafficPathModifier['type'], what: string): { uri?: string } {
  if (path === undefined) return {};
  if (path.type !== expected) throw new Error(`an Istio ${what} takes ${expected} only, not ${path.type} (${path.value})`);
  return { uri: path.value };
}

/** One VirtualService `http` entry of a rule; versions addressed as `versions` says. */
export function istioHttpOf(rule: TrafficRule, versions: VersionAddressing = 'subsets'): VirtualServiceSpecHttp {
  const match: VirtualServiceSpecHttpMatch[] = rule.matches.map((m) => ({
    ...(m.path === undefined ? {} : { uri: { [STRING_MATCH[m.path.type]]: m.path.value } }),
    ...(m.headers.length === 0 ? {} : { headers: istioValueMatches(m.headers) }),
    ...(m.queryParams.length === 0 ? {} : { queryParams: istioValueMatches(m.queryParams) }),
    ...(m.method === undefined ? {} : { method: { exact: m.method } }),
  }));
  const route: VirtualServiceSpecHttpRoute[] = rule.backends.map((b) => ({
    destination: destinationOf(b, versions),
    ...(b.weight === undefined ? {} : { weight: b.weight }),
  }));
  const request = istioHeaders(rule.requestHeaders);
  const response = istioHeaders(rule.responseHeaders);
  const r = rule.redirect;
  const m = rule.mirror;
  return {
    ...(match.length === 0 ? {} : { match }),
    ...(route.length === 0 ? {} : { route }),
    ...(m === undefined ? {} : { mirror: { host: m.service, ...(m.version === undefined ? {} : { subset: m.version }) } }),
    ...(m === undefined || m.percent === 100 ? {} : { mirrorPercentage: { value: m.percent } }),
    ...(request === undefined && response === undefined ? {} : { headers: { ...(request && { request }), ...(response && { response }) } }),
    ...(r === undefined
      ? {}
      : {
          redirect: {
            ...istioUri(r.path, 'ReplaceFullPath', 'redirect'),
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
            ...istioUri(rule.rewrite.path, 'ReplacePrefixMatch', 'rewrite'),
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
            ...(rule.retries.retryRemoteLocalities === undefined ? {} : { retryRemoteLocalities: rule.retries.retryRemoteLocalities }),
          },
        }),
    // Upstream's HTTPFaultInjection shape, as written (the rules checked its durations and ranges).
    ...(rule.fault === undefined ? {} : { fault: structuredClone(rule.fault) as VirtualServiceSpecHttpFault }),
  };
}

/**
 * An outlier detection as the imported DestinationRule types spell it: cdk8s's importer renamed
 * upstream's `consecutive5xxErrors` (the only field of the TrafficPolicy it renamed), and its
 * serializer writes upstream's name back.
 */
function importedOutlierDetection(o: OutlierDetectionInput | undefined): { outlierDetection?: DestinationRuleSpecTrafficPolicyOutlierDetection } {
  if (o === undefined) return {};
  const { consecutive5xxErrors, ...rest } = o;
  return { outlierDetection: { ...rest, ...(consecutive5xxErrors === undefined ? {} : { consecutive5XxErrors: consecutive5xxErrors }) } };
}

/** A traffic policy (upstream's TrafficPolicy shape, as written) in the imported DestinationRule types. */
export function importedTrafficPolicy(policy: TrafficPolicyInput): DestinationRuleSpecTrafficPolicy {
  const copy = structuredClone(policy);
  return {
    ...copy,
    ...importedOutlierDetection(copy.outlierDetection),
    ...(copy.portLevelSettings === undefined ? {} : { portLevelSettings: copy.portLevelSettings.map((s) => ({ ...s, ...importedOutlierDetection(s.outlierDetection) })) }),
  } as DestinationRuleSpecTrafficPolicy;
}

/**
 * The DestinationRule spec of in-mesh routing: host the Service, its traffic policy as written
 * (upstream's TrafficPolicy shape), one subset per version (label `version`) with its own
 * traffic policy when the version has one.
 */
export function destinationRuleSpec(service: string, mesh: MeshTrafficEntry): DestinationRuleSpec {
  return {
    host: service,
    ...(mesh.trafficPolicy === undefined ? {} : { trafficPolicy: importedTrafficPolicy(mesh.trafficPolicy) }),
    ...(mesh.subsets.length === 0
      ? {}
      : {
          subsets: mesh.subsets.map((name) => {
            const policy = mesh.subsetTrafficPolicies?.[name];
            return {
              labels: { version: name },
              name,
              ...(policy === undefined ? {} : { trafficPolicy: importedTrafficPolicy(policy) as DestinationRuleSpecSubsetsTrafficPolicy }),
            };
          }),
        }),
  };
}

/** The VirtualService spec of in-mesh routing: hosts the Service, one `http` entry per rule, in order. */
export function meshVirtualServiceSpec(service: string, mesh: MeshTrafficEntry): VirtualServiceSpec {
  return { hosts: [service], http: mesh.rules.map((rule) => istioHttpOf(rule)) };
}

/**
 * The route destinations of the ingress gateway's VirtualService of `traffic` (which has an
 * `ingressGateway` entry): versions by subset in istio routing, by per-version Service in
 * gateway-api routing.
 */
export function ingressGatewayRoutes(traffic: ServiceTrafficIntent): VirtualServiceSpecHttpRoute[] {
  const entry = traffic.ingressGateway;
  if (entry === undefined) throw new Error(`service ${traffic.service}: no ingress gateway entry`);
  return istioHttpOf(entry.rules[0], traffic.routing === 'gateway-api' ? 'services' : 'subsets').route ?? [];
}
