/**
 * Issue 11, point 6: the DOT text of diagram.svg: regions, networks, clusters, gateways and the
 * links between them, deterministic.
 */
import { topologyDot } from '../../src/diagram/topology-dot';
import { TopologyInput } from '../../src/topology/model/types';
import { validateTopology } from '../../src/load/load';
import { example } from '../terraform/helpers';

/** The node statements of a DOT text, by id: their attribute text. */
function nodes(dot: string): Map<string, string> {
  return new Map([...dot.matchAll(/^\s*"([^"]+)" \[(.*)\];$/gm)].map((m) => [m[1], m[2]]));
}

/** The edge statements of a DOT text: `from -> to` and the attribute text. */
function edges(dot: string): Map<string, string> {
  return new Map([...dot.matchAll(/^\s*"([^"]+)" -> "([^"]+)"(?: \[(.*)\])?;$/gm)].map((m) => [`${m[1]} -> ${m[2]}`, m[3] ?? '']));
}

/** Subgraph labels with the node ids directly inside each, in order. */
function groups(dot: string): Array<{ label: string; nodes: string[] }> {
  const result: Array<{ label: string; nodes: string[] }> = [];
  const stack: Array<{ label: string; nodes: string[] }> = [];
  for (const line of dot.split('\n')) {
    if (/^\s*subgraph /.test(line)) {
      const group = { label: '', nodes: [] as string[] };
      stack.push(group);
      result.push(group);
    } else if (/^\s*}$/.test(line)) {
      stack.pop();
    } else if (stack.length > 0) {
      const label = line.match(/^\s*graph \[.*label="([^"]+)"/);
      if (label) stack[stack.length - 1].label = label[1];
      const node = line.match(/^\s*"([^"]+)" \[/);
      if (node) stack[stack.length - 1].nodes.push(node[1]);
    }
  }
  return result;
}

describe('the default example: fleet mesh, multi-cluster ingress', () => {
  const dot = topologyDot(example('private-asm-multicluster'));

  test('one box per region, each with its clusters and their ingress gateways', () => {
    expect(groups(dot)).toEqual([
      { label: 'region us-central1', nodes: ['cluster/gke-central-priv', 'ingress/gke-central-priv'] },
      { label: 'region us-west1', nodes: ['cluster/gke-ingress'] },
      { label: 'region us-west2', nodes: ['cluster/gke-west-priv', 'ingress/gke-west-priv'] },
    ]);
  });

  test('cluster nodes show name, zone, private or public; the config cluster is marked', () => {
    const byId = nodes(dot);
    expect(byId.get('cluster/gke-west-priv')).toBe('label="gke-west-priv\\nus-west2-a\\nprivate"');
    expect(byId.get('cluster/gke-ingress')).toBe('label="gke-ingress\\nus-west1-a\\npublic\\nconfig cluster (MCI/MCG)", peripheries="2"');
    expect(byId.get('ingress/gke-west-priv')).toBe('label="ingress gateway\\nasm-ingress/asm-ingressgateway", shape="ellipse"');
  });

  test('the MultiClusterIngress lives in the config cluster and sends traffic to the ingress gateways', () => {
    const mci = 'mci/asm-ingress/asm-ingressgateway-multicluster-ingress';
    expect(nodes(dot).get(mci)).toContain('label="MultiClusterIngress\\nasm-ingress/asm-ingressgateway-multicluster-ingress"');
    const links = edges(dot);
    expect(links.get(`${mci} -> cluster/gke-ingress`)).toBe('label="config", style="dashed"');
    expect(links.get(`${mci} -> ingress/gke-central-priv`)).toBe('label="backend"');
    expect(links.get(`${mci} -> ingress/gke-west-priv`)).toBe('label="backend"');
    expect([...links.keys()].filter((k) => k.startsWith(mci))).toHaveLength(3);
  });

  test('the title names topology, project and mesh', () => {
    expect(dot).toContain('label="private-asm-multicluster (project meshfleet-demo, fleet-managed mesh)"');
  });
});

