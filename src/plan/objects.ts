import { IstioApiVersion, ResolvedTopology, ResolvedWorkload } from '../topology/model/types';
import { backendPolicyName, gatewayPolicyName, healthCheckPolicyName } from '../topology/model/gateway-policies';
import {
  APP_SIDECAR_NAME,
  CLUSTER_ADMIN_BINDING_NAME,
  CONTROL_PLANE_OPERATOR_NAME,
  CROSS_NETWORK_GATEWAY_NAME,
  DENY_ALL_POLICY,
  EAST_WEST_OPERATOR_NAME,
  egressRouteName,
  fromIngressGatewayPolicyName,
  gatewaySdsRoleName,
  ISTIO_SYSTEM_NAMESPACE,
  ISTIOD_GATEWAY_NAME,
  ISTIOD_SERVICE_NAME,
  istiodVirtualServiceName,
  managedMeshConfigName,
  MESH_MTLS_POLICY,
  serviceEntryPolicyName,
  versionDeploymentName,
  versionServiceName,
  workloadSidecarName,
} from './names';
import { extraPlannedObject } from './extras';
import { gatewayReferenceGrantsOf, gatewayTrafficOf } from './traffic/resolve';
import { certificateReferenceGrantsOf } from './gateway-certificates';
import { PlannedComponent, PlannedObject } from './types';

/**
 * apiVersion of the IstioOperator, the input of `istioctl install -f`. Its CRD has no schema
 * (imports/README.md), so the objects are plain cdk8s `ApiObject`s; they are written to
 * `mesh-install/`, never applied with kubectl.
 */
export const ISTIO_OPERATOR_API_VERSION = 'install.istio.io/v1alpha1';

/** apiVersions of the object kinds meshfleet writes (Istio's follow the mesh's version). */
const API = {
  core: 'v1',
  apps: 'apps/v1',
  rbac: 'rbac.authorization.k8s.io/v1',
  gatewayApi: 'gateway.networking.k8s.io/v1',
  /** ReferenceGrant is served as v1beta1 in the standard channel. */
  gatewayApiBeta: 'gateway.networking.k8s.io/v1beta1',
  gkeNetworking: 'networking.gke.io/v1',
  serviceExport: 'net.gke.io/v1',
  networking: (v: IstioApiVersion) => `networking.istio.io/${v}`,
  security: (v: IstioApiVersion) => `security.istio.io/${v}`,
  /** WorkloadGroup was v1alpha3 before Istio served v1. */
  workloadGroup: (v: IstioApiVersion) => `networking.istio.io/${v === 'v1' ? 'v1' : 'v1alpha3'}`,
  /** The seed's MultiClusterIngress (`meshGateway`) is v1beta1. */
  mci: (seed: boolean) => `networking.gke.io/${seed ? 'v1beta1' : 'v1'}`,
  backendConfig: (seed: boolean) => `cloud.google.com/${seed ? 'v1beta1' : 'v1'}`,
} as const;

type ObjectKey = Omit<PlannedObject, 'source'>;

/**
 * The field that names version `k` of a workload's traffic split: `versions[k]`, or with the
 * canary shorthand `version` (k = 0) and `canary`; `version` for a workload without versions.
 */
function versionSource(base: string, w: ResolvedWorkload, k: number): string {
  if (w.canary !== undefined) return k === 0 ? `${base}.version` : `${base}.canary`;
  return w.versions.length > 0 ? `${base}.versions[${k}]` : `${base}.version`;
}

function at(source: string, objects: readonly ObjectKey[]): PlannedObject[] {
  return objects.map((o) => ({ ...o, source }));
}

/**
 * The Kubernetes objects a component's construct writes, in the order it writes them, named by
 * the functions of names.ts (and gateway-policies.ts) that the constructs use too.
 * @throws Error when the component references an entry the model does not have (a plan bug)
 */
