import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { extraObjectOf } from '../plan/extras';
import type { ServiceTrafficIntent } from '../plan/traffic/intent';
import { ClusterPlan, PlannedComponent, PlannedFile } from '../plan/types';
import { gatewayTrafficOf, ingressTrafficOf, serviceTrafficOf } from '../plan/traffic/resolve';
import { gkeClusters, ResolvedCluster, ResolvedTopology } from '../topology/model/types';
import { AppConfig } from './app-config';
import { AppNamespace } from './app-namespace';
import { ClusterAdminBinding } from './cluster-admin-binding';
import { CrossNetworkGateway } from './cross-network-gateway';
import { EastWestGateway } from './east-west-gateway';
import { EgressRoute } from './egress-gateway';
import { ExtraObject } from './extra-objects';
import { ExportedService, VersionServiceExports } from './exported-service';
import { ExposedService } from './exposed-service';
import { GammaRoute, IstioMeshRoute, VersionServices } from './mesh-route';
import { IngressGateway } from './ingress-gateway';
import { ControlPlaneOperator } from './istio-operator';
import { IstioSystemNamespace } from './istio-system-namespace';
import { IstiodExposure } from './istiod-exposure';
import { IstiodService } from './istiod-service';
import { MultiClusterGateway } from './multi-cluster-gateway';
import { MultiClusterIngressSet } from './multi-cluster-ingress';
import { ownershipLabels } from './ownership';
import { selectorLabels } from './pod-template';
import { ManagedMeshConfig } from './managed-mesh-config';
import { DefaultDeny, LoadBalancerPlaintext, MeshMtls } from './mesh-security';
import { AppServiceEntry } from './service-entry';
import { AppSidecar } from './sidecar';
import { AppAuthorizationPolicy, AppRequestAuthentication } from './app-security-policy';
import { WorkloadVersions } from './versions';
import { SharedGateway } from './shared-gateway';
import { ingressGatewayRoutes } from './traffic/istio-routes';
import { VmWorkload } from './vm-workload';
import { Workload } from './workload';

/*
 * The Kubernetes renderer: one chart per planned file, one construct per planned component.
 * Which files a cluster gets, which constructs build them and the names of their objects are
 * the plan's (src/plan/cluster-plan.ts); nothing is decided here.
 */

/** One chart of a cluster and the file it is written to. */
export interface ClusterChart {
  readonly file: string;
  readonly chart: Chart;
}

/**
 * A chart of one file; every object in it carries the topology's {@link ownershipLabels} in
 * `metadata.labels` (cdk8s adds chart labels to each object's metadata only, never to
 * selectors or pod templates; an object's own label of the same key would win, none sets one).
 * Chart ids: the file path without `.yaml` and with `-` for `/`; app files get an `app-` prefix.
 */
function newChart(scope: Construct, model: ResolvedTopology, file: PlannedFile): Chart {
  const app = file.components.some((c) => 'app' in c);
  const id = `${app ? 'app-' : ''}${file.path.replace(/\.yaml$/, '').replace(/\//g, '-')}`;
  return new Chart(scope, id, { disableResourceNameHashes: true, labels: ownershipLabels(model.name) });
}

/** The traffic intent of the workload a planned component routes (present for every routing component: the plan places them only for a Service with one). */
function trafficOf(model: ResolvedTopology, c: { readonly app: number; readonly workload: number }): ServiceTrafficIntent {
  const app = model.apps[c.app];
  return serviceTrafficOf(model, app, app.workloads[c.workload])!;
}

