import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ResolvedMesh } from '../topology/model/types';

/** Label that turns on sidecar injection for the default (or fleet-managed) control plane. */
export const INJECTION_LABEL = 'istio-injection';
/** Label that binds a namespace to a revisioned in-cluster control plane. */
export const REVISION_LABEL = 'istio.io/rev';

/**
 * The sidecar-injection label of a namespace in a mesh member cluster. Exactly one label, never
 * both (Istio ignores `istio.io/rev` when `istio-injection` is present):
 *
 * - `management: fleet` (managed Cloud Service Mesh): `istio-injection: enabled` (seeds 000, 002);
 * - in-cluster mesh with a `revision`: `istio.io/rev: <revision>` (seed 001, `asm-186-8`);
 * - in-cluster mesh without a revision: `istio-injection: enabled`.
 */
export function injectionLabels(mesh: Pick<ResolvedMesh, 'management' | 'revision'>): Record<string, string> {
  if (mesh.management === 'in-cluster' && mesh.revision !== undefined) {
    return { [REVISION_LABEL]: mesh.revision };
  }
  return { [INJECTION_LABEL]: 'enabled' };
}

/** Properties of an {@link AppNamespace}. */
export interface AppNamespaceProps {
  /** Namespace name. */
  readonly name: string;
  /**
   * The mesh whose sidecars the namespace's pods get. Leave out in clusters that are not mesh
   * members (e.g. the config cluster of seed 000) and in topologies without a mesh.
   * @default none (no injection label)
   */
  readonly mesh?: Pick<ResolvedMesh, 'management' | 'revision'>;
}

/**
 * A core `v1` Namespace, labelled for sidecar injection when it is part of the mesh
 * (see {@link injectionLabels}).
 *
 * Emitted with the low-level `KubeNamespace` (`k8s` module of cdk8s-plus-27), not the cdk8s-plus
 * `Namespace`: the latter always writes `spec: {}`, which none of the seeds has.
 */
export class AppNamespace extends Construct {
  /** The Namespace object. */
  public readonly namespace: k8s.KubeNamespace;

  public constructor(scope: Construct, id: string, props: AppNamespaceProps) {
    super(scope, id);
    const labels = props.mesh === undefined ? undefined : injectionLabels(props.mesh);
    this.namespace = new k8s.KubeNamespace(this, 'Namespace', {
      metadata: { name: props.name, ...(labels === undefined ? {} : { labels }) },
    });
  }
}
