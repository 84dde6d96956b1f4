/**
 * Topology rules of the matches, filters and timeouts of multi-cluster Gateway route rules
 * (`gateways[].routes[].rules[]`), in Gateway API's shapes: the CEL rules of the vendored
 * HTTPRoute CRD (a filter's field matches its type, each type at most once, a redirect and a
 * rewrite not both, a redirect without backends, `ReplacePrefixMatch` after exactly one
 * PathPrefix match, backendRequest at most request), the filters meshfleet does not write, and
 * what the gateway's class lacks (see gateway-classes.ts).
 */
import { gatewayClassesWhere, gatewayClassTraits } from '../model/gateway-classes';
import type { GatewayHeaderMatchInput, GatewayPathModifierInput, GatewayRouteFilterInput, GatewayRouteFilterType } from '../model/gateway-routes';
import { resolveGatewayRouteRule } from '../model/gateway-routes';
import { GATEWAY_DURATION_RE, gatewayDurationMs } from './predicates';
import { Problem, problem } from './problems';
import { checkRegex } from './route-rules';
import type { ResolvedGateway, RouteKind, RouteRuleInput } from '../model/types';

/** The field of each filter type that carries its settings. */
const FILTER_FIELDS: Record<GatewayRouteFilterType, keyof GatewayRouteFilterInput | 'cors'> = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  RequestMirror: 'requestMirror',
  ExtensionRef: 'extensionRef',
  CORS: 'cors',
};

/** Filter types meshfleet does not write, with why and what to write instead. */
const REFUSED_FILTERS: Partial<Record<GatewayRouteFilterType, { why: string; expected: string }>> = {
  RequestMirror: {
    why: "the rule's mirror says it, so one field is checked (an exported ServiceImport, its port, per-version expansion)",
    expected: 'mirror: { backend: <ServiceImport>, port: <port> } on the rule (namespace: <app namespace> for another namespace)',
  },
  ExtensionRef: {
    why: "an ExtensionRef names an implementation's own filter object, which meshfleet does not write",
    expected: 'no ExtensionRef here; add the filter to the generated HTTPRoute with patches (the escape hatch, see README "Extra objects and patches")',
  },
  CORS: { why: "GKE's multi-cluster GatewayClasses have no CORS filter", expected: 'no CORS filter (answer CORS in the backend)' },
};

/** Header names used twice in a list (Gateway API keys these lists by name, case-insensitively). */
function checkUniqueNames(at: string, names: readonly string[], problems: Problem[]): void {
  const seen = new Map<string, number>();
  names.forEach((name, k) => {
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) problems.push(problem(`${at}[${k}]`, `header name already listed at ${at}[${earlier}] (names are case-insensitive)`, name, 'each name once'));
    else seen.set(name.toLowerCase(), k);
  });
}

function checkValueMatches(at: string, list: readonly GatewayHeaderMatchInput[] | undefined, problems: Problem[]): void {
  if (list === undefined) return;
  list.forEach((m, k) => {
    if (m.type === 'RegularExpression') checkRegex(`${at}[${k}].value`, m.value, problems);
  });
  checkUniqueNames(
    at,
    list.map((m) => m.name),
    problems,
  );
}

/** A path modifier: its value is the field its type names, and only that one. */
function checkPathModifier(at: string, p: GatewayPathModifierInput | undefined, problems: Problem[]): void {
  if (p === undefined) return;
  const field = p.type === 'ReplaceFullPath' ? 'replaceFullPath' : 'replacePrefixMatch';
  const other = p.type === 'ReplaceFullPath' ? 'replacePrefixMatch' : 'replaceFullPath';
  if (p[field] === undefined) problems.push(problem(`${at}.${field}`, `a ${p.type} path modifier needs ${field}`, undefined, `${field}: /new/path`));
  if (p[other] !== undefined) problems.push(problem(`${at}.${other}`, `${other} belongs to the other path modifier type`, p[other], `no ${other} with type ${p.type}`));
}

