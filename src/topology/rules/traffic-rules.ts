/**
 * Topology rules of the one traffic model: a workload's version weights (and its in-mesh route)
 * apply wherever its traffic enters, or the topology is refused with the reason. In the mesh
 * (Istio, GAMMA) they always do; at a multi-cluster Gateway through per-version ServiceImports
 * where the class can weight and mirror; a MultiClusterIngress cannot weight backends.
 */
import { gatewayClassesWhere, gatewayClassTraits } from '../model/gateway-classes';
import { ResolvedGatewayRouteRule, resolveGatewayRouteRule } from '../model/gateway-routes';
import { Problem, problem } from './problems';
import { hasVersionSplit, versionSplitOf } from '../resolve/traffic-split';
import { ResolvedApp, ResolvedGateway, ResolvedTopology, ResolvedWorkload, RouteRuleInput } from '../model/types';

/** `v1 80%, v2 20%`: a workload's versions and weights, for messages. */
function weightsOf(w: ResolvedWorkload): string {
  return versionSplitOf(w)
    .map((v) => `${v.version} ${v.weight}%`)
    .join(', ');
}

/** The per-version ServiceImports of `w`, for messages: `store-v1, store-v2`. */
function versionImportsOf(w: ResolvedWorkload): string {
  return versionSplitOf(w)
    .map((v) => `${w.name}-${v.version}`)
    .join(', ');
}

/** The exported workloads of `namespace` with their app. */
function exportedIn(model: ResolvedTopology, namespace: string): Array<{ readonly app: ResolvedApp; readonly w: ResolvedWorkload }> {
  return model.apps.filter((app) => app.namespace === namespace).flatMap((app) => app.workloads.filter((w) => w.export && w.port !== undefined).map((w) => ({ app, w })));
}

/** The classes that weight and mirror, for messages. */
function advancedClasses(): string {
  return gatewayClassesWhere((t) => t.advancedTraffic).join(', ');
}

/** Fields of an in-mesh route rule that a multi-cluster Gateway does not apply (it applies matches, weights and mirrors). */
const NOT_AT_GATEWAY = ['requestHeaders', 'responseHeaders', 'redirect', 'rewrite', 'timeout', 'retries', 'fault'] as const;

/**
 * A gateway rule to the ServiceImport of a workload with an in-mesh route (`routes[routeIndex]`
 * of `app`): the Gateway applies the route's rules (matches, weighted versions, mirrors) when
 * the workload is the rule's only backend, without a mirror of the rule's own, the route is an
 * HTTPRoute, its rules hold nothing else, mirror every request, and no pair of matches has two
 * paths. Returns whether the applied rules weight or mirror.
 */
function checkThroughRoute(
  model: ResolvedTopology,
  app: ResolvedApp,
  routeIndex: number,
  input: RouteRuleInput,
  rule: ResolvedGatewayRouteRule,
  backendPath: string,
  problems: Problem[],
): { weighted: boolean; mirrors: boolean } {
  const route = app.routes[routeIndex];
  const at = `apps[${model.apps.indexOf(app)}].routes[${routeIndex}]`;
  const refuse = (why: string, expected: string) =>
    problems.push(problem(backendPath, `${route.service} has an in-mesh route (${at}) that this Gateway rule cannot apply: ${why}`, route.service, expected));
  const perVersion = `per-version ServiceImports (${route.service}-<version>) with the matches written in this rule`;
  if (rule.backends.length > 1 || rule.mirror !== undefined) {
    refuse("the route applies when the workload is the rule's only backend, without a mirror of its own", `${route.service} as the only backend, or ${perVersion}`);
    return { weighted: false, mirrors: false };
  }
  if (route.kind === 'GRPCRoute') {
    refuse('a GRPCRoute, which no GKE multi-cluster GatewayClass takes', perVersion);
    return { weighted: false, mirrors: false };
  }
  route.rules.forEach((r, k) => {
    for (const field of NOT_AT_GATEWAY) {
      if (r[field] !== undefined)
        refuse(
          `${at}.rules[${k}].${field} (a Gateway applies matches, weights and mirrors only; the load balancer sends straight to the pods)`,
          `no ${field}, or ${perVersion}, or the Istio ingress gateway (expose)`,
        );
    }
    if (r.mirror !== undefined && r.mirror.percent !== 100)
      refuse(`${at}.rules[${k}].mirror.percent (Gateway API v1.2 standard HTTPRoutes mirror every request)`, `percent 100, or ${perVersion}`);
    const prefixModifier = rule.filters.some((f) => (f.requestRedirect ?? f.urlRewrite)?.path?.type === 'ReplacePrefixMatch');
    if (prefixModifier && r.matches.length > 1)
      refuse(
        `${at}.rules[${k}] has ${r.matches.length} matches, and this rule's ReplacePrefixMatch needs exactly one (PathPrefix) match in every rule it applies to`,
        `at most one match in each route rule, or ReplaceFullPath, or ${perVersion}`,
      );
    const twoPaths = r.matches.some((m) => m.path !== undefined) && rule.matches.some((m) => m.path !== undefined);
    if (twoPaths)
      refuse(
        `${at}.rules[${k}].matches and ${input.pathPrefix === undefined ? 'this rule' : 'pathPrefix'} both match a path, and one match holds one path`,
        `a path on one side only, or ${perVersion}`,
      );
  });
  return {
    weighted: route.rules.some((r) => r.backends.length > 1),
    mirrors: route.rules.some((r) => r.mirror !== undefined),
  };
}

