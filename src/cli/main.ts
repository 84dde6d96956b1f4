#!/usr/bin/env node
import { parseCommandArgs } from './args';
import { takesTopology } from './command';
import { paint } from './colour';
import { COMMANDS } from './commands';
import { didYouMean } from './did-you-mean';
import { Io, processIo } from './io';
import { printJson } from './json-output';
import { packageInfo } from './package-info';
import { demoNotice, locateTopology } from './topology-location';
import { commandHelp, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, programHelp, synopsis, UsageError } from './usage';

/**
 * Runs `meshfleet` with the arguments after the program name and returns the exit status:
 * 0 success, 1 bad input or failed work, 2 usage error. Never calls `process.exit`.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${paint(io, 'err', 'meshfleet:', 'error')} ${error.message}`);
      const command = error.command === undefined ? undefined : COMMANDS[error.command];
      io.err(command ? `Usage: ${synopsis(error.command!, command)}` : "Run 'meshfleet --help' for usage.");
      return EXIT_USAGE;
    }
    io.err(`${paint(io, 'err', 'meshfleet:', 'error')} ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.MESHFLEET_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return EXIT_FAILURE;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('no command given');
  if (first === '-h' || first === '--help') {
    if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}' after ${first}`);
    io.out(programHelp(COMMANDS));
    return EXIT_OK;
  }
  if (first === '-V' || first === '--version') {
    if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}' after ${first}`);
    io.out(packageInfo().version);
    return EXIT_OK;
  }
  if (first === 'help') return showHelp(rest, io);
  if (first.startsWith('-')) throw new UsageError(`unknown option '${first}'`);
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) throw unknownCommand(first);

  const parsed = parseCommandArgs(first, command, rest);
  if (parsed.help) {
    io.out(commandHelp(first, command));
    return EXIT_OK;
  }
  let values = parsed.values;
  if (takesTopology(command)) {
    const location = locateTopology(values.topology, first, { allowDemo: command.editsTopology !== true });
    if (location.source === 'demo' && values.format !== 'json') io.err(demoNotice(location));
    values = { ...values, topology: location.file };
  }
  try {
    return await command.run(values, io);
  } catch (error) {
    // `--format json` promises one JSON document, also when the command fails unexpectedly.
    if (values.format !== 'json' || error instanceof UsageError) throw error;
    printJson(io, { ok: false, problems: [{ path: '(meshfleet)', message: error instanceof Error ? error.message : String(error) }] });
    if (process.env.MESHFLEET_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return EXIT_FAILURE;
  }
}

/** `meshfleet help` (as `--help`) and `meshfleet help <command>` (as `<command> --help`). */
function showHelp(args: readonly string[], io: Io): number {
  const [name, ...extra] = args;
  if (name === undefined) {
    io.out(programHelp(COMMANDS));
    return EXIT_OK;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw unknownCommand(name, 'help: ');
  if (extra.length > 0) throw new UsageError(`help: unexpected argument '${extra[0]}' after ${name}`);
  io.out(commandHelp(name, command));
  return EXIT_OK;
}

function unknownCommand(name: string, prefix = ''): UsageError {
  const names = Object.keys(COMMANDS);
  return new UsageError(`${prefix}unknown command '${name}'${didYouMean(name, names)} (commands: ${names.join(', ')})`);
}

/**
 * A reader that closes early (`meshfleet synth | head -1`) is not an error: what it did not read
 * is dropped, as Unix tools do, and the run ends with its own status instead of an EPIPE trace.
 */
export function ignoreClosedReader(stream: NodeJS.WritableStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

/**
 * Runs `meshfleet` as the program of this process: arguments from `process.argv`, the exit
 * status as `process.exitCode`. Used when this file is run directly and by the bundled CLI.
 */
export function runAsProgram(): void {
  ignoreClosedReader(process.stdout);
  ignoreClosedReader(process.stderr);
  void main(process.argv.slice(2)).then((status) => {
    process.exitCode = status;
  });
}

if (require.main === module) runAsProgram();
