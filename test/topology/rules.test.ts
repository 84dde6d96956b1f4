import { validateTopology } from '../../src/load/load';
import { buildPlan } from '../../src/plan/build-plan';
import { isGkeCluster } from '../../src/topology/model/types';
import { Draft, expectOnlyProblem, gke, problemsOf, topologyError } from './support';

/**
 * A small valid topology that exercises every rule group: two private workload clusters with
 * pod ranges, a public config cluster, proxy-only subnets in both workload regions, a
 * fleet-managed mesh and a cross-regional multi-cluster Gateway. Each test breaks one thing.
 */
function base(): Draft {
  return {
    name: 'rules-base',
    project: { id: 'meshfleet-test' },
    regions: [
      { name: 'us-west1', proxyOnlySubnet: '10.129.0.0/23' },
      { name: 'us-east1', proxyOnlySubnet: '10.130.0.0/23' },
    ],
    operatorCidrs: ['203.0.113.10/32'],
    clusters: [
      { name: 'work-west', zone: 'us-west1-a', masterCidr: '172.16.0.0/28', podCidr: '10.0.0.0/14' },
      { name: 'work-east', zone: 'us-east1-b', masterCidr: '172.16.1.0/28', podCidr: '10.4.0.0/14' },
      { name: 'config', zone: 'us-west1-b', role: 'config', private: false, authorizedNetworks: false, gatewayApi: 'standard' },
    ],
    mesh: { management: 'fleet' },
    fleet: { configCluster: 'config', multiClusterServices: true },
    gateways: [
      {
        name: 'internal',
        namespace: 'store',
        className: 'gke-l7-cross-regional-internal-managed-mc',
        addresses: [{ region: 'us-west1' }],
      },
    ],
  };
}

/** The base topology in a custom-mode VPC: one subnet per region, every cluster in one. */
function withSubnets(): Draft {
  const t = base();
  t.network = {
    name: 'mesh-vpc',
    subnets: [
      { name: 'west', region: 'us-west1', cidr: '10.10.0.0/20' },
      { name: 'east', region: 'us-east1', cidr: '10.20.0.0/20' },
    ],
  };
  t.clusters[0].subnet = 'west';
  t.clusters[1].subnet = 'east';
  t.clusters[2].subnet = 'west';
  return t;
}

function variant(make: () => Draft, change: (t: Draft) => void): Draft {
  const t = make();
  change(t);
  return t;
}

const CROSS_REGIONAL = 'gke-l7-cross-regional-internal-managed-mc';

describe('the base topologies', () => {
  test('the base topology is valid', () => {
    const model = validateTopology(base(), 'test');
    expect(model.clusters.map(gke).map((c) => [c.name, c.region, c.private, c.role, c.meshMember])).toEqual([
      ['work-west', 'us-west1', true, 'workload', true],
      ['work-east', 'us-east1', true, 'workload', true],
      ['config', 'us-west1', false, 'config', false],
    ]);
  });

  test('the base topology with subnets is valid', () => {
    const model = validateTopology(withSubnets(), 'test');
    expect(model.network.subnets.map((s) => s.name)).toEqual(['west', 'east']);
    expect(model.clusters.map((c) => gke(c).subnet)).toEqual(['west', 'east', 'west']);
  });
});

describe('clusters', () => {
  test('duplicate cluster names', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[1].name = 'work-west')),
      'clusters[1].name',
      'duplicate cluster name, already used by clusters[0] (found "work-west", expected a unique name)',
    );
  });

  test('a third cluster with a duplicate name points at the first use', () => {
    const t = base();
    t.clusters.push({ name: 'work-east', zone: 'us-east1-c', masterCidr: '172.16.2.0/28' });
    expectOnlyProblem(t, 'clusters[3].name', 'duplicate cluster name, already used by clusters[1] (found "work-east", expected a unique name)');
  });

  test('two clusters with the same short name', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[1].shortName = 'work-west')),
      'clusters[1].shortName',
      'short name already used by clusters[0] (per-cluster Service names would clash) (found "work-west", expected a unique shortName)',
    );
  });

  test('zone outside the declared region', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[2].region = 'us-east1')),
      'clusters[2].zone',
      'zone is outside the cluster\'s region us-east1 (found "us-west1-b", expected a zone of us-east1: one of us-east1-b, us-east1-c, us-east1-d)',
    );
  });

  test('a declared region that contains the zone is accepted', () => {
    const model = validateTopology(
      variant(base, (t) => (t.clusters[0].region = 'us-west1')),
      'test',
    );
    expect(gke(model.clusters[0]).region).toBe('us-west1');
  });

  test('private cluster without masterCidr (private is the default)', () => {
    expectOnlyProblem(
      variant(base, (t) => delete t.clusters[1].masterCidr),
      'clusters[1].masterCidr',
      'a private cluster needs a control-plane range (found nothing, expected an unused private /28 such as 172.16.0.0/28)',
    );
  });

  test('explicitly private cluster without masterCidr', () => {
    expectOnlyProblem(
      variant(base, (t) => {
        t.clusters[2].private = true;
        delete t.clusters[2].authorizedNetworks;
        t.operatorCidrs = [];
      }),
      'clusters[2].masterCidr',
      'a private cluster needs a control-plane range (found nothing, expected an unused private /28 such as 172.16.0.0/28)',
    );
  });

  test('masterCidr on a public cluster', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[2].masterCidr = '172.16.2.0/28')),
      'clusters[2].masterCidr',
      'only private clusters take a control-plane range (found "172.16.2.0/28", expected no masterCidr, or private: true)',
    );
  });

  test('minNodes greater than maxNodes', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[0].nodePool = { minNodes: 6 })),
      'clusters[0].nodePool.minNodes',
      'more than maxNodes (5) (found 6, expected at most 5)',
    );
  });

  test('minNodes greater than an explicit maxNodes', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[1].nodePool = { minNodes: 2, maxNodes: 1, initialNodes: 9 })),
      'clusters[1].nodePool.minNodes',
      'more than maxNodes (1) (found 2, expected at most 1)',
    );
  });

  test('initialNodes above maxNodes', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[0].nodePool = { initialNodes: 7 })),
      'clusters[0].nodePool.initialNodes',
      'outside the autoscaling bounds (found 7, expected 3..5)',
    );
  });

  test('initialNodes below minNodes', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[1].nodePool = { minNodes: 2, maxNodes: 4, initialNodes: 1 })),
      'clusters[1].nodePool.initialNodes',
      'outside the autoscaling bounds (found 1, expected 2..4)',
    );
  });

  test.each<[{ minNodes: number; maxNodes: number; initialNodes?: number }]>([
    [{ minNodes: 2, maxNodes: 4, initialNodes: 2 }],
    [{ minNodes: 2, maxNodes: 4, initialNodes: 4 }],
    [{ minNodes: 1, maxNodes: 1 }],
    [{ minNodes: 0, maxNodes: 1, initialNodes: 0 }],
  ])('node pool %j within bounds is accepted', (nodePool) => {
    const model = validateTopology(
      variant(base, (t) => (t.clusters[0].nodePool = nodePool)),
      'test',
    );
    expect(gke(model.clusters[0]).nodePool).toEqual({
      machineType: 'e2-standard-4',
      minNodes: nodePool.minNodes,
      maxNodes: nodePool.maxNodes,
      initialNodes: nodePool.initialNodes ?? nodePool.minNodes,
    });
  });

  test('subnet of another region', () => {
    expectOnlyProblem(
      variant(withSubnets, (t) => (t.clusters[1].subnet = 'west')),
      'clusters[1].subnet',
      'not a subnet of network.subnets in us-east1 (found "west", expected one of east)',
    );
  });

  test('unknown subnet name', () => {
    expectOnlyProblem(
      variant(withSubnets, (t) => (t.clusters[0].subnet = 'nowhere')),
      'clusters[0].subnet',
      'not a subnet of network.subnets in us-west1 (found "nowhere", expected one of west)',
    );
  });

  test('missing subnet when network.subnets is declared', () => {
    expectOnlyProblem(
      variant(withSubnets, (t) => delete t.clusters[0].subnet),
      'clusters[0].subnet',
      'not a subnet of network.subnets in us-west1 (found nothing, expected one of west)',
    );
  });

  test('subnet list names every subnet of the region', () => {
    expectOnlyProblem(
      variant(withSubnets, (t) => {
        t.network.subnets.push({ name: 'west-2', region: 'us-west1', cidr: '10.11.0.0/20' });
        t.clusters[0].subnet = 'east';
      }),
      'clusters[0].subnet',
      'not a subnet of network.subnets in us-west1 (found "east", expected one of west, west-2)',
    );
  });

  test('cluster in a region without any subnet', () => {
    expectOnlyProblem(
      variant(withSubnets, (t) => (t.clusters[2].zone = 'us-central1-a')),
      'clusters[2].subnet',
      'not a subnet of network.subnets in us-central1 (found "west", expected a network.subnets entry in us-central1)',
    );
  });

  test('mesh member with fleet: false in a fleet-managed mesh', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[1].fleet = false)),
      'clusters[1].fleet',
      'a cluster in a fleet-managed mesh must be registered to the fleet (found false, expected true, or role: config)',
    );
  });

  test('fleet: false is accepted for a member of an in-cluster mesh', () => {
    const model = validateTopology(
      variant(base, (t) => {
        t.mesh = { management: 'in-cluster', meshId: 'mesh1' };
        t.clusters[1].fleet = false;
      }),
      'test',
    );
    expect(model.clusters[1]).toMatchObject({ fleet: false, meshMember: true });
  });
});

