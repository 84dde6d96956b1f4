import {
  ClusterInput,
  ResolvedBackend,
  ResolvedCluster,
  ResolvedRegion,
  ResolvedTopology,
  TopologyInput,
} from './types';

/** Every default of the topology model, in one place. */
export const DEFAULTS = {
  networkName: 'default',
  role: 'workload',
  private: true,
  machineType: 'e2-standard-4',
  minNodes: 3,
  maxNodes: 5,
  gatewayApi: 'disabled',
  fleet: true,
  releaseChannel: 'REGULAR',
  deletionProtection: true,
  natLogFilter: 'ALL',
  gcsPrefix: 'meshfleet',
} as const;

/** `us-west2-a` → `us-west2`. */
export function regionOfZone(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}

function resolveCluster(input: ClusterInput, hasMesh: boolean): ResolvedCluster {
  const role = input.role ?? DEFAULTS.role;
  const minNodes = input.nodePool?.minNodes ?? DEFAULTS.minNodes;
  return {
    name: input.name,
    zone: input.zone,
    region: input.region ?? regionOfZone(input.zone),
    role,
    private: input.private ?? DEFAULTS.private,
    masterCidr: input.masterCidr,
    podCidr: input.podCidr,
    subnet: input.subnet,
    nodePool: {
      machineType: input.nodePool?.machineType ?? DEFAULTS.machineType,
      minNodes,
      maxNodes: input.nodePool?.maxNodes ?? DEFAULTS.maxNodes,
      initialNodes: input.nodePool?.initialNodes ?? minNodes,
    },
    gatewayApi: input.gatewayApi ?? DEFAULTS.gatewayApi,
    fleet: input.fleet ?? DEFAULTS.fleet,
    releaseChannel: input.releaseChannel ?? DEFAULTS.releaseChannel,
    labels: { ...(input.labels ?? {}) },
    deletionProtection: input.deletionProtection ?? DEFAULTS.deletionProtection,
    meshMember: hasMesh && role === 'workload',
  };
}

function resolveRegions(input: TopologyInput, clusters: readonly ResolvedCluster[]): ResolvedRegion[] {
  const declared = input.regions ?? [];
  const names = [...declared.map((r) => r.name)];
  for (const cluster of clusters) {
    if (!names.includes(cluster.region)) names.push(cluster.region);
  }
  return names.map((name) => {
    const region = declared.find((r) => r.name === name);
    const hostsPrivateCluster = clusters.some((c) => c.region === name && c.private);
    const natEnabled = region?.nat?.enabled ?? hostsPrivateCluster;
    return {
      name,
      nat: natEnabled ? { logFilter: region?.nat?.logFilter ?? DEFAULTS.natLogFilter } : undefined,
      proxyOnlySubnet: region?.proxyOnlySubnet,
    };
  });
}

function resolveBackend(input: TopologyInput): ResolvedBackend {
  const backend = input.terraform?.backend;
  if (backend?.type === 'gcs') {
    return { type: 'gcs', bucket: backend.bucket ?? '', prefix: backend.prefix ?? DEFAULTS.gcsPrefix };
  }
  return { type: 'local' };
}

/**
 * Fills every default of a structurally valid topology. Pure: the same input always
 * gives the same model, in the same order.
 */
export function resolveTopology(input: TopologyInput): ResolvedTopology {
  const clusters = input.clusters.map((c) => resolveCluster(c, input.mesh !== undefined));
  return {
    name: input.name,
    project: { id: input.project.id, number: input.project.number },
    network: {
      name: input.network?.name ?? DEFAULTS.networkName,
      subnets: (input.network?.subnets ?? []).map((s) => ({ ...s })),
    },
    regions: resolveRegions(input, clusters),
    operatorCidrs: [...(input.operatorCidrs ?? [])],
    clusters,
    mesh: input.mesh ? { ...input.mesh } : undefined,
    fleet: {
      configCluster: input.fleet?.configCluster,
      multiClusterServices: input.fleet?.multiClusterServices ?? false,
    },
    gateways: (input.gateways ?? []).map((g) => ({
      ...g,
      addresses: g.addresses.map((a) => ({ ...a })),
    })),
    terraform: { backend: resolveBackend(input) },
  };
}
