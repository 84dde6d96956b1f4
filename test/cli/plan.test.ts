import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPlan } from '../../src/plan/build-plan';
import { loadTopologyFile } from '../../src/load/load';
import { badTopologyText, BIN, DEFAULT_EXAMPLE, EXAMPLES_DIR, run, TempDirs, writeFile } from './helpers';

jest.setTimeout(60_000);

const temp = new TempDirs();
afterAll(() => temp.cleanup());

function meshfleet(cwd: string, ...args: string[]) {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does)`);
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, MESHFLEET_DEBUG: '' } });
}

describe('meshfleet plan (the built binary)', () => {
  test('--format json prints the FleetPlan, byte-identical across runs, and writes nothing', () => {
    const cwd = temp.make();
    const file = path.join(EXAMPLES_DIR, 'istio-primary-remote.yaml');
    const first = meshfleet(cwd, 'plan', '--topology', file, '--format', 'json');
    const second = meshfleet(cwd, 'plan', '-t', file, '--format', 'json');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(JSON.parse(first.stdout)).toEqual(JSON.parse(JSON.stringify(buildPlan(loadTopologyFile(file)))));
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  test('a bad topology exits 1 with the usual problem lines', () => {
    const cwd = temp.make();
    writeFile(cwd, 'bad.yaml', badTopologyText());
    const bad = meshfleet(cwd, 'plan', '--topology', 'bad.yaml');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^bad\.yaml: \d+ problems\nclusters\[0\]\.zone: /);
  });
});

describe('meshfleet plan', () => {
  test('text: a table per cluster folder with file, kind, namespace/name and source', async () => {
    const result = await run('plan');
    expect(result.status).toBe(0);
    expect(result.stderr).toEqual([]);
    const plan = buildPlan(loadTopologyFile(DEFAULT_EXAMPLE));
    expect(result.stdout[0]).toBe('plan of private-asm-multicluster');
    for (const cluster of plan.clusters) {
      const objects = cluster.files.reduce((n, f) => n + f.objects.length, 0);
      expect(result.stdout).toContain(`${cluster.folder}/: ${cluster.files.length} files, ${objects} objects`);
    }
    expect(result.stdout).toContainEqual(expect.stringMatching(/^ {2}FILE +KIND +NAMESPACE\/NAME +SOURCE$/));
    expect(result.stdout).toContainEqual(expect.stringMatching(/^ {2}bank-of-anthos\.yaml +StatefulSet +bank-of-anthos\/ledger-db +apps\[0\]\.workloads\[\d+\]$/));
    expect(result.stdout).toContainEqual(expect.stringMatching(/^ {2}multi-cluster-ingress\.yaml +MultiClusterIngress +asm-ingress\/\S+ +multiClusterIngress$/));
    expect(result.stdout.every((line) => line === line.trimEnd())).toBe(true);
  });

  test('text: istioctl inputs are marked, and the mesh install steps follow', async () => {
    const result = await run('plan', '--topology', path.join(EXAMPLES_DIR, 'istio-primary-remote.yaml'));
    expect(result.status).toBe(0);
    expect(result.stdout).toContainEqual(expect.stringMatching(/^ {2}mesh-install\/control-plane\.yaml \(istioctl\) +IstioOperator +-\/control-plane +clusters\[0\]$/));
    expect(result.stdout).toContain('  cluster1 (primary, network network1): mesh-install/control-plane.yaml, then mesh-install/eastwest-gateway.yaml; remote secrets of cluster2');
  });

  test('--format json on a bad topology: one document with the problems, exit 1', async () => {
    const dir = temp.make();
    const file = writeFile(dir, 'bad.yaml', badTopologyText());
    const result = await run('plan', '--topology', file, '--format', 'json');
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual([]);
    const document = JSON.parse(result.stdout.join('\n'));
    expect(document.ok).toBe(false);
    expect(document.problems[0]).toEqual({ path: 'clusters[0].zone', message: expect.any(String) });
  });
});
