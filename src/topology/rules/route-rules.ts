import { GRPC_METHOD_RE, GRPC_SERVICE_RE, GRPCROUTE_MAX_MATCHES, HTTPROUTE_MAX_MATCHES, HTTPROUTE_MAX_RULES, re2Error } from './predicates';
import { Problem, problem } from './problems';
import { checkFault } from './traffic-policy-rules';
import { hasVersionSplit, versionSplitOf } from '../resolve/traffic-split';
import { ResolvedApp, ResolvedGrpcMethodMatch, ResolvedMeshRouteRule, ResolvedTopology, ResolvedWorkload, RouteKind, ValueMatchInput } from '../model/types';

/** A duration both Istio and Gateway API take: whole seconds or milliseconds, e.g. `5s`, `500ms`. */
export const ROUTE_DURATION = /^[0-9]{1,5}(s|ms)$/;

/** An RE2 regular expression at `path` (Envoy's and GKE's syntax). */
export function checkRegex(path: string, value: string, problems: Problem[]): void {
  const error = re2Error(value);
  if (error !== undefined) {
    problems.push(problem(path, `not an RE2 regular expression: ${error}`, value, 'an RE2 regular expression, the syntax Envoy and GKE take (no lookaround, no backreference)'));
  }
}

/** Path forms Gateway API refuses in Exact and PathPrefix matches, which no normalized request path has either. */
const UNNORMALIZED_PATH = /\/\/|\/\.\.?(\/|$)|%2f|#/i;

function checkDuration(path: string, value: string | undefined, problems: Problem[]): void {
  if (value === undefined) return;
  if (!ROUTE_DURATION.test(value) || /^0+(s|ms)$/.test(value)) {
    problems.push(problem(path, 'not a duration', value, 'a positive duration in s or ms such as 5s or 500ms'));
  }
}

function checkValueMatches(at: string, matches: ReadonlyArray<Required<ValueMatchInput>>, problems: Problem[]): void {
  matches.forEach((m, k) => {
    if (m.type === 'RegularExpression') checkRegex(`${at}[${k}].value`, m.value, problems);
  });
}

/**
 * A GRPCRoute method match (`matches[].method`) at `path`: the service and/or method, in the
 * characters Gateway API takes for an exact match, or RE2 regular expressions.
 */
export function checkGrpcMethod(path: string, m: ResolvedGrpcMethodMatch, problems: Problem[]): void {
  if (m.service === undefined && m.method === undefined) {
    problems.push(problem(path, 'a gRPC method match names the service, the method or both', m, '{ service, method }, e.g. { service: helloworld.Greeter, method: SayHello }'));
    return;
  }
  if (m.type === 'RegularExpression') {
    if (m.service !== undefined) checkRegex(`${path}.service`, m.service, problems);
    if (m.method !== undefined) checkRegex(`${path}.method`, m.method, problems);
    return;
  }
  if (m.service !== undefined && !GRPC_SERVICE_RE.test(m.service)) {
    problems.push(problem(`${path}.service`, 'not a gRPC service name', m.service, 'a fully qualified service such as helloworld.Greeter (letters, digits, _ and dots)'));
  }
  if (m.method !== undefined && !GRPC_METHOD_RE.test(m.method)) {
    problems.push(problem(`${path}.method`, 'not a gRPC method name', m.method, 'a method name such as SayHello (letters, digits and _)'));
  }
}

