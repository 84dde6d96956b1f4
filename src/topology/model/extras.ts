/*
 * The escape hatch: Kubernetes objects meshfleet writes as given, and patches on the objects it
 * generates, per cluster (`clusters[].extraObjects`, `clusters[].patches`) and per app
 * (`apps[].extraObjects`, `apps[].patches`). For what the topology has no field for yet; see the
 * README ("Escape hatch") for when to ask for a first-class field instead.
 */

/** `metadata` of an extra object: `name` is required, everything else is written as given. */
export interface ExtraObjectMetadataInput {
  /** The object's name (a DNS subdomain: lowercase letters, digits, `-` and `.`, at most 253 characters). */
  readonly name: string;
  /**
   * The object's namespace. In `apps[].extraObjects` a namespaced object goes into the app's
   * namespace (another namespace is refused); in `clusters[].extraObjects` a namespaced object
   * must name its namespace.
   * @default the app's namespace (apps[].extraObjects, namespaced kinds); none otherwise
   */
  readonly namespace?: string;
  /** Anything else of `metadata` (labels, annotations), written as given. */
  readonly [field: string]: unknown;
}

/** A complete Kubernetes object, e.g. pasted from upstream documentation; written as given. */
export interface ExtraObjectInput {
  /** e.g. `policy/v1`. */
  readonly apiVersion: string;
  /** e.g. `PodDisruptionBudget`. */
  readonly kind: string;
  readonly metadata: ExtraObjectMetadataInput;
  /** `spec`, `data` and any other field of the object, written as given. */
  readonly [field: string]: unknown;
}

/** The generated object a patch applies to (the fields of a kustomize patch `target`, without selectors). */
export interface PatchTargetInput {
  /** e.g. `Deployment`. */
  readonly kind: string;
  /** The object's name, e.g. `frontend`. */
  readonly name: string;
  /**
   * @default the app's namespace (apps[].patches, namespaced kinds); any namespace (clusters[].patches)
   */
  readonly namespace?: string;
  /** e.g. `apps/v1`. @default any apiVersion */
  readonly apiVersion?: string;
}

/** One RFC 6902 JSON patch operation; `path` and `from` are JSON pointers (`/spec/replicas`, `/spec/template/spec/containers/0/env/-`). */
export interface JsonPatchOperationInput {
  /** The operation (RFC 6902 section 4). */
  readonly op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  /** The JSON pointer the operation applies to, e.g. `/spec/replicas`. */
  readonly path: string;
  /** The value of `add`, `replace` and `test`. @default none */
  readonly value?: unknown;
  /** The source of `move` and `copy`. @default none */
  readonly from?: string;
}

/**
 * A patch on generated objects, applied when meshfleet writes them (so the written YAML is final
 * and every check sees the patched object). Exactly one of `jsonPatch`, `merge` and
 * `strategicMerge`. A patch never changes an object's `apiVersion`, `kind`, name or namespace.
 */
export interface ObjectPatchInput {
  readonly target: PatchTargetInput;
  /** RFC 6902 operations, applied in order; a failing operation (missing path, false `test`) is refused. @default none */
  readonly jsonPatch?: JsonPatchOperationInput[];
  /** A partial object merged as an RFC 7386 JSON merge patch: mappings merge, `null` removes a field, lists are replaced whole. @default none */
  readonly merge?: { readonly [field: string]: unknown };
  /**
   * A partial object merged as a Kubernetes strategic merge patch (kustomize's `patches:` with a
   * partial object): like `merge`, except that the lists Kubernetes merges by key are merged item by item
   * (`containers`, `initContainers`, `ephemeralContainers`, `volumes`, `env`, `imagePullSecrets`
   * by `name`; `volumeMounts` by `mountPath`; container `ports` by `containerPort`, Service
   * `ports` by `port`); an item with `$patch: delete` removes the item of that key. Other lists
   * are replaced whole. @default none
   */
  readonly strategicMerge?: { readonly [field: string]: unknown };
}
