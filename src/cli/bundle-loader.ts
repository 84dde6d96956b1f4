import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * The file beside the bundles that names them (`{ "cli": "cli-<hash>.js", ... }`), written by
 * scripts/build-cli.js. A bundle's file name carries a hash of its content, so a code cache
 * (named after the bundle file) never outlives the code it was made from.
 */
export const BUNDLE_NAMES_FILE = 'bundles.json';

/** The extension of a bundle's V8 code cache: `<bundle file>.v8cache`, beside it. */
export const CODE_CACHE_EXTENSION = '.v8cache';

/**
 * Each bundle file is one function expression of CommonJS's five parameters plus the loader,
 * through which the CLI bundle loads the vendor bundles (`__meshfleetLoadBundle('vendor-synth')`).
 * The build writes the wrapper into the file ({@link wrapBundle}), so the loader compiles the
 * file's text as read: wrapping it at run time made V8 copy a megabytes-long string once more.
 */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname, __meshfleetLoadBundle) {';
const WRAPPER_TAIL = '\n})';

/** A bundle's code as its file holds it (scripts/build-cli.js): wrapped in the loader's function. */
export function wrapBundle(code: string): string {
  return WRAPPER_HEAD + code + WRAPPER_TAIL;
}

/** The first size of {@link ScratchReader}'s buffer: more than the largest bundle; pages never written cost nothing. */
const SCRATCH_BYTES = 8 * 1024 * 1024;

/**
 * Reads files into one buffer, reused: a bundle's text is copied into a string and its code cache
 * consumed before the next read. A fresh buffer per file made the kernel hand out (and zero) new
 * pages for each of the four files a synth reads, about 10 MB; on virtual machines where a page
 * fault costs microseconds, that was a noticeable part of the start.
 */
class ScratchReader {
  private buffer = Buffer.alloc(0);

  /** The content of `file`, valid until the next read. */
  read(file: string): Buffer {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      if (size > this.buffer.length) this.buffer = Buffer.allocUnsafeSlow(Math.max(size, SCRATCH_BYTES));
      let done = 0;
      while (done < size) {
        const n = fs.readSync(fd, this.buffer, done, size - done, done);
        if (n === 0) break;
        done += n;
      }
      return this.buffer.subarray(0, done);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The content of `file`, or undefined when it cannot be read (valid until the next read). */
  readIfPresent(file: string): Buffer | undefined {
    try {
      return this.read(file);
    } catch {
      return undefined;
    }
  }
}

/** What a bundle is compiled into: called once with the CommonJS arguments and the loader. */
type BundleFunction = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string, loadBundle: (name: string) => unknown) => void;

/** A bundle whose code cache is missing or was rejected by V8, to be written at exit. */
interface StaleCache {
  readonly script: vm.Script;
  readonly cacheFile: string;
}

/**
 * Loads the bundled CLI's files (lib/cli/, built by scripts/build-cli.js) through V8's code
 * cache. Node 20 caches no compiled code of its own, and the synth path is about 4 MB of
 * JavaScript: parsing and compiling it was a third of a synth. A bundle is compiled with the
 * cached data in `<file>.v8cache` when V8 accepts it (same V8 version, same flags, same
 * source); otherwise it compiles from source and its cache is written when the process exits,
 * for the next run (best effort: a read-only install stays as fast as it was without one).
 * The build writes the caches of the synth path with one training synth.
 *
 * Each bundle runs once per process; {@link load} returns its `module.exports` after.
 */
export class BundleLoader {
  private readonly loaded = new Map<string, unknown>();
  private readonly stale: StaleCache[] = [];
  private readonly reader = new ScratchReader();

  /**
   * @param dir the folder of the bundles (lib/cli)
   * @param files bundle file names by bundle name, as in {@link BUNDLE_NAMES_FILE}
   */
  constructor(
    private readonly dir: string,
    private readonly files: Readonly<Record<string, string>>,
  ) {}

  /**
   * The exports of the bundle `name`, running it on first use.
   * @throws Error when `name` is not one of the bundles
   */
  readonly load = (name: string): unknown => {
    if (this.loaded.has(name)) return this.loaded.get(name);
    const fileName = Object.prototype.hasOwnProperty.call(this.files, name) ? this.files[name] : undefined;
    if (fileName === undefined) throw new Error(`no bundle '${name}' in ${path.join(this.dir, BUNDLE_NAMES_FILE)}: run 'npm run build'`);
    const file = path.join(this.dir, fileName);
    const cacheFile = file + CODE_CACHE_EXTENSION;
    // The text first: it is copied into a string, and the buffer is free for the code cache.
    const source = this.reader.read(file).toString('latin1');
    const cachedData = this.reader.readIfPresent(cacheFile);
    const script = new vm.Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
    if (cachedData === undefined || script.cachedDataRejected === true) this.markStale({ script, cacheFile });

    const module = { exports: {} as unknown };
    const run = script.runInThisContext() as BundleFunction;
    run.call(module.exports, module.exports, createRequire(file), module, file, this.dir, this.load);
    this.loaded.set(name, module.exports);
    return module.exports;
  };

  private markStale(entry: StaleCache): void {
    if (this.stale.length === 0) process.once('exit', () => this.writeStaleCaches());
    this.stale.push(entry);
  }

  /**
   * Writes the code caches that were missing or rejected. Made at exit, so they hold the
   * functions this run compiled as well as the top level. Each is written to a temporary file
   * and renamed, so a concurrent run reads a whole cache or none.
   */
  private writeStaleCaches(): void {
    for (const { script, cacheFile } of this.stale) {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(temporary, script.createCachedData());
        fs.renameSync(temporary, cacheFile);
      } catch {
        // A folder we may not write to: the next run compiles from source again.
        fs.rmSync(temporary, { force: true });
      }
    }
  }
}

/** The bundle names of the bundled CLI in `dir` ({@link BUNDLE_NAMES_FILE}). */
export function readBundleNames(dir: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(dir, BUNDLE_NAMES_FILE), 'utf8')) as Record<string, string>;
}