describe('control-plane ranges', () => {
  test('master CIDR not a /28', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[0].masterCidr = '172.16.0.0/27')),
      'clusters[0].masterCidr',
      'the control-plane range must be a /28 (found "172.16.0.0/27", expected a /28 such as 172.16.0.0/28)',
    );
  });

  test('master CIDR narrower than a /28', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[0].masterCidr = '172.16.0.0/29')),
      'clusters[0].masterCidr',
      'the control-plane range must be a /28 (found "172.16.0.0/29", expected a /28 such as 172.16.0.0/28)',
    );
  });

  test('master CIDR not private', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[0].masterCidr = '8.8.8.0/28')),
      'clusters[0].masterCidr',
      'the control-plane range is not private (found "8.8.8.0/28", expected a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)',
    );
  });

  test.each(['10.200.0.0/28', '172.31.255.240/28', '192.168.5.16/28'])('private master CIDR %s is accepted', (cidr) => {
    expect(
      gke(
        validateTopology(
          variant(base, (t) => (t.clusters[0].masterCidr = cidr)),
          'test',
        ).clusters[0],
      ).masterCidr,
    ).toBe(cidr);
  });

  test('master CIDR with host bits set', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[0].masterCidr = '172.16.0.8/28')),
      'clusters[0].masterCidr',
      'host bits are set (found "172.16.0.8/28", expected "172.16.0.0/28")',
    );
  });

  test('master CIDR that is neither a /28 nor private reports both', () => {
    expect(problemsOf(variant(base, (t) => (t.clusters[0].masterCidr = '8.8.0.0/24')))).toEqual([
      {
        path: 'clusters[0].masterCidr',
        message: 'the control-plane range must be a /28 (found "8.8.0.0/24", expected a /28 such as 172.16.0.0/28)',
      },
      {
        path: 'clusters[0].masterCidr',
        message: 'the control-plane range is not private (found "8.8.0.0/24", expected a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)',
      },
    ]);
  });

  test('master CIDR overlapping another master CIDR', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[1].masterCidr = '172.16.0.0/28')),
      'clusters[1].masterCidr',
      'overlaps clusters[0].masterCidr (found "172.16.0.0/28", expected a range that does not overlap 172.16.0.0/28)',
    );
  });

  test('master CIDR overlapping an earlier podCidr', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[1].masterCidr = '10.0.0.16/28')),
      'clusters[1].masterCidr',
      'overlaps clusters[0].podCidr (found "10.0.0.16/28", expected a range that does not overlap 10.0.0.0/14)',
    );
  });

  test('a later podCidr overlapping a master CIDR', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[0].masterCidr = '10.4.0.0/28')),
      'clusters[1].podCidr',
      'overlaps clusters[0].masterCidr (found "10.4.0.0/14", expected a range that does not overlap 10.4.0.0/28)',
    );
  });

  test("a podCidr overlapping the same cluster's master CIDR", () => {
    expectOnlyProblem(
      variant(base, (t) => {
        t.clusters[0].podCidr = '172.16.0.0/21';
        t.clusters[1].masterCidr = '172.16.8.0/28';
      }),
      'clusters[0].podCidr',
      'overlaps clusters[0].masterCidr (found "172.16.0.0/21", expected a range that does not overlap 172.16.0.0/28)',
    );
  });

  test('master CIDR overlapping a proxy-only subnet', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[0].masterCidr = '10.129.1.0/28')),
      'clusters[0].masterCidr',
      'overlaps regions[0].proxyOnlySubnet (found "10.129.1.0/28", expected a range that does not overlap 10.129.0.0/23)',
    );
  });

  test('master CIDR overlapping a subnet', () => {
    expectOnlyProblem(
      variant(withSubnets, (t) => (t.clusters[1].masterCidr = '10.20.15.240/28')),
      'clusters[1].masterCidr',
      'overlaps network.subnets[1].cidr (found "10.20.15.240/28", expected a range that does not overlap 10.20.0.0/20)',
    );
  });

  test('overlapping proxy-only subnets', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.regions[1].proxyOnlySubnet = '10.129.1.0/24')),
      'regions[1].proxyOnlySubnet',
      'overlaps regions[0].proxyOnlySubnet (found "10.129.1.0/24", expected a range that does not overlap 10.129.0.0/23)',
    );
  });

  test('a proxy-only subnet overlapping a subnet', () => {
    expectOnlyProblem(
      variant(withSubnets, (t) => (t.regions[0].proxyOnlySubnet = '10.10.0.0/23')),
      'regions[0].proxyOnlySubnet',
      'overlaps network.subnets[0].cidr (found "10.10.0.0/23", expected a range that does not overlap 10.10.0.0/20)',
    );
  });

  test('adjacent ranges do not overlap', () => {
    const model = validateTopology(
      variant(base, (t) => {
        t.clusters[0].masterCidr = '10.128.255.240/28'; // just below 10.129.0.0/23
        t.clusters[1].masterCidr = '10.129.2.0/28'; // just above it
      }),
      'test',
    );
    expect(model.clusters.map((c) => gke(c).masterCidr)).toEqual(['10.128.255.240/28', '10.129.2.0/28', undefined]);
  });

  test('a range overlapping several earlier ones names the first', () => {
    expectOnlyProblem(
      variant(base, (t) => {
        t.clusters[1].podCidr = '10.0.0.0/8';
      }),
      'clusters[1].podCidr',
      'overlaps regions[0].proxyOnlySubnet (found "10.0.0.0/8", expected a range that does not overlap 10.129.0.0/23)',
    );
  });
});

describe('pod ranges (they flow into firewall rules and authorized networks)', () => {
  const PRIVATE = 'expected a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16';
  test.each([
    ['0.0.0.0/0', 'the pod range must be a /8 to /21 (found "0.0.0.0/0", expected a prefix of /8 to /21 such as 10.4.0.0/14)'],
    ['0.0.0.0/1', 'the pod range must be a /8 to /21 (found "0.0.0.0/1", expected a prefix of /8 to /21 such as 10.4.0.0/14)'],
    ['10.0.0.0/7', 'the pod range must be a /8 to /21 (found "10.0.0.0/7", expected a prefix of /8 to /21 such as 10.4.0.0/14)'],
    ['10.0.0.0/22', 'the pod range must be a /8 to /21 (found "10.0.0.0/22", expected a prefix of /8 to /21 such as 10.4.0.0/14)'],
    ['8.8.0.0/14', `the pod range is not private (found "8.8.0.0/14", ${PRIVATE})`],
    ['100.64.0.0/14', `the pod range is not private (found "100.64.0.0/14", ${PRIVATE})`],
    ['172.32.0.0/14', `the pod range is not private (found "172.32.0.0/14", ${PRIVATE})`],
  ])('%s is refused', (cidr, message) => {
    // A wide range also overlaps other ranges, reported on their own: one size-or-privacy problem.
    const problems = problemsOf(variant(base, (t) => (t.clusters[0].podCidr = cidr))).filter((p) => !p.message.startsWith('overlaps'));
    expect(problems).toEqual([{ path: 'clusters[0].podCidr', message }]);
  });

  test.each(['10.0.0.0/8', '10.0.0.0/21', '172.20.0.0/14', '192.168.0.0/16'])('%s at the bounds or in each private block is accepted', (cidr) => {
    const model = validateTopology(
      variant(base, (t) => {
        t.regions = [];
        t.gateways = [];
        t.clusters[0].masterCidr = '172.31.255.0/28';
        t.clusters[1].masterCidr = '172.31.255.16/28';
        delete t.clusters[1].podCidr;
        t.clusters[0].podCidr = cidr;
      }),
      'test',
    );
    expect(gke(model.clusters[0]).podCidr).toBe(cidr);
  });

  test("a pod range overlapping another cluster's pod range", () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[1].podCidr = '10.2.0.0/16')),
      'clusters[1].podCidr',
      'overlaps clusters[0].podCidr (found "10.2.0.0/16", expected a range that does not overlap 10.0.0.0/14)',
    );
  });

  test('a pod range overlapping a subnet of the network', () => {
    expectOnlyProblem(
      variant(withSubnets, (t) => (t.clusters[0].podCidr = '10.8.0.0/13')),
      'clusters[0].podCidr',
      'overlaps network.subnets[0].cidr (found "10.8.0.0/13", expected a range that does not overlap 10.10.0.0/20)',
    );
  });
});

describe('proxy-only subnets', () => {
  test.each([
    ['10.140.0.0/22', 'the proxy-only subnet must be a /23 to /26 (found "10.140.0.0/22", expected a prefix of /23 to /26 such as 10.129.0.0/23)'],
    ['10.140.0.0/27', 'the proxy-only subnet must be a /23 to /26 (found "10.140.0.0/27", expected a prefix of /23 to /26 such as 10.129.0.0/23)'],
    ['0.0.0.0/0', 'the proxy-only subnet must be a /23 to /26 (found "0.0.0.0/0", expected a prefix of /23 to /26 such as 10.129.0.0/23)'],
    ['203.0.113.0/24', 'the proxy-only subnet is not private (found "203.0.113.0/24", expected a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)'],
  ])('%s is refused', (cidr, message) => {
    const problems = problemsOf(variant(base, (t) => (t.regions[1].proxyOnlySubnet = cidr))).filter((p) => !p.message.startsWith('overlaps'));
    expect(problems).toEqual([{ path: 'regions[1].proxyOnlySubnet', message }]);
  });

  test.each(['10.130.0.0/23', '10.130.0.0/26', '192.168.4.0/24'])('%s is accepted', (cidr) => {
    const model = validateTopology(
      variant(base, (t) => (t.regions[1].proxyOnlySubnet = cidr)),
      'test',
    );
    expect(model.regions.find((r) => r.name === 'us-east1')?.proxyOnlySubnet).toBe(cidr);
  });
});

