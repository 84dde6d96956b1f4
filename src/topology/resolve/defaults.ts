import {
  gkeClusters,
  AppInput,
  AppSecretInput,
  ClusterInput,
  IstioApiVersion,
  MeshInput,
  MeshRouteInput,
  MeshRouteRuleInput,
  ResolvedMeshRoute,
  ResolvedMeshRouteRule,
  ValueMatchInput,
  MultiClusterIngressInput,
  ResolvedApp,
  ResolvedAppSecret,
  ResolvedBackend,
  ResolvedMesh,
  ResolvedVersion,
  ResolvedMultiClusterIngress,
  ResolvedCluster,
  ResolvedGkeCluster,
  ResolvedMeshInstall,
  ResolvedMeshInstallSettings,
  ResolvedRegion,
  ResolvedVmWorkload,
  ResolvedWorkload,
  WorkloadInput,
  VmWorkloadInput,
  ResolvedTopology,
  TopologyInput,
  isGkeCluster,
} from '../model/types';
import { resolveGrpcMethodMatch } from '../model/gateway-routes';
import { resolveGateway } from './gateways';
import { MODEL_DEFAULTS } from '../generated/defaults.generated';
import { resolveGitOps } from './gitops';
import { resolveAuthorizationPolicy, resolveRequestAuthentication } from './security-policy';
import { derivedName, SERVICE_ACCOUNT_ID_LENGTH } from '../rules/names';

/**
 * The defaults of the topology model that other modules and tests name: literal ones read from
 * the model's `@default` tags (src/topology/generated/defaults.generated.ts, their one copy;
 * this file reads the others from there directly). Computed defaults (derived from other
 * fields) are code in this file.
 */
export const DEFAULTS = {
  networkName: MODEL_DEFAULTS.NetworkInput.name,
  role: MODEL_DEFAULTS.ClusterInput.role,
  private: MODEL_DEFAULTS.ClusterInput.private,
  machineType: MODEL_DEFAULTS.NodePoolInput.machineType,
  minNodes: MODEL_DEFAULTS.NodePoolInput.minNodes,
  maxNodes: MODEL_DEFAULTS.NodePoolInput.maxNodes,
  gatewayApi: MODEL_DEFAULTS.ClusterInput.gatewayApi,
  fleet: MODEL_DEFAULTS.ClusterInput.fleet,
  releaseChannel: MODEL_DEFAULTS.ClusterInput.releaseChannel,
  deletionProtection: MODEL_DEFAULTS.ClusterInput.deletionProtection,
  dataplaneV2: MODEL_DEFAULTS.ClusterInput.dataplaneV2,
  authorizedNetworks: MODEL_DEFAULTS.ClusterInput.authorizedNetworks,
  vulnerabilityScanning: MODEL_DEFAULTS.ClusterInput.vulnerabilityScanning,
  gkeEnterprise: MODEL_DEFAULTS.ProjectInput.gkeEnterprise,
  natLogFilter: MODEL_DEFAULTS.NatInput.logFilter,
  gcsPrefix: MODEL_DEFAULTS.BackendInput.prefix,
  ingressGatewayName: MODEL_DEFAULTS.IngressGatewayInput.name,
  ingressGatewayNamespace: MODEL_DEFAULTS.IngressGatewayInput.namespace,
  ingressGatewayLabels: MODEL_DEFAULTS.IngressGatewayInput.labels,
  ingressPort: MODEL_DEFAULTS.MultiClusterIngressInput.port,
  healthCheck: MODEL_DEFAULTS.MultiClusterIngressInput.healthCheck,
  workloadKind: MODEL_DEFAULTS.WorkloadInput.kind,
  portName: MODEL_DEFAULTS.WorkloadInput.portName,
  replicas: MODEL_DEFAULTS.WorkloadInput.replicas,
  platform: MODEL_DEFAULTS.ClusterInput.platform,
  meshDistribution: MODEL_DEFAULTS.MeshInput.distribution,
  meshModel: MODEL_DEFAULTS.MeshInput.model,
  meshMtls: MODEL_DEFAULTS.MeshInput.mtls,
  meshDefaultDeny: MODEL_DEFAULTS.MeshInput.defaultDeny,
  /** Version of an in-cluster mesh that pins none: a current Istio release line. */
  meshVersion: MODEL_DEFAULTS.MeshInput.version,
  allowLoadBalancerPlaintext: MODEL_DEFAULTS.MeshInput.allowLoadBalancerPlaintext,
  /** First Istio release that serves networking.istio.io/v1 (not a field of the file). */
  istioV1Since: [1, 22],
  /** Size of the RSA key pairs the runbook generates for app secrets. */
  rsaBits: MODEL_DEFAULTS.RsaKeyPairInput.bits,
  /** Config Sync's authentication when the topology names none (the other GitOps defaults: resolve/gitops.ts). */
  configSyncAuth: MODEL_DEFAULTS.ConfigSyncInput.auth,
} as const;

