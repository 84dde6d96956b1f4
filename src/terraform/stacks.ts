import { App } from 'cdktf';
import { buildPlan } from '../plan/build-plan';
import { FleetPlan } from '../plan/types';
import { ResolvedTopology } from '../topology/model/types';
import { ClustersStack } from './clusters-stack';
import { FleetStack } from './fleet-stack';
import { NetworkStack } from './network-stack';

/**
 * Adds the stacks the plan lists to an app, in apply order (see `planTerraform`): `network`
 * (APIs, VPC pieces), `clusters` (GKE, with the Gateway API channel each cluster's plan asks
 * for), and `fleet` (fleet features); each stack depends on the one the plan says it follows.
 * A plan without stacks (only external clusters) adds none.
 */
export function addStacks(app: App, model: ResolvedTopology, plan: FleetPlan = buildPlan(model)): void {
  const stackOf = (name: string) => plan.terraform.stacks.find((s) => s.name === name);
  const networkPlan = stackOf('network');
  const clustersPlan = stackOf('clusters');
  const fleetPlan = stackOf('fleet');
  if (networkPlan === undefined || clustersPlan === undefined) return;
  const network = new NetworkStack(app, 'network', model, networkPlan);
  const clusters = new ClustersStack(app, 'clusters', model, { natAddresses: network.natAddresses, stack: clustersPlan, clusters: plan.clusters });
  clusters.addDependency(network);
  if (fleetPlan !== undefined) new FleetStack(app, 'fleet', model, fleetPlan).addDependency(clusters);
}
