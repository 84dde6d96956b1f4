import { CHART_FILES, KUBERNETES_DIR, MESH_INSTALL_FILES } from '../output/paths';
import { assume } from '../topology/rules/assume';
import { isMultiClusterGatewayClass } from '../topology/model/gateway-classes';
import { ResolvedApp, ResolvedCluster, ResolvedTopology } from '../topology/model/types';
import { eastWestGatewayOf, vmWorkloadsOf } from '../topology/resolve/mesh-plan';
import { loadBalancerPlaintextOf } from '../topology/resolve/load-balancer-plaintext';
import { eastWestLoadBalancerOf, ingressGatewayServiceTypeOf, nativeSidecarOf } from '../topology/resolve/mesh-support';
import { ISTIO_SYSTEM_NAMESPACE, loadBalancerPlaintextPolicyName, perClusterServiceName } from './names';
import { gatewayApiChannelOf, gatewayApiCrdsOf } from './gateway-api';
import { appExtraComponents, clusterExtraComponents, planPatches } from './extras';
import { egressGatewayPortsIn } from './egress';
import { objectsOf } from './objects';
import { appRunsIn, hasObjects, hasRoute, placementOf, serviceEntriesIn } from './placement';
import { certificateReferenceGrantsOf } from './gateway-certificates';
import { gatewayReferenceGrantsOf, gatewayTrafficOf, istioMeshObjectsOf, serviceTrafficOf, versionExportsOf } from './traffic/resolve';
import { ClusterPlan, PlannedComponent, PlannedFile } from './types';

/*
 * Which files a cluster folder gets and which constructs build each: the placement decisions
 * that src/k8s/cluster-charts.ts renders. See `planCluster` for the file order.
 */

/** A file with its components; its objects are derived from them. */
function fileOf(model: ResolvedTopology, path: string, components: readonly PlannedComponent[], kustomized = true): PlannedFile {
  return { path, kustomized, components, objects: components.flatMap((c) => objectsOf(model, c)) };
}

/** The namespaces the cluster's files use, in the order they first appear, and who first used each. */
class NamespaceUse {
  readonly used: Array<{ readonly name: string; readonly source: string }> = [];

  use(name: string, source: string): void {
    if (!this.used.some((u) => u.name === name)) this.used.push({ name, source });
  }
}

/** `cluster-admin-binding.yaml` and `istio-system.yaml` of a cluster that meshfleet installs the mesh into. */
function controlPlaneFiles(model: ResolvedTopology, cluster: ResolvedCluster, source: string): PlannedFile[] {
  const mesh = model.mesh!;
  const install = mesh.install!;
  const meshInstall = cluster.meshInstall!;
  const files: PlannedFile[] = [];
  if (install.clusterAdmin !== undefined) {
    files.push(
      fileOf(model, CHART_FILES.clusterAdminBinding, [{ component: 'ClusterAdminBinding', id: 'cluster-admin-binding', source: 'mesh.clusterAdmin', user: install.clusterAdmin }]),
    );
  }
  // The validating webhook calls `istiod`, which a revisioned install does not create (seed 001).
  const istiodRevision = meshInstall.controlPlane === 'primary' ? mesh.revision : undefined;
  const eastWest = eastWestGatewayOf(model, cluster);
  const istioSystem: PlannedComponent[] = [];
  if (istiodRevision !== undefined) istioSystem.push({ component: 'IstiodService', id: 'istiod-service', source: 'mesh.revision', revision: istiodRevision });
  if (eastWest?.crossNetwork === true) istioSystem.push({ component: 'CrossNetworkGateway', id: 'cross-network-gateway', source });
  if (eastWest?.exposeIstiod === true) istioSystem.push({ component: 'IstiodExposure', id: 'istiod-exposure', source });
  if (istioSystem.length > 0) files.push(fileOf(model, CHART_FILES.istioSystem, istioSystem));
  return files;
}

