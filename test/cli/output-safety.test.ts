/**
 * Issue 17, points 5 and 6, through the built bin (`npm run build` first) in a temporary working
 * folder: a synth never deletes what meshfleet did not write, never deletes the topology it
 * reads, never writes where a dangling `--out` link points; a topology that is a pipe, a device
 * or has keys JavaScript cannot carry is refused instead of hanging or crashing (also for
 * `canary` and `shift`); `--format json` prints JSON on any failure; and `synth --check` does
 * not depend on how `--out` and `--topology` are spelled.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, DEFAULT_EXAMPLE, EXAMPLES_DIR, snapshot, TempDirs, writeFile } from './helpers';

jest.setTimeout(120_000);

const temp = new TempDirs();
afterEach(() => temp.cleanup());

/** Runs the built bin in `cwd`; a run that blocks is killed after 20 s (status null). */
function meshfleet(cwd: string, ...args: string[]) {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does)`);
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, MESHFLEET_DEBUG: '' } });
}

/** A temporary working folder holding a copy of the default example as `topology.yaml`. */
function project(text = fs.readFileSync(DEFAULT_EXAMPLE, 'utf8')): string {
  const cwd = temp.make();
  writeFile(cwd, 'topology.yaml', text);
  return cwd;
}

describe('a synth never deletes what meshfleet did not write', () => {
  test('.git and other top-level entries of a marked output survive a second synth, byte for byte; --check ignores them', () => {
    const cwd = project();
    expect(meshfleet(cwd, 'synth', '-t', 'topology.yaml', '-o', 'dist').status).toBe(0);
    execFileSync('git', ['init', '-q', 'dist'], { cwd });
    writeFile(cwd, 'dist/.gitignore', '*.tfstate\n');
    writeFile(cwd, 'dist/notes/today.md', 'mine\n');
    writeFile(cwd, 'dist/k8s/stale.yaml', 'meshfleet owns k8s/\n');
    const mine = (): string[] => snapshot(path.join(cwd, 'dist')).filter((line) => /^(\.git\/|\.gitignore |notes\/)/.test(line));
    const before = mine();
    expect(before.length).toBeGreaterThan(5);

    const second = meshfleet(cwd, 'synth', '-t', 'topology.yaml', '-o', 'dist');
    expect(second.stderr).toBe('');
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('kept what meshfleet does not write: .git, .gitignore, notes');
    expect(mine()).toEqual(before);
    expect(fs.existsSync(path.join(cwd, 'dist/k8s/stale.yaml'))).toBe(false);
    expect(fs.readdirSync(cwd).sort()).toEqual(['dist', 'topology.yaml']);

    const check = meshfleet(cwd, 'synth', '--check', '-t', 'topology.yaml', '-o', 'dist');
    expect(check.stdout).toMatch(/^up to date: dist\//);
    expect(check.status).toBe(0);
  });

  test('--format json lists what was kept', () => {
    const cwd = project();
    expect(meshfleet(cwd, 'synth', '-t', 'topology.yaml').status).toBe(0);
    writeFile(cwd, 'dist/.git/HEAD', 'ref: refs/heads/main\n');
    const result = meshfleet(cwd, 'synth', '-t', 'topology.yaml', '--format', 'json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, keptForeign: ['.git'] });
  });
});

describe('a synth refuses an output folder that holds the topology file', () => {
  test.each([
    ['at its top', 'dist/topology.yaml'],
    ['in a folder meshfleet writes', 'dist/k8s/topology.yaml'],
    ['through a symbolic link to it', 'link.yaml'],
  ])('%s: refused, nothing changed', (_where, topology) => {
    const cwd = project();
    expect(meshfleet(cwd, 'synth', '-t', 'topology.yaml', '-o', 'dist').status).toBe(0);
    const inside = topology === 'link.yaml' ? 'dist/k8s/real.yaml' : topology;
    fs.copyFileSync(path.join(cwd, 'topology.yaml'), path.join(cwd, inside));
    if (topology === 'link.yaml') fs.symlinkSync(path.join(cwd, inside), path.join(cwd, topology));
    const before = snapshot(cwd);
    const result = meshfleet(cwd, 'synth', '-t', topology, '-o', 'dist/');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^meshfleet: refusing to replace dist: it contains ${topology.replace('.', '\\.')} \\(found at ${inside.slice('dist/'.length).replace('.', '\\.')} inside it\\), which the run reads and a synth would delete`,
      ),
    );
    expect(snapshot(cwd)).toEqual(before);
  });
});

