import * as path from 'node:path';
import { Io, processIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { progressOf } from '../../src/cli/progress';
import { DEFAULT_EXAMPLE, EXAMPLES_DIR, TempDirs } from './helpers';

jest.setTimeout(120_000);

const temp = new TempDirs();
afterEach(() => temp.cleanup());

/** An Io whose standard error is (or is not) a terminal, recording lines and progress texts. */
function recordingIo(isTTY: boolean) {
  const recorded = { stdout: [] as string[], stderr: [] as string[], progress: [] as string[] };
  const io: Io = {
    out: (line) => recorded.stdout.push(line),
    err: (line) => recorded.stderr.push(line),
    isTTY,
    progress: (text) => recorded.progress.push(text),
  };
  return { io, recorded };
}

describe('the progress line', () => {
  test('is not written when standard error is not a terminal', async () => {
    const { io, recorded } = recordingIo(false);
    const out = path.join(temp.make(), 'out');
    expect(await main(['synth', DEFAULT_EXAMPLE, '--out', out], io)).toBe(0);
    expect(await main(['synth', DEFAULT_EXAMPLE, '--out', out, '--check'], io)).toBe(0);
    expect(recorded.progress).toEqual([]);
    expect(recorded.stderr).toEqual([]);
  });

  test('on a terminal, synth shows its stages and clears the line before printing results', async () => {
    const { io, recorded } = recordingIo(true);
    const out = path.join(temp.make(), 'out');
    expect(await main(['synth', DEFAULT_EXAMPLE, '--out', out], io)).toBe(0);
    expect(recorded.progress).toEqual(['synth: terraform stacks', 'synth: kubernetes folders', 'synth: runbook', 'synth: diagram', 'synth: writing the output folder', '']);
    expect(recorded.stderr).toEqual([]);
    expect(recorded.stdout[0]).toMatch(/^synthesized /);
  });

  test('on a terminal, synth --check and diff clear the line too', async () => {
    const { io, recorded } = recordingIo(true);
    const out = path.join(temp.make(), 'out');
    for (const argv of [['synth', '--check'], ['diff']]) {
      recorded.progress.length = 0;
      await main([...argv, '--out', out], io);
      expect(recorded.progress[0]).toBe('synth: terraform stacks');
      expect(recorded.progress[recorded.progress.length - 2]).toBe('comparing with the output folder');
      expect(recorded.progress[recorded.progress.length - 1]).toBe('');
    }
  });

  test('on a terminal, ca counts the keys it generates and clears the line', async () => {
    const { io, recorded } = recordingIo(true);
    const out = path.join(temp.make(), 'ca');
    expect(await main(['ca', '--topology', path.join(EXAMPLES_DIR, 'istio-primary-remote.yaml'), '--out', out], io)).toBe(0);
    expect(recorded.progress).toEqual([
      'ca: generating the root CA key',
      'ca: generating intermediate CA keys, 0 of 2 done',
      'ca: generating intermediate CA keys, 1 of 2 done',
      'ca: generating intermediate CA keys, 2 of 2 done',
      '',
    ]);
    expect(recorded.stderr).toEqual([]);
  });

  test('a failure clears the line too', async () => {
    const { io, recorded } = recordingIo(true);
    const progress = progressOf(io);
    expect(() => {
      try {
        progress.update('working');
        throw new Error('boom');
      } finally {
        progress.done();
      }
    }).toThrow('boom');
    expect(recorded.progress).toEqual(['working', '']);
    progress.done();
    expect(recorded.progress).toEqual(['working', '']);
  });

  test("the process's Io reports whether standard error is a terminal", () => {
    expect(processIo.isTTY).toBe(process.stderr.isTTY === true);
  });
});