/** The components of one workload in one cluster (see {@link placementOf}). */
function workloadComponents(model: ResolvedTopology, cluster: ResolvedCluster, app: ResolvedApp, i: number, j: number): PlannedComponent[] {
  const w = app.workloads[j];
  const ref = { app: i, workload: j };
  const source = `apps[${i}].workloads[${j}]`;
  const place = placementOf(model, cluster, w, hasRoute(app, w));
  const mesh = model.mesh;
  const native = place.pods && nativeSidecarOf(model, cluster, w) ? { nativeSidecar: true } : {};
  const components: PlannedComponent[] = [{ component: 'Workload', id: w.name, source, ...ref, pods: place.pods, service: place.service === 'plain', ...native }];

  if (place.service === 'exported' && w.port !== undefined && w.servicePort !== undefined) {
    for (const name of [w.name, perClusterServiceName(w.name, cluster.shortName)]) {
      components.push({ component: 'ExportedService', id: `${name}-export`, source: `${source}.export`, ...ref, name });
    }
  }

  // Routing objects follow the service's traffic intent (src/plan/traffic), the one owner of
  // which routes a service gets and their names.
  const traffic = serviceTrafficOf(model, app, w);
  const routing = traffic?.routing;
  const meshTraffic = place.splitRouting ? traffic?.mesh : undefined;
  if (w.versions.length > 0 && mesh !== undefined && (place.pods || place.splitRouting)) {
    const versionsSource = w.canary !== undefined ? `${source}.canary` : `${source}.versions`;
    // An explicit route, or GAMMA routing, replaces the split's DestinationRule and VirtualService.
    const splitRoutes = meshTraffic?.source === 'split' && routing === 'istio';
    components.push({ component: 'WorkloadVersions', id: `${w.name}-versions`, source: versionsSource, ...ref, pods: place.pods, routing: splitRoutes, ...native });
  }

  // A Google load balancer that sends plain text to these sidecar pods under STRICT mTLS gets
  // a PERMISSIVE exception for its ports (or the rules refused the topology).
  const plaintext =
    place.pods && cluster.meshMember && mesh?.allowLoadBalancerPlaintext === true
      ? loadBalancerPlaintextOf(model).find((p) => p.app === i && p.workload === j && (p.clusters === undefined || p.clusters.includes(cluster.name)))
      : undefined;
  if (plaintext !== undefined) {
    components.push({
      component: 'LoadBalancerPlaintext',
      id: `${w.name}-lb-plaintext`,
      source: plaintext.sources[0],
      ...ref,
      name: loadBalancerPlaintextPolicyName(w.name),
      ports: plaintext.ports,
      allow: mesh?.defaultDeny === true,
    });
  }

  // Per-version Services `<name>-<version>`: GAMMA's backends, and the exported per-version
  // Services a multi-cluster Gateway weights (their ServiceImports); written once.
  const gammaVersions = meshTraffic !== undefined && mesh !== undefined && routing === 'gateway-api' ? meshTraffic.versionServices : [];
  const exportedVersions = place.service === 'exported' ? versionExportsOf(w) : [];
  const versionServices = [...gammaVersions, ...exportedVersions.filter((v) => !gammaVersions.includes(v))];
  if (versionServices.length > 0) components.push({ component: 'VersionServices', id: `${w.name}-version-services`, source, ...ref, versions: versionServices });
  if (exportedVersions.length > 0) {
    components.push({ component: 'VersionServiceExports', id: `${w.name}-version-exports`, source: `${source}.export`, ...ref, versions: exportedVersions });
  }

  if (meshTraffic !== undefined && mesh !== undefined) {
    if (routing === 'istio' && meshTraffic.source !== 'split') {
      const objects = istioMeshObjectsOf(meshTraffic);
      components.push({ component: 'IstioMeshRoute', id: `${w.name}-route`, source: meshTraffic.path, ...ref, names: meshTraffic.names, subsets: meshTraffic.subsets, ...objects });
    } else if (routing === 'gateway-api' && meshTraffic.source !== 'policy') {
      const kind = meshTraffic.protocol === 'grpc' ? 'GRPCRoute' : 'HTTPRoute';
      components.push({
        component: 'GammaRoute',
        id: `${w.name}-route`,
        source: meshTraffic.source === 'route' ? meshTraffic.path : source,
        ...ref,
        name: meshTraffic.names.httpRoute,
        kind,
      });
    }
  }

  if (w.sidecar !== undefined && place.pods && cluster.meshMember && mesh !== undefined) {
    components.push({ component: 'AppSidecar', id: `${w.name}-sidecar`, source: `${source}.sidecar`, ...ref });
  }

  const entry = place.exposed ? traffic?.ingressGateway : undefined;
  if (entry !== undefined && mesh !== undefined) {
    components.push({ component: 'ExposedService', id: `${w.name}-exposed`, source: `${source}.expose`, ...ref, name: entry.name });
  }
  return components;
}