/**
 * Default names of the Google Cloud resources that two topologies in one project could
 * otherwise both create: each starts with the topology name and is shortened with a hash suffix
 * ({@link derivedName}) when it would exceed the resource's length limit.
 */
export const DEFAULT_NAMES = {
  /** Node service account ID: `<topology>-nodes` (at most 30 characters). */
  nodeServiceAccount: (topology: string): string => derivedName([topology, 'nodes'], SERVICE_ACCOUNT_ID_LENGTH.max),
  /** Mesh firewall rule: `<topology>-pods-and-masters`. */
  firewall: (topology: string): string => derivedName([topology, 'pods-and-masters']),
  /** Reserved NAT address: `<topology>-<region>-nat-ip`. */
  natAddress: (topology: string, region: string): string => derivedName([topology, region, 'nat-ip']),
  /** Cloud Router: `<topology>-rtr-<region>`. */
  router: (topology: string, region: string): string => derivedName([topology, 'rtr', region]),
  /** Cloud NAT: `<topology>-nat-gw-<region>`. */
  nat: (topology: string, region: string): string => derivedName([topology, 'nat-gw', region]),
  /** Reserved east-west gateway address of a primary-remote mesh's GKE primary: `<topology>-<cluster>-eastwest`. */
  eastWestAddress: (topology: string, cluster: string): string => derivedName([topology, cluster, 'eastwest']),
} as const;

/** `us-west2-a` → `us-west2`. */
export function regionOfZone(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}

function resolveMeshInstall(input: ClusterInput, topology: TopologyInput): ResolvedMeshInstall | undefined {
  const mesh = topology.mesh;
  if (mesh?.management !== 'in-cluster' || (input.role ?? DEFAULTS.role) !== 'workload') return undefined;
  const platform = input.platform ?? DEFAULTS.platform;
  const remote = (mesh.model ?? DEFAULTS.meshModel) === 'primary-remote' && mesh.primary !== input.name;
  return {
    network: input.meshNetwork ?? (platform === 'gke' ? (topology.network?.name ?? DEFAULTS.networkName) : input.name),
    controlPlane: remote ? 'remote' : 'primary',
  };
}

function resolveGkeCluster(input: ClusterInput & { readonly zone: string }): Omit<ResolvedGkeCluster, Exclude<keyof ResolvedCluster, 'platform'>> {
  const minNodes = input.nodePool?.minNodes ?? DEFAULTS.minNodes;
  return {
    platform: 'gke',
    zone: input.zone,
    region: input.region ?? regionOfZone(input.zone),
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
    dataplaneV2: input.dataplaneV2 ?? DEFAULTS.dataplaneV2,
    authorizedNetworks: input.authorizedNetworks ?? DEFAULTS.authorizedNetworks,
    vulnerabilityScanning: input.vulnerabilityScanning ?? DEFAULTS.vulnerabilityScanning,
  };
}

/**
 * A GKE cluster without a zone is reported by the rules; it resolves as an external cluster so
 * that nothing downstream sees a cluster without a location.
 */
function resolveCluster(input: ClusterInput, topology: TopologyInput): ResolvedCluster {
  const role = input.role ?? DEFAULTS.role;
  const common = {
    name: input.name,
    role,
    shortName: input.shortName ?? input.name.replace(/^gke-/, ''),
    meshMember: topology.mesh !== undefined && role === 'workload',
    meshInstall: resolveMeshInstall(input, topology),
    extraObjects: input.extraObjects ?? MODEL_DEFAULTS.ClusterInput.extraObjects,
    patches: input.patches ?? MODEL_DEFAULTS.ClusterInput.patches,
  };
  const zone = input.zone;
  if ((input.platform ?? DEFAULTS.platform) === 'gke' && zone !== undefined) {
    return { ...common, ...resolveGkeCluster({ ...input, zone }) };
  }
  return { ...common, platform: 'external', ...(input.kubernetesVersion === undefined ? {} : { kubernetesVersion: input.kubernetesVersion }) };
}

