import { loadTopologyFile } from '../load/load';
import { ResolvedTopology, TopologyError } from '../topology';
import { displayPath, normalizedPath } from './display';
import { Io } from './io';
import { defaultTopologyPath } from './package-info';
import { reportTopologyError } from './problems';

/** A loaded topology and the name it is shown under. */
export interface LoadedTopology {
  readonly model: ResolvedTopology;
  /** The topology file as given (or the default example's path), for reading it and, through `displayPath`, for the output to name it. */
  readonly file: string;
  /** The file as messages show it: as given, normalized (`./x.yaml` → `x.yaml`); the default example relative to the working directory. */
  readonly shownAs: string;
}

/** What loading the topology of `--topology` gave: the topology, or its problems. */
export type LoadOutcome = { readonly loaded: LoadedTopology } | { readonly shownAs: string; readonly error: TopologyError };

/**
 * Loads the topology named by `--topology` (or the default example), returning its problems
 * instead of printing them; other errors propagate.
 */
export function tryLoadForCommand(option: string | boolean | undefined): LoadOutcome {
  const file = typeof option === 'string' ? option : defaultTopologyPath();
  const shownAs = typeof option === 'string' ? normalizedPath(option) : displayPath(file);
  try {
    return { loaded: { model: loadTopologyFile(file), file, shownAs } };
  } catch (error) {
    if (!(error instanceof TopologyError)) throw error;
    return { shownAs, error };
  }
}

/**
 * Loads the topology named by `--topology` (or the default example). On topology problems it
 * reports them and returns `undefined`; other errors propagate.
 */
export function loadForCommand(io: Io, option: string | boolean | undefined): LoadedTopology | undefined {
  const outcome = tryLoadForCommand(option);
  if ('loaded' in outcome) return outcome.loaded;
  reportTopologyError(io, outcome.shownAs, outcome.error);
  return undefined;
}
