import { ResolvedWorkload } from '../model/types';

/**
 * The traffic split of a workload, the single source every generator (Istio VirtualService,
 * Gateway API routes, messages) reads. Plain data only.
 */

/** One version of a workload and its percent of the traffic. */
export interface VersionWeight {
  /** `version` label (and Istio subset name), e.g. `v1`. */
  readonly version: string;
  /** Percent of the traffic, 0..100. */
  readonly weight: number;
}

/**
 * Every version of `w` in order with its weight: its declared `versions` (or the stable version
 * and canary of a `canary` workload); for a workload without them, its `version` label with 100;
 * [] for a workload without a version label.
 */
export function versionSplitOf(w: ResolvedWorkload): Array<{ readonly version: string; readonly weight: number }> {
  if (w.versions.length > 0) return w.versions.map((v): VersionWeight => ({ version: v.name, weight: v.weight }));
  return w.version === undefined ? [] : [{ version: w.version, weight: 100 }];
}

/**
 * Whether `w` declares versions (`versions`, or `canary`): then every data plane addresses its
 * versions one by one (Istio subsets, per-version Services for GAMMA and the ingress gateway,
 * per-version ServiceImports at a multi-cluster Gateway), even with one version or a version at
 * weight 0. A workload with a `version` label alone is its Service, on every data plane.
 */
export function hasVersionSplit(w: ResolvedWorkload): boolean {
  return w.versions.length > 0;
}