describe('CIDR syntax', () => {
  test.each([
    ['clusters[0].podCidr', (t: Draft) => (t.clusters[0].podCidr = '300.0.0.0/8'), '300.0.0.0/8'],
    ['clusters[0].masterCidr', (t: Draft) => (t.clusters[0].masterCidr = '172.16.0.256/28'), '172.16.0.256/28'],
    ['regions[1].proxyOnlySubnet', (t: Draft) => (t.regions[1].proxyOnlySubnet = '10.130.999.0/23'), '10.130.999.0/23'],
    ['operatorCidrs[0]', (t: Draft) => (t.operatorCidrs[0] = '203.0.113.300/32'), '203.0.113.300/32'],
  ])('invalid octet at %s', (path, change, found) => {
    expectOnlyProblem(variant(base, change), path, `not a valid IPv4 range (found "${found}", expected four octets of 0..255 and a prefix of 0..32)`);
  });

  test('invalid octet in a subnet', () => {
    expectOnlyProblem(
      variant(withSubnets, (t) => (t.network.subnets[0].cidr = '10.10.0.0/20'.replace('10.10', '10.256'))),
      'network.subnets[0].cidr',
      'not a valid IPv4 range (found "10.256.0.0/20", expected four octets of 0..255 and a prefix of 0..32)',
    );
  });

  // Fixed bug: leading zeros used to be read as decimal (010 → 10) and accepted.
  test.each([
    ['clusters[0].podCidr', (t: Draft) => (t.clusters[0].podCidr = '010.0.0.0/14'), '010.0.0.0/14'],
    ['clusters[1].masterCidr', (t: Draft) => (t.clusters[1].masterCidr = '172.016.1.0/28'), '172.016.1.0/28'],
    ['regions[0].proxyOnlySubnet', (t: Draft) => (t.regions[0].proxyOnlySubnet = '10.129.0.00/23'), '10.129.0.00/23'],
    ['operatorCidrs[0]', (t: Draft) => (t.operatorCidrs[0] = '203.0.113.010/32'), '203.0.113.010/32'],
  ])('leading-zero octet at %s is not a valid range', (path, change, found) => {
    expectOnlyProblem(variant(base, change), path, `not a valid IPv4 range (found "${found}", expected four octets of 0..255 and a prefix of 0..32)`);
  });

  test('010.0.0.0/8 as an operator CIDR is not a valid range', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.operatorCidrs = ['010.0.0.0/8'])),
      'operatorCidrs[0]',
      'not a valid IPv4 range (found "010.0.0.0/8", expected four octets of 0..255 and a prefix of 0..32)',
    );
  });

  test('operator CIDR with host bits set', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.operatorCidrs = ['203.0.113.10/24'])),
      'operatorCidrs[0]',
      'host bits are set (found "203.0.113.10/24", expected "203.0.113.0/24")',
    );
  });

  test('pod CIDR with host bits set', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[1].podCidr = '10.5.0.0/14')),
      'clusters[1].podCidr',
      'host bits are set (found "10.5.0.0/14", expected "10.4.0.0/14")',
    );
  });
});

describe('regions', () => {
  test('duplicate regions', () => {
    expectOnlyProblem(
      variant(base, (t) => t.regions.push({ name: 'us-west1' })),
      'regions[2].name',
      'duplicate region, already declared by regions[0] (found "us-west1", expected one entry per region)',
    );
  });
});

describe('operator CIDRs', () => {
  const tooWide = (cidr: string): string =>
    `opens the control planes to a large part of the internet (found "${cidr}", expected a narrow range (/16 or longer) such as 203.0.113.10/32)`;

  test('0.0.0.0/0 with a private cluster', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.operatorCidrs = ['0.0.0.0/0'])),
      'operatorCidrs[0]',
      tooWide('0.0.0.0/0'),
    );
  });

  test('a /4 with a private cluster', () => {
    expectOnlyProblem(
      variant(base, (t) => t.operatorCidrs.push('64.0.0.0/4')),
      'operatorCidrs[1]',
      tooWide('64.0.0.0/4'),
    );
  });

  test('a /8, accepted before the limit moved to /16, is rejected', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.operatorCidrs = ['198.0.0.0/8'])),
      'operatorCidrs[0]',
      tooWide('198.0.0.0/8'),
    );
  });

  test('the limit is /16: a /15 is rejected and a /16 accepted', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.operatorCidrs = ['198.18.0.0/15'])),
      'operatorCidrs[0]',
      tooWide('198.18.0.0/15'),
    );
    expect(
      validateTopology(
        variant(base, (t) => (t.operatorCidrs = ['198.18.0.0/16'])),
        'test',
      ).operatorCidrs,
    ).toEqual(['198.18.0.0/16']);
  });

  test('every too-wide range is reported at its own index', () => {
    expect(problemsOf(variant(base, (t) => (t.operatorCidrs = ['203.0.113.10/32', '10.0.0.0/12', '198.51.100.0/24', '100.64.0.0/10'])))).toEqual([
      { path: 'operatorCidrs[1]', message: tooWide('10.0.0.0/12') },
      { path: 'operatorCidrs[3]', message: tooWide('100.64.0.0/10') },
    ]);
  });

  // Fixed: the limit used to apply only with a private cluster; operator ranges also reach the
  // authorized networks of public clusters.
  test('0.0.0.0/0 and a /4 are refused when no cluster is private too', () => {
    const t = base();
    t.operatorCidrs = ['0.0.0.0/0', '64.0.0.0/4', '198.18.0.0/16'];
    for (const cluster of t.clusters) {
      cluster.private = false;
      delete cluster.masterCidr;
    }
    expect(problemsOf(t)).toEqual([
      { path: 'operatorCidrs[0]', message: tooWide('0.0.0.0/0') },
      { path: 'operatorCidrs[1]', message: tooWide('64.0.0.0/4') },
    ]);
  });
});

describe('fleet', () => {
  test('config cluster with an unknown name', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.fleet.configCluster = 'nope')),
      'fleet.configCluster',
      'no cluster has this name (found "nope", expected one of work-west, work-east, config)',
    );
  });

  test('config cluster not in the fleet', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[2].fleet = false)),
      'fleet.configCluster',
      'the config cluster is not registered to the fleet (found "config with fleet: false", expected a cluster with fleet: true)',
    );
  });

  test('role: config without fleet.configCluster', () => {
    expectOnlyProblem(
      variant(base, (t) => {
        delete t.fleet.configCluster;
        delete t.gateways;
      }),
      'fleet.configCluster',
      'required when a cluster has role: config (config) (found nothing, expected "config")',
    );
  });

  test('role: config without fleet.configCluster lists every config-role cluster', () => {
    expectOnlyProblem(
      variant(base, (t) => {
        delete t.fleet;
        delete t.gateways;
        t.clusters[0].role = 'config';
      }),
      'fleet.configCluster',
      'required when a cluster has role: config (work-west, config) (found nothing, expected "work-west")',
    );
  });

  test('a second config-role cluster', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[1].role = 'config')),
      'clusters[1].role',
      'only the fleet config cluster (config) can have role config (found "config", expected "workload")',
    );
  });

  // Fixed bug: the path used to be the index of the FIRST cluster with that name (clusters[1]).
  test('a second config-role cluster whose name is duplicated is reported at its own index', () => {
    const t = base();
    t.clusters.push({ name: 'work-east', zone: 'us-east1-c', role: 'config', private: false, authorizedNetworks: false });
    expect(problemsOf(t)).toEqual([
      {
        path: 'clusters[3].name',
        message: 'duplicate cluster name, already used by clusters[1] (found "work-east", expected a unique name)',
      },
      {
        path: 'clusters[3].role',
        message: 'only the fleet config cluster (config) can have role config (found "config", expected "workload")',
      },
    ]);
  });

  test('a workload cluster can be the config cluster', () => {
    const model = validateTopology(
      variant(base, (t) => {
        t.fleet.configCluster = 'work-west';
        t.clusters[0].gatewayApi = 'standard';
        t.clusters[2].role = 'workload';
      }),
      'test',
    );
    expect(model.fleet.configCluster).toBe('work-west');
  });
});

describe('gateways', () => {
  test('gateway address region without a proxy-only subnet', () => {
    expectOnlyProblem(
      variant(base, (t) => t.gateways[0].addresses.push({ region: 'us-central1', staticAddress: 'central-ip' })),
      'gateways[0].addresses[1].region',
      'the gateway region has no proxy-only subnet (found "us-central1", expected a regions entry { name: us-central1, proxyOnlySubnet: <unused /23> })',
    );
  });

  test('gateway address region without a proxy-only subnet, regional class', () => {
    expectOnlyProblem(
      variant(base, (t) => {
        t.gateways[0].className = 'gke-l7-rilb-mc';
        t.gateways[0].addresses = [{ region: 'us-central1' }];
      }),
      'gateways[0].addresses[0].region',
      'the gateway region has no proxy-only subnet (found "us-central1", expected a regions entry { name: us-central1, proxyOnlySubnet: <unused /23> })',
    );
  });

  test('a declared region without proxyOnlySubnet does not count', () => {
    expectOnlyProblem(
      variant(base, (t) => {
        t.regions.push({ name: 'us-central1', nat: { enabled: true } });
        t.gateways[0].addresses = [{ region: 'us-west1' }, { region: 'us-central1' }];
      }),
      'gateways[0].addresses[1].region',
      'the gateway region has no proxy-only subnet (found "us-central1", expected a regions entry { name: us-central1, proxyOnlySubnet: <unused /23> })',
    );
  });

  test('cross-regional gateway with a workload region without a proxy-only subnet', () => {
    expectOnlyProblem(
      variant(base, (t) => delete t.regions[1].proxyOnlySubnet),
      'gateways[0].className',
      `backend region us-east1 of a cross-regional gateway has no proxy-only subnet (found "us-east1", expected a regions entry { name: us-east1, proxyOnlySubnet: <unused /23> })`,
    );
  });

  test('cross-regional gateway: the config cluster region is not a backend region', () => {
    const model = validateTopology(
      variant(base, (t) => (t.clusters[2].zone = 'us-central1-a')),
      'test',
    );
    expect(gke(model.clusters[2]).region).toBe('us-central1');
  });

  test('a regional class does not need proxy-only subnets in backend regions', () => {
    const model = validateTopology(
      variant(base, (t) => {
        delete t.regions[1].proxyOnlySubnet;
        t.gateways[0].className = 'gke-l7-rilb-mc';
      }),
      'test',
    );
    expect(model.gateways[0].className).toBe('gke-l7-rilb-mc');
  });

  test('-mc gateway without fleet.configCluster', () => {
    expectOnlyProblem(
      variant(base, (t) => {
        delete t.fleet.configCluster;
        delete t.clusters[2].role;
      }),
      'gateways[0].className',
      `a multi-cluster gateway needs fleet.configCluster (found "${CROSS_REGIONAL}", expected fleet.configCluster naming the cluster that holds the Gateway)`,
    );
  });

  test('-mc gateway without multiClusterServices', () => {
    expectOnlyProblem(
      variant(base, (t) => delete t.fleet.multiClusterServices),
      'fleet.multiClusterServices',
      'multi-cluster gateway internal routes to ServiceImports (found false, expected true)',
    );
  });

  test('-mc gateway with multiClusterServices: false', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.fleet.multiClusterServices = false)),
      'fleet.multiClusterServices',
      'multi-cluster gateway internal routes to ServiceImports (found false, expected true)',
    );
  });

  test('-mc gateway whose config cluster leaves the Gateway API to its default: auto takes the standard channel', () => {
    const model = validateTopology(
      variant(base, (t) => delete t.clusters[2].gatewayApi),
      'test',
    );
    expect(gke(model.clusters[2]).gatewayApi).toBe('auto');
    expect(buildPlan(model).clusters[2].gatewayApi).toBe('standard');
  });

  test('-mc gateway whose config cluster has gatewayApi: disabled', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[2].gatewayApi = 'disabled')),
      'clusters[2].gatewayApi',
      'cluster config gets Gateway API objects (Gateway), whose CRDs GKE installs only with the Gateway API on (found "disabled", expected "standard", "experimental" or "auto" (the default))',
    );
  });

  test('the experimental Gateway API channel is accepted on the config cluster', () => {
    const model = validateTopology(
      variant(base, (t) => (t.clusters[2].gatewayApi = 'experimental')),
      'test',
    );
    expect(gke(model.clusters[2]).gatewayApi).toBe('experimental');
  });

  test('a single-cluster GatewayClass needs the cluster that holds its Gateway', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.gateways[0].className = 'gke-l7-rilb')),
      'gateways[0].cluster',
      'gke-l7-rilb is a single-cluster GatewayClass: its Gateway lives in one cluster (found nothing, expected one of work-west, work-east, config)',
    );
  });
});

