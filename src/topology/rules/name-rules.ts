import { Problem, problem } from './problems';
import { ResolvedTopology } from '../model/types';

/*
 * Names the topology gives twice where Google Cloud or the Gateway API take them once. The names
 * meshfleet derives for Kubernetes objects are checked over the plan (src/plan/name-rules.ts).
 */

/** Gateways of the config cluster's `multi-cluster-gateway.yaml`: one Gateway per namespace and name. */
function checkGatewayNames(model: ResolvedTopology, problems: Problem[]): void {
  const objects = new Map<string, number>();
  model.gateways.forEach((g, i) => {
    const first = objects.get(`${g.namespace}/${g.name}`);
    if (first !== undefined) {
      problems.push(
        problem(`gateways[${i}].name`, `duplicate gateway, gateways[${first}] has this name in namespace ${g.namespace}`, g.name, 'a gateway name unique in its namespace'),
      );
    } else {
      objects.set(`${g.namespace}/${g.name}`, i);
    }
  });
}

/** Subnets of the custom VPC: one name per region (GCP's rule, and the network stack's construct id `subnet-<name>-<region>`). */
function checkSubnetNames(model: ResolvedTopology, problems: Problem[]): void {
  const first = new Map<string, number>();
  model.network.subnets.forEach((subnet, i) => {
    const key = `${subnet.region}/${subnet.name}`;
    const earlier = first.get(key);
    if (earlier !== undefined) {
      problems.push(
        problem(
          `network.subnets[${i}].name`,
          `duplicate subnet in ${subnet.region}, already declared by network.subnets[${earlier}]`,
          subnet.name,
          'a subnet name unique in its region',
        ),
      );
    } else {
      first.set(key, i);
    }
  });
}

/** Input checks of names: gateways unique per namespace, subnets unique per region. */
export function checkObjectNames(model: ResolvedTopology, problems: Problem[]): void {
  checkGatewayNames(model, problems);
  checkSubnetNames(model, problems);
}
