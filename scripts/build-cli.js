#!/usr/bin/env node
/*
 * Bundles the meshfleet CLI with esbuild into lib/cli/ (the package's bin is lib/cli/meshfleet.js):
 *
 *   node scripts/build-cli.js            (run by `npm run build` and `prepare`, after tsc)
 *
 * Node 20 keeps no compiled code between runs, and synth runs about 4 MB of JavaScript, so the
 * CLI is a few CommonJS bundles that src/cli/bundle-loader.ts compiles with V8's code cache:
 *
 *   meshfleet.js               the bin: reads bundles.json and runs the `cli` bundle
 *   cli-<hash>.js              meshfleet's own code (src/, imports/) with yaml and ajv's helpers
 *   vendor-synth-<hash>.js     cdktf, @cdktf/provider-google, cdk8s, cdk8s-plus-27, constructs
 *   vendor-x509-<hash>.js      @peculiar/x509 and what it needs (only `ca` loads it)
 *   bundles.json               bundle name -> file name
 *   <bundle file>.v8cache      V8 code caches, written by a training synth at the end of the build
 *
 * Every import of a vendor package in meshfleet's code becomes a call into its vendor bundle
 * (`__meshfleetLoadBundle('vendor-synth')('cdktf')`), made when the importing module first
 * runs: commands that synthesize nothing (--help, validate --skip-analysis, canary, shift,
 * schema) never read the vendor bundles (test/cli/bundle.test.ts checks it), and each package
 * exists once in the process. @viz-js/viz (1.5 MB, nearly all an embedded WebAssembly binary)
 * is loaded by Node from node_modules, only to draw the diagram.
 *
 * Plain CommonJS; needs the devDependency esbuild.
 */
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
/** The bin of the package (package.json `bin`); the bundles are written beside it. */
const BIN = path.join(ROOT, require('./build-if-stale').BIN);
const OUT_DIR = path.dirname(BIN);
/** The names the loader reads, from its compiled module (tsc runs before this script). */
const { BUNDLE_NAMES_FILE, CODE_CACHE_EXTENSION, wrapBundle } = require('../lib/src/cli/bundle-loader');
/** The synth the build runs once so that V8 code caches exist before the first real run. */
const TRAINING_EXAMPLE = path.join(ROOT, 'examples', 'private-asm-multicluster.yaml');

/** The vendor bundles and the packages each holds (with everything those packages require). */
const VENDOR_BUNDLES = {
  'vendor-synth': ['cdktf', '@cdktf/provider-google', 'cdk8s', 'cdk8s-plus-27', 'constructs'],
  'vendor-x509': ['@peculiar/x509'],
};
/** Loaded by Node itself when a diagram is drawn (src/diagram/render-svg.ts). */
const EXTERNAL = ['@viz-js/viz'];

/** The vendor bundle holding the package of `specifier` (`cdktf`, `@cdktf/provider-google/lib/x`), if any. */
function vendorBundleOf(specifier) {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return Object.keys(VENDOR_BUNDLES).find((bundle) => VENDOR_BUNDLES[bundle].includes(name));
}

/**
 * Turns every import of a vendor package in meshfleet's code into a module that takes it from
 * its vendor bundle, and records the specifiers each vendor bundle must export.
 */