describe('mesh', () => {
  test('fleet-managed mesh with a revision', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.mesh.revision = 'asm-186-8')),
      'mesh.revision',
      'a fleet-managed mesh chooses its own revision (found "asm-186-8", expected no revision, or management: in-cluster)',
    );
  });

  test('fleet-managed mesh with a version', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.mesh.version = '1.8.6')),
      'mesh.version',
      'a fleet-managed mesh chooses its own version (found "1.8.6", expected no version, or management: in-cluster)',
    );
  });

  test('an in-cluster mesh accepts a revision and a version', () => {
    const model = validateTopology(
      variant(base, (t) => (t.mesh = { management: 'in-cluster', meshId: 'mesh1', revision: 'asm-1296', version: '1.29.6' })),
      'test',
    );
    expect(model.mesh).toStrictEqual({
      management: 'in-cluster',
      revision: 'asm-1296',
      version: '1.29.6',
      istioApiVersion: 'v1',
      ingressGateway: undefined,
      install: { distribution: 'istio', meshId: 'mesh1', model: 'multi-primary', primary: undefined, primaryAddress: undefined, clusterAdmin: undefined },
      routing: 'istio',
      mtls: 'STRICT',
      defaultDeny: false,
      allowLoadBalancerPlaintext: true,
    });
  });
});

/**
 * The base topology with the Kubernetes side: the shared ingress gateway, a multi-cluster
 * ingress, two apps (an exported store and a pinned StatefulSet; an exposed frontend with a
 * canary) and routes and a health check on the gateway. work-east has an explicit short name.
 */
function withApps(): Draft {
  const t = base();
  t.clusters[1].shortName = 'east';
  t.mesh.ingressGateway = {};
  t.multiClusterIngress = {};
  t.apps = [
    {
      namespace: 'store',
      workloads: [
        { name: 'store', image: 'whereami:v1', port: 8080, version: 'v1', export: true },
        { name: 'db', kind: 'StatefulSet', image: 'postgres:16', port: 5432, clusters: ['work-west'] },
      ],
    },
    {
      namespace: 'web',
      workloads: [{ name: 'frontend', image: 'frontend:v1', port: 8080, servicePort: 80, version: 'v1', canary: { version: 'v2', weight: 10 }, expose: { hosts: ['*'] } }],
    },
  ];
  t.gateways[0].routes = [
    {
      name: 'store-route',
      hostnames: ['store.example.internal'],
      rules: [
        { pathPrefix: '/west', backend: 'store-work-west', port: 8080 },
        { pathPrefix: '/east', backend: 'store-east', port: 8080 },
        { backend: 'store', port: 8080 },
      ],
    },
  ];
  t.gateways[0].healthChecks = [{ backend: 'store', path: '/health' }];
  return t;
}

const STORE_IMPORTS = 'one of store, store-work-west, store-east';

describe('apps', () => {
  test('the base topology with apps is valid', () => {
    const model = validateTopology(withApps(), 'test');
    expect(model.apps.map((a) => [a.namespace, a.workloads.map((w) => [w.name, w.clusters])])).toEqual([
      [
        'store',
        [
          ['store', ['work-west', 'work-east']],
          ['db', ['work-west']],
        ],
      ],
      ['web', [['frontend', ['work-west', 'work-east']]]],
    ]);
    expect(model.clusters.map((c) => c.shortName)).toEqual(['work-west', 'east', 'config']);
  });

  test('duplicate app namespace', () => {
    expectOnlyProblem(
      variant(withApps, (t) => t.apps.push({ namespace: 'store', workloads: [{ name: 'cache', image: 'redis:7', port: 6379 }] })),
      'apps[2].namespace',
      'duplicate app namespace, already used by apps[0] (found "store", expected one apps entry per namespace)',
    );
  });

  test('a third app with a duplicate namespace points at the first use', () => {
    expectOnlyProblem(
      variant(withApps, (t) => t.apps.push({ namespace: 'web', workloads: [{ name: 'cache', image: 'redis:7', port: 6379 }] })),
      'apps[2].namespace',
      'duplicate app namespace, already used by apps[1] (found "web", expected one apps entry per namespace)',
    );
  });

  test('duplicate workload name in an app', () => {
    expectOnlyProblem(
      variant(withApps, (t) => t.apps[0].workloads.push({ name: 'store', image: 'whereami:v2', port: 8080 })),
      'apps[0].workloads[2].name',
      'duplicate workload name, already used by apps[0].workloads[0] (found "store", expected a unique name in the namespace)',
    );
  });

  test('duplicate workload name in the second app names that app', () => {
    expectOnlyProblem(
      variant(withApps, (t) => t.apps[1].workloads.push({ name: 'frontend', image: 'frontend:v2', port: 8080 })),
      'apps[1].workloads[1].name',
      'duplicate workload name, already used by apps[1].workloads[0] (found "frontend", expected a unique name in the namespace)',
    );
  });

  test('the same workload name in two namespaces is accepted', () => {
    const model = validateTopology(
      variant(withApps, (t) => t.apps[1].workloads.push({ name: 'store', image: 'whereami:v1', port: 8080 })),
      'test',
    );
    expect(model.apps[1].workloads.map((w) => w.name)).toEqual(['frontend', 'store']);
  });

  test('workload pinned to the config cluster', () => {
    expectOnlyProblem(
      variant(withApps, (t) => t.apps[0].workloads[1].clusters.push('config')),
      'apps[0].workloads[1].clusters[1]',
      'not a workload cluster (found "config", expected one of work-west, work-east)',
    );
  });

  test('workload pinned to an unknown cluster', () => {
    expectOnlyProblem(
      variant(withApps, (t) => (t.apps[1].workloads[0].clusters = ['nowhere'])),
      'apps[1].workloads[0].clusters[0]',
      'not a workload cluster (found "nowhere", expected one of work-west, work-east)',
    );
  });

  test('canary without the version of the stable pods', () => {
    expectOnlyProblem(
      variant(withApps, (t) => delete t.apps[1].workloads[0].version),
      'apps[1].workloads[0].version',
      'a workload with a canary needs the version label of its stable pods (found nothing, expected a version such as v1)',
    );
  });

  test('canary with the version of the stable pods', () => {
    expectOnlyProblem(
      variant(withApps, (t) => (t.apps[1].workloads[0].canary.version = 'v1')),
      'apps[1].workloads[0].canary.version',
      'the canary needs a version of its own (found "v1", expected a version other than "v1")',
    );
  });

  test('canary without a mesh', () => {
    expectOnlyProblem(
      variant(withApps, (t) => {
        delete t.mesh;
        delete t.multiClusterIngress;
        delete t.apps[1].workloads[0].expose;
      }),
      'apps[1].workloads[0].canary',
      'traffic splitting needs a service mesh (found "no mesh", expected a mesh entry)',
    );
  });

  test('canary with neither a version nor a mesh reports both', () => {
    expect(
      problemsOf(
        variant(withApps, (t) => {
          delete t.mesh;
          delete t.multiClusterIngress;
          delete t.apps[1].workloads[0].expose;
          delete t.apps[1].workloads[0].version;
        }),
      ),
    ).toEqual([
      {
        path: 'apps[1].workloads[0].version',
        message: 'a workload with a canary needs the version label of its stable pods (found nothing, expected a version such as v1)',
      },
      { path: 'apps[1].workloads[0].canary', message: 'traffic splitting needs a service mesh (found "no mesh", expected a mesh entry)' },
    ]);
  });

  test('a canary is accepted with an in-cluster mesh', () => {
    const model = validateTopology(
      variant(withApps, (t) => {
        t.mesh.management = 'in-cluster';
        t.mesh.meshId = 'mesh1';
      }),
      'test',
    );
    expect(model.apps[1].workloads[0].canary).toEqual({ version: 'v2', weight: 10, image: 'frontend:v1', env: {} });
  });

  test('expose without mesh.ingressGateway', () => {
    expectOnlyProblem(
      variant(withApps, (t) => {
        delete t.mesh.ingressGateway;
        delete t.multiClusterIngress;
      }),
      'apps[1].workloads[0].expose',
      'exposing a workload needs the shared ingress gateway (found "no mesh.ingressGateway", expected mesh.ingressGateway)',
    );
  });

  test('no mesh at all: canary, expose and multi-cluster ingress each report, in rule order', () => {
    expect(problemsOf(variant(withApps, (t) => delete t.mesh))).toEqual([
      { path: 'apps[1].workloads[0].canary', message: 'traffic splitting needs a service mesh (found "no mesh", expected a mesh entry)' },
      {
        path: 'apps[1].workloads[0].expose',
        message: 'exposing a workload needs the shared ingress gateway (found "no mesh.ingressGateway", expected mesh.ingressGateway)',
      },
      {
        path: 'multiClusterIngress',
        message: 'the multi-cluster service selects the shared ingress gateway (found "no mesh.ingressGateway", expected mesh.ingressGateway)',
      },
    ]);
  });
});

