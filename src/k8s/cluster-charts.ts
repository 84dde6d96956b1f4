import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { eastWestGatewayOf, vmWorkloadsOf } from '../plan/mesh-plan';
import { CHART_FILES, MESH_INSTALL_FILES } from '../output/paths';
import { gatewayTrafficOf, ingressTrafficOf, serviceTrafficOf } from '../plan/traffic/resolve';
import { assume } from '../topology/rules/assume';
import {
  gkeClusters,
  ResolvedApp,
  ResolvedCluster,
  ResolvedMesh,
  ResolvedMeshInstall,
  ResolvedMeshInstallSettings,
  ResolvedMeshRoute,
  ResolvedTopology,
  ResolvedVmWorkload,
  ResolvedWorkload,
} from '../topology/model/types';
import { AppConfig } from './app-config';
import { AppNamespace } from './app-namespace';
import { ClusterAdminBinding } from './cluster-admin-binding';
import { CrossNetworkGateway } from './cross-network-gateway';
import { EastWestGateway } from './east-west-gateway';
import { ExportedService } from './exported-service';
import { ExposedService } from './exposed-service';
import { GammaRoute, IstioMeshRoute, VersionServices } from './mesh-route';
import { IngressGateway } from './ingress-gateway';
import { ControlPlaneOperator } from './istio-operator';
import { ISTIO_SYSTEM_NAMESPACE, IstioSystemNamespace } from './istio-system-namespace';
import { IstiodExposure } from './istiod-exposure';
import { IstiodService } from './istiod-service';
import { MultiClusterGateway } from './multi-cluster-gateway';
import { MultiClusterIngressSet } from './multi-cluster-ingress';
import { ownershipLabels } from './ownership';
import { selectorLabels } from './pod-template';
import { ManagedMeshConfig } from './managed-mesh-config';
import { DefaultDeny, MeshMtls } from './mesh-security';
import { AppServiceEntry } from './service-entry';
import { WorkloadVersions } from './versions';
import { SharedGateway } from './shared-gateway';
import { ingressGatewayRoutes } from './traffic/istio-routes';
import { VmWorkload } from './vm-workload';
import { Workload } from './workload';



/** Default Service port name of the topology; an exported Service only names a port otherwise. */
const DEFAULT_PORT_NAME = 'http';

/** One chart of a cluster and the file it is written to. */
export interface ClusterChart {
  readonly file: string;
  readonly chart: Chart;
}

/** Where a workload's pieces go in one cluster. */
export interface WorkloadPlacement {
  /** The cluster runs the pods (Deployment / StatefulSet, the other versions' Deployments). */
  readonly pods: boolean;
  /**
   * `plain`: the workload's Service (every workload cluster, and wherever it runs);
   * `exported`: `<name>` and `<name>-<shortName>` Services with ServiceExports (only where it
   * runs; the fleet's ServiceImports make them known everywhere else); `none`.
   */
  readonly service: 'plain' | 'exported' | 'none';
  /**
   * In-mesh routing of the Service (mesh member clusters with the Service), for a workload with
   * a traffic split or an explicit route: the split's DestinationRule and VirtualService, the
   * route's (istio routing), or the HTTPRoute and per-version Services (gateway-api routing).
   */
  readonly splitRouting: boolean;
  /** The VirtualService on the shared ingress gateway (mesh member clusters with the gateway). */
  readonly exposed: boolean;
}

/** Decides which of a workload's objects a cluster gets; `routed`: an app route targets its Service. */
export function placementOf(model: ResolvedTopology, cluster: ResolvedCluster, w: ResolvedWorkload, routed = false): WorkloadPlacement {
  const pods = w.clusters.includes(cluster.name);
  const service = w.port === undefined ? 'none' : w.export ? (pods ? 'exported' : 'none') : pods || cluster.role === 'workload' ? 'plain' : 'none';
  const hasGateway = cluster.meshMember && model.mesh?.ingressGateway !== undefined;
  return {
    pods,
    service,
    splitRouting: (w.versions.length > 0 || routed) && service !== 'none' && cluster.meshMember,
    exposed: w.expose !== undefined && hasGateway,
  };
}

function hasObjects(p: WorkloadPlacement): boolean {
  return p.pods || p.service !== 'none' || p.splitRouting || p.exposed;
}

