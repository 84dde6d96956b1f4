#!/usr/bin/env node
/*
 * Bundles the meshfleet CLI with esbuild into lib/cli/ (the package's bin, lib/cli/meshfleet.mjs):
 *
 *   node scripts/build-cli.js            (run by `npm run build` and `prepare`, after tsc)
 *
 * One ES module per command, split at the `import()` of each command in src/cli/commands.ts:
 * `--help`, `validate --skip-analysis`, `canary`, `shift` and `schema` load the topology code
 * only; `synth`, `diff` and the analysis of `validate` load cdktf and cdk8s; `ca` loads
 * @peculiar/x509. Shared code goes into chunks/. One bundled file per
 * command instead of ~750 CommonJS modules saves Node the module resolution and file reads.
 *
 * Dependencies are CommonJS, so every output file starts with a banner that gives bundled
 * code the CommonJS globals it uses: `require` (for Node built-ins), `__filename`,
 * `__dirname` (the package root is found from it) and `module` (src/cli/main.ts checks
 * `require.main === module`, false here: src/cli/bin.ts is the entry).
 *
 * After bundling it checks the output: the files that `--help` and the light commands load
 * statically must not contain cdktf, cdk8s or @peculiar/x509 (build fails otherwise).
 *
 * Plain CommonJS; needs the devDependency esbuild.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ENTRY = path.join(ROOT, 'src', 'cli', 'bin.ts');
const OUT_DIR = path.join(ROOT, 'lib', 'cli');
/** The bin of the package (package.json `bin`). */
const BIN = path.join(OUT_DIR, 'meshfleet.mjs');

/** Packages only `synth` (and `ca`) may load. */
const HEAVY_PACKAGES = ['cdktf', 'cdk8s', 'cdk8s-plus-27', '@cdktf/provider-google', '@peculiar/x509'];
/**
 * Commands whose code must stay free of {@link HEAVY_PACKAGES} until it imports more with
 * `import()`, by their module in src/cli/ (`validate` loads the synthesis for its analysis that
 * way, so `validate --skip-analysis` stays light).
 */
const LIGHT_COMMANDS = ['validate-command.ts', 'canary-command.ts', 'shift-command.ts', 'schema-command.ts'];

/**
 * cdktf records a full stack trace (every frame, formatted) for each token it creates, only to
 * quote it in an error message when the token cannot be resolved; for the default example that
 * is ~10% of the synth time. The bundle replaces cdktf's helper with one that records none:
 * the output is the same, such an error message just lacks the creation stack.
 */
const CDKTF_STACK_TRACE = /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/;
const noTokenStackTraces = {
  name: 'no-cdktf-token-stack-traces',
  setup(build) {
    build.onLoad({ filter: CDKTF_STACK_TRACE }, () => ({
      contents: '"use strict"; exports.captureStackTrace = function captureStackTrace() { return []; };',
      loader: 'js',
    }));
  },
};

/**
 * cdktf loads archiver (and its ~500 modules: streams, glob, async...) when it loads, but uses
 * it only to zip the folder of a TerraformAsset, which meshfleet has none of; loading it was
 * about half of cdktf's load time. The bundle hands cdktf a function that loads archiver on its
 * first call instead: the same behaviour, paid for only when used.
 */
