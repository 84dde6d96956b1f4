/**
 * Topology rules of GKE Gateways: the class and what it takes (cluster, addresses, proxy-only
 * subnets, GCPGatewayPolicy fields, GRPCRoutes), route rules (backends exported, or running in a
 * single-cluster gateway's cluster; weights, mirrors, gRPC matches), policies (Cloud Armor, IAP).
 */
import { GatewayClassScope, GatewayClassTraits, gatewayClassTraits, GATEWAY_CLASS_NAMES, gatewayClassesWhere, ProxyOnlyNeed, proxyOnlyNeeds } from '../model/gateway-classes';
import { backendPolicyName, GatewayBackendPolicyInput, gatewayPolicyName, healthCheckPolicyName } from '../model/gateway-policies';
import { resolveGatewayRouteRule, resolveGrpcMethodMatch } from '../model/gateway-routes';
import { GATEWAY_MAX_ADDRESSES, GRPCROUTE_MAX_MATCHES, HTTPROUTE_MAX_RULES } from './predicates';
import { Problem, problem } from './problems';
import { hasVersionSplit, versionSplitOf } from '../resolve/traffic-split';
import { checkGrpcMethod } from './route-rules';
import { checkGatewayRouteFilters } from './gateway-route-rules';
import { gkeClusters, ResolvedGateway, ResolvedTopology, RouteKind, RouteRuleInput } from '../model/types';

/** The proxy-only needs of the topology's gateways (see `proxyOnlyNeeds`). */
export function gatewayProxyOnlyNeeds(model: ResolvedTopology): ProxyOnlyNeed[] {
  return proxyOnlyNeeds({ gateways: model.gateways, fleet: model.fleet, gkeClusters: gkeClusters(model) });
}

/**
 * ServiceImports of a namespace and the one port each exposes (the exported Service's port):
 * each exported workload as `<name>` and `<name>-<cluster short name>`, and one that declares
 * versions as `<name>-<version>` too.
 */
function serviceImports(model: ResolvedTopology, namespace: string): Map<string, number | undefined> {
  const shortNames = new Map(model.clusters.map((c) => [c.name, c.shortName]));
  return new Map(
    model.apps
      .filter((app) => app.namespace === namespace)
      .flatMap((app) => app.workloads.filter((w) => w.export))
      .flatMap((w) =>
        [w.name, ...w.clusters.map((c) => `${w.name}-${shortNames.get(c)}`), ...(hasVersionSplit(w) ? versionSplitOf(w).map((v) => `${w.name}-${v.version}`) : [])].map(
          (name) => [name, w.servicePort] as const,
        ),
      ),
  );
}

/** Values used twice in a list, reported at each later use. */
function checkUnique(values: readonly string[], pathOf: (i: number) => string, what: string, why: string, problems: Problem[]): void {
  const first = new Map<string, number>();
  values.forEach((value, i) => {
    const earlier = first.get(value);
    if (earlier !== undefined) problems.push(problem(pathOf(i), `duplicate ${what}${why}, already used by ${pathOf(earlier)}`, value, `an ${what} of its own`));
    else first.set(value, i);
  });
}

/** A path the Gateway API refuses: it must not hold `//`. */
function checkGatewayPath(path: string, value: string | undefined, problems: Problem[]): void {
  if (value !== undefined && value.includes('//')) problems.push(problem(path, 'not a normalized path', value, 'an absolute path without //, such as /west'));
}

/**
 * What one gateway's objects need to be written: unique address regions, route names and
 * policy backends, Gateway API list limits, paths without `//`: the objects are written without further checks.
 */
