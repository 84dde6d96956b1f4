import { resolveTopology } from '../../src/topology/resolve/defaults';
import { checkRules } from '../../src/topology/rules/rules';
import { checkStructure } from '../../src/topology/rules/structure';
import { TopologyInput } from '../../src/topology/model/types';
import { Draft, gke } from './support';
import { validateTopology } from '../../src/load/load';

/* Security rules (src/topology/rules/security-rules.ts), each with the field path of the setting to change. */

function base(): Draft {
  return {
    name: 'secure',
    project: { id: 'meshfleet-test' },
    operatorCidrs: ['203.0.113.10/32'],
    clusters: [
      { name: 'priv', zone: 'us-west2-a', masterCidr: '172.16.0.0/28' },
      { name: 'pub', zone: 'us-central1-a', private: false },
    ],
  };
}

function problemsOf(input: Draft): string[] {
  const topology = input as TopologyInput;
  const structural = checkStructure(topology);
  if (structural.length > 0) return structural.map((p) => `${p.path}: ${p.message}`);
  return checkRules(topology, resolveTopology(topology)).map((p) => `${p.path}: ${p.message}`);
}

describe('security rules: control-plane authorized networks', () => {
  test('public and private clusters with operator ranges pass, and both keep authorized networks', () => {
    expect(problemsOf(base())).toEqual([]);
    const model = validateTopology(base(), 'test');
    expect(model.clusters.map((c) => gke(c).authorizedNetworks)).toEqual([true, true]);
  });

  test('a public cluster that keeps authorized networks needs operatorCidrs, or operators lock themselves out', () => {
    const input = base();
    delete input.operatorCidrs;
    const problems = problemsOf(input);
    expect(problems).toHaveLength(1);
    expect(problems).toEqual([
      'clusters[1].authorizedNetworks: this public control plane admits only the NAT addresses and operatorCidrs, and without operatorCidrs kubectl and terraform are locked out (found true, expected operatorCidrs such as 203.0.113.10/32 (your workstations and CI), or authorizedNetworks: false)',
    ]);
  });

  test('authorizedNetworks: false opts a public cluster out; no operatorCidrs are needed then', () => {
    const input = base();
    delete input.operatorCidrs;
    input.clusters[1].authorizedNetworks = false;
    expect(problemsOf(input)).toEqual([]);
    expect(gke(validateTopology(input, 'test').clusters[1]).authorizedNetworks).toBe(false);
  });

  test('a private cluster cannot opt out', () => {
    const input = base();
    input.clusters[0].authorizedNetworks = false;
    expect(problemsOf(input)).toEqual([
      'clusters[0].authorizedNetworks: a private cluster always limits its endpoint to the authorized networks (found false, expected no authorizedNetworks (or true), or private: false)',
    ]);
  });

  test('external clusters take neither authorizedNetworks nor dataplaneV2', () => {
    const input = base();
    input.clusters.push({ name: 'onprem', platform: 'external', authorizedNetworks: true, dataplaneV2: false });
    expect(problemsOf(input)).toEqual([
      'clusters[2].dataplaneV2: only GKE clusters take this key (meshfleet does not create external clusters) (found false, expected no dataplaneV2, or platform: gke)',
      'clusters[2].authorizedNetworks: only GKE clusters take this key (meshfleet does not create external clusters) (found true, expected no authorizedNetworks, or platform: gke)',
    ]);
  });

  test('istiod of a public GKE cluster cannot read a public cluster that keeps authorized networks', () => {
    const input = base();
    input.project.number = '123456789012';
    input.clusters = [
      { name: 'pub-a', zone: 'us-west2-a', private: false },
      { name: 'pub-b', zone: 'us-central1-a', private: false, authorizedNetworks: false },
    ];
    input.mesh = { management: 'in-cluster' };
    const problems = problemsOf(input);
    // pub-a reads pub-b (opted out: fine); pub-b reads pub-a (kept: refused).
    expect(problems).toEqual([
      "clusters[0].authorizedNetworks: istiod of the public cluster pub-b reads this control plane from ephemeral node addresses, which no authorized network admits (found true, expected authorizedNetworks: false, or pub-b private (its pods then leave through its region's NAT address))",
    ]);
  });

  test('istiod of a private cluster reads a public cluster through its NAT address: no problem', () => {
    const input = base();
    input.project.number = '123456789012';
    input.clusters[0].podCidr = '10.4.0.0/14';
    input.mesh = { management: 'in-cluster', model: 'primary-remote', primary: 'priv' };
    expect(problemsOf(input)).toEqual([]);
  });
});

describe('security rules: Dataplane V2 opt-out', () => {
  test('dataplaneV2 defaults to true and false is accepted on a GKE cluster', () => {
    const input = base();
    input.clusters[0].dataplaneV2 = false;
    const model = validateTopology(input, 'test');
    expect(model.clusters.map((c) => gke(c).dataplaneV2)).toEqual([false, true]);
  });

  test('dataplaneV2 must be a boolean', () => {
    const input = base();
    input.clusters[0].dataplaneV2 = 'no';
    expect(problemsOf(input).join('\n')).toMatch(/^clusters\[0\]\.dataplaneV2/);
  });
});