/** The classes that have a trait, for messages. */
function classesWith(trait: 'advancedTraffic' | 'routeTimeouts'): string {
  return gatewayClassesWhere((t) => t[trait] === true).join(', ');
}

/** One rule's filters (each shape, each type once, redirect xor rewrite, ReplacePrefixMatch after one PathPrefix match, what the class takes). */
function checkFilters(at: string, rule: RouteRuleInput, className: string, problems: Problem[]): void {
  const filters = rule.filters ?? [];
  const traits = gatewayClassTraits(className);
  const seen = new Map<GatewayRouteFilterType, number>();
  filters.forEach((f, n) => {
    const here = `${at}.filters[${n}]`;
    const refused = REFUSED_FILTERS[f.type];
    if (refused !== undefined) {
      problems.push(problem(`${here}.type`, `meshfleet does not write a ${f.type} filter: ${refused.why}`, f.type, refused.expected));
      return;
    }
    const field = FILTER_FIELDS[f.type];
    const record = f as unknown as Record<string, unknown>;
    if (record[field] === undefined) problems.push(problem(`${here}.${field}`, `a ${f.type} filter needs ${field}`, undefined, `${field}: { ... }`));
    for (const other of Object.values(FILTER_FIELDS)) {
      if (other !== field && record[other] !== undefined)
        problems.push(problem(`${here}.${other}`, `${other} belongs to another filter type than ${f.type}`, f.type, `no ${other}, or type for it`));
    }
    const earlier = seen.get(f.type);
    if (earlier !== undefined) problems.push(problem(`${here}.type`, `a rule has one ${f.type} filter, already at ${at}.filters[${earlier}]`, f.type, 'each filter type once'));
    else seen.set(f.type, n);
    if (traits !== undefined && !traits.advancedTraffic) {
      problems.push(
        problem(
          `${here}.type`,
          `GatewayClass ${className} (a classic Application Load Balancer) has no ${f.type} filter`,
          f.type,
          `no ${f.type} filter, or ${classesWith('advancedTraffic')}`,
        ),
      );
    }
    for (const key of ['requestHeaderModifier', 'responseHeaderModifier'] as const) {
      const m = f[key];
      if (m === undefined) continue;
      checkUniqueNames(
        `${here}.${key}.set`,
        (m.set ?? []).map((h) => h.name),
        problems,
      );
      checkUniqueNames(
        `${here}.${key}.add`,
        (m.add ?? []).map((h) => h.name),
        problems,
      );
      checkUniqueNames(`${here}.${key}.remove`, m.remove ?? [], problems);
    }
    checkPathModifier(`${here}.requestRedirect.path`, f.requestRedirect?.path, problems);
    checkPathModifier(`${here}.urlRewrite.path`, f.urlRewrite?.path, problems);
  });
  const redirect = filters.findIndex((f) => f.type === 'RequestRedirect');
  const rewrite = filters.findIndex((f) => f.type === 'URLRewrite');
  if (redirect >= 0 && rewrite >= 0) {
    problems.push(
      problem(
        `${at}.filters[${rewrite}].type`,
        'a rule redirects or rewrites, not both (Gateway API)',
        'URLRewrite',
        `no URLRewrite beside the RequestRedirect at filters[${redirect}]`,
      ),
    );
  }
  if (redirect >= 0 && (rule.backend !== undefined || rule.backends !== undefined || rule.mirror !== undefined)) {
    const field = rule.backends !== undefined ? 'backends' : rule.backend !== undefined ? 'backend' : 'mirror';
    problems.push(problem(`${at}.${field}`, 'a redirect answers the request itself: a RequestRedirect rule has no backends nor mirror', field, `no ${field} (the redirect alone)`));
  }
  const prefixAt = filters.findIndex((f) => (f.requestRedirect ?? f.urlRewrite)?.path?.type === 'ReplacePrefixMatch');
  if (prefixAt >= 0) {
    const matches = resolveGatewayRouteRule(rule).matches;
    if (matches.length !== 1 || matches[0].path?.type !== 'PathPrefix') {
      problems.push(
        problem(
          `${at}.matches`,
          `ReplacePrefixMatch (filters[${prefixAt}]) replaces the prefix that the rule's one PathPrefix match matched`,
          matches.length === 1 ? 'a match without a PathPrefix path' : `${matches.length} matches`,
          'exactly one match with a PathPrefix path (or pathPrefix), or ReplaceFullPath',
        ),
      );
    }
  }
}

