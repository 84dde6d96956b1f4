/**
 * meshfleet as a library: the packed package (`npm pack`) installed into a consumer project
 * compiles against its types and synthesizes, in-process and with its constructs inside the
 * consumer's own cdk8s and cdktf apps. The package's dependencies come from this repository's
 * node_modules (NODE_PATH), as an install from the registry would provide them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
const TSC = path.join(NODE_MODULES, 'typescript', 'bin', 'tsc');

jest.setTimeout(180_000);

const CONSUMER = `
import { App as Cdk8sApp, Chart } from 'cdk8s';
import { App as CdktfApp } from 'cdktf';
import * as path from 'node:path';
import { analyze, buildPlan, FleetPlan, k8s, loadTopologyFile, ResolvedTopology, synthesizeAll, synthesizeForAnalysis, terraform, TopologyError, validateTopology } from 'meshfleet';

async function main(): Promise<void> {
  const [topologyFile, out] = process.argv.slice(2);
  const model: ResolvedTopology = loadTopologyFile(topologyFile);
  const plan: FleetPlan = buildPlan(model);
  const findings = analyze(synthesizeForAnalysis(model)).filter((f) => f.severity === 'error');
  await synthesizeAll(model, path.join(out, 'dist'));

  // meshfleet's constructs in the consumer's own cdk8s app.
  const cdk8s = new Cdk8sApp({ outdir: path.join(out, 'cdk8s') });
  const chart = new Chart(cdk8s, 'mine');
  new k8s.AppNamespace(chart, 'shop', { name: 'shop', mesh: { management: 'fleet' } });
  new k8s.ExportedService(chart, 'store', { name: 'store', namespace: 'shop', selector: { app: 'store' }, port: 80, targetPort: 8080, portName: 'http' });
  cdk8s.synth();

  // meshfleet's stacks in the consumer's own cdktf app.
  const cdktf = new CdktfApp({ outdir: path.join(out, 'cdktf'), skipValidation: true });
  terraform.addStacks(cdktf, model, plan);
  cdktf.synth();

  let refused = '';
  try {
    validateTopology({ name: 'bad' }, 'inline');
  } catch (error) {
    if (error instanceof TopologyError) refused = error.problems.map((p) => p.path).join(',');
  }
  process.stdout.write(JSON.stringify({ name: model.name, clusters: plan.clusters.map((c) => c.name), errors: findings.length, refused }));
}

void main();
`;

describe('the packed package', () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-consumer-'));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('a TypeScript consumer compiles against its types and synthesizes with it', () => {
    // Pack: the package's `files` decide what a consumer gets.
    const tarball = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() as string;
    const installed = path.join(work, 'consumer', 'node_modules', 'meshfleet');
    fs.mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', installed, '--strip-components=1']);
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    expect(manifest.exports['.']).toEqual({ types: './lib/src/index.d.ts', default: './lib/src/index.js' });
    expect(fs.existsSync(path.join(installed, 'lib', 'src', 'index.d.ts'))).toBe(true);
    expect(fs.readdirSync(installed).sort()).toEqual(['README.md', 'crds', 'examples', 'lib', 'package.json', 'topology.schema.json']);

    const consumer = path.join(work, 'consumer');
    fs.writeFileSync(path.join(consumer, 'main.ts'), CONSUMER);
    fs.writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'node16',
          moduleResolution: 'node16',
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [path.join(NODE_MODULES, '@types')],
          baseUrl: '.',
          paths: { '*': [`${NODE_MODULES}/*`] },
        },
        files: ['main.ts'],
      }),
    );
    const compiled = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
    expect(compiled.stdout + compiled.stderr).toBe('');

    const out = path.join(work, 'out');
    const run = spawnSync(process.execPath, ['main.js', path.join(installed, 'examples', 'starter.yaml'), out], {
      cwd: consumer,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: NODE_MODULES },
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ name: 'starter', clusters: ['gke-central'], errors: 0, refused: 'project,clusters' });
    expect(fs.readdirSync(path.join(out, 'dist')).sort()).toEqual(expect.arrayContaining(['README.md', 'k8s', 'terraform']));
    expect(fs.readFileSync(path.join(out, 'cdk8s', 'mine.k8s.yaml'), 'utf8')).toContain('kind: ServiceExport');
    expect(fs.existsSync(path.join(out, 'cdktf', 'stacks', 'network', 'cdk.tf.json'))).toBe(true);
  });
});
