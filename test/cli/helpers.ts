import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Io } from '../../src/cli/io';
import { main } from '../../src/cli/main';

/** The repository root (this file is test/cli/helpers.ts). */
export const REPO_ROOT = path.resolve(__dirname, '../..');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
export const DEFAULT_EXAMPLE = path.join(EXAMPLES_DIR, 'private-asm-multicluster.yaml');
/** The package's bin, as package.json's `bin` names it (built by `npm test` before jest runs). */
export const BIN = path.join(REPO_ROOT, (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: { meshfleet: string } }).bin.meshfleet);

/** Every example topology, sorted. */
export function examples(): string[] {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => path.join(EXAMPLES_DIR, name));
}

/** What one in-process run of the CLI returned and printed. */
export interface Run {
  readonly status: number;
  readonly stdout: string[];
  readonly stderr: string[];
}

/** Runs `meshfleet <argv>` in-process, capturing its output exactly. */
export async function runExactly(...argv: string[]): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

/**
 * Runs `meshfleet <argv>` in-process, capturing its output, without the one-line notice that a
 * command without a topology uses the package's demo (most tests run the demo; the notice has
 * its own tests in topology-location.test.ts, which use {@link runExactly}).
 */
export async function run(...argv: string[]): Promise<Run> {
  const result = await runExactly(...argv);
  return { ...result, stderr: result.stderr.filter((line) => !DEMO_NOTICE.test(line)) };
}

const DEMO_NOTICE = /^meshfleet: no topology given and no meshfleet\.yaml here: using the demo /;

/** Fresh temporary folders, removed by `cleanup()` (call it in afterEach/afterAll). */
export class TempDirs {
  private readonly dirs: string[] = [];

  /** A new empty folder under the OS temp folder. */
  make(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-cli-test-'));
    this.dirs.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A folder's content as sorted `relative/path sha256` lines (folders end with `/`, so empty
 * folders count too). Two folders with equal snapshots are byte-identical trees.
 */
export function snapshot(dir: string): string[] {
  const lines: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        lines.push(`${child}/`);
        walk(child);
      } else {
        const hash = createHash('sha256')
          .update(fs.readFileSync(path.join(dir, child)))
          .digest('hex');
        lines.push(`${child} ${hash}`);
      }
    }
  };
  walk('');
  return lines.sort();
}

/** Writes `text` to `dir/name` and returns the file's path. */
export function writeFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** The default example with several mistakes (a number for a zone, an unknown role, ...). */
export function badTopologyText(): string {
  const good = fs.readFileSync(DEFAULT_EXAMPLE, 'utf8');
  const bad = good.replace('zone: us-west2-a', 'zone: 12').replace('role: config', 'role: boss').replace('minNodes: 1,', 'minNodes: many,');
  if (bad.split('\n').filter((line, i) => line !== good.split('\n')[i]).length !== 3) {
    throw new Error(`the default example changed; update badTopologyText() in ${__filename}`);
  }
  return bad;
}

/** Names in `dir` that look like leftovers of an atomic write (`.<name>.tmp-*`). */
export function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => name.includes('.tmp-'));
}
