import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { wrapBundle } from '../../src/cli/bundle-loader';
import { badTopologyText, DEFAULT_EXAMPLE, EXAMPLES_DIR, REPO_ROOT, run, snapshot, TempDirs, writeFile } from './helpers';

/** The demo, named explicitly: without a topology the CLI announces the demo on stderr, which these runs check is empty. */
const DEMO = path.join(__dirname, '..', '..', 'examples', 'private-asm-multicluster.yaml');

jest.setTimeout(120_000);

// The bundler is a plain CommonJS build script.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const buildScript = require('../../scripts/build-cli.js') as {
  BIN: string;
  buildCli(): Promise<Record<string, string>>;
  checkCliBundle(metafile: unknown): string[];
};
const CLI_DIR = path.dirname(buildScript.BIN);

const temp = new TempDirs();
afterAll(() => temp.cleanup());
// The package's bin, built fresh (as `npm run build` and `prepare` do), so that this test never runs a stale bundle.
let bundles: Record<string, string>;
beforeAll(async () => {
  bundles = await buildScript.buildCli();
});

function meshfleet(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [buildScript.BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, MESHFLEET_DEBUG: '', MESHFLEET_TOPOLOGY: DEMO },
  });
}

/**
 * Runs the bin with a preload that records which files of lib/cli/ the process reads; returns
 * the bundle names read (`cli`, `vendor-synth`, ...) in order, and the run.
 */
function bundlesRead(cwd: string, ...args: string[]) {
  const log = path.join(cwd, `read-${Math.random().toString(36).slice(2)}.json`);
  const preload = writeFile(
    cwd,
    'record-reads.js',
    [
      "const fs = require('fs');",
      'const seen = [];',
      'for (const name of ["readFileSync", "openSync"]) {',
      '  const original = fs[name];',
      '  fs[name] = function (file, ...rest) { seen.push(String(file)); return original.call(this, file, ...rest); };',
      '}',
      "process.on('exit', () => fs.writeFileSync(process.env.READ_LOG, JSON.stringify(seen)));",
    ].join('\n'),
  );
  const result = spawnSync(process.execPath, ['--require', preload, buildScript.BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, MESHFLEET_DEBUG: '', MESHFLEET_TOPOLOGY: DEMO, READ_LOG: log },
  });
  const byFile = new Map(Object.entries(bundles).map(([name, file]) => [path.join(CLI_DIR, file), name]));
  const read = (JSON.parse(fs.readFileSync(log, 'utf8')) as string[]).flatMap((file) => byFile.get(file) ?? []);
  return { result, read };
}