/** The `<namespace>.yaml` of one app in one cluster, or `undefined` when the app has nothing there. */
function appFile(model: ResolvedTopology, cluster: ResolvedCluster, app: ResolvedApp, i: number): PlannedFile | undefined {
  const mesh = model.mesh;
  const vms = mesh === undefined ? [] : vmWorkloadsOf(model, cluster);
  const workloads = app.workloads.map((w, j) => ({ w, j, place: placementOf(model, cluster, w, hasRoute(app, w)) })).filter(({ place }) => hasObjects(place));
  const appVms = app.vmWorkloads.map((vm, j) => ({ vm, j })).filter(({ vm }) => vms.includes(vm));
  const entries = mesh !== undefined && app.serviceEntries.length > 0 && serviceEntriesIn(app, cluster);
  const sidecar = mesh !== undefined && app.sidecar !== undefined && serviceEntriesIn(app, cluster);
  if (workloads.length === 0 && appVms.length === 0 && !entries && !sidecar) return undefined;

  const components: PlannedComponent[] = [];
  const runs = appRunsIn(app, cluster);
  if (runs) components.push({ component: 'AppConfig', id: 'app-config', source: `apps[${i}]`, app: i });
  for (const { j } of workloads) components.push(...workloadComponents(model, cluster, app, i, j));
  const accounts: string[] = [];
  for (const { vm, j } of appVms) {
    components.push({
      component: 'VmWorkload',
      id: `${vm.name}-vm`,
      source: `apps[${i}].vmWorkloads[${j}]`,
      app: i,
      vmWorkload: j,
      createServiceAccount: !accounts.includes(vm.serviceAccount),
    });
    accounts.push(vm.serviceAccount);
  }
  if (mesh?.defaultDeny === true && cluster.meshMember) {
    const exposed = mesh.ingressGateway === undefined ? [] : workloads.filter(({ place }) => place.exposed).map(({ w }) => w.name);
    components.push({ component: 'DefaultDeny', id: 'default-deny', source: 'mesh.defaultDeny', app: i, exposedWorkloads: exposed });
  }
  if (entries) {
    app.serviceEntries.forEach((entry, j) => {
      const source = `apps[${i}].serviceEntries[${j}]`;
      components.push({ component: 'AppServiceEntry', id: `${entry.name}-service-entry`, source, app: i, serviceEntry: j });
      if (entry.egressGateway && mesh?.egressGateway !== undefined) {
        components.push({ component: 'EgressRoute', id: `${entry.name}-egress-route`, source: `${source}.egressGateway`, app: i, serviceEntry: j });
      }
    });
  }
  // The Sidecar configures the app's proxies: where its mesh configuration goes.
  if (sidecar) {
    components.push({ component: 'AppSidecar', id: 'sidecar', source: `apps[${i}].sidecar`, app: i });
  }
  // The app's Istio security policy goes where its workloads run in the mesh.
  if (mesh !== undefined && cluster.meshMember && runs) {
    app.authorizationPolicies.forEach((policy, j) =>
      components.push({
        component: 'AppSecurityPolicy',
        id: `${policy.name}-authorization-policy`,
        source: `apps[${i}].authorizationPolicies[${j}]`,
        app: i,
        kind: 'AuthorizationPolicy',
        index: j,
      }),
    );
    app.requestAuthentications.forEach((auth, j) =>
      components.push({
        component: 'AppSecurityPolicy',
        id: `${auth.name}-request-authentication`,
        source: `apps[${i}].requestAuthentications[${j}]`,
        app: i,
        kind: 'RequestAuthentication',
        index: j,
      }),
    );
  }
  components.push(...appExtraComponents(app, i));
  return fileOf(model, `${app.namespace}.yaml`, components);
}

