#!/usr/bin/env node
/*
 * Generates crds/api-server-schemas.generated.json, the compact index of the vendored CRDs that
 * `meshfleet validate` checks objects against (src/analysis/api-server/crd-index.ts):
 *
 *   node scripts/generate-crd-index.js           writes the file when it changed
 *   node scripts/generate-crd-index.js --check   exits 1 when it is out of date
 *
 * Run it after changing a file under crds/. Plain CommonJS; needs the devDependency esbuild
 * (to read crd-index.ts) and the dependency yaml.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CRDS = path.join(ROOT, 'crds');

/** Loads a TypeScript module of the project (compiled in memory by esbuild). */
function loadTs(file) {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({ entryPoints: [file], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent', external: ['yaml'] });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require);
  return module.exports;
}

const { buildCrdIndex, renderCrdIndex, CRD_INDEX_FILE } = loadTs(path.join(ROOT, 'src', 'analysis', 'api-server', 'crd-index.ts'));
const target = path.join(CRDS, CRD_INDEX_FILE);
const text = renderCrdIndex(buildCrdIndex(CRDS));
const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
if (process.argv.includes('--check')) {
  if (current !== text) {
    process.stderr.write(`crds/${CRD_INDEX_FILE} is out of date: run node scripts/generate-crd-index.js\n`);
    process.exitCode = 1;
  }
} else if (current !== text) {
  fs.writeFileSync(target, text);
  process.stdout.write(`wrote crds/${CRD_INDEX_FILE}\n`);
}