/** A rule's timeouts: Gateway API Durations, backendRequest at most request, and a class that takes them. */
function checkTimeouts(at: string, rule: RouteRuleInput, gateway: ResolvedGateway, gatewayAt: string, problems: Problem[]): void {
  const t = rule.timeouts;
  if (t === undefined) return;
  for (const key of ['request', 'backendRequest'] as const) {
    const value = t[key];
    if (value !== undefined && !GATEWAY_DURATION_RE.test(value)) {
      problems.push(problem(`${at}.timeouts.${key}`, 'not a Gateway API duration', value, '1 to 4 parts of up to 5 digits and h, m, s or ms, e.g. 10s or 1m30s'));
    }
  }
  const { request, backendRequest } = t;
  if (request !== undefined && backendRequest !== undefined && GATEWAY_DURATION_RE.test(request) && GATEWAY_DURATION_RE.test(backendRequest)) {
    const total = gatewayDurationMs(request);
    if (total !== 0 && gatewayDurationMs(backendRequest) > total) {
      problems.push(problem(`${at}.timeouts.backendRequest`, 'the backend request timeout exceeds the request timeout, which covers it', backendRequest, `at most ${request}`));
    }
  }
  const traits = gatewayClassTraits(gateway.className);
  if (traits !== undefined && traits.routeTimeouts !== true) {
    const supporting = classesWith('routeTimeouts');
    problems.push(
      problem(
        `${at}.timeouts`,
        `GatewayClass ${gateway.className}: GKE's Gateway controller does not take HTTPRoute timeouts (it would not accept the route)`,
        t,
        `no timeouts; set the backend timeout with a GCPBackendPolicy: ${gatewayAt}.backendPolicies: [{ backend: <ServiceImport>, timeoutSec: <seconds> }]${supporting === '' ? '' : `, or ${supporting}`}`,
      ),
    );
  }
}

/** What a rule of a route of `kind` can hold: HTTPRoute matches and filters, or GRPCRoute's. */
function checkKindFields(at: string, kind: RouteKind, rule: RouteRuleInput, problems: Problem[]): void {
  if (kind === 'HTTPRoute') return;
  const why = 'a GRPCRoute matches on the gRPC method and headers, and meshfleet writes its mirror only';
  (rule.matches ?? []).forEach((m, n) => {
    if (m.queryParams !== undefined) problems.push(problem(`${at}.matches[${n}].queryParams`, why, m.queryParams, 'no queryParams, or kind: HTTPRoute'));
  });
  for (const field of ['filters', 'timeouts'] as const) {
    if (rule[field] !== undefined) problems.push(problem(`${at}.${field}`, why, rule[field], `no ${field}, or kind: HTTPRoute`));
  }
}

/**
 * The matches, filters and timeouts of every rule of `gateway` (`gateways[index]`): see the
 * module comment. Backends and mirrors are checked by gateway-rules.ts and traffic-rules.ts.
 */
export function checkGatewayRouteFilters(gateway: ResolvedGateway, index: number, problems: Problem[]): void {
  const gatewayAt = `gateways[${index}]`;
  gateway.routes.forEach((route, j) =>
    route.rules.forEach((rule, k) => {
      const at = `${gatewayAt}.routes[${j}].rules[${k}]`;
      (rule.matches ?? []).forEach((m, n) => {
        checkValueMatches(`${at}.matches[${n}].headers`, m.headers, problems);
        checkValueMatches(`${at}.matches[${n}].queryParams`, m.queryParams, problems);
      });
      checkKindFields(at, route.kind, rule, problems);
      if (route.kind !== 'HTTPRoute') return;
      checkFilters(at, rule, gateway.className, problems);
      checkTimeouts(at, rule, gateway, gatewayAt, problems);
    }),
  );
}
