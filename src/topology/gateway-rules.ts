/**
 * Topology rules of multi-cluster Gateways: the class and what it takes (addresses, proxy-only
 * subnets, GCPGatewayPolicy fields), route rules (backends exported, weights, mirrors), policies.
 */
import { gatewayClassTraits, MULTI_CLUSTER_GATEWAY_CLASS_NAMES, ProxyOnlyNeed, proxyOnlyNeeds } from './gateway-classes';
import { backendPolicyName, gatewayPolicyName, healthCheckPolicyName } from './gateway-policies';
import { resolveGatewayRouteRule } from './gateway-routes';
import { Problem, problem } from './problems';
import { gkeClusters, ResolvedGateway, ResolvedTopology } from './types';

/** The proxy-only needs of the topology's gateways (see `proxyOnlyNeeds`). */
export function gatewayProxyOnlyNeeds(model: ResolvedTopology): ProxyOnlyNeed[] {
  return proxyOnlyNeeds({ gateways: model.gateways, fleet: model.fleet, gkeClusters: gkeClusters(model) });
}

/** ServiceImports of a namespace: each exported workload as `<name>` and `<name>-<cluster short name>`. */
function serviceImports(model: ResolvedTopology, namespace: string): string[] {
  const shortNames = new Map(model.clusters.map((c) => [c.name, c.shortName]));
  return model.apps
    .filter((app) => app.namespace === namespace)
    .flatMap((app) => app.workloads.filter((w) => w.export))
    .flatMap((w) => [w.name, ...w.clusters.map((c) => `${w.name}-${shortNames.get(c)}`)]);
}

export function checkGatewayDetails(model: ResolvedTopology, problems: Problem[]): void {
  checkClassesAndSubnets(model, problems);
  model.gateways.forEach((gateway, i) => {
    const imports = serviceImports(model, gateway.namespace);
    const expected = imports.length ? `one of ${imports.join(', ')}` : `a workload with export: true in namespace ${gateway.namespace}`;
    const exported = (path: string, backend: string): void => {
      if (!imports.includes(backend)) problems.push(problem(path, 'no exported service has this name', backend, expected));
    };
    checkRouteRules(gateway, `gateways[${i}]`, exported, problems);
    checkPolicies(gateway, `gateways[${i}]`, exported, problems);
  });
  checkPolicyNames(model, problems);
}