/**
 * A chart of one file; every object in it carries the topology's {@link ownershipLabels} in
 * `metadata.labels` (cdk8s adds chart labels to each object's metadata only, never to
 * selectors or pod templates; an object's own label of the same key would win, none sets one).
 */
function newChart(scope: Construct, model: ResolvedTopology, file: string): Chart {
  return new Chart(scope, file.replace(/\.yaml$/, '').replace(/\//g, '-'), {
    disableResourceNameHashes: true,
    labels: ownershipLabels(model.name),
  });
}

/**
 * The VM workloads of one app namespace: a `VmWorkload` each, the ServiceAccount only with the
 * first VM workload that uses it.
 */
function addVmWorkloads(chart: Chart, mesh: ResolvedMesh, namespace: string, vms: readonly ResolvedVmWorkload[]): void {
  const accounts: string[] = [];
  for (const vm of vms) {
    new VmWorkload(chart, `${vm.name}-vm`, {
      name: vm.name,
      namespace,
      labels: vm.labels,
      serviceAccount: vm.serviceAccount,
      ports: vm.ports,
      network: vm.network,
      probe: vm.probe,
      istioApiVersion: mesh.istioApiVersion,
      createServiceAccount: !accounts.includes(vm.serviceAccount),
    });
    accounts.push(vm.serviceAccount);
  }
}

function addWorkload(chart: Chart, model: ResolvedTopology, cluster: ResolvedCluster, app: ResolvedApp, w: ResolvedWorkload, route: ResolvedMeshRoute | undefined): void {
  const namespace = app.namespace;
  const place = placementOf(model, cluster, w, route !== undefined);
  const mesh = model.mesh;

  new Workload(chart, w.name, { namespace, workload: w, pods: place.pods, service: place.service === 'plain' });

  if (place.service === 'exported' && w.port !== undefined && w.servicePort !== undefined) {
    const portName = w.portName === DEFAULT_PORT_NAME ? {} : { portName: w.portName };
    for (const name of [w.name, `${w.name}-${cluster.shortName}`]) {
      new ExportedService(chart, `${name}-export`, {
        name,
        namespace,
        selector: selectorLabels(w.name),
        port: w.servicePort,
        targetPort: w.port,
        ...portName,
      });
    }
  }

  const routing = mesh?.routing ?? 'istio';
  const traffic = serviceTrafficOf(model, app, w);
  const meshTraffic = place.splitRouting ? traffic?.mesh : undefined;
  if (w.versions.length > 0 && mesh !== undefined && (place.pods || place.splitRouting)) {
    new WorkloadVersions(chart, `${w.name}-versions`, {
      namespace,
      workload: w,
      istioApiVersion: mesh.istioApiVersion,
      pods: place.pods,
      // An explicit route, or GAMMA routing, replaces the split's DestinationRule and VirtualService.
      traffic: meshTraffic?.source === 'split' && routing === 'istio' ? traffic : undefined,
    });
  }

  if (traffic !== undefined && meshTraffic !== undefined && mesh !== undefined) {
    if (routing === 'istio' && meshTraffic.source === 'route') {
      new IstioMeshRoute(chart, `${w.name}-route`, { traffic, istioApiVersion: mesh.istioApiVersion });
    } else if (routing === 'gateway-api') {
      new VersionServices(chart, `${w.name}-version-services`, { namespace, workload: w, versions: meshTraffic.versionServices });
      new GammaRoute(chart, `${w.name}-route`, { traffic });
    }
  }

  const entry = place.exposed ? traffic?.ingressGateway : undefined;
  if (traffic !== undefined && entry !== undefined && mesh !== undefined) {
    new ExposedService(chart, `${w.name}-exposed`, {
      name: entry.name,
      namespace,
      service: w.name,
      port: traffic.port,
      hosts: entry.hosts,
      gateway: entry.gateway,
      istioApiVersion: mesh.istioApiVersion,
      routes: ingressGatewayRoutes(traffic),
    });
  }
}

/**
 * Steps 2 and 3 of {@link buildClusterCharts} for a cluster that meshfleet installs the mesh
 * into: `cluster-admin-binding.yaml` and `istio-system.yaml`, each only when it has objects.
 */
