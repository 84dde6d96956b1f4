#!/usr/bin/env node
/*
 * Builds the project (`npm run build`: tsc to lib/, then the CLI bundles) only when an input
 * changed since the last build, so that `npm run meshfleet`, `npm run synth`, `npm test`,
 * `prepare` and npx's first call do not rebuild an up-to-date project:
 *
 *   node scripts/build-if-stale.js        (prints nothing when the build is up to date)
 *
 * The inputs are every file of INPUTS (folders walked), hashed by path and content; every
 * successful build (scripts/build-cli.js, its last step) writes their hash to the stamp
 * lib/.build-inputs.json. Content decides, not times: a checkout or a copy changes modification
 * times without changing what the build makes. Times only save the hashing: the stamp also
 * records each input's size and modification time, and when every input still has the ones
 * recorded (and is older than the stamp, so that a file saved in the same instant as the stamp
 * was written is hashed), the inputs are the ones hashed. Otherwise they are hashed again; the
 * same hash means up to date, and the stamp takes the new times.
 */
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
/** What the build reads: sources, generated CRD classes and schemas, the build script and its configuration. */
const INPUTS = ['src', 'imports', 'crds', 'scripts/build-cli.js', 'tsconfig.json', 'package.json', 'package-lock.json'];
/** The package's bin (package.json `bin`), relative to the project; the build writes it last (scripts/build-cli.js): no bin, no build. */
const BIN = path.normalize(require('../package.json').bin.meshfleet);
/** The stamp of the last build, relative to the project: `{ hash, files: { <input>: [size, mtimeMs] } }`. */
const STAMP = path.join('lib', '.build-inputs.json');

/** Files under `relative` (itself when a file) of `root`, as sorted paths relative to it. */
function filesOf(root, relative) {
  const full = path.join(root, relative);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [relative];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => filesOf(root, path.join(relative, name)));
}

/** Every input file of the project at `root`, in hashing order. */
function inputFiles(root) {
  return INPUTS.flatMap((input) => filesOf(root, input));
}

/** sha256 over the path and content of every input of the project at `root` (`files`, when already listed). */
function inputsHash(root = ROOT, files = inputFiles(root)) {
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Size and modification time of every input, by path. */
function inputTimes(root) {
  return Object.fromEntries(
    inputFiles(root).map((file) => {
      const stat = fs.statSync(path.join(root, file));
      return [file, [stat.size, stat.mtimeMs]];
    }),
  );
}

function readStamp(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, STAMP), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Records that the build in `root`/lib is the build of its current inputs. The times are taken
 * before the content is hashed: a file saved in between gets a time the next check does not
 * find, so it is hashed again then.
 */
function writeStamp(root = ROOT) {
  const files = inputTimes(root);
  writeStampFile(root, { hash: inputsHash(root, Object.keys(files)), files });
}

function writeStampFile(root, stamp) {
  const file = path.join(root, STAMP);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(stamp)}\n`);
  fs.renameSync(temporary, file);
}

/** True when every input has (`now`) the size and time the stamp recorded, each older than the stamp itself. */
function timesMatch(root, stamp, now) {
  const stampTime = fs.statSync(path.join(root, STAMP)).mtimeMs;
  const recorded = stamp.files ?? {};
  const files = Object.keys(now);
  return (
    files.length === Object.keys(recorded).length &&
    files.every((file) => {
      const [size, mtimeMs] = recorded[file] ?? [];
      return now[file][0] === size && now[file][1] === mtimeMs && mtimeMs < stampTime;
    })
  );
}

/** True when `root`/lib holds the build of the current inputs (hashing them only when their times changed). */
function isUpToDate(root = ROOT) {
  const stamp = readStamp(root);
  if (stamp === undefined || !fs.existsSync(path.join(root, BIN))) return false;
  // One walk of the inputs: their times decide, or are recorded once the content is hashed.
  const files = inputTimes(root);
  if (timesMatch(root, stamp, files)) return true;
  const hash = inputsHash(root, Object.keys(files));
  if (hash !== stamp.hash) return false;
  try {
    writeStampFile(root, { hash, files });
  } catch {
    // A project we may not write to: the next run hashes again.
  }
  return true;
}

/** Runs `npm run build` when the build is stale; exits this process with the build's status when it fails. */
function buildIfStale() {
  if (isUpToDate()) return;
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  const result = childProcess.spawnSync(npm[0], [...npm[1], 'run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (require.main === module) buildIfStale();

module.exports = { BIN, buildIfStale, inputsHash, isUpToDate, ROOT, STAMP, writeStamp };
