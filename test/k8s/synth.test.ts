import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { buildKubernetesManifests, renderKustomization, renderYaml, synthKubernetes } from '../../src/k8s/synth';
import { KUSTOMIZATION_FILE, MESH_INSTALL_DIR, MESH_INSTALL_FILES } from '../../src/output/paths';
import { EXAMPLES, IN_CLUSTER_EXAMPLES, exampleInput, loadExample, modelOf } from './helpers';
import { validateObjects } from './schema';

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-k8s-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir`, relative path → content. */
function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else out.set(rel, fs.readFileSync(path.join(dir, rel)));
    }
  };
  walk('');
  return out;
}

const examples = Object.entries(EXAMPLES);

describe.each(examples)('%s (%s)', (_key, file) => {
  const model = loadExample(file);
  const outdir = tmpDir();
  const written = synthKubernetes(model, outdir);

  test('one folder per cluster, holding exactly the files reported', () => {
    expect(fs.readdirSync(outdir).sort()).toEqual(model.clusters.map((c) => c.name).sort());
    expect(written.map((c) => c.cluster)).toEqual(model.clusters.map((c) => c.name));
    for (const c of written) {
      expect(c.dir).toBe(path.join(outdir, c.cluster));
      expect([...readTree(c.dir).keys()].sort()).toEqual([...c.files].sort());
      expect(c.files[c.files.length - 1]).toBe(KUSTOMIZATION_FILE);
    }
  });

  test('kustomization.yaml lists the YAML files in order, never the mesh-install inputs', () => {
    for (const c of written) {
      const kustomization = parse(fs.readFileSync(path.join(c.dir, KUSTOMIZATION_FILE), 'utf8'));
      expect(kustomization).toEqual({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: c.files.filter((f) => f !== KUSTOMIZATION_FILE && !c.meshInstall.includes(f)),
      });
      expect(kustomization.resources[0]).toBe('namespaces.yaml');
      expect(kustomization.resources.filter((f: string) => f.startsWith(`${MESH_INSTALL_DIR}/`))).toEqual([]);
    }
  });

  test('meshInstall: mesh-install/ files in install order, also listed in files before kustomization.yaml', () => {
    const inCluster = (IN_CLUSTER_EXAMPLES as readonly string[]).includes(file);
    for (const c of written) {
      const order = [MESH_INSTALL_FILES.controlPlane, MESH_INSTALL_FILES.eastWestGateway];
      expect(c.meshInstall).toEqual(order.filter((f) => c.meshInstall.includes(f)));
      expect(c.meshInstall.length > 0).toBe(inCluster);
      if (inCluster) expect(c.meshInstall[0]).toBe(MESH_INSTALL_FILES.controlPlane);
      expect(c.files.slice(-1 - c.meshInstall.length)).toEqual([...c.meshInstall, KUSTOMIZATION_FILE]);
      expect(fs.existsSync(path.join(c.dir, MESH_INSTALL_DIR))).toBe(inCluster);
    }
  });

  test('the YAML files hold exactly the built objects, each kubectl-applied one schema-valid', () => {
    const built = buildKubernetesManifests(model);
    const read = (cluster: string, f: string) => parseAllDocuments(fs.readFileSync(path.join(outdir, cluster, f), 'utf8')).map((d) => d.toJS());
    for (const c of built) {
      for (const f of c.files) {
        const docs = read(c.cluster, f.file);
        expect(docs).toEqual(f.objects);
        validateObjects(docs);
      }
      // IstioOperators have no schema: their shape is asserted in istio-operator / east-west-gateway tests.
      for (const f of c.meshInstall) {
        const docs = read(c.cluster, f.file);
        expect(docs).toEqual(f.objects);
        expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(['install.istio.io/v1alpha1 IstioOperator']);
      }
    }
  });

  test('kubectl kustomize builds every cluster folder', () => {
    for (const c of written) {
      const result = spawnSync('kubectl', ['kustomize', c.dir], { encoding: 'utf8' });
      expect({ cluster: c.cluster, status: result.status, stderr: result.stderr }).toEqual({ cluster: c.cluster, status: 0, stderr: '' });
      const objects = parseAllDocuments(result.stdout).map((d) => d.toJS());
      const expected = buildKubernetesManifests(model)
        .find((m) => m.cluster === c.cluster)!
        .files.flatMap((f) => f.objects);
      expect(objects).toHaveLength(expected.length);
      expect(objects.filter((o) => o.kind === 'IstioOperator')).toEqual([]);
    }
  });

  test('deterministic: a second synthesis writes the same bytes', () => {
    const again = tmpDir();
    synthKubernetes(loadExample(file), again);
    const first = readTree(outdir);
    const second = readTree(again);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [rel, content] of first) expect(second.get(rel)!.equals(content)).toBe(true);
  });

  test('no absolute paths, timestamps or cdk8s hash suffixes in the output', () => {
    for (const [rel, content] of readTree(outdir)) {
      const text = content.toString('utf8');
      // Temp folders by their meshfleet prefix: a bare /tmp is an app's own mount path (Bank of Anthos).
      expect({ rel, abs: text.includes(outdir) || text.includes(path.join(os.tmpdir(), 'meshfleet-')) }).toEqual({ rel, abs: false });
      expect({ rel, time: /\d{4}-\d\d-\d\dT\d\d:\d\d/.test(text) }).toEqual({ rel, time: false });
      expect({ rel, cdk8s: /cdk8s\.io|-c8[0-9a-f]{6}\b/.test(text) }).toEqual({ rel, cdk8s: false });
    }
  });
});

describe('rendering', () => {
  test('renderKustomization', () => {
    expect(renderKustomization(['namespaces.yaml', 'shop.yaml'])).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - namespaces.yaml\n  - shop.yaml\n',
    );
  });

  test('renderKustomization of a cluster with nothing to deploy: resources: []', () => {
    expect(renderKustomization([])).toBe('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n');
  });

  test('a cluster with nothing to deploy gets a folder with only its kustomization', () => {
    const input = exampleInput(EXAMPLES.privateAsm);
    delete input.multiClusterIngress;
    const outdir = tmpDir();
    const written = synthKubernetes(modelOf(input), outdir);
    expect(written.map((c) => c.cluster)).toEqual(['gke-west-priv', 'gke-central-priv', 'gke-ingress']);
    expect(written[2]).toEqual({ cluster: 'gke-ingress', dir: path.join(outdir, 'gke-ingress'), files: [KUSTOMIZATION_FILE], meshInstall: [] });
    expect(fs.readdirSync(path.join(outdir, 'gke-ingress'))).toEqual([KUSTOMIZATION_FILE]);
    expect(parse(fs.readFileSync(path.join(outdir, 'gke-ingress', KUSTOMIZATION_FILE), 'utf8')).resources).toEqual([]);
    // What a GitOps tool renders from it: nothing, without an error.
    const result = spawnSync('kubectl', ['kustomize', path.join(outdir, 'gke-ingress')], { encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr, stdout: result.stdout.trim() }).toEqual({ status: 0, stderr: '', stdout: '' });
  });

  test('renderYaml: documents separated by ---', () => {
    const text = renderYaml([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } },
    ]);
    expect(text).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n');
  });

  test('synthKubernetes creates the output folder and leaves other content alone', () => {
    const outdir = path.join(tmpDir(), 'nested', 'k8s');
    fs.mkdirSync(outdir, { recursive: true });
    fs.writeFileSync(path.join(outdir, 'keep.txt'), 'x');
    synthKubernetes(loadExample(EXAMPLES.canary), outdir);
    expect(fs.readdirSync(outdir).sort()).toEqual(['gke-boutique', 'keep.txt']);
  });
});