/**
 * The kustomized files of one cluster, in kustomization order:
 *
 * 1. `namespaces.yaml`: every namespace the cluster's other files use, in the order they first
 *    appear (`IstioSystemNamespace` first in clusters meshfleet installs the mesh into; else
 *    `AppNamespace`, with the injection label in mesh member clusters).
 * 2. `cluster-admin-binding.yaml` (mesh install with `mesh.clusterAdmin`).
 * 3. `istio-system.yaml` (mesh install): istiod Service (revisioned primaries), and with an
 *    east-west gateway the cross-network Gateway and istiod's exposure.
 * 4. `managed-mesh-config.yaml` (fleet mesh members with `mesh.outboundTrafficPolicy`).
 * 5. `mesh-security.yaml` (mesh members): the mesh-wide PeerAuthentication.
 * 6. `ingress-gateway.yaml` (mesh members, with `mesh.ingressGateway`).
 * 7. `egress-gateway.yaml` (mesh members where a ServiceEntry goes out through `mesh.egressGateway`).
 * 8. `<namespace>.yaml` per app with anything in the cluster (see {@link placementOf}).
 * 9. `multi-cluster-ingress.yaml`, 10. `multi-cluster-gateway.yaml` (the fleet config cluster).
 * 11. `gke-gateway.yaml`: the single-cluster GKE Gateways whose `cluster` it is.
 * 12. `extra-objects.yaml`: the cluster's `extraObjects` (an app's extra objects are in its file).
 *
 * Files without objects are left out.
 */
function kustomizedFiles(model: ResolvedTopology, cluster: ResolvedCluster, k: number): PlannedFile[] {
  const mesh = model.mesh;
  const isConfig = model.fleet.configCluster === cluster.name;
  const namespaces = new NamespaceUse();
  const files: PlannedFile[] = [];

  if (mesh?.install !== undefined && cluster.meshInstall !== undefined) {
    namespaces.use(ISTIO_SYSTEM_NAMESPACE, `clusters[${k}]`);
    files.push(...controlPlaneFiles(model, cluster, `clusters[${k}]`));
  }
  if (mesh?.management === 'fleet' && cluster.meshMember && mesh.outboundTrafficPolicy !== undefined) {
    files.push(fileOf(model, CHART_FILES.managedMeshConfig, [{ component: 'ManagedMeshConfig', id: 'managed-mesh-config', source: 'mesh.outboundTrafficPolicy' }]));
  }
  if (mesh !== undefined && cluster.meshMember) {
    files.push(fileOf(model, CHART_FILES.meshSecurity, [{ component: 'MeshMtls', id: 'mesh-mtls', source: 'mesh.mtls' }]));
  }
  const gateway = cluster.meshMember ? mesh?.ingressGateway : undefined;
  if (gateway !== undefined) {
    const source = 'mesh.ingressGateway';
    files.push(
      fileOf(model, CHART_FILES.ingressGateway, [
        { component: 'IngressGateway', id: 'ingress-gateway', source, serviceType: ingressGatewayServiceTypeOf(model) },
        { component: 'SharedGateway', id: 'shared-gateway', source },
      ]),
    );
    namespaces.use(gateway.namespace, `${source}.namespace`);
  }
  const egressPorts = egressGatewayPortsIn(model, cluster);
  if (egressPorts.length > 0) {
    const source = 'mesh.egressGateway';
    files.push(fileOf(model, CHART_FILES.egressGateway, [{ component: 'EgressGateway', id: 'egress-gateway', source, ports: egressPorts }]));
    namespaces.use(mesh!.egressGateway!.namespace, `${source}.namespace`);
  }

  const taken: string[] = Object.values(CHART_FILES);
  model.apps.forEach((app, i) => {
    const file = appFile(model, cluster, app, i);
    if (file === undefined) return;
    assume(
      !taken.includes(file.path),
      'cluster-plan.app-file',
      `cluster ${cluster.name}: app namespace ${app.namespace} would be written to ${file.path}, a file name already taken`,
    );
    taken.push(file.path);
    namespaces.use(app.namespace, `apps[${i}].namespace`);
    files.push(file);
  });

  if (isConfig && model.multiClusterIngress !== undefined) {
    files.push(fileOf(model, CHART_FILES.multiClusterIngress, [{ component: 'MultiClusterIngressSet', id: 'multi-cluster-ingress', source: 'multiClusterIngress' }]));
    namespaces.use(model.multiClusterIngress.namespace, 'multiClusterIngress.namespace');
  }
  // Multi-cluster Gateways live in the config cluster; single-cluster ones in their `cluster`.
  const gateways = model.gateways.map((g, i) => ({ g, i }));
  const multi = isConfig ? gateways.filter(({ g }) => isMultiClusterGatewayClass(g.className)) : [];
  const single = gateways.filter(({ g }) => !isMultiClusterGatewayClass(g.className) && g.cluster === cluster.name);
  for (const [file, component, placed] of [
    [CHART_FILES.multiClusterGateway, 'MultiClusterGateway', multi],
    [CHART_FILES.clusterGateway, 'ClusterGateway', single],
  ] as const) {
    if (placed.length === 0) continue;
    placed.forEach(({ g, i }) => namespaces.use(g.namespace, `gateways[${i}].namespace`));
    // The ReferenceGrants of cross-namespace route backends are written in the backends' namespaces.
    placed.forEach(({ g, i }) => gatewayReferenceGrantsOf(gatewayTrafficOf(model, g, i)).forEach((grant) => namespaces.use(grant.namespace, `gateways[${i}].routes`)));
    placed.forEach(({ g, i }) => certificateReferenceGrantsOf(g).forEach((grant) => namespaces.use(grant.namespace, `gateways[${i}].listeners`)));
    files.push(
      fileOf(
        model,
        file,
        placed.map(({ g, i }): PlannedComponent => ({ component, id: `${g.namespace}-${g.name}`, source: `gateways[${i}]`, gateway: i })),
      ),
    );
  }
  files.push(fileOf(model, CHART_FILES.extraObjects, clusterExtraComponents(model, k)));

  const withObjects = files.filter((f) => f.objects.length > 0);
  if (namespaces.used.length === 0) return withObjects;
  const namespaceComponents = namespaces.used.map(({ name, source }): PlannedComponent =>
    cluster.meshInstall !== undefined && name === ISTIO_SYSTEM_NAMESPACE
      ? {
          component: 'IstioSystemNamespace',
          id: name,
          source,
          network: cluster.meshInstall.network,
          ...(cluster.meshInstall.controlPlane === 'remote' && mesh?.install?.primary !== undefined ? { controlPlaneClusters: mesh.install.primary } : {}),
        }
      : { component: 'AppNamespace', id: name, source, name, injection: cluster.meshMember && mesh !== undefined },
  );
  return [fileOf(model, CHART_FILES.namespaces, namespaceComponents), ...withObjects];
}