/** networking.istio.io version served by a mesh: v1 on fleet-managed and Istio >= 1.22. */
export function istioApiVersionOf(mesh: Pick<MeshInput, 'management' | 'version'>): IstioApiVersion {
  if (mesh.management === 'fleet' || mesh.version === undefined) return 'v1';
  const [major, minor] = mesh.version.split('.').map(Number);
  const [v1Major, v1Minor] = DEFAULTS.istioV1Since;
  return major > v1Major || (major === v1Major && minor >= v1Minor) ? 'v1' : 'v1beta1';
}

function resolveInstallSettings(mesh: MeshInput, projectNumber: string | undefined): ResolvedMeshInstallSettings {
  return {
    distribution: mesh.distribution ?? DEFAULTS.meshDistribution,
    meshId: mesh.meshId ?? (projectNumber === undefined ? '' : `proj-${projectNumber}`),
    model: mesh.model ?? DEFAULTS.meshModel,
    primary: mesh.primary,
    primaryAddress: mesh.primaryAddress,
    clusterAdmin: mesh.clusterAdmin,
  };
}

function resolveMesh(mesh: MeshInput, projectNumber: string | undefined): ResolvedMesh {
  const gateway = mesh.ingressGateway;
  return {
    management: mesh.management,
    revision: mesh.revision,
    version: mesh.management === 'in-cluster' ? (mesh.version ?? DEFAULTS.meshVersion) : mesh.version,
    istioApiVersion: istioApiVersionOf(mesh),
    ingressGateway: gateway && {
      name: gateway.name ?? DEFAULTS.ingressGatewayName,
      namespace: gateway.namespace ?? DEFAULTS.ingressGatewayNamespace,
      labels: { ...(gateway.labels ?? DEFAULTS.ingressGatewayLabels) },
      ...(gateway.https === undefined
        ? {}
        : { https: { credentialName: gateway.https.credentialName, hosts: [...(gateway.https.hosts ?? MODEL_DEFAULTS.IngressGatewayHttpsInput.hosts)] } }),
      ...(gateway.serviceType === undefined ? {} : { serviceType: gateway.serviceType }),
    },
    ...(mesh.egressGateway === undefined
      ? {}
      : {
          egressGateway: {
            name: mesh.egressGateway.name ?? MODEL_DEFAULTS.EgressGatewayInput.name,
            namespace: mesh.egressGateway.namespace ?? MODEL_DEFAULTS.EgressGatewayInput.namespace,
            labels: { ...(mesh.egressGateway.labels ?? MODEL_DEFAULTS.EgressGatewayInput.labels) },
          },
        }),
    install: mesh.management === 'in-cluster' ? resolveInstallSettings(mesh, projectNumber) : undefined,
    ...(mesh.outboundTrafficPolicy === undefined ? {} : { outboundTrafficPolicy: mesh.outboundTrafficPolicy }),
    routing: mesh.routing ?? MODEL_DEFAULTS.MeshInput.routing,
    mtls: mesh.mtls ?? DEFAULTS.meshMtls,
    defaultDeny: mesh.defaultDeny ?? DEFAULTS.meshDefaultDeny,
    allowLoadBalancerPlaintext: mesh.allowLoadBalancerPlaintext ?? DEFAULTS.allowLoadBalancerPlaintext,
    ...(mesh.eastWestLoadBalancer === undefined ? {} : { eastWestLoadBalancer: mesh.eastWestLoadBalancer }),
  };
}

/** Names and annotation keys of multi-cluster ingress objects. */
export const MCS_DEFAULTS = {
  /** Backend-config annotation of seed 000's shape, spelled as the seed writes it. */
  seedBackendConfigAnnotation: 'beta.cloud.google.com/backend-config',
  /** Backend-config annotation of the general shape, as current GKE docs write it. */
  backendConfigAnnotation: 'cloud.google.com/backend-config',
  /** Port name of seed 000's MultiClusterService when no single workload is exposed. */
  seedPortName: 'http',
} as const;

/**
 * Seed 000's MultiClusterService port name: the exposed workload's name when exactly one is
 * exposed (seed 000: `frontend`), else {@link MCS_DEFAULTS.seedPortName}.
 */