function checkGatewayLimits(gateway: ResolvedGateway, at: string, problems: Problem[]): void {
  if (gateway.addresses.length > GATEWAY_MAX_ADDRESSES) {
    problems.push(problem(`${at}.addresses`, `a Gateway has at most ${GATEWAY_MAX_ADDRESSES} addresses`, gateway.addresses.length, `at most ${GATEWAY_MAX_ADDRESSES}`));
  }
  checkUnique(
    gateway.addresses.map((a) => a.region),
    (j) => `${at}.addresses[${j}].region`,
    'address region',
    ' (one frontend address per region)',
    problems,
  );
  checkUnique(
    gateway.routes.map((r) => r.name),
    (j) => `${at}.routes[${j}].name`,
    'HTTPRoute name',
    '',
    problems,
  );
  gateway.routes.forEach((route, j) => {
    if (route.rules.length > HTTPROUTE_MAX_RULES) {
      problems.push(problem(`${at}.routes[${j}].rules`, `an HTTPRoute has at most ${HTTPROUTE_MAX_RULES} rules`, route.rules.length, `at most ${HTTPROUTE_MAX_RULES}`));
    }
    route.rules.forEach((rule, k) => {
      const r = `${at}.routes[${j}].rules[${k}]`;
      checkGatewayPath(`${r}.pathPrefix`, rule.pathPrefix, problems);
      (rule.matches ?? []).forEach((m, n) => checkGatewayPath(`${r}.matches[${n}].path.value`, m.path?.value, problems));
    });
  });
  checkUnique(
    gateway.healthChecks.map((c) => c.backend),
    (j) => `${at}.healthChecks[${j}].backend`,
    'health check backend',
    ' (one HealthCheckPolicy per ServiceImport)',
    problems,
  );
  checkUnique(
    gateway.backendPolicies.map((p) => p.backend),
    (j) => `${at}.backendPolicies[${j}].backend`,
    'backend policy backend',
    ' (one GCPBackendPolicy per ServiceImport)',
    problems,
  );
}

/**
 * Services of a namespace that a single-cluster gateway in `cluster` reaches, and the port each
 * exposes: the workloads with a port that run in the cluster (each has its Service `<name>` there).
 */
function clusterServices(model: ResolvedTopology, namespace: string, cluster: string): Map<string, number | undefined> {
  return new Map(
    model.apps
      .filter((app) => app.namespace === namespace)
      .flatMap((app) => app.workloads.filter((w) => w.port !== undefined && w.clusters.includes(cluster)))
      .map((w) => [w.name, w.servicePort] as const),
  );
}

/**
 * What a gateway's routes and policies may name: ServiceImports (multi-cluster class) or its
 * cluster's Services (single-cluster class); undefined while a single-cluster gateway's cluster is unknown.
 */
function backendsOf(
  model: ResolvedTopology,
  gateway: ResolvedGateway,
  namespace: string | undefined,
): { kind: string; ports: Map<string, number | undefined>; missing: string; none: string } | undefined {
  const ns = namespace ?? gateway.namespace;
  const where = namespace === undefined ? '' : ` of namespace ${ns}`;
  if (gatewayClassTraits(gateway.className)?.scope === 'single-cluster') {
    // Without its GKE cluster the backends are unknown: checkGatewayCluster reports the cluster.
    if (gateway.cluster === undefined || !gkeClusters(model).some((c) => c.name === gateway.cluster)) return undefined;
    return {
      kind: 'Service',
      ports: clusterServices(model, ns, gateway.cluster),
      missing: `no workload with a port${where} runs in cluster ${gateway.cluster} under this name`,
      none: `a workload with a port in namespace ${ns} running in cluster ${gateway.cluster}`,
    };
  }
  return {
    kind: 'ServiceImport',
    ports: serviceImports(model, ns),
    missing: `no exported service${where} has this name`,
    none: `a workload with export: true in namespace ${ns}`,
  };
}

export function checkGatewayDetails(model: ResolvedTopology, problems: Problem[]): void {
  checkClassesAndSubnets(model, problems);
  model.gateways.forEach((gateway, i) => {
    // A backend in another namespace (`namespace`) is a Service of an app there (exported, for a
    // multi-cluster class): the ReferenceGrant meshfleet writes in that namespace lets the routes reach it.
    const exported = (path: string, backend: string, namespace: string | undefined): void => {
      const backends = backendsOf(model, gateway, namespace);
      if (backends === undefined || backends.ports.has(backend)) return;
      const names = [...backends.ports.keys()];
      problems.push(problem(path, backends.missing, namespace === undefined ? backend : `${namespace}/${backend}`, names.length ? `one of ${names.join(', ')}` : backends.none));
    };
    const exposes = (path: string, backend: string, port: number, namespace: string | undefined): void => {
      const backends = backendsOf(model, gateway, namespace);
      if (backends === undefined) return;
      const servicePort = backends.ports.get(backend);
      if (servicePort !== undefined && servicePort !== port) problems.push(problem(path, `${backends.kind} ${backend} does not expose this port`, port, String(servicePort)));
    };
    checkGatewayLimits(gateway, `gateways[${i}]`, problems);
    checkRouteRules(gateway, `gateways[${i}]`, exported, problems);
    checkGatewayRouteFilters(gateway, i, problems);
    checkRoutePorts(gateway, `gateways[${i}]`, exposes);
    checkPolicies(gateway, `gateways[${i}]`, (path, backend) => exported(path, backend, undefined), problems);
  });
  checkPolicyNames(model, problems);
}

