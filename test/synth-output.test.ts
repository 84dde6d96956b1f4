import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeAll } from '../src/synth';
import { STACK_ORDER } from '../src/terraform/stacks';
import { loadTopologyFile } from '../src/topology/load/load';
import { listFiles } from '../src/output/list-files';
import { markerProblem } from '../src/output/marker';
import { MARKER_FILE } from '../src/output/paths';

/*
 * What every example's whole output must never hold (private keys, tokens, absolute paths),
 * and its runbook, README.md: present, byte-identical across runs and output folders.
 */

jest.setTimeout(120_000);

const REPO_ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const examples = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
/** A `token:` field (YAML `token: x`, JSON `"token": "x"`), not words such as `automountServiceAccountToken`. */
const TOKEN_FIELD = /(^|[^A-Za-z0-9_])token["']?\s*:/im;
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/;

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-synth-output-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(examples)('synth output of %s', (file) => {
  const topologyPath = `examples/${file}`;
  let first: string;
  let second: string;

  beforeAll(async () => {
    const model = loadTopologyFile(path.join(EXAMPLES, file));
    first = path.join(tempDir(), 'out');
    second = path.join(tempDir(), 'nested', 'other-out');
    fs.mkdirSync(first, { recursive: true });
    fs.mkdirSync(second, { recursive: true });
    // Two renderings of the diagram: the output must not depend on the run.
    await synthesizeAll(model, first, { topologyPath });
    await synthesizeAll(model, second, { topologyPath });
  });

  test('no file holds a private key, a token field or a JWT', () => {
    const files = listFiles(first);
    expect(files.length).toBeGreaterThan(1);
    for (const relative of files) {
      const text = fs.readFileSync(path.join(first, relative), 'utf8');
      for (const [what, pattern] of [
        ['a PEM private key', PEM_PRIVATE_KEY],
        ['a token field', TOKEN_FIELD],
        ['a JWT', JWT],
      ] as const) {
        if (pattern.test(text)) throw new Error(`${relative} holds ${what}: ${text.match(pattern)?.[0]}`);
      }
    }
  });

  test('README.md is written and names the topology', () => {
    const readme = fs.readFileSync(path.join(first, 'README.md'), 'utf8');
    const model = loadTopologyFile(path.join(EXAMPLES, file));
    expect(readme.startsWith(`# Deploying ${model.name}\n`)).toBe(true);
    if (model.mesh?.management === 'in-cluster') expect(readme).toContain(`meshfleet ca --topology ${topologyPath} `);
  });

  test('README.md is deterministic: byte-identical from two runs into different folders', () => {
    expect(fs.readFileSync(path.join(second, 'README.md'))).toEqual(fs.readFileSync(path.join(first, 'README.md')));
  });

  test('diagram.svg is written, shown under the runbook title, and byte-identical from two runs', () => {
    const svg = fs.readFileSync(path.join(first, 'diagram.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(fs.readFileSync(path.join(second, 'diagram.svg'), 'utf8')).toBe(svg);
    const readme = fs.readFileSync(path.join(first, 'README.md'), 'utf8').split('\n');
    expect(readme.indexOf('![topology](diagram.svg)')).toBeGreaterThan(0);
    expect(readme.indexOf('![topology](diagram.svg)')).toBeLessThan(readme.findIndex((l) => l.startsWith('## ')));
  });

  test('terraform/manifest.json names only files and folders that exist', () => {
    const manifestFile = path.join(first, 'terraform', 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    for (const stack of Object.values<Record<string, unknown>>(manifest.stacks)) {
      // File paths: every `...Path` (constructPath is a construct path, not a file) and workingDirectory.
      const paths = Object.entries(stack).filter(([key]) => (key.endsWith('Path') && key !== 'constructPath') || key === 'workingDirectory');
      expect(paths.map(([key]) => key).sort()).toEqual(['synthesizedStackPath', 'workingDirectory']);
      for (const [key, relative] of paths) {
        expect({ key, relative, exists: fs.existsSync(path.join(first, 'terraform', relative as string)) }).toEqual({ key, relative, exists: true });
      }
    }
  });

  test('README.md mentions no absolute path', () => {
    const readme = fs.readFileSync(path.join(first, 'README.md'), 'utf8');
    const forbidden = [first, second, os.tmpdir(), fs.realpathSync(os.tmpdir()), REPO_ROOT, process.cwd(), os.homedir(), '/tmp'];
    for (const needle of forbidden) expect(readme).not.toContain(needle);
  });

  test('README.md lists only files that exist, relative to the output folder', () => {
    const readme = fs.readFileSync(path.join(first, 'README.md'), 'utf8');
    const mentioned = [...readme.matchAll(/(?:^|[\s`])((?:k8s|terraform)\/[A-Za-z0-9._/-]+)/gm)].map((m) => m[1]);
    expect(mentioned.length).toBeGreaterThan(0);
    for (const relative of new Set(mentioned)) {
      if (relative.includes('<')) continue;
      expect({ relative, exists: fs.existsSync(path.join(first, relative)) }).toEqual({ relative, exists: true });
    }
  });

  test('README.md applies every Terraform stack written, in apply order, and destroys them in reverse order', () => {
    const readme = fs.readFileSync(path.join(first, 'README.md'), 'utf8');
    const [deploy, teardown] = readme.split(/^## \d+\. Teardown$/m);
    const stacksDir = path.join(first, 'terraform', 'stacks');
    const written = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : [];
    expect(written.filter((s) => !(STACK_ORDER as readonly string[]).includes(s))).toEqual([]);
    const applied = [...deploy.matchAll(/^terraform -chdir=terraform\/stacks\/(\S+) apply$/gm)].map((m) => m[1]);
    expect(applied).toEqual(STACK_ORDER.filter((s) => written.includes(s)));
    const destroyed = [...teardown.matchAll(/^terraform -chdir=terraform\/stacks\/(\S+) destroy$/gm)].map((m) => m[1]);
    expect(destroyed).toEqual(STACK_ORDER.filter((s) => written.includes(s)).reverse());
  });

  test('carries the marker that makes it replaceable, byte-identical across output folders', () => {
    expect(markerProblem(first)).toBeUndefined();
    expect(fs.readFileSync(path.join(second, MARKER_FILE))).toEqual(fs.readFileSync(path.join(first, MARKER_FILE)));
  });

  test('keeps no Terraform state inside the output: every local backend points beside it', () => {
    const stacksDir = path.join(first, 'terraform', 'stacks');
    const model = loadTopologyFile(path.join(EXAMPLES, file));
    for (const stack of fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : []) {
      const backend = JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8')).terraform.backend;
      if (backend.local === undefined) continue;
      const state = path.resolve(stacksDir, stack, backend.local.path);
      expect(path.relative(first, state).startsWith('..')).toBe(true);
      expect(state).toBe(path.join(path.dirname(first), 'terraform-state', model.name, `${stack}.tfstate`));
    }
  });

  test('README.md installs every istioctl input written', () => {
    const readme = fs.readFileSync(path.join(first, 'README.md'), 'utf8');
    const inputs = listFiles(first).filter((f) => f.split('/').includes('mesh-install'));
    for (const input of inputs) {
      const [, cluster] = input.split('/');
      // Settings known only after Terraform (a reserved address) follow the file as `--set` arguments.
      const command = `istioctl install --context="\${CTX_${cluster.toUpperCase().replace(/-/g, '_')}}" -y -f ${input}`;
      expect(readme.split('\n').some((line) => line === command || line.startsWith(`${command} --set `))).toBe(true);
    }
  });
});

test('an absolute topology path is not written into the runbook', async () => {
  const file = path.join(EXAMPLES, 'asm-onprem-vmware.yaml');
  const out = tempDir();
  const model = loadTopologyFile(file);
  await synthesizeAll(model, out, { topologyPath: file });
  const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
  expect(readme).not.toContain(file);
  expect(readme).toContain('export MESHFLEET_TOPOLOGY="<topology file>"');
  expect(readme).toContain('meshfleet ca --topology "${MESHFLEET_TOPOLOGY}" ');
});

test('an absolute output folder is not written into the runbook: the re-synth names the working folder', async () => {
  const file = path.join(EXAMPLES, 'internal-multicluster-gateway.yaml');
  const out = tempDir();
  const model = loadTopologyFile(file);
  await synthesizeAll(model, out, { topologyPath: 'examples/internal-multicluster-gateway.yaml', outPath: out });
  const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
  expect(readme).not.toContain(out);
  expect(readme).toContain('export MESHFLEET_PROJECT="<meshfleet project folder>"');
  expect(readme).toContain('--out "${out}") && cd "${PWD}"');
});
