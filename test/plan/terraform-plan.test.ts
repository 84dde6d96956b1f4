/**
 * The plan's Terraform resources against the synthesized stacks, for variants the examples do
 * not cover: a custom VPC with subnets, NAT for private clusters, a region with NAT declared
 * without a private cluster, and an external cluster (no Terraform at all).
 */
import { buildPlan } from '../../src/plan/build-plan';
import { TerraformPlan } from '../../src/plan/types';
import { readableLogicalId } from '../../src/terraform/logical-ids';
import { EXAMPLES, exampleInput, modelOf } from '../k8s/helpers';
import { synthStacks } from '../terraform/helpers';

/** Per stack and planned type, the planned Terraform names and the synthesized ones. */
function compare(plan: TerraformPlan, stacks: Record<string, string>): Array<{ stack: string; type: string; planned: string[]; synthesized: string[] }> {
  return plan.stacks.flatMap((stack) => {
    const json = JSON.parse(stacks[stack.name]) as { resource?: Record<string, Record<string, unknown>> };
    return [...new Set(stack.resources.map((r) => r.type))].map((type) => ({
      stack: stack.name,
      type,
      planned: stack.resources
        .filter((r) => r.type === type)
        .map((r) => readableLogicalId(r.path))
        .sort(),
      synthesized: Object.keys(json.resource?.[type] ?? {}).sort(),
    }));
  });
}

test('a custom VPC with subnets, NAT in a private cluster region and a declared one', () => {
  const input = exampleInput(EXAMPLES.gateway);
  input.network = {
    name: 'mesh-vpc',
    subnets: [
      { name: 'west', region: 'us-west1', cidr: '10.10.0.0/20' },
      { name: 'east', region: 'us-east1', cidr: '10.11.0.0/20' },
    ],
  };
  input.clusters[0].subnet = 'west';
  input.clusters[1].subnet = 'east';
  input.clusters[0].private = true;
  input.clusters[0].masterCidr = '172.16.0.0/28';
  input.regions[1].nat = { enabled: true };
  const model = modelOf(input);
  const plan = buildPlan(model);
  const network = plan.terraform.stacks.find((s) => s.name === 'network')!;
  expect(network.resources.filter((r) => r.type === 'google_compute_router').map((r) => [r.path[0], r.source])).toEqual([
    ['nat-us-west1', 'clusters[0].private'],
    ['nat-us-east1', 'regions[1].nat'],
  ]);
  expect(network.resources.filter((r) => r.type === 'google_compute_network')).toHaveLength(1);
  for (const row of compare(plan.terraform, synthStacks(model))) expect(row.planned).toEqual(row.synthesized);
});

test('a fleet without GKE clusters has no stack', () => {
  expect(buildPlan(modelOf(exampleInput(EXAMPLES.asmOnprem))).terraform).toEqual({ stacks: [] });
});
