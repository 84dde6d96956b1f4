#!/usr/bin/env node
/*
 * End-to-end timing of the compiled CLI (run `npm run bench`, which builds lib/ first):
 *
 *   node scripts/bench.js [--runs N]      (default 5 runs per example)
 *
 * For every examples/*.yaml it runs `node lib/src/cli/main.js synth --topology <f> --out <tmp>`
 * N times as a fresh process and reports min / median / max wall time and the peak RSS of the
 * child. Peak RSS comes from GNU `/usr/bin/time -f %M` when that works here; otherwise the child
 * runs with a small `--require` preload that reports `process.resourceUsage().maxRSS` on exit.
 *
 * Prints PASS/FAIL of the default example's median against the target (1.5 s) but exits 0
 * either way: a benchmark is not a test. It exits 1 only when a synth itself fails.
 * Writes nothing into the repository: outputs go to a temp folder that is removed at the end.
 *
 * Plain CommonJS, Node >= 20 built-ins only.
 */
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseArgs } = require('util');

const ROOT = path.resolve(__dirname, '..');
const MAIN_JS = path.join(ROOT, 'lib', 'src', 'cli', 'main.js');
const EXAMPLES = path.join(ROOT, 'examples');
const DEFAULT_EXAMPLE = 'private-asm-multicluster.yaml';
const TARGET_MS = 1500;
const GNU_TIME = '/usr/bin/time';

function usage(message) {
  process.stderr.write(`bench: ${message}\nUsage: node scripts/bench.js [--runs N]\n`);
  process.exit(2);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({ options: { runs: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    usage(error.message.split('\n')[0]);
  }
  if (values.help) {
    process.stdout.write('Usage: node scripts/bench.js [--runs N]\n');
    process.exit(0);
  }
  const runs = values.runs === undefined ? 5 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) usage(`--runs needs a positive integer (found ${JSON.stringify(values.runs)})`);
  return { runs };
}

/** Whether GNU time with `-f %M` works on this machine. */
function gnuTimeWorks() {
  if (!fs.existsSync(GNU_TIME)) return false;
  const probe = childProcess.spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/.test(probe.stderr.trim().split('\n').pop() || '');
}

/** Builds the spawner for one synth: returns { ms, rssKb, status, stderr }. */
function makeRunner(work) {
  if (gnuTimeWorks()) {
    return {
      method: `${GNU_TIME} -f %M`,
      run(args) {
        const start = process.hrtime.bigint();
        const child = childProcess.spawnSync(GNU_TIME, ['-f', '%M', process.execPath, MAIN_JS, ...args], { cwd: work, encoding: 'utf8' });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        const lines = child.stderr.trimEnd().split('\n');
        const rssKb = Number(lines.pop());
        return { ms, rssKb, status: child.status, stderr: lines.join('\n') };
      },
    };
  }
  const rssFile = path.join(work, 'rss.txt');
  const preload = path.join(work, 'rss-preload.js');
  fs.writeFileSync(
    preload,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  return {
    method: 'process.resourceUsage().maxRSS in the child (--require preload)',
    run(args) {
      fs.rmSync(rssFile, { force: true });
      const start = process.hrtime.bigint();
      const child = childProcess.spawnSync(process.execPath, ['--require', preload, MAIN_JS, ...args], { cwd: work, encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const rssKb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) : NaN;
      return { ms, rssKb, status: child.status, stderr: child.stderr };
    },
  };
}

function median(sorted) {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}

function main() {
  const { runs } = options();
  if (!fs.existsSync(MAIN_JS)) {
    process.stderr.write(`bench: ${path.relative(ROOT, MAIN_JS)} is missing; run \`npm run bench\` (it builds first)\n`);
    process.exit(1);
  }
  const examples = fs.readdirSync(EXAMPLES).filter((name) => name.endsWith('.yaml')).sort();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-bench-'));
  let failed = false;
  const rows = [['example', 'runs', 'min ms', 'median ms', 'max ms', 'peak RSS MB']];
  let defaultMedian;
  try {
    const runner = makeRunner(work);
    process.stdout.write(`node ${process.version}, ${os.cpus().length} CPUs, ${runs} runs per example, peak RSS via ${runner.method}\n\n`);
    for (const name of examples) {
      const times = [];
      let peakKb = 0;
      for (let i = 0; i < runs; i++) {
        const result = runner.run(['synth', '--topology', path.join(EXAMPLES, name), '--out', path.join(work, 'out')]);
        if (result.status !== 0) {
          process.stderr.write(`bench: synth of ${name} failed (exit ${result.status}):\n${result.stderr}\n`);
          failed = true;
          break;
        }
        times.push(result.ms);
        peakKb = Math.max(peakKb, result.rssKb);
      }
      if (times.length === 0) continue;
      times.sort((a, b) => a - b);
      if (name === DEFAULT_EXAMPLE) defaultMedian = median(times);
      rows.push([name, String(times.length), times[0].toFixed(0), median(times).toFixed(0), times[times.length - 1].toFixed(0), (peakKb / 1024).toFixed(1)]);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`${table(rows)}\n\n`);
  if (defaultMedian === undefined) {
    process.stdout.write(`target: no timing for ${DEFAULT_EXAMPLE}\n`);
  } else {
    const verdict = defaultMedian <= TARGET_MS ? 'PASS' : 'FAIL';
    process.stdout.write(`${verdict}: ${DEFAULT_EXAMPLE} median ${defaultMedian.toFixed(0)} ms (target ${TARGET_MS} ms end to end)\n`);
  }
  process.exitCode = failed ? 1 : 0;
}

main();
