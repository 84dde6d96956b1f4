import { CHART_FILES } from '../output/paths';
import { isMultiClusterGatewayClass } from '../topology/model/gateway-classes';
import { buildPlan } from '../plan/build-plan';
import { eastWestGatewayOf, meshInstallClusters, meshNetworks } from '../topology/resolve/mesh-plan';
import { FleetPlan } from '../plan/types';
import { isGkeCluster, ResolvedCluster, ResolvedGateway, ResolvedTopology } from '../topology/model/types';
import { gatewayTrafficOf } from '../plan/traffic/resolve';

/*
 * The topology as a Graphviz DOT graph, for `diagram.svg`: what runs where and what talks to
 * what. Only text: rendering is render-svg.ts. Everything is sorted, so the same topology always
 * gives the same text (and Graphviz the same picture).
 */

/** Node ids of the graph: one namespace per kind, so names never clash. */
export const NODE_IDS = {
  cluster: (name: string) => `cluster/${name}`,
  ingressGateway: (cluster: string) => `ingress/${cluster}`,
  eastWestGateway: (cluster: string) => `eastwest/${cluster}`,
  multiClusterGateway: (namespace: string, name: string) => `gateway/${namespace}/${name}`,
  multiClusterIngress: (namespace: string, name: string) => `mci/${namespace}/${name}`,
} as const;

/** Label of the group of clusters outside Google Cloud (no region). */
export const EXTERNAL_GROUP = 'outside Google Cloud';