export function seedMcsPortName(apps: ReadonlyArray<ResolvedApp>): string {
  const exposed = apps.flatMap((app) => app.workloads.filter((w) => w.expose !== undefined));
  return exposed.length === 1 ? exposed[0].name : MCS_DEFAULTS.seedPortName;
}

/** Seed 000's shape (no `services`): one service in front of the mesh ingress gateway, on the mesh members. */
function resolveSeedIngress(
  input: MultiClusterIngressInput,
  base: { readonly name: string; readonly namespace: string; readonly gatewayName: string },
  context: MultiClusterIngressContext,
): ResolvedMultiClusterIngress {
  const serviceName = input.serviceName ?? `${base.gatewayName}-multicluster-svc`;
  const port = input.port ?? DEFAULTS.ingressPort;
  const backendConfigName = input.backendConfigName ?? `${context.configCluster ?? 'ingress'}-config`;
  return {
    name: base.name,
    namespace: base.namespace,
    services: [
      {
        name: serviceName,
        selector: { ...(context.mesh?.ingressGateway?.labels ?? {}) },
        ports: [{ name: seedMcsPortName(context.apps), port }],
        clusters: gkeClusters(context)
          .filter((c) => c.meshMember)
          .map((c) => c.name),
        backendConfig: { annotation: MCS_DEFAULTS.seedBackendConfigAnnotation, ports: [{ port, name: backendConfigName }] },
        appProtocols: [],
      },
    ],
    backendConfigs: [
      {
        name: backendConfigName,
        healthCheck: {
          ...input.healthCheck,
          type: input.healthCheck?.type ?? DEFAULTS.healthCheck.type,
          port: input.healthCheck?.port ?? DEFAULTS.healthCheck.port,
          path: input.healthCheck?.path ?? DEFAULTS.healthCheck.path,
        },
      },
    ],
    rules: [],
    defaultBackend: { service: serviceName, port },
    preSharedCerts: [],
    managedCertificates: [],
    meshGateway: true,
  };
}

/** What resolving a multi-cluster ingress reads besides its own input. */
interface MultiClusterIngressContext {
  readonly mesh: ResolvedMesh | undefined;
  readonly configCluster: string | undefined;
  readonly clusters: ReadonlyArray<ResolvedCluster>;
  readonly apps: ReadonlyArray<ResolvedApp>;
}

function resolveMultiClusterIngress(input: MultiClusterIngressInput, context: MultiClusterIngressContext): ResolvedMultiClusterIngress {
  const gatewayName = context.mesh?.ingressGateway?.name ?? DEFAULTS.ingressGatewayName;
  const base = {
    name: input.name ?? `${gatewayName}-multicluster-ingress`,
    namespace: input.namespace ?? context.mesh?.ingressGateway?.namespace ?? DEFAULTS.ingressGatewayNamespace,
    gatewayName,
  };
  if (input.services === undefined) return resolveSeedIngress(input, base, context);
  const managed = (input.managedCertificates ?? []).map((c) => ({ name: c.name, domains: [...c.domains] }));
  return {
    name: base.name,
    namespace: base.namespace,
    services: input.services.map((svc) => {
      const perPort = svc.ports.filter((p) => p.backendConfig !== undefined).map((p) => ({ port: p.port, name: p.backendConfig! }));
      const annotated = svc.backendConfig !== undefined || perPort.length > 0;
      return {
        name: svc.name,
        selector: { ...(svc.selector ?? context.mesh?.ingressGateway?.labels ?? {}) },
        ports: svc.ports.map((p) => ({ name: p.name, port: p.port, ...(p.targetPort === undefined ? {} : { targetPort: p.targetPort }) })),
        ...(svc.clusters === undefined ? {} : { clusters: [...svc.clusters] }),
        ...(annotated ? { backendConfig: { annotation: MCS_DEFAULTS.backendConfigAnnotation, default: svc.backendConfig, ports: perPort } } : {}),
        appProtocols: svc.ports.filter((p) => p.appProtocol !== undefined).map((p) => ({ port: p.name, protocol: p.appProtocol! })),
      };
    }),
    backendConfigs: (input.backendConfigs ?? []).map(({ healthCheck, ...b }) => ({
      ...b,
      ...(healthCheck === undefined ? {} : { healthCheck: { ...healthCheck, type: healthCheck.type ?? MODEL_DEFAULTS.HealthCheckInput.type } }),
    })),
    rules: (input.rules ?? []).map((r) => ({ ...r, paths: r.paths.map((p) => ({ ...p })) })),
    ...(input.defaultBackend === undefined ? {} : { defaultBackend: { ...input.defaultBackend } }),
    ...(input.staticIp === undefined ? {} : { staticIp: input.staticIp }),
    ...(input.staticAddressName === undefined ? {} : { staticAddressName: input.staticAddressName }),
    preSharedCerts: [...(input.preSharedCerts ?? []), ...managed.map((c) => c.name)],
    managedCertificates: managed,
    meshGateway: false,
  };
}