test('the build writes the bin, the bundles it names and code caches for the synth path', () => {
  expect(Object.keys(bundles).sort()).toEqual(['cli', 'vendor-synth', 'vendor-x509']);
  expect(JSON.parse(fs.readFileSync(path.join(CLI_DIR, 'bundles.json'), 'utf8'))).toEqual(bundles);
  for (const [name, file] of Object.entries(bundles)) expect(file).toMatch(new RegExp(`^${name}-[0-9a-f]{12}\\.js$`));
  // Each bundle file is the loader's function expression, compiled as read (no copy to wrap it).
  const [head, tail] = wrapBundle('\0').split('\0');
  for (const file of Object.values(bundles)) {
    const text = fs.readFileSync(path.join(CLI_DIR, file), 'latin1');
    expect({ file, head: text.startsWith(head), tail: text.endsWith(tail) }).toEqual({ file, head: true, tail: true });
  }
  expect(fs.readFileSync(buildScript.BIN, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  expect(fs.statSync(buildScript.BIN).mode & 0o111).not.toBe(0);
  // The training synth of the build compiled the synth path; ca has not run yet.
  expect(fs.existsSync(path.join(CLI_DIR, `${bundles.cli}.v8cache`))).toBe(true);
  expect(fs.existsSync(path.join(CLI_DIR, `${bundles['vendor-synth']}.v8cache`))).toBe(true);
  expect(fs.existsSync(path.join(CLI_DIR, `${bundles['vendor-x509']}.v8cache`))).toBe(false);
});

test('the bundles hold no path of this checkout, so every checkout builds the same files', () => {
  for (const file of [...Object.values(bundles), 'meshfleet.js']) {
    expect({ file, holdsCheckoutPath: fs.readFileSync(path.join(CLI_DIR, file), 'utf8').includes(REPO_ROOT) }).toEqual({ file, holdsCheckoutPath: false });
  }
});

test('commands read only the bundles they need: nothing but meshfleet itself unless they synthesize or sign', () => {
  const cwd = temp.make();
  fs.copyFileSync(path.join(EXAMPLES_DIR, 'canary-productcatalog.yaml'), path.join(cwd, 'canary.yaml'));
  const light = [
    ['--help'],
    ['help', 'synth'],
    ['validate', '--topology', DEFAULT_EXAMPLE, '--skip-analysis'],
    ['canary', '-t', 'canary.yaml', '-s', 'productcatalogservice', '-w', '30'],
    ['shift', '-t', 'canary.yaml', '-s', 'productcatalogservice', '--to', 'v1=100'],
    ['schema'],
  ];
  for (const args of light) {
    const { result, read } = bundlesRead(cwd, ...args);
    expect({ args, status: result.status, read }).toEqual({ args, status: 0, read: ['cli'] });
  }
  const synth = bundlesRead(cwd, 'synth', '--topology', DEFAULT_EXAMPLE, '--out', 'dist');
  expect({ status: synth.result.status, read: synth.read }).toEqual({ status: 0, read: ['cli', 'vendor-synth'] });
  const validate = bundlesRead(cwd, 'validate', '--topology', DEFAULT_EXAMPLE);
  expect({ status: validate.result.status, read: validate.read }).toEqual({ status: 0, read: ['cli', 'vendor-synth'] });
});

test('a code cache V8 rejects is rebuilt by the next run, which still writes the same output', () => {
  const [cwd, referenceCwd] = [temp.make(), temp.make()];
  const cache = path.join(CLI_DIR, `${bundles['vendor-synth']}.v8cache`);
  expect(meshfleet(referenceCwd, 'synth', '--topology', DEFAULT_EXAMPLE, '--out', 'dist').status).toBe(0);
  fs.writeFileSync(cache, 'not a code cache');
  const rebuilt = meshfleet(cwd, 'synth', '--topology', DEFAULT_EXAMPLE, '--out', 'dist');
  expect(rebuilt).toMatchObject({ status: 0, stderr: '' });
  expect(snapshot(path.join(cwd, 'dist'))).toEqual(snapshot(path.join(referenceCwd, 'dist')));
  expect(fs.statSync(cache).size).toBeGreaterThan(100_000);
  expect(fs.readdirSync(CLI_DIR).filter((file) => file.endsWith('.tmp'))).toEqual([]);
});

test('package.json makes the bundle the bin of the package', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  expect(path.join(REPO_ROOT, manifest.bin.meshfleet)).toBe(buildScript.BIN);
  // prepare builds when an input changed since the last build (scripts/build-if-stale.js runs `npm run build`).
  expect(manifest.scripts.prepare).toBe('node scripts/build-if-stale.js');
  expect(manifest.scripts.build).toContain('node scripts/build-cli.js');
});

test('the bundled synth writes exactly what the TypeScript sources write', async () => {
  const cwd = temp.make();
  // Absolute paths outside the working folder on both sides: the runbook names paths relative to
  // the working folder only, so both runs work in a temporary folder.
  const bundled = meshfleet(cwd, 'synth', '--topology', DEFAULT_EXAMPLE, '--out', path.join(cwd, 'dist'));
  expect(bundled.stderr).toBe('');
  expect(bundled.status).toBe(0);
  expect(bundled.stdout).toMatch(/^synthesized .*private-asm-multicluster\.yaml into .*dist\/ \(\d+ files\)/);

  const reference = path.join(temp.make(), 'dist');
  const start = process.cwd();
  process.chdir(path.dirname(reference));
  try {
    expect((await run('synth', '--topology', DEFAULT_EXAMPLE, '--out', reference)).status).toBe(0);
  } finally {
    process.chdir(start);
  }
  expect(snapshot(path.join(cwd, 'dist'))).toEqual(snapshot(reference));
});

test('the bundled validate, canary, shift and help work with exit statuses 0, 1 and 2', () => {
  const cwd = temp.make();
  const ok = meshfleet(cwd, 'validate');
  expect(ok).toMatchObject({ status: 0, stderr: '' });
  expect(ok.stdout).toMatch(/^ok: .*private-asm-multicluster\.yaml: 3 clusters \(2 workload, 1 config\)/m);

  writeFile(cwd, 'bad.yaml', badTopologyText());
  const bad = meshfleet(cwd, 'validate', '--topology', 'bad.yaml');
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/^bad\.yaml: \d+ problems\nclusters\[0\]\.zone: /);

  const usage = meshfleet(cwd, 'validate', '--frobnicate');
  expect(usage.status).toBe(2);
  expect(usage.stderr).toMatch(/^meshfleet: /);

  const help = meshfleet(cwd, '--help');
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^Usage: meshfleet <command> \[options\]/);

  fs.copyFileSync(path.join(EXAMPLES_DIR, 'canary-productcatalog.yaml'), path.join(cwd, 'canary.yaml'));
  const canary = meshfleet(cwd, 'canary', '-t', 'canary.yaml', '-s', 'productcatalogservice', '-w', '30');
  expect(canary).toMatchObject({ status: 0, stderr: '' });
  expect(canary.stdout).toContain('→ 30% (v1 70%, v2 30%)');
  const shift = meshfleet(cwd, 'shift', '-t', 'canary.yaml', '-s', 'productcatalogservice', '--to', 'v1=100');
  expect(shift).toMatchObject({ status: 0, stderr: '' });
  expect(shift.stdout).toContain('→ v1 100%, v2 0%');
});

test('the bundled ca writes the plug-in CA files', () => {
  const cwd = temp.make();
  const ca = meshfleet(cwd, 'ca', '--topology', path.join(EXAMPLES_DIR, 'istio-primary-remote.yaml'), '--out', 'certs');
  expect(ca.stderr).toBe('');
  expect(ca.status).toBe(0);
  expect(fs.readFileSync(path.join(cwd, 'certs', 'root-cert.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  expect(fs.readdirSync(path.join(cwd, 'certs')).sort()).toEqual(['cluster1', 'cluster2', 'root-cert.pem', 'root-key.pem']);
});

test('the bundle check names a vendor package bundled into the cli bundle', () => {
  const metafile = { inputs: { 'src/cli/main.ts': {}, 'node_modules/yaml/dist/index.js': {}, 'node_modules/cdk8s/lib/index.js': {} } };
  expect(buildScript.checkCliBundle(metafile)).toEqual(['the cli bundle holds node_modules/cdk8s/lib/index.js: import it through its vendor bundle']);
});
