import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts', 'build-if-stale.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BIN, inputsHash, isUpToDate, STAMP, writeStamp } = require(SCRIPT) as {
  BIN: string;
  inputsHash: (root?: string) => string;
  isUpToDate: (root?: string) => boolean;
  STAMP: string;
  writeStamp: (root?: string) => void;
};

jest.setTimeout(60_000);

describe('build-if-stale', () => {
  test('the stamp of the last build is the hash of the current inputs (npm test built first), so a second run builds nothing', () => {
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, STAMP), 'utf8')).hash).toBe(inputsHash());
    const bin = path.join(ROOT, BIN);
    const before = fs.statSync(bin).mtimeMs;
    const result = spawnSync(process.execPath, [SCRIPT], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(fs.statSync(bin).mtimeMs).toBe(before);
  });

  test('the hash follows the content and names of the inputs, not other files', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-build-'));
    try {
      fs.mkdirSync(path.join(root, 'src', 'cli'), { recursive: true });
      fs.writeFileSync(path.join(root, 'src', 'cli', 'a.ts'), 'export const a = 1;\n');
      fs.writeFileSync(path.join(root, 'package.json'), '{}\n');
      const hash = inputsHash(root);
      fs.writeFileSync(path.join(root, 'README.md'), 'not an input\n');
      expect(inputsHash(root)).toBe(hash);
      fs.writeFileSync(path.join(root, 'src', 'cli', 'a.ts'), 'export const a = 2;\n');
      expect(inputsHash(root)).not.toBe(hash);
      fs.writeFileSync(path.join(root, 'src', 'cli', 'a.ts'), 'export const a = 1;\n');
      expect(inputsHash(root)).toBe(hash);
      fs.renameSync(path.join(root, 'src', 'cli', 'a.ts'), path.join(root, 'src', 'cli', 'b.ts'));
      expect(inputsHash(root)).not.toBe(hash);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  describe('up to date', () => {
    let root: string;
    const stampTime = () => fs.statSync(path.join(root, STAMP)).mtimeMs;
    const source = () => path.join(root, 'src', 'a.ts');
    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-stamp-'));
      fs.mkdirSync(path.join(root, 'src'), { recursive: true });
      fs.mkdirSync(path.dirname(path.join(root, BIN)), { recursive: true });
      fs.writeFileSync(source(), 'export const a = 1;\n');
      fs.writeFileSync(path.join(root, 'package.json'), '{}\n');
      fs.writeFileSync(path.join(root, BIN), '// bin\n');
      const past = new Date(Date.now() - 60_000);
      fs.utimesSync(source(), past, past);
      fs.utimesSync(path.join(root, 'package.json'), past, past);
      writeStamp(root);
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    test('when the inputs keep the times the stamp recorded: the stamp is not rewritten', () => {
      const before = stampTime();
      expect(isUpToDate(root)).toBe(true);
      expect(stampTime()).toBe(before);
    });

    test('a touched but unchanged input is hashed, is still up to date, and the stamp takes its new time', () => {
      const touched = new Date(Date.now() - 30_000);
      fs.utimesSync(source(), touched, touched);
      expect(isUpToDate(root)).toBe(true);
      const recorded = JSON.parse(fs.readFileSync(path.join(root, STAMP), 'utf8')).files[path.join('src', 'a.ts')];
      expect(recorded[1]).toBe(fs.statSync(source()).mtimeMs);
    });

    test('a changed, added or removed input, or a missing bin, is stale', () => {
      fs.writeFileSync(source(), 'export const a = 2;\n');
      expect(isUpToDate(root)).toBe(false);
      fs.writeFileSync(source(), 'export const a = 1;\n');
      expect(isUpToDate(root)).toBe(true);
      fs.writeFileSync(path.join(root, 'src', 'b.ts'), 'export const b = 1;\n');
      expect(isUpToDate(root)).toBe(false);
      fs.rmSync(path.join(root, 'src', 'b.ts'));
      expect(isUpToDate(root)).toBe(true);
      fs.rmSync(path.join(root, BIN));
      expect(isUpToDate(root)).toBe(false);
    });

    test('a file saved in the same instant as the stamp is hashed, not trusted by its time', () => {
      const stamp = new Date(stampTime());
      fs.writeFileSync(source(), 'export const a = 3;\n');
      fs.utimesSync(source(), stamp, stamp);
      const record = JSON.parse(fs.readFileSync(path.join(root, STAMP), 'utf8'));
      record.files[path.join('src', 'a.ts')] = [fs.statSync(source()).size, fs.statSync(source()).mtimeMs];
      fs.writeFileSync(path.join(root, STAMP), JSON.stringify(record));
      fs.utimesSync(path.join(root, STAMP), stamp, stamp);
      expect(isUpToDate(root)).toBe(false);
    });
  });

  test('under npm run, file arguments are taken from the folder npm was started in (INIT_CWD), as with npx', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-init-cwd-'));
    try {
      fs.copyFileSync(path.join(ROOT, 'examples', 'starter.yaml'), path.join(folder, 'mine.yaml'));
      const script = path.join(ROOT, 'scripts', 'run-meshfleet.js');
      const env = { ...process.env, INIT_CWD: folder };
      const viaNpm = spawnSync(process.execPath, [script, 'validate', 'mine.yaml', '--skip-analysis'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...env, npm_lifecycle_event: 'meshfleet' },
      });
      expect({ status: viaNpm.status, stderr: viaNpm.stderr }).toEqual({ status: 0, stderr: '' });
      expect(viaNpm.stdout).toContain('mine.yaml');
      // Under another npm script (npm test spawning it, say), the folder stays the one it was started in.
      const other = spawnSync(process.execPath, [script, 'validate', 'mine.yaml', '--skip-analysis'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...env, npm_lifecycle_event: 'test' },
      });
      expect(other.status).toBe(1);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test('npm run meshfleet runs the bin in the same process, with its arguments, without rebuilding', () => {
    const bin = path.join(ROOT, BIN);
    const before = fs.statSync(bin).mtimeMs;
    const viaScript = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'run-meshfleet.js'), 'version', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    const viaBin = spawnSync(process.execPath, [bin, 'version', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: viaScript.status, stdout: viaScript.stdout, stderr: viaScript.stderr }).toEqual({ status: 0, stdout: viaBin.stdout, stderr: '' });
    expect(JSON.parse(viaScript.stdout).meshfleet).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(fs.statSync(bin).mtimeMs).toBe(before);
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.meshfleet).toBe('node scripts/run-meshfleet.js');
  });
});