/** Instantiates the construct of one planned component in `chart`. */
function render(chart: Chart, model: ResolvedTopology, cluster: ResolvedCluster, c: PlannedComponent): void {
  const mesh = model.mesh!;
  switch (c.component) {
    case 'IstioSystemNamespace':
      new IstioSystemNamespace(chart, c.id, { network: c.network, controlPlaneClusters: c.controlPlaneClusters });
      return;
    case 'AppNamespace':
      new AppNamespace(chart, c.id, { name: c.name, mesh: c.injection ? model.mesh : undefined });
      return;
    case 'ClusterAdminBinding':
      new ClusterAdminBinding(chart, c.id, { user: c.user });
      return;
    case 'IstiodService':
      new IstiodService(chart, c.id, { revision: c.revision });
      return;
    case 'CrossNetworkGateway':
      new CrossNetworkGateway(chart, c.id, { istioApiVersion: mesh.istioApiVersion });
      return;
    case 'IstiodExposure':
      new IstiodExposure(chart, c.id, { istioApiVersion: mesh.istioApiVersion, revision: mesh.revision });
      return;
    case 'ManagedMeshConfig':
      new ManagedMeshConfig(chart, c.id, { revision: mesh.revision, outboundTrafficPolicy: mesh.outboundTrafficPolicy! });
      return;
    case 'MeshMtls':
      new MeshMtls(chart, c.id, { mode: mesh.mtls, istioApiVersion: mesh.istioApiVersion });
      return;
    case 'IngressGateway': {
      const g = mesh.ingressGateway!;
      new IngressGateway(chart, c.id, { name: g.name, namespace: g.namespace, labels: g.labels, serviceType: c.serviceType });
      return;
    }
    case 'EgressGateway': {
      const g = mesh.egressGateway!;
      new IngressGateway(chart, c.id, { name: g.name, namespace: g.namespace, labels: g.labels, ports: c.ports, serviceType: 'ClusterIP', sds: false });
      return;
    }
    case 'SharedGateway': {
      const g = mesh.ingressGateway!;
      new SharedGateway(chart, c.id, { name: g.name, namespace: g.namespace, selector: g.labels, istioApiVersion: mesh.istioApiVersion, https: g.https });
      return;
    }
    case 'AppConfig': {
      const app = model.apps[c.app];
      new AppConfig(chart, c.id, { namespace: app.namespace, configMaps: app.configMaps, serviceAccounts: app.serviceAccounts });
      return;
    }
    case 'Workload':
      new Workload(chart, c.id, {
        namespace: model.apps[c.app].namespace,
        workload: model.apps[c.app].workloads[c.workload],
        pods: c.pods,
        service: c.service,
        nativeSidecar: c.nativeSidecar,
      });
      return;
    case 'ExportedService': {
      const w = model.apps[c.app].workloads[c.workload];
      new ExportedService(chart, c.id, {
        name: c.name,
        namespace: model.apps[c.app].namespace,
        selector: selectorLabels(w.name),
        port: w.servicePort!,
        targetPort: w.port!,
        portName: w.portName,
      });
      return;
    }
    case 'WorkloadVersions':
      new WorkloadVersions(chart, c.id, {
        namespace: model.apps[c.app].namespace,
        workload: model.apps[c.app].workloads[c.workload],
        istioApiVersion: mesh.istioApiVersion,
        pods: c.pods,
        nativeSidecar: c.nativeSidecar,
        traffic: c.routing ? serviceTrafficOf(model, model.apps[c.app], model.apps[c.app].workloads[c.workload]) : undefined,
      });
      return;
    case 'IstioMeshRoute':
      new IstioMeshRoute(chart, c.id, { traffic: trafficOf(model, c), istioApiVersion: mesh.istioApiVersion });
      return;
    case 'VersionServices':
      new VersionServices(chart, c.id, { namespace: model.apps[c.app].namespace, workload: model.apps[c.app].workloads[c.workload], versions: c.versions });
      return;
    case 'VersionServiceExports':
      new VersionServiceExports(chart, c.id, { namespace: model.apps[c.app].namespace, workload: model.apps[c.app].workloads[c.workload].name, versions: c.versions });
      return;
    case 'GammaRoute':
      new GammaRoute(chart, c.id, { traffic: trafficOf(model, c) });
      return;
    case 'ExposedService': {
      const traffic = trafficOf(model, c);
      const entry = traffic.ingressGateway!;
      new ExposedService(chart, c.id, {
        name: c.name,
        namespace: model.apps[c.app].namespace,
        service: traffic.service,
        port: traffic.port,
        hosts: entry.hosts,
        gateway: entry.gateway,
        istioApiVersion: mesh.istioApiVersion,
        routes: ingressGatewayRoutes(traffic),
      });
      return;
    }
    case 'VmWorkload': {
      const vm = model.apps[c.app].vmWorkloads[c.vmWorkload];
      new VmWorkload(chart, c.id, {
        name: vm.name,
        namespace: model.apps[c.app].namespace,
        labels: vm.labels,
        serviceAccount: vm.serviceAccount,
        ports: vm.ports,
        network: vm.network,
        probe: vm.probe,
        istioApiVersion: mesh.istioApiVersion,
        createServiceAccount: c.createServiceAccount,
      });
      return;
    }
    case 'DefaultDeny': {
      const gateway = mesh.ingressGateway;
      new DefaultDeny(chart, c.id, {
        namespace: model.apps[c.app].namespace,
        istioApiVersion: mesh.istioApiVersion,
        gateway: gateway && { namespace: gateway.namespace, serviceAccount: gateway.name },
        exposedWorkloads: c.exposedWorkloads,
      });
      return;
    }
    case 'LoadBalancerPlaintext':
      new LoadBalancerPlaintext(chart, c.id, {
        name: c.name,
        namespace: model.apps[c.app].namespace,
        workload: model.apps[c.app].workloads[c.workload].name,
        ports: c.ports,
        allow: c.allow,
        istioApiVersion: mesh.istioApiVersion,
      });
      return;
    case 'AppServiceEntry':
      new AppServiceEntry(chart, c.id, { namespace: model.apps[c.app].namespace, entry: model.apps[c.app].serviceEntries[c.serviceEntry], istioApiVersion: mesh.istioApiVersion });
      return;
    case 'EgressRoute':
      new EgressRoute(chart, c.id, {
        namespace: model.apps[c.app].namespace,
        entry: model.apps[c.app].serviceEntries[c.serviceEntry],
        gateway: mesh.egressGateway!,
        istioApiVersion: mesh.istioApiVersion,
      });
      return;
    case 'AppSidecar': {
      const app = model.apps[c.app];
      const w = c.workload === undefined ? undefined : app.workloads[c.workload];
      new AppSidecar(chart, c.id, { namespace: app.namespace, sidecar: w === undefined ? app.sidecar! : w.sidecar!, workload: w?.name, istioApiVersion: mesh.istioApiVersion });
      return;
    }
    case 'AppSecurityPolicy': {
      const app = model.apps[c.app];
      if (c.kind === 'AuthorizationPolicy') {
        new AppAuthorizationPolicy(chart, c.id, { namespace: app.namespace, policy: app.authorizationPolicies[c.index], istioApiVersion: mesh.istioApiVersion });
      } else {
        new AppRequestAuthentication(chart, c.id, { namespace: app.namespace, requestAuthentication: app.requestAuthentications[c.index], istioApiVersion: mesh.istioApiVersion });
      }
      return;
    }
    case 'AppExtraObject':
    case 'ClusterExtraObject':
      new ExtraObject(chart, c.id, extraObjectOf(model, c));
      return;
    case 'MultiClusterIngressSet':
      new MultiClusterIngressSet(chart, c.id, { ingress: model.multiClusterIngress!, traffic: ingressTrafficOf(model.multiClusterIngress!), clusters: gkeClusters(model) });
      return;
    case 'MultiClusterGateway':
    case 'ClusterGateway':
      new MultiClusterGateway(chart, c.id, { gateway: model.gateways[c.gateway], traffic: gatewayTrafficOf(model, model.gateways[c.gateway], c.gateway) });
      return;
    case 'ControlPlaneOperator': {
      const install = mesh.install!;
      const meshInstall = cluster.meshInstall!;
      new ControlPlaneOperator(chart, c.id, {
        controlPlane: meshInstall.controlPlane,
        distribution: install.distribution,
        revision: mesh.revision,
        meshId: install.meshId,
        clusterName: cluster.name,
        network: meshInstall.network,
        externalIstiod: c.externalIstiod,
        remotePilotAddress: meshInstall.controlPlane === 'remote' ? install.primaryAddress : undefined,
        vmRegistration: c.vmRegistration,
        outboundTrafficPolicy: mesh.outboundTrafficPolicy,
      });
      return;
    }
    case 'EastWestGateway':
      new EastWestGateway(chart, c.id, {
        network: cluster.meshInstall!.network,
        revision: mesh.revision,
        loadBalancerIp: c.loadBalancerIp,
        internal: c.loadBalancer === 'internal',
        globalAccess: c.globalAccess,
      });
      return;
  }
}

