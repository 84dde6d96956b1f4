import { Io } from './io';

/** A progress line for slow work: shown on a terminal only, overwritten in place, cleared by `done`. */
export interface Progress {
  /** Shows `text` as the current step (e.g. `synth: terraform stacks`). */
  update(text: string): void;
  /** Clears the line; call it before printing results, also after a failure. */
  done(): void;
}

/**
 * The progress line of `io`: writes through `io.progress` when standard error is a terminal
 * (`io.isTTY`), does nothing otherwise, so pipes, files and CI logs never see it.
 */
export function progressOf(io: Io): Progress {
  const show = io.isTTY === true && io.progress !== undefined ? io.progress.bind(io) : undefined;
  if (show === undefined) return { update: () => undefined, done: () => undefined };
  let shown = false;
  return {
    update: (text) => {
      show(text);
      shown = true;
    },
    done: () => {
      if (shown) show('');
      shown = false;
    },
  };
}
