export * from './types';
export { DEFAULT_NAMES, DEFAULTS, regionOfZone, resolveTopology } from './defaults';
export type { Problem } from './problems';
export { TopologyError } from './problems';
export { loadTopologyFile, parseTopologyText, validateTopology } from './load';
export { TOPOLOGY_SCHEMA } from './schema';
export { eastWestGatewayOf, meshInstallClusters, meshNetworks, remoteSecretsOf, reservedEastWestAddress, vmWorkloadsOf } from './mesh-plan';
export type { EastWestGatewayPlan, RemoteSecretPlan, ReservedAddressPlan } from './mesh-plan';
export { derivedName } from './names';
