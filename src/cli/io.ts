import { Colours, colourWanted } from './colour';

/** Where a command writes its messages; tests pass their own to capture them. */
export interface Io {
  /** Writes one line (without its newline) to standard output. */
  out(line: string): void;
  /** Writes one line (without its newline) to standard error. */
  err(line: string): void;
  /**
   * Whether standard error is a terminal, where a progress line may be shown.
   * @default false (no progress line)
   */
  readonly isTTY?: boolean;
  /**
   * Replaces the progress line on standard error with `text` (no newline; `''` clears it).
   * Called only when {@link isTTY} is true.
   * @default none (no progress line)
   */
  progress?(text: string): void;
  /**
   * Whether standard output and standard error take colour (see `paint`).
   * @default none (no colour on either)
   */
  readonly colour?: Colours;
}

/** The process's own standard output and standard error. */
export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  get isTTY() {
    return process.stderr.isTTY === true;
  },
  get colour() {
    return { out: colourWanted(process.stdout.isTTY), err: colourWanted(process.stderr.isTTY) };
  },
  // `\r` goes back to the start of the line, ESC[K erases what a longer earlier text left.
  progress: (text) => process.stderr.write(`\r${text}\x1b[K`),
};
