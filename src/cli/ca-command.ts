import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CaError,
  CaMaterial,
  CLUSTER_FILE_NAMES,
  clusterFiles,
  createIntermediate,
  createRoot,
  loadRoot,
  presentFiles,
  ROOT_CERT_FILE,
  ROOT_FILE_NAMES,
  ROOT_KEY_FILE,
  rootFiles,
  writeNewFiles,
} from '../ca';
import { outputEvidence } from '../output/marker';
import { ResolvedTopology } from '../topology';
import { OptionValues } from './command';
import { displayPath } from './display';
import { Io } from './io';
import { LoadedTopology, loadForCommand } from './load';
import { Progress, progressOf } from './progress';
import { EXIT_FAILURE, EXIT_OK } from './usage';

/** What the CA folder already holds, for the clusters that need an intermediate CA. */
interface CaFolder {
  readonly rootExists: boolean;
  /** Clusters whose folder holds none of its files yet; the others are complete and kept. */
  readonly newClusters: readonly string[];
  readonly problems: readonly string[];
}

/**
 * `meshfleet ca`: the files of Istio's plug-in CA for every in-cluster mesh member: one root
 * CA in `--out`, and per cluster an intermediate CA and the kustomization that makes the
 * `cacerts` Secret. Reuses an existing root and keeps complete cluster folders, so running it
 * again adds new clusters to the same mesh. Writes nothing on any problem and never replaces
 * a file.
 */
export async function runCa(values: OptionValues, io: Io): Promise<number> {
  const loaded = loadForCommand(io, values);
  if (!loaded) return EXIT_FAILURE;
  // `main` checked that the required option is a non-empty string.
  const outDir = String(values.out);
  const clusters = caClusters(loaded.model);
  const refusal = synthOutputRefusal(outDir) ?? (clusters.length === 0 ? noClustersRefusal(loaded) : undefined);
  if (refusal !== undefined) {
    io.err(`meshfleet: ${refusal}`);
    return EXIT_FAILURE;
  }
  const folder = inspectCaFolder(outDir, clusters);
  if (folder.problems.length > 0) {
    for (const problem of folder.problems) io.err(`meshfleet: ${problem}`);
    return EXIT_FAILURE;
  }
  const progress = progressOf(io);
  let root: CaMaterial | undefined;
  let intermediates: CaMaterial[];
  try {
    if (!folder.rootExists) progress.update('ca: generating the root CA key');
    root = await obtainRoot(io, outDir, folder.rootExists);
    if (!root) return EXIT_FAILURE;
    intermediates = await createIntermediates(root, folder.newClusters, progress);
  } finally {
    progress.done();
  }

  if (folder.rootExists) io.out(`reused the root CA of ${path.join(displayPath(outDir), ROOT_CERT_FILE)}`);
  else reportWritten(io, writeNewFiles(outDir, rootFiles(root)));
  for (const cluster of clusters) {
    const index = folder.newClusters.indexOf(cluster);
    if (index < 0) io.out(`kept ${displayPath(path.join(outDir, cluster))}/ (all ${CLUSTER_FILE_NAMES.length} files present)`);
    else reportWritten(io, writeNewFiles(path.join(outDir, cluster), clusterFiles(intermediates[index], root)));
  }
  printNextSteps(io, outDir, clusters);
  return EXIT_OK;
}

/** An intermediate CA per cluster, generated in parallel; the progress line counts those done. */
async function createIntermediates(root: CaMaterial, clusters: readonly string[], progress: Progress): Promise<CaMaterial[]> {
  let done = 0;
  const report = (): void => progress.update(`ca: generating intermediate CA keys, ${done} of ${clusters.length} done`);
  if (clusters.length > 0) report();
  return Promise.all(
    clusters.map(async (cluster) => {
      const material = await createIntermediate(root, cluster);
      done++;
      report();
      return material;
    }),
  );
}

/** The clusters that get an intermediate CA: the members of an in-cluster mesh, in topology order. */
function caClusters(model: ResolvedTopology): string[] {
  if (model.mesh?.management !== 'in-cluster') return [];
  return model.clusters.filter((cluster) => cluster.meshInstall !== undefined).map((cluster) => cluster.name);
}

function noClustersRefusal({ model, file }: LoadedTopology): string {
  const subject = `no plug-in CA material for ${file}:`;
  if (model.mesh === undefined) return `${subject} the topology runs no mesh (found no mesh, expected mesh.management: in-cluster)`;
  if (model.mesh.management !== 'in-cluster') {
    return (
      `${subject} the mesh is managed by the fleet, whose CA issues the workload certificates; ` +
      `plug-in CA material is for in-cluster meshes only (found mesh.management: ${model.mesh.management}, expected in-cluster)`
    );
  }
  return `${subject} the in-cluster mesh has no member cluster (found no workload cluster, expected at least one)`;
}

/**
 * Why `dir` must not hold CA material: it is, or lies in, a 'meshfleet synth' output folder
 * (checked along the path as given and along the real path of its nearest existing folder).
 */
