export * from './types';
export { DEFAULTS, regionOfZone, resolveTopology } from './defaults';
export type { Problem } from './problems';
export { TopologyError } from './problems';
export { loadTopologyFile, parseTopologyText, validateTopology } from './load';
export { TOPOLOGY_SCHEMA } from './schema';