describe('gateway routes and health checks', () => {
  test('route rule to a per-cluster name that uses the cluster name instead of its short name', () => {
    expectOnlyProblem(
      variant(withApps, (t) => (t.gateways[0].routes[0].rules[1].backend = 'store-work-east')),
      'gateways[0].routes[0].rules[1].backend',
      `no exported service has this name (found "store-work-east", expected ${STORE_IMPORTS})`,
    );
  });

  test('route rule to a workload that is not exported', () => {
    expectOnlyProblem(
      variant(withApps, (t) => (t.gateways[0].routes[0].rules[2].backend = 'db')),
      'gateways[0].routes[0].rules[2].backend',
      `no exported service has this name (found "db", expected ${STORE_IMPORTS})`,
    );
  });

  test('a rule of a second route is reported at its own index', () => {
    expectOnlyProblem(
      variant(withApps, (t) =>
        t.gateways[0].routes.push({
          name: 'other',
          hostnames: ['other.example.internal'],
          rules: [
            { backend: 'store', port: 8080 },
            { backend: 'frontend', port: 80 },
          ],
        }),
      ),
      'gateways[0].routes[1].rules[1].backend',
      `no exported service has this name (found "frontend", expected ${STORE_IMPORTS})`,
    );
  });

  test('health check of a service that is not exported', () => {
    expectOnlyProblem(
      variant(withApps, (t) => t.gateways[0].healthChecks.push({ backend: 'db', path: '/ready', port: 5432 })),
      'gateways[0].healthChecks[1].backend',
      `no exported service has this name (found "db", expected ${STORE_IMPORTS})`,
    );
  });

  test('health checks may target a per-cluster name', () => {
    const model = validateTopology(
      variant(withApps, (t) => (t.gateways[0].healthChecks = [{ backend: 'store-east', path: '/h' }])),
      'test',
    );
    expect(model.gateways[0].healthChecks).toEqual([{ backend: 'store-east', type: 'HTTP', path: '/h' }]);
  });

  test('a workload pinned to one cluster exports only that per-cluster name', () => {
    expectOnlyProblem(
      variant(withApps, (t) => (t.apps[0].workloads[0].clusters = ['work-west'])),
      'gateways[0].routes[0].rules[1].backend',
      'no exported service has this name (found "store-east", expected one of store, store-work-west)',
    );
  });

  test('nothing exported in the namespace: every rule and health check is reported', () => {
    const expected = 'expected a workload with export: true in namespace store)';
    expect(problemsOf(variant(withApps, (t) => (t.apps[0].workloads[0].export = false)))).toEqual([
      { path: 'gateways[0].routes[0].rules[0].backend', message: `no exported service has this name (found "store-work-west", ${expected}` },
      { path: 'gateways[0].routes[0].rules[1].backend', message: `no exported service has this name (found "store-east", ${expected}` },
      { path: 'gateways[0].routes[0].rules[2].backend', message: `no exported service has this name (found "store", ${expected}` },
      { path: 'gateways[0].healthChecks[0].backend', message: `no exported service has this name (found "store", ${expected}` },
    ]);
  });

  test("exports of another namespace do not count: the gateway's namespace decides", () => {
    const t = withApps();
    t.apps[1].workloads[0].export = true; // web/frontend
    t.gateways[0].routes[0].rules.push({ backend: 'frontend', port: 80 });
    expectOnlyProblem(t, 'gateways[0].routes[0].rules[3].backend', `no exported service has this name (found "frontend", expected ${STORE_IMPORTS})`);
    t.gateways[0].namespace = 'web';
    const paths = problemsOf(t).map((p) => [p.path, p.message]);
    expect(paths).toEqual(
      ['rules[0]', 'rules[1]', 'rules[2]']
        .map((rule, k) => [
          `gateways[0].routes[0].${rule}.backend`,
          `no exported service has this name (found "${['store-work-west', 'store-east', 'store'][k]}", expected one of frontend, frontend-work-west, frontend-east, frontend-v1, frontend-v2)`,
        ])
        .concat([
          [
            'gateways[0].healthChecks[0].backend',
            'no exported service has this name (found "store", expected one of frontend, frontend-work-west, frontend-east, frontend-v1, frontend-v2)',
          ],
        ]),
    );
  });

  test('the default short name drops a leading gke- from the cluster name', () => {
    const t = withApps();
    t.clusters[0].name = 'gke-west';
    t.apps[0].workloads[1].clusters = ['gke-west'];
    t.gateways[0].routes[0].rules[0].backend = 'store-west';
    expect(validateTopology(t, 'test').clusters[0].shortName).toBe('west');
    t.gateways[0].routes[0].rules[0].backend = 'store-gke-west';
    expectOnlyProblem(t, 'gateways[0].routes[0].rules[0].backend', 'no exported service has this name (found "store-gke-west", expected one of store, store-west, store-east)');
  });
});

describe('multi-cluster ingress', () => {
  test('without fleet.configCluster', () => {
    expectOnlyProblem(
      variant(withApps, (t) => {
        delete t.fleet.configCluster;
        delete t.clusters[2].role;
        delete t.gateways;
      }),
      'multiClusterIngress',
      'multi-cluster ingress needs a config cluster (found nothing, expected fleet.configCluster)',
    );
  });

  test('without mesh.ingressGateway', () => {
    expectOnlyProblem(
      variant(withApps, (t) => {
        delete t.mesh.ingressGateway;
        t.apps.pop();
      }),
      'multiClusterIngress',
      'the multi-cluster service selects the shared ingress gateway (found "no mesh.ingressGateway", expected mesh.ingressGateway)',
    );
  });

  test('without either reports both', () => {
    const t = withApps();
    delete t.fleet;
    delete t.clusters[2].role;
    delete t.gateways;
    delete t.mesh.ingressGateway;
    t.apps.pop();
    expect(problemsOf(t)).toEqual([
      { path: 'multiClusterIngress', message: 'multi-cluster ingress needs a config cluster (found nothing, expected fleet.configCluster)' },
      {
        path: 'multiClusterIngress',
        message: 'the multi-cluster service selects the shared ingress gateway (found "no mesh.ingressGateway", expected mesh.ingressGateway)',
      },
    ]);
  });

  test('no multiClusterIngress entry needs neither', () => {
    const t = withApps();
    delete t.multiClusterIngress;
    delete t.mesh.ingressGateway;
    t.apps.pop();
    expect(validateTopology(t, 'test').multiClusterIngress).toBeUndefined();
  });
});

describe('terraform backend', () => {
  test('gcs backend without a bucket', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.terraform = { backend: { type: 'gcs', prefix: 'mesh' } })),
      'terraform.backend.bucket',
      'the gcs backend needs a bucket (found nothing, expected a bucket name such as my-project-tfstate)',
    );
  });

  test('gcs backend with a bucket is accepted', () => {
    const model = validateTopology(
      variant(base, (t) => (t.terraform = { backend: { type: 'gcs', bucket: 'meshfleet-tfstate' } })),
      'test',
    );
    expect(model.terraform.backend).toEqual({ type: 'gcs', bucket: 'meshfleet-tfstate', prefix: 'meshfleet' });
  });
});

