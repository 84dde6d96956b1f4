import { regionOfZone } from '../resolve/defaults';
import { gcpRegionNames, gcpZoneNames, isGcpRegion, isGcpZone, nearestName, zonesOf } from './gcp-locations';
import { Problem, problem } from './problems';
import { TopologyInput } from '../model/types';

/*
 * Every zone and region of the topology must exist in Google Cloud (the list in
 * gcp-locations.json, refreshed by scripts/refresh-gcp-locations.js).
 */

/** What a region field expects: the near match when there is one. */
function expectedRegion(name: string): string {
  const near = nearestName(name, gcpRegionNames());
  return near === undefined ? 'a Google Cloud region such as us-west1 (see src/topology/rules/gcp-locations.json)' : `a Google Cloud region such as ${near}`;
}

/** What a zone field expects: the zones of its region when that exists, else the near match. */
function expectedZone(zone: string): string {
  const sameRegion = zonesOf(regionOfZone(zone));
  if (sameRegion.length > 0) return `one of ${sameRegion.join(', ')}`;
  const near = nearestName(zone, gcpZoneNames());
  return near === undefined ? 'a Google Cloud zone such as us-west1-a (see src/topology/rules/gcp-locations.json)' : `a Google Cloud zone such as ${near}`;
}

function checkRegion(path: string, name: string | undefined, problems: Problem[]): void {
  if (name !== undefined && !isGcpRegion(name)) problems.push(problem(path, 'not a Google Cloud region', name, expectedRegion(name)));
}

/**
 * Zones and regions that Google Cloud does not have: cluster zones and regions, `regions[]`,
 * subnet regions, gateway address and policy regions. (That a cluster's zone lies in its
 * `region` is checked with the clusters.)
 */
export function checkLocations(input: TopologyInput, problems: Problem[]): void {
  input.clusters.forEach((cluster, i) => {
    if (cluster.zone !== undefined && !isGcpZone(cluster.zone)) {
      problems.push(problem(`clusters[${i}].zone`, 'not a Google Cloud zone', cluster.zone, expectedZone(cluster.zone)));
    }
    checkRegion(`clusters[${i}].region`, cluster.region, problems);
  });
  (input.regions ?? []).forEach((region, i) => checkRegion(`regions[${i}].name`, region.name, problems));
  (input.network?.subnets ?? []).forEach((subnet, i) => checkRegion(`network.subnets[${i}].region`, subnet.region, problems));
  (input.gateways ?? []).forEach((gateway, i) => {
    (gateway.addresses ?? []).forEach((address, j) => checkRegion(`gateways[${i}].addresses[${j}].region`, address.region, problems));
    checkRegion(`gateways[${i}].gatewayPolicy.region`, gateway.gatewayPolicy?.region, problems);
  });
}