function checkClassesAndSubnets(model: ResolvedTopology, problems: Problem[]): void {
  model.gateways.forEach((gateway, i) => {
    const at = `gateways[${i}]`;
    const traits = gatewayClassTraits(gateway.className);
    if (traits === undefined) {
      problems.push(problem(`${at}.className`, 'not a GKE GatewayClass', gateway.className, `one of ${GATEWAY_CLASS_NAMES.join(', ')}`));
      return;
    }
    checkGatewayCluster(model, gateway, at, traits.scope, problems);
    if (!traits.internalAddresses && gateway.addresses.length > 0) {
      problems.push(
        problem(
          `${at}.addresses`,
          `${gateway.className} takes no regional internal address (its load balancer gets its own IP)`,
          `${gateway.addresses.length} addresses`,
          'no addresses',
        ),
      );
    }
    if (traits.internalAddresses && traits.singleRegion && gateway.addresses.length > 1) {
      problems.push(
        problem(`${at}.addresses`, `${gateway.className} is a regional load balancer with one frontend`, `${gateway.addresses.length} addresses`, 'at most one address'),
      );
    }
    const policy = gateway.gatewayPolicy;
    if (policy?.allowGlobalAccess !== undefined && !traits.allowGlobalAccess) {
      problems.push(
        problem(
          `${at}.gatewayPolicy.allowGlobalAccess`,
          `global access applies to regional internal gateways only`,
          gateway.className,
          `${classesWith((t) => t.allowGlobalAccess)}, or no allowGlobalAccess`,
        ),
      );
    }
    if (policy?.region !== undefined && !traits.policyRegion) {
      problems.push(
        problem(
          `${at}.gatewayPolicy.region`,
          `a region applies to regional multi-cluster gateways only`,
          gateway.className,
          'gke-l7-rilb-mc or gke-l7-regional-external-managed-mc, or no region',
        ),
      );
    }
    gateway.routes.forEach((route, j) => {
      if (route.kind !== 'GRPCRoute' || traits.grpcRoute) return;
      const supporting = gatewayClassesWhere((t) => t.grpcRoute);
      const expected =
        supporting.length > 0 ? `HTTPRoute, or a class that takes GRPCRoutes (${supporting.join(', ')})` : 'HTTPRoute (no GKE multi-cluster GatewayClass takes GRPCRoutes yet)';
      problems.push(problem(`${at}.routes[${j}].kind`, `GatewayClass ${gateway.className} does not support GRPCRoute (GKE's Gateway controller)`, route.kind, expected));
    });
  });

  const proxyRegions = model.regions.filter((r) => r.proxyOnlySubnet !== undefined).map((r) => r.name);
  const needs = gatewayProxyOnlyNeeds(model);
  for (const need of needs) {
    if (!proxyRegions.includes(need.region)) {
      problems.push(problem(need.path, `${need.why} has no proxy-only subnet`, need.region, `a regions entry { name: ${need.region}, proxyOnlySubnet: <unused /23> }`));
    }
  }
  // meshfleet declares one proxy-only subnet per region (name <region>-proxy-only-subnet); GCP
  // allows one active subnet per purpose, but not two of meshfleet's in one region.
  model.regions.forEach((region, k) => {
    const here = needs.filter((n) => n.region === region.name && region.proxyOnlySubnet !== undefined);
    const regional = here.find((n) => n.purpose === 'REGIONAL_MANAGED_PROXY');
    const global = here.find((n) => n.purpose === 'GLOBAL_MANAGED_PROXY');
    if (regional !== undefined && global !== undefined) {
      problems.push(
        problem(
          `regions[${k}].proxyOnlySubnet`,
          `gateways[${regional.gateway}] needs a REGIONAL_MANAGED_PROXY subnet here and gateways[${global.gateway}] a GLOBAL_MANAGED_PROXY one; meshfleet declares one proxy-only subnet per region`,
          region.name,
          'regional and cross-regional gateways in different regions',
        ),
      );
    }
  });
}

