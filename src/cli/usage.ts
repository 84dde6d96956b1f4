import { Command } from './command';

/** Exit status of a successful run. */
export const EXIT_OK = 0;
/**
 * Exit status when the input or output is wrong or the work failed: topology problems, a refused
 * output folder or edit, differences found by `synth --check` or `diff`.
 */
export const EXIT_FAILURE = 1;
/** Exit status of a usage error (unknown command or option, a missing or bad option value). */
export const EXIT_USAGE = 2;

/** The exit statuses, as `--help` shows them. */
export const EXIT_STATUS_HELP = [
  'Exit status:',
  '  0  success',
  '  1  problems in the input or output: topology problems, a refused output folder or edit,',
  "     differences found by 'synth --check' or 'diff'",
  '  2  usage error: unknown command or option, a missing or bad option value',
].join('\n');

/** A mistake in the command line; `main` prints it with a hint and exits with status 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command the mistake concerns, for the hint; none for top-level mistakes. */
    public readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The synopsis of a command, e.g. `meshfleet synth [FILE] [--out DIR]`: a positional option as
 * its argument (`--topology FILE` is the other spelling of `FILE`).
 */
export function synopsis(name: string, command: Command): string {
  const options = Object.entries(command.options);
  const argument = options.filter(([, spec]) => spec.positional === true).map(([, spec]) => (spec.required ? (spec.valueName ?? 'VALUE') : `[${spec.valueName ?? 'VALUE'}]`));
  const parts = options
    .filter(([, spec]) => spec.positional !== true)
    .map(([option, spec]) => {
      const text = spec.type === 'string' ? `--${option} ${spec.valueName ?? 'VALUE'}` : `--${option}`;
      return spec.required ? text : `[${text}]`;
    });
  return ['meshfleet', name, ...argument, ...parts].join(' ');
}

/** Help text of one command (`meshfleet <cmd> --help`). */
export function commandHelp(name: string, command: Command): string {
  const rows = Object.entries(command.options).map(([option, spec]) => {
    const flag = [spec.short ? `-${spec.short},` : '   ', `--${option}`, spec.type === 'string' ? (spec.valueName ?? 'VALUE') : ''].join(' ').trimEnd();
    return [flag, spec.description] as const;
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: ${synopsis(name, command)}`,
    '',
    command.summary,
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    ...(command.details ? ['', command.details] : []),
    '',
    EXIT_STATUS_HELP,
  ].join('\n');
}

/** Help text of the program (`meshfleet --help`). */
export function programHelp(commands: Readonly<Record<string, Command>>): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((name) => name.length));
  return [
    'Usage: meshfleet <command> [options]',
    '',
    'Synthesizes Terraform (CDKTF) and Kubernetes YAML for a GKE multi-cluster mesh from one topology file.',
    '',
    'Commands:',
    ...names.map((name) => `  ${name.padEnd(width)}  ${commands[name].summary}`),
    '',
    'Options:',
    '  -h, --help     show this help',
    '  -V, --version  print the version',
    '',
    "Run 'meshfleet help <command>' or 'meshfleet <command> --help' for the options of a command.",
    '',
    EXIT_STATUS_HELP,
  ].join('\n');
}