function controlPlaneCharts(
  scope: Construct,
  model: ResolvedTopology,
  cluster: ResolvedCluster,
  meshInstall: ResolvedMeshInstall,
  mesh: ResolvedMesh,
  install: ResolvedMeshInstallSettings,
): ClusterChart[] {
  const charts: ClusterChart[] = [];
  if (install.clusterAdmin !== undefined) {
    const chart = newChart(scope, model, CHART_FILES.clusterAdminBinding);
    new ClusterAdminBinding(chart, 'cluster-admin-binding', { user: install.clusterAdmin });
    charts.push({ file: CHART_FILES.clusterAdminBinding, chart });
  }

  // The validating webhook calls `istiod`, which a revisioned install does not create (seed 001).
  const istiodRevision = meshInstall.controlPlane === 'primary' ? mesh.revision : undefined;
  const eastWest = eastWestGatewayOf(model, cluster);
  if (istiodRevision !== undefined || eastWest !== undefined) {
    const chart = newChart(scope, model, CHART_FILES.istioSystem);
    if (istiodRevision !== undefined) new IstiodService(chart, 'istiod-service', { revision: istiodRevision });
    if (eastWest?.crossNetwork === true) {
      new CrossNetworkGateway(chart, 'cross-network-gateway', { istioApiVersion: mesh.istioApiVersion });
    }
    if (eastWest?.exposeIstiod === true) {
      new IstiodExposure(chart, 'istiod-exposure', { istioApiVersion: mesh.istioApiVersion, revision: mesh.revision });
    }
    charts.push({ file: CHART_FILES.istioSystem, chart });
  }
  return charts;
}

/**
 * Builds the charts of one cluster under `scope` (one cdk8s App per cluster) and returns them
 * in file order; these are the files the cluster's kustomization lists:
 *
 * 1. `namespaces.yaml`: every namespace the cluster's other files use, in the order they first
 *    appear; with the mesh's injection label in mesh member clusters. In clusters that
 *    meshfleet installs the mesh into (`meshInstall`), `IstioSystemNamespace` comes first.
 * 2. `cluster-admin-binding.yaml` (`meshInstall`, with `mesh.install.clusterAdmin`):
 *    `ClusterAdminBinding`.
 * 3. `istio-system.yaml` (`meshInstall`): `IstiodService` (primaries of a mesh with a
 *    revision); with an east-west gateway ({@link eastWestGatewayOf}), `CrossNetworkGateway`
 *    (`crossNetwork`) and `IstiodExposure` (`exposeIstiod`).
 * 4. `mesh-security.yaml` (mesh members): `MeshMtls`, the mesh-wide PeerAuthentication
 *    (`mesh.mtls`, STRICT by default) in istio-system.
 * 5. `ingress-gateway.yaml` (mesh members, with `mesh.ingressGateway`): `IngressGateway` and
 *    the shared Istio Gateway.
 * 6. `<namespace>.yaml` per app namespace with anything in this cluster: where one of the app's
 *    workloads runs, `AppConfig` (its ConfigMaps and ServiceAccounts); per workload, see
 *    {@link placementOf}: `Workload` (Service in every workload cluster, pods where it runs),
 *    `ExportedService`s, `WorkloadVersions`, `ExposedService`; then a `VmWorkload` per VM workload that
 *    registers with this cluster ({@link vmWorkloadsOf}); with `mesh.defaultDeny` in mesh members,
 *    `DefaultDeny` (deny-all, and the ingress gateway let in to the exposed workloads).
 * 7. `multi-cluster-ingress.yaml` (the fleet config cluster, with `multiClusterIngress`):
 *    MultiClusterIngress, MultiClusterService (links to every mesh member), BackendConfig.
 * 8. `multi-cluster-gateway.yaml` (the fleet config cluster, with `gateways`): one
 *    `MultiClusterGateway` per gateway.
 *
 * The config cluster gets no mesh objects unless it is a mesh member. Charts without objects
 * are not returned. The `istioctl` inputs are built by {@link buildMeshInstallCharts}.
 * @throws Error when an app namespace's file name collides with a fixed chart file or another app's
 */
