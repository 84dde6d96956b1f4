/**
 * The blue/green example (external global multi-cluster Gateway) on the Terraform side, and the
 * proxy-only subnet purpose following the gateway classes that use a region.
 */
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { example, modify, resourceNamed, resourcesOf, synthStacks } from './helpers';
import { TopologyInput } from '../../src/topology/model/types';
import { parseTopologyText } from '../../src/load/load';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES } from './helpers';

describe('multicluster-gateway-blue-green: network stack', () => {
  const net = synthStacks(example('multicluster-gateway-blue-green')).network;

  test('no proxy-only subnet and no reserved address: the global external class needs neither', () => {
    expect(resourcesOf(net, ComputeSubnetwork.tfResourceType)).toEqual([]);
    expect(resourcesOf(net, ComputeAddress.tfResourceType)).toEqual([]);
  });

  test('enables the multi-cluster gateway and services APIs, not GKE Enterprise', () => {
    const services = resourcesOf(net, ProjectService.tfResourceType).map((s) => s.service);
    expect(services).toEqual(expect.arrayContaining(['multiclusteringress.googleapis.com', 'multiclusterservicediscovery.googleapis.com', 'trafficdirector.googleapis.com']));
    expect(services).not.toContain('anthos.googleapis.com');
  });
});

describe('proxy-only subnet purpose follows the classes using the region', () => {
  const seed003 = parseTopologyText(fs.readFileSync(path.join(EXAMPLES, 'internal-multicluster-gateway.yaml'), 'utf8'), 'seed 003') as TopologyInput;
  const purposeIn = (net: string, region: string): string => resourceNamed(net, ComputeSubnetwork.tfResourceType, `${region}-proxy-only-subnet`).purpose;

  test('cross-regional internal class (seed 003): GLOBAL_MANAGED_PROXY in every region', () => {
    const net = synthStacks(modify(seed003, () => undefined)).network;
    expect(purposeIn(net, 'us-west1')).toBe('GLOBAL_MANAGED_PROXY');
    expect(purposeIn(net, 'us-east1')).toBe('GLOBAL_MANAGED_PROXY');
  });

  test('regional internal class (gke-l7-rilb-mc): REGIONAL_MANAGED_PROXY in its region; an unused region keeps GLOBAL_MANAGED_PROXY', () => {
    const model = modify(seed003, (t) => {
      t.gateways[0].className = 'gke-l7-rilb-mc';
      t.gateways[0].addresses = [{ region: 'us-west1' }];
    });
    const net = synthStacks(model).network;
    expect(purposeIn(net, 'us-west1')).toBe('REGIONAL_MANAGED_PROXY');
    expect(purposeIn(net, 'us-east1')).toBe('GLOBAL_MANAGED_PROXY');
  });

  test('regional external class without addresses: REGIONAL_MANAGED_PROXY in the config cluster region', () => {
    const model = modify(seed003, (t) => {
      t.gateways[0].className = 'gke-l7-regional-external-managed-mc';
      delete t.gateways[0].addresses;
    });
    const net = synthStacks(model).network;
    expect(purposeIn(net, 'us-west1')).toBe('REGIONAL_MANAGED_PROXY');
    expect(resourcesOf(net, ComputeAddress.tfResourceType)).toEqual([]);
  });
});