/** The cluster VMs register with by default: the primary, or the first mesh cluster. */
function defaultVmCluster(clusters: readonly ResolvedCluster[], mesh: ResolvedMesh | undefined): string {
  return mesh?.install?.primary ?? clusters.find((c) => c.meshInstall?.controlPlane === 'primary')?.name ?? '';
}

function resolveVmWorkload(vm: VmWorkloadInput, defaultCluster: string): ResolvedVmWorkload {
  return {
    name: vm.name,
    labels: { ...(vm.labels ?? { app: vm.name }) },
    serviceAccount: vm.serviceAccount ?? vm.name,
    ports: vm.ports.map((p) => ({ ...p })),
    network: vm.network,
    probe: vm.probe && { ...vm.probe },
    cluster: vm.cluster ?? defaultCluster,
  };
}

/** A deep copy of plain data (the model never shares arrays or objects with the input). */
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Fills the defaults of one workload; `workloadClusters` run it when it lists no clusters. */
export function resolveWorkload(w: WorkloadInput, workloadClusters: readonly string[]): ResolvedWorkload {
  return {
    name: w.name,
    kind: w.kind ?? DEFAULTS.workloadKind,
    volumeClaimTemplates: (w.volumeClaimTemplates ?? MODEL_DEFAULTS.WorkloadInput.volumeClaimTemplates).map((t) => ({
      metadata: { name: t.metadata.name },
      spec: { ...copy(t.spec), accessModes: [...(t.spec.accessModes ?? MODEL_DEFAULTS.ClaimTemplateSpecInput.accessModes)] },
    })),
    ...(w.podManagementPolicy === undefined ? {} : { podManagementPolicy: w.podManagementPolicy }),
    ...(w.updateStrategy === undefined ? {} : { updateStrategy: copy(w.updateStrategy) }),
    ...(w.persistentVolumeClaimRetentionPolicy === undefined ? {} : { persistentVolumeClaimRetentionPolicy: copy(w.persistentVolumeClaimRetentionPolicy) }),
    image: w.image,
    port: w.port,
    servicePort: w.servicePort ?? w.port,
    portName: w.portName ?? DEFAULTS.portName,
    extraPorts: (w.extraPorts ?? []).map((p) => ({ name: p.name, port: p.port, servicePort: p.servicePort ?? p.port })),
    serviceType: w.serviceType,
    extraServices: copy(w.extraServices ?? []),
    containerName: w.containerName ?? w.name,
    replicas: w.replicas ?? DEFAULTS.replicas,
    args: w.args && [...w.args],
    env: copy(w.env ?? {}),
    envFrom: copy(w.envFrom ?? []),
    volumes: copy(w.volumes ?? []),
    volumeMounts: copy(w.volumeMounts ?? []),
    initContainers: copy(w.initContainers ?? []),
    readinessProbe: copy(w.readinessProbe ?? w.probe),
    livenessProbe: copy(w.livenessProbe ?? w.probe),
    startupProbe: copy(w.startupProbe),
    resources: copy(w.resources),
    securityContext: copy(w.securityContext),
    podSecurityContext: copy(w.podSecurityContext),
    serviceAccountName: w.serviceAccountName,
    podAnnotations: { ...(w.podAnnotations ?? {}) },
    terminationGracePeriodSeconds: w.terminationGracePeriodSeconds,
    clusters: [...(w.clusters ?? workloadClusters)],
    version: w.versions?.[0]?.name ?? w.version,
    canary: w.canary && { version: w.canary.version, weight: w.canary.weight, image: w.canary.image ?? w.image, env: { ...(w.canary.env ?? {}) } },
    versions: resolveVersions(w),
    selectorIncludesVersion: w.selectorIncludesVersion ?? MODEL_DEFAULTS.WorkloadInput.selectorIncludesVersion,
    virtualServiceName: w.virtualServiceName ?? w.name,
    destinationRuleName: w.destinationRuleName ?? w.name,
    ...(w.trafficPolicy === undefined ? {} : { trafficPolicy: copy(w.trafficPolicy) }),
    ...(w.sidecar === undefined ? {} : { sidecar: copy(w.sidecar) }),
    expose: w.expose && { hosts: [...w.expose.hosts] },
    export: w.export ?? MODEL_DEFAULTS.WorkloadInput.export,
    ...(w.nativeSidecar === undefined ? {} : { nativeSidecar: w.nativeSidecar }),
  };
}

