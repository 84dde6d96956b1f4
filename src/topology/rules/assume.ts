/*
 * Internal assertions of the renderers. A construct trusts the resolved topology: what it
 * needs of it is guaranteed by a topology rule, which reports the problem to the user with a
 * field path before anything is synthesized. A construct states such a need as an assumption;
 * when one fails, meshfleet has a bug (a rule missing or wrong), not the user's input.
 * test/topology/assumptions.test.ts maps every assumption id to the rule that guarantees it.
 */

/** Thrown when an assumption of a renderer fails: a meshfleet bug, not a problem of the topology. */
export class AssumptionError extends Error {
  constructor(
    /** The assumption's id, e.g. `gke-cluster.master-cidr`. */
    public readonly id: string,
    detail: string,
  ) {
    super(`meshfleet bug: ${id}: ${detail} (a topology rule should have refused this topology; please report it)`);
    this.name = 'AssumptionError';
  }
}

/**
 * Asserts what a renderer assumes of its input and a topology rule guarantees.
 * @param condition the assumption
 * @param id its id, `<file>.<what>` (a string literal: the assumptions test finds it in the sources)
 * @param detail the values that broke it, for the bug report
 * @throws AssumptionError when `condition` is false
 */
export function assume(condition: boolean, id: string, detail: string): asserts condition {
  if (!condition) throw new AssumptionError(id, detail);
}
