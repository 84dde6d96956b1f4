import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitopsSection, gitopsTeardownLines } from '../../src/runbook/gitops-section';
import { parseTopologyText, validateTopology } from '../../src/load/load';

/* The runbook's GitOps step (src/runbook/gitops-section.ts): exact commands per tool. */

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const REPO = 'https://github.com/example/fleet.git';

function modelOf(example: string, gitops: unknown) {
  const input: any = parseTopologyText(fs.readFileSync(path.join(EXAMPLES, `${example}.yaml`), 'utf8'), example);
  input.gitops = gitops;
  return validateTopology(input, 'test');
}

function commands(lines: readonly string[]): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (line === '```sh') inside = true;
    else if (line === '```') inside = false;
    else if (inside) out.push(line);
  }
  return out;
}

describe('gitopsSection', () => {
  test('none without gitops', () => {
    const input: any = parseTopologyText(fs.readFileSync(path.join(EXAMPLES, 'canary-productcatalog.yaml'), 'utf8'), 'x');
    delete input.gitops;
    expect(gitopsSection({ model: validateTopology(input, 'test'), kubernetesFolder: 'k8s' })).toBeUndefined();
  });

  test('Argo CD: commit, register every cluster under its name from its context, apply the ApplicationSet, wait', () => {
    const section = gitopsSection({ model: modelOf('private-asm-multicluster', { argocd: { repoURL: REPO } }), kubernetesFolder: 'k8s' })!;
    expect(section.title).toBe('GitOps: Argo CD');
    expect(commands(section.lines)).toEqual([
      "git add -A . && git commit -m 'private-asm-multicluster: synthesized output' && git push",
      'argocd cluster add "${CTX_GKE_WEST_PRIV}" --name gke-west-priv --yes',
      'argocd cluster add "${CTX_GKE_CENTRAL_PRIV}" --name gke-central-priv --yes',
      'argocd cluster add "${CTX_GKE_INGRESS}" --name gke-ingress --yes',
      'export CTX_ARGOCD_HOST="<kube context of the Argo CD cluster>"',
      'kubectl --context="${CTX_ARGOCD_HOST}" apply -f gitops/argocd/applicationset.yaml',
      'kubectl --context="${CTX_ARGOCD_HOST}" -n argocd get applications -l app.kubernetes.io/part-of=private-asm-multicluster',
      'argocd app wait -l app.kubernetes.io/part-of=private-asm-multicluster --sync --health --timeout 900',
    ]);
    const text = section.lines.join('\n');
    expect(text).toContain('syncing `dist/k8s/<cluster>`');
    expect(text).toContain('App Secrets stay out of Git');
    expect(text).not.toContain('mesh-install/');
  });

  test('Argo CD with an in-cluster mesh: mesh-install stays with istioctl, before the first sync', () => {
    const section = gitopsSection({ model: modelOf('istio-multi-primary-multi-network', { argocd: { repoURL: REPO, prune: true } }), kubernetesFolder: 'k8s' })!;
    const text = section.lines.join('\n');
    expect(text).toMatch(/`mesh-install\/` files are istioctl input.*before the first sync/);
    expect(text).toContain('with automated server-side sync and pruning');
    expect(text).not.toContain('App Secrets');
  });

  test('Config Sync: its API in every cluster, then each RootSync applied and checked', () => {
    const section = gitopsSection({ model: modelOf('istio-multi-primary-multi-network', { configSync: { repo: REPO } }), kubernetesFolder: 'k8s' })!;
    expect(section.title).toBe('GitOps: Config Sync');
    expect(commands(section.lines)).toEqual([
      "git add -A . && git commit -m 'istio-multi-primary-multi-network: synthesized output' && git push",
      'kubectl --context="${CTX_CLUSTER1}" wait --for condition=established --timeout=600s crd/rootsyncs.configsync.gke.io',
      'kubectl --context="${CTX_CLUSTER2}" wait --for condition=established --timeout=600s crd/rootsyncs.configsync.gke.io',
      'kubectl --context="${CTX_CLUSTER1}" apply -f gitops/config-sync/cluster1/root-sync.yaml',
      'kubectl --context="${CTX_CLUSTER2}" apply -f gitops/config-sync/cluster2/root-sync.yaml',
      `kubectl --context="\${CTX_CLUSTER1}" -n config-management-system get rootsync istio-multi-primary-multi-network -o jsonpath='{.status.sync.commit}{"\\n"}{.status.sync.errorSummary}{"\\n"}'`,
      `kubectl --context="\${CTX_CLUSTER2}" -n config-management-system get rootsync istio-multi-primary-multi-network -o jsonpath='{.status.sync.commit}{"\\n"}{.status.sync.errorSummary}{"\\n"}'`,
    ]);
    expect(section.lines.join('\n')).toContain('applies Namespaces before the objects in them');
  });

  test('Config Sync with token auth: the Secret from files outside the output, piped, in every cluster', () => {
    const section = gitopsSection({ model: modelOf('istio-multi-primary-multi-network', { configSync: { repo: REPO, auth: 'token' } }), kubernetesFolder: 'k8s' })!;
    const secrets = commands(section.lines).filter((c) => c.includes('create secret'));
    expect(secrets).toEqual(
      ['CLUSTER1', 'CLUSTER2'].map(
        (ctx) =>
          `kubectl --context="\${CTX_${ctx}}" -n config-management-system create secret generic git-creds --from-literal=username="\${GIT_USERNAME}" --from-file=token="\${GIT_TOKEN_FILE}" --dry-run=client -o yaml | kubectl --context="\${CTX_${ctx}}" apply --server-side -f -`,
      ),
    );
  });

  test('Config Sync with ssh auth: the key file', () => {
    const section = gitopsSection({
      model: modelOf('istio-multi-primary-multi-network', { configSync: { repo: 'git@github.com:example/fleet.git', auth: 'ssh', secretRef: 'fleet-ssh' } }),
      kubernetesFolder: 'k8s',
    })!;
    expect(commands(section.lines).filter((c) => c.includes('create secret'))[0]).toContain('create secret generic fleet-ssh --from-file=ssh="${GIT_SSH_KEY_FILE}"');
  });

  test('Config Sync with gcpserviceaccount: the Workload Identity binding of the reconciler', () => {
    const email = 'config-sync@meshfleet-demo.iam.gserviceaccount.com';
    const section = gitopsSection({
      model: modelOf('istio-multi-primary-multi-network', { configSync: { repo: REPO, auth: 'gcpserviceaccount', gcpServiceAccountEmail: email } }),
      kubernetesFolder: 'k8s',
    })!;
    expect(commands(section.lines)).toContain(
      `gcloud iam service-accounts add-iam-policy-binding ${email} --project meshfleet-demo --role roles/iam.workloadIdentityUser --member "serviceAccount:meshfleet-demo.svc.id.goog[config-management-system/root-reconciler-istio-multi-primary-multi-network]"`,
    );
    expect(commands(section.lines).filter((c) => c.includes('create secret'))).toEqual([]);
  });
});

