import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeAll } from '../synth';
import { displayPath } from './display';
import { LoadedTopology } from './load';
import { Progress } from './progress';

/**
 * Synthesizes `loaded` into a fresh temporary folder exactly as `meshfleet synth --out outDir`
 * would write it (the runbook names `outDir`), runs `inspect` on it, and removes the folder.
 * Writes nothing else: for `synth --check` and `diff`.
 */
export async function withSynthesizedOutput<T>(loaded: LoadedTopology, outDir: string, progress: Progress, inspect: (dir: string) => T): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-preview-'));
  try {
    await synthesizeAll(loaded.model, dir, { topologyPath: displayPath(loaded.file), outPath: displayPath(outDir), onStage: (stage) => progress.update(`synth: ${stage}`) });
    progress.update('comparing with the output folder');
    return inspect(dir);
  } finally {
    progress.done();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