const CDKTF_FS = /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]private[\\/]fs\.js$/;
const lazyArchiver = {
  name: 'lazy-archiver-for-cdktf',
  setup(build) {
    build.onResolve({ filter: /^archiver$/ }, (args) =>
      args.namespace === 'file' && CDKTF_FS.test(args.importer) ? { path: args.importer, namespace: 'lazy-archiver' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-archiver' }, (args) => ({
      contents: '"use strict"; module.exports = function archiver(...args) { return require("archiver")(...args); };',
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

const BANNER = [
  "import { createRequire as __meshfleetCreateRequire } from 'node:module';",
  "import { fileURLToPath as __meshfleetFileURLToPath } from 'node:url';",
  "import { dirname as __meshfleetDirname } from 'node:path';",
  'const require = __meshfleetCreateRequire(import.meta.url);',
  'const __filename = __meshfleetFileURLToPath(import.meta.url);',
  'const __dirname = __meshfleetDirname(__filename);',
  'const module = {};',
].join(' ');

/** esbuild options of the CLI bundle. */
function buildOptions() {
  return {
    entryPoints: { meshfleet: ENTRY },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Smaller files parse faster; identifiers keep their names so that stack traces
    // (MESHFLEET_DEBUG=1) stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    banner: { js: BANNER },
    plugins: [noTokenStackTraces, lazyArchiver],
    metafile: true,
    logLevel: 'warning',
  };
}

/** Output files (relative to ROOT) that loading `output` loads before any `import()`. */
function staticClosure(metafile, output) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file].imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(output);
  return [...seen];
}

/** The output file whose entry point (for a dynamic import) is `source` (relative to ROOT). */
function outputOf(metafile, source) {
  const found = Object.keys(metafile.outputs).find((file) => metafile.outputs[file].entryPoint === source);
  if (!found) throw new Error(`the bundle has no output for ${source}`);
  return found;
}

/**
 * Problems with the bundle: heavy packages loaded by `--help` or a light command. Returns one
 * line per problem; empty when the bundle is right.
 */
function checkLazyLoading(metafile) {
  const relative = (file) => path.relative(ROOT, file).split(path.sep).join('/');
  const bin = relative(BIN);
  const starts = [
    ['--help', bin],
    ...LIGHT_COMMANDS.map((name) => [name.replace('-command.ts', ''), outputOf(metafile, `src/cli/${name}`)]),
  ];
  const problems = [];
  for (const [command, output] of starts) {
    const files = new Set([...staticClosure(metafile, output), ...staticClosure(metafile, bin)]);
    for (const file of files) {
      for (const input of Object.keys(metafile.outputs[file].inputs)) {
        const heavy = HEAVY_PACKAGES.find((name) => input.includes(`node_modules/${name}/`));
        if (heavy) problems.push(`${command} loads ${heavy} (${input} in ${file})`);
      }
    }
  }
  return [...new Set(problems)];
}

/** Builds the bundle into lib/cli/ (replacing it) and checks it. Returns esbuild's metafile. */
async function buildCli() {
  const esbuild = require('esbuild');
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  const result = await esbuild.build(buildOptions());
  if (!Object.keys(result.metafile.inputs).some((input) => CDKTF_STACK_TRACE.test(`/${input}`))) {
    throw new Error("cdktf's token stack-trace helper is no longer bundled: update the plugin noTokenStackTraces");
  }
  const lazy = Object.entries(result.metafile.inputs).find(([input]) => input.startsWith('lazy-archiver:'));
  if (!lazy) throw new Error('cdktf no longer requires archiver from lib/private/fs.js: update the plugin lazyArchiver');
  if (!lazy[1].imports.some((imported) => /node_modules[\\/]archiver[\\/]/.test(imported.path))) {
    throw new Error('the lazy archiver of the plugin lazyArchiver does not load the archiver package');
  }
  const problems = checkLazyLoading(result.metafile);
  if (problems.length > 0) throw new Error(`the bundle loads heavy packages where it must not:\n  ${problems.join('\n  ')}`);
  fs.chmodSync(BIN, 0o755);
  return result.metafile;
}

module.exports = { BIN, buildCli, checkLazyLoading };

if (require.main === module) {
  buildCli().then(
    (metafile) => {
      const outputs = Object.entries(metafile.outputs);
      const size = outputs.reduce((sum, [, out]) => sum + out.bytes, 0);
      process.stdout.write(`built ${path.relative(ROOT, BIN)} (${outputs.length} files, ${(size / 1e6).toFixed(1)} MB)\n`);
    },
    (error) => {
      process.stderr.write(`build-cli: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