describe('--out as a symbolic link', () => {
  test('a dangling link is refused; nothing is written where it points', () => {
    const cwd = project();
    const target = path.join(temp.make(), 'elsewhere');
    fs.symlinkSync(target, path.join(cwd, 'dist'));
    const result = meshfleet(cwd, 'synth', '-t', 'topology.yaml', '-o', 'dist');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `meshfleet: refusing to replace dist: it is a symbolic link to ${target}, which does not exist (found a dangling link, expected a folder or a link to one): create that folder, or give --out a folder\n`,
    );
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
    expect(fs.readdirSync(cwd).sort()).toEqual(['dist', 'topology.yaml']);
  });

  test('a link to a folder: the output is written into the folder, the link stays', () => {
    const cwd = project();
    const target = path.join(temp.make(), 'real-dist');
    fs.mkdirSync(target);
    fs.symlinkSync(target, path.join(cwd, 'dist'));
    expect(meshfleet(cwd, 'synth', '-t', 'topology.yaml', '-o', 'dist').status).toBe(0);
    expect(meshfleet(cwd, 'synth', '-t', 'topology.yaml', '-o', 'dist').status).toBe(0);
    expect(fs.lstatSync(path.join(cwd, 'dist')).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(target)).toContain('.meshfleet-output.json');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['real-dist']);
  });
});

describe('the topology must be a regular file (no hang)', () => {
  test.each([
    ['synth', ['synth', '-t', 'topology.yaml']],
    ['validate', ['validate', '-t', 'topology.yaml']],
    ['canary', ['canary', '-t', 'topology.yaml', '--service', 'x', '--weight', '10']],
    ['shift', ['shift', '-t', 'topology.yaml', '--service', 'x', '--to', 'v1=100']],
  ])('%s: a named pipe is refused at once', (_command, args) => {
    const cwd = temp.make();
    execFileSync('mkfifo', [path.join(cwd, 'topology.yaml')]);
    const result = meshfleet(cwd, ...args);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('(file): cannot read the topology (found a named pipe (FIFO), expected a regular file)');
    expect(fs.readdirSync(cwd)).toEqual(['topology.yaml']);
  });

  test('/dev/zero is refused at once', () => {
    const result = meshfleet(temp.make(), 'validate', '-t', '/dev/zero');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('(file): cannot read the topology (found a character device, expected a regular file)');
  });

  test('canary refuses a file over the size limit with its size', () => {
    const cwd = project();
    fs.truncateSync(path.join(cwd, 'topology.yaml'), 5 * 1024 * 1024);
    const result = meshfleet(cwd, 'canary', '-t', 'topology.yaml', '--service', 'x', '--weight', '10');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('(file): cannot read the topology (found a file of 5 MiB (5242880 bytes), expected at most 4 MiB (4194304 bytes))');
  });
});

