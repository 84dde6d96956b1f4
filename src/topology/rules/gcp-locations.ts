import LOCATIONS from './gcp-locations.json';

/*
 * The Google Cloud regions and zones meshfleet accepts: `gcp-locations.json`, generated from
 * `gcloud compute zones list --format=json` by `scripts/refresh-gcp-locations.js`.
 */

/** Zones of each region, by region name. */
export const GCP_REGIONS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(LOCATIONS.regions));

/** Every zone, to its region. */
const ZONE_REGIONS: ReadonlyMap<string, string> = new Map([...GCP_REGIONS].flatMap(([region, zones]) => zones.map((zone) => [zone, region] as const)));

/** Whether `name` is a Google Cloud region. */
export function isGcpRegion(name: string): boolean {
  return GCP_REGIONS.has(name);
}

/** Whether `name` is a Google Cloud zone. */
export function isGcpZone(name: string): boolean {
  return ZONE_REGIONS.has(name);
}

/** The zones of a region, in name order ([] for an unknown region). */
export function zonesOf(region: string): readonly string[] {
  return GCP_REGIONS.get(region) ?? [];
}

/** Edit distance of two short strings (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Most edits for a name to count as a near match. */
const NEAR = 3;

/** The closest of `candidates` to `name` when at most a few edits away (typos), else undefined. */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  // Names here are short; a long input is no typo of one (and would be slow to compare).
  if (name.length > 64) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d <= NEAR && (best === undefined || d < best.distance)) best = { name: candidate, distance: d };
  }
  return best?.name;
}

/** Every region name, in name order. */
export function gcpRegionNames(): string[] {
  return [...GCP_REGIONS.keys()];
}

/** Every zone name. */
export function gcpZoneNames(): string[] {
  return [...ZONE_REGIONS.keys()];
}