describe('several problems', () => {
  test('every problem is reported, in rule order and file order within a rule', () => {
    const t = base();
    t.operatorCidrs = ['203.0.113.10/24', '0.0.0.0/0']; // host bits; too wide
    t.clusters[1].masterCidr = '172.16.0.0/28'; // overlaps clusters[0]
    t.clusters[0].nodePool = { minNodes: 9 }; // more than maxNodes
    t.clusters[2].region = 'us-east1'; // zone us-west1-b outside it
    t.regions.push({ name: 'us-west1' }); // duplicate region
    t.fleet.multiClusterServices = false; // -mc gateway
    t.mesh.version = '1.8.6'; // fleet-managed mesh
    t.terraform = { backend: { type: 'gcs' } }; // no bucket

    const expected = [
      { path: 'operatorCidrs[0]', message: 'host bits are set (found "203.0.113.10/24", expected "203.0.113.0/24")' },
      {
        path: 'clusters[1].masterCidr',
        message: 'overlaps clusters[0].masterCidr (found "172.16.0.0/28", expected a range that does not overlap 172.16.0.0/28)',
      },
      { path: 'clusters[0].nodePool.minNodes', message: 'more than maxNodes (5) (found 9, expected at most 5)' },
      {
        path: 'clusters[2].zone',
        message: 'zone is outside the cluster\'s region us-east1 (found "us-west1-b", expected a zone of us-east1: one of us-east1-b, us-east1-c, us-east1-d)',
      },
      {
        path: 'regions[2].name',
        message: 'duplicate region, already declared by regions[0] (found "us-west1", expected one entry per region)',
      },
      {
        path: 'operatorCidrs[1]',
        message: 'opens the control planes to a large part of the internet (found "0.0.0.0/0", expected a narrow range (/16 or longer) such as 203.0.113.10/32)',
      },
      {
        path: 'fleet.multiClusterServices',
        message: 'multi-cluster gateway internal routes to ServiceImports (found false, expected true)',
      },
      {
        path: 'mesh.version',
        message: 'a fleet-managed mesh chooses its own version (found "1.8.6", expected no version, or management: in-cluster)',
      },
      {
        path: 'terraform.backend.bucket',
        message: 'the gcs backend needs a bucket (found nothing, expected a bucket name such as my-project-tfstate)',
      },
    ];

    const error = topologyError(() => validateTopology(t, 'several.yaml'));
    expect(error.problems).toHaveLength(9);
    expect(error.problems).toEqual(expected);
    expect(error.message).toBe(`several.yaml: 9 problems\n${expected.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  });

  test('the same rule reports every offending cluster in file order', () => {
    const t = base();
    delete t.clusters[0].masterCidr;
    delete t.clusters[1].masterCidr;
    expect(problemsOf(t)).toEqual([
      {
        path: 'clusters[0].masterCidr',
        message: 'a private cluster needs a control-plane range (found nothing, expected an unused private /28 such as 172.16.0.0/28)',
      },
      {
        path: 'clusters[1].masterCidr',
        message: 'a private cluster needs a control-plane range (found nothing, expected an unused private /28 such as 172.16.0.0/28)',
      },
    ]);
  });

  test('the same input always gives the same problems', () => {
    const t = base();
    t.clusters[1].name = 'work-west';
    t.mesh.revision = 'asm-1';
    expect(problemsOf(t)).toEqual(problemsOf(t));
    expect(problemsOf(t)).toHaveLength(2);
  });
});

/**
 * An in-cluster mesh over two private GKE clusters with pod ranges and an external cluster,
 * multi-primary by default, the mesh ID taken from the project number.
 */
function inCluster(): Draft {
  return {
    name: 'in-cluster-base',
    project: { id: 'meshfleet-test', number: '123456789012' },
    operatorCidrs: ['203.0.113.10/32'],
    clusters: [
      { name: 'west', zone: 'us-west1-a', masterCidr: '172.16.0.0/28', podCidr: '10.0.0.0/14' },
      { name: 'east', zone: 'us-east1-b', masterCidr: '172.16.1.0/28', podCidr: '10.4.0.0/14' },
      { name: 'onprem', platform: 'external' },
    ],
    mesh: { management: 'in-cluster' },
  };
}

/**
 * The in-cluster base as a primary-remote mesh: west runs istiod, east and onprem are remotes.
 * west is a GKE cluster, so meshfleet reserves its east-west address: no primaryAddress.
 */
function primaryRemote(): Draft {
  const t = inCluster();
  Object.assign(t.mesh, { model: 'primary-remote', primary: 'west' });
  return t;
}

/** The in-cluster base as a primary-remote mesh around the external cluster, which takes an address. */
function externalPrimaryRemote(): Draft {
  const t = inCluster();
  Object.assign(t.mesh, { model: 'primary-remote', primary: 'onprem', primaryAddress: '35.190.20.20' });
  return t;
}

/** A VM workload of the in-cluster base, in its own app. */
function withVm(make: () => Draft, vm: Draft = {}): Draft {
  const t = make();
  t.apps = [{ namespace: 'legacy', vmWorkloads: [{ name: 'reviews', ports: [{ name: 'http', port: 9080 }], ...vm }] }];
  return t;
}

describe('in-cluster base topologies', () => {
  test('the multi-primary base is valid: every mesh cluster is a primary', () => {
    const model = validateTopology(inCluster(), 'test');
    expect(model.clusters.map((c) => [c.name, c.platform, c.meshInstall?.controlPlane])).toEqual([
      ['west', 'gke', 'primary'],
      ['east', 'gke', 'primary'],
      ['onprem', 'external', 'primary'],
    ]);
  });

  test('the primary-remote base is valid', () => {
    const model = validateTopology(primaryRemote(), 'test');
    expect(model.clusters.map((c) => c.meshInstall?.controlPlane)).toEqual(['primary', 'remote', 'remote']);
  });
});

describe('external clusters', () => {
  const GKE_ONLY = 'only GKE clusters take this key (meshfleet does not create external clusters)';

  test.each<[string, unknown, string]>([
    ['zone', 'us-west1-a', '"us-west1-a"'],
    ['region', 'us-west1', '"us-west1"'],
    ['private', false, 'false'],
    ['masterCidr', '172.16.9.0/28', '"172.16.9.0/28"'],
    ['podCidr', '10.64.0.0/14', '"10.64.0.0/14"'],
    ['subnet', 'west', '"west"'],
    ['nodePool', { minNodes: 1 }, 'a mapping'],
    ['gatewayApi', 'standard', '"standard"'],
    ['fleet', true, 'true'],
    ['releaseChannel', 'STABLE', '"STABLE"'],
    ['labels', { team: 'mesh' }, 'a mapping'],
    ['deletionProtection', false, 'false'],
  ])('an external cluster with %s', (key, value, found) => {
    expectOnlyProblem(
      variant(inCluster, (t) => (t.clusters[2][key] = value)),
      `clusters[2].${key}`,
      `${GKE_ONLY} (found ${found}, expected no ${key}, or platform: gke)`,
    );
  });

  test('an external cluster with several GKE keys reports each, in key order', () => {
    const t = inCluster();
    Object.assign(t.clusters[2], { labels: { team: 'mesh' }, zone: 'us-west1-a', private: true });
    expect(problemsOf(t).map((p) => p.path)).toEqual(['clusters[2].zone', 'clusters[2].private', 'clusters[2].labels']);
  });

  test('name, role, shortName, platform and meshNetwork are accepted on an external cluster', () => {
    const model = validateTopology(
      variant(inCluster, (t) => Object.assign(t.clusters[2], { role: 'workload', shortName: 'vm', meshNetwork: 'onprem-net' })),
      'test',
    );
    expect(model.clusters[2]).toStrictEqual({
      name: 'onprem',
      role: 'workload',
      shortName: 'vm',
      meshMember: true,
      meshInstall: { network: 'onprem-net', controlPlane: 'primary' },
      extraObjects: [],
      patches: [],
      platform: 'external',
    });
  });

  test('a GKE cluster without a zone', () => {
    expectOnlyProblem(
      variant(inCluster, (t) => delete t.clusters[1].zone),
      'clusters[1].zone',
      'a GKE cluster needs a zone (found nothing, expected a zone such as us-west2-a, or platform: external for an existing cluster)',
    );
  });

  test('a cluster with platform: gke and no zone', () => {
    expectOnlyProblem(
      variant(inCluster, (t) => {
        t.clusters[1].platform = 'gke';
        delete t.clusters[1].zone;
      }),
      'clusters[1].zone',
      'a GKE cluster needs a zone (found nothing, expected a zone such as us-west2-a, or platform: external for an existing cluster)',
    );
  });

  // Fixed bug: a GKE cluster without a zone resolves as external, and was also reported as an
  // external cluster (fleet mesh member, config cluster, multi-cluster ingress backend).
  test('a GKE mesh member without a zone in a fleet-managed mesh is reported once, as a missing zone', () => {
    expectOnlyProblem(
      variant(base, (t) => delete t.clusters[1].zone),
      'clusters[1].zone',
      'a GKE cluster needs a zone (found nothing, expected a zone such as us-west2-a, or platform: external for an existing cluster)',
    );
  });

  test('a GKE config cluster without a zone is reported once, as a missing zone', () => {
    expectOnlyProblem(
      variant(base, (t) => delete t.clusters[2].zone),
      'clusters[2].zone',
      'a GKE cluster needs a zone (found nothing, expected a zone such as us-west2-a, or platform: external for an existing cluster)',
    );
  });

  test('a GKE member without a zone behind a multi-cluster ingress is reported once, as a missing zone', () => {
    expectOnlyProblem(
      variant(withApps, (t) => delete t.clusters[0].zone),
      'clusters[0].zone',
      'a GKE cluster needs a zone (found nothing, expected a zone such as us-west2-a, or platform: external for an existing cluster)',
    );
  });

  test('an external workload cluster cannot join a fleet-managed mesh', () => {
    expectOnlyProblem(
      variant(base, (t) => t.clusters.push({ name: 'onprem', platform: 'external' })),
      'clusters[3].platform',
      'an external cluster cannot join a fleet-managed mesh (found "external", expected "gke", or mesh.management: in-cluster)',
    );
  });

  test('every external cluster of a fleet-managed mesh is reported', () => {
    const t = base();
    t.clusters.push({ name: 'onprem', platform: 'external' }, { name: 'aws', platform: 'external' });
    expect(problemsOf(t).map((p) => p.path)).toEqual(['clusters[3].platform', 'clusters[4].platform']);
  });

  test('an external cluster is accepted without a mesh and in an in-cluster mesh', () => {
    const noMesh = validateTopology({ name: 't', project: { id: 'meshfleet-test' }, clusters: [{ name: 'onprem', platform: 'external' }] }, 'test');
    expect(noMesh.clusters.map((c) => [c.platform, c.meshMember])).toEqual([['external', false]]);
    const inMesh = validateTopology(inCluster(), 'test');
    expect(inMesh.clusters[2]).toMatchObject({ platform: 'external', meshMember: true });
  });

  test('the config cluster must be a GKE cluster', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[2] = { name: 'config', platform: 'external', role: 'config' })),
      'fleet.configCluster',
      'the config cluster must be a GKE cluster (found "config with platform: external", expected a GKE cluster registered to the fleet)',
    );
  });

  test('multi-cluster ingress refuses external mesh members, listing them', () => {
    const t = inCluster();
    t.clusters.push({ name: 'aws', platform: 'external' });
    t.fleet = { configCluster: 'west' };
    t.mesh.ingressGateway = {};
    t.multiClusterIngress = {};
    expectOnlyProblem(
      t,
      'multiClusterIngress',
      'multi-cluster ingress only reaches GKE clusters of the fleet (found "external mesh clusters onprem, aws", expected only GKE workload clusters)',
    );
  });

  test('multi-cluster ingress is accepted in an in-cluster mesh of GKE clusters', () => {
    const t = inCluster();
    t.clusters.pop();
    t.fleet = { configCluster: 'west' };
    t.mesh.ingressGateway = {};
    t.multiClusterIngress = {};
    expect(validateTopology(t, 'test').multiClusterIngress?.name).toBe('asm-ingressgateway-multicluster-ingress');
  });
});

describe('Istio networks', () => {
  const onlyInCluster = (found: string): string =>
    `only workload clusters of an in-cluster mesh have an Istio network (found "${found}", expected no meshNetwork, or mesh.management: in-cluster)`;

  test('meshNetwork in a fleet-managed mesh', () => {
    expectOnlyProblem(
      variant(base, (t) => (t.clusters[0].meshNetwork = 'net1')),
      'clusters[0].meshNetwork',
      onlyInCluster('net1'),
    );
  });

  test('meshNetwork without a mesh', () => {
    expectOnlyProblem(
      { name: 't', project: { id: 'meshfleet-test' }, clusters: [{ name: 'onprem', platform: 'external', meshNetwork: 'net1' }] },
      'clusters[0].meshNetwork',
      onlyInCluster('net1'),
    );
  });

  test('meshNetwork on the config cluster of an in-cluster mesh', () => {
    expectOnlyProblem(
      variant(inCluster, (t) => {
        t.clusters.push({ name: 'config', zone: 'us-west1-b', role: 'config', private: false, authorizedNetworks: false, meshNetwork: 'net1' });
        t.fleet = { configCluster: 'config' };
      }),
      'clusters[3].meshNetwork',
      onlyInCluster('net1'),
    );
  });

  test('meshNetwork on workload clusters of an in-cluster mesh is accepted', () => {
    const model = validateTopology(
      variant(inCluster, (t) => t.clusters.forEach((c: Draft, i: number) => (c.meshNetwork = `network${i + 1}`))),
      'test',
    );
    expect(model.clusters.map((c) => c.meshInstall?.network)).toEqual(['network1', 'network2', 'network3']);
  });
});

describe('in-cluster mesh settings', () => {
  test.each<[string, unknown, string, string]>([
    ['distribution', 'asm', '"asm"', 'a fleet-managed mesh is always Cloud Service Mesh'],
    ['meshId', 'mesh1', '"mesh1"', 'a fleet-managed mesh uses the fleet project as its mesh ID'],
    ['model', 'multi-primary', '"multi-primary"', 'a fleet-managed mesh has no control plane in the clusters'],
    ['primary', 'work-west', '"work-west"', 'a fleet-managed mesh has no control plane in the clusters'],
    ['primaryAddress', '35.190.20.20', '"35.190.20.20"', 'a fleet-managed mesh has no control plane in the clusters'],
    ['clusterAdmin', 'admin@example.com', '"admin@example.com"', 'a fleet-managed mesh is not installed with istioctl, which needs cluster-admin'],
  ])('fleet-managed mesh with %s', (key, value, found, why) => {
    expectOnlyProblem(
      variant(base, (t) => (t.mesh[key] = value)),
      `mesh.${key}`,
      `${why} (found ${found}, expected no ${key}, or management: in-cluster)`,
    );
  });

  test('a fleet-managed mesh with every in-cluster key reports each, in a fixed order', () => {
    const t = base();
    Object.assign(t.mesh, {
      clusterAdmin: 'admin@example.com',
      primaryAddress: 'istiod.example.com',
      primary: 'work-west',
      model: 'primary-remote',
      meshId: 'mesh1',
      distribution: 'istio',
      version: '1.8.6',
      revision: 'asm-186-8',
    });
    expect(problemsOf(t).map((p) => p.path)).toEqual([
      'mesh.revision',
      'mesh.version',
      'mesh.distribution',
      'mesh.meshId',
      'mesh.model',
      'mesh.primary',
      'mesh.primaryAddress',
      'mesh.clusterAdmin',
    ]);
  });

  test('an in-cluster mesh with neither meshId nor project.number', () => {
    expectOnlyProblem(
      variant(inCluster, (t) => delete t.project.number),
      'mesh.meshId',
      'an in-cluster mesh needs a mesh ID (found nothing, expected a meshId such as mesh1, or project.number (the mesh ID is then proj-<number>))',
    );
  });

  test('a fleet-managed mesh needs no mesh ID', () => {
    expect(validateTopology(base(), 'test').mesh?.install).toBeUndefined();
  });

  test('an in-cluster mesh with a meshId and no project number is accepted', () => {
    const model = validateTopology(
      variant(inCluster, (t) => {
        delete t.project.number;
        t.mesh.meshId = 'mesh1';
      }),
      'test',
    );
    expect(model.mesh?.install?.meshId).toBe('mesh1');
  });

  test('primary-remote without a primary', () => {
    expectOnlyProblem(
      variant(primaryRemote, (t) => delete t.mesh.primary),
      'mesh.primary',
      'a primary-remote mesh needs its primary cluster (found nothing, expected one of west, east, onprem)',
    );
  });

  test('primary-remote with an unknown primary', () => {
    expectOnlyProblem(
      variant(primaryRemote, (t) => (t.mesh.primary = 'nowhere')),
      'mesh.primary',
      'not a workload cluster of the mesh (found "nowhere", expected one of west, east, onprem)',
    );
  });

  test('primary-remote with the config cluster as primary', () => {
    expectOnlyProblem(
      variant(primaryRemote, (t) => {
        t.clusters.push({ name: 'config', zone: 'us-west1-b', role: 'config', private: false, authorizedNetworks: false });
        t.fleet = { configCluster: 'config' };
        t.mesh.primary = 'config';
      }),
      'mesh.primary',
      'not a workload cluster of the mesh (found "config", expected one of west, east, onprem)',
    );
  });

  test('primary-remote around an external primary without a primary address', () => {
    expectOnlyProblem(
      variant(externalPrimaryRemote, (t) => delete t.mesh.primaryAddress),
      'mesh.primaryAddress',
      "remote clusters reach the external primary's istiod at this address (found nothing, expected the IPv4 address or DNS name of the primary's east-west gateway)",
    );
  });

  test('primary-remote around a GKE primary refuses a primary address: meshfleet reserves it', () => {
    expectOnlyProblem(
      variant(primaryRemote, (t) => (t.mesh.primaryAddress = '35.190.20.20')),
      'mesh.primaryAddress',
      'meshfleet reserves the east-west gateway address of the GKE primary west in Terraform and gives it to istioctl (found "35.190.20.20", expected no primaryAddress (it is only for an external primary))',
    );
  });

  test('a GKE primary declared without a zone still refuses a primary address (its zone is reported too)', () => {
    expect(
      problemsOf(
        variant(primaryRemote, (t) => {
          delete t.clusters[0].zone;
          t.mesh.primaryAddress = '35.190.20.20';
        }),
      ).map((p) => p.path),
    ).toEqual(['clusters[0].zone', 'mesh.primaryAddress']);
  });

  test('primary-remote without a primary and without an address reports the primary only (the address depends on its platform)', () => {
    expect(
      problemsOf(
        variant(externalPrimaryRemote, (t) => {
          delete t.mesh.primary;
          delete t.mesh.primaryAddress;
        }),
      ).map((p) => p.path),
    ).toEqual(['mesh.primary']);
  });

  // Fixed bug: the schema only checks the shape of an IPv4 address, so 203.0.113.300 was accepted
  // and requested as the load balancer IP.
  test.each(['203.0.113.300', '256.0.0.1', '010.0.0.1'])('primary address %s is not a valid IPv4 address', (address) => {
    expectOnlyProblem(
      variant(externalPrimaryRemote, (t) => (t.mesh.primaryAddress = address)),
      'mesh.primaryAddress',
      `not a valid IPv4 address (found "${address}", expected four octets of 0..255, or a DNS name)`,
    );
  });

  test.each(['35.190.20.20', '0.0.0.0', '255.255.255.255', 'istiod.example.com', 'eastwest.mesh-1.example.internal', '1.example.com'])(
    'primary address %s is accepted',
    (address) => {
      expect(
        validateTopology(
          variant(externalPrimaryRemote, (t) => (t.mesh.primaryAddress = address)),
          'test',
        ).mesh?.install?.primaryAddress,
      ).toBe(address);
    },
  );

  test.each<[string, Draft]>([
    ['the default model', {}],
    ['model: multi-primary', { model: 'multi-primary' }],
  ])('%s refuses a primary and a primary address', (_what, extra) => {
    expect(problemsOf(variant(inCluster, (t) => Object.assign(t.mesh, extra, { primary: 'west', primaryAddress: '35.190.20.20' })))).toEqual([
      { path: 'mesh.primary', message: 'only primary-remote meshes have a single primary (found "west", expected no primary, or model: primary-remote)' },
      {
        path: 'mesh.primaryAddress',
        message: 'only primary-remote meshes have a single primary (found "35.190.20.20", expected no primaryAddress, or model: primary-remote)',
      },
    ]);
  });

  test('multi-primary with only a primary address', () => {
    expectOnlyProblem(
      variant(inCluster, (t) => (t.mesh.primaryAddress = 'istiod.example.com')),
      'mesh.primaryAddress',
      'only primary-remote meshes have a single primary (found "istiod.example.com", expected no primaryAddress, or model: primary-remote)',
    );
  });

  test('a primary-remote mesh of one cluster is accepted', () => {
    const t = primaryRemote();
    t.clusters = [t.clusters[0]];
    expect(validateTopology(t, 'test').clusters.map((c) => c.meshInstall?.controlPlane)).toEqual(['primary']);
  });
});

describe('pod ranges of mesh primaries', () => {
  const needsPodCidr =
    "istiod reads the other mesh clusters' private endpoints from this cluster's pod range, which meshfleet adds to their authorized networks (found nothing, expected a pod range such as 10.4.0.0/14)";

  test('a private GKE primary of a multi-cluster mesh without a pod range', () => {
    expectOnlyProblem(
      variant(inCluster, (t) => delete t.clusters[1].podCidr),
      'clusters[1].podCidr',
      needsPodCidr,
    );
  });

  test('every private primary without a pod range is reported', () => {
    expect(
      problemsOf(
        variant(inCluster, (t) => {
          delete t.clusters[0].podCidr;
          delete t.clusters[1].podCidr;
        }),
      ),
    ).toEqual([
      { path: 'clusters[0].podCidr', message: needsPodCidr },
      { path: 'clusters[1].podCidr', message: needsPodCidr },
    ]);
  });

  test('the primary of a primary-remote mesh needs a pod range', () => {
    expectOnlyProblem(
      variant(primaryRemote, (t) => delete t.clusters[0].podCidr),
      'clusters[0].podCidr',
      needsPodCidr,
    );
  });

  test('a remote needs no pod range (it runs no istiod)', () => {
    const model = validateTopology(
      variant(primaryRemote, (t) => delete t.clusters[1].podCidr),
      'test',
    );
    expect(gke(model.clusters[1])).toMatchObject({ private: true, podCidr: undefined, meshInstall: { controlPlane: 'remote' } });
  });

  test('a public primary that reads a private member needs a pod range too', () => {
    const t = variant(inCluster, (d) => {
      delete d.clusters[1].podCidr;
      delete d.clusters[1].masterCidr;
      d.clusters[1].private = false;
    });
    expectOnlyProblem(t, 'clusters[1].podCidr', needsPodCidr);
  });

  test('a primary whose other members are public or external needs no pod range', () => {
    const model = validateTopology(
      variant(inCluster, (t) => {
        delete t.clusters[0].podCidr;
        delete t.clusters[1].masterCidr;
        t.clusters[1].private = false;
      }),
      'test',
    );
    expect(model.clusters.filter(isGkeCluster).map((c) => [c.name, c.private, c.podCidr])).toEqual([
      ['west', true, undefined],
      ['east', false, '10.4.0.0/14'],
    ]);
  });

  test('a private primary whose only other member is external needs no pod range', () => {
    const t = variant(inCluster, (d) => delete d.clusters[0].podCidr);
    t.clusters.splice(1, 1);
    expect(gke(validateTopology(t, 'test').clusters[0]).podCidr).toBeUndefined();
  });

  test('a single-cluster mesh needs no pod range', () => {
    const t = inCluster();
    t.clusters = [t.clusters[0]];
    delete t.clusters[0].podCidr;
    expect(gke(validateTopology(t, 'test').clusters[0]).podCidr).toBeUndefined();
  });

  test('a fleet-managed mesh needs no pod ranges', () => {
    const t = base();
    delete t.clusters[0].podCidr;
    delete t.clusters[1].podCidr;
    expect(validateTopology(t, 'test').clusters.map((c) => gke(c).podCidr)).toEqual([undefined, undefined, undefined]);
  });
});

describe('VM workloads', () => {
  test('a VM workload is accepted in an in-cluster mesh and registers with the first primary', () => {
    const model = validateTopology(withVm(inCluster), 'test');
    expect(model.apps[0].vmWorkloads.map((vm) => [vm.name, vm.cluster])).toEqual([['reviews', 'west']]);
  });

  test('a VM workload of a primary-remote mesh registers with the primary', () => {
    const t = withVm(primaryRemote);
    t.mesh.primary = 'east';
    expect(validateTopology(t, 'test').apps[0].vmWorkloads[0].cluster).toBe('east');
  });

  test('a VM workload without a mesh', () => {
    expectOnlyProblem(
      variant(
        () => withVm(inCluster),
        (t) => delete t.mesh,
      ),
      'apps[0].vmWorkloads[0]',
      'VMs join an in-cluster mesh (they register with its istiod through a WorkloadGroup) (found "no mesh", expected mesh.management: in-cluster)',
    );
  });

  test('a VM workload in a fleet-managed mesh', () => {
    expectOnlyProblem(
      withVm(base),
      'apps[0].vmWorkloads[0]',
      'VMs join an in-cluster mesh (they register with its istiod through a WorkloadGroup) (found "management: fleet", expected mesh.management: in-cluster)',
    );
  });

  test('a VM workload registered with a remote', () => {
    expectOnlyProblem(withVm(primaryRemote, { cluster: 'east' }), 'apps[0].vmWorkloads[0].cluster', 'not a cluster that runs istiod (found "east", expected one of west)');
  });

  test('a VM workload registered with an unknown cluster', () => {
    expectOnlyProblem(
      withVm(inCluster, { cluster: 'nowhere' }),
      'apps[0].vmWorkloads[0].cluster',
      'not a cluster that runs istiod (found "nowhere", expected one of west, east, onprem)',
    );
  });

  test('a VM workload registered with the config cluster', () => {
    const t = withVm(inCluster, { cluster: 'config' });
    t.clusters.push({ name: 'config', zone: 'us-west1-b', role: 'config', private: false, authorizedNetworks: false });
    t.fleet = { configCluster: 'config' };
    expectOnlyProblem(t, 'apps[0].vmWorkloads[0].cluster', 'not a cluster that runs istiod (found "config", expected one of west, east, onprem)');
  });

  test('a VM workload of a mesh without a primary has nowhere to register', () => {
    expect(
      problemsOf(
        variant(
          () => withVm(primaryRemote),
          (t) => delete t.mesh.primary,
        ),
      ),
    ).toEqual([
      { path: 'mesh.primary', message: 'a primary-remote mesh needs its primary cluster (found nothing, expected one of west, east, onprem)' },
      { path: 'apps[0].vmWorkloads[0].cluster', message: 'not a cluster that runs istiod (found nothing, expected a primary cluster)' },
    ]);
  });

  test('a VM workload of a mesh whose primary is unknown: only mesh.primary is reported', () => {
    const problems = problemsOf(
      variant(
        () => withVm(primaryRemote),
        (t) => (t.mesh.primary = 'nowhere'),
      ),
    );
    expect(problems.map((p) => p.path)).toEqual(['mesh.primary']);
  });

  test('a VM workload may register with an external primary', () => {
    expect(validateTopology(withVm(inCluster, { cluster: 'onprem' }), 'test').apps[0].vmWorkloads[0].cluster).toBe('onprem');
  });

  test('a VM workload with the name of a workload of its app', () => {
    const t = withVm(inCluster, { name: 'web' });
    t.apps[0].workloads = [{ name: 'web', image: 'nginx:1.27', port: 8080 }];
    expectOnlyProblem(t, 'apps[0].vmWorkloads[0].name', 'duplicate workload name in the namespace (found "web", expected a name no other workload or VM workload of the app uses)');
  });

  test('two VM workloads with the same name: the second is reported', () => {
    const t = withVm(inCluster);
    t.apps[0].vmWorkloads.push({ name: 'ratings', ports: [{ name: 'http', port: 9080 }] }, { name: 'reviews', ports: [{ name: 'http', port: 9081 }] });
    expectOnlyProblem(
      t,
      'apps[0].vmWorkloads[2].name',
      'duplicate workload name in the namespace (found "reviews", expected a name no other workload or VM workload of the app uses)',
    );
  });

  test('the same VM workload name in two namespaces is accepted', () => {
    const t = withVm(inCluster);
    t.apps.push({ namespace: 'other', vmWorkloads: [{ name: 'reviews', ports: [{ name: 'http', port: 9080 }] }] });
    expect(validateTopology(t, 'test').apps.map((a) => a.vmWorkloads[0].name)).toEqual(['reviews', 'reviews']);
  });

  test('an app with neither workloads, VM workloads nor ServiceEntries', () => {
    expectOnlyProblem(
      variant(inCluster, (t) => (t.apps = [{ namespace: 'empty' }])),
      'apps[0]',
      'an app needs something to run or configure (found "no workloads, vmWorkloads, serviceEntries or sidecar", expected at least one workload, VM workload or ServiceEntry, or a sidecar)',
    );
  });
});

describe('Google Cloud resource names', () => {
  test('the base gets names derived from the topology name: valid as they are', () => {
    const model = validateTopology(base(), 'test');
    expect([model.project.nodeServiceAccount, model.network.firewallName]).toEqual(['rules-base-nodes', 'rules-base-pods-and-masters']);
  });

  test.each<[string, string, string]>([
    ['too short', 'nodes', 'a service account ID is 5 characters long (found "nodes", expected 6 to 30 characters)'],
    ['too long', `gke-nodes-${'x'.repeat(21)}`, `a service account ID is 31 characters long (found "gke-nodes-${'x'.repeat(21)}", expected 6 to 30 characters)`],
  ])('a node service account ID %s', (_what, id, message) => {
    expectOnlyProblem(
      variant(base, (t) => (t.project.nodeServiceAccount = id)),
      'project.nodeServiceAccount',
      message,
    );
  });

  test('a firewall rule name longer than 63 characters', () => {
    const name = `f${'-rule'.repeat(13)}`;
    expectOnlyProblem(
      variant(base, (t) => (t.network = { firewallName: name })),
      'network.firewallName',
      `a firewall rule name is 66 characters long (found "${name}", expected at most 63 characters)`,
    );
  });

  test.each(['addressName', 'routerName', 'natName'])('a NAT %s longer than 63 characters', (key) => {
    const name = `n${'-nat0'.repeat(13)}`;
    expectOnlyProblem(
      variant(base, (t) => (t.regions[0].nat = { [key]: name })),
      `regions[0].nat.${key}`,
      `a Google Cloud resource name is 66 characters long (found "${name}", expected at most 63 characters)`,
    );
  });

  test.each<[string, string]>([
    ['network.firewallName', 'Pods-and-masters'],
    ['regions[0].nat.routerName', 'rtr-us-west1-'],
    ['project.nodeServiceAccount', '1-nodes'],
  ])('%s with a wrong syntax is a structure problem', (path, value) => {
    const t = base();
    if (path === 'network.firewallName') t.network = { firewallName: value };
    if (path === 'regions[0].nat.routerName') t.regions[0].nat = { routerName: value };
    if (path === 'project.nodeServiceAccount') t.project.nodeServiceAccount = value;
    expectOnlyProblem(t, path, `wrong format (found "${value}", expected a lower-case name of letters, digits and - (a letter first, no - last))`);
  });

  test('a gateway address named like the NAT address of its region clashes', () => {
    expectOnlyProblem(
      variant(base, (t) => {
        t.regions[0].nat = { addressName: 'west-ip' };
        t.gateways[0].addresses[0].staticAddress = 'west-ip';
      }),
      'gateways[0].addresses[0].staticAddress',
      'address name already used in us-west1 by regions[0].nat.addressName (found "west-ip", expected a name no other address of the region uses)',
    );
  });

  test('a NAT address given the default name of the east-west address is reported where it is set', () => {
    expectOnlyProblem(
      variant(primaryRemote, (t) => (t.regions = [{ name: 'us-west1', nat: { addressName: 'in-cluster-base-west-eastwest' } }])),
      'regions[0].nat.addressName',
      'address name already used in us-west1 by the east-west gateway address of west (found "in-cluster-base-west-eastwest", expected a name no other address of the region uses)',
    );
  });

  test('one gateway static address name in two regions is refused (one name, one reserved address)', () => {
    expectOnlyProblem(
      variant(
        base,
        (t) =>
          (t.gateways[0].addresses = [
            { region: 'us-west1', staticAddress: 'gw-ip' },
            { region: 'us-east1', staticAddress: 'gw-ip' },
          ]),
      ),
      'gateways[0].addresses[1].staticAddress',
      'static address name already used in us-west1 by gateways[0].addresses[0].staticAddress (meshfleet reserves one address per name) (found "gw-ip", expected a name of its own)',
    );
  });

  test('one gateway static address name twice in a region is reported once as a clash in the region, and the repeated region too', () => {
    expect(
      problemsOf(
        variant(
          base,
          (t) =>
            (t.gateways[0].addresses = [
              { region: 'us-west1', staticAddress: 'gw-ip' },
              { region: 'us-west1', staticAddress: 'gw-ip' },
            ]),
        ),
      ),
    ).toEqual([
      {
        path: 'gateways[0].addresses[1].region',
        message:
          'duplicate address region (one frontend address per region), already used by gateways[0].addresses[0].region (found "us-west1", expected an address region of its own)',
      },
      {
        path: 'gateways[0].addresses[1].staticAddress',
        message: 'address name already used in us-west1 by gateways[0].addresses[0].staticAddress (found "gw-ip", expected a name no other address of the region uses)',
      },
    ]);
  });

  test('the same NAT address name in two regions is no clash', () => {
    const model = validateTopology(
      variant(base, (t) => {
        t.regions[0].nat = { enabled: true, addressName: 'nat-ip' };
        t.regions[1].nat = { enabled: true, addressName: 'nat-ip' };
      }),
      'test',
    );
    expect(model.regions.map((r) => r.nat?.addressName)).toEqual(['nat-ip', 'nat-ip']);
  });
});
