import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts', 'build-if-stale.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { inputsHash, STAMP } = require(SCRIPT) as { inputsHash: (root?: string) => string; STAMP: string };

jest.setTimeout(60_000);

describe('build-if-stale', () => {
  test('the stamp of the last build is the hash of the current inputs (npm test built first), so a second run builds nothing', () => {
    expect(fs.readFileSync(STAMP, 'utf8').trim()).toBe(inputsHash());
    const bin = path.join(ROOT, 'lib', 'cli', 'meshfleet.js');
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
});
