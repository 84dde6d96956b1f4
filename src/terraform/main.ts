/**
 * Entry point for `cdktf synth` / `cdktf deploy` through cdktf.json. The topology file comes
 * from MESHFLEET_TOPOLOGY (default: the default example); the output folder from cdktf.
 */
import * as path from 'node:path';
import { App } from 'cdktf';
import { loadTopologyFile } from '../topology/load';
import { addStacks } from './stacks';

const topology = process.env.MESHFLEET_TOPOLOGY ?? path.join(__dirname, '..', '..', '..', 'examples', 'private-asm-multicluster.yaml');
const app = new App({ stackTraces: false });
addStacks(app, loadTopologyFile(topology));
app.synth();
