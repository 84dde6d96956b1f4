#!/usr/bin/env node
/*
 * meshfleet from this checkout, the fast way (`npm run meshfleet -- <command> [args]`, and the
 * `synth` and `validate` scripts):
 *
 *   node scripts/run-meshfleet.js synth examples/istio-primary-remote.yaml --out dist-pr
 *
 * Builds first only when an input changed since the last build (scripts/build-if-stale.js, which
 * compares times and hashes only when they moved), then runs the package's bin in this same
 * process: one Node start, no npm exec. `npx meshfleet` inside this checkout works too but is npm
 * executing the package it stands in, which installs it into npx's cache and reads both package
 * trees first (about a second, see README "Commands").
 */
'use strict';

const path = require('path');
const { BIN, buildIfStale, ROOT } = require('./build-if-stale');

/** The npm scripts that run this file (package.json); under them, npm has moved to the project folder. */
const LAUNCHER_SCRIPTS = ['meshfleet', 'synth', 'validate'];

buildIfStale();
// npm runs scripts in the project folder; a command typed elsewhere (`npm run meshfleet -- synth
// my.yaml` in a subfolder) names its files from where it was typed, as with npx: npm's INIT_CWD.
if (LAUNCHER_SCRIPTS.includes(process.env.npm_lifecycle_event) && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
// The bin reads its arguments from process.argv.slice(2), which holds this script's arguments.
require(path.join(ROOT, BIN));
