import { Io } from './io';

/** One option of a command, as `--name VALUE` (string) or `--name` (boolean). */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One-letter alias, e.g. `t` for `-t`. */
  readonly short?: string;
  /** Placeholder shown in help for a string option, e.g. `FILE`. */
  readonly valueName?: string;
  /** One line of help. */
  readonly description: string;
  /** The option must be given (usage error otherwise). */
  readonly required?: boolean;
  /** The values a string option accepts; any other value is a usage error. @default any non-empty value */
  readonly choices?: readonly string[];
  /**
   * The option's value may also be given as the command's one positional argument, e.g.
   * `meshfleet synth FILE` for `--topology FILE` (at most one option per command).
   * @default false
   */
  readonly positional?: boolean;
}

/** Parsed option values, keyed by option name. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/** A subcommand of `meshfleet`: its help and its implementation. */
export interface Command {
  /** One line for the command list of `meshfleet --help`. */
  readonly summary: string;
  /** Extra help text shown by `meshfleet <cmd> --help`, below the options. */
  readonly details?: string;
  /** Options besides `--help`, in the order help shows them. */
  readonly options: Readonly<Record<string, OptionSpec>>;
  /**
   * The command edits the topology file in place, so it never falls back to the package's demo.
   * @default false (without a topology file, the demo, announced on standard error)
   */
  readonly editsTopology?: boolean;
  /**
   * Runs the command and returns its exit status. The implementation is loaded on demand so
   * that `--help` and usage errors stay fast and each command loads only what it needs.
   */
  run(values: OptionValues, io: Io): Promise<number>;
}

/** Whether `command` reads a topology: as `FILE`, with `--topology`, or found by `locateTopology`. */
export function takesTopology(command: Command): boolean {
  return Object.prototype.hasOwnProperty.call(command.options, 'topology');
}
