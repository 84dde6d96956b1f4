import type { Problem, ResolvedCluster, ResolvedGkeCluster } from '../../src/topology';
import { isGkeCluster, TopologyError, validateTopology } from '../../src/topology';

/** A topology under construction in a test: plain, freely mutable data. */
export type Draft = Record<string, any>;

/** Runs `fn`, which must throw a TopologyError, and returns that error. */
export function topologyError(fn: () => unknown): TopologyError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) throw new Error('expected a TopologyError, but nothing was thrown');
  if (!(thrown instanceof TopologyError)) throw thrown;
  return thrown;
}

/** Validates `input` (source `test`), which must be invalid, and returns its problems. */
export function problemsOf(input: unknown): Problem[] {
  return [...topologyError(() => validateTopology(input, 'test')).problems];
}

/**
 * Asserts that `input` has exactly one problem, `{ path, message }`, and that the error message
 * is the one-problem header followed by the `path: message` line.
 */
export function expectOnlyProblem(input: unknown, path: string, message: string): void {
  const error = topologyError(() => validateTopology(input, 'test'));
  expect(error.problems).toEqual([{ path, message }]);
  expect(error.source).toBe('test');
  expect(error.name).toBe('TopologyError');
  expect(error.message).toContain(`${path}: ${message}`);
  expect(error.message).toBe(`test: 1 problem\n${path}: ${message}`);
}

/** Narrows a resolved cluster to a GKE cluster, failing the test when it is not one. */
export function gke(cluster: ResolvedCluster): ResolvedGkeCluster {
  if (!isGkeCluster(cluster)) throw new Error(`expected ${cluster.name} to be a GKE cluster, but its platform is ${cluster.platform}`);
  return cluster;
}
