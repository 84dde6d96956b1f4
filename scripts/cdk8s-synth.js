#!/usr/bin/env node
/*
 * `npm run cdk8s:synth [-- <cdk8s synth options>]`: `cdk8s synth --no-check-upgrade`, for CI logs.
 *
 * The app (src/k8s/main.ts) reports its own errors in plain lines and exits 1. cdk8s-cli 2.207
 * then adds its own report, `Error: command "<app>" at <dir> returned a non-zero exit code 1`
 * with a Node.js stack trace of the CLI itself; that report (the line and the `at ...` lines
 * after it) is left out here. Everything else passes through unchanged, and the exit status is
 * cdk8s's. No upgrade check (`--no-check-upgrade`): cdk8s.yaml has no key for it.
 *
 * Plain CommonJS, Node >= 20 built-ins only.
 */
'use strict';

const childProcess = require('child_process');
const path = require('path');
const readline = require('readline');

/** The CLI's entry file (cdk8s-cli's package exports do not include its bin). */
const CDK8S = path.join(__dirname, '..', 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');

const CLI_FAILURE = /^Error: command ".*" at .* returned a non-zero exit code \d+$/;
const STACK_FRAME = /^\s+at /;

const child = childProcess.spawn(process.execPath, [CDK8S, 'synth', '--no-check-upgrade', ...process.argv.slice(2)], {
  stdio: ['inherit', 'inherit', 'pipe'],
});

let inFailureReport = false;
readline.createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => {
  if (CLI_FAILURE.test(line)) {
    inFailureReport = true;
    return;
  }
  if (inFailureReport && STACK_FRAME.test(line)) return;
  inFailureReport = false;
  process.stderr.write(`${line}\n`);
});

child.on('close', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
