import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { locateTopology } from '../../src/cli/topology-location';
import { DEFAULT_EXAMPLE, EXAMPLES_DIR, run, runExactly, TempDirs } from './helpers';

jest.setTimeout(60_000);

const temp = new TempDirs();
const startDir = process.cwd();
const savedEnv = process.env.MESHFLEET_TOPOLOGY;
afterEach(() => {
  process.chdir(startDir);
  if (savedEnv === undefined) delete process.env.MESHFLEET_TOPOLOGY;
  else process.env.MESHFLEET_TOPOLOGY = savedEnv;
  temp.cleanup();
});

const STARTER = fs.readFileSync(path.join(EXAMPLES_DIR, 'starter.yaml'), 'utf8');
const REMOTE = path.join(EXAMPLES_DIR, 'istio-primary-remote.yaml');

/** A fresh working folder holding `files` (name → text). */
function workingFolder(files: Record<string, string> = {}): string {
  const dir = temp.make();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  process.chdir(dir);
  return dir;
}

describe('which topology a command reads', () => {
  test('FILE as the positional argument, as --topology FILE does', async () => {
    workingFolder();
    const positional = await runExactly('validate', '--skip-analysis', REMOTE);
    const option = await runExactly('validate', '--skip-analysis', '--topology', REMOTE);
    expect(positional).toEqual(option);
    expect(positional.status).toBe(0);
    expect(positional.stdout[0]).toMatch(/^ok: .*istio-primary-remote\.yaml: /);
  });

  test.each(['meshfleet.yaml', 'meshfleet.yml', 'meshfleet.json'])('without FILE: %s in the working folder, shown by its name, no notice', async (name) => {
    workingFolder({ [name]: name.endsWith('.json') ? JSON.stringify(parse(STARTER)) : STARTER });
    const result = await runExactly('validate', '--skip-analysis');
    expect(result).toEqual({ status: 0, stdout: [expect.stringMatching(new RegExp(`^ok: ${name.replace('.', '\\.')}: 1 cluster`)) as string], stderr: [] });
  });

  test('the working folder wins over $MESHFLEET_TOPOLOGY, which wins over the demo', async () => {
    workingFolder();
    process.env.MESHFLEET_TOPOLOGY = REMOTE;
    expect(locateTopology(undefined, 'synth')).toEqual({ file: REMOTE, source: 'environment' });
    const fromEnv = await runExactly('validate', '--skip-analysis');
    expect(fromEnv.stderr).toEqual([]);
    expect(fromEnv.stdout[0]).toMatch(/istio-primary-remote\.yaml: /);

    fs.writeFileSync('meshfleet.yaml', STARTER);
    expect(locateTopology(undefined, 'synth')).toEqual({ file: 'meshfleet.yaml', source: 'working-folder' });
    expect(locateTopology('other.yaml', 'synth')).toEqual({ file: 'other.yaml', source: 'argument' });
  });

  test('nothing found: the demo, with a one-line notice on stderr (none with --format json)', async () => {
    workingFolder();
    delete process.env.MESHFLEET_TOPOLOGY;
    const text = await runExactly('validate', '--skip-analysis');
    expect(text.status).toBe(0);
    expect(text.stderr).toEqual([`meshfleet: no topology given and no meshfleet.yaml here: using the demo ${DEFAULT_EXAMPLE} (create your own with 'meshfleet init')`]);
    const json = await runExactly('validate', '--skip-analysis', '--format', 'json');
    expect(json.stderr).toEqual([]);
    expect(JSON.parse(json.stdout.join('\n')).topology).toBe('private-asm-multicluster');
  });

  test('two meshfleet.* files in one folder are a usage error naming both', async () => {
    workingFolder({ 'meshfleet.yaml': STARTER, 'meshfleet.json': '{}' });
    const result = await run('synth');
    expect(result.status).toBe(2);
    expect(result.stderr[0]).toBe("meshfleet: found meshfleet.yaml and meshfleet.json in .: name the topology to use, e.g. 'meshfleet synth meshfleet.yaml'");
    expect(fs.readdirSync('.').sort()).toEqual(['meshfleet.json', 'meshfleet.yaml']);
  });

  test('ca without FILE uses ./meshfleet.yaml', async () => {
    const dir = workingFolder({ 'meshfleet.yaml': fs.readFileSync(REMOTE, 'utf8') });
    const result = await run('ca', '--out', path.join(dir, 'ca'));
    expect(result.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'ca', 'root-cert.pem'))).toBe(true);
  });
});
