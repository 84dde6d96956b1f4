/**
 * The escape hatch (issue 18): extra objects and patches per app and per cluster. Rules with
 * field paths, placement in the plan and the kustomization, patches applied in process to
 * exactly their target, and `kubectl kustomize` building the folder.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildKubernetesManifests, synthKubernetes } from '../../src/k8s/synth';
import { buildPlan } from '../../src/plan/build-plan';
import { validateTopology } from '../../src/load/load';
import { CHART_FILES } from '../../src/output/paths';
import { Draft, expectOnlyProblem, problemsOf, topologyError } from '../topology/support';

const PDB = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } };

function topology(extra: { app?: Draft; clusters?: Draft[] } = {}): Draft {
  return {
    name: 'extras',
    project: { id: 'meshfleet-test' },
    clusters: [
      { name: 'gke-west', zone: 'us-west1-a', private: false, authorizedNetworks: false, ...(extra.clusters?.[0] ?? {}) },
      { name: 'gke-east', zone: 'us-east1-b', private: false, authorizedNetworks: false, ...(extra.clusters?.[1] ?? {}) },
    ],
    apps: [{ namespace: 'shop', workloads: [{ name: 'web', image: 'nginx:1.27', port: 8080 }], ...(extra.app ?? {}) }],
  };
}

function manifests(input: Draft) {
  const model = validateTopology(input, 'test');
  return buildKubernetesManifests(model, buildPlan(model));
}

describe('extra objects', () => {
  test("an app's extra object goes into the app's file in every cluster where the app has objects, in the app's namespace", () => {
    const out = manifests(topology({ app: { extraObjects: [PDB] } }));
    for (const cluster of out) {
      const file = cluster.files.find((f) => f.file === 'shop.yaml')!;
      const pdb = file.objects.find((o) => o.kind === 'PodDisruptionBudget') as { metadata: Record<string, unknown>; spec: unknown };
      expect(pdb.metadata).toMatchObject({ name: 'web', namespace: 'shop' });
      expect(pdb.spec).toEqual(PDB.spec);
      expect(cluster.files.map((f) => f.file)).not.toContain(CHART_FILES.extraObjects);
    }
  });

  test("a cluster's extra objects go into its extra-objects.yaml, last in its kustomization, and nowhere else", () => {
    const priority = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'critical' }, value: 1000 };
    const policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: {} } };
    const input = topology({ clusters: [{ extraObjects: [priority, policy] }] });
    const [west, east] = manifests(input);
    expect(west.files.map((f) => f.file).at(-1)).toBe(CHART_FILES.extraObjects);
    expect(west.files.at(-1)!.objects.map((o) => o.kind)).toEqual(['PriorityClass', 'NetworkPolicy']);
    expect(east.files.map((f) => f.file)).not.toContain(CHART_FILES.extraObjects);

    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-extras-'));
    try {
      const model = validateTopology(input, 'test');
      const [dir] = synthKubernetes(model, outdir);
      expect(fs.readFileSync(path.join(dir.dir, 'kustomization.yaml'), 'utf8')).toContain(`  - ${CHART_FILES.extraObjects}\n`);
      const result = spawnSync('kubectl', ['kustomize', dir.dir], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('kind: PriorityClass');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('the plan lists extra objects with their source', () => {
    const plan = buildPlan(validateTopology(topology({ app: { extraObjects: [PDB] } }), 'test'));
    const objects = plan.clusters[0].files.flatMap((f) => f.objects);
    expect(objects).toContainEqual({ kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', namespace: 'shop', name: 'web', source: 'apps[0].extraObjects[0]' });
  });

  test('an extra object that takes the name of a generated one is refused by the plan name checks', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } };
    const problems = problemsOf(topology({ app: { extraObjects: [service] } }));
    expect(problems).toEqual([
      {
        path: 'apps[0].extraObjects[0].name',
        message: 'apps[0].extraObjects[0] would be Service web in namespace shop, already taken by the Service of apps[0].workloads[0] (found "web", expected a name of its own)',
      },
    ]);
  });

  test.each([
    [{ ...PDB, apiVersion: 'policy' }, 'apps[0].extraObjects[0].apiVersion', 'not an apiVersion (found "policy", expected v1 or <group>/<version>, e.g. policy/v1)'],
    [
      { ...PDB, kind: 'podDisruptionBudget' },
      'apps[0].extraObjects[0].kind',
      'not a kind (found "podDisruptionBudget", expected an upper camel case kind, e.g. PodDisruptionBudget)',
    ],
    [
      { ...PDB, metadata: { name: 'Web_1' } },
      'apps[0].extraObjects[0].metadata.name',
      'not an object name (found "Web_1", expected a DNS subdomain of at most 253 characters (lowercase letters, digits, - and .))',
    ],
    [
      { ...PDB, metadata: { name: 'web', namespace: 'other' } },
      'apps[0].extraObjects[0].metadata.namespace',
      'an app\'s extra objects go into its namespace shop (found "other", expected shop or nothing (clusters[].extraObjects take any namespace))',
    ],
    [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', namespace: 'shop' } },
      'apps[0].extraObjects[0].metadata.namespace',
      'Namespace is cluster-scoped (found "shop", expected no namespace)',
    ],
    [
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token' }, stringData: { token: 'x' } },
      'apps[0].extraObjects[0]',
      'a Secret with data would put its secret into dist/, which is committed and shared (found "stringData", expected no Secret data in the topology: create the Secret outside meshfleet (a secret manager, External Secrets, kubectl create secret) and reference it by name)',
    ],
  ])('an app extra object %# is refused with its field path', (object, at, message) => {
    expectOnlyProblem(topology({ app: { extraObjects: [object] } }), at, message);
  });

  test('a namespaced extra object of a cluster names its namespace', () => {
    expectOnlyProblem(
      topology({ clusters: [{ extraObjects: [PDB] }] }),
      'clusters[0].extraObjects[0].metadata.namespace',
      'PodDisruptionBudget is namespaced; without a namespace kubectl would put it in the namespace of whoever applies it (found nothing, expected a namespace)',
    );
  });
});

describe('patches', () => {
  const envPatch = {
    target: { kind: 'Deployment', name: 'web' },
    strategicMerge: { spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'MODE', value: 'blue' }] }] } } } },
  };

  test('a patch changes exactly its target, in every cluster where the app has it, and the plan lists it', () => {
    const before = manifests(topology());
    const input = topology({ app: { patches: [envPatch] } });
    const after = manifests(input);
    after.forEach((cluster, k) => {
      cluster.files.forEach((f, i) =>
        f.objects.forEach((o, j) => {
          const was = before[k].files[i].objects[j];
          if (o.kind !== 'Deployment') expect(o).toEqual(was);
        }),
      );
      const deployment = cluster.files.find((f) => f.file === 'shop.yaml')!.objects.find((o) => o.kind === 'Deployment') as any;
      const container = deployment.spec.template.spec.containers[0];
      expect(container.env).toEqual([{ name: 'MODE', value: 'blue' }]);
      // The strategic merge kept the container's other fields.
      expect(container.image).toBe('nginx:1.27');
    });
    const plan = buildPlan(validateTopology(input, 'test'));
    expect(plan.clusters[0].patches).toEqual([
      { source: 'apps[0].patches[0]', file: 'shop.yaml', target: { kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'shop', name: 'web' } },
    ]);
  });

  test('a JSON patch and a merge patch on a cluster', () => {
    const patches = [
      { target: { kind: 'Service', name: 'web', namespace: 'shop' }, jsonPatch: [{ op: 'replace', path: '/spec/ports/0/port', value: 80 }] },
      { target: { kind: 'Namespace', name: 'shop' }, merge: { metadata: { labels: { team: 'shop' } } } },
    ];
    const [west, east] = manifests(topology({ clusters: [{ patches }] }));
    const service = west.files.find((f) => f.file === 'shop.yaml')!.objects.find((o) => o.kind === 'Service') as any;
    expect(service.spec.ports[0].port).toBe(80);
    const namespace = west.files.find((f) => f.file === 'namespaces.yaml')!.objects[0] as any;
    expect(namespace.metadata.labels.team).toBe('shop');
    const eastService = east.files.find((f) => f.file === 'shop.yaml')!.objects.find((o) => o.kind === 'Service') as any;
    expect(eastService.spec.ports[0].port).toBe(8080);
  });

  test('a patch whose target is not in its cluster is refused with the candidates', () => {
    expectOnlyProblem(
      topology({ clusters: [{ patches: [{ target: { kind: 'Deployment', name: 'api' }, merge: { spec: { replicas: 2 } } }] }] }),
      'clusters[0].patches[0].target',
      'cluster gke-west has no Deployment api to patch (found "api", expected one of the generated objects: Deployment shop/web)',
    );
    expectOnlyProblem(
      topology({ app: { patches: [{ target: { kind: 'StatefulSet', name: 'web' }, merge: { spec: { replicas: 2 } } }] } }),
      'apps[0].patches[0].target',
      'no cluster where the app has objects has a StatefulSet shop/web to patch (found "web", expected one of the generated objects: Namespace shop, Deployment shop/web, Service shop/web)',
    );
  });

  test.each([
    [{ target: { kind: 'Deployment', name: 'web' } }, 'apps[0].patches[0]', 'a patch is one of jsonPatch, merge and strategicMerge (found nothing, expected exactly one of them)'],
    [
      { target: { kind: 'Deployment', name: 'web' }, merge: {}, jsonPatch: [] },
      'apps[0].patches[0]',
      'a patch is one of jsonPatch, merge and strategicMerge (found "jsonPatch and merge", expected exactly one of them)',
    ],
    [
      { target: { kind: 'Deployment', name: 'web' }, jsonPatch: [{ op: 'replace', path: '/metadata/name', value: 'x' }] },
      'apps[0].patches[0].jsonPatch[0].path',
      'a patch would change the object\'s apiVersion, kind, name or namespace (found "/metadata/name", expected a path below them (name a new object in extraObjects instead))',
    ],
    [
      { target: { kind: 'Deployment', name: 'web' }, jsonPatch: [{ op: 'add', path: 'spec/replicas', value: 2 }] },
      'apps[0].patches[0].jsonPatch[0].path',
      'not a JSON pointer (found "spec/replicas", expected a path starting with /, e.g. /spec/replicas)',
    ],
    [
      { target: { kind: 'Deployment', name: 'web' }, jsonPatch: [{ op: 'add', path: '/spec/replicas' }] },
      'apps[0].patches[0].jsonPatch[0].value',
      'add needs a value (found nothing, expected a value)',
    ],
    [
      { target: { kind: 'Deployment', name: 'web' }, merge: { kind: 'StatefulSet' } },
      'apps[0].patches[0].merge',
      'a patch would change the object\'s apiVersion, kind, name or namespace (found "one of them", expected only fields below them (name a new object in extraObjects instead))',
    ],
    [
      { target: { kind: 'Deployment', name: 'web', namespace: 'other' }, merge: {} },
      'apps[0].patches[0].target.namespace',
      'an app\'s patches apply in its namespace shop (found "other", expected shop or nothing (clusters[].patches reach any namespace))',
    ],
  ])('a bad patch %# is refused with its field path', (patch, at, message) => {
    expectOnlyProblem(topology({ app: { patches: [patch] } }), at, message);
  });

  test.each([
    [{ op: 'replace', path: '/spec/paused', value: true }, 'path /spec/paused does not exist'],
    [{ op: 'remove', path: '/spec/template/spec/nope/0' }, 'path /spec/template/spec/nope/0: /spec/template/spec/nope does not exist'],
    [{ op: 'test', path: '/spec/replicas', value: 3 }, 'path /spec/replicas does not exist'],
    [{ op: 'test', path: '/kind', value: 'StatefulSet' }, 'test of /kind failed: found "Deployment", not "StatefulSet"'],
  ])('a JSON patch operation that does not apply is refused at synth with its index (%#)', (op, reason) => {
    const input = topology({ app: { patches: [{ target: { kind: 'Deployment', name: 'web' }, jsonPatch: [{ op: 'add', path: '/spec/minReadySeconds', value: 5 }, op] }] } });
    const error = topologyError(() => manifests(input));
    expect(error.problems).toEqual([
      {
        path: 'apps[0].patches[0].jsonPatch[1]',
        message: `cannot apply to Deployment shop/web in cluster gke-west: ${reason} (found "a failing operation", expected operations that apply to the generated object (see it with meshfleet synth without the patch))`,
      },
    ]);
  });
});