function vendorRedirect(specifiers) {
  return {
    name: 'vendor-redirect',
    setup(build) {
      build.onResolve({ filter: /^[@a-z]/ }, (args) => {
        const bundle = vendorBundleOf(args.path);
        if (bundle === undefined) return undefined;
        specifiers[bundle].add(args.path);
        return { path: args.path, namespace: 'vendor', pluginData: bundle };
      });
      build.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({
        contents: `module.exports = __meshfleetLoadBundle(${JSON.stringify(args.pluginData)})(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}

/** The entry of a vendor bundle: a function from specifier to that module's exports, loaded on first use. */
function vendorEntry(specifiers) {
  const lines = [...specifiers].sort().map((s) => `  ${JSON.stringify(s)}: () => require(${JSON.stringify(s)}),`);
  return [
    "'use strict';",
    'const modules = {',
    ...lines,
    '};',
    'module.exports = (specifier) => {',
    '  if (!Object.prototype.hasOwnProperty.call(modules, specifier)) throw new Error(`this vendor bundle has no ${specifier}: run npm run build`);',
    '  return modules[specifier]();',
    '};',
  ].join('\n');
}

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
    // The path is relative to the project, so that the bundle is the same in every checkout.
    build.onResolve({ filter: /^archiver$/ }, (args) =>
      args.namespace === 'file' && CDKTF_FS.test(args.importer) ? { path: path.relative(ROOT, args.importer).split(path.sep).join('/'), namespace: 'lazy-archiver' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-archiver' }, (args) => ({
      contents: '"use strict"; module.exports = function archiver(...args) { return require("archiver")(...args); };',
      loader: 'js',
      resolveDir: path.dirname(path.join(ROOT, args.path)),
    }));
  },
};

/** esbuild options shared by every bundle: one CommonJS file for Node 20, not written by esbuild. */
const COMMON_OPTIONS = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Smaller files read and parse faster; identifiers keep their names so that stack traces
  // (MESHFLEET_DEBUG=1) stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  metafile: true,
  write: false,
  logLevel: 'warning',
};

/** Bundles with esbuild; returns the code and the metafile. */
async function bundle(esbuild, options) {
  const result = await esbuild.build({ ...COMMON_OPTIONS, outfile: path.join(OUT_DIR, 'bundle.js'), ...options });
  const [output] = result.outputFiles;
  return { code: output.text, metafile: result.metafile };
}

/** Writes `code`, wrapped for the loader, as `<name>-<hash>.js` in OUT_DIR and returns that file name. */
function writeHashed(name, code) {
  const text = wrapBundle(code);
  const file = `${name}-${crypto.createHash('sha256').update(text).digest('hex').slice(0, 12)}.js`;
  fs.writeFileSync(path.join(OUT_DIR, file), text);
  return file;
}

/** Problems with the bundles' contents, one line each: a vendor package inside the cli bundle. */
function checkCliBundle(metafile) {
  return Object.keys(metafile.inputs)
    .filter((input) => /(^|\/)node_modules\//.test(input))
    .filter((input) => vendorBundleOf(input.replace(/^.*node_modules\//, '')) !== undefined)
    .map((input) => `the cli bundle holds ${input}: import it through its vendor bundle`);
}

/** Checks that the cdktf plugins still apply to the cdktf being bundled. */
function checkCdktfPlugins(metafile) {
  if (!Object.keys(metafile.inputs).some((input) => CDKTF_STACK_TRACE.test(`/${input}`))) {
    throw new Error("cdktf's token stack-trace helper is no longer bundled: update the plugin noTokenStackTraces");
  }
  const lazy = Object.entries(metafile.inputs).find(([input]) => input.startsWith('lazy-archiver:'));
  if (!lazy) throw new Error('cdktf no longer requires archiver from lib/private/fs.js: update the plugin lazyArchiver');
  if (!lazy[1].imports.some((imported) => /node_modules[\\/]archiver[\\/]/.test(imported.path))) {
    throw new Error('the lazy archiver of the plugin lazyArchiver does not load the archiver package');
  }
}

/**
 * Runs one synth with the fresh bundles, so that the loader writes the code caches of the synth
 * path (everything the synth compiled) before the first real run.
 */
function trainCodeCaches(files) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-build-'));
  try {
    const run = childProcess.spawnSync(process.execPath, [BIN, 'synth', '--topology', TRAINING_EXAMPLE, '--out', path.join(work, 'dist')], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, MESHFLEET_DEBUG: '1' },
    });
    if (run.status !== 0) throw new Error(`the bundled synth failed (status ${run.status}):\n${run.stderr}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  for (const name of ['cli', 'vendor-synth']) {
    if (!fs.existsSync(path.join(OUT_DIR, files[name] + CODE_CACHE_EXTENSION))) throw new Error(`the training synth wrote no code cache for ${files[name]}`);
  }
}

/** Builds the bundles into lib/cli/ (replacing it), checks them and writes their code caches. Returns the file names. */
async function buildCli() {
  const esbuild = require('esbuild');
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });

  const specifiers = Object.fromEntries(Object.keys(VENDOR_BUNDLES).map((name) => [name, new Set()]));
  const cli = await bundle(esbuild, { entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')], plugins: [vendorRedirect(specifiers)], external: EXTERNAL });
  const problems = checkCliBundle(cli.metafile);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  // The loader compiles a bundle as a function body, where main.ts's `#!` line would not parse.
  const files = { cli: writeHashed('cli', cli.code.replace(/^#!.*\n/, '')) };

  for (const name of Object.keys(VENDOR_BUNDLES)) {
    const vendor = await bundle(esbuild, {
      stdin: { contents: vendorEntry(specifiers[name]), resolveDir: ROOT, sourcefile: `${name}.js`, loader: 'js' },
      plugins: [noTokenStackTraces, lazyArchiver],
    });
    if (name === 'vendor-synth') checkCdktfPlugins(vendor.metafile);
    files[name] = writeHashed(name, vendor.code);
  }
  fs.writeFileSync(path.join(OUT_DIR, BUNDLE_NAMES_FILE), `${JSON.stringify(files, null, 2)}\n`);

  const bin = await bundle(esbuild, { entryPoints: [path.join(ROOT, 'src', 'cli', 'bundled-bin.ts')] });
  fs.writeFileSync(BIN, bin.code, { mode: 0o755 });
  trainCodeCaches(files);
  return files;
}

module.exports = { BIN, buildCli, checkCliBundle };

if (require.main === module) {
  buildCli().then(
    (files) => {
      const sizes = Object.values(files).map((file) => `${file} ${(fs.statSync(path.join(OUT_DIR, file)).size / 1e6).toFixed(1)} MB`);
      process.stdout.write(`built ${path.relative(ROOT, BIN)} (${sizes.join(', ')})\n`);
      require('./build-if-stale').writeStamp();
    },
    (error) => {
      process.stderr.write(`build-cli: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
