import { MESH_INSTALL_FILES } from '../output/paths';
import { ResolvedTopology } from '../topology/model/types';
import { eastWestGatewayOf, meshInstallClusters, remoteSecretsOf } from '../topology/resolve/mesh-plan';
import { eastWestLoadBalancerOf, formatRange, kubernetesRangeOf, kubernetesSupportOf } from '../topology/resolve/mesh-support';
import { ClusterMeshInstall, MeshInstallPlan, MeshKubernetesPlan } from './types';

/**
 * The in-cluster mesh install per cluster, in install order (primaries first, then remotes,
 * each in topology order; a remote needs its primary's istiod): the `istioctl install -f` inputs
 * (control plane, then the east-west gateway where one is needed, with the address it gets),
 * and the remote secrets each primary needs, and the Kubernetes versions the mesh version supports. Empty for fleet-managed meshes and fleets without
 * a mesh. The runbook's install steps and the files under `mesh-install/` read the same facts.
 */
export function planMeshInstall(model: ResolvedTopology): MeshInstallPlan {
  const secrets = remoteSecretsOf(model);
  const members = meshInstallClusters(model);
  const loadBalancer = eastWestLoadBalancerOf(model);
  const version = model.mesh?.install === undefined ? undefined : model.mesh.version;
  const inOrder = [...members.filter((c) => c.meshInstall!.controlPlane === 'primary'), ...members.filter((c) => c.meshInstall!.controlPlane !== 'primary')];
  const clusters = inOrder.map((cluster): ClusterMeshInstall => {
    const eastWest = eastWestGatewayOf(model, cluster);
    const reserved = eastWest?.reservedAddress;
    return {
      cluster: cluster.name,
      controlPlane: cluster.meshInstall!.controlPlane,
      network: cluster.meshInstall!.network,
      controlPlaneFile: MESH_INSTALL_FILES.controlPlane,
      ...(eastWest === undefined
        ? {}
        : {
            eastWestGateway: {
              file: MESH_INSTALL_FILES.eastWestGateway,
              crossNetwork: eastWest.crossNetwork,
              exposeIstiod: eastWest.exposeIstiod,
              loadBalancer: loadBalancer.type,
              globalAccess: loadBalancer.globalAccess,
              ...(eastWest.loadBalancerIp === undefined ? {} : { loadBalancerIp: eastWest.loadBalancerIp }),
              ...(reserved === undefined ? {} : { reservedAddress: { name: reserved.name, region: reserved.region, output: reserved.output } }),
            },
          }),
      remoteSecretsFrom: secrets.filter((s) => s.holder === cluster).map((s) => s.target.name),
      kubernetes: version === undefined ? 'unknown' : kubernetesSupportOf(version, cluster),
    };
  });
  if (version === undefined) return { clusters };
  const range = kubernetesRangeOf(version);
  const kubernetes: MeshKubernetesPlan = { meshVersion: version, ...(range === undefined ? {} : { supported: formatRange(range) }) };
  return { clusters, kubernetes };
}
