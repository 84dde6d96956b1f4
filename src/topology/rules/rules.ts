import { checkAppReferences } from './app-rules';
import { canonicalCidr, Ipv4Range, isPrivate, overlaps, parseCidr } from './cidr';
import { DEFAULTS, regionOfZone } from '../resolve/defaults';
import { checkEgress } from './egress-rules';
import { checkSecurityPolicies } from './security-policy-rules';
import { isGcpZone, zonesOf } from './gcp-locations';
import { checkGatewayDetails } from './gateway-rules';
import { isMultiClusterGatewayClass } from '../model/gateway-classes';
import { checkGatewayListeners } from './gateway-listener-rules';
import { checkGcpLabels, checkHosts, checkImages, checkProjectId } from './format-rules';
import { checkGitOps } from './gitops-rules';
import { checkLimits } from './limit-rules';
import { checkLocations } from './location-rules';
import { checkAppNamespaces } from './namespace-rules';
import { checkObjectNames } from './name-rules';
import { checkMultiClusterIngress } from './mci-rules';
import { checkTrafficModel } from './traffic-rules';
import { reservedEastWestAddress } from '../resolve/mesh-plan';
import { checkMeshRoutes } from './route-rules';
import { checkTrafficPolicies } from './traffic-policy-rules';
import { checkMeshSupport } from './mesh-support-rules';
import { checkSecurity } from './security-rules';
import { checkApps } from './workload-rules';
import { SERVICE_ACCOUNT_ID_LENGTH } from './names';
import { GCP_NAME_MAX } from './predicates';
import { DOCUMENTATION_RANGES_TEXT, isDocumentationAddress } from './address-ranges';
import { checkExtras } from './extras-rules';
import { Problem, problem, show } from './problems';
import { ClusterInput, isGkeCluster, MeshInput, ResolvedGkeCluster, ResolvedTopology, TopologyInput } from '../model/types';

/** The shortest prefix (widest range) accepted for operator access to private control planes. */
const WIDEST_OPERATOR_PREFIX = 16;

/** Keys of a cluster that only GKE clusters (created by meshfleet's Terraform) take. */
const GKE_ONLY_KEYS: ReadonlyArray<keyof ClusterInput> = [
  'zone',
  'region',
  'private',
  'masterCidr',
  'podCidr',
  'subnet',
  'nodePool',
  'gatewayApi',
  'fleet',
  'releaseChannel',
  'labels',
  'deletionProtection',
  'dataplaneV2',
  'authorizedNetworks',
];

/** Keys of `mesh` that only in-cluster meshes take (the fleet installs and runs its own), and why. */
const IN_CLUSTER_MESH_KEYS: Readonly<Partial<Record<keyof MeshInput, string>>> = {
  revision: 'a fleet-managed mesh chooses its own revision',
  version: 'a fleet-managed mesh chooses its own version',
  distribution: 'a fleet-managed mesh is always Cloud Service Mesh',
  meshId: 'a fleet-managed mesh uses the fleet project as its mesh ID',
  model: 'a fleet-managed mesh has no control plane in the clusters',
  primary: 'a fleet-managed mesh has no control plane in the clusters',
  primaryAddress: 'a fleet-managed mesh has no control plane in the clusters',
  clusterAdmin: 'a fleet-managed mesh is not installed with istioctl, which needs cluster-admin',
};

/**
 * Whether `clusters[i]` is declared external. Use it, not the resolved platform, for rules about
 * external clusters: a GKE cluster without a zone also resolves as external (its missing zone is
 * reported on its own), and must not be reported as an external cluster too.
 */
function declaredExternal(input: TopologyInput, i: number): boolean {
  return (input.clusters[i]?.platform ?? DEFAULTS.platform) === 'external';
}

/** Prefix bounds of a range, widest first. */
interface PrefixBounds {
  readonly widest: number;
  readonly narrowest: number;
  readonly example: string;
}

/** GKE pod ranges: /8 (the widest accepted) to /21 (the narrowest that holds a node's /24 and more). */
const POD_PREFIXES: PrefixBounds = { widest: 8, narrowest: 21, example: '10.4.0.0/14' };

/** Proxy-only subnets: GCP accepts /26 at the smallest and recommends /23. */
const PROXY_ONLY_PREFIXES: PrefixBounds = { widest: 23, narrowest: 26, example: '10.129.0.0/23' };

/**
 * A range that flows into firewall rules and authorized networks must be RFC 1918 private and
 * within its prefix bounds: one problem, the size first (0.0.0.0/0 is too wide before it is public).
 */
