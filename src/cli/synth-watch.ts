import * as fs from 'node:fs';
import * as path from 'node:path';
import { OptionValues } from './command';
import { Io } from './io';
import { tryLoadForCommand } from './load';
import { reportTopologyError } from './problems';
import { writeOutput } from './synth-command';
import { EXIT_OK, UsageError } from './usage';
import { DEFAULT_OUT } from '../output/paths';

/** Saves that arrive within this many milliseconds make one synthesis (editors write in steps). */
export const WATCH_SETTLE_MS = 50;

/** Options of {@link runSynthWatch}. */
export interface WatchOptions {
  /**
   * Stops watching when aborted (tests); the CLI stops on Ctrl-C (SIGINT) or SIGTERM.
   * @default none (the process's signals only)
   */
  readonly signal?: AbortSignal;
}

/**
 * `meshfleet synth --watch`: synthesizes, then again each time the topology file is saved, in
 * this warm process (the modules and V8's compiled code stay loaded, so a re-synthesis costs the
 * synthesis alone). Problems in the file are printed and the previous output stays as it was;
 * every output is replaced in one step as `synth` does, so the folder never holds a half-written
 * output. The folder is watched rather than the file: editors save by writing a new file and
 * renaming it over the old one. Returns 0 when stopped.
 */
export async function runSynthWatch(values: OptionValues, io: Io, options: WatchOptions = {}): Promise<number> {
  if (values.check === true || values.format === 'json') {
    throw new UsageError(`--watch synthesizes on every save and prints text: it takes no ${values.check === true ? '--check' : '--format json'}`, 'synth');
  }
  const file = String(values.topology);
  const outDir = typeof values.out === 'string' ? values.out : DEFAULT_OUT;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const synthesize = async (): Promise<void> => {
    const outcome = tryLoadForCommand(values);
    if ('error' in outcome) reportTopologyError(io, outcome.file, outcome.error);
    else await writeOutput(outcome.loaded, outDir, false, io);
    io.err(`watching ${file} for changes (Ctrl-C stops)`);
  };
  // One synthesis at a time, in the order of the saves; a failed one does not stop the watch.
  const schedule = (): void => {
    running = running.then(synthesize).catch((error: unknown) => io.err(`meshfleet: ${error instanceof Error ? error.message : String(error)}`));
  };

  // Watch before the first synthesis, so that a save during it is not missed.
  return new Promise<number>((resolve) => {
    const name = path.basename(file);
    const watcher = fs.watch(path.dirname(path.resolve(file)), (_event, changed) => {
      if (changed !== null && changed !== name) return;
      clearTimeout(timer);
      timer = setTimeout(schedule, WATCH_SETTLE_MS);
    });
    const stop = (): void => {
      clearTimeout(timer);
      watcher.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.then(() => resolve(EXIT_OK));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    options.signal?.addEventListener('abort', stop, { once: true });
    schedule();
  });
}