describe('Istio multi-primary on two networks', () => {
  const dot = topologyDot(example('istio-multi-primary-multi-network'));

  test('a box per network inside each region, with the cluster and its east-west gateway', () => {
    expect(groups(dot)).toEqual([
      { label: 'region us-east1', nodes: [] },
      { label: 'network network2', nodes: ['cluster/cluster2', 'eastwest/cluster2'] },
      { label: 'region us-west1', nodes: [] },
      { label: 'network network1', nodes: ['cluster/cluster1', 'eastwest/cluster1'] },
    ]);
  });

  test('one east-west link between the two networks, both ways', () => {
    const links = edges(dot);
    expect(links.get('eastwest/cluster1 -> eastwest/cluster2')).toBe('color="#1a73e8", dir="both", label="east-west 15443"');
    expect(links.has('eastwest/cluster2 -> eastwest/cluster1')).toBe(false);
    expect([...links.keys()].filter((k) => k.includes('istiod'))).toEqual([]);
  });
});

describe('Istio primary-remote', () => {
  const dot = topologyDot(example('istio-primary-remote'));

  test('the primary reaches its remote through its east-west gateway (istiod)', () => {
    const byId = nodes(dot);
    expect(byId.get('cluster/cluster1')).toContain('primary (istiod)');
    expect(byId.get('cluster/cluster2')).toContain('\\nremote"');
    expect(edges(dot).get('eastwest/cluster1 -> cluster/cluster2')).toBe('color="#e37400", label="istiod 15012", style="dashed"');
  });

  test('one network: no network boxes, no east-west links', () => {
    expect(groups(dot).map((g) => g.label)).toEqual(['region us-west1']);
    expect([...edges(dot).values()].filter((a) => a.includes('15443'))).toEqual([]);
  });
});

test('a multi-cluster Gateway is held by the config cluster', () => {
  const dot = topologyDot(example('internal-multicluster-gateway'));
  const gateway = 'gateway/store/internal-cross-region-gateway';
  expect(nodes(dot).get(gateway)).toBe('label="multi-cluster Gateway\\nstore/internal-cross-region-gateway\\ngke-l7-cross-regional-internal-managed-mc", shape="hexagon"');
  const links = dot.split('\n').filter((line) => line.trim().startsWith(`"${gateway}" ->`));
  expect(links.map((line) => line.trim())).toEqual([
    `"${gateway}" -> "cluster/gke-east-1" [label="backends store, store-east-1"];`,
    `"${gateway}" -> "cluster/gke-west-1" [label="config", style="dashed"];`,
    `"${gateway}" -> "cluster/gke-west-1" [label="backends store, store-west-1"];`,
  ]);
});

test('clusters outside Google Cloud are grouped apart', () => {
  expect(groups(topologyDot(example('asm-onprem-vmware')))).toEqual([{ label: 'outside Google Cloud', nodes: ['cluster/cluster1'] }]);
});

test('the same topology in another order gives the same text', () => {
  const input: TopologyInput = {
    name: 'order',
    project: { id: 'my-project', number: '42424242' },
    clusters: [
      { name: 'b', zone: 'europe-west4-a', masterCidr: '172.16.0.16/28', podCidr: '10.8.0.0/14', meshNetwork: 'n2' },
      { name: 'a', zone: 'europe-west1-b', masterCidr: '172.16.0.0/28', podCidr: '10.4.0.0/14', meshNetwork: 'n1' },
      { name: 'c', zone: 'europe-west1-c', masterCidr: '172.16.0.32/28', podCidr: '10.12.0.0/14', meshNetwork: 'n1' },
    ],
    mesh: { management: 'in-cluster', distribution: 'istio', version: '1.29.6', model: 'multi-primary' },
  };
  const forward = topologyDot(validateTopology(input));
  const reversed = topologyDot(validateTopology({ ...input, clusters: [...input.clusters].reverse() }));
  expect(reversed).toBe(forward);
  // Three clusters on two networks: a and c share n1, so only the links to b cross networks.
  expect([...edges(forward).keys()].filter((k) => k.startsWith('eastwest/') && k.includes('-> eastwest/'))).toEqual(['eastwest/a -> eastwest/b', 'eastwest/b -> eastwest/c']);
});

describe('a multi-cluster Gateway', () => {
  test('is linked to the config cluster and to each cluster exporting the ServiceImports its routes reach (blue-green: one cluster each)', () => {
    const dot = topologyDot(example('multicluster-gateway-blue-green'));
    const gateway = dot.split('\n').filter((line) => line.trim().startsWith('"gateway/store/external-http" ->'));
    expect(gateway.map((line) => line.trim())).toEqual([
      '"gateway/store/external-http" -> "cluster/gke-west-1" [label="config", style="dashed"];',
      '"gateway/store/external-http" -> "cluster/gke-west-1" [label="backends store-west-1"];',
      '"gateway/store/external-http" -> "cluster/gke-west-2" [label="backends store-west-2"];',
    ]);
  });
});
