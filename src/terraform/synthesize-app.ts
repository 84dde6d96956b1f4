import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';

/**
 * Synthesizes a cdktf app and leaves a `manifest.json` whose every path exists. cdktf 0.21 lists
 * a `stackMetadataPath` (`stacks/<stack>/metadata.json`) for each stack but writes that file only
 * for HCL output; with JSON output (meshfleet's) the entry is dropped. cdktf-cli reads it only
 * for HCL output, so nothing that reads the manifest misses it.
 */
export function synthesizeApp(app: App): void {
  app.synth();
  let pruned = false;
  for (const stack of Object.values(app.manifest.stacks)) {
    const entry = stack as { stackMetadataPath?: string };
    if (entry.stackMetadataPath !== undefined && !fs.existsSync(path.join(app.outdir, entry.stackMetadataPath))) {
      delete entry.stackMetadataPath;
      pruned = true;
    }
  }
  if (pruned) app.manifest.writeToFile();
}