/** The `istioctl install -f` inputs of one cluster, in install order (none unless meshfleet installs the mesh into it). */
function meshInstallFiles(model: ResolvedTopology, cluster: ResolvedCluster, k: number): PlannedFile[] {
  const install = model.mesh?.install;
  const meshInstall = cluster.meshInstall;
  if (install === undefined || meshInstall === undefined) return [];
  const source = `clusters[${k}]`;
  const files = [
    fileOf(
      model,
      MESH_INSTALL_FILES.controlPlane,
      [
        {
          component: 'ControlPlaneOperator',
          id: 'control-plane',
          source,
          externalIstiod: install.model === 'primary-remote' && meshInstall.controlPlane === 'primary',
          vmRegistration: vmWorkloadsOf(model, cluster).length > 0,
        },
      ],
      false,
    ),
  ];
  const eastWest = eastWestGatewayOf(model, cluster);
  if (eastWest !== undefined) {
    const ip = eastWest.loadBalancerIp === undefined ? {} : { loadBalancerIp: eastWest.loadBalancerIp };
    const loadBalancer = eastWestLoadBalancerOf(model);
    files.push(
      fileOf(
        model,
        MESH_INSTALL_FILES.eastWestGateway,
        [{ component: 'EastWestGateway', id: 'eastwest', source, ...ip, loadBalancer: loadBalancer.type, globalAccess: loadBalancer.globalAccess }],
        false,
      ),
    );
  }
  return files;
}

/** The plan of one cluster folder: its kustomized files, then its `istioctl` inputs, and the patches on their objects (src/plan/extras.ts). */
export function planCluster(model: ResolvedTopology, cluster: ResolvedCluster, k: number): ClusterPlan {
  const files = [...kustomizedFiles(model, cluster, k), ...meshInstallFiles(model, cluster, k)];
  const gatewayApiCrds = gatewayApiCrdsOf(files);
  const gatewayApi = gatewayApiChannelOf(cluster, gatewayApiCrds);
  const patches = planPatches(model, k, files);
  return {
    name: cluster.name,
    folder: `${KUBERNETES_DIR}/${cluster.name}`,
    files,
    gatewayApiCrds,
    ...(gatewayApi === undefined ? {} : { gatewayApi }),
    ...(patches.length === 0 ? {} : { patches }),
  };
}