describe('gitopsTeardownLines', () => {
  test('Argo CD: the ApplicationSet is deleted first', () => {
    const lines = gitopsTeardownLines(modelOf('private-asm-multicluster', { argocd: { repoURL: REPO } }));
    expect(lines[0]).toBe('### GitOps first');
    expect(commands(lines)).toEqual(['kubectl --context="${CTX_ARGOCD_HOST}" delete --ignore-not-found -f gitops/argocd/applicationset.yaml']);
  });

  test('Config Sync: each RootSync is deleted first', () => {
    expect(commands(gitopsTeardownLines(modelOf('istio-multi-primary-multi-network', { configSync: { repo: REPO } })))).toEqual([
      'kubectl --context="${CTX_CLUSTER1}" delete --ignore-not-found -f gitops/config-sync/cluster1/root-sync.yaml',
      'kubectl --context="${CTX_CLUSTER2}" delete --ignore-not-found -f gitops/config-sync/cluster2/root-sync.yaml',
    ]);
  });

  test('nothing without gitops', () => {
    const input: any = parseTopologyText(fs.readFileSync(path.join(EXAMPLES, 'canary-productcatalog.yaml'), 'utf8'), 'x');
    expect(gitopsTeardownLines(validateTopology(input, 'test'))).toEqual([]);
  });
});