function checkPrivateSize(path: string, text: string | undefined, range: Ipv4Range | undefined, bounds: PrefixBounds, what: string, problems: Problem[]): void {
  if (range === undefined) return;
  if (range.prefix < bounds.widest || range.prefix > bounds.narrowest) {
    problems.push(
      problem(path, `${what} must be a /${bounds.widest} to /${bounds.narrowest}`, text, `a prefix of /${bounds.widest} to /${bounds.narrowest} such as ${bounds.example}`),
    );
  } else if (!isPrivate(range)) {
    problems.push(problem(path, `${what} is not private`, text, 'a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16'));
  }
}

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
  (input.regions ?? []).forEach((r, i) => {
    const path = `regions[${i}].proxyOnlySubnet`;
    checkPrivateSize(path, r.proxyOnlySubnet, check(path, r.proxyOnlySubnet, true), PROXY_ONLY_PREFIXES, 'the proxy-only subnet', problems);
  });
  input.clusters.forEach((c, i) => {
    const master = check(`clusters[${i}].masterCidr`, c.masterCidr, true);
    if (master && master.prefix !== 28) {
      problems.push(problem(`clusters[${i}].masterCidr`, 'the control-plane range must be a /28', c.masterCidr, 'a /28 such as 172.16.0.0/28'));
    }
    if (master && !isPrivate(master)) {
      problems.push(problem(`clusters[${i}].masterCidr`, 'the control-plane range is not private', c.masterCidr, 'a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16'));
    }
    checkPrivateSize(`clusters[${i}].podCidr`, c.podCidr, check(`clusters[${i}].podCidr`, c.podCidr, true), POD_PREFIXES, 'the pod range', problems);
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
  model.clusters.forEach((cluster, i) => {
    const at = `clusters[${i}]`;
    const first = seen.get(cluster.name);
    if (first !== undefined) {
      problems.push(problem(`${at}.name`, `duplicate cluster name, already used by clusters[${first}]`, cluster.name, 'a unique name'));
    } else {
      seen.set(cluster.name, i);
    }
    const declared = input.clusters[i];
    if ((declared.platform ?? DEFAULTS.platform) === 'external') {
      for (const key of GKE_ONLY_KEYS.filter((k) => declared[k] !== undefined)) {
        problems.push(problem(`${at}.${key}`, 'only GKE clusters take this key (meshfleet does not create external clusters)', declared[key], `no ${key}, or platform: gke`));
      }
    } else if (declared.zone === undefined) {
      problems.push(problem(`${at}.zone`, 'a GKE cluster needs a zone', undefined, 'a zone such as us-west2-a, or platform: external for an existing cluster'));
    }
    if (isGkeCluster(cluster)) checkGkeCluster(declared, cluster, at, model, problems);
    if (cluster.meshMember && model.mesh?.management === 'fleet' && declaredExternal(input, i)) {
      problems.push(problem(`${at}.platform`, 'an external cluster cannot join a fleet-managed mesh', 'external', '"gke", or mesh.management: in-cluster'));
    }
    if (declared.meshNetwork !== undefined && cluster.meshInstall === undefined) {
      problems.push(
        problem(`${at}.meshNetwork`, 'only workload clusters of an in-cluster mesh have an Istio network', declared.meshNetwork, 'no meshNetwork, or mesh.management: in-cluster'),
      );
    }
  });
}

function checkGkeCluster(declared: ClusterInput, cluster: ResolvedGkeCluster, at: string, model: ResolvedTopology, problems: Problem[]): void {
  const subnets = model.network.subnets;
  // (An unknown zone is reported by the location rules, with the zones of its region.)
  if (declared.region !== undefined && isGcpZone(cluster.zone) && regionOfZone(cluster.zone) !== declared.region) {
    const zones = zonesOf(declared.region);
    const expected = zones.length > 0 ? `a zone of ${declared.region}: one of ${zones.join(', ')}` : `a zone of ${declared.region}`;
    problems.push(problem(`${at}.zone`, `zone is outside the cluster's region ${declared.region}`, cluster.zone, expected));
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
      problems.push(
        problem(
          `${at}.subnet`,
          `not a subnet of network.subnets in ${cluster.region}`,
          cluster.subnet,
          inRegion.length ? `one of ${inRegion.join(', ')}` : `a network.subnets entry in ${cluster.region}`,
        ),
      );
    }
  }
  if (cluster.meshMember && model.mesh?.management === 'fleet' && !cluster.fleet) {
    problems.push(problem(`${at}.fleet`, 'a cluster in a fleet-managed mesh must be registered to the fleet', false, 'true, or role: config'));
  }
}

