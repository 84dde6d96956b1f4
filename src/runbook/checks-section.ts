import type { ClusterMeshInstall } from '../plan/types';
import { contextFlag } from './commands';
import { blocks, code, Context, meshClustersInInstallOrder, RunbookSection, sh, unique } from './shared';
import { EAST_WEST_SERVICE } from './wait-commands';

/** Closing checks of an in-cluster mesh: the control plane pods of every mesh cluster. */
export function checksSection(ctx: Context): RunbookSection | undefined {
  if (ctx.model.mesh?.install === undefined) return undefined;
  const clusters = meshClustersInInstallOrder(ctx);
  return {
    title: 'Checks',
    lines: blocks(
      `The control plane components run in ${code('istio-system')} (istiod on primaries, the east-west gateway where there is one):`,
      sh(clusters.map((c) => `kubectl ${contextFlag(c.cluster)} get pods -n istio-system`)),
      ...meshCheckLines(clusters),
    ),
  };
}

/** In-cluster meshes: east-west gateway addresses, remote secrets, proxies connected to istiod. */
export function meshCheckLines(clusters: readonly ClusterMeshInstall[]): Array<string | string[]> {
  const eastWest = clusters.filter((c) => c.eastWestGateway !== undefined);
  const holders = unique(clusters.filter((c) => c.remoteSecretsFrom.length > 0).map((c) => c.cluster));
  const primaries = clusters.filter((c) => c.controlPlane === 'primary');
  return [
    ...(eastWest.length === 0
      ? []
      : [
          `Each east-west gateway has its load balancer address (EXTERNAL-IP):`,
          sh(eastWest.map((c) => `kubectl ${contextFlag(c.cluster)} get service ${EAST_WEST_SERVICE} -n istio-system`)),
        ]),
    ...(holders.length === 0
      ? []
      : ['Each primary holds one remote secret per cluster it reads:', sh(holders.map((h) => `kubectl ${contextFlag(h)} get secret -n istio-system -l istio/multiCluster=true`))]),
    `Every proxy of the mesh${clusters.length > 1 ? " (the other clusters' included)" : ''} is connected to an istiod and ${code('SYNCED')}:`,
    sh(primaries.map((c) => `istioctl proxy-status ${contextFlag(c.cluster)}`)),
  ];
}
