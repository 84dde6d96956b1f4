import { parseArgs, ParseArgsConfig } from 'node:util';
import { Command, OptionValues } from './command';
import { UsageError } from './usage';

/** What the command line of one command asks for. */
export type ParsedCommandLine = { readonly help: true } | { readonly help: false; readonly values: OptionValues };

/**
 * Parses the arguments after the command name against the command's options (strictly: no
 * unknown options, no positionals, every string option with a non-empty value).
 * @throws UsageError when the arguments do not fit
 */
export function parseCommandArgs(name: string, command: Command, args: readonly string[]): ParsedCommandLine {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const [option, spec] of Object.entries(command.options)) {
    options[option] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    // No option is declared `multiple`, so every value is a single string or boolean.
    values = parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values as typeof values;
  } catch (error) {
    throw new UsageError(firstLine(error), name);
  }
  if (values.help) return { help: true };
  for (const [option, spec] of Object.entries(command.options)) {
    const value = values[option];
    if (value === '') throw new UsageError(`option '--${option}' needs a non-empty value`, name);
    if (spec.required && value === undefined) throw new UsageError(`option '--${option}' is required`, name);
  }
  return { help: false, values };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
