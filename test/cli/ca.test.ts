import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { run, snapshot, TempDirs, writeFile } from './helpers';

// RSA 4096 keys take a second or more each: one run makes the CA folder that the tests copy.
jest.setTimeout(60_000);

const clusterLine = (name: string, n: number): string => `  - { name: ${name}, zone: us-west1-a, masterCidr: 172.16.0.${16 * n}/28, podCidr: 10.${4 * (n + 1)}.0.0/14 }\n`;

function topologyText(clusters: readonly string[], mesh = '{ management: in-cluster, revision: asm-186-8, version: 1.29.6 }'): string {
  return [
    'name: ca-test\n',
    'project: { id: meshfleet-demo, number: "123456789012" }\n',
    'operatorCidrs: [203.0.113.10/32]\n',
    'clusters:\n',
    ...clusters.map((name, n) => clusterLine(name, n)),
    ...(mesh ? [`mesh: ${mesh}\n`] : []),
  ].join('');
}

const CLUSTER_FILES = ['ca-cert.pem', 'ca-key.pem', 'root-cert.pem', 'cert-chain.pem', 'kustomization.yaml'];

function wroteLines(cluster: string): string[] {
  return CLUSTER_FILES.map((name) => `wrote ca/${cluster}/${name}`);
}

function nextSteps(clusters: readonly string[]): string[] {
  return [
    'next: create the cacerts Secret in each cluster before installing Istio there (its namespace istio-system must exist):',
    ...clusters.map((cluster) => `  kubectl --context=<context of ${cluster}> apply --server-side -k ca/${cluster}`),
    "warning: keep ca/root-key.pem offline, out of Git and of every cluster: it can issue identities for the whole mesh; bring it back only to add clusters with 'meshfleet ca'",
  ];
}

/** Every entry below `dir` as `relative mode`, sorted. */
function modes(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => `${entry} ${(fs.statSync(path.join(dir, entry)).mode & 0o777).toString(8)}`)
    .sort();
}

const cert = (file: string): X509Certificate => new X509Certificate(fs.readFileSync(file));

const temp = new TempDirs();
const startDir = process.cwd();
/** The CA folder of the first run, for cluster1 and cluster2; tests work on copies. */
let firstRun: string;
let firstResult: Awaited<ReturnType<typeof run>>;

beforeAll(async () => {
  const dir = temp.make();
  process.chdir(dir);
  writeFile(dir, 'mesh.yaml', topologyText(['cluster1', 'cluster2']));
  firstResult = await run('ca', '--topology', 'mesh.yaml', '--out', 'ca');
  firstRun = path.join(dir, 'ca');
});

afterAll(() => {
  process.chdir(startDir);
  temp.cleanup();
});

/** A new working directory holding a copy of the first run's folder as `ca`, and `topology`. */
function workDir(clusters: readonly string[], mesh?: string): string {
  const dir = temp.make();
  fs.cpSync(firstRun, path.join(dir, 'ca'), { recursive: true });
  writeFile(dir, 'mesh.yaml', topologyText(clusters, mesh));
  process.chdir(dir);
  return path.join(dir, 'ca');
}

