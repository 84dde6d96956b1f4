import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { badTopologyText, DEFAULT_EXAMPLE, EXAMPLES_DIR, REPO_ROOT, run, snapshot, TempDirs, writeFile } from './helpers';

jest.setTimeout(120_000);

// The bundler is a plain CommonJS build script.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const buildScript = require('../../scripts/build-cli.js') as {
  BIN: string;
  buildCli(): Promise<unknown>;
  checkLazyLoading(metafile: unknown): string[];
};

const temp = new TempDirs();
afterAll(() => temp.cleanup());
// The package's bin, built fresh (as `npm run build` and `prepare` do), so that this test never runs a stale bundle.
beforeAll(() => buildScript.buildCli());

function meshfleet(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [buildScript.BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, MESHFLEET_DEBUG: '' } });
}

test('package.json makes the bundle the bin of the package', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  expect(path.join(REPO_ROOT, manifest.bin.meshfleet)).toBe(buildScript.BIN);
  expect(manifest.scripts.prepare).toBe('npm run build');
  expect(manifest.scripts.build).toContain('node scripts/build-cli.js');
});

test('the bundled synth writes exactly what the TypeScript sources write', async () => {
  const cwd = temp.make();
  // Absolute paths on both sides: the runbook names relative ones only, which differ here.
  const bundled = meshfleet(cwd, 'synth', '--topology', DEFAULT_EXAMPLE, '--out', path.join(cwd, 'dist'));
  expect(bundled.stderr).toBe('');
  expect(bundled.status).toBe(0);
  expect(bundled.stdout).toMatch(/^synthesized .*private-asm-multicluster\.yaml into .*dist\/ \(\d+ files\)/);

  const reference = path.join(temp.make(), 'dist');
  expect((await run('synth', '--topology', DEFAULT_EXAMPLE, '--out', reference)).status).toBe(0);
  expect(snapshot(path.join(cwd, 'dist'))).toEqual(snapshot(reference));
});

test('the bundled validate, canary, shift and help work with exit statuses 0, 1 and 2', () => {
  const cwd = temp.make();
  const ok = meshfleet(cwd, 'validate');
  expect(ok).toMatchObject({ status: 0, stderr: '' });
  expect(ok.stdout).toMatch(/^ok: .*private-asm-multicluster\.yaml: 3 clusters \(2 workload, 1 config\)/);

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

test('the lazy-loading check names a light command that would load a heavy package', () => {
  // A minimal esbuild metafile: validate statically imports a chunk that holds cdktf.
  const bin = path.relative(REPO_ROOT, buildScript.BIN);
  const out = (imports: object[], inputs: string[], entryPoint?: string) => ({ imports, inputs: Object.fromEntries(inputs.map((i) => [i, {}])), entryPoint });
  const dynamic = (p: string) => ({ path: p, kind: 'dynamic-import' });
  const metafile = {
    outputs: {
      [bin]: out(['validate', 'canary', 'shift', 'schema'].map((name) => dynamic(`lib/cli/chunks/${name}.mjs`)), ['src/cli/main.ts']),
      'lib/cli/chunks/validate.mjs': out([{ path: 'lib/cli/chunks/heavy.mjs', kind: 'import-statement' }], [], 'src/cli/validate-command.ts'),
      'lib/cli/chunks/canary.mjs': out([], [], 'src/cli/canary-command.ts'),
      'lib/cli/chunks/shift.mjs': out([], [], 'src/cli/shift-command.ts'),
      'lib/cli/chunks/schema.mjs': out([], [], 'src/cli/schema-command.ts'),
      'lib/cli/chunks/heavy.mjs': out([], ['node_modules/cdktf/lib/index.js']),
    },
  };
  expect(buildScript.checkLazyLoading(metafile)).toEqual(['validate loads cdktf (node_modules/cdktf/lib/index.js in lib/cli/chunks/heavy.mjs)']);
});
