import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES_FOLDER } from '../entry/run-entry-point';
import { OptionValues } from './command';
import { didYouMean } from './did-you-mean';
import { displayPath } from './display';
import { Io } from './io';
import { packageInfo } from './package-info';
import { TOPOLOGY_FILE_NAMES } from './topology-location';
import { EXIT_FAILURE, EXIT_OK, UsageError } from './usage';

/** The example `init` starts from without `--example`: a commented one-cluster topology. */
export const STARTER_EXAMPLE = 'starter';

/** The schema file beside the package's manifest. */
const SCHEMA_FILE = 'topology.schema.json';
const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*$/m;

/** Names of the package's examples (`examples/<name>.yaml`), sorted. */
export function exampleNames(): string[] {
  return fs
    .readdirSync(path.join(packageInfo().root, EXAMPLES_FOLDER))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length))
    .sort();
}

/**
 * `meshfleet init`: writes a starter topology (`meshfleet.yaml`, or FILE) from one of the package's
 * examples, its `$schema` line pointing at the package's topology.schema.json relative to the new
 * file, so editors check and complete it. Never replaces a file.
 */
export async function runInit(values: OptionValues, io: Io): Promise<number> {
  const target = typeof values.file === 'string' ? values.file : TOPOLOGY_FILE_NAMES[0];
  const example = typeof values.example === 'string' ? values.example : STARTER_EXAMPLE;
  const names = exampleNames();
  if (!names.includes(example)) {
    throw new UsageError(`--example: no example '${example}'${didYouMean(example, names)} (examples: ${names.join(', ')})`, 'init');
  }
  const root = packageInfo().root;
  const source = fs.readFileSync(path.join(root, EXAMPLES_FOLDER, `${example}.yaml`), 'utf8');
  const schema = path
    .relative(path.dirname(path.resolve(target)), path.join(root, SCHEMA_FILE))
    .split(path.sep)
    .join('/');
  const text = source.replace(SCHEMA_LINE, `# yaml-language-server: $schema=${schema}`);
  try {
    // `wx`: created here or not at all, never over an existing file or through a link.
    fs.writeFileSync(target, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' ? 'it exists (init never replaces a file; remove it or name another FILE)' : (error as Error).message;
    io.err(`meshfleet: cannot write ${displayPath(target)}: ${reason}`);
    return EXIT_FAILURE;
  }
  io.out(`wrote ${displayPath(target)} (from the example ${example}); next: edit it, then 'meshfleet validate' and 'meshfleet synth'`);
  return EXIT_OK;
}
