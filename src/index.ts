/**
 * meshfleet as a library (`import { ... } from 'meshfleet'`): load and validate a topology, plan
 * it, synthesize it in-process, analyze what it writes, and use meshfleet's constructs in your
 * own cdk8s app (`k8s`) or cdktf app (`terraform`). The CLI is built on the same functions.
 */
export { loadTopologyFile, parseTopologyText, validateTopology } from './load/load';
export { TopologyError } from './topology';
export type { Problem, ResolvedTopology, TopologyInput } from './topology';
export { buildPlan } from './plan/build-plan';
export type { FleetPlan } from './plan/types';
export { synthesizeAll } from './synth';
export type { SynthesizeOptions } from './synth';
export { synthesizeForAnalysis } from './analysis/synthesize';
export { analyze } from './analysis/analyze';
export type { Finding } from './analysis/findings';
export * as k8s from './k8s';
export * as terraform from './terraform';