export function buildClusterCharts(scope: Construct, model: ResolvedTopology, cluster: ResolvedCluster): ClusterChart[] {
  const mesh = model.mesh;
  const install = mesh?.install;
  const isConfig = model.fleet.configCluster === cluster.name;
  const namespaces: string[] = [];
  const useNamespace = (name: string) => {
    if (!namespaces.includes(name)) namespaces.push(name);
  };
  const charts: ClusterChart[] = [];

  if (mesh !== undefined && install !== undefined && cluster.meshInstall !== undefined) {
    useNamespace(ISTIO_SYSTEM_NAMESPACE);
    charts.push(...controlPlaneCharts(scope, model, cluster, cluster.meshInstall, mesh, install));
  }

  if (mesh?.management === 'fleet' && cluster.meshMember && mesh.outboundTrafficPolicy !== undefined) {
    const chart = newChart(scope, model, CHART_FILES.managedMeshConfig);
    new ManagedMeshConfig(chart, 'managed-mesh-config', { revision: mesh.revision, outboundTrafficPolicy: mesh.outboundTrafficPolicy });
    charts.push({ file: CHART_FILES.managedMeshConfig, chart });
  }

  if (mesh !== undefined && cluster.meshMember) {
    const chart = newChart(scope, model, CHART_FILES.meshSecurity);
    new MeshMtls(chart, 'mesh-mtls', { mode: mesh.mtls, istioApiVersion: mesh.istioApiVersion });
    charts.push({ file: CHART_FILES.meshSecurity, chart });
  }

  const gateway = cluster.meshMember ? mesh?.ingressGateway : undefined;
  if (mesh !== undefined && gateway !== undefined) {
    const chart = newChart(scope, model, CHART_FILES.ingressGateway);
    new IngressGateway(chart, 'ingress-gateway', { name: gateway.name, namespace: gateway.namespace, labels: gateway.labels });
    new SharedGateway(chart, 'shared-gateway', {
      name: gateway.name,
      namespace: gateway.namespace,
      selector: gateway.labels,
      istioApiVersion: mesh.istioApiVersion,
      https: gateway.https,
    });
    useNamespace(gateway.namespace);
    charts.push({ file: CHART_FILES.ingressGateway, chart });
  }

  const taken: string[] = Object.values(CHART_FILES);
  const vms = mesh === undefined ? [] : vmWorkloadsOf(model, cluster);
  for (const app of model.apps) {
    const routeOf = (w: ResolvedWorkload) => app.routes.find((r) => r.service === w.name);
    const workloads = app.workloads.filter((w) => hasObjects(placementOf(model, cluster, w, routeOf(w) !== undefined)));
    const appVms = app.vmWorkloads.filter((vm) => vms.includes(vm));
    if (workloads.length === 0 && appVms.length === 0) continue;
    const file = `${app.namespace}.yaml`;
    assume(!taken.includes(file), 'cluster-charts.app-file', `cluster ${cluster.name}: app namespace ${app.namespace} would be written to ${file}, a file name already taken`);
    taken.push(file);
    const chart = newChart(scope, model, `app-${file}`);
    if (app.workloads.some((w) => w.clusters.includes(cluster.name))) {
      new AppConfig(chart, 'app-config', { namespace: app.namespace, configMaps: app.configMaps, serviceAccounts: app.serviceAccounts });
    }
    for (const w of workloads) addWorkload(chart, model, cluster, app, w, routeOf(w));
    if (mesh !== undefined) addVmWorkloads(chart, mesh, app.namespace, appVms);
    if (mesh?.defaultDeny === true && cluster.meshMember) {
      new DefaultDeny(chart, 'default-deny', {
        namespace: app.namespace,
        istioApiVersion: mesh.istioApiVersion,
        gateway: gateway && { namespace: gateway.namespace, serviceAccount: gateway.name },
        exposedWorkloads: workloads.filter((w) => placementOf(model, cluster, w, routeOf(w) !== undefined).exposed).map((w) => w.name),
      });
    }
    if (mesh !== undefined && cluster.meshMember && app.workloads.some((w) => w.clusters.includes(cluster.name))) {
      for (const entry of app.serviceEntries) {
        new AppServiceEntry(chart, `${entry.name}-service-entry`, { namespace: app.namespace, entry, istioApiVersion: mesh.istioApiVersion });
      }
    }
    useNamespace(app.namespace);
    charts.push({ file, chart });
  }

  if (isConfig && model.multiClusterIngress !== undefined) {
    const chart = newChart(scope, model, CHART_FILES.multiClusterIngress);
    new MultiClusterIngressSet(chart, 'multi-cluster-ingress', { ingress: model.multiClusterIngress, traffic: ingressTrafficOf(model.multiClusterIngress), clusters: gkeClusters(model) });
    useNamespace(model.multiClusterIngress.namespace);
    charts.push({ file: CHART_FILES.multiClusterIngress, chart });
  }

  if (isConfig && model.gateways.length > 0) {
    const chart = newChart(scope, model, CHART_FILES.multiClusterGateway);
    for (const [i, g] of model.gateways.entries()) {
      new MultiClusterGateway(chart, `${g.namespace}-${g.name}`, { gateway: g, traffic: gatewayTrafficOf(g, i) });
      useNamespace(g.namespace);
    }
    charts.push({ file: CHART_FILES.multiClusterGateway, chart });
  }

  if (namespaces.length === 0) return charts;
  const chart = newChart(scope, model, CHART_FILES.namespaces);
  const injection = cluster.meshMember ? mesh : undefined;
  for (const name of namespaces) {
    if (cluster.meshInstall !== undefined && name === ISTIO_SYSTEM_NAMESPACE) {
      new IstioSystemNamespace(chart, name, {
        network: cluster.meshInstall.network,
        controlPlaneClusters: cluster.meshInstall.controlPlane === 'remote' ? install?.primary : undefined,
      });
    } else {
      new AppNamespace(chart, name, { name, mesh: injection });
    }
  }
  return [{ file: CHART_FILES.namespaces, chart }, ...charts];
}

