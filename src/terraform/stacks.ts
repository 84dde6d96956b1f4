import { App } from 'cdktf';
import { gkeClusters, ResolvedTopology } from '../topology/model/types';
import { ClustersStack } from './clusters-stack';
import { FleetStack, usesFleetFeatures } from './fleet-stack';
import { NetworkStack } from './network-stack';

/** Stack names, in apply order. */
export const STACK_ORDER = ['network', 'clusters', 'fleet'] as const;

/**
 * Adds the stacks of a topology to an app, in apply order: `network` (APIs, VPC pieces),
 * `clusters` (GKE), and `fleet` (fleet features) when any feature is used. A topology without
 * GKE clusters (only external clusters, e.g. GKE on VMware) gets no stack.
 */
export function addStacks(app: App, model: ResolvedTopology): void {
  if (gkeClusters(model).length === 0) return;
  const network = new NetworkStack(app, 'network', model);
  const clusters = new ClustersStack(app, 'clusters', model, { natAddresses: network.natAddresses });
  clusters.addDependency(network);
  if (usesFleetFeatures(model)) {
    new FleetStack(app, 'fleet', model).addDependency(clusters);
  }
}
