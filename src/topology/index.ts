export * from './types';
export { DEFAULTS, regionOfZone, resolveTopology } from './defaults';
export type { Problem } from './problems';
export { TopologyError } from './problems';
export { loadTopologyFile, parseTopologyText, validateTopology } from './load';
export { TOPOLOGY_SCHEMA } from './schema';
export { eastWestGatewayOf, meshInstallClusters, meshNetworks, remoteSecretsOf, vmWorkloadsOf } from './mesh-plan';
export type { EastWestGatewayPlan, RemoteSecretPlan } from './mesh-plan';