/** What a GRPCRoute rule cannot hold (Gateway API v1.2 standard): paths, query parameters, HTTP methods, redirects, rewrites, timeouts, retries. */
function checkGrpcRule(at: string, rule: ResolvedMeshRouteRule, problems: Problem[]): void {
  const why = 'a GRPCRoute matches on the gRPC method and headers';
  rule.matches.forEach((m, k) => {
    const match = `${at}.matches[${k}]`;
    if (m.path !== undefined) problems.push(problem(`${match}.path`, why, m.path, 'no path (method: { service, method } instead)'));
    if (m.queryParams.length > 0) problems.push(problem(`${match}.queryParams`, why, m.queryParams, 'no queryParams'));
    if (typeof m.method === 'string') problems.push(problem(`${match}.method`, why, m.method, '{ service, method }, e.g. { service: helloworld.Greeter, method: SayHello }'));
    else if (m.method !== undefined) checkGrpcMethod(`${match}.method`, m.method, problems);
  });
  if (rule.matches.length > GRPCROUTE_MAX_MATCHES) {
    problems.push(problem(`${at}.matches`, `a GRPCRoute rule has at most ${GRPCROUTE_MAX_MATCHES} matches`, rule.matches.length, `at most ${GRPCROUTE_MAX_MATCHES}`));
  }
  const filters = 'GRPCRoute rules (Gateway API v1.2 standard) have header modifiers and a mirror only';
  for (const field of ['redirect', 'rewrite', 'timeout', 'retries'] as const) {
    if (rule[field] !== undefined) problems.push(problem(`${at}.${field}`, filters, rule[field], `no ${field}, or kind: HTTPRoute`));
  }
  if (rule.mirror !== undefined && rule.mirror.percent !== 100) {
    problems.push(problem(`${at}.mirror.percent`, 'Gateway API v1.2 standard GRPCRoutes mirror every request', rule.mirror.percent, '100'));
  }
}

/** Fields of a rule that one routing mode cannot write, with why. */
function checkExpressible(at: string, rule: ResolvedMeshRouteRule, routing: 'istio' | 'gateway-api', problems: Problem[]): void {
  if (routing !== 'gateway-api') return;
  if (rule.mirror !== undefined && rule.mirror.percent !== 100) {
    problems.push(
      problem(
        `${at}.mirror.percent`,
        'Gateway API v1.2 standard HTTPRoutes mirror every request (percent is experimental before v1.3)',
        rule.mirror.percent,
        '100, or routing: istio',
      ),
    );
  }
  if (rule.retries !== undefined) {
    problems.push(problem(`${at}.retries`, 'Gateway API v1.2 standard HTTPRoutes have no retry (experimental channel only)', rule.retries, 'no retries, or routing: istio'));
  }
  if (rule.rewrite?.pathPrefix !== undefined) {
    const why = 'an HTTPRoute rewrites a path prefix only after exactly one match, by PathPrefix (ReplacePrefixMatch)';
    if (rule.matches.length !== 1) problems.push(problem(`${at}.matches`, why, rule.matches.length === 0 ? undefined : rule.matches, 'one match with a PathPrefix path'));
    else if (rule.matches[0].path?.type !== 'PathPrefix') problems.push(problem(`${at}.matches[0].path`, why, rule.matches[0].path, 'a PathPrefix path'));
  }
  const total = rule.matches.length;
  if (total > HTTPROUTE_MAX_MATCHES)
    problems.push(problem(`${at}.matches`, `an HTTPRoute rule has at most ${HTTPROUTE_MAX_MATCHES} matches`, total, `at most ${HTTPROUTE_MAX_MATCHES}`));
}