function checkShortNames(model: ResolvedTopology, problems: Problem[]): void {
  const seen = new Map<string, number>();
  model.clusters.forEach((cluster, i) => {
    const first = seen.get(cluster.shortName);
    if (first === undefined) {
      seen.set(cluster.shortName, i);
    } else if (model.clusters[first].name !== cluster.name) {
      problems.push(
        problem(`clusters[${i}].shortName`, `short name already used by clusters[${first}] (per-cluster Service names would clash)`, cluster.shortName, 'a unique shortName'),
      );
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

/**
 * Operator ranges are narrow whatever the clusters: they open private control planes, and the
 * authorized networks of public ones, so a topology with only public clusters is held to it too.
 */
function checkOperatorCidrs(model: ResolvedTopology, problems: Problem[]): void {
  model.operatorCidrs.forEach((cidr, i) => {
    const range = parseCidr(cidr);
    if (range && range.prefix < WIDEST_OPERATOR_PREFIX) {
      problems.push(
        problem(
          `operatorCidrs[${i}]`,
          'opens the control planes to a large part of the internet',
          cidr,
          `a narrow range (/${WIDEST_OPERATOR_PREFIX} or longer) such as 203.0.113.10/32`,
        ),
      );
    }
  });
}

function checkFleet(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
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
  if (!isGkeCluster(config)) {
    // A GKE config cluster without a zone has its own problem (clusters[i].zone).
    if (declaredExternal(input, model.clusters.indexOf(config))) {
      problems.push(problem('fleet.configCluster', 'the config cluster must be a GKE cluster', `${configName} with platform: external`, 'a GKE cluster registered to the fleet'));
    }
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
  model.gateways.forEach((gateway, i) => {
    const at = `gateways[${i}]`;
    if (isMultiClusterGatewayClass(gateway.className)) {
      if (model.fleet.configCluster === undefined) {
        problems.push(
          problem(`${at}.className`, 'a multi-cluster gateway needs fleet.configCluster', gateway.className, 'fleet.configCluster naming the cluster that holds the Gateway'),
        );
      }
      if (!model.fleet.multiClusterServices) {
        problems.push(problem('fleet.multiClusterServices', `multi-cluster gateway ${gateway.name} routes to ServiceImports`, false, 'true'));
      }
    }
  });
}

function checkMesh(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  const mesh = model.mesh;
  if (mesh === undefined || input.mesh === undefined) return;
  if (mesh.install === undefined) {
    for (const [key, why] of Object.entries(IN_CLUSTER_MESH_KEYS) as Array<[keyof MeshInput, string]>) {
      const value = input.mesh[key];
      if (value !== undefined) problems.push(problem(`mesh.${key}`, why, value, `no ${key}, or management: in-cluster`));
    }
    return;
  }
  const install = mesh.install;
  if (install.meshId === '') {
    problems.push(problem('mesh.meshId', 'an in-cluster mesh needs a mesh ID', undefined, 'a meshId such as mesh1, or project.number (the mesh ID is then proj-<number>)'));
  }
  const memberClusters = model.clusters.filter((c) => c.meshInstall !== undefined);
  const members = memberClusters.map((c) => c.name);
  if (install.model === 'primary-remote') {
    if (install.primary === undefined) {
      problems.push(problem('mesh.primary', 'a primary-remote mesh needs its primary cluster', undefined, members.length ? `one of ${members.join(', ')}` : 'a workload cluster'));
    } else if (!members.includes(install.primary)) {
      problems.push(problem('mesh.primary', 'not a workload cluster of the mesh', install.primary, members.length ? `one of ${members.join(', ')}` : 'a workload cluster'));
    }
    // A GKE primary's east-west address is reserved by meshfleet; an external primary's is given.
    // (Without a known primary, whether an address is needed is unknown: mesh.primary is reported.)
    const primaryIndex = input.clusters.findIndex((c) => c.name === install.primary);
    const gkePrimary = primaryIndex !== -1 && !declaredExternal(input, primaryIndex);
    if (gkePrimary && install.primaryAddress !== undefined) {
      problems.push(
        problem(
          'mesh.primaryAddress',
          `meshfleet reserves the east-west gateway address of the GKE primary ${install.primary} in Terraform and gives it to istioctl`,
          install.primaryAddress,
          'no primaryAddress (it is only for an external primary)',
        ),
      );
    } else if (gkePrimary || (primaryIndex === -1 && install.primaryAddress === undefined)) {
      // Nothing to check: the address is reserved, or the primary is reported.
    } else if (install.primaryAddress === undefined) {
      problems.push(
        problem(
          'mesh.primaryAddress',
          "remote clusters reach the external primary's istiod at this address",
          undefined,
          "the IPv4 address or DNS name of the primary's east-west gateway",
        ),
      );
    } else if (/^[0-9.]+$/.test(install.primaryAddress) && parseCidr(`${install.primaryAddress}/32`) === undefined) {
      // The schema only checks the shape; octets such as 300 or 010 are refused here, as in CIDRs.
      problems.push(problem('mesh.primaryAddress', 'not a valid IPv4 address', install.primaryAddress, 'four octets of 0..255, or a DNS name'));
    } else if (isDocumentationAddress(install.primaryAddress)) {
      problems.push(
        problem(
          'mesh.primaryAddress',
          `a documentation address (${DOCUMENTATION_RANGES_TEXT}), which remote clusters cannot reach`,
          install.primaryAddress,
          "the address of the primary's east-west gateway",
        ),
      );
    }
  } else {
    for (const key of ['primary', 'primaryAddress'] as const) {
      if (install[key] !== undefined) {
        problems.push(problem(`mesh.${key}`, 'only primary-remote meshes have a single primary', install[key], `no ${key}, or model: primary-remote`));
      }
    }
  }
  // istiod reaches a private GKE member on its private endpoint, from its pods' range: only a
  // GKE primary that reads another private GKE member needs that range declared.
  const privateGkeMembers = memberClusters.filter((c) => isGkeCluster(c) && c.private);
  model.clusters.forEach((cluster, i) => {
    const readsPrivateGke = privateGkeMembers.some((other) => other !== cluster);
    if (isGkeCluster(cluster) && readsPrivateGke && cluster.meshInstall?.controlPlane === 'primary' && cluster.podCidr === undefined) {
      problems.push(
        problem(
          `clusters[${i}].podCidr`,
          "istiod reads the other mesh clusters' private endpoints from this cluster's pod range, which meshfleet adds to their authorized networks",
          undefined,
          'a pod range such as 10.4.0.0/14',
        ),
      );
    }
  });
}

function checkVmWorkloads(model: ResolvedTopology, problems: Problem[]): void {
  const primaries = model.clusters.filter((c) => c.meshInstall?.controlPlane === 'primary').map((c) => c.name);
  model.apps.forEach((app, i) =>
    app.vmWorkloads.forEach((vm, j) => {
      const at = `apps[${i}].vmWorkloads[${j}]`;
      if (model.mesh?.install === undefined) {
        problems.push(
          problem(
            at,
            'VMs join an in-cluster mesh (they register with its istiod through a WorkloadGroup)',
            model.mesh ? `management: ${model.mesh.management}` : 'no mesh',
            'mesh.management: in-cluster',
          ),
        );
      } else if (!primaries.includes(vm.cluster) && vm.cluster !== model.mesh.install.primary) {
        // (A VM cluster equal to an invalid mesh.primary, by default or by copy, is mesh.primary's problem.)
        problems.push(
          problem(`${at}.cluster`, 'not a cluster that runs istiod', vm.cluster || undefined, primaries.length ? `one of ${primaries.join(', ')}` : 'a primary cluster'),
        );
      }
      if (app.workloads.some((w) => w.name === vm.name) || app.vmWorkloads.findIndex((other) => other.name === vm.name) < j) {
        problems.push(problem(`${at}.name`, 'duplicate workload name in the namespace', vm.name, 'a name no other workload or VM workload of the app uses'));
      }
    }),
  );
}

/** A Google Cloud name and where the topology sets it (or, for a derived name, what it names). */
interface NamedResource {
  readonly path: string;
  readonly name: string;
  /** Whether the topology sets the name (derived names are valid by construction). */
  readonly given: boolean;
}

function checkLength(resource: NamedResource, min: number, max: number, what: string, problems: Problem[]): void {
  const { length } = resource.name;
  if (resource.given && (length < min || length > max)) {
    problems.push(problem(resource.path, `${what} is ${length} characters long`, resource.name, `${min === 1 ? 'at most' : `${min} to`} ${max} characters`));
  }
}

/** The compute addresses meshfleet reserves, by region: NAT addresses, the east-west address, gateway addresses. */
function addressesByRegion(input: TopologyInput, model: ResolvedTopology): Map<string, NamedResource[]> {
  const byRegion = new Map<string, NamedResource[]>();
  const add = (region: string, resource: NamedResource): void => {
    byRegion.set(region, [...(byRegion.get(region) ?? []), resource]);
  };
  model.regions.forEach((region, i) => {
    // A duplicate regions entry is reported on its own.
    if (region.nat === undefined || model.regions.findIndex((r) => r.name === region.name) < i) return;
    const index = (input.regions ?? []).findIndex((r) => r.name === region.name);
    const given = index !== -1 && input.regions![index].nat?.addressName !== undefined;
    const path = given ? `regions[${index}].nat.addressName` : `the NAT address of ${region.name}`;
    add(region.name, { path, name: region.nat.addressName, given });
  });
  const reserved = reservedEastWestAddress(model);
  if (reserved !== undefined) {
    add(reserved.region, { path: `the east-west gateway address of ${reserved.cluster}`, name: reserved.name, given: false });
  }
  model.gateways.forEach((gateway, i) =>
    gateway.addresses.forEach((address, j) => {
      if (address.staticAddress === undefined) return;
      add(address.region, { path: `gateways[${i}].addresses[${j}].staticAddress`, name: address.staticAddress, given: true });
    }),
  );
  return byRegion;
}

/**
 * Names of the Google Cloud resources meshfleet creates: lengths of the names the topology sets
 * (their syntax is the schema's), and addresses of one region that would share a name.
 */
function checkResourceNames(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  const { min, max } = SERVICE_ACCOUNT_ID_LENGTH;
  checkLength(
    { path: 'project.nodeServiceAccount', name: model.project.nodeServiceAccount, given: input.project.nodeServiceAccount !== undefined },
    min,
    max,
    'a service account ID',
    problems,
  );
  checkLength(
    { path: 'network.firewallName', name: model.network.firewallName, given: input.network?.firewallName !== undefined },
    1,
    GCP_NAME_MAX,
    'a firewall rule name',
    problems,
  );
  (input.regions ?? []).forEach((region, i) => {
    for (const key of ['addressName', 'routerName', 'natName'] as const) {
      const name = region.nat?.[key];
      if (name !== undefined) checkLength({ path: `regions[${i}].nat.${key}`, name, given: true }, 1, GCP_NAME_MAX, 'a Google Cloud resource name', problems);
    }
  });
  // meshfleet keys a gateway's static address by its name alone: one name, one address.
  const staticAddresses = model.gateways.flatMap((gateway, i) =>
    gateway.addresses.flatMap((address, j) =>
      address.staticAddress === undefined ? [] : [{ path: `gateways[${i}].addresses[${j}].staticAddress`, name: address.staticAddress, region: address.region }],
    ),
  );
  staticAddresses.forEach((later, k) => {
    const earlier = staticAddresses.slice(0, k).find((a) => a.name === later.name && a.region !== later.region);
    if (earlier !== undefined) {
      problems.push(
        problem(later.path, `static address name already used in ${earlier.region} by ${earlier.path} (meshfleet reserves one address per name)`, later.name, 'a name of its own'),
      );
    }
  });
  for (const [region, addresses] of addressesByRegion(input, model)) {
    addresses.forEach((later, j) => {
      const earlier = addresses.slice(0, j).find((a) => a.name === later.name);
      if (earlier === undefined) return;
      // Report where the topology can change it: the given name of the two.
      const [at, other] = later.given || !earlier.given ? [later, earlier] : [earlier, later];
      problems.push(problem(at.path, `address name already used in ${region} by ${other.path}`, at.name, 'a name no other address of the region uses'));
    });
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
  checkLocations(input, problems);
  checkShortNames(model, problems);
  checkRegions(input, problems);
  checkOperatorCidrs(model, problems);
  checkFleet(input, model, problems);
  checkGateways(model, problems);
  checkMesh(input, model, problems);
  checkApps(input, model, problems);
  checkAppReferences(input, model.apps, problems);
  checkVmWorkloads(model, problems);
  checkGatewayDetails(model, problems);
  checkGatewayListeners(input, model, problems);
  checkMeshRoutes(model, problems);
  checkTrafficPolicies(model, problems);
  checkMultiClusterIngress(input, model, problems);
  checkTrafficModel(model, problems);
  checkEgress(model, problems);
  checkSecurityPolicies(model, problems);
  checkResourceNames(input, model, problems);
  checkBackend(model, problems);
  checkGitOps(input, problems);
  checkSecurity(input, model, problems);
  checkMeshSupport(input, model, problems);
  checkProjectId(input, problems);
  checkGcpLabels(input, model, problems);
  checkAppNamespaces(model, problems);
  checkImages(input, problems);
  checkHosts(input, problems);
  checkObjectNames(model, problems);
  checkLimits(model, problems);
  checkExtras(model, problems);
  return problems;
}
