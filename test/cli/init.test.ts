import * as fs from 'node:fs';
import * as path from 'node:path';
import { exampleNames } from '../../src/cli/init-command';
import { loadTopologyFile } from '../../src/load/load';
import { EXAMPLES_DIR, REPO_ROOT, run, TempDirs } from './helpers';

jest.setTimeout(60_000);

const temp = new TempDirs();
const startDir = process.cwd();
afterEach(() => {
  process.chdir(startDir);
  temp.cleanup();
});

describe('meshfleet init', () => {
  test('writes meshfleet.yaml from the starter, its $schema line relative to it; validate and synth then find it', async () => {
    const dir = temp.make();
    process.chdir(dir);
    const result = await run('init');
    expect(result).toEqual({
      status: 0,
      stdout: ["wrote meshfleet.yaml (from the example starter); next: edit it, then 'meshfleet validate' and 'meshfleet synth'"],
      stderr: [],
    });
    const text = fs.readFileSync('meshfleet.yaml', 'utf8');
    const schema = path.relative(fs.realpathSync(dir), path.join(REPO_ROOT, 'topology.schema.json')).split(path.sep).join('/');
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${schema}`);
    expect(fs.existsSync(path.resolve(schema))).toBe(true);
    expect(text.split('\n').slice(1)).toEqual(fs.readFileSync(path.join(EXAMPLES_DIR, 'starter.yaml'), 'utf8').split('\n').slice(1));
    expect(loadTopologyFile('meshfleet.yaml').name).toBe('starter');

    const validate = await run('validate');
    expect(validate.status).toBe(0);
    expect(validate.stdout[validate.stdout.length - 1]).toMatch(/^ok: meshfleet\.yaml: 1 cluster/);
    expect((await run('synth')).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist', 'k8s', 'gke-central'))).toBe(true);
  });

  test('FILE and --example: another name and example; never replaces a file', async () => {
    const dir = temp.make();
    process.chdir(dir);
    fs.mkdirSync('topologies');
    expect((await run('init', 'topologies/mesh.yaml', '--example', 'istio-primary-remote')).status).toBe(0);
    const text = fs.readFileSync('topologies/mesh.yaml', 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/.*topology\.schema\.json\n/);
    expect(loadTopologyFile('topologies/mesh.yaml').name).toBe('istio-primary-remote');

    const again = await run('init', 'topologies/mesh.yaml');
    expect(again.status).toBe(1);
    expect(again.stderr).toEqual(['meshfleet: cannot write topologies/mesh.yaml: it exists (init never replaces a file; remove it or name another FILE)']);
    expect(fs.readFileSync('topologies/mesh.yaml', 'utf8')).toBe(text);
  });

  test('an unknown example is a usage error with the closest name and the list', async () => {
    process.chdir(temp.make());
    const result = await run('init', '--example', 'istio-primary-remot');
    expect(result.status).toBe(2);
    expect(result.stderr[0]).toBe(`meshfleet: --example: no example 'istio-primary-remot'; did you mean 'istio-primary-remote'? (examples: ${exampleNames().join(', ')})`);
    expect(fs.readdirSync('.')).toEqual([]);
  });
});

describe('meshfleet version', () => {
  test('text and json', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(await run('version')).toEqual({ status: 0, stdout: [`meshfleet ${version} (node ${process.version}, ${process.platform}-${process.arch})`], stderr: [] });
    const json = await run('version', '--format', 'json');
    expect(JSON.parse(json.stdout.join('\n'))).toEqual({ meshfleet: version, node: process.version, platform: `${process.platform}-${process.arch}` });
  });
});