describe('ConfigMap keys JavaScript cannot carry, and --format json on any failure', () => {
  const withKey = (key: string): string =>
    fs.readFileSync(DEFAULT_EXAMPLE, 'utf8').replace('          LOCAL_ROUTING_NUM: "883745000"\n', `          LOCAL_ROUTING_NUM: "883745000"\n          "${key}": "x"\n`);

  test.each(['constructor', '__proto__'])('%s is refused with its path, as JSON with --format json', (key) => {
    const cwd = project(withKey(key));
    const result = meshfleet(cwd, 'synth', '-t', 'topology.yaml', '--format', 'json');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const document = JSON.parse(result.stdout);
    expect(document.ok).toBe(false);
    expect(document.problems).toEqual([{ path: `apps[0].configMaps[0].data.${key}`, message: expect.stringMatching(/^unsupported key/) }]);
    expect(fs.readdirSync(cwd)).toEqual(['topology.yaml']);
  });

  test('toString reaches the YAML as data', () => {
    const cwd = project(withKey('toString'));
    expect(meshfleet(cwd, 'synth', '-t', 'topology.yaml').status).toBe(0);
    const clusters = fs.readdirSync(path.join(cwd, 'dist/k8s'));
    for (const cluster of clusters) {
      const file = path.join(cwd, 'dist/k8s', cluster, 'bank-of-anthos.yaml');
      if (fs.existsSync(file)) expect(fs.readFileSync(file, 'utf8')).toMatch(/\n {2}toString: x\n/);
    }
  });

  test('an unexpected failure (the output folder cannot be created) is one JSON document', () => {
    const cwd = project();
    writeFile(cwd, 'file', 'not a folder\n');
    const result = meshfleet(cwd, 'synth', '-t', 'topology.yaml', '-o', 'file/dist', '--format', 'json');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, problems: [{ path: '(meshfleet)', message: expect.stringMatching(/^(EEXIST|ENOTDIR)/) }] });
  });
});

describe('synth --check does not depend on how paths are spelled (issue 17, point 6)', () => {
  const SPELLINGS = ['dist', 'dist/', './dist', './dist/'];

  test('synth with each spelling of --out writes the same output; --check with each spelling (and --topology as ./x or x) finds it up to date', () => {
    const cwd = project();
    expect(meshfleet(cwd, 'synth', '-t', 'topology.yaml', '-o', 'dist').status).toBe(0);
    const first = snapshot(path.join(cwd, 'dist'));
    SPELLINGS.forEach((written, i) => {
      const topology = i % 2 === 0 ? './topology.yaml' : 'topology.yaml';
      expect(meshfleet(cwd, 'synth', '-t', topology, '-o', written).status).toBe(0);
      expect({ written, output: snapshot(path.join(cwd, 'dist')) }).toEqual({ written, output: first });
      const checked = SPELLINGS[(i + 1) % SPELLINGS.length];
      const check = meshfleet(cwd, 'synth', '--check', '-t', i % 2 === 0 ? 'topology.yaml' : './topology.yaml', '-o', checked);
      expect({ written, checked, stdout: check.stdout.split('\n')[0], status: check.status }).toEqual({
        written,
        checked,
        stdout: expect.stringMatching(/^up to date: dist\//),
        status: 0,
      });
    });
    const absolute = meshfleet(cwd, 'synth', '--check', '-t', path.join(cwd, 'topology.yaml'), '-o', path.join(cwd, 'dist'));
    expect(absolute.status).toBe(0);
    const runbook = fs.readFileSync(path.join(cwd, 'dist/README.md'), 'utf8');
    expect(runbook).toContain('the topology path `topology.yaml` is relative to it');
    expect(runbook).not.toMatch(/\.\/dist|dist\/ |\.\/topology/);
  });

  test('a topology outside the working folder, given as ../x and as an absolute path', () => {
    const root = temp.make();
    const cwd = path.join(root, 'work');
    fs.mkdirSync(cwd);
    fs.copyFileSync(path.join(EXAMPLES_DIR, 'istio-primary-remote.yaml'), path.join(root, 'topology.yaml'));
    expect(meshfleet(cwd, 'synth', '-t', '../topology.yaml', '-o', 'out/dist/').status).toBe(0);
    expect(meshfleet(cwd, 'synth', '--check', '-t', './../topology.yaml', '-o', 'out/./dist').status).toBe(0);
  });
});