/**
 * Where the Gateway lives: a single-cluster class needs `cluster`, a GKE cluster of the topology,
 * and its regional frontend in that cluster's region; a multi-cluster class takes no `cluster`.
 */
function checkGatewayCluster(model: ResolvedTopology, gateway: ResolvedGateway, at: string, scope: GatewayClassScope, problems: Problem[]): void {
  const gke = gkeClusters(model);
  const names = gke.map((c) => c.name);
  if (scope === 'multi-cluster') {
    if (gateway.cluster !== undefined) {
      const single = gatewayClassesWhere((t) => t.scope === 'single-cluster');
      problems.push(
        problem(
          `${at}.cluster`,
          `${gateway.className} is a multi-cluster GatewayClass: its Gateway lives in the fleet config cluster`,
          gateway.cluster,
          `no cluster, or a single-cluster class (${single.join(', ')})`,
        ),
      );
    }
    return;
  }
  const expected = names.length ? `one of ${names.join(', ')}` : 'a GKE cluster of the topology';
  if (gateway.cluster === undefined) {
    problems.push(problem(`${at}.cluster`, `${gateway.className} is a single-cluster GatewayClass: its Gateway lives in one cluster`, undefined, expected));
    return;
  }
  const cluster = gke.find((c) => c.name === gateway.cluster);
  if (cluster === undefined) {
    problems.push(problem(`${at}.cluster`, 'not a GKE cluster of the topology', gateway.cluster, expected));
    return;
  }
  gateway.addresses.forEach((a, j) => {
    if (a.region !== cluster.region) {
      problems.push(problem(`${at}.addresses[${j}].region`, `the load balancer of a single-cluster gateway is in the region of cluster ${cluster.name}`, a.region, cluster.region));
    }
  });
}

function checkRouteRules(gateway: ResolvedGateway, at: string, exported: (path: string, backend: string, namespace: string | undefined) => void, problems: Problem[]): void {
  gateway.routes.forEach((route, j) =>
    route.rules.forEach((rule, k) => {
      const r = `${at}.routes[${j}].rules[${k}]`;
      checkRouteKindFields(route.kind, r, rule, problems);
      if (rule.pathPrefix !== undefined && rule.matches !== undefined) {
        problems.push(problem(`${r}.matches`, 'a rule matches with pathPrefix or matches, not both', 'both', 'one of them'));
      }
      const single = rule.backend !== undefined || rule.port !== undefined;
      const redirects = (rule.filters ?? []).some((f) => f.type === 'RequestRedirect');
      if (redirects && !single && rule.backends === undefined) return;
      if (single === (rule.backends !== undefined)) {
        problems.push(problem(r, 'a rule sends traffic to backend + port or to backends', single ? 'both' : 'neither', 'exactly one of them'));
        return;
      }
      if (single) {
        if (rule.backend === undefined || rule.port === undefined) {
          problems.push(problem(rule.backend === undefined ? `${r}.backend` : `${r}.port`, 'backend and port go together', undefined, 'both'));
          return;
        }
        exported(`${r}.backend`, rule.backend, undefined);
      }
      const resolved = resolveGatewayRouteRule(rule);
      if (rule.backends !== undefined) {
        resolved.backends.forEach((b, b2) => exported(`${r}.backends[${b2}].${b.namespace === undefined ? 'name' : 'namespace'}`, b.name, b.namespace));
        const weights = resolved.backends.map((b) => b.weight);
        const given = weights.filter((w): w is number => w !== undefined);
        if (given.length > 0 && given.length < weights.length) {
          problems.push(
            problem(`${r}.backends`, 'some backends have a weight and some not', `${given.length} of ${weights.length} weighted`, 'a weight on every backend, or on none'),
          );
        } else if (given.length > 0) {
          const sum = given.reduce((a, b) => a + b, 0);
          if (sum !== 100) problems.push(problem(`${r}.backends`, 'the weights do not sum to 100', sum, '100'));
        }
      }
      if (resolved.mirror !== undefined)
        exported(`${r}.mirror.${resolved.mirror.namespace === undefined ? 'backend' : 'namespace'}`, resolved.mirror.backend, resolved.mirror.namespace);
    }),
  );
}