describe('meshfleet ca', () => {
  test('writes the root and a folder per mesh cluster, keys 0600, folders 0700, other files 0644', () => {
    expect(firstResult).toEqual({
      status: 0,
      stdout: ['wrote ca/root-cert.pem', 'wrote ca/root-key.pem', ...wroteLines('cluster1'), ...wroteLines('cluster2'), ...nextSteps(['cluster1', 'cluster2'])],
      stderr: [],
    });
    const cluster = (name: string): string[] => [
      `${name} 700`,
      `${name}/ca-cert.pem 644`,
      `${name}/ca-key.pem 600`,
      `${name}/cert-chain.pem 644`,
      `${name}/kustomization.yaml 644`,
      `${name}/root-cert.pem 644`,
    ];
    expect(modes(firstRun)).toEqual([...cluster('cluster1'), ...cluster('cluster2'), 'root-cert.pem 644', 'root-key.pem 600'].sort());
    expect(fs.statSync(firstRun).mode & 0o777).toBe(0o700);
  });

  test.each(['cluster1', 'cluster2'])('%s/ holds an intermediate CA of the root, its key, the chain and the root', (name) => {
    const dir = path.join(firstRun, name);
    const root = cert(path.join(firstRun, 'root-cert.pem'));
    const intermediate = cert(path.join(dir, 'ca-cert.pem'));
    expect(intermediate.subject).toBe(`O=Istio\nCN=Intermediate CA\nL=${name}`);
    expect(intermediate.checkIssued(root)).toBe(true);
    expect(intermediate.verify(root.publicKey)).toBe(true);
    expect(createPublicKey(createPrivateKey(fs.readFileSync(path.join(dir, 'ca-key.pem')))).equals(intermediate.publicKey)).toBe(true);
    expect(createPublicKey(createPrivateKey(fs.readFileSync(path.join(firstRun, 'root-key.pem')))).equals(root.publicKey)).toBe(true);
    const read = (file: string): string => fs.readFileSync(file, 'utf8');
    expect(read(path.join(dir, 'root-cert.pem'))).toBe(read(path.join(firstRun, 'root-cert.pem')));
    expect(read(path.join(dir, 'cert-chain.pem'))).toBe(read(path.join(dir, 'ca-cert.pem')) + read(path.join(firstRun, 'root-cert.pem')));
    for (const key of ['ca-key.pem', '../root-key.pem']) expect(read(path.join(dir, key))).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  test('kubectl kustomize turns a cluster folder into the cacerts Secret of istio-system', () => {
    const dir = path.join(firstRun, 'cluster1');
    const secret = parse(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' })) as {
      kind: string;
      type: string;
      metadata: { name: string; namespace: string };
      data: Record<string, string>;
    };
    expect([secret.kind, secret.type, secret.metadata]).toEqual(['Secret', 'Opaque', { name: 'cacerts', namespace: 'istio-system' }]);
    expect(Object.keys(secret.data).sort()).toEqual(['ca-cert.pem', 'ca-key.pem', 'cert-chain.pem', 'root-cert.pem']);
    for (const [name, value] of Object.entries(secret.data)) {
      expect(Buffer.from(value, 'base64').equals(fs.readFileSync(path.join(dir, name)))).toBe(true);
    }
  });

  test('a second run keeps every file byte-identical and adds a new cluster under the same root', async () => {
    const ca = workDir(['cluster1', 'cluster2', 'cluster3']);
    const before = snapshot(ca);
    const result = await run('ca', '-t', 'mesh.yaml', '-o', 'ca');
    expect(result).toEqual({
      status: 0,
      stdout: [
        'reused the root CA of ca/root-cert.pem',
        'kept ca/cluster1/ (all 5 files present)',
        'kept ca/cluster2/ (all 5 files present)',
        ...wroteLines('cluster3'),
        ...nextSteps(['cluster1', 'cluster2', 'cluster3']),
      ],
      stderr: [],
    });
    expect(snapshot(ca).filter((line) => !line.startsWith('cluster3'))).toEqual(before);
    const added = cert(path.join(ca, 'cluster3', 'ca-cert.pem'));
    expect(added.subject).toBe('O=Istio\nCN=Intermediate CA\nL=cluster3');
    expect(added.verify(cert(path.join(ca, 'root-cert.pem')).publicKey)).toBe(true);
    expect(modes(path.join(ca, 'cluster3'))).toEqual(['ca-cert.pem 644', 'ca-key.pem 600', 'cert-chain.pem 644', 'kustomization.yaml 644', 'root-cert.pem 644']);
  });

  test.each([
    [
      'a cluster folder with some of its files',
      (ca: string) => ['ca-key.pem', 'kustomization.yaml'].forEach((name) => fs.rmSync(path.join(ca, 'cluster2', name))),
      ['meshfleet: ca/cluster2 is incomplete: missing ca-key.pem, kustomization.yaml ' + '(found 3 of its 5 files, expected all of them, or none to issue a new intermediate CA)'],
    ],
    [
      'a root key without its certificate',
      (ca: string) => fs.rmSync(path.join(ca, 'root-cert.pem')),
      ['meshfleet: ca holds only root-key.pem of the root CA (found 1 of root-cert.pem and root-key.pem, expected both to reuse the root, or neither to create one)'],
    ],
    [
      'cluster folders without their root',
      (ca: string) => ['root-cert.pem', 'root-key.pem'].forEach((name) => fs.rmSync(path.join(ca, name))),
      ['cluster1', 'cluster2'].map(
        (name) =>
          `meshfleet: ca/${name} was issued by another root CA (found ca/${name}/root-cert.pem but no ca/root-cert.pem, ` +
          'expected a copy of the root CA that signs the new intermediate CAs)',
      ),
    ],
    [
      'a cluster folder of another root',
      (ca: string) => {
        fs.rmSync(path.join(ca, 'cluster1', 'root-cert.pem'));
        fs.copyFileSync(path.join(ca, 'cluster2', 'ca-cert.pem'), path.join(ca, 'cluster1', 'root-cert.pem'));
      },
      [
        'meshfleet: ca/cluster1 was issued by another root CA (found ca/cluster1/root-cert.pem different from ca/root-cert.pem, ' +
          'expected a copy of the root CA that signs the new intermediate CAs)',
      ],
    ],
    [
      'a root key that does not belong to the root certificate',
      (ca: string) => {
        fs.rmSync(path.join(ca, 'root-key.pem'));
        fs.copyFileSync(path.join(ca, 'cluster1', 'ca-key.pem'), path.join(ca, 'root-key.pem'));
      },
      [
        'meshfleet: cannot reuse the root CA of ca (root-cert.pem, root-key.pem): the key does not belong to the certificate ' +
          "(found the private key of another key pair, expected the certificate's)",
      ],
    ],
  ])('%s is an error and nothing is written', async (_what, damage, stderr) => {
    const ca = workDir(['cluster1', 'cluster2', 'cluster3']);
    damage(ca);
    const before = snapshot(ca);
    expect(await run('ca', '-t', 'mesh.yaml', '-o', 'ca')).toEqual({ status: 1, stdout: [], stderr });
    expect(snapshot(ca)).toEqual(before);
  });

  test.each([
    ['the output folder itself', 'dist', 'terraform/manifest.json'],
    ['a folder below it', 'dist/secrets/ca', 'terraform/manifest.json'],
    ['a marked output folder', 'dist', '.meshfleet-output.json'],
    ['a folder below a marked output', 'dist/secrets/ca', '.meshfleet-output.json'],
  ])('refuses %s of meshfleet synth and writes nothing', async (_what, out, evidence) => {
    const dir = path.dirname(workDir(['cluster1']));
    writeFile(dir, `dist/${evidence}`, '{}\n');
    const before = snapshot(dir);
    expect(await run('ca', '-t', 'mesh.yaml', '-o', out)).toEqual({
      status: 1,
      stdout: [],
      stderr: [
        `meshfleet: refusing to write CA material into ${out}: it is inside meshfleet output (found dist/${evidence}, ` +
          "expected a folder outside any 'meshfleet synth' output, which GitOps repositories commit; private keys must not go there)",
      ],
    });
    expect(snapshot(dir)).toEqual(before);
  });

  test.each([
    [
      'a fleet-managed mesh',
      '{ management: fleet }',
      'the mesh is managed by the fleet, whose CA issues the workload certificates; plug-in CA material is for in-cluster meshes only ' +
        '(found mesh.management: fleet, expected in-cluster)',
    ],
    ['no mesh', '', 'the topology runs no mesh (found no mesh, expected mesh.management: in-cluster)'],
  ])('refuses a topology with %s and writes nothing', async (_what, mesh, reason) => {
    const dir = path.dirname(workDir(['cluster1', 'cluster2'], mesh));
    const result = await run('ca', '-t', 'mesh.yaml', '-o', 'new-ca');
    expect(result).toEqual({ status: 1, stdout: [], stderr: [`meshfleet: no plug-in CA material for mesh.yaml: ${reason}`] });
    expect(fs.existsSync(path.join(dir, 'new-ca'))).toBe(false);
  });

  test('--out is required', async () => {
    const result = await run('ca', '--topology', 'mesh.yaml');
    expect(result.status).toBe(2);
    expect(result.stderr[result.stderr.length - 1]).toBe('Usage: meshfleet ca [FILE] --out DIR');
  });
});