function synthOutputRefusal(dir: string): string | undefined {
  const logical = ancestors(path.resolve(dir));
  const existing = logical.find((folder) => fs.existsSync(folder)) ?? path.parse(logical[0]).root;
  const output = [...logical, ...ancestors(fs.realpathSync(existing))].find((folder) => outputEvidence(folder) !== undefined);
  if (output === undefined) return undefined;
  return (
    `refusing to write CA material into ${displayPath(dir)}: it is inside meshfleet output ` +
    `(found ${path.join(displayPath(output), outputEvidence(output)!)}, expected a folder outside any 'meshfleet synth' output, ` +
    'which GitOps repositories commit; private keys must not go there)'
  );
}

function ancestors(folder: string): string[] {
  const parent = path.dirname(folder);
  return parent === folder ? [folder] : [folder, ...ancestors(parent)];
}

/** Reads the CA folder's state and what would stop the command, before anything is written. */
function inspectCaFolder(outDir: string, clusters: readonly string[]): CaFolder {
  const problems: string[] = [];
  const rootPresent = presentFiles(outDir, ROOT_FILE_NAMES);
  if (rootPresent.length === 1) {
    problems.push(
      `${displayPath(outDir)} holds only ${rootPresent[0]} of the root CA (found 1 of ${ROOT_FILE_NAMES.join(' and ')}, ` +
        'expected both to reuse the root, or neither to create one)',
    );
  }
  const newClusters: string[] = [];
  for (const cluster of clusters) {
    const state = clusterFolderState(outDir, cluster, rootPresent.length);
    if (state === 'new') newClusters.push(cluster);
    else if (state !== 'kept') problems.push(state.problem);
  }
  return { rootExists: rootPresent.length === ROOT_FILE_NAMES.length, newClusters, problems };
}

/**
 * `new` when the cluster's folder holds none of its files, `kept` when it holds all of them with
 * a copy of the folder's root; otherwise the problem: some files only, or another root. The root
 * copy is not compared while the root itself is incomplete (that is reported already).
 */
function clusterFolderState(outDir: string, cluster: string, rootFileCount: number): 'new' | 'kept' | { problem: string } {
  const dir = path.join(outDir, cluster);
  const present = presentFiles(dir, CLUSTER_FILE_NAMES);
  if (present.length === 0) return 'new';
  if (present.length < CLUSTER_FILE_NAMES.length) {
    const missing = CLUSTER_FILE_NAMES.filter((name) => !present.includes(name));
    return {
      problem:
        `${displayPath(dir)} is incomplete: missing ${missing.join(', ')} (found ${present.length} of its ` +
        `${CLUSTER_FILE_NAMES.length} files, expected all of them, or none to issue a new intermediate CA)`,
    };
  }
  if (rootFileCount === 1) return 'kept';
  const copy = path.join(dir, ROOT_CERT_FILE);
  const original = path.join(outDir, ROOT_CERT_FILE);
  if (rootFileCount === ROOT_FILE_NAMES.length && fs.readFileSync(copy).equals(fs.readFileSync(original))) return 'kept';
  return {
    problem:
      `${displayPath(dir)} was issued by another root CA (found ${displayPath(copy)} ` +
      `${rootFileCount === 0 ? `but no ${displayPath(original)}` : `different from ${displayPath(original)}`}, ` +
      'expected a copy of the root CA that signs the new intermediate CAs)',
  };
}

/** The folder's root CA, or a new one when it has none; `undefined` when it cannot be reused (reported). */
async function obtainRoot(io: Io, outDir: string, rootExists: boolean): Promise<CaMaterial | undefined> {
  if (!rootExists) return createRoot();
  const read = (name: string): string => fs.readFileSync(path.join(outDir, name), 'utf8');
  try {
    return await loadRoot(read(ROOT_CERT_FILE), read(ROOT_KEY_FILE));
  } catch (error) {
    if (!(error instanceof CaError)) throw error;
    io.err(`meshfleet: cannot reuse the root CA of ${displayPath(outDir)} (${ROOT_FILE_NAMES.join(', ')}): ${error.message}`);
    return undefined;
  }
}

function reportWritten(io: Io, files: readonly string[]): void {
  for (const file of files) io.out(`wrote ${displayPath(file)}`);
}

function printNextSteps(io: Io, outDir: string, clusters: readonly string[]): void {
  io.out('next: create the cacerts Secret in each cluster before installing Istio there (its namespace istio-system must exist):');
  for (const cluster of clusters) {
    io.out(`  kubectl --context=<context of ${cluster}> apply --server-side -k ${displayPath(path.join(outDir, cluster))}`);
  }
  io.out(
    `warning: keep ${displayPath(path.join(outDir, ROOT_KEY_FILE))} offline, out of Git and of every cluster: ` +
      "it can issue identities for the whole mesh; bring it back only to add clusters with 'meshfleet ca'",
  );
}
