import * as fs from 'node:fs';
import * as path from 'node:path';
import { TOPOLOGY_VARIABLE } from '../entry/run-entry-point';
import { displayPath, normalizedPath } from './display';
import { defaultTopologyPath } from './package-info';
import { UsageError } from './usage';

/**
 * Names of the topology file a command finds in the working folder when none is given, in the
 * order they are looked for. More than one of them present is a usage error.
 */
export const TOPOLOGY_FILE_NAMES: readonly string[] = ['meshfleet.yaml', 'meshfleet.yml', 'meshfleet.json'];

/**
 * Where the topology came from: the command line (`FILE` or `--topology`), the working folder
 * (`meshfleet.yaml`), the environment (`MESHFLEET_TOPOLOGY`), or the package's demo.
 */
export type TopologySource = 'argument' | 'working-folder' | 'environment' | 'demo';

/** The topology file a command reads. */
export interface TopologyLocation {
  /**
   * Its path as messages and the output show it, readable from the working folder: normalized
   * as given; a found file relative to the working folder when below it (see `displayPath`).
   */
  readonly file: string;
  readonly source: TopologySource;
}

/** Options of {@link locateTopology}. */
export interface LocateOptions {
  /**
   * Whether the package's demo topology is the last resort. Commands that edit the file in place
   * (`canary`, `shift`) must not edit the package's own example.
   * @default true
   */
  readonly allowDemo?: boolean;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default process.cwd() */
  readonly cwd?: string;
}

/**
 * The topology a command reads, by the conventions of kubectl, helm and istioctl: the argument
 * (`meshfleet synth FILE`, or `--topology FILE`); else `meshfleet.yaml` (`.yml`, `.json`) in the
 * working folder; else `$MESHFLEET_TOPOLOGY`, the variable the cdk8s and cdktf apps read too; else
 * the package's demo topology ({@link TopologyLocation.source} `demo`, which commands announce).
 * @throws UsageError when the working folder holds several topology files, or when nothing is
 *   found and the demo is not allowed
 */
export function locateTopology(option: string | boolean | undefined, command: string, options: LocateOptions = {}): TopologyLocation {
  if (typeof option === 'string') return { file: normalizedPath(option), source: 'argument' };
  const cwd = options.cwd ?? process.cwd();
  const here = TOPOLOGY_FILE_NAMES.filter((name) => isFile(path.join(cwd, name)));
  if (here.length > 1) {
    throw new UsageError(`found ${here.join(' and ')} in ${displayPath(cwd)}: name the topology to use, e.g. 'meshfleet ${command} ${here[0]}'`, command);
  }
  if (here.length === 1) return { file: displayPath(path.join(cwd, here[0])), source: 'working-folder' };
  const fromEnv = (options.env ?? process.env)[TOPOLOGY_VARIABLE];
  if (fromEnv !== undefined && fromEnv !== '') return { file: normalizedPath(fromEnv), source: 'environment' };
  if (options.allowDemo === false) {
    throw new UsageError(`no topology file: give one as FILE, or run in a folder holding ${TOPOLOGY_FILE_NAMES[0]}, or set ${TOPOLOGY_VARIABLE}`, command);
  }
  return { file: displayPath(defaultTopologyPath()), source: 'demo' };
}

/** The one-line notice a command prints (on standard error) when it falls back to the demo. */
export function demoNotice(location: TopologyLocation): string {
  return `meshfleet: no topology given and no ${TOPOLOGY_FILE_NAMES[0]} here: using the demo ${location.file} (create your own with 'meshfleet init')`;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