function checkClassesAndSubnets(model: ResolvedTopology, problems: Problem[]): void {
  model.gateways.forEach((gateway, i) => {
    const at = `gateways[${i}]`;
    const traits = gatewayClassTraits(gateway.className);
    if (traits === undefined) {
      problems.push(problem(`${at}.className`, 'not a GKE multi-cluster GatewayClass', gateway.className, `one of ${MULTI_CLUSTER_GATEWAY_CLASS_NAMES.join(', ')}`));
      return;
    }
    if (!traits.internalAddresses && gateway.addresses.length > 0) {
      problems.push(problem(`${at}.addresses`, `${gateway.className} takes no regional internal address (its load balancer gets its own IP)`, `${gateway.addresses.length} addresses`, 'no addresses'));
    }
    if (traits.internalAddresses && traits.singleRegion && gateway.addresses.length > 1) {
      problems.push(problem(`${at}.addresses`, `${gateway.className} is a regional load balancer with one frontend`, `${gateway.addresses.length} addresses`, 'at most one address'));
    }
    const policy = gateway.gatewayPolicy;
    if (policy?.allowGlobalAccess !== undefined && !traits.allowGlobalAccess) {
      problems.push(problem(`${at}.gatewayPolicy.allowGlobalAccess`, `global access applies to regional internal gateways only`, gateway.className, 'gke-l7-rilb-mc, or no allowGlobalAccess'));
    }
    if (policy?.region !== undefined && !traits.policyRegion) {
      problems.push(problem(`${at}.gatewayPolicy.region`, `a region applies to regional multi-cluster gateways only`, gateway.className, 'gke-l7-rilb-mc or gke-l7-regional-external-managed-mc, or no region'));
    }
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

function checkRouteRules(gateway: ResolvedGateway, at: string, exported: (path: string, backend: string) => void, problems: Problem[]): void {
  gateway.routes.forEach((route, j) =>
    route.rules.forEach((rule, k) => {
      const r = `${at}.routes[${j}].rules[${k}]`;
      if (rule.pathPrefix !== undefined && rule.matches !== undefined) {
        problems.push(problem(`${r}.matches`, 'a rule matches with pathPrefix or matches, not both', 'both', 'one of them'));
      }
      const single = rule.backend !== undefined || rule.port !== undefined;
      if (single === (rule.backends !== undefined)) {
        problems.push(problem(r, 'a rule sends traffic to backend + port or to backends', single ? 'both' : 'neither', 'exactly one of them'));
        return;
      }
      if (single) {
        if (rule.backend === undefined || rule.port === undefined) {
          problems.push(problem(rule.backend === undefined ? `${r}.backend` : `${r}.port`, 'backend and port go together', undefined, 'both'));
          return;
        }
        exported(`${r}.backend`, rule.backend);
      }
      const resolved = resolveGatewayRouteRule(rule);
      if (rule.backends !== undefined) {
        resolved.backends.forEach((b, b2) => exported(`${r}.backends[${b2}].name`, b.name));
        const weights = resolved.backends.map((b) => b.weight);
        const given = weights.filter((w): w is number => w !== undefined);
        if (given.length > 0 && given.length < weights.length) {
          problems.push(problem(`${r}.backends`, 'some backends have a weight and some not', `${given.length} of ${weights.length} weighted`, 'a weight on every backend, or on none'));
        } else if (given.length > 0) {
          const sum = given.reduce((a, b) => a + b, 0);
          if (sum !== 100) problems.push(problem(`${r}.backends`, 'the weights do not sum to 100', sum, '100'));
        }
      }
      if (resolved.mirror !== undefined) exported(`${r}.mirror.backend`, resolved.mirror.backend);
    }),
  );
}

const PATH_TYPES = ['HTTP', 'HTTPS', 'HTTP2'];

function checkPolicies(gateway: ResolvedGateway, at: string, exported: (path: string, backend: string) => void, problems: Problem[]): void {
  gateway.healthChecks.forEach((check, j) => {
    const h = `${at}.healthChecks[${j}]`;
    exported(`${h}.backend`, check.backend);
    const type = check.type ?? 'HTTP';
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
  gateway.backendPolicies.forEach((policy, j) => {
    const b = `${at}.backendPolicies[${j}]`;
    exported(`${b}.backend`, policy.backend);
    if (policy.sessionAffinity?.cookieTtlSec !== undefined && policy.sessionAffinity.type !== 'GENERATED_COOKIE') {
      problems.push(problem(`${b}.sessionAffinity.cookieTtlSec`, 'a cookie TTL needs cookie affinity', policy.sessionAffinity.type, 'type GENERATED_COOKIE'));
    }
  });
}

/** Names of one policy kind must be unique in a namespace (over every gateway there). */
function checkPolicyNames(model: ResolvedTopology, problems: Problem[]): void {
  const kinds: Array<{ kind: string; names: Array<{ namespace: string; name: string; path: string }> }> = [
    {
      kind: 'HealthCheckPolicy',
      names: model.gateways.flatMap((g, i) => g.healthChecks.map((c, j) => ({ namespace: g.namespace, name: c.name ?? healthCheckPolicyName(c.backend), path: `gateways[${i}].healthChecks[${j}]` }))),
    },
    {
      kind: 'GCPBackendPolicy',
      names: model.gateways.flatMap((g, i) => g.backendPolicies.map((p, j) => ({ namespace: g.namespace, name: p.name ?? backendPolicyName(p.backend), path: `gateways[${i}].backendPolicies[${j}]` }))),
    },
    {
      kind: 'GCPGatewayPolicy',
      names: model.gateways.flatMap((g, i) => (g.gatewayPolicy === undefined ? [] : [{ namespace: g.namespace, name: g.gatewayPolicy.name ?? gatewayPolicyName(g.name), path: `gateways[${i}].gatewayPolicy` }])),
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
