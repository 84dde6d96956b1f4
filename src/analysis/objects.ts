/**
 * The input of the static analysis and small readers for plain synthesized JSON. The analysis
 * never imports cdk8s or cdktf: it reads the objects as they would be written.
 */

/** A Kubernetes object as synthesized: plain JSON. */
export type KubeObject = Readonly<Record<string, unknown>>;

/** One Terraform stack as synthesized (`cdk.tf.json`): plain JSON. */
export type TerraformStackJson = Readonly<Record<string, unknown>>;

/** Facts of the topology that the synthesized objects alone do not tell. */
export interface TopologyFacts {
  /** Clusters of the service mesh; a host one of them serves is known to all of them. */
  readonly meshClusters: readonly string[];
  /** Clusters declared `platform: external`: they get Kubernetes files but no Terraform. */
  readonly externalClusters: readonly string[];
  /** Clusters the topology puts something on (workloads, mesh, config-cluster objects). */
  readonly deployedClusters: readonly string[];
  /** The fleet's config cluster (multi-cluster ingress / gateway), if any. */
  readonly configCluster?: string;
  /**
   * In-cluster mesh clusters whose Kubernetes version is unknown (an external cluster without
   * `kubernetesVersion`, or a mesh version outside meshfleet's support table), with the mesh
   * version and the Kubernetes versions it supports when known.
   * @default []
   */
  readonly unknownKubernetes?: ReadonlyArray<{ readonly cluster: string; readonly meshVersion: string; readonly supported?: string }>;
}

/** Everything the analysis reads. */
export interface AnalysisInput {
  /** Every cluster's objects (kustomization files and mesh-install inputs), by cluster name. */
  readonly clusters: Readonly<Record<string, readonly KubeObject[]>>;
  /** The GitOps objects (Argo CD ApplicationSet, Config Sync RootSyncs) by output file (`gitops/argocd/applicationset.yaml`); none without `gitops`. */
  readonly gitops?: Readonly<Record<string, readonly KubeObject[]>>;
  /** Every Terraform stack's JSON, by stack name. */
  readonly terraform: Readonly<Record<string, TerraformStackJson>>;
  readonly topology: TopologyFacts;
}

/** An object of one cluster, with where it sits in the input. */
export interface Located {
  readonly cluster: string;
  readonly object: KubeObject;
}

/** The value at a dotted path of plain JSON (`spec.http`), or undefined. */
export function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The value at `path` when it is a list, else []. */
export function listAt(value: unknown, path: string): readonly unknown[] {
  const found = at(value, path);
  return Array.isArray(found) ? found : [];
}

/** The value at `path` when it is a string, else undefined. */
export function stringAt(value: unknown, path: string): string | undefined {
  const found = at(value, path);
  return typeof found === 'string' ? found : undefined;
}

/** The value when it is a mapping, else {}. */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The value at `path` when it is a mapping, else {}. */
export function recordAt(value: unknown, path: string): Readonly<Record<string, unknown>> {
  return asRecord(at(value, path));
}

/** `metadata.name`, or "" when missing. */
export function nameOf(object: KubeObject): string {
  return stringAt(object, 'metadata.name') ?? '';
}

/** `metadata.namespace`, or "default" when missing (cluster-scoped objects are never asked). */
export function namespaceOf(object: KubeObject): string {
  return stringAt(object, 'metadata.namespace') ?? 'default';
}

/** The API group of an object (`networking.istio.io`), "" for the core group. */
export function groupOf(object: KubeObject): string {
  const apiVersion = stringAt(object, 'apiVersion') ?? '';
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** `Kind namespace/name`, or `Kind name` for an object without a namespace. */
export function describeObject(object: KubeObject): string {
  const kind = stringAt(object, 'kind') ?? '(no kind)';
  const namespace = stringAt(object, 'metadata.namespace');
  return namespace === undefined ? `${kind} ${nameOf(object)}` : `${kind} ${namespace}/${nameOf(object)}`;
}

/** The objects of one kind (and API group) in every cluster, in cluster and file order. */
export function objectsOfKind(input: AnalysisInput, kind: string, group: string): Located[] {
  const found: Located[] = [];
  for (const [cluster, objects] of Object.entries(input.clusters)) {
    for (const object of objects) {
      if (object.kind === kind && groupOf(object) === group) found.push({ cluster, object });
    }
  }
  return found;
}

/** The object of this kind, group, namespace and name in `cluster`, if any. */
export function findObject(input: AnalysisInput, cluster: string, kind: string, group: string, namespace: string, name: string): KubeObject | undefined {
  return (input.clusters[cluster] ?? []).find((o) => o.kind === kind && groupOf(o) === group && nameOf(o) === name && namespaceOf(o) === namespace);
}

/** Whether `cluster` holds an object of this kind, group, namespace and name. */
export function hasObject(input: AnalysisInput, cluster: string, kind: string, group: string, namespace: string, name: string): boolean {
  return findObject(input, cluster, kind, group, namespace, name) !== undefined;
}

/** The resources of one Terraform type in every stack, with their stack name. */
export function terraformResources(
  input: AnalysisInput,
  type: string,
): Array<{ readonly stack: string; readonly id: string; readonly resource: Readonly<Record<string, unknown>> }> {
  const found: Array<{ stack: string; id: string; resource: Readonly<Record<string, unknown>> }> = [];
  for (const [stack, json] of Object.entries(input.terraform)) {
    for (const [id, resource] of Object.entries(recordAt(json, `resource.${type}`))) {
      found.push({ stack, id, resource: asRecord(resource) });
    }
  }
  return found;
}

/** A short excerpt of a value for messages (at most 60 characters, quoted when a string). */
export function excerpt(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const short = text.length > 60 ? `${text.slice(0, 60)}...` : text;
  return typeof value === 'string' ? JSON.stringify(short) : short;
}
