#!/usr/bin/env node
/**
 * Entry point of the bundled CLI (`lib/meshfleet.mjs`, built by scripts/build-cli.js): runs
 * `meshfleet` with this process's arguments.
 */
import { runAsProgram } from './main';

runAsProgram();
