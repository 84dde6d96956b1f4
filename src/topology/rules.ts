import { canonicalCidr, Ipv4Range, isPrivate, overlaps, parseCidr } from './cidr';
import { regionOfZone } from './defaults';
import { Problem, problem, show } from './problems';
import { ResolvedTopology, TopologyInput } from './types';

/** The shortest prefix (widest range) accepted for operator access to private control planes. */
const WIDEST_OPERATOR_PREFIX = 16;

/** A GatewayClass whose load balancer needs proxy-only subnets in every backend region too. */
const CROSS_REGIONAL_CLASS = 'gke-l7-cross-regional-internal-managed-mc';

interface NamedRange {
  readonly path: string;
  readonly text: string;
  readonly range: Ipv4Range;
}

/**
 * Parses every CIDR field, reporting invalid ones and ones with host bits set, and returns the
 * ranges that must not overlap (masters, pods, proxy-only subnets, subnets).
 */
function collectRanges(input: TopologyInput, problems: Problem[]): NamedRange[] {
  const exclusive: NamedRange[] = [];
  const check = (path: string, text: string | undefined, isExclusive: boolean): Ipv4Range | undefined => {
    if (text === undefined) return undefined;
    const range = parseCidr(text);
    if (!range) {
      problems.push(problem(path, 'not a valid IPv4 range', text, 'four octets of 0..255 and a prefix of 0..32'));
      return undefined;
    }
    if (canonicalCidr(range) !== text) {
      problems.push(problem(path, 'host bits are set', text, show(canonicalCidr(range))));
    }
    if (isExclusive) exclusive.push({ path, text, range });
    return range;
  };
  (input.network?.subnets ?? []).forEach((s, i) => check(`network.subnets[${i}].cidr`, s.cidr, true));
  (input.regions ?? []).forEach((r, i) => check(`regions[${i}].proxyOnlySubnet`, r.proxyOnlySubnet, true));
  input.clusters.forEach((c, i) => {
    const master = check(`clusters[${i}].masterCidr`, c.masterCidr, true);
    if (master && master.prefix !== 28) {
      problems.push(problem(`clusters[${i}].masterCidr`, 'the control-plane range must be a /28', c.masterCidr, 'a /28 such as 172.16.0.0/28'));
    }
    if (master && !isPrivate(master)) {
      problems.push(problem(`clusters[${i}].masterCidr`, 'the control-plane range is not private', c.masterCidr, 'a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16'));
    }
    check(`clusters[${i}].podCidr`, c.podCidr, true);
  });
  (input.operatorCidrs ?? []).forEach((cidr, i) => check(`operatorCidrs[${i}]`, cidr, false));
  return exclusive;
}

function checkOverlaps(ranges: NamedRange[], problems: Problem[]): void {
  ranges.forEach((later, j) => {
    const earlier = ranges.slice(0, j).find((r) => overlaps(r.range, later.range));
    if (earlier) {
      problems.push(problem(later.path, `overlaps ${earlier.path}`, later.text, `a range that does not overlap ${earlier.text}`));
    }
  });
}

