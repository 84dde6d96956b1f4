/*
 * The plain data that the Kubernetes half synthesizes, in a module of its own so that the
 * modules that build, annotate and write it (synth.ts, sync-waves.ts, the GitOps objects) share
 * it without importing each other.
 */

/** A Kubernetes object as synthesized: plain JSON. */
export type ManifestObject = Record<string, unknown>;

/** One YAML file of a cluster folder. */
export interface ManifestFile {
  /** Path relative to the cluster folder, e.g. `namespaces.yaml` or `mesh-install/control-plane.yaml`. */
  readonly file: string;
  /** The objects in file order. */
  readonly objects: readonly ManifestObject[];
}
