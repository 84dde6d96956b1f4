import { loadTopologyFile } from '../load/load';
import { ResolvedTopology, TopologyError } from '../topology';
import { OptionValues } from './command';
import { Io } from './io';
import { reportTopologyError } from './problems';

/** A loaded topology and the name it is shown under. */
export interface LoadedTopology {
  readonly model: ResolvedTopology;
  /**
   * The topology file as `main` located it (see `locateTopology`): for reading it, as messages
   * show it, and, through `displayPath`, for the output to name it.
   */
  readonly file: string;
}

/** What loading the command's topology gave: the topology, or its problems. */
export type LoadOutcome = { readonly loaded: LoadedTopology } | { readonly file: string; readonly error: TopologyError };

/**
 * Loads the command's topology, the file `main` located (`values.topology`, see
 * `locateTopology`), returning its problems instead of printing them; other errors propagate.
 */
export function tryLoadForCommand(values: OptionValues): LoadOutcome {
  const file = String(values.topology);
  try {
    return { loaded: { model: loadTopologyFile(file), file } };
  } catch (error) {
    if (!(error instanceof TopologyError)) throw error;
    return { file, error };
  }
}

/**
 * Loads the command's topology (see {@link tryLoadForCommand}). On topology problems it
 * reports them and returns `undefined`; other errors propagate.
 */
export function loadForCommand(io: Io, values: OptionValues): LoadedTopology | undefined {
  const outcome = tryLoadForCommand(values);
  if ('loaded' in outcome) return outcome.loaded;
  reportTopologyError(io, outcome.file, outcome.error);
  return undefined;
}
