import { ResolvedTopology } from '../topology';

/**
 * A one-line description of a resolved topology, e.g.
 * `3 clusters (2 workload, 1 config), 3 regions, mesh fleet, config cluster gke-ingress, 0 gateways`.
 */
export function describeTopology(model: ResolvedTopology): string {
  const workload = model.clusters.filter((c) => c.role === 'workload').length;
  const config = model.clusters.length - workload;
  const parts = [
    `${plural(model.clusters.length, 'cluster')} (${workload} workload, ${config} config)`,
    plural(model.regions.length, 'region'),
    model.mesh ? `mesh ${model.mesh.management}` : 'no mesh',
  ];
  if (model.fleet.configCluster) parts.push(`config cluster ${model.fleet.configCluster}`);
  if (model.fleet.multiClusterServices) parts.push('multi-cluster services');
  parts.push(plural(model.gateways.length, 'gateway'));
  return parts.join(', ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
