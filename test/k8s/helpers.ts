import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { Chart, Testing } from 'cdk8s';
import { ownershipLabels } from '../../src/k8s/ownership';
import { buildKubernetesManifests } from '../../src/k8s/synth';
import { SYNC_WAVE_ANNOTATION, SYNC_WAVES } from '../../src/k8s/sync-waves';
import { parseTopologyText, validateTopology } from '../../src/load/load';
import { ResolvedTopology } from '../../src/topology/model/types';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The example topologies, by seed. */
export const EXAMPLES = {
  /** Seed 000. */
  privateAsm: 'examples/private-asm-multicluster.yaml',
  /** Seed 002. */
  canary: 'examples/canary-productcatalog.yaml',
  /** Seed 003. */
  gateway: 'examples/internal-multicluster-gateway.yaml',
  /** Seed 001: ASM 1.8.6 installed in-cluster on GKE on VMware. */
  asmOnprem: 'examples/asm-onprem-vmware.yaml',
  /** Seed 004: Istio multi-primary on two networks. */
  multiPrimary: 'examples/istio-multi-primary-multi-network.yaml',
  /** Seed 004: Istio primary-remote on one network, with a VM workload. */
  primaryRemote: 'examples/istio-primary-remote.yaml',
} as const;

/** The examples whose mesh meshfleet installs in-cluster (they get `mesh-install/`). */
export const IN_CLUSTER_EXAMPLES = [EXAMPLES.asmOnprem, EXAMPLES.multiPrimary, EXAMPLES.primaryRemote] as const;

/** An example's topology input (parsed YAML), to derive variants from. */
export function exampleInput(file: string): any {
  return parseTopologyText(readFileSync(path.join(REPO_ROOT, file), 'utf8'), file);
}

/** Validates and resolves a topology input (throws on problems, like the CLI). */
export function modelOf(input: unknown): ResolvedTopology {
  return validateTopology(JSON.parse(JSON.stringify(input)), 'test');
}

/** An example's resolved model. */
export function loadExample(file: string): ResolvedTopology {
  return modelOf(exampleInput(file));
}

/**
 * `obj` without meshfleet's ownership labels, after checking it carries both with the topology's
 * values (throws otherwise). `metadata.labels` is dropped when nothing else is left in it, so
 * the result compares field for field with the seeds' manifests, which have no such labels.
 */
export function withoutOwnershipLabels<T extends Record<string, any>>(obj: T, topologyName: string): T {
  const labels: Record<string, string> = { ...(obj.metadata?.labels ?? {}) };
  const id = `${obj.kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}`;
  for (const [key, value] of Object.entries(ownershipLabels(topologyName))) {
    if (labels[key] !== value) throw new Error(`${id}: metadata.labels.${key} is ${labels[key]}, expected ${value}`);
    delete labels[key];
  }
  const { labels: _, ...metadata } = obj.metadata;
  return { ...obj, metadata: Object.keys(labels).length === 0 ? metadata : { ...metadata, labels } };
}

/**
 * Every cluster's files: cluster → file → objects. Each object is checked to carry the ownership
 * labels and returned without them ({@link withoutOwnershipLabels}); test/k8s/ownership.test.ts
 * asserts the labels themselves.
 */
export function manifestsOf(model: ResolvedTopology): Map<string, Map<string, any[]>> {
  const strip = (file: string, objects: readonly any[]) => objects.map((o) => withoutSyncWave(withoutOwnershipLabels(o, model.name), file, model));
  return new Map(buildKubernetesManifests(model).map((c) => [c.cluster, new Map(c.files.map((f) => [f.file, strip(f.file, f.objects)]))]));
}

/**
 * `obj` without its Argo CD sync wave, after checking it is the one of its file, and only with
 * `gitops.argocd` (throws otherwise); `metadata.annotations` is dropped when nothing else is left.
 * test/k8s/sync-waves.test.ts asserts the waves themselves; the seeds have none.
 */
export function withoutSyncWave<T extends Record<string, any>>(obj: T, file: string, model: ResolvedTopology): T {
  const expected = model.gitops?.argocd === undefined ? undefined : SYNC_WAVES[file];
  const { [SYNC_WAVE_ANNOTATION]: wave, ...annotations } = obj.metadata?.annotations ?? {};
  const id = `${file}: ${obj.kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}`;
  if (wave !== expected) throw new Error(`${id}: sync wave ${wave}, expected ${expected}`);
  if (wave === undefined) return obj;
  const { annotations: _, ...metadata } = obj.metadata;
  return { ...obj, metadata: Object.keys(annotations).length === 0 ? metadata : { ...metadata, annotations } };
}

/** Every cluster's `istioctl` inputs: cluster → `mesh-install/<file>` → objects, as {@link manifestsOf} returns them. */
export function meshInstallOf(model: ResolvedTopology): Map<string, Map<string, any[]>> {
  const strip = (objects: readonly any[]) => objects.map((o) => withoutOwnershipLabels(o, model.name));
  return new Map(buildKubernetesManifests(model).map((c) => [c.cluster, new Map(c.meshInstall.map((f) => [f.file, strip(f.objects)]))]));
}

/** Objects of one cluster, all files concatenated in order. */
export function clusterObjects(model: ResolvedTopology, cluster: string): any[] {
  const files = manifestsOf(model).get(cluster);
  return files === undefined ? [] : [...files.values()].flat();
}

/** The one object of that kind and name (and namespace, when given). */
export function findObject(objects: readonly any[], kind: string, name: string, namespace?: string): any {
  const found = objects.filter((o) => o.kind === kind && o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace));
  if (found.length !== 1) throw new Error(`expected one ${kind} ${namespace ?? '*'}/${name}, found ${found.length}`);
  return found[0];
}

/** `kind/namespace/name` of every object, for order and presence assertions. */
export function idsOf(objects: readonly any[]): string[] {
  return objects.map((o) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`);
}

/** Synthesizes what `build` adds to a test chart (cdk8s `Testing`). */
export function synthChart(build: (chart: Chart) => void): any[] {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart);
}

/** A copy of a seed object with `metadata.namespace` set (the seed applies it with `-n`). */
export function inNamespace<T extends Record<string, any>>(obj: T, namespace: string): T {
  return { ...obj, metadata: { ...obj.metadata, namespace } };
}

/** A copy of a seed object with another apiVersion. */
export function withApiVersion<T extends Record<string, any>>(obj: T, apiVersion: string): T {
  return { ...obj, apiVersion };
}