/**
 * One gateway: route backends that would split a workload's versions by pod count (a
 * per-cluster ServiceImport of a workload with versions), routes to a workload whose in-mesh
 * route the Gateway cannot apply, weights and mirrors the class cannot write, mirrors to the
 * rule's own backend, and policies on a ServiceImport the routes no longer reach.
 */
function checkGateway(model: ResolvedTopology, g: ResolvedGateway, i: number, problems: Problem[]): void {
  const at = `gateways[${i}]`;
  const traits = gatewayClassTraits(g.className);
  if (traits?.scope === 'single-cluster') checkServiceBackends(model, g, at, problems);
  // A single-cluster gateway names Services, never per-version ServiceImports.
  const versionedIn = (namespace: string | undefined) =>
    traits?.scope === 'single-cluster' ? [] : exportedIn(model, namespace ?? g.namespace).filter(({ w }) => hasVersionSplit(w));
  const versioned = versionedIn(undefined);
  const shortNames = new Map(model.clusters.map((c) => [c.name, c.shortName]));
  const mirrored = new Set<string>();

  g.routes.forEach((route, j) =>
    route.rules.forEach((input, k) => {
      const r = `${at}.routes[${j}].rules[${k}]`;
      const rule = resolveGatewayRouteRule(input);
      const backendPath = (n: number) => (input.backends === undefined ? `${r}.backend` : `${r}.backends[${n}].name`);
      let weighted = rule.backends.length > 1 && rule.backends.some((b) => b.weight !== undefined);
      let mirrors = rule.mirror !== undefined;
      rule.backends.forEach((b, n) => {
        const inNamespace = versionedIn(b.namespace);
        const whole = inNamespace.find(({ w }) => w.name === b.name);
        const perCluster = inNamespace.find(({ w }) => w.clusters.some((c) => `${w.name}-${shortNames.get(c)}` === b.name));
        if (perCluster !== undefined) {
          const w = perCluster.w;
          problems.push(
            problem(
              backendPath(n),
              `ServiceImport ${b.name} selects every version of ${w.name} (${weightsOf(w)}) in one cluster: the load balancer would split them by pod count, not by the version weights`,
              b.name,
              `${w.name} (meshfleet splits it by the version weights), or a per-version ServiceImport (${versionImportsOf(w)})`,
            ),
          );
        }
        if (whole === undefined) return;
        const routeIndex = whole.app.routes.findIndex((x) => x.service === whole.w.name);
        if (routeIndex < 0) {
          if (versionSplitOf(whole.w).filter((v) => v.weight > 0).length > 1) weighted = true;
          return;
        }
        const through = checkThroughRoute(model, whole.app, routeIndex, input, rule, backendPath(n), problems);
        weighted ||= through.weighted;
        if (through.mirrors) mirrors = true;
      });
      if (weighted && traits !== undefined && !traits.advancedTraffic) {
        problems.push(
          problem(
            input.backends === undefined ? `${r}.backend` : `${r}.backends`,
            `GatewayClass ${g.className} (a classic Application Load Balancer) cannot weight backends, so the version weights or rule weights would not apply`,
            g.className,
            `a class that weights backends (${advancedClasses()}), or one backend without versions`,
          ),
        );
      }
      if (mirrors && traits !== undefined && !traits.advancedTraffic) {
        const path = rule.mirror === undefined ? backendPath(0) : `${r}.mirror`;
        problems.push(
          problem(
            path,
            `GatewayClass ${g.className} (a classic Application Load Balancer) cannot mirror requests`,
            rule.mirror?.backend ?? rule.backends[0]?.name,
            `no mirror, or ${advancedClasses()}`,
          ),
        );
      }
      const mirror = rule.mirror;
      if (mirror === undefined) return;
      mirrored.add(mirror.backend);
      if (rule.backends.length > 0 && rule.backends.every((b) => b.name === mirror.backend)) {
        problems.push(
          problem(
            `${r}.mirror.backend`,
            `a mirror to the rule's own backend: ServiceImport ${mirror.backend} would get every request twice (the original and its copy)`,
            mirror.backend,
            'another ServiceImport than the rule sends to, or no mirror',
          ),
        );
      }
    }),
  );

  const policies = [
    ...g.healthChecks.map((h, k) => ({ backend: h.backend, path: `${at}.healthChecks[${k}].backend`, kind: 'HealthCheckPolicy' })),
    ...g.backendPolicies.map((p, k) => ({ backend: p.backend, path: `${at}.backendPolicies[${k}].backend`, kind: 'GCPBackendPolicy' })),
  ];
  for (const policy of policies) {
    const whole = versioned.find(({ w }) => w.name === policy.backend);
    if (whole === undefined || mirrored.has(policy.backend)) continue;
    problems.push(
      problem(
        policy.path,
        `the routes reach ${whole.w.name} through its per-version ServiceImports (${versionImportsOf(whole.w)}), so a ${policy.kind} on ${policy.backend} applies to no backend of the load balancer`,
        policy.backend,
        `one entry per version: ${versionImportsOf(whole.w)}`,
      ),
    );
  }
}

