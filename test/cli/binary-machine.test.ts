import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES_DIR, REPO_ROOT, TempDirs } from './helpers';

/** The demo, named explicitly: without a topology the CLI announces the demo on stderr, which these runs check is empty. */
const DEMO = path.join(__dirname, '..', '..', 'examples', 'private-asm-multicluster.yaml');

jest.setTimeout(120_000);

/**
 * The compiled binary (what `npx meshfleet` runs), for the machine-readable side of the CLI:
 * exit statuses, stdout holding only the document, stderr empty when it is not a terminal.
 */
const MAIN_JS = path.join(REPO_ROOT, 'lib', 'src', 'cli', 'main.js');
const temp = new TempDirs();
afterAll(() => temp.cleanup());

function meshfleet(cwd: string, ...args: string[]) {
  if (!fs.existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run \`npm run build\` first (npm test does)`);
  return spawnSync(process.execPath, [MAIN_JS, ...args], { cwd, encoding: 'utf8', env: { ...process.env, MESHFLEET_DEBUG: '', MESHFLEET_TOPOLOGY: DEMO } });
}

test('schema > topology.schema.json writes the committed schema file', () => {
  const schema = meshfleet(temp.make(), 'schema');
  expect(schema.status).toBe(0);
  expect(schema.stderr).toBe('');
  expect(schema.stdout).toBe(fs.readFileSync(path.join(REPO_ROOT, 'topology.schema.json'), 'utf8'));
});

test('synth --format json, then synth --check (0), a hand edit, synth --check (1) and diff (1)', () => {
  const cwd = temp.make();
  const json = meshfleet(cwd, 'synth', '--out', 'dist', '--format', 'json');
  expect({ status: json.status, stderr: json.stderr }).toEqual({ status: 0, stderr: '' });
  expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, out: 'dist' });

  const upToDate = meshfleet(cwd, 'synth', '--out', 'dist', '--check');
  expect({ status: upToDate.status, stderr: upToDate.stderr }).toEqual({ status: 0, stderr: '' });

  fs.appendFileSync(path.join(cwd, 'dist', 'README.md'), 'edited\n');
  const stale = meshfleet(cwd, 'synth', '--out', 'dist', '--check');
  expect({ status: stale.status, stderr: stale.stderr }).toEqual({ status: 1, stderr: '' });
  expect(stale.stdout).toContain('  changed  README.md\n');

  const diff = meshfleet(cwd, 'diff', '--out', 'dist');
  expect({ status: diff.status, stderr: diff.stderr }).toEqual({ status: 1, stderr: '' });
  expect(diff.stdout).toContain('\n-edited\n');
  expect(fs.readdirSync(cwd)).toEqual(['dist']);
});

test('canary --weight -1 and help of an unknown command exit 2', () => {
  const cwd = temp.make();
  fs.copyFileSync(path.join(EXAMPLES_DIR, 'canary-productcatalog.yaml'), path.join(cwd, 'canary.yaml'));
  const weight = meshfleet(cwd, 'canary', '--topology', 'canary.yaml', '--service', 'productcatalogservice', '--weight', '-1');
  expect(weight.status).toBe(2);
  expect(weight.stderr.split('\n')[0]).toBe('meshfleet: --weight: expected an integer from 0 to 100, found "-1"');
  const help = meshfleet(cwd, 'help', 'frobnicate');
  expect(help.status).toBe(2);
  expect(meshfleet(cwd, 'help', 'diff').stdout).toMatch(/^Usage: meshfleet diff /);
});
