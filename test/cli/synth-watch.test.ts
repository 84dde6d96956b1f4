import * as fs from 'node:fs';
import * as path from 'node:path';
import { Io } from '../../src/cli/io';
import { runSynthWatch } from '../../src/cli/synth-watch';
import { EXAMPLES_DIR, run, snapshot, TempDirs } from './helpers';

jest.setTimeout(120_000);

const temp = new TempDirs();
afterEach(() => temp.cleanup());

/** An Io that records lines and lets a test wait for a line matching a pattern. */
function waitingIo(): { io: Io; lines: string[]; next: (pattern: RegExp) => Promise<void> } {
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; from: number; resolve: () => void }> = [];
  const push = (line: string): void => {
    lines.push(line);
    for (const w of waiters.splice(0)) {
      if (lines.slice(w.from).some((l) => w.pattern.test(l))) w.resolve();
      else waiters.push(w);
    }
  };
  const next = (pattern: RegExp): Promise<void> => new Promise((resolve) => waiters.push({ pattern, from: lines.length, resolve }));
  return { io: { out: push, err: push }, lines, next };
}

describe('meshfleet synth --watch', () => {
  test('synthesizes, again on each save, prints problems and keeps the output, stops when asked', async () => {
    const dir = temp.make();
    const file = path.join(dir, 'meshfleet.yaml');
    const text = fs.readFileSync(path.join(EXAMPLES_DIR, 'starter.yaml'), 'utf8');
    fs.writeFileSync(file, text);
    const out = path.join(dir, 'dist');
    const { io, lines, next } = waitingIo();
    const stop = new AbortController();

    const watching = next(/^watching /);
    const done = runSynthWatch({ topology: file, out }, io, { signal: stop.signal });
    await watching;
    expect(lines[0]).toMatch(/^synthesized .*meshfleet\.yaml into .*dist\/ \(\d+ files\)$/);
    expect(fs.readFileSync(path.join(out, 'k8s', 'gke-central', 'hello.yaml'), 'utf8')).toContain('replicas: 2');

    // A save: synthesized again.
    let again = next(/^watching /);
    fs.writeFileSync(file, text.replace('replicas: 2', 'replicas: 3'));
    await again;
    expect(fs.readFileSync(path.join(out, 'k8s', 'gke-central', 'hello.yaml'), 'utf8')).toContain('replicas: 3');

    // A save with a problem: printed, the output as it was.
    const before = snapshot(out);
    again = next(/^watching /);
    fs.writeFileSync(file, text.replace('zone: us-central1-a', 'zone: nowhere'));
    await again;
    expect(lines.some((l) => /meshfleet\.yaml: \d+ problems?$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('clusters[0].zone: '))).toBe(true);
    expect(snapshot(out)).toEqual(before);

    // Saved by rename, as editors do: synthesized again.
    again = next(/^synthesized /);
    fs.writeFileSync(`${file}.tmp`, text);
    fs.renameSync(`${file}.tmp`, file);
    await again;
    expect(fs.readFileSync(path.join(out, 'k8s', 'gke-central', 'hello.yaml'), 'utf8')).toContain('replicas: 2');

    stop.abort();
    await expect(done).resolves.toBe(0);
  });

  test('--watch with --check or --format json is a usage error', async () => {
    for (const extra of [['--check'], ['--format', 'json']]) {
      const result = await run('synth', path.join(EXAMPLES_DIR, 'starter.yaml'), '--watch', ...extra);
      expect(result.status).toBe(2);
      expect(result.stderr[0]).toMatch(/^meshfleet: --watch synthesizes on every save and prints text: it takes no (--check|--format json)$/);
    }
  });
});