/**
 * Route backends of a single-cluster gateway: the Service of a workload with versions, or with an
 * in-mesh route, would let the load balancer split by pod count and skip the route (it sends
 * straight to the pods, as a MultiClusterIngress does).
 */
function checkServiceBackends(model: ResolvedTopology, g: ResolvedGateway, at: string, problems: Problem[]): void {
  g.routes.forEach((route, j) =>
    route.rules.forEach((input, k) => {
      const r = `${at}.routes[${j}].rules[${k}]`;
      const rule = resolveGatewayRouteRule(input);
      rule.backends.forEach((b, n) => {
        const app = model.apps.find((a) => a.namespace === (b.namespace ?? g.namespace) && a.workloads.some((w) => w.name === b.name));
        const w = app?.workloads.find((x) => x.name === b.name);
        if (app === undefined || w === undefined) return;
        const routed = app.routes.some((x) => x.service === w.name);
        if (!hasVersionSplit(w) && !routed) return;
        const what = hasVersionSplit(w) ? `every version of ${w.name} (${weightsOf(w)})` : `${w.name}, which has an in-mesh route`;
        problems.push(
          problem(
            input.backends === undefined ? `${r}.backend` : `${r}.backends[${n}].name`,
            `Service ${b.name} selects ${what}: a single-cluster Gateway sends straight to the pods, so requests would split by pod count and skip in-mesh routes`,
            b.name,
            `a workload without versions or in-mesh route, a multi-cluster class (it weights per-version ServiceImports), or the Istio ingress gateway (${w.name} with expose)`,
          ),
        );
      });
    }),
  );
}

/** Whether `selector` selects pods of every version of `w` (it names `app: <name>` and no `version`). */
function selectsEveryVersion(selector: Readonly<Record<string, string>>, w: ResolvedWorkload): boolean {
  return selector.app === w.name && selector.version === undefined;
}

/**
 * The MultiClusterIngress: it cannot weight backends nor apply an in-mesh route, so a
 * MultiClusterService that selects every version of a workload with versions (or a workload
 * with an in-mesh route) is refused. Through the Istio ingress gateway (`meshGateway`) the
 * VirtualService splits: fine.
 */
function checkIngress(model: ResolvedTopology, problems: Problem[]): void {
  const mci = model.multiClusterIngress;
  if (mci === undefined || mci.meshGateway) return;
  mci.services.forEach((svc, k) => {
    for (const app of model.apps.filter((a) => a.namespace === mci.namespace)) {
      const w = app.workloads.find((x) => selectsEveryVersion(svc.selector, x));
      if (w === undefined) continue;
      const routed = app.routes.some((x) => x.service === w.name);
      if (!hasVersionSplit(w) && !routed) continue;
      const what = hasVersionSplit(w) ? `every version of ${w.name} (${weightsOf(w)})` : `${w.name}, which has an in-mesh route`;
      problems.push(
        problem(
          `multiClusterIngress.services[${k}].selector`,
          `MultiClusterService ${svc.name} selects ${what}: a MultiClusterIngress cannot weight backends or apply mesh routes, so requests would split by pod count`,
          Object.entries(svc.selector)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', '),
          `the Istio ingress gateway behind the MultiClusterIngress (${w.name} with expose; the VirtualService splits), a multi-cluster Gateway (it weights per-version ServiceImports), or a selector with one version (version: ${versionSplitOf(w)[0]?.version ?? 'v1'})`,
        ),
      );
    }
  });
}

/**
 * The one traffic model on every entry point: multi-cluster Gateways and the
 * MultiClusterIngress (see the module comment). In-mesh data planes are checked by
 * `checkMeshRoutes`.
 */
export function checkTrafficModel(model: ResolvedTopology, problems: Problem[]): void {
  model.gateways.forEach((g, i) => checkGateway(model, g, i, problems));
  checkIngress(model, problems);
}
