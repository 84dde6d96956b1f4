import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { badTopologyText, REPO_ROOT, snapshot, TempDirs, writeFile } from './helpers';

/** The demo, named explicitly: without a topology the CLI announces the demo on stderr, which these runs check is empty. */
const DEMO = path.join(__dirname, '..', '..', 'examples', 'private-asm-multicluster.yaml');

jest.setTimeout(60_000);

const MAIN_JS = path.join(REPO_ROOT, 'lib', 'src', 'cli', 'main.js');
const temp = new TempDirs();
afterAll(() => temp.cleanup());

function meshfleet(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [MAIN_JS, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, MESHFLEET_DEBUG: '', MESHFLEET_TOPOLOGY: DEMO } });
}

test('the compiled binary exits 0, 1 and 2, from any working directory', () => {
  if (!fs.existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run \`npm run build\` first (npm test does)`);
  const cwd = temp.make();

  const ok = meshfleet(cwd, 'synth', '--out', 'dist');
  expect(ok.stderr).toBe('');
  expect(ok.status).toBe(0);
  expect(ok.stdout).toMatch(/^synthesized .*private-asm-multicluster\.yaml into dist\/ /);
  expect(ok.stdout).not.toContain(cwd);
  const out = path.join(cwd, 'dist');
  for (const line of snapshot(out).filter((l) => !l.endsWith('/'))) {
    const file = line.split(' ')[0];
    const text = fs.readFileSync(path.join(out, file), 'utf8');
    expect({ file, leaks: [cwd, fs.realpathSync(cwd), REPO_ROOT].filter((s) => text.includes(s)) }).toEqual({ file, leaks: [] });
  }
  writeFile(out, 'MARKER', 'keep\n');
  const before = snapshot(out);

  writeFile(cwd, 'bad.yaml', badTopologyText());
  const bad = meshfleet(cwd, 'synth', '--topology', 'bad.yaml', '--out', 'dist');
  expect(bad.status).toBe(1);
  expect(bad.stdout).toBe('');
  expect(bad.stderr).toMatch(/^bad\.yaml: \d+ problems\nclusters\[0\]\.zone: /);
  expect(snapshot(out)).toEqual(before);

  const usage = meshfleet(cwd, 'synth', '--frobnicate');
  expect(usage.status).toBe(2);
  expect(usage.stderr).toMatch(/^meshfleet: /);
  expect(fs.readdirSync(cwd).sort()).toEqual(['bad.yaml', 'dist']);
});

test('a reader that closes early (| head) ends the run quietly with its own status, no EPIPE trace', () => {
  const cwd = temp.make();
  // The reader exits without reading, so every line the CLI writes meets a closed pipe.
  const script = `"${process.execPath}" "${MAIN_JS}" synth "${DEMO}" --out dist 2>stderr.txt | (exit 0); echo "status \${PIPESTATUS[0]}"`;
  const run = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8' });
  expect(run.stdout.trim()).toBe('status 0');
  expect(fs.readFileSync(path.join(cwd, 'stderr.txt'), 'utf8')).toBe('');
  expect(fs.existsSync(path.join(cwd, 'dist', 'README.md'))).toBe(true);
});