function checkClusters(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  const seen = new Map<string, number>();
  const subnets = model.network.subnets;
  model.clusters.forEach((cluster, i) => {
    const at = `clusters[${i}]`;
    const first = seen.get(cluster.name);
    if (first !== undefined) {
      problems.push(problem(`${at}.name`, `duplicate cluster name, already used by clusters[${first}]`, cluster.name, 'a unique name'));
    } else {
      seen.set(cluster.name, i);
    }
    const declared = input.clusters[i];
    if (declared.region !== undefined && regionOfZone(cluster.zone) !== declared.region) {
      problems.push(problem(`${at}.zone`, `zone is outside the cluster's region ${declared.region}`, cluster.zone, `a zone of ${declared.region} such as ${declared.region}-a`));
    }
    if (cluster.private && cluster.masterCidr === undefined) {
      problems.push(problem(`${at}.masterCidr`, 'a private cluster needs a control-plane range', undefined, 'an unused private /28 such as 172.16.0.0/28'));
    }
    if (!cluster.private && cluster.masterCidr !== undefined) {
      problems.push(problem(`${at}.masterCidr`, 'only private clusters take a control-plane range', cluster.masterCidr, 'no masterCidr, or private: true'));
    }
    const pool = cluster.nodePool;
    if (pool.minNodes > pool.maxNodes) {
      problems.push(problem(`${at}.nodePool.minNodes`, `more than maxNodes (${pool.maxNodes})`, pool.minNodes, `at most ${pool.maxNodes}`));
    } else if (pool.initialNodes < pool.minNodes || pool.initialNodes > pool.maxNodes) {
      problems.push(problem(`${at}.nodePool.initialNodes`, 'outside the autoscaling bounds', pool.initialNodes, `${pool.minNodes}..${pool.maxNodes}`));
    }
    if (subnets.length > 0) {
      const inRegion = subnets.filter((s) => s.region === cluster.region).map((s) => s.name);
      if (cluster.subnet === undefined || !inRegion.includes(cluster.subnet)) {
        problems.push(problem(`${at}.subnet`, `not a subnet of network.subnets in ${cluster.region}`, cluster.subnet, inRegion.length ? `one of ${inRegion.join(', ')}` : `a network.subnets entry in ${cluster.region}`));
      }
    }
    if (cluster.meshMember && model.mesh?.management === 'fleet' && !cluster.fleet) {
      problems.push(problem(`${at}.fleet`, 'a cluster in a fleet-managed mesh must be registered to the fleet', false, 'true, or role: config'));
    }
  });
}

function checkShortNames(model: ResolvedTopology, problems: Problem[]): void {
  const seen = new Map<string, number>();
  model.clusters.forEach((cluster, i) => {
    const first = seen.get(cluster.shortName);
    if (first === undefined) {
      seen.set(cluster.shortName, i);
    } else if (model.clusters[first].name !== cluster.name) {
      problems.push(problem(`clusters[${i}].shortName`, `short name already used by clusters[${first}] (per-cluster Service names would clash)`, cluster.shortName, 'a unique shortName'));
    }
  });
}

function checkRegions(input: TopologyInput, problems: Problem[]): void {
  const seen = new Map<string, number>();
  (input.regions ?? []).forEach((region, i) => {
    const first = seen.get(region.name);
    if (first !== undefined) {
      problems.push(problem(`regions[${i}].name`, `duplicate region, already declared by regions[${first}]`, region.name, 'one entry per region'));
    } else {
      seen.set(region.name, i);
    }
  });
}

function checkOperatorCidrs(model: ResolvedTopology, problems: Problem[]): void {
  if (!model.clusters.some((c) => c.private)) return;
  model.operatorCidrs.forEach((cidr, i) => {
    const range = parseCidr(cidr);
    if (range && range.prefix < WIDEST_OPERATOR_PREFIX) {
      problems.push(problem(`operatorCidrs[${i}]`, 'opens the control plane of private clusters to a large part of the internet', cidr, `a narrow range (/${WIDEST_OPERATOR_PREFIX} or longer) such as 203.0.113.10/32`));
    }
  });
}

function checkFleet(model: ResolvedTopology, problems: Problem[]): void {
  const names = model.clusters.map((c) => c.name);
  const configName = model.fleet.configCluster;
  const configRole = model.clusters.filter((c) => c.role === 'config').map((c) => c.name);
  if (configName === undefined) {
    if (configRole.length > 0) {
      problems.push(problem('fleet.configCluster', `required when a cluster has role: config (${configRole.join(', ')})`, undefined, show(configRole[0])));
    }
    return;
  }
  const config = model.clusters.find((c) => c.name === configName);
  if (!config) {
    problems.push(problem('fleet.configCluster', 'no cluster has this name', configName, `one of ${[...new Set(names)].join(', ')}`));
    return;
  }
  if (!config.fleet) {
    problems.push(problem('fleet.configCluster', 'the config cluster is not registered to the fleet', `${configName} with fleet: false`, 'a cluster with fleet: true'));
  }
  model.clusters.forEach((cluster, i) => {
    if (cluster.role === 'config' && cluster.name !== configName) {
      problems.push(problem(`clusters[${i}].role`, `only the fleet config cluster (${configName}) can have role config`, 'config', '"workload"'));
    }
  });
}