/** The match fields of a rule that its route kind takes: paths for an HTTPRoute, gRPC methods for a GRPCRoute. */
function checkRouteKindFields(kind: RouteKind, r: string, rule: RouteRuleInput, problems: Problem[]): void {
  const matches = rule.matches ?? [];
  if (kind === 'HTTPRoute') {
    matches.forEach((m, n) => {
      if (m.method !== undefined && typeof m.method !== 'string') {
        problems.push(problem(`${r}.matches[${n}].method`, 'a gRPC method match belongs to a GRPCRoute', m.method, 'an HTTP method such as GET, or kind: GRPCRoute'));
      }
    });
    return;
  }
  const why = 'a GRPCRoute matches on the gRPC method and headers';
  if (rule.pathPrefix !== undefined) problems.push(problem(`${r}.pathPrefix`, why, rule.pathPrefix, 'no pathPrefix (matches: [{ method: { service, method } }] instead)'));
  matches.forEach((m, n) => {
    if (m.path !== undefined) problems.push(problem(`${r}.matches[${n}].path`, why, m.path, 'no path (method: { service, method } instead)'));
    if (typeof m.method === 'string')
      problems.push(problem(`${r}.matches[${n}].method`, why, m.method, '{ service, method }, e.g. { service: helloworld.Greeter, method: SayHello }'));
    else if (m.method !== undefined) checkGrpcMethod(`${r}.matches[${n}].method`, resolveGrpcMethodMatch(m.method), problems);
  });
  if (matches.length > GRPCROUTE_MAX_MATCHES) {
    problems.push(problem(`${r}.matches`, `a GRPCRoute rule has at most ${GRPCROUTE_MAX_MATCHES} matches`, matches.length, `at most ${GRPCROUTE_MAX_MATCHES}`));
  }
}

/** Ports of route backends and mirrors: the one port their ServiceImport exposes. */
function checkRoutePorts(gateway: ResolvedGateway, at: string, exposes: (path: string, backend: string, port: number, namespace: string | undefined) => void): void {
  gateway.routes.forEach((route, j) =>
    route.rules.forEach((rule, k) => {
      const r = `${at}.routes[${j}].rules[${k}]`;
      if (rule.backend !== undefined && rule.port !== undefined) exposes(`${r}.port`, rule.backend, rule.port, undefined);
      (rule.backends ?? []).forEach((b, n) => exposes(`${r}.backends[${n}].port`, b.name, b.port, b.namespace));
      if (rule.mirror !== undefined) exposes(`${r}.mirror.port`, rule.mirror.backend, rule.mirror.port, rule.mirror.namespace);
    }),
  );
}

const PATH_TYPES = ['HTTP', 'HTTPS', 'HTTP2'];

function checkPolicies(gateway: ResolvedGateway, at: string, exported: (path: string, backend: string) => void, problems: Problem[]): void {
  gateway.healthChecks.forEach((check, j) => {
    const h = `${at}.healthChecks[${j}]`;
    exported(`${h}.backend`, check.backend);
    const type = check.type;
    if (PATH_TYPES.includes(type) && check.path === undefined) {
      problems.push(problem(`${h}.path`, `an ${type} health check needs a request path`, undefined, 'a path such as /health'));
    }
    if (!PATH_TYPES.includes(type)) {
      for (const key of ['path', 'host'] as const) {
        if (check[key] !== undefined) problems.push(problem(`${h}.${key}`, `a ${type} health check sends no HTTP request`, check[key], `no ${key}, or type HTTP, HTTPS or HTTP2`));
      }
    }
    if (check.timeoutSec !== undefined && check.checkIntervalSec !== undefined && check.timeoutSec > check.checkIntervalSec) {
      problems.push(problem(`${h}.timeoutSec`, 'the timeout exceeds the check interval', check.timeoutSec, `at most checkIntervalSec (${check.checkIntervalSec})`));
    }
  });
  const traits = gatewayClassTraits(gateway.className);
  gateway.backendPolicies.forEach((policy, j) => {
    const b = `${at}.backendPolicies[${j}]`;
    exported(`${b}.backend`, policy.backend);
    if (traits !== undefined) checkBackendPolicyClass(gateway.className, traits, policy, b, problems);
    const iap = policy.iap;
    if (iap?.enabled === true) {
      if (iap.clientID === undefined)
        problems.push(problem(`${b}.iap.clientID`, 'Identity-Aware Proxy needs the OAuth client ID', undefined, 'the client ID, e.g. 123-abc.apps.googleusercontent.com'));
      if (iap.oauth2ClientSecret === undefined) {
        problems.push(
          problem(`${b}.iap.oauth2ClientSecret`, 'Identity-Aware Proxy needs the OAuth client secret', undefined, `{ name: <Secret in namespace ${gateway.namespace}> }`),
        );
      }
    }
    if (policy.sessionAffinity?.cookieTtlSec !== undefined && policy.sessionAffinity.type !== 'GENERATED_COOKIE') {
      problems.push(problem(`${b}.sessionAffinity.cookieTtlSec`, 'a cookie TTL needs cookie affinity', policy.sessionAffinity.type, 'type GENERATED_COOKIE'));
    }
  });
}