/**
 * The traffic split of a workload: its `versions` with the workload's image, replicas and no
 * extra env or labels by default; or a canary's two versions (stable `100 - weight`, with the
 * workload's settings; canary `weight`, with its image and env); else none.
 */
function resolveVersions(w: WorkloadInput): ResolvedVersion[] {
  const replicas = w.replicas ?? DEFAULTS.replicas;
  if (w.versions !== undefined) {
    return w.versions.map((v) => ({
      name: v.name,
      weight: v.weight,
      image: v.image ?? w.image,
      env: { ...(v.env ?? {}) },
      replicas: v.replicas ?? replicas,
      labels: { ...(v.labels ?? {}) },
      ...(v.trafficPolicy === undefined ? {} : { trafficPolicy: copy(v.trafficPolicy) }),
    }));
  }
  if (w.canary === undefined || w.version === undefined) return [];
  return [
    { name: w.version, weight: 100 - w.canary.weight, image: w.image, env: {}, replicas, labels: {} },
    { name: w.canary.version, weight: w.canary.weight, image: w.canary.image ?? w.image, env: { ...(w.canary.env ?? {}) }, replicas, labels: {} },
  ];
}

function resolveSecret(secret: AppSecretInput): ResolvedAppSecret {
  const pair = secret.rsaKeyPair;
  if (pair !== undefined) {
    const rsaKeyPair = { privateKey: pair.privateKey, publicKey: pair.publicKey, bits: pair.bits ?? DEFAULTS.rsaBits };
    return { name: secret.name, keys: [pair.privateKey, pair.publicKey], rsaKeyPair };
  }
  return { name: secret.name, keys: [...(secret.keys ?? [])] };
}

function resolveApp(app: AppInput, workloadClusters: readonly string[], vmCluster: string): ResolvedApp {
  return {
    namespace: app.namespace,
    configMaps: (app.configMaps ?? []).map((c) => ({ name: c.name, data: { ...(c.data ?? {}) }, external: c.external ?? MODEL_DEFAULTS.ConfigMapInput.external })),
    serviceAccounts: [...(app.serviceAccounts ?? [])],
    secrets: (app.secrets ?? []).map(resolveSecret),
    vmWorkloads: (app.vmWorkloads ?? []).map((vm) => resolveVmWorkload(vm, vmCluster)),
    workloads: (app.workloads ?? []).map((w) => resolveWorkload(w, workloadClusters)),
    serviceEntries: (app.serviceEntries ?? []).map((e) => ({
      name: e.name,
      hosts: [...e.hosts],
      ports: e.ports.map((p) => ({ ...p })),
      resolution: e.resolution ?? MODEL_DEFAULTS.ServiceEntryInput.resolution,
      location: e.location ?? MODEL_DEFAULTS.ServiceEntryInput.location,
      addresses: [...(e.addresses ?? [])],
      endpoints: (e.endpoints ?? []).map((endpoint) => (typeof endpoint === 'string' ? { address: endpoint } : copy(endpoint))),
      egressGateway: e.egressGateway ?? MODEL_DEFAULTS.ServiceEntryInput.egressGateway,
      ...(e.trafficPolicy === undefined ? {} : { trafficPolicy: copy(e.trafficPolicy) }),
    })),
    ...(app.sidecar === undefined ? {} : { sidecar: copy(app.sidecar) }),
    routes: (app.routes ?? []).map(resolveMeshRoute),
    authorizationPolicies: (app.authorizationPolicies ?? []).map(resolveAuthorizationPolicy),
    requestAuthentications: (app.requestAuthentications ?? []).map(resolveRequestAuthentication),
    extraObjects: app.extraObjects ?? MODEL_DEFAULTS.AppInput.extraObjects,
    patches: app.patches ?? MODEL_DEFAULTS.AppInput.patches,
  };
}