function checkRule(at: string, rule: ResolvedMeshRouteRule, w: ResolvedWorkload, routing: 'istio' | 'gateway-api', kind: RouteKind, problems: Problem[]): void {
  const versions = versionSplitOf(w).map((s) => s.version);
  const expected = versions.length ? `one of ${versions.join(', ')}` : `a version of workload ${w.name} (it has none)`;
  const ports = [w.servicePort, ...w.extraPorts.map((p) => p.servicePort)].filter((p): p is number => p !== undefined);

  if (kind === 'GRPCRoute') checkGrpcRule(at, rule, problems);
  rule.matches.forEach((m, k) => {
    if (kind === 'GRPCRoute') {
      checkValueMatches(`${at}.matches[${k}].headers`, m.headers, problems);
      return;
    }
    if (m.method !== undefined && typeof m.method !== 'string') {
      problems.push(problem(`${at}.matches[${k}].method`, 'an HTTPRoute matches an HTTP method', m.method, 'an HTTP method such as GET, or kind: GRPCRoute'));
    }
    if (m.path?.type === 'RegularExpression') checkRegex(`${at}.matches[${k}].path.value`, m.path.value, problems);
    else if (m.path !== undefined && !m.path.value.startsWith('/')) {
      problems.push(problem(`${at}.matches[${k}].path.value`, 'a path starts with /', m.path.value, 'a path such as /api'));
    } else if (m.path !== undefined && UNNORMALIZED_PATH.test(m.path.value)) {
      problems.push(problem(`${at}.matches[${k}].path.value`, 'not a normalized path', m.path.value, 'a path without //, /./, /../, %2F or #, not ending in /. or /..'));
    }
    checkValueMatches(`${at}.matches[${k}].headers`, m.headers, problems);
    m.headers.forEach((h, n) => {
      if (routing === 'istio' && h.name !== h.name.toLowerCase()) {
        problems.push(problem(`${at}.matches[${k}].headers[${n}].name`, 'Istio matches header names in lower case', h.name, h.name.toLowerCase()));
      }
    });
    checkValueMatches(`${at}.matches[${k}].queryParams`, m.queryParams, problems);
  });

  rule.backends.forEach((b, k) => {
    if (b.version !== undefined && !versions.includes(b.version)) {
      problems.push(problem(`${at}.backends[${k}].version`, `service ${w.name} has no such version`, b.version, expected));
    }
    if (b.port !== undefined && !ports.includes(b.port)) {
      problems.push(problem(`${at}.backends[${k}].port`, `service ${w.name} has no such port`, b.port, `one of ${ports.join(', ')}`));
    }
    if (b.weight !== undefined && (b.weight < 0 || b.weight > 100)) {
      problems.push(problem(`${at}.backends[${k}].weight`, 'a weight is a percent', b.weight, 'an integer from 0 to 100'));
    }
  });
  const weights = rule.backends.map((b) => b.weight);
  if (weights.some((x) => x !== undefined)) {
    const missing = weights.findIndex((x) => x === undefined);
    const sum = weights.reduce<number>((a, x) => a + (x ?? 0), 0);
    if (missing >= 0) problems.push(problem(`${at}.backends[${missing}].weight`, 'weights are given on every backend of a rule or on none', undefined, 'a weight'));
    else if (sum !== 100) problems.push(problem(`${at}.backends`, 'the weights of a rule sum to 100', sum, '100'));
  }

  if (rule.mirror !== undefined) {
    if (!versions.includes(rule.mirror.version)) {
      problems.push(problem(`${at}.mirror.version`, `a mirror to a missing backend: service ${w.name} has no such version`, rule.mirror.version, expected));
    }
    if (rule.backends.length > 0 && rule.backends.every((b) => b.version === rule.mirror!.version)) {
      problems.push(
        problem(
          `${at}.mirror.version`,
          `a mirror to the rule's own backend: version ${rule.mirror.version} would get every request twice (the original and its copy)`,
          rule.mirror.version,
          `another version than the rule sends to (${versions.filter((v) => v !== rule.mirror!.version).join(', ') || 'none left'}), or no mirror`,
        ),
      );
    }
    if (rule.mirror.percent < 0 || rule.mirror.percent > 100) {
      problems.push(problem(`${at}.mirror.percent`, 'percent out of range', rule.mirror.percent, 'a number from 0 to 100'));
    }
  }
  if (rule.redirect !== undefined && (rule.backends.length > 0 || rule.mirror !== undefined || rule.rewrite !== undefined)) {
    problems.push(problem(`${at}.redirect`, 'a redirect answers the request itself: it takes no backends, mirror or rewrite', rule.redirect, 'a redirect alone, or no redirect'));
  }
  checkDuration(`${at}.timeout`, rule.timeout, problems);
  checkDuration(`${at}.retries.perTryTimeout`, rule.retries?.perTryTimeout, problems);
  checkFault(`${at}.fault`, rule.fault, routing, problems);
  if (kind === 'HTTPRoute') checkExpressible(at, rule, routing, problems);
}

