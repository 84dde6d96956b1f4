/**
 * Issue 17, point 6: `cdk8s synth --stdout` is safe. cdk8s-cli 2.207 deletes cdk8s.yaml's
 * `output` folder before every run, also with `--stdout`, then runs the app with `CDK8S_OUTDIR`
 * set to a fresh `<os temp>/cdk8s-XXXXXX` folder and copies every `*.yaml` found there to
 * standard output, all at once, without separators. So cdk8s.yaml's `output` is not inside
 * meshfleet's `dist/`, and the app writes one multi-document stream, cluster by cluster.
 * Runs the real CLI offline (`npm run build` first) in a temporary project whose cdk8s.yaml is
 * the repository's, with the app pointed at the compiled entry.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Document, parse, parseAllDocuments } from 'yaml';
import { clusterStream, isStdoutRun } from '../../src/k8s/main';
import { loadTopologyFile } from '../../src/load/load';
import { BIN, DEFAULT_EXAMPLE, REPO_ROOT, snapshot, TempDirs, writeFile } from '../cli/helpers';

jest.setTimeout(300_000);

const K8S_MAIN = path.join(REPO_ROOT, 'lib', 'src', 'k8s', 'main.js');
const CDK8S = path.join(REPO_ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
const temp = new TempDirs();
afterAll(() => temp.cleanup());

test("cdk8s.yaml's output is cdk8s's own folder, never inside meshfleet's output", () => {
  const config = parse(fs.readFileSync(path.join(REPO_ROOT, 'cdk8s.yaml'), 'utf8'));
  expect(config.output).toBe('cdk8s.out');
});

test('npx cdk8s synth --stdout: deletes and writes nothing in the project, prints valid multi-document YAML cluster by cluster', () => {
  const project = temp.make();
  const config = fs.readFileSync(path.join(REPO_ROOT, 'cdk8s.yaml'), 'utf8').replace(/^app: .*$/m, `app: ${JSON.stringify(`"${process.execPath}" "${K8S_MAIN}"`)}`);
  writeFile(project, 'cdk8s.yaml', config);
  expect(spawnSync(process.execPath, [BIN, 'synth', '-t', DEFAULT_EXAMPLE, '-o', 'dist'], { cwd: project }).status).toBe(0);
  writeFile(project, 'dist/.git/HEAD', 'ref: refs/heads/main\n');
  const before = snapshot(project);

  const result = spawnSync(process.execPath, [CDK8S, 'synth', '--stdout', '--no-check-upgrade'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, MESHFLEET_TOPOLOGY: DEFAULT_EXAMPLE, CDK8S_CHECK_UPGRADE: 'false', MESHFLEET_DEBUG: '' },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(snapshot(project)).toEqual(before);

  const docs = parseAllDocuments(result.stdout) as Document[];
  expect(docs.flatMap((d) => d.errors)).toEqual([]);
  const objects = docs.map((d) => d.toJS());
  expect(objects.every((o) => typeof o?.apiVersion === 'string' && typeof o?.kind === 'string')).toBe(true);
  // Every object of every kustomization of the dist/k8s meshfleet wrote, in order.
  const expected: unknown[] = [];
  const clusters = result.stdout.match(/^# cluster: \S+/gm)!.map((line) => line.slice('# cluster: '.length));
  expect(clusters).toEqual(['gke-west-priv', 'gke-central-priv', 'gke-ingress']);
  for (const cluster of clusters) {
    const dir = path.join(project, 'dist/k8s', cluster);
    for (const file of parse(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')).resources) {
      expected.push(...(parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')) as Document[]).map((d) => d.toJS()));
    }
  }
  expect(objects).toEqual(expected);
});

describe('the app under --stdout (CDK8S_OUTDIR as cdk8s-cli sets it)', () => {
  test('writes one file into the folder it is given; MESHFLEET_CLUSTER chooses one cluster', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-'));
    try {
      expect(isStdoutRun(outdir)).toBe(true);
      const result = spawnSync(process.execPath, [K8S_MAIN], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, CDK8S_OUTDIR: outdir, MESHFLEET_CLUSTER: 'gke-ingress', MESHFLEET_DEBUG: '' },
      });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
      expect(fs.readdirSync(outdir)).toEqual(['private-asm-multicluster.yaml']);
      const text = fs.readFileSync(path.join(outdir, 'private-asm-multicluster.yaml'), 'utf8');
      expect(text.match(/^# cluster: .*$/gm)).toEqual(['# cluster: gke-ingress']);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('an unknown MESHFLEET_CLUSTER is refused with the clusters there are', () => {
    expect(() => clusterStream(loadTopologyFile(DEFAULT_EXAMPLE), 'nope')).toThrow(
      'MESHFLEET_CLUSTER=nope is not a cluster of private-asm-multicluster (expected one of gke-west-priv, gke-central-priv, gke-ingress)',
    );
  });

  test('a folder elsewhere is not a --stdout run', () => {
    expect(isStdoutRun('cdk8s.out')).toBe(false);
    expect(isStdoutRun(path.join(os.tmpdir(), 'meshfleet-x'))).toBe(false);
    expect(isStdoutRun(path.join(os.tmpdir(), 'a', 'cdk8s-abcdef'))).toBe(false);
  });
});
