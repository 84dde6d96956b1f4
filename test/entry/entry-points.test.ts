/**
 * Issue 11, point 4: the apps the official CLIs start (`cdk8s synth` → lib/src/k8s/main.js,
 * `cdktf synth` → lib/src/terraform/main.js, see cdk8s.yaml and cdktf.json) say what they wrote,
 * fail with one clear message and exit status 1 (no stack trace), and leave a manifest.json
 * whose every path exists. They run compiled, as the CLIs run them (`npm run build` first).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { onlyKubernetesNotice } from '../../src/k8s/main';
import { badTopologyText, REPO_ROOT, snapshot, TempDirs, writeFile } from '../cli/helpers';

jest.setTimeout(120_000);

const K8S_MAIN = path.join(REPO_ROOT, 'lib', 'src', 'k8s', 'main.js');
const TERRAFORM_MAIN = path.join(REPO_ROOT, 'lib', 'src', 'terraform', 'main.js');
const temp = new TempDirs();
afterAll(() => temp.cleanup());

/** Runs a compiled entry point from the repository root, as the CLIs do, with `env` added. */
function runApp(main: string, env: Record<string, string>) {
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm test does)`);
  return spawnSync(process.execPath, [main], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, MESHFLEET_DEBUG: '', ...env } });
}

const STACK_TRACE = /^\s+at /m;

describe('the cdk8s app', () => {
  test('writes only the Kubernetes folder and says so in one line on stderr', () => {
    const outdir = path.join(temp.make(), 'k8s');
    const result = runApp(K8S_MAIN, { CDK8S_OUTDIR: outdir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`${onlyKubernetesNotice(outdir)}\n`);
    expect(result.stderr).toContain("'meshfleet synth' writes the whole output");
    expect(fs.readdirSync(outdir).sort()).toEqual(['gke-central-priv', 'gke-ingress', 'gke-west-priv']);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['k8s']);
  });

  test('a bad topology: the file, one line per problem with its field path, exit 1, no stack trace', () => {
    const dir = temp.make();
    const topology = writeFile(dir, 'bad.yaml', badTopologyText());
    const result = runApp(K8S_MAIN, { CDK8S_OUTDIR: path.join(dir, 'k8s'), MESHFLEET_TOPOLOGY: topology });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^.*bad\.yaml: \d+ problems\nclusters\[0\]\.zone: /);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(fs.existsSync(path.join(dir, 'k8s'))).toBe(false);
  });

  test('a folder that is not empty is refused, and nothing in it is deleted (issue 17, point 6)', () => {
    const outdir = temp.make();
    writeFile(outdir, '.git/HEAD', 'ref: refs/heads/main\n');
    writeFile(outdir, 'gke-west-priv/mine.yaml', 'mine\n');
    const before = snapshot(outdir);
    const result = runApp(K8S_MAIN, { CDK8S_OUTDIR: outdir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `meshfleet: refusing to write into ${outdir}: it is not empty (cdk8s synth empties its output folder first; remove it, or set CDK8S_OUTDIR to an empty folder)\n`,
    );
    expect(snapshot(outdir)).toEqual(before);
  });

  test('any other error: one line, exit 1, no stack trace', () => {
    const dir = temp.make();
    const blocker = writeFile(dir, 'file', 'not a folder\n');
    const result = runApp(K8S_MAIN, { CDK8S_OUTDIR: path.join(blocker, 'k8s') });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^meshfleet: .*ENOTDIR.*\n$/);
  });
});

describe('the cdktf app', () => {
  test('synthesizes the stacks; every path of manifest.json exists', () => {
    const outdir = path.join(temp.make(), 'cdktf.out', 'terraform');
    const result = runApp(TERRAFORM_MAIN, { CDKTF_OUTDIR: outdir });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(['clusters', 'fleet', 'network']);
    for (const stack of Object.values<any>(manifest.stacks)) {
      expect(stack.stackMetadataPath).toBeUndefined();
      for (const file of [stack.synthesizedStackPath, stack.workingDirectory]) {
        expect({ file, exists: fs.existsSync(path.join(outdir, file)) }).toEqual({ file, exists: true });
      }
      for (const dependency of stack.dependencies) expect(Object.keys(manifest.stacks)).toContain(dependency);
    }
    expect(
      snapshot(outdir)
        .filter((l) => !l.endsWith('/'))
        .map((l) => l.split(' ')[0]),
    ).toEqual(['manifest.json', 'stacks/clusters/cdk.tf.json', 'stacks/fleet/cdk.tf.json', 'stacks/network/cdk.tf.json']);
  });

  test('a bad topology: the file, one line per problem with its field path, exit 1, no stack trace', () => {
    const dir = temp.make();
    const topology = writeFile(dir, 'bad.yaml', badTopologyText());
    const result = runApp(TERRAFORM_MAIN, { CDKTF_OUTDIR: path.join(dir, 'out'), MESHFLEET_TOPOLOGY: topology });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^.*bad\.yaml: \d+ problems\nclusters\[0\]\.zone: /);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