function resolveMeshRouteRule(rule: MeshRouteRuleInput): ResolvedMeshRouteRule {
  const values = (list: readonly ValueMatchInput[] | undefined) => (list ?? []).map((m) => ({ name: m.name, value: m.value, type: m.type ?? MODEL_DEFAULTS.ValueMatchInput.type }));
  const { matches, backends, mirror, ...rest } = copy(rule);
  return {
    ...rest,
    matches: (matches ?? []).map((m) => ({
      ...(m.path === undefined ? {} : { path: { type: m.path.type ?? MODEL_DEFAULTS.PathMatchInput.type, value: m.path.value } }),
      headers: values(m.headers),
      queryParams: values(m.queryParams),
      ...(m.method === undefined ? {} : { method: typeof m.method === 'string' ? m.method : resolveGrpcMethodMatch(m.method) }),
    })),
    backends: backends ?? (rule.redirect === undefined ? [{}] : []),
    ...(mirror === undefined ? {} : { mirror: { version: mirror.version, percent: mirror.percent ?? MODEL_DEFAULTS.RouteMirrorInput.percent } }),
  };
}

function resolveMeshRoute(route: MeshRouteInput): ResolvedMeshRoute {
  return { kind: route.kind ?? MODEL_DEFAULTS.MeshRouteInput.kind, name: route.name ?? route.service, service: route.service, rules: route.rules.map(resolveMeshRouteRule) };
}

function resolveRegions(input: TopologyInput, clusters: readonly ResolvedGkeCluster[]): ResolvedRegion[] {
  const declared = input.regions ?? [];
  const names = [...declared.map((r) => r.name)];
  for (const cluster of clusters) {
    if (!names.includes(cluster.region)) names.push(cluster.region);
  }
  return names.map((name) => {
    const region = declared.find((r) => r.name === name);
    const hostsPrivateCluster = clusters.some((c) => c.region === name && c.private);
    const natEnabled = region?.nat?.enabled ?? hostsPrivateCluster;
    const nat = region?.nat;
    return {
      name,
      nat: natEnabled
        ? {
            logFilter: nat?.logFilter ?? DEFAULTS.natLogFilter,
            addressName: nat?.addressName ?? DEFAULT_NAMES.natAddress(input.name, name),
            routerName: nat?.routerName ?? DEFAULT_NAMES.router(input.name, name),
            natName: nat?.natName ?? DEFAULT_NAMES.nat(input.name, name),
          }
        : undefined,
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
  const clusters = input.clusters.map((c) => resolveCluster(c, input));
  const mesh = input.mesh && resolveMesh(input.mesh, input.project.number);
  const workloadClusters = clusters.filter((c) => c.role === 'workload').map((c) => c.name);
  const apps = (input.apps ?? []).map((app) => resolveApp(app, workloadClusters, defaultVmCluster(clusters, mesh)));
  return {
    name: input.name,
    project: {
      id: input.project.id,
      number: input.project.number,
      nodeServiceAccount: input.project.nodeServiceAccount ?? DEFAULT_NAMES.nodeServiceAccount(input.name),
      gkeEnterprise: input.project.gkeEnterprise ?? DEFAULTS.gkeEnterprise,
    },
    network: {
      name: input.network?.name ?? DEFAULTS.networkName,
      subnets: (input.network?.subnets ?? []).map((s) => ({ ...s })),
      firewallName: input.network?.firewallName ?? DEFAULT_NAMES.firewall(input.name),
    },
    regions: resolveRegions(input, clusters.filter(isGkeCluster)),
    operatorCidrs: [...(input.operatorCidrs ?? [])],
    clusters,
    mesh,
    fleet: {
      configCluster: input.fleet?.configCluster,
      multiClusterServices: input.fleet?.multiClusterServices ?? MODEL_DEFAULTS.FleetInput.multiClusterServices,
    },
    gateways: (input.gateways ?? []).map(resolveGateway),
    multiClusterIngress: input.multiClusterIngress && resolveMultiClusterIngress(input.multiClusterIngress, { mesh, configCluster: input.fleet?.configCluster, clusters, apps }),
    apps,
    terraform: { backend: resolveBackend(input) },
    ...(input.gitops === undefined ? {} : { gitops: resolveGitOps(input) }),
  };
}
