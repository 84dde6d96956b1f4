import { loadTopologyFile, ResolvedTopology, TopologyError } from '../topology';
import { displayPath } from './display';
import { Io } from './io';
import { defaultTopologyPath } from './package-info';
import { reportTopologyError } from './problems';

/** A loaded topology and the name it is shown under. */
export interface LoadedTopology {
  readonly model: ResolvedTopology;
  readonly shownAs: string;
}

/**
 * Loads the topology named by `--topology` (or the default example). On topology problems it
 * reports them and returns `undefined`; other errors propagate.
 */
export function loadForCommand(io: Io, option: string | boolean | undefined): LoadedTopology | undefined {
  const file = typeof option === 'string' ? option : defaultTopologyPath();
  const shownAs = typeof option === 'string' ? option : displayPath(file);
  try {
    return { model: loadTopologyFile(file), shownAs };
  } catch (error) {
    if (!(error instanceof TopologyError)) throw error;
    reportTopologyError(io, shownAs, error);
    return undefined;
  }
}