/**
 * Builds the `istioctl install -f` inputs of one cluster under `scope`, in install order; they
 * go to {@link MESH_INSTALL_DIR}, outside the kustomization. Only clusters that meshfleet installs
 * the mesh into (`meshInstall`) get any:
 *
 * 1. `mesh-install/control-plane.yaml`: `ControlPlaneOperator` (profile by distribution or
 *    `remote`, revision, meshID, cluster name, network; `externalIstiod` on the primary of a
 *    primary-remote mesh; the remote's injection path and `remotePilotAddress`
 *    (`mesh.install.primaryAddress` of an external primary; left out for a GKE primary, whose
 *    reserved address the runbook passes to istioctl); the VM settings when VMs register with the cluster).
 * 2. `mesh-install/eastwest-gateway.yaml` (with an east-west gateway, {@link eastWestGatewayOf}):
 *    `EastWestGateway` (network, mesh revision, load balancer IP when known at synth time; a
 *    reserved address is passed to istioctl by the runbook).
 */
export function buildMeshInstallCharts(scope: Construct, model: ResolvedTopology, cluster: ResolvedCluster): ClusterChart[] {
  const mesh = model.mesh;
  const install = mesh?.install;
  const meshInstall = cluster.meshInstall;
  if (mesh === undefined || install === undefined || meshInstall === undefined) return [];

  const controlPlane = newChart(scope, model, MESH_INSTALL_FILES.controlPlane);
  const primaryOfRemotes = install.model === 'primary-remote' && meshInstall.controlPlane === 'primary';
  new ControlPlaneOperator(controlPlane, 'control-plane', {
    controlPlane: meshInstall.controlPlane,
    distribution: install.distribution,
    revision: mesh.revision,
    meshId: install.meshId,
    clusterName: cluster.name,
    network: meshInstall.network,
    externalIstiod: primaryOfRemotes,
    remotePilotAddress: meshInstall.controlPlane === 'remote' ? install.primaryAddress : undefined,
    vmRegistration: vmWorkloadsOf(model, cluster).length > 0,
    outboundTrafficPolicy: mesh.outboundTrafficPolicy,
  });
  const charts: ClusterChart[] = [{ file: MESH_INSTALL_FILES.controlPlane, chart: controlPlane }];

  const eastWest = eastWestGatewayOf(model, cluster);
  if (eastWest !== undefined) {
    const chart = newChart(scope, model, MESH_INSTALL_FILES.eastWestGateway);
    new EastWestGateway(chart, 'eastwest', { network: meshInstall.network, revision: mesh.revision, loadBalancerIp: eastWest.loadBalancerIp });
    charts.push({ file: MESH_INSTALL_FILES.eastWestGateway, chart });
  }
  return charts;
}
