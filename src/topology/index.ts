export * from './types';
export { DEFAULTS, regionOfZone, resolveTopology } from './defaults';
export { Problem, TopologyError } from './problems';
export { loadTopologyFile, parseTopologyText, validateTopology } from './load';
export { TOPOLOGY_SCHEMA } from './schema';