export function objectsOf(model: ResolvedTopology, c: PlannedComponent): PlannedObject[] {
  const v: IstioApiVersion = model.mesh?.istioApiVersion ?? 'v1';
  const istio = ISTIO_SYSTEM_NAMESPACE;
  switch (c.component) {
    case 'IstioSystemNamespace':
      return at(c.source, [{ kind: 'Namespace', apiVersion: API.core, name: istio }]);
    case 'AppNamespace':
      return at(c.source, [{ kind: 'Namespace', apiVersion: API.core, name: c.name }]);
    case 'ClusterAdminBinding':
      return at(c.source, [{ kind: 'ClusterRoleBinding', apiVersion: API.rbac, name: CLUSTER_ADMIN_BINDING_NAME }]);
    case 'IstiodService':
      return at(c.source, [{ kind: 'Service', apiVersion: API.core, namespace: istio, name: ISTIOD_SERVICE_NAME }]);
    case 'CrossNetworkGateway':
      return at(c.source, [{ kind: 'Gateway', apiVersion: API.networking(v), namespace: istio, name: CROSS_NETWORK_GATEWAY_NAME }]);
    case 'IstiodExposure':
      return at(c.source, [
        { kind: 'Gateway', apiVersion: API.networking(v), namespace: istio, name: ISTIOD_GATEWAY_NAME },
        { kind: 'VirtualService', apiVersion: API.networking(v), namespace: istio, name: istiodVirtualServiceName(model.mesh?.revision) },
      ]);
    case 'ManagedMeshConfig':
      return at(c.source, [{ kind: 'ConfigMap', apiVersion: API.core, namespace: istio, name: managedMeshConfigName(model.mesh?.revision) }]);
    case 'MeshMtls':
      return at(c.source, [{ kind: 'PeerAuthentication', apiVersion: API.security(v), namespace: istio, name: MESH_MTLS_POLICY }]);
    case 'IngressGateway': {
      const g = model.mesh!.ingressGateway!;
      const sds = gatewaySdsRoleName(g.name);
      return at(c.source, [
        { kind: 'Service', apiVersion: API.core, namespace: g.namespace, name: g.name },
        { kind: 'ServiceAccount', apiVersion: API.core, namespace: g.namespace, name: g.name },
        { kind: 'Deployment', apiVersion: API.apps, namespace: g.namespace, name: g.name },
        { kind: 'Role', apiVersion: API.rbac, namespace: g.namespace, name: sds },
        { kind: 'RoleBinding', apiVersion: API.rbac, namespace: g.namespace, name: sds },
      ]);
    }
    case 'EgressGateway': {
      const g = model.mesh!.egressGateway!;
      return at(c.source, [
        { kind: 'Service', apiVersion: API.core, namespace: g.namespace, name: g.name },
        { kind: 'ServiceAccount', apiVersion: API.core, namespace: g.namespace, name: g.name },
        { kind: 'Deployment', apiVersion: API.apps, namespace: g.namespace, name: g.name },
      ]);
    }
    case 'SharedGateway': {
      const g = model.mesh!.ingressGateway!;
      return at(c.source, [{ kind: 'Gateway', apiVersion: API.networking(v), namespace: g.namespace, name: g.name }]);
    }
    case 'AppConfig': {
      const app = model.apps[c.app];
      const namespace = app.namespace;
      return [
        ...app.configMaps.flatMap((m, k) => (m.external ? [] : [{ kind: 'ConfigMap', apiVersion: API.core, namespace, name: m.name, source: `apps[${c.app}].configMaps[${k}]` }])),
        ...app.serviceAccounts.map((name, k) => ({ kind: 'ServiceAccount', apiVersion: API.core, namespace, name, source: `apps[${c.app}].serviceAccounts[${k}]` })),
      ];
    }
    case 'Workload': {
      const namespace = model.apps[c.app].namespace;
      const w = model.apps[c.app].workloads[c.workload];
      const objects: PlannedObject[] = [];
      if (c.pods) objects.push({ kind: w.kind, apiVersion: API.apps, namespace, name: w.name, source: c.source });
      if (c.service && w.port !== undefined) {
        objects.push({ kind: 'Service', apiVersion: API.core, namespace, name: w.name, source: c.source });
        w.extraServices.forEach((extra, k) => objects.push({ kind: 'Service', apiVersion: API.core, namespace, name: extra.name, source: `${c.source}.extraServices[${k}]` }));
      }
      return objects;
    }
    case 'ExportedService': {
      const namespace = model.apps[c.app].namespace;
      return at(c.source, [
        { kind: 'Service', apiVersion: API.core, namespace, name: c.name },
        { kind: 'ServiceExport', apiVersion: API.serviceExport, namespace, name: c.name },
      ]);
    }
    case 'WorkloadVersions': {
      const namespace = model.apps[c.app].namespace;
      const w = model.apps[c.app].workloads[c.workload];
      const base = `apps[${c.app}].workloads[${c.workload}]`;
      const objects: PlannedObject[] = [];
      if (c.pods) {
        w.versions
          .slice(1)
          .forEach((version, k) =>
            objects.push({ kind: 'Deployment', apiVersion: API.apps, namespace, name: versionDeploymentName(w.name, version.name), source: versionSource(base, w, k + 1) }),
          );
      }
      if (c.routing) {
        objects.push({ kind: 'DestinationRule', apiVersion: API.networking(v), namespace, name: w.destinationRuleName, source: c.source });
        objects.push({ kind: 'VirtualService', apiVersion: API.networking(v), namespace, name: w.virtualServiceName, source: c.source });
      }
      return objects;
    }
    case 'IstioMeshRoute': {
      const namespace = model.apps[c.app].namespace;
      return at(c.source, [
        ...(c.destinationRule ? [{ kind: 'DestinationRule', apiVersion: API.networking(v), namespace, name: c.names.destinationRule }] : []),
        ...(c.virtualService ? [{ kind: 'VirtualService', apiVersion: API.networking(v), namespace, name: c.names.virtualService }] : []),
      ]);
    }
    case 'VersionServices': {
      const namespace = model.apps[c.app].namespace;
      const w = model.apps[c.app].workloads[c.workload];
      const base = `apps[${c.app}].workloads[${c.workload}]`;
      return c.versions.map((version, k) => ({ kind: 'Service', apiVersion: API.core, namespace, name: versionServiceName(w.name, version), source: versionSource(base, w, k) }));
    }
    case 'VersionServiceExports': {
      const namespace = model.apps[c.app].namespace;
      const w = model.apps[c.app].workloads[c.workload];
      const base = `apps[${c.app}].workloads[${c.workload}]`;
      return c.versions.map((version, k) => ({
        kind: 'ServiceExport',
        apiVersion: API.serviceExport,
        namespace,
        name: versionServiceName(w.name, version),
        source: versionSource(base, w, k),
      }));
    }
    case 'GammaRoute':
      return at(c.source, [{ kind: c.kind, apiVersion: API.gatewayApi, namespace: model.apps[c.app].namespace, name: c.name }]);
    case 'ExposedService':
      return at(c.source, [{ kind: 'VirtualService', apiVersion: API.networking(v), namespace: model.apps[c.app].namespace, name: c.name }]);
    case 'VmWorkload': {
      const namespace = model.apps[c.app].namespace;
      const vm = model.apps[c.app].vmWorkloads[c.vmWorkload];
      return at(c.source, [
        ...(c.createServiceAccount ? [{ kind: 'ServiceAccount', apiVersion: API.core, namespace, name: vm.serviceAccount }] : []),
        { kind: 'WorkloadGroup', apiVersion: API.workloadGroup(v), namespace, name: vm.name },
      ]);
    }
    case 'DefaultDeny': {
      const namespace = model.apps[c.app].namespace;
      const workloads = model.apps[c.app].workloads;
      return [
        { kind: 'AuthorizationPolicy', apiVersion: API.security(v), namespace, name: DENY_ALL_POLICY, source: c.source },
        ...c.exposedWorkloads.map((name) => ({
          kind: 'AuthorizationPolicy',
          apiVersion: API.security(v),
          namespace,
          name: fromIngressGatewayPolicyName(name),
          source: `apps[${c.app}].workloads[${workloads.findIndex((w) => w.name === name)}].expose`,
        })),
      ];
    }
    case 'LoadBalancerPlaintext': {
      const namespace = model.apps[c.app].namespace;
      return at(c.source, [
        { kind: 'PeerAuthentication', apiVersion: API.security(v), namespace, name: c.name },
        ...(c.allow ? [{ kind: 'AuthorizationPolicy', apiVersion: API.security(v), namespace, name: c.name }] : []),
      ]);
    }
    case 'AppServiceEntry': {
      const app = model.apps[c.app];
      const entry = app.serviceEntries[c.serviceEntry];
      return [
        ...at(c.source, [{ kind: 'ServiceEntry', apiVersion: API.networking(v), namespace: app.namespace, name: entry.name }]),
        ...(entry.trafficPolicy === undefined
          ? []
          : at(`${c.source}.trafficPolicy`, [{ kind: 'DestinationRule', apiVersion: API.networking(v), namespace: app.namespace, name: serviceEntryPolicyName(entry.name) }])),
      ];
    }
    case 'EgressRoute': {
      const app = model.apps[c.app];
      const name = egressRouteName(app.serviceEntries[c.serviceEntry].name);
      return at(
        c.source,
        (['Gateway', 'DestinationRule', 'VirtualService'] as const).map((kind) => ({ kind, apiVersion: API.networking(v), namespace: app.namespace, name })),
      );
    }
    case 'AppSidecar': {
      const app = model.apps[c.app];
      const name = c.workload === undefined ? APP_SIDECAR_NAME : workloadSidecarName(app.workloads[c.workload].name);
      return at(c.source, [{ kind: 'Sidecar', apiVersion: API.networking(v), namespace: app.namespace, name }]);
    }
    case 'AppSecurityPolicy': {
      const app = model.apps[c.app];
      const name = c.kind === 'AuthorizationPolicy' ? app.authorizationPolicies[c.index].name : app.requestAuthentications[c.index].name;
      return at(c.source, [{ kind: c.kind, apiVersion: API.security(v), namespace: app.namespace, name }]);
    }
    case 'AppExtraObject':
    case 'ClusterExtraObject':
      return [extraPlannedObject(model, c)];
    case 'MultiClusterIngressSet': {
      const mci = model.multiClusterIngress!;
      const seed = mci.meshGateway;
      const namespace = mci.namespace;
      return [
        { kind: 'MultiClusterIngress', apiVersion: API.mci(seed), namespace, name: mci.name, source: c.source },
        ...mci.services.map((s, k) => ({ kind: 'MultiClusterService', apiVersion: API.mci(seed), namespace, name: s.name, source: `${c.source}.services[${k}]` })),
        ...mci.backendConfigs.map((b, k) => ({ kind: 'BackendConfig', apiVersion: API.backendConfig(seed), namespace, name: b.name, source: `${c.source}.backendConfigs[${k}]` })),
      ];
    }
    case 'MultiClusterGateway':
    case 'ClusterGateway': {
      const g = model.gateways[c.gateway];
      const namespace = g.namespace;
      const policy = g.gatewayPolicy;
      return [
        { kind: 'Gateway', apiVersion: API.gatewayApi, namespace, name: g.name, source: c.source },
        ...g.routes.map((r, k) => ({ kind: 'HTTPRoute', apiVersion: API.gatewayApi, namespace, name: r.name, source: `${c.source}.routes[${k}]` })),
        ...gatewayReferenceGrantsOf(gatewayTrafficOf(model, g, c.gateway)).map((grant) => ({
          kind: 'ReferenceGrant',
          apiVersion: API.gatewayApiBeta,
          namespace: grant.namespace,
          name: grant.name,
          source: `${c.source}.routes`,
        })),
        ...certificateReferenceGrantsOf(g).map((grant) => ({
          kind: 'ReferenceGrant',
          apiVersion: API.gatewayApiBeta,
          namespace: grant.namespace,
          name: grant.name,
          source: `${c.source}.listeners`,
        })),
        ...g.healthChecks.map((h, k) => ({
          kind: 'HealthCheckPolicy',
          apiVersion: API.gkeNetworking,
          namespace,
          name: h.name ?? healthCheckPolicyName(h.backend),
          source: `${c.source}.healthChecks[${k}]`,
        })),
        ...g.backendPolicies.map((p, k) => ({
          kind: 'GCPBackendPolicy',
          apiVersion: API.gkeNetworking,
          namespace,
          name: p.name ?? backendPolicyName(p.backend),
          source: `${c.source}.backendPolicies[${k}]`,
        })),
        ...(policy === undefined
          ? []
          : [{ kind: 'GCPGatewayPolicy', apiVersion: API.gkeNetworking, namespace, name: policy.name ?? gatewayPolicyName(g.name), source: `${c.source}.gatewayPolicy` }]),
      ];
    }
    case 'ControlPlaneOperator':
      return at(c.source, [{ kind: 'IstioOperator', apiVersion: ISTIO_OPERATOR_API_VERSION, name: CONTROL_PLANE_OPERATOR_NAME }]);
    case 'EastWestGateway':
      return at(c.source, [{ kind: 'IstioOperator', apiVersion: ISTIO_OPERATOR_API_VERSION, name: EAST_WEST_OPERATOR_NAME }]);
  }
}
