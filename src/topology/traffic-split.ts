import { ResolvedWorkload } from './types';

/**
 * The versions of a workload and the percent of its traffic each receives, in order (stable
 * first): `version` with `100 - canary.weight`, then `canary.version` with `canary.weight`;
 * `version` alone with 100 without a canary; empty without a version.
 */
export function versionSplitOf(w: ResolvedWorkload): Array<{ readonly version: string; readonly weight: number }> {
  if (w.version === undefined) return [];
  if (w.canary === undefined) return [{ version: w.version, weight: 100 }];
  return [
    { version: w.version, weight: 100 - w.canary.weight },
    { version: w.canary.version, weight: w.canary.weight },
  ];
}