interface DotNode {
  readonly id: string;
  readonly label: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

interface DotEdge {
  readonly from: string;
  readonly to: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** A group of clusters drawn as one box: a region, and inside it a mesh network when there are several. */
interface Group {
  readonly label: string;
  readonly nodes: DotNode[];
  readonly subgroups: Map<string, Group>;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A DOT quoted string: `"` and `\` escaped, each line ended by `\n` (centered lines). */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function attributeList(attributes: Readonly<Record<string, string>>): string {
  const entries = Object.entries(attributes).sort(([a], [b]) => byText(a, b));
  return entries.length === 0 ? '' : ` [${entries.map(([k, v]) => `${k}=${quote(v)}`).join(', ')}]`;
}

/** The text of a cluster node: name, zone (or `external`), private or public, and its roles. */
function clusterLabel(model: ResolvedTopology, cluster: ResolvedCluster): string {
  const lines = [cluster.name];
  if (isGkeCluster(cluster)) {
    lines.push(cluster.zone, cluster.private ? 'private' : 'public');
  } else {
    lines.push('external');
  }
  if (model.fleet.configCluster === cluster.name) lines.push('config cluster (MCI/MCG)');
  if (cluster.meshInstall !== undefined && model.mesh?.install?.model === 'primary-remote') {
    lines.push(cluster.meshInstall.controlPlane === 'primary' ? 'primary (istiod)' : 'remote');
  }
  return lines.join('\n');
}

/** Adds a node to the group of its region and, for a multi-network mesh, of its network. */
function groupFor(groups: Map<string, Group>, cluster: ResolvedCluster, multiNetwork: boolean): Group {
  const region = isGkeCluster(cluster) ? cluster.region : undefined;
  const regionKey = region === undefined ? `~${EXTERNAL_GROUP}` : `region ${region}`;
  let group = groups.get(regionKey);
  if (group === undefined) {
    group = { label: region === undefined ? EXTERNAL_GROUP : `region ${region}`, nodes: [], subgroups: new Map() };
    groups.set(regionKey, group);
  }
  const network = cluster.meshInstall?.network;
  if (!multiNetwork || network === undefined) return group;
  let sub = group.subgroups.get(network);
  if (sub === undefined) {
    sub = { label: `network ${network}`, nodes: [], subgroups: new Map() };
    group.subgroups.set(network, sub);
  }
  return sub;
}

/**
 * The DOT text of a topology's diagram:
 *
 * - one box per region (clusters outside Google Cloud in their own box), and inside it one box
 *   per mesh network when an in-cluster mesh spans several networks;
 * - a node per cluster (name, zone, private or public, config cluster, primary or remote);
 * - beside each cluster its ingress gateway (where the plan puts one) and east-west gateway;
 * - east-west links between the east-west gateways of clusters on different networks;
 * - istiod links from a primary to each of its remotes (primary-remote meshes);
 * - multi-cluster Gateways and the MultiClusterIngress, linked to the config cluster that holds
 *   them and to the clusters serving their backends (a Gateway's: the clusters exporting its
 *   routes' ServiceImports); a single-cluster Gateway linked to its cluster.
 */
export function topologyDot(model: ResolvedTopology, plan: FleetPlan = buildPlan(model)): string {
  const multiNetwork = meshNetworks(model).length > 1;
  const withIngress = ingressGatewayClusters(plan);
  const groups = new Map<string, Group>();
  const edges: DotEdge[] = [];
  const globalNodes: DotNode[] = [];
  const attached = { arrowhead: 'none', style: 'dotted' };

  for (const cluster of model.clusters) {
    const group = groupFor(groups, cluster, multiNetwork);
    const clusterId = NODE_IDS.cluster(cluster.name);
    const isConfig = model.fleet.configCluster === cluster.name;
    group.nodes.push({ id: clusterId, label: clusterLabel(model, cluster), attributes: isConfig ? { peripheries: '2' } : {} });
    const ingress = withIngress.includes(cluster.name) ? model.mesh?.ingressGateway : undefined;
    if (ingress !== undefined) {
      const id = NODE_IDS.ingressGateway(cluster.name);
      group.nodes.push({ id, label: `ingress gateway\n${ingress.namespace}/${ingress.name}`, attributes: { shape: 'ellipse' } });
      edges.push({ from: clusterId, to: id, attributes: attached });
    }
    if (eastWestGatewayOf(model, cluster) !== undefined) {
      const id = NODE_IDS.eastWestGateway(cluster.name);
      group.nodes.push({ id, label: 'east-west gateway', attributes: { shape: 'ellipse' } });
      edges.push({ from: clusterId, to: id, attributes: attached });
    }
  }

  const members = meshInstallClusters(model);
  if (multiNetwork) {
    for (const a of members) {
      for (const b of members) {
        if (byText(a.name, b.name) >= 0 || a.meshInstall!.network === b.meshInstall!.network) continue;
        if (eastWestGatewayOf(model, a)?.crossNetwork !== true || eastWestGatewayOf(model, b)?.crossNetwork !== true) continue;
        edges.push({
          from: NODE_IDS.eastWestGateway(a.name),
          to: NODE_IDS.eastWestGateway(b.name),
          attributes: { dir: 'both', color: '#1a73e8', label: 'east-west 15443' },
        });
      }
    }
  }

  const install = model.mesh?.install;
  if (install?.model === 'primary-remote' && install.primary !== undefined) {
    const primary = model.clusters.find((c) => c.name === install.primary);
    const from = primary !== undefined && eastWestGatewayOf(model, primary)?.exposeIstiod ? NODE_IDS.eastWestGateway(primary.name) : NODE_IDS.cluster(install.primary);
    for (const remote of members.filter((c) => c.meshInstall!.controlPlane === 'remote')) {
      edges.push({ from, to: NODE_IDS.cluster(remote.name), attributes: { style: 'dashed', color: '#e37400', label: 'istiod 15012' } });
    }
  }

  const configCluster = model.fleet.configCluster;
  for (const gateway of model.gateways) {
    const id = NODE_IDS.multiClusterGateway(gateway.namespace, gateway.name);
    const multi = isMultiClusterGatewayClass(gateway.className);
    globalNodes.push({ id, label: `${multi ? 'multi-cluster ' : ''}Gateway\n${gateway.namespace}/${gateway.name}\n${gateway.className}`, attributes: { shape: 'hexagon' } });
    const holder = multi ? configCluster : gateway.cluster;
    if (holder !== undefined) edges.push({ from: id, to: NODE_IDS.cluster(holder), attributes: { style: 'dashed', label: multi ? 'config' : 'backends' } });
    if (multi) {
      for (const [cluster, services] of gatewayBackendClusters(model, plan, gateway, model.gateways.indexOf(gateway))) {
        edges.push({ from: id, to: NODE_IDS.cluster(cluster), attributes: { label: `backends ${services.join(', ')}` } });
      }
    }
  }

  const mci = model.multiClusterIngress;
  if (mci !== undefined) {
    const id = NODE_IDS.multiClusterIngress(mci.namespace, mci.name);
    const lines = ['MultiClusterIngress', `${mci.namespace}/${mci.name}`, ...(mci.staticIp !== undefined ? [`static IP ${mci.staticIp}`] : [])];
    globalNodes.push({ id, label: lines.join('\n'), attributes: { shape: 'hexagon' } });
    if (configCluster !== undefined) edges.push({ from: id, to: NODE_IDS.cluster(configCluster), attributes: { style: 'dashed', label: 'config' } });
    for (const target of mciBackends(model, withIngress)) edges.push({ from: id, to: target, attributes: { label: 'backend' } });
  }

  return renderDot(model, groups, globalNodes, edges);
}

/**
 * Where a multi-cluster Gateway sends traffic: per cluster (topology order), the ServiceImports
 * of its routes (backends and mirrors) that the cluster exports, as the plan's ServiceExports say.
 */
function gatewayBackendClusters(model: ResolvedTopology, plan: FleetPlan, gateway: ResolvedGateway, index: number): Array<[string, string[]]> {
  const wanted = new Set(
    gatewayTrafficOf(model, gateway, index).routes.flatMap((r) =>
      r.rules.flatMap((rule) => [...rule.backends, ...(rule.mirror === undefined ? [] : [rule.mirror])]).map((b) => `${b.namespace ?? gateway.namespace}/${b.service}`),
    ),
  );
  return plan.clusters.flatMap((c): Array<[string, string[]]> => {
    const exported = c.files.flatMap((f) => f.objects).filter((o) => o.kind === 'ServiceExport' && wanted.has(`${o.namespace}/${o.name}`));
    const names = [...new Set(exported.map((o) => o.name))];
    return names.length === 0 ? [] : [[c.name, names]];
  });
}

/** The clusters the plan gives the shared ingress gateway (its `ingress-gateway.yaml`), in topology order. */
function ingressGatewayClusters(plan: FleetPlan): string[] {
  return plan.clusters.filter((c) => c.files.some((f) => f.path === CHART_FILES.ingressGateway)).map((c) => c.name);
}

/**
 * Where a MultiClusterIngress sends traffic: the clusters' ingress gateways (`withIngress`) for
 * the seed-000 shape (one service in front of the mesh gateway), else the clusters of its
 * multi-cluster services (a service without `clusters` runs in every workload cluster).
 */
function mciBackends(model: ResolvedTopology, withIngress: readonly string[]): string[] {
  const mci = model.multiClusterIngress!;
  const workloadClusters = model.clusters.filter((c) => c.role === 'workload').map((c) => c.name);
  if (mci.meshGateway && model.mesh?.ingressGateway !== undefined) {
    return withIngress.map((name) => NODE_IDS.ingressGateway(name));
  }
  const clusters = new Set(mci.services.flatMap((s) => s.clusters ?? workloadClusters));
  return [...clusters].map(NODE_IDS.cluster);
}

function renderDot(model: ResolvedTopology, groups: Map<string, Group>, globalNodes: DotNode[], edges: DotEdge[]): string {
  const lines: string[] = [];
  const mesh =
    model.mesh === undefined ? 'no mesh' : model.mesh.install !== undefined ? `${model.mesh.install.distribution} ${model.mesh.install.model} mesh` : 'fleet-managed mesh';
  lines.push(`digraph ${quote(model.name)} {`);
  lines.push(
    `  graph${attributeList({ label: `${model.name} (project ${model.project.id}, ${mesh})`, labelloc: 't', fontname: 'Helvetica', fontsize: '14', rankdir: 'LR', newrank: 'true' })};`,
  );
  lines.push(`  node${attributeList({ shape: 'box', style: 'rounded,filled', fillcolor: '#f1f3f4', fontname: 'Helvetica', fontsize: '10' })};`);
  lines.push(`  edge${attributeList({ fontname: 'Helvetica', fontsize: '9' })};`);
  let index = 0;
  const writeGroup = (group: Group, indent: string): void => {
    index += 1;
    lines.push(`${indent}subgraph ${quote(`cluster_${index}`)} {`);
    lines.push(`${indent}  graph${attributeList({ label: group.label, style: 'rounded', color: '#9aa0a6' })};`);
    for (const node of [...group.nodes].sort((a, b) => byText(a.id, b.id))) lines.push(`${indent}  ${quote(node.id)}${attributeList({ label: node.label, ...node.attributes })};`);
    for (const [, sub] of [...group.subgroups].sort(([a], [b]) => byText(a, b))) writeGroup(sub, `${indent}  `);
    lines.push(`${indent}}`);
  };
  for (const [, group] of [...groups].sort(([a], [b]) => byText(a, b))) writeGroup(group, '  ');
  for (const node of [...globalNodes].sort((a, b) => byText(a.id, b.id))) lines.push(`  ${quote(node.id)}${attributeList({ label: node.label, ...node.attributes })};`);
  const edgeKey = (e: DotEdge) => `${e.from}\u0000${e.to}`;
  for (const edge of [...edges].sort((a, b) => byText(edgeKey(a), edgeKey(b)))) {
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)}${attributeList(edge.attributes)};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