function checkGateways(model: ResolvedTopology, problems: Problem[]): void {
  const proxyRegions = model.regions.filter((r) => r.proxyOnlySubnet !== undefined).map((r) => r.name);
  const missingProxy = (path: string, region: string, why: string): void => {
    if (!proxyRegions.includes(region)) {
      problems.push(problem(path, `${why} has no proxy-only subnet`, region, `a regions entry { name: ${region}, proxyOnlySubnet: <unused /23> }`));
    }
  };
  const config = model.clusters.find((c) => c.name === model.fleet.configCluster);
  model.gateways.forEach((gateway, i) => {
    const at = `gateways[${i}]`;
    gateway.addresses.forEach((address, j) => missingProxy(`${at}.addresses[${j}].region`, address.region, 'the gateway region'));
    if (gateway.className === CROSS_REGIONAL_CLASS) {
      const backendRegions = [...new Set(model.clusters.filter((c) => c.role === 'workload').map((c) => c.region))];
      backendRegions.forEach((region) => missingProxy(`${at}.className`, region, `backend region ${region} of a cross-regional gateway`));
    }
    if (gateway.className.endsWith('-mc')) {
      if (model.fleet.configCluster === undefined) {
        problems.push(problem(`${at}.className`, 'a multi-cluster gateway needs fleet.configCluster', gateway.className, 'fleet.configCluster naming the cluster that holds the Gateway'));
      }
      if (!model.fleet.multiClusterServices) {
        problems.push(problem('fleet.multiClusterServices', `multi-cluster gateway ${gateway.name} routes to ServiceImports`, false, 'true'));
      }
      if (config && config.gatewayApi === 'disabled') {
        const index = model.clusters.indexOf(config);
        problems.push(problem(`clusters[${index}].gatewayApi`, `the config cluster of gateway ${gateway.name} needs the Gateway API`, 'disabled', '"standard"'));
      }
    }
  });
}

function checkMesh(model: ResolvedTopology, problems: Problem[]): void {
  const mesh = model.mesh;
  if (mesh?.management !== 'fleet') return;
  if (mesh.revision !== undefined) {
    problems.push(problem('mesh.revision', 'a fleet-managed mesh chooses its own revision', mesh.revision, 'no revision, or management: in-cluster'));
  }
  if (mesh.version !== undefined) {
    problems.push(problem('mesh.version', 'a fleet-managed mesh chooses its own version', mesh.version, 'no version, or management: in-cluster'));
  }
}

function checkApps(model: ResolvedTopology, problems: Problem[]): void {
  const workloadClusters = model.clusters.filter((c) => c.role === 'workload').map((c) => c.name);
  const namespaces = new Map<string, number>();
  model.apps.forEach((app, i) => {
    const first = namespaces.get(app.namespace);
    if (first !== undefined) {
      problems.push(problem(`apps[${i}].namespace`, `duplicate app namespace, already used by apps[${first}]`, app.namespace, 'one apps entry per namespace'));
    } else {
      namespaces.set(app.namespace, i);
    }
    const names = new Map<string, number>();
    app.workloads.forEach((w, j) => {
      const at = `apps[${i}].workloads[${j}]`;
      const seen = names.get(w.name);
      if (seen !== undefined) {
        problems.push(problem(`${at}.name`, `duplicate workload name, already used by apps[${i}].workloads[${seen}]`, w.name, 'a unique name in the namespace'));
      } else {
        names.set(w.name, j);
      }
      w.clusters.forEach((cluster, k) => {
        if (!workloadClusters.includes(cluster)) {
          problems.push(problem(`${at}.clusters[${k}]`, 'not a workload cluster', cluster, `one of ${workloadClusters.join(', ')}`));
        }
      });
      if (w.canary !== undefined) {
        if (w.version === undefined) {
          problems.push(problem(`${at}.version`, 'a workload with a canary needs the version label of its stable pods', undefined, 'a version such as v1'));
        } else if (w.canary.version === w.version) {
          problems.push(problem(`${at}.canary.version`, 'the canary needs a version of its own', w.canary.version, `a version other than ${show(w.version)}`));
        }
        if (model.mesh === undefined) {
          problems.push(problem(`${at}.canary`, 'traffic splitting needs a service mesh', 'no mesh', 'a mesh entry'));
        }
      }
      if (w.expose !== undefined && model.mesh?.ingressGateway === undefined) {
        problems.push(problem(`${at}.expose`, 'exposing a workload needs the shared ingress gateway', 'no mesh.ingressGateway', 'mesh.ingressGateway'));
      }
    });
  });
}