/** The classes (table order) with a trait, for messages. */
function classesWith(trait: (t: GatewayClassTraits) => boolean): string {
  return gatewayClassesWhere(trait).join(', ');
}

/** GCPBackendPolicy settings the class's load balancer takes: Cloud Armor, IAP, a rate per endpoint (single-cluster only). */
function checkBackendPolicyClass(className: string, traits: GatewayClassTraits, policy: GatewayBackendPolicyInput, b: string, problems: Problem[]): void {
  if (policy.securityPolicy !== undefined && !traits.cloudArmor) {
    problems.push(
      problem(
        `${b}.securityPolicy`,
        `GatewayClass ${className} has no Cloud Armor (GKE attaches security policies to the external load balancers only)`,
        policy.securityPolicy,
        `no securityPolicy, or ${classesWith((t) => t.cloudArmor)}`,
      ),
    );
  }
  if (policy.iap !== undefined && !traits.iap) {
    problems.push(problem(`${b}.iap`, `GatewayClass ${className} does not take Identity-Aware Proxy`, className, `no iap, or ${classesWith((t) => t.iap)}`));
  }
  if (policy.maxRatePerEndpoint !== undefined && traits.scope !== 'single-cluster') {
    problems.push(
      problem(
        `${b}.maxRatePerEndpoint`,
        `a multi-cluster Gateway takes capacity from the exported Service's annotation networking.gke.io/max-rate-per-endpoint, not from a GCPBackendPolicy`,
        policy.maxRatePerEndpoint,
        `no maxRatePerEndpoint, or a single-cluster class (${classesWith((t) => t.scope === 'single-cluster')})`,
      ),
    );
  }
}

/** Names of one policy kind must be unique in a namespace (over every gateway there). */
function checkPolicyNames(model: ResolvedTopology, problems: Problem[]): void {
  const kinds: Array<{ kind: string; names: Array<{ namespace: string; name: string; path: string }> }> = [
    {
      kind: 'HealthCheckPolicy',
      names: model.gateways.flatMap((g, i) =>
        g.healthChecks.map((c, j) => ({ namespace: g.namespace, name: c.name ?? healthCheckPolicyName(c.backend), path: `gateways[${i}].healthChecks[${j}]` })),
      ),
    },
    {
      kind: 'GCPBackendPolicy',
      names: model.gateways.flatMap((g, i) =>
        g.backendPolicies.map((p, j) => ({ namespace: g.namespace, name: p.name ?? backendPolicyName(p.backend), path: `gateways[${i}].backendPolicies[${j}]` })),
      ),
    },
    {
      kind: 'GCPGatewayPolicy',
      names: model.gateways.flatMap((g, i) =>
        g.gatewayPolicy === undefined ? [] : [{ namespace: g.namespace, name: g.gatewayPolicy.name ?? gatewayPolicyName(g.name), path: `gateways[${i}].gatewayPolicy` }],
      ),
    },
  ];
  for (const { kind, names } of kinds) {
    names.forEach((later, k) => {
      const earlier = names.slice(0, k).find((n) => n.namespace === later.namespace && n.name === later.name);
      if (earlier !== undefined) {
        problems.push(problem(`${later.path}.name`, `${kind} name already used in namespace ${later.namespace} by ${earlier.path}`, later.name, 'a name of its own (set name)'));
      }
    });
  }
}
