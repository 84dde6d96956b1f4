import { parseArgs, ParseArgsConfig } from 'node:util';
import { Command, OptionValues } from './command';
import { didYouMean } from './did-you-mean';
import { UsageError } from './usage';

/** What the command line of one command asks for. */
export type ParsedCommandLine = { readonly help: true } | { readonly help: false; readonly values: OptionValues };

/**
 * Parses the arguments after the command name against the command's options (strictly: no
 * unknown options, every string option with a non-empty value, one of its `choices` when it has
 * them). The value of the command's `positional` option may be given as its one positional
 * argument instead (`synth FILE` for `--topology FILE`); no other positionals. A negative number
 * after a string option is its value.
 * @throws UsageError when the arguments do not fit (an unknown option with the closest known one)
 */
export function parseCommandArgs(name: string, command: Command, args: readonly string[]): ParsedCommandLine {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const [option, spec] of Object.entries(command.options)) {
    options[option] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  refuseUnknownLongOptions(name, args, Object.keys(options));
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    // No option is declared `multiple`, so every value is a single string or boolean.
    const parsed = parseArgs({ args: attachNegativeNumbers(args, options), options, strict: true, allowPositionals: true });
    values = parsed.values as typeof values;
    positionals = parsed.positionals;
  } catch (error) {
    throw new UsageError(firstLine(error), name);
  }
  if (values.help) return { help: true };
  if (positionals.length > 0) {
    const [option, spec] = Object.entries(command.options).find(([, s]) => s.positional === true) ?? [];
    if (option === undefined || spec === undefined) throw new UsageError(`unexpected argument '${positionals[0]}' (${name} takes none)`, name);
    const argument = spec.valueName ?? 'VALUE';
    if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}': ${name} takes one ${argument}`, name);
    if (values[option] !== undefined) throw new UsageError(`${argument} is given twice: as '${positionals[0]}' and as --${option} '${values[option]}'`, name);
    values[option] = positionals[0];
  }
  for (const [option, spec] of Object.entries(command.options)) {
    const value = values[option];
    // A value given as the positional argument is named as the synopsis shows it (`SHELL`).
    const shownAs = spec.positional === true && positionals.length > 0 ? (spec.valueName ?? 'VALUE') : `--${option}`;
    if (value === '') throw new UsageError(`option '--${option}' needs a non-empty value`, name);
    if (spec.required && value === undefined) {
      throw new UsageError(
        spec.positional === true ? `${spec.valueName ?? 'VALUE'} is required (or --${option} ${spec.valueName ?? 'VALUE'})` : `option '--${option}' is required`,
        name,
      );
    }
    if (spec.choices && typeof value === 'string' && !spec.choices.includes(value)) {
      throw new UsageError(`${shownAs}: expected one of ${spec.choices.join(', ')}, found ${JSON.stringify(value)}`, name);
    }
  }
  return { help: false, values };
}

/**
 * `--weight -1` as `--weight=-1`: a string option followed by a negative number takes it as its
 * value (parseArgs would read `-1` as an option, since a value may not start with `-`), so that the
 * command reports the number as out of range. No option has a digit as its short name.
 */
function attachNegativeNumbers(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const takesValue = new Set<string>();
  for (const [option, spec] of Object.entries(options)) {
    if (spec.type !== 'string') continue;
    takesValue.add(`--${option}`);
    if (spec.short) takesValue.add(`-${spec.short}`);
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (takesValue.has(args[i]) && next !== undefined && /^-[0-9.]/.test(next)) {
      out.push(`${args[i]}=${next}`.replace(/^-([^-])=/, '-$1'));
      i++;
    } else {
      out.push(args[i]);
    }
  }
  return out;
}

/**
 * An unknown `--option` (before `--`) is refused with the closest known option, e.g.
 * `unknown option '--tolopogy'; did you mean '--topology'?`.
 */
function refuseUnknownLongOptions(command: string, args: readonly string[], known: readonly string[]): void {
  for (const arg of args) {
    if (arg === '--') return;
    if (!arg.startsWith('--')) continue;
    const option = arg.slice(2).split('=')[0];
    if (!known.includes(option)) throw new UsageError(`unknown option '--${option}'${didYouMean(option, known, (o) => `--${o}`)}`, command);
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