/** The charts of the planned files of one cluster that `kustomized` selects, in plan order. */
function renderFiles(scope: Construct, model: ResolvedTopology, plan: ClusterPlan, kustomized: boolean): ClusterChart[] {
  const cluster = model.clusters.find((c) => c.name === plan.name);
  if (cluster === undefined) throw new Error(`the plan has cluster ${plan.name}, which the topology does not`);
  return plan.files
    .filter((f) => f.kustomized === kustomized)
    .map((file) => {
      const chart = newChart(scope, model, file);
      for (const component of file.components) render(chart, model, cluster, component);
      return { file: file.path, chart };
    });
}

/**
 * Builds the charts of one cluster's kustomized files under `scope` (one cdk8s App per cluster),
 * in the plan's file order (see `planCluster` in src/plan/cluster-plan.ts).
 */
export function buildClusterCharts(scope: Construct, model: ResolvedTopology, plan: ClusterPlan): ClusterChart[] {
  return renderFiles(scope, model, plan, true);
}

/**
 * Builds the `istioctl install -f` inputs of one cluster under `scope`, in install order; they go
 * to `mesh-install/` (src/output/paths.ts), outside the kustomization:
 *
 * 1. `mesh-install/control-plane.yaml`: `ControlPlaneOperator` (profile by distribution or
 *    `remote`, revision, meshID, cluster name, network; `externalIstiod` on the primary of a
 *    primary-remote mesh; the remote's injection path and `remotePilotAddress`
 *    (`mesh.install.primaryAddress` of an external primary; left out for a GKE primary, whose
 *    reserved address the runbook passes to istioctl); the VM settings when VMs register with the cluster).
 * 2. `mesh-install/eastwest-gateway.yaml` (with an east-west gateway, `eastWestGatewayOf` in src/topology/resolve/mesh-plan.ts):
 *    `EastWestGateway` (network, mesh revision, load balancer IP when known at synth time; a
 *    reserved address is passed to istioctl by the runbook).
 */
export function buildMeshInstallCharts(scope: Construct, model: ResolvedTopology, plan: ClusterPlan): ClusterChart[] {
  return renderFiles(scope, model, plan, false);
}
