/**
 * Entry point for `cdktf synth` / `cdktf deploy` through cdktf.json. The topology file comes
 * from MESHFLEET_TOPOLOGY (default: the default example); the output folder from cdktf
 * (CDKTF_OUTDIR), `cdktf.out/terraform` when run directly.
 *
 * cdktf.json's `output` is `cdktf.out/terraform`: a folder as deep below the project as
 * `dist/terraform`, so the relative local state path of every stack resolves to the same
 * `<project>/terraform-state/<topology>/<stack>.tfstate` for `cdktf deploy` and for plain
 * `terraform` in `dist/` (see `localState` in meshfleet-stack.ts). It is not `dist/terraform`:
 * cdktf-cli writes its output in place and deletes every `stacks/` folder the app no longer
 * synthesizes, with what Terraform keeps there, inside the folder `meshfleet synth` owns.
 *
 * On a bad topology: the file and one line per problem on stderr, exit status 1; any other error
 * one line (see `runEntryPoint`), no stack trace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { DEFAULT_TOPOLOGY, runEntryPoint, TOPOLOGY_VARIABLE } from '../entry/run-entry-point';
import { loadTopologyFile } from '../load/load';
import { addStacks } from './stacks';
import { synthesizeApp } from './synthesize-app';

runEntryPoint(() => {
  const topology = process.env[TOPOLOGY_VARIABLE] ?? path.join(__dirname, '..', '..', '..', DEFAULT_TOPOLOGY);
  const outdir = process.env.CDKTF_OUTDIR ?? path.join('cdktf.out', 'terraform');
  const model = loadTopologyFile(topology);
  // The App creates only the last level of its output folder.
  fs.mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir, stackTraces: false });
  addStacks(app, model);
  synthesizeApp(app);
});