function checkAppRoutes(model: ResolvedTopology, app: ResolvedApp, i: number, problems: Problem[]): void {
  const services = app.workloads.filter((w) => w.port !== undefined);
  const seen = new Map<string, number>();
  const names = new Map<string, number>();
  app.routes.forEach((route, j) => {
    const at = `apps[${i}].routes[${j}]`;
    if (model.mesh === undefined) {
      problems.push(problem(at, 'in-mesh routes need a mesh', route.service, 'a mesh, or no routes'));
      return;
    }
    const earlier = seen.get(route.service);
    if (earlier !== undefined)
      problems.push(problem(`${at}.service`, `apps[${i}].routes[${earlier}] already routes this service (one route per service)`, route.service, 'another service'));
    else seen.set(route.service, j);
    const sameName = names.get(route.name);
    if (sameName !== undefined && earlier === undefined)
      problems.push(problem(`${at}.name`, `duplicate route name, already used by apps[${i}].routes[${sameName}]`, route.name, 'a unique name'));
    else names.set(route.name, j);
    if (route.name !== route.service && app.workloads.some((other) => other.name === route.name)) {
      problems.push(problem(`${at}.name`, 'another workload of the app has this name, and its routing objects would too', route.name, 'a name of its own'));
    }
    const w = services.find((s) => s.name === route.service);
    if (w === undefined) {
      const expected = services.length ? `one of ${services.map((s) => s.name).join(', ')}` : 'a workload of the app with a port';
      problems.push(problem(`${at}.service`, 'the app has no Service with this name', route.service, expected));
      return;
    }
    if (route.kind === 'GRPCRoute' && model.mesh.routing !== 'gateway-api') {
      problems.push(
        problem(`${at}.kind`, 'a GRPCRoute is a Gateway API route (GAMMA): Istio routing writes VirtualServices', route.kind, 'HTTPRoute, or mesh.routing: gateway-api'),
      );
    }
    if (model.mesh.routing === 'gateway-api' && route.rules.length > HTTPROUTE_MAX_RULES) {
      problems.push(problem(`${at}.rules`, `an ${route.kind} has at most ${HTTPROUTE_MAX_RULES} rules`, route.rules.length, `at most ${HTTPROUTE_MAX_RULES} rules`));
    }
    route.rules.forEach((rule, k) => checkRule(`${at}.rules[${k}]`, rule, w, model.mesh!.routing, route.kind, problems));
  });
}

/**
 * In-mesh routes (`apps[].routes`) and `mesh.routing`: references to Services and versions,
 * weights, regular expressions, percents and durations, the fields the chosen routing cannot
 * write, and what a GRPCRoute cannot hold.
 */
export function checkMeshRoutes(model: ResolvedTopology, problems: Problem[]): void {
  const mesh = model.mesh;
  if (mesh?.routing === 'gateway-api' && mesh.istioApiVersion !== 'v1') {
    problems.push(problem('mesh.routing', 'GAMMA routes need Istio 1.22 or later', mesh.version, 'routing: istio, or a mesh version of 1.22 or later'));
  }
  model.apps.forEach((app, i) => {
    checkAppRoutes(model, app, i, problems);
    checkVersionServiceNames(model, app, i, problems);
  });
}

/**
 * The per-version Services `<name>-<version>` (gateway-api routing; an exported workload with
 * versions, whose per-version Services a multi-cluster Gateway reaches) must not take another
 * Service's name, nor an exported workload's per-cluster Service `<name>-<cluster short name>`.
 */
function checkVersionServiceNames(model: ResolvedTopology, app: ResolvedApp, i: number, problems: Problem[]): void {
  const gamma = model.mesh?.routing === 'gateway-api';
  const shortNames = model.clusters.map((c) => c.shortName);
  const taken = app.workloads
    .filter((w) => w.port !== undefined)
    .flatMap((w) => [w.name, ...w.extraServices.map((e) => e.name), ...(w.export ? shortNames.map((s) => `${w.name}-${s}`) : [])]);
  app.workloads.forEach((w, j) => {
    const split = versionSplitOf(w);
    const routed = gamma && (hasVersionSplit(w) || app.routes.some((r) => r.service === w.name));
    if (w.port === undefined || !(routed || (w.export && hasVersionSplit(w)))) return;
    for (const { version } of split) {
      const name = `${w.name}-${version}`;
      if (taken.includes(name)) {
        problems.push(
          problem(
            `apps[${i}].workloads[${j}].name`,
            `meshfleet writes a Service ${name} per version (gateway-api routing, or an exported workload with versions), a name another Service of the app has`,
            w.name,
            'names that do not collide',
          ),
        );
      }
    }
  });
}