/** ServiceImport names in a namespace: exported workloads and their per-cluster Services. */
function serviceImports(model: ResolvedTopology, namespace: string): string[] {
  const shortNames = new Map(model.clusters.map((c) => [c.name, c.shortName]));
  return model.apps
    .filter((app) => app.namespace === namespace)
    .flatMap((app) => app.workloads.filter((w) => w.export))
    .flatMap((w) => [w.name, ...w.clusters.map((c) => `${w.name}-${shortNames.get(c)}`)]);
}

function checkRoutes(model: ResolvedTopology, problems: Problem[]): void {
  model.gateways.forEach((gateway, i) => {
    const imports = serviceImports(model, gateway.namespace);
    const expected = imports.length ? `one of ${imports.join(', ')}` : `a workload with export: true in namespace ${gateway.namespace}`;
    gateway.routes.forEach((route, j) =>
      route.rules.forEach((rule, k) => {
        if (!imports.includes(rule.backend)) {
          problems.push(problem(`gateways[${i}].routes[${j}].rules[${k}].backend`, 'no exported service has this name', rule.backend, expected));
        }
      }),
    );
    gateway.healthChecks.forEach((check, j) => {
      if (!imports.includes(check.backend)) {
        problems.push(problem(`gateways[${i}].healthChecks[${j}].backend`, 'no exported service has this name', check.backend, expected));
      }
    });
  });
}

function checkMultiClusterIngress(model: ResolvedTopology, problems: Problem[]): void {
  if (model.multiClusterIngress === undefined) return;
  if (model.fleet.configCluster === undefined) {
    problems.push(problem('multiClusterIngress', 'multi-cluster ingress needs a config cluster', undefined, 'fleet.configCluster'));
  }
  if (model.mesh?.ingressGateway === undefined) {
    problems.push(problem('multiClusterIngress', 'the multi-cluster service selects the shared ingress gateway', 'no mesh.ingressGateway', 'mesh.ingressGateway'));
  }
}

function checkBackend(model: ResolvedTopology, problems: Problem[]): void {
  const backend = model.terraform.backend;
  if (backend.type === 'gcs' && backend.bucket === '') {
    problems.push(problem('terraform.backend.bucket', 'the gcs backend needs a bucket', undefined, 'a bucket name such as my-project-tfstate'));
  }
}

/**
 * Semantic rules over a structurally valid topology and its resolved model. Returns every
 * problem found, in file order per rule.
 */
export function checkRules(input: TopologyInput, model: ResolvedTopology): Problem[] {
  const problems: Problem[] = [];
  checkOverlaps(collectRanges(input, problems), problems);
  checkClusters(input, model, problems);
  checkShortNames(model, problems);
  checkRegions(input, problems);
  checkOperatorCidrs(model, problems);
  checkFleet(model, problems);
  checkGateways(model, problems);
  checkMesh(model, problems);
  checkApps(model, problems);
  checkRoutes(model, problems);
  checkMultiClusterIngress(model, problems);
  checkBackend(model, problems);
  return problems;
}
