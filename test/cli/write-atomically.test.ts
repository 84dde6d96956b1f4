import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeAtomically } from '../../src/synth';
import { leftovers, snapshot, TempDirs, writeFile } from './helpers';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

describe('writeAtomically', () => {
  test('builds in a fresh sibling folder and replaces the output folder with it', () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    writeFile(out, 'old/stale.txt', 'stale\n');
    let seen = '';
    writeAtomically(out, (tmpDir) => {
      seen = tmpDir;
      expect(path.dirname(tmpDir)).toBe(fs.realpathSync(parent));
      expect(path.basename(tmpDir)).toMatch(/^\.out\.tmp-/);
      expect(fs.readdirSync(tmpDir)).toEqual([]);
      writeFile(tmpDir, 'new/file.txt', 'new\n');
    });
    expect(fs.existsSync(seen)).toBe(false);
    expect(snapshot(out).map((line) => line.split(' ')[0])).toEqual(['new/', 'new/file.txt']);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  test('creates missing parent folders', () => {
    const out = path.join(temp.make(), 'a', 'b', 'out');
    writeAtomically(out, (tmpDir) => writeFile(tmpDir, 'x', 'x'));
    expect(fs.readFileSync(path.join(out, 'x'), 'utf8')).toBe('x');
    expect(leftovers(path.dirname(out))).toEqual([]);
  });

  test('leaves the output folder exactly as it was when the build throws', () => {
    const parent = temp.make();
    const out = path.join(parent, 'out');
    writeFile(out, 'MARKER', 'keep\n');
    writeFile(out, 'terraform/manifest.json', '{}');
    const before = snapshot(out);
    expect(() =>
      writeAtomically(out, (tmpDir) => {
        writeFile(tmpDir, 'terraform/manifest.json', '{"half": true}');
        throw new Error('synthesis failed');
      }),
    ).toThrow('synthesis failed');
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  test('creates nothing, not even parent folders, when the build throws', () => {
    const dir = temp.make();
    expect(() =>
      writeAtomically(path.join(dir, 'a', 'b', 'out'), () => {
        throw new Error('nope');
      }),
    ).toThrow('nope');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('replaces the folder a symbolic link points to and keeps the link', () => {
    const parent = temp.make();
    const real = path.join(parent, 'real');
    writeFile(real, 'old.txt', 'old');
    const link = path.join(parent, 'link');
    fs.symlinkSync(real, link);
    writeAtomically(link, (tmpDir) => writeFile(tmpDir, 'new.txt', 'new'));
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(real)).toEqual(['new.txt']);
    expect(fs.readdirSync(parent).sort()).toEqual(['link', 'real']);
  });
});
