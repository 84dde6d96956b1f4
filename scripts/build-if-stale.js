#!/usr/bin/env node
/*
 * Builds the project (`npm run build`: tsc to lib/, then the CLI bundles) only when an input
 * changed since the last build, so that `npm run synth`, `npm run validate`, `npm test`, `prepare`
 * and npx's first call do not rebuild an up-to-date project:
 *
 *   node scripts/build-if-stale.js        (prints nothing when the build is up to date)
 *
 * The inputs are every file of INPUTS (folders walked), hashed by path and content; every
 * successful build (scripts/build-cli.js, its last step) writes their hash to
 * lib/.build-inputs.sha256. Content, not times: a checkout or a copy changes modification times
 * without changing what the build makes.
 */
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
/** What the build reads: sources, generated CRD classes and schemas, the build script and its configuration. */
const INPUTS = ['src', 'imports', 'crds', 'scripts/build-cli.js', 'tsconfig.json', 'package.json', 'package-lock.json'];
/** The bin the build writes last (scripts/build-cli.js); no bin, no build. */
const BIN = path.join(ROOT, 'lib', 'cli', 'meshfleet.js');
const STAMP = path.join(ROOT, 'lib', '.build-inputs.sha256');

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

/** sha256 over the path and content of every input of the project at `root`. */
function inputsHash(root = ROOT) {
  const hash = crypto.createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesOf(root, input))) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function main() {
  const hash = inputsHash();
  const built = fs.existsSync(BIN) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === hash;
  if (built) return;
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  const result = childProcess.spawnSync(npm[0], [...npm[1], 'run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Records that lib/ is the build of the current inputs; the build's last step (scripts/build-cli.js). */
function writeStamp() {
  fs.writeFileSync(STAMP, `${inputsHash()}\n`);
}

if (require.main === module) main();

module.exports = { inputsHash, STAMP, writeStamp };
