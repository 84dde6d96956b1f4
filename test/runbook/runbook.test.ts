import * as fs from 'node:fs';
import * as path from 'node:path';
import { contextVariable, shellQuote } from '../../src/runbook/commands';
import { renderRunbook, RunbookClusterFolder, TOPOLOGY_PLACEHOLDER } from '../../src/runbook/runbook';
import { STACK_ORDER } from '../../src/plan/terraform-plan';
import { loadTopologyFile, parseTopologyText, validateTopology } from '../../src/load/load';
import { eastWestGatewayOf, ResolvedTopology } from '../../src/topology';

/*
 * The runbook (`<out>/README.md`) rendered from each example: its sections in order and the
 * exact commands. Cluster folders are built here from the contract of synthKubernetes (which
 * files a cluster folder holds), so these tests do not depend on the Kubernetes half.
 */

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

function examplePath(name: string): string {
  return path.join(EXAMPLES, `${name}.yaml`);
}

/** The example's topology as plain input, to derive variants from. */
function exampleInput(name: string): any {
  return parseTopologyText(fs.readFileSync(examplePath(name), 'utf8'), name);
}

/** The stacks synthTerraform writes (see src/terraform/stacks.ts). */
function stacksOf(model: ResolvedTopology): string[] {
  if (!model.clusters.some((c) => c.platform === 'gke')) return [];
  const fleet = model.mesh?.management === 'fleet' || model.fleet.configCluster !== undefined || model.fleet.multiClusterServices;
  return STACK_ORDER.filter((s) => s !== 'fleet' || fleet);
}

/** Cluster folders as synthKubernetes describes them (every cluster has something here). */
function foldersOf(model: ResolvedTopology): RunbookClusterFolder[] {
  return model.clusters.map((c) => {
    const meshInstall = c.meshInstall === undefined ? [] : ['mesh-install/control-plane.yaml', ...(eastWestGatewayOf(model, c) ? ['mesh-install/eastwest-gateway.yaml'] : [])];
    const binding = c.meshInstall !== undefined && model.mesh?.install?.clusterAdmin !== undefined ? ['cluster-admin-binding.yaml'] : [];
    const config = model.fleet.configCluster === c.name;
    const multiCluster = [
      ...(config && model.multiClusterIngress !== undefined && model.mesh?.ingressGateway !== undefined ? ['multi-cluster-ingress.yaml'] : []),
      ...(config && model.gateways.length > 0 ? ['multi-cluster-gateway.yaml'] : []),
    ];
    return {
      cluster: c.name,
      files: ['namespaces.yaml', ...binding, 'istio-system.yaml', 'app.yaml', ...multiCluster, ...meshInstall, 'kustomization.yaml'],
      meshInstall,
    };
  });
}

function render(model: ResolvedTopology, topologyPath?: string, outPath?: string): string {
  return renderRunbook({
    model,
    stacks: stacksOf(model),
    clusters: foldersOf(model),
    ...(topologyPath === undefined ? {} : { topologyPath }),
    ...(outPath === undefined ? {} : { outPath }),
  });
}

function renderExample(name: string): string {
  return render(loadTopologyFile(examplePath(name)), `examples/${name}.yaml`, 'dist');
}

/** `## N. Title` headings, without their numbers (which must count 1, 2, ...). */
function sections(text: string): string[] {
  const headings = text.split('\n').filter((l) => l.startsWith('## '));
  headings.forEach((h, i) => expect(h.startsWith(`## ${i + 1}. `)).toBe(true));
  return headings.map((h) => h.replace(/^## \d+\. /, ''));
}

/** The text of one section (from its heading to the next `## `). */
function section(text: string, title: string): string {
  const start = text.split('\n').findIndex((l) => /^## \d+\. /.test(l) && l.replace(/^## \d+\. /, '') === title);
  if (start === -1) throw new Error(`no section ${title}`);
  const lines = text.split('\n').slice(start + 1);
  const end = lines.findIndex((l) => l.startsWith('## '));
  return (end === -1 ? lines : lines.slice(0, end)).join('\n');
}

/** The lines inside ```sh blocks, in order. */
function commands(text: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of text.split('\n')) {
    if (line === '```sh') inside = true;
    else if (line === '```') inside = false;
    else if (inside && !line.startsWith('#')) out.push(line);
  }
  return out;
}

/** The `kubectl ... apply -k` commands of a text, in order. */
function applies(text: string): string[] {
  return commands(text).filter((c) => / apply -k /.test(c));
}

/** Index of the command equal to `command`; fails when absent or repeated. */
function at(list: readonly string[], command: string): number {
  const found = list.filter((c) => c === command).length;
  if (found !== 1) throw new Error(`expected once: ${command}\nfound ${found} times in:\n${list.join('\n')}`);
  return list.indexOf(command);
}

const EXAMPLE_NAMES = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

describe('every example', () => {
  test.each(EXAMPLE_NAMES)('%s: title, working folder, deterministic, relative paths only', (name) => {
    const text = renderExample(name);
    expect(text.split('\n')[0]).toBe(`# Deploying ${name}`);
    expect(text).toContain('Generated by `meshfleet synth`');
    expect(text).toContain('Run every command from inside this output folder');
    expect(renderExample(name)).toBe(text);
    expect(text).not.toMatch(/\/(tmp|work|home|Users)\//);
    expect(text).not.toContain(path.resolve(EXAMPLES, '..'));
    expect(text).not.toMatch(/PRIVATE KEY|\btoken["']?\s*:/);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toMatch(/\n\n\n/);
  });

  test.each(EXAMPLE_NAMES)('%s: one context variable per cluster', (name) => {
    const model = loadTopologyFile(examplePath(name));
    const exports = commands(section(renderExample(name), 'Kube contexts'));
    expect(exports).toEqual(
      model.clusters.map((c) =>
        c.platform === 'gke'
          ? `export ${contextVariable(c.name)}="gke_${model.project.id}_${c.zone}_${c.name}"`
          : `export ${contextVariable(c.name)}="<kubeconfig context of ${c.name}>"`,
      ),
    );
  });

  test('sections in the order they are run', () => {
    expect(Object.fromEntries(EXAMPLE_NAMES.map((name) => [name, sections(renderExample(name))]))).toEqual({
      'asm-onprem-vmware': ['meshfleet', 'Kube contexts', 'Infrastructure', 'Service mesh: Anthos Service Mesh 1.8.6 in the clusters', 'Rollout', 'Checks', 'Changes', 'Teardown'],
      'canary-productcatalog': [
        'meshfleet',
        'Kube contexts',
        'Infrastructure (Terraform)',
        'Service mesh: managed by the fleet',
        'Kubernetes folders',
        'Rollout',
        'Changes',
        'Teardown',
      ],
      'grpc-routes-gamma': [
        'meshfleet',
        'Kube contexts',
        'Infrastructure (Terraform)',
        'Service mesh: managed by the fleet',
        'Kubernetes folders',
        'Rollout',
        'Changes',
        'Teardown',
      ],
      'internal-multicluster-gateway': [
        'meshfleet',
        'Kube contexts',
        'Infrastructure (Terraform)',
        'Kubernetes folders',
        'Rollout',
        'Check: multi-cluster Gateway',
        'Changes',
        'Teardown',
      ],
      'multicluster-gateway-blue-green': [
        'meshfleet',
        'Kube contexts',
        'Infrastructure (Terraform)',
        'Kubernetes folders',
        'Rollout',
        'Check: multi-cluster Gateway',
        'Changes',
        'Teardown',
      ],
      'istio-multi-primary-multi-network': [
        'meshfleet',
        'Kube contexts',
        'Infrastructure (Terraform)',
        'Service mesh: Istio 1.29.6 in the clusters',
        'Remote secrets (endpoint discovery)',
        'GitOps: Argo CD',
        'Rollout',
        'Checks',
        'Changes',
        'Teardown',
      ],
      'istio-primary-remote': [
        'meshfleet',
        'Kube contexts',
        'Infrastructure (Terraform)',
        'Service mesh: Istio 1.29.6 in the clusters',
        'Remote secrets (endpoint discovery)',
        'Remaining cluster folders',
        'VM workloads',
        'Rollout',
        'Checks',
        'Changes',
        'Teardown',
      ],
      'istio-traffic-shifting': [
        'meshfleet',
        'Kube contexts',
        'Infrastructure (Terraform)',
        'Service mesh: Istio 1.29.6 in the clusters',
        'Rollout',
        'Checks',
        'Changes',
        'Teardown',
      ],
      'mci-host-rules-https': ['meshfleet', 'Kube contexts', 'Infrastructure (Terraform)', 'Kubernetes folders', 'Rollout', 'Changes', 'Teardown'],
      'mesh-routes-gamma': [
        'meshfleet',
        'Kube contexts',
        'Infrastructure (Terraform)',
        'Service mesh: managed by the fleet',
        'Kubernetes folders',
        'Rollout',
        'Changes',
        'Teardown',
      ],
      'mesh-routes-istio': [
        'meshfleet',
        'Kube contexts',
        'Infrastructure (Terraform)',
        'Service mesh: managed by the fleet',
        'Kubernetes folders',
        'Rollout',
        'Changes',
        'Teardown',
      ],
      'private-asm-multicluster': [
        'meshfleet',
        'Kube contexts',
        'Infrastructure (Terraform)',
        'App secrets',
        'Service mesh: managed by the fleet',
        'Kubernetes folders',
        'Rollout',
        'Check: multi-cluster ingress',
        'Changes',
        'Teardown',
      ],
    });
  });
});

describe('commands', () => {
  test('context variables: upper case, - becomes _', () => {
    expect(contextVariable('gke-west-priv')).toBe('CTX_GKE_WEST_PRIV');
    expect(contextVariable('cluster1')).toBe('CTX_CLUSTER1');
  });

  test('shell quoting only where needed', () => {
    expect(shellQuote('examples/a-b_c.yaml')).toBe('examples/a-b_c.yaml');
    expect(shellQuote('my topology.yaml')).toBe(`'my topology.yaml'`);
    expect(shellQuote(`it's.yaml`)).toBe(`'it'\\''s.yaml'`);
  });
});

describe('Terraform', () => {
  test('init and apply per written stack, in order, then credentials of every GKE cluster', () => {
    const text = section(renderExample('private-asm-multicluster'), 'Infrastructure (Terraform)');
    expect(commands(text)).toEqual([
      'terraform -chdir=terraform/stacks/network init',
      'terraform -chdir=terraform/stacks/network apply',
      'terraform -chdir=terraform/stacks/clusters init',
      'terraform -chdir=terraform/stacks/clusters apply',
      'terraform -chdir=terraform/stacks/fleet init',
      'terraform -chdir=terraform/stacks/fleet apply',
      'gcloud container clusters get-credentials gke-west-priv --zone us-west2-a --project meshfleet-demo',
      'gcloud container clusters get-credentials gke-central-priv --zone us-central1-a --project meshfleet-demo',
      'gcloud container clusters get-credentials gke-ingress --zone us-west1-a --project meshfleet-demo',
    ]);
    expect(text).toContain('`cdktf deploy network clusters fleet`');
    expect(text).toContain('operatorCidrs (203.0.113.10/32)');
  });

  test('only the stacks written: no fleet stack without fleet features', () => {
    const text = section(renderExample('istio-multi-primary-multi-network'), 'Infrastructure (Terraform)');
    expect(commands(text).filter((c) => c.startsWith('terraform '))).toEqual([
      'terraform -chdir=terraform/stacks/network init',
      'terraform -chdir=terraform/stacks/network apply',
      'terraform -chdir=terraform/stacks/clusters init',
      'terraform -chdir=terraform/stacks/clusters apply',
    ]);
  });

  test('external clusters only: no Terraform and no get-credentials, the clusters exist', () => {
    const text = renderExample('asm-onprem-vmware');
    expect(text).not.toMatch(/terraform -chdir|cdktf deploy|get-credentials/);
    expect(section(text, 'Infrastructure')).toContain('exist already (platform: external): meshfleet writes no Terraform');
  });
});

/** The `--set` of the primary's east-west gateway install, from the variable holding the reserved address. */
const LOAD_BALANCER_IP_SET = '--set "components.ingressGateways[name:istio-eastwestgateway].k8s.service.loadBalancerIP=${EASTWEST_ADDRESS_CLUSTER1}"';
/** The `--set` of the remote's control-plane install. */
const REMOTE_PILOT_SET = '--set "values.global.remotePilotAddress=${EASTWEST_ADDRESS_CLUSTER1}"';

describe('in-cluster mesh install', () => {
  test('the CA step once, into a folder outside the output folder, with the topology path given', () => {
    const text = renderExample('istio-multi-primary-multi-network');
    const all = commands(text);
    expect(all.filter((c) => c.includes('meshfleet ca'))).toEqual([
      '(cd "${MESHFLEET_PROJECT}" && npx meshfleet ca --topology examples/istio-multi-primary-multi-network.yaml --out "${MESHFLEET_CA_DIR}")',
    ]);
    expect(all).toContain('export MESHFLEET_CA_DIR="${HOME}/meshfleet-ca/istio-multi-primary-multi-network"');
    expect(text).toContain('`root-key.pem` offline');
  });

  test('without a topology path the CA step reads it from a variable, exported with a placeholder (no bare <...> in a command)', () => {
    const text = render(loadTopologyFile(examplePath('asm-onprem-vmware')));
    expect(commands(section(text, 'meshfleet'))).toContain(`export MESHFLEET_TOPOLOGY="${TOPOLOGY_PLACEHOLDER}"`);
    expect(commands(text)).toContain('(cd "${MESHFLEET_PROJECT}" && npx meshfleet ca --topology "${MESHFLEET_TOPOLOGY}" --out "${MESHFLEET_CA_DIR}")');
    for (const c of commands(text)) expect(c.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z]/);
  });

  test('seed 001: binding, namespaces, cacerts, istioctl install, folder, in that order', () => {
    const text = renderExample('asm-onprem-vmware');
    const all = commands(text);
    const order = [
      'kubectl --context="${CTX_CLUSTER1}" apply -f k8s/cluster1/cluster-admin-binding.yaml',
      'kubectl --context="${CTX_CLUSTER1}" apply -f k8s/cluster1/namespaces.yaml',
      'kubectl --context="${CTX_CLUSTER1}" apply --server-side -k "${MESHFLEET_CA_DIR}/cluster1"',
      'istioctl install --context="${CTX_CLUSTER1}" -y -f k8s/cluster1/mesh-install/control-plane.yaml',
      'kubectl --context="${CTX_CLUSTER1}" apply -k k8s/cluster1',
    ].map((c) => at(all, c));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('istioctl 1.8.6 of the Anthos Service Mesh release (`istio-1.8.6-asm.*/bin/istioctl`');
    expect(text).toContain('revision `asm-186-8`');
    expect(commands(section(text, 'Checks'))).toEqual(['kubectl --context="${CTX_CLUSTER1}" get pods -n istio-system', 'istioctl proxy-status --context="${CTX_CLUSTER1}"']);
    expect(text).not.toContain('create-remote-secret');
  });

  test('seed 004 multi-primary: each cluster installs its control plane, then its east-west gateway, then its folder', () => {
    const all = commands(renderExample('istio-multi-primary-multi-network'));
    for (const c of ['cluster1', 'cluster2']) {
      const ctx = `--context="\${${contextVariable(c)}}"`;
      const order = [
        `kubectl ${ctx} apply -f k8s/${c}/namespaces.yaml`,
        `kubectl ${ctx} apply --server-side -k "\${MESHFLEET_CA_DIR}/${c}"`,
        `istioctl install ${ctx} -y -f k8s/${c}/mesh-install/control-plane.yaml`,
        `istioctl install ${ctx} -y -f k8s/${c}/mesh-install/eastwest-gateway.yaml`,
        `kubectl ${ctx} apply -k k8s/${c}`,
      ].map((cmd) => at(all, cmd));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    expect(all).not.toContain('kubectl --context="${CTX_CLUSTER1}" apply -f k8s/cluster1/cluster-admin-binding.yaml');
    // Every control plane is installed before the first remote secret.
    const lastInstall = Math.max(...all.map((c, i) => (c.startsWith('istioctl install') ? i : -1)));
    const firstSecret = all.findIndex((c) => c.startsWith('istioctl create-remote-secret'));
    expect(firstSecret).toBeGreaterThan(lastInstall);
  });

  test('primaries before remotes, whatever the topology order', () => {
    const input = exampleInput('istio-primary-remote');
    input.clusters.reverse();
    const all = commands(render(validateTopology(input)));
    const installs = all.filter((c) => c.startsWith('istioctl install'));
    expect(installs).toEqual([
      'istioctl install --context="${CTX_CLUSTER1}" -y -f k8s/cluster1/mesh-install/control-plane.yaml',
      `istioctl install --context="\${CTX_CLUSTER1}" -y -f k8s/cluster1/mesh-install/eastwest-gateway.yaml ${LOAD_BALANCER_IP_SET}`,
      `istioctl install --context="\${CTX_CLUSTER2}" -y -f k8s/cluster2/mesh-install/control-plane.yaml ${REMOTE_PILOT_SET}`,
    ]);
  });

  test("primary-remote: the remote's folder (and east-west gateway) follow its remote secret", () => {
    const input = exampleInput('istio-primary-remote');
    input.clusters[1].meshNetwork = 'network2';
    const text = render(validateTopology(input));
    const all = commands(text);
    const secret = all.findIndex((c) => c.startsWith('istioctl create-remote-secret'));
    expect(at(all, `istioctl install --context="\${CTX_CLUSTER2}" -y -f k8s/cluster2/mesh-install/control-plane.yaml ${REMOTE_PILOT_SET}`)).toBeLessThan(secret);
    expect(at(all, 'istioctl install --context="${CTX_CLUSTER2}" -y -f k8s/cluster2/mesh-install/eastwest-gateway.yaml')).toBeGreaterThan(secret);
    expect(at(all, 'kubectl --context="${CTX_CLUSTER2}" apply -k k8s/cluster2')).toBeGreaterThan(secret);
    expect(at(all, 'kubectl --context="${CTX_CLUSTER1}" apply -k k8s/cluster1')).toBeLessThan(secret);
  });

  test('the primary-remote runbook reads the reserved east-west address from the network stack and passes it to istioctl', () => {
    const text = renderExample('istio-primary-remote');
    const all = commands(text);
    const read = at(all, 'EASTWEST_ADDRESS_CLUSTER1="$(terraform -chdir=terraform/stacks/network output -raw eastwest-address-cluster1)"');
    expect(read).toBeGreaterThan(at(all, 'terraform -chdir=terraform/stacks/network apply'));
    expect(read).toBeLessThan(all.findIndex((c) => c.includes(LOAD_BALANCER_IP_SET)));
    expect(read).toBeLessThan(all.findIndex((c) => c.includes(REMOTE_PILOT_SET)));
    expect(text).toContain('the regional address `istio-primary-remote-cluster1-eastwest` that the network stack reserved');
    expect(text).toContain("It runs no istiod: it uses cluster1's, reached at `${EASTWEST_ADDRESS_CLUSTER1}` (set above).");
    expect(text).not.toContain('203.0.113.20');
  });

  test('an external primary: the notes name mesh.primaryAddress and nothing is read from Terraform', () => {
    const input = exampleInput('istio-primary-remote');
    input.clusters = [input.clusters[1], { name: 'onprem', platform: 'external', meshNetwork: 'network1' }];
    Object.assign(input.mesh, { primary: 'onprem', primaryAddress: '203.0.113.20' });
    const text = render(validateTopology(input));
    expect(text).toContain('asks for the load balancer address 203.0.113.20');
    expect(text).toContain("It runs no istiod: it uses onprem's, reached at 203.0.113.20.");
    expect(text).not.toContain('EASTWEST_ADDRESS');
    expect(text).not.toContain('--set');
  });
});

describe('remote secrets', () => {
  const describeEndpoint = (name: string, zone: string) =>
    `--server="https://$(gcloud container clusters describe ${name} --zone ${zone} --project meshfleet-demo --format='value(privateClusterConfig.privateEndpoint)')"`;

  test('multi-primary: every primary reads the other, on the private endpoint (private GKE targets, GKE holders)', () => {
    const text = section(renderExample('istio-multi-primary-multi-network'), 'Remote secrets (endpoint discovery)');
    expect(commands(text)).toEqual([
      `istioctl create-remote-secret --context="\${CTX_CLUSTER2}" --name=cluster2 ${describeEndpoint('cluster2', 'us-east1-b')} | kubectl apply -f - --context="\${CTX_CLUSTER1}"`,
      `istioctl create-remote-secret --context="\${CTX_CLUSTER1}" --name=cluster1 ${describeEndpoint('cluster1', 'us-west1-a')} | kubectl apply -f - --context="\${CTX_CLUSTER2}"`,
    ]);
    expect(text).toContain('bearer token');
    expect(text).toContain('never writes it to disk');
  });

  test('primary-remote: only the primary holds a secret', () => {
    const all = commands(renderExample('istio-primary-remote')).filter((c) => c.includes('create-remote-secret'));
    expect(all).toEqual([
      `istioctl create-remote-secret --context="\${CTX_CLUSTER2}" --name=cluster2 ${describeEndpoint('cluster2', 'us-west1-b')} | kubectl apply -f - --context="\${CTX_CLUSTER1}"`,
    ]);
  });

  test('no --server for a public GKE target', () => {
    const input = exampleInput('istio-multi-primary-multi-network');
    input.clusters[1] = { name: 'cluster2', zone: 'us-east1-b', private: false, authorizedNetworks: false, podCidr: '10.8.0.0/14', meshNetwork: 'network2' };
    const all = commands(render(validateTopology(input))).filter((c) => c.includes('create-remote-secret'));
    expect(all).toEqual([
      'istioctl create-remote-secret --context="${CTX_CLUSTER2}" --name=cluster2 | kubectl apply -f - --context="${CTX_CLUSTER1}"',
      `istioctl create-remote-secret --context="\${CTX_CLUSTER1}" --name=cluster1 ${describeEndpoint('cluster1', 'us-west1-a')} | kubectl apply -f - --context="\${CTX_CLUSTER2}"`,
    ]);
  });

  test('an external holder reads a private GKE target on its public endpoint: no --server, operatorCidrs note', () => {
    const input = exampleInput('istio-multi-primary-multi-network');
    input.clusters[1] = { name: 'onprem', platform: 'external', meshNetwork: 'network2' };
    const text = render(validateTopology(input));
    expect(commands(text).filter((c) => c.includes('create-remote-secret'))).toEqual([
      'istioctl create-remote-secret --context="${CTX_ONPREM}" --name=onprem | kubectl apply -f - --context="${CTX_CLUSTER1}"',
      'istioctl create-remote-secret --context="${CTX_CLUSTER1}" --name=cluster1 | kubectl apply -f - --context="${CTX_ONPREM}"',
    ]);
    expect(section(text, 'Remote secrets (endpoint discovery)')).toContain(
      "onprem (external) reads cluster1 on its public endpoint: onprem's egress address must be among operatorCidrs.",
    );
  });
});

describe('app secrets', () => {
  const text = renderExample('private-asm-multicluster');
  const secrets = section(text, 'App secrets');

  test('seed 000: the jwt-key pair is generated once, outside the output folder, then created in both clusters', () => {
    const dir = '"${MESHFLEET_SECRETS_DIR}/bank-of-anthos/jwt-key';
    const create = (ctx: string) =>
      `kubectl --context="\${${ctx}}" -n bank-of-anthos create secret generic jwt-key --from-file=jwtRS256.key=${dir}/jwtRS256.key" --from-file=jwtRS256.key.pub=${dir}/jwtRS256.key.pub" --dry-run=client -o yaml | kubectl --context="\${${ctx}}" apply --server-side -f -`;
    expect(commands(secrets)).toEqual([
      'export MESHFLEET_SECRETS_DIR="${HOME}/meshfleet-secrets/private-asm-multicluster"',
      `mkdir -p ${dir}"`,
      `test -f ${dir}/jwtRS256.key" || (umask 077 && openssl genrsa -out ${dir}/jwtRS256.key" 4096)`,
      `openssl rsa -in ${dir}/jwtRS256.key" -pubout -out ${dir}/jwtRS256.key.pub"`,
      'kubectl --context="${CTX_GKE_WEST_PRIV}" apply -f k8s/gke-west-priv/namespaces.yaml',
      create('CTX_GKE_WEST_PRIV'),
      'kubectl --context="${CTX_GKE_CENTRAL_PRIV}" apply -f k8s/gke-central-priv/namespaces.yaml',
      create('CTX_GKE_CENTRAL_PRIV'),
    ]);
    expect(secrets).toContain('# jwt-key (namespace bank-of-anthos): gke-west-priv and gke-central-priv');
    expect(secrets).toContain('the same content in every cluster');
    // Exactly one key generation: the second cluster gets the same files.
    expect(commands(text).filter((c) => c.includes('openssl genrsa'))).toHaveLength(1);
  });

  test('before the app folders are applied', () => {
    const names = sections(text);
    expect(names.indexOf('App secrets')).toBeLessThan(names.indexOf('Kubernetes folders'));
  });

  test('only clusters running a workload that uses the Secret get it; operator-supplied keys are named', () => {
    const input = exampleInput('private-asm-multicluster');
    const app = input.apps[0];
    app.secrets.push({ name: 'db-password', keys: ['password'] });
    app.workloads.find((w: any) => w.name === 'accounts-db').env = { PGPASSWORD: { secretKeyRef: { name: 'db-password', key: 'password' } } };
    const body = section(render(validateTopology(input, 'test')), 'App secrets');
    expect(commands(body).filter((c) => c.includes('create secret generic db-password'))).toEqual([
      'kubectl --context="${CTX_GKE_WEST_PRIV}" -n bank-of-anthos create secret generic db-password --from-file=password="${MESHFLEET_SECRETS_DIR}/bank-of-anthos/db-password/password" --dry-run=client -o yaml | kubectl --context="${CTX_GKE_WEST_PRIV}" apply --server-side -f -',
    ]);
    expect(body).toContain('Put the files of `db-password` (`password`) in ${MESHFLEET_SECRETS_DIR}/bank-of-anthos/db-password first.');
  });

  test('apps without secrets have no App secrets section', () => {
    expect(sections(renderExample('canary-productcatalog'))).not.toContain('App secrets');
  });
});

describe('fleet-managed meshes and topologies without a mesh', () => {
  test.each(['private-asm-multicluster', 'canary-productcatalog'])('%s: the fleet does it all; apply -k per cluster', (name) => {
    const text = renderExample(name);
    const mesh = section(text, 'Service mesh: managed by the fleet');
    expect(mesh).toContain('endpoint discovery is automatic');
    expect(mesh).toContain('no remote secrets');
    expect(commands(mesh)[0]).toBe('gcloud container fleet mesh describe --project meshfleet-demo');
    expect(text).not.toMatch(/create-remote-secret|meshfleet ca|MESHFLEET_CA_DIR/);
    expect(commands(text).filter((c) => c.includes('istioctl'))).toEqual([]);
    const model = loadTopologyFile(examplePath(name));
    expect(applies(section(text, 'Kubernetes folders'))).toEqual(model.clusters.map((c) => `kubectl --context="\${${contextVariable(c.name)}}" apply -k k8s/${c.name}`));
  });

  test('no mesh: only the folders', () => {
    const text = renderExample('internal-multicluster-gateway');
    expect(applies(section(text, 'Kubernetes folders'))).toEqual([
      'kubectl --context="${CTX_GKE_WEST_1}" apply -k k8s/gke-west-1',
      'kubectl --context="${CTX_GKE_EAST_1}" apply -k k8s/gke-east-1',
    ]);
    expect(text).not.toMatch(/istioctl|remote secret|meshfleet ca/i);
  });

  test('an empty cluster folder (only its kustomization) gets no apply and no delete', () => {
    const model = loadTopologyFile(examplePath('internal-multicluster-gateway'));
    const [west, east] = foldersOf(model);
    const text = renderRunbook({ model, stacks: stacksOf(model), clusters: [west, { ...east, files: ['kustomization.yaml'], meshInstall: [] }] });
    expect(applies(section(text, 'Kubernetes folders'))).toEqual(['kubectl --context="${CTX_GKE_WEST_1}" apply -k k8s/gke-west-1']);
    expect(commands(text).filter((c) => c.includes('k8s/gke-east-1'))).toEqual([]);
  });

  test('a cluster without a folder gets no apply', () => {
    const model = loadTopologyFile(examplePath('internal-multicluster-gateway'));
    const text = renderRunbook({ model, stacks: stacksOf(model), clusters: foldersOf(model).slice(0, 1) });
    expect(applies(section(text, 'Kubernetes folders'))).toEqual(['kubectl --context="${CTX_GKE_WEST_1}" apply -k k8s/gke-west-1']);
  });
});

describe('VM workloads', () => {
  test('fetch the WorkloadGroup, then istioctl x workload entry configure, all outside the output folder', () => {
    const text = section(renderExample('istio-primary-remote'), 'VM workloads');
    expect(commands(text)).toEqual([
      'export MESHFLEET_VM_DIR="${HOME}/meshfleet-vm/istio-primary-remote"',
      'mkdir -p "${MESHFLEET_VM_DIR}/reviews-vm"',
      'kubectl --context="${CTX_CLUSTER1}" -n sample get workloadgroup reviews-vm -o yaml > "${MESHFLEET_VM_DIR}/reviews-vm-workloadgroup.yaml"',
      'istioctl x workload entry configure --context="${CTX_CLUSTER1}" -f "${MESHFLEET_VM_DIR}/reviews-vm-workloadgroup.yaml" -o "${MESHFLEET_VM_DIR}/reviews-vm" --clusterID cluster1 --autoregister',
    ]);
    expect(text).toContain('holds a token');
    expect(text).toContain('keep it out of this folder');
  });

  test('a revisioned mesh passes --revision', () => {
    const input = exampleInput('asm-onprem-vmware');
    input.apps[0].vmWorkloads = [{ name: 'legacy', ports: [{ name: 'http', port: 8080 }] }];
    const all = commands(render(validateTopology(input)));
    expect(all).toContain(
      'istioctl x workload entry configure --context="${CTX_CLUSTER1}" -f "${MESHFLEET_VM_DIR}/legacy-workloadgroup.yaml" -o "${MESHFLEET_VM_DIR}/legacy" --clusterID cluster1 --revision asm-186-8 --autoregister',
    );
  });

  test('topologies without VM workloads have no VM section', () => {
    expect(sections(renderExample('istio-multi-primary-multi-network'))).not.toContain('VM workloads');
  });
});

/*
 * Issue 8, point 6: how meshfleet runs, the waits (each only where the topology needs it, before
 * the step that needs it), the checks, changes and teardown (reverse order).
 */

/** Index of the first command matching `pattern`; fails when there is none. */
function first(list: readonly string[], pattern: RegExp | string): number {
  const i = list.findIndex((c) => (typeof pattern === 'string' ? c.includes(pattern) : pattern.test(c)));
  if (i === -1) throw new Error(`no command matching ${pattern} in:\n${list.join('\n')}`);
  return i;
}

const MCI_CRDS = 'crd/multiclusteringresses.networking.gke.io crd/multiclusterservices.networking.gke.io';

describe('how meshfleet runs', () => {
  test('npx meshfleet from the project folder, found back from the output folder (dist → ..)', () => {
    const text = section(renderExample('istio-primary-remote'), 'meshfleet');
    expect(commands(text)).toEqual(['export MESHFLEET_PROJECT="$(cd .. && pwd)"', '(cd "${MESHFLEET_PROJECT}" && npm ci)']);
    expect(text).toContain('`npm ci` there (its prepare step compiles the CLI)');
    expect(text).not.toContain('MESHFLEET_TOPOLOGY');
  });

  test('every meshfleet command is npx meshfleet, run in the project folder', () => {
    for (const name of EXAMPLE_NAMES) {
      const meshfleet = commands(renderExample(name)).filter((c) => /\bmeshfleet (ca|synth|canary|validate)\b/.test(c));
      expect(meshfleet.length).toBeGreaterThan(0);
      for (const c of meshfleet) expect(c).toMatch(/^\(cd "\$\{MESHFLEET_PROJECT\}" && npx meshfleet /);
    }
  });

  test.each([
    ['out/dist', '$(cd ../.. && pwd)'],
    ['./dist/', '$(cd .. && pwd)'],
    ['../elsewhere', '<meshfleet project folder>'],
    ['/abs/dist', '<meshfleet project folder>'],
  ])('--out %s: the project folder is %s', (outPath, project) => {
    const text = render(loadTopologyFile(examplePath('internal-multicluster-gateway')), 'examples/x.yaml', outPath);
    expect(commands(section(text, 'meshfleet'))[0]).toBe(`export MESHFLEET_PROJECT="${project}"`);
  });

  test('the re-synth command names the topology and the output folder, quoted, then enters the new folder', () => {
    const text = render(loadTopologyFile(examplePath('internal-multicluster-gateway')), 'my topology.yaml', 'my out');
    expect(commands(section(text, 'Changes'))[0]).toBe(`(cd "\${MESHFLEET_PROJECT}" && npx meshfleet synth --topology 'my topology.yaml' --out 'my out') && cd "\${PWD}"`);
    // Unknown paths: the topology from its variable, the output folder as the working folder before the cd.
    const unknown = render(loadTopologyFile(examplePath('internal-multicluster-gateway')));
    expect(commands(section(unknown, 'Changes'))[0]).toBe(
      '(out="${PWD}" && cd "${MESHFLEET_PROJECT}" && npx meshfleet synth --topology "${MESHFLEET_TOPOLOGY}" --out "${out}") && cd "${PWD}"',
    );
  });

  test('every kubectl command names its cluster context', () => {
    for (const name of EXAMPLE_NAMES) {
      for (const c of commands(renderExample(name))) {
        const calls = (c.match(/\bkubectl (?!config )/g) ?? []).length;
        const contexts = (c.match(/--context="\$\{CTX_[A-Z0-9_]+\}"/g) ?? []).length;
        expect({ c, enough: contexts >= calls }).toEqual({ c, enough: true });
      }
    }
  });
});

describe('waits', () => {
  test('fleet mesh: a loop until every mesh member is REVISION_READY, before the first folder', () => {
    const all = commands(renderExample('private-asm-multicluster'));
    const loop = 'until [ "$(gcloud container fleet mesh describe --project meshfleet-demo --format=json | grep -c REVISION_READY)" -ge 2 ]; do sleep 30; done';
    expect(at(all, loop)).toBeLessThan(first(all, / apply -k k8s\//));
    expect(commands(renderExample('canary-productcatalog'))).toContain(loop.replace('-ge 2', '-ge 1'));
    for (const name of ['internal-multicluster-gateway', 'istio-primary-remote', 'asm-onprem-vmware']) {
      expect(renderExample(name)).not.toContain('REVISION_READY');
    }
  });

  test('MCI CRDs: waited for in the config cluster only, before its folder', () => {
    const all = commands(renderExample('private-asm-multicluster'));
    const present = `until kubectl --context="\${CTX_GKE_INGRESS}" get ${MCI_CRDS} >/dev/null 2>&1; do sleep 15; done`;
    const established = `kubectl --context="\${CTX_GKE_INGRESS}" wait --for condition=established --timeout=300s ${MCI_CRDS}`;
    const apply = at(all, 'kubectl --context="${CTX_GKE_INGRESS}" apply -k k8s/gke-ingress');
    expect(at(all, present)).toBeLessThan(at(all, established));
    expect(at(all, established)).toBeLessThan(apply);
    expect(all.filter((c) => c.includes('multiclusteringresses'))).toHaveLength(2);
    for (const name of EXAMPLE_NAMES.filter((n) => n !== 'private-asm-multicluster')) {
      expect(renderExample(name)).not.toContain('multiclusteringresses');
    }
  });

  test('ServiceExport CRD before every folder that exports, Gateway API CRDs and GatewayClass before the config folder', () => {
    const all = commands(renderExample('internal-multicluster-gateway'));
    for (const c of ['GKE_WEST_1', 'GKE_EAST_1']) {
      const wait = `kubectl --context="\${CTX_${c}}" wait --for condition=established --timeout=300s crd/serviceexports.net.gke.io`;
      const folder = c.toLowerCase().replace(/_/g, '-');
      expect(at(all, wait)).toBeLessThan(at(all, `kubectl --context="\${CTX_${c}}" apply -k k8s/${folder}`));
    }
    const apply = at(all, 'kubectl --context="${CTX_GKE_WEST_1}" apply -k k8s/gke-west-1');
    expect(
      at(
        all,
        'kubectl --context="${CTX_GKE_WEST_1}" wait --for condition=established --timeout=300s crd/gateways.gateway.networking.k8s.io crd/httproutes.gateway.networking.k8s.io crd/healthcheckpolicies.networking.gke.io',
      ),
    ).toBeLessThan(apply);
    expect(at(all, 'until kubectl --context="${CTX_GKE_WEST_1}" get gatewayclass gke-l7-cross-regional-internal-managed-mc >/dev/null 2>&1; do sleep 15; done')).toBeLessThan(
      apply,
    );
    // Only the config cluster gets the Gateway waits; no export, no ServiceExport wait.
    expect(all.filter((c) => c.includes('gatewayclass'))).toHaveLength(1);
    expect(renderExample('private-asm-multicluster')).not.toContain('serviceexports');
  });

  test('blue/green: waits for the GCPBackendPolicy CRD and for every routed or mirrored ServiceImport', () => {
    const text = renderExample('multicluster-gateway-blue-green');
    expect(text).toContain('crd/gcpbackendpolicies.networking.gke.io');
    expect(text).not.toContain('gcpgatewaypolicies');
    for (const b of ['store-west-1', 'store-west-2']) {
      expect(text).toContain(`get serviceimport ${b} -n store`);
    }
  });

  test('no HealthCheckPolicy CRD wait without health checks', () => {
    const input = exampleInput('internal-multicluster-gateway');
    delete input.gateways[0].healthChecks;
    const text = render(validateTopology(input));
    expect(text).toContain('crd/httproutes.gateway.networking.k8s.io');
    expect(text).not.toContain('healthcheckpolicies');
  });

  test('ServiceImports of every backend present, then the Gateway Programmed, after every folder', () => {
    const all = commands(renderExample('internal-multicluster-gateway'));
    const lastApply = Math.max(...all.map((c, i) => (/ apply -k k8s\//.test(c) ? i : -1)));
    const imports = ['store-west-1', 'store-east-1', 'store'].map((b) =>
      at(all, `until kubectl --context="\${CTX_GKE_WEST_1}" get serviceimport ${b} -n store >/dev/null 2>&1; do sleep 15; done`),
    );
    const programmed = at(all, 'kubectl --context="${CTX_GKE_WEST_1}" wait --for=condition=Programmed gateway/internal-cross-region-gateway -n store --timeout=30m');
    for (const i of imports) {
      expect(i).toBeGreaterThan(lastApply);
      expect(i).toBeLessThan(programmed);
    }
  });

  test('east-west gateway: its address before the folder, and on a primary-remote mesh before the remote installs', () => {
    const all = commands(renderExample('istio-primary-remote'));
    const wait = at(
      all,
      `until [ -n "$(kubectl --context="\${CTX_CLUSTER1}" get service istio-eastwestgateway -n istio-system -o jsonpath='{.status.loadBalancer.ingress[0].ip}')" ]; do sleep 10; done`,
    );
    expect(wait).toBeGreaterThan(
      at(
        all,
        'istioctl install --context="${CTX_CLUSTER1}" -y -f k8s/cluster1/mesh-install/eastwest-gateway.yaml --set "components.ingressGateways[name:istio-eastwestgateway].k8s.service.loadBalancerIP=${EASTWEST_ADDRESS_CLUSTER1}"',
      ),
    );
    expect(wait).toBeLessThan(
      at(
        all,
        'istioctl install --context="${CTX_CLUSTER2}" -y -f k8s/cluster2/mesh-install/control-plane.yaml --set "values.global.remotePilotAddress=${EASTWEST_ADDRESS_CLUSTER1}"',
      ),
    );
    expect(renderExample('asm-onprem-vmware')).not.toContain('istio-eastwestgateway');
    expect(commands(renderExample('istio-multi-primary-multi-network')).filter((c) => c.includes('.status.loadBalancer'))).toHaveLength(2);
  });

  test('rollout: Deployments per namespace where pods run, StatefulSets by name, before the checks', () => {
    const text = renderExample('private-asm-multicluster');
    expect(commands(section(text, 'Rollout'))).toEqual([
      'kubectl --context="${CTX_GKE_WEST_PRIV}" wait --for=condition=Available --timeout=10m deployment --all -n asm-ingress',
      'kubectl --context="${CTX_GKE_WEST_PRIV}" wait --for=condition=Available --timeout=10m deployment --all -n bank-of-anthos',
      'kubectl --context="${CTX_GKE_WEST_PRIV}" rollout status statefulset/accounts-db -n bank-of-anthos --timeout=10m',
      'kubectl --context="${CTX_GKE_WEST_PRIV}" rollout status statefulset/ledger-db -n bank-of-anthos --timeout=10m',
      'kubectl --context="${CTX_GKE_CENTRAL_PRIV}" wait --for=condition=Available --timeout=10m deployment --all -n asm-ingress',
      'kubectl --context="${CTX_GKE_CENTRAL_PRIV}" wait --for=condition=Available --timeout=10m deployment --all -n bank-of-anthos',
    ]);
    const titles = sections(text);
    expect(titles.indexOf('Rollout')).toBeLessThan(titles.indexOf('Check: multi-cluster ingress'));
    expect(titles.indexOf('Rollout')).toBeGreaterThan(titles.indexOf('Kubernetes folders'));
  });
});

describe('checks', () => {
  test('MCI: wait for the VIP, then curl through it', () => {
    const vip = 'kubectl --context="${CTX_GKE_INGRESS}" get multiclusteringress asm-ingressgateway-multicluster-ingress -n asm-ingress -o jsonpath=\'{.status.VIP}\'';
    expect(commands(section(renderExample('private-asm-multicluster'), 'Check: multi-cluster ingress'))).toEqual([
      `until [ -n "$(${vip})" ]; do sleep 30; done`,
      `MCI_VIP="$(${vip})"`,
      `curl -sS -o /dev/null -w '%{http_code}\\n' "http://\${MCI_VIP}/"`,
    ]);
  });

  test('MCI: the Host header the VirtualService expects (a wildcard host gets a concrete name)', () => {
    const input = exampleInput('private-asm-multicluster');
    input.apps[0].workloads[0].expose = { hosts: ['*.bank.example.com'] };
    input.multiClusterIngress.port = 8080;
    const all = commands(render(validateTopology(input)));
    expect(all).toContain(`curl -sS -o /dev/null -w '%{http_code}\\n' -H 'Host: www.bank.example.com' "http://\${MCI_VIP}:8080/"`);
  });

  test('Gateway: its addresses, then one curl per route rule with the route hostname; internal: from inside the VPC', () => {
    const text = section(renderExample('internal-multicluster-gateway'), 'Check: multi-cluster Gateway');
    const all = commands(text);
    expect(all).toContain(
      `kubectl --context="\${CTX_GKE_WEST_1}" get gateway internal-cross-region-gateway -n store -o jsonpath='{range .status.addresses[*]}{.value}{"\\n"}{end}'`,
    );
    expect(all.filter((c) => c.startsWith('curl '))).toEqual(
      ['/west', '/east', '/'].map((p) => `curl -sS -o /dev/null -w '%{http_code}\\n' -H 'Host: store.example.internal' "http://\${GATEWAY_ADDRESS}${p}"`),
    );
    expect(text).toContain('reachable only inside the VPC network `default`');
    expect(text).toContain('From a VM or a pod in that network');
  });

  test('an external Gateway is curled from anywhere', () => {
    const input = exampleInput('internal-multicluster-gateway');
    input.gateways[0].className = 'gke-l7-global-external-managed-mc';
    delete input.gateways[0].addresses; // a global external class takes no regional internal address
    const text = section(render(validateTopology(input)), 'Check: multi-cluster Gateway');
    expect(text).toContain('From anywhere');
    expect(text).not.toContain('inside the VPC');
  });

  test('in-cluster meshes: remote secrets listed where they are held, proxy-status on every primary', () => {
    const multi = commands(section(renderExample('istio-multi-primary-multi-network'), 'Checks'));
    for (const c of ['CLUSTER1', 'CLUSTER2']) {
      expect(multi).toContain(`kubectl --context="\${CTX_${c}}" get secret -n istio-system -l istio/multiCluster=true`);
      expect(multi).toContain(`istioctl proxy-status --context="\${CTX_${c}}"`);
      expect(multi).toContain(`kubectl --context="\${CTX_${c}}" get service istio-eastwestgateway -n istio-system`);
    }
    const remote = commands(section(renderExample('istio-primary-remote'), 'Checks'));
    expect(remote.filter((c) => c.startsWith('istioctl proxy-status'))).toEqual(['istioctl proxy-status --context="${CTX_CLUSTER1}"']);
    expect(remote.filter((c) => c.includes('istio/multiCluster'))).toEqual(['kubectl --context="${CTX_CLUSTER1}" get secret -n istio-system -l istio/multiCluster=true']);
    expect(renderExample('asm-onprem-vmware')).not.toContain('istio/multiCluster');
  });
});

describe('changes', () => {
  test('each folder applied with --prune on the part-of label, after the re-synth', () => {
    const all = commands(section(renderExample('internal-multicluster-gateway'), 'Changes'));
    expect(all.slice(1)).toEqual([
      'kubectl --context="${CTX_GKE_WEST_1}" apply --prune -l app.kubernetes.io/part-of=internal-multicluster-gateway -k k8s/gke-west-1',
      'kubectl --context="${CTX_GKE_EAST_1}" apply --prune -l app.kubernetes.io/part-of=internal-multicluster-gateway -k k8s/gke-east-1',
    ]);
  });
});

describe('teardown', () => {
  test('multi-cluster objects first, then the folders in reverse order, then the stacks in reverse order', () => {
    const text = section(renderExample('private-asm-multicluster'), 'Teardown');
    const all = commands(text);
    const order = [
      'kubectl --context="${CTX_GKE_INGRESS}" delete --ignore-not-found -f k8s/gke-ingress/multi-cluster-ingress.yaml',
      'kubectl --context="${CTX_GKE_INGRESS}" delete --ignore-not-found -k k8s/gke-ingress',
      'kubectl --context="${CTX_GKE_CENTRAL_PRIV}" delete --ignore-not-found -k k8s/gke-central-priv',
      'kubectl --context="${CTX_GKE_WEST_PRIV}" delete --ignore-not-found -k k8s/gke-west-priv',
      'terraform -chdir=terraform/stacks/fleet destroy',
      'terraform -chdir=terraform/stacks/clusters destroy',
      'terraform -chdir=terraform/stacks/network destroy',
    ].map((c) => at(all, c));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('`disable_on_destroy = false`');
    expect(all).toContain('kubectl config delete-context "${CTX_GKE_INGRESS}"');
  });

  test('deletion protection: set it off in the topology, re-synth and apply the clusters stack, before any destroy', () => {
    const all = commands(section(renderExample('internal-multicluster-gateway'), 'Teardown'));
    const resynth = at(all, '(cd "${MESHFLEET_PROJECT}" && npx meshfleet synth --topology examples/internal-multicluster-gateway.yaml --out dist) && cd "${PWD}"');
    const apply = at(all, 'terraform -chdir=terraform/stacks/clusters apply');
    expect(resynth).toBeLessThan(apply);
    expect(apply).toBeLessThan(first(all, ' destroy'));
    expect(section(renderExample('internal-multicluster-gateway'), 'Teardown')).toContain('Terraform refuses to destroy gke-west-1 and gke-east-1');
    expect(all.filter((c) => c.includes('gke-west-1/multi-cluster-gateway.yaml'))).toEqual([
      'kubectl --context="${CTX_GKE_WEST_1}" delete --ignore-not-found -f k8s/gke-west-1/multi-cluster-gateway.yaml',
    ]);
    expect(first(all, 'multi-cluster-gateway.yaml')).toBe(0);
  });

  test('no deletion protection step when every cluster has it off', () => {
    const input = exampleInput('internal-multicluster-gateway');
    for (const c of input.clusters) c.deletionProtection = false;
    const text = section(render(validateTopology(input)), 'Teardown');
    expect(text).not.toContain('Deletion protection');
    expect(commands(text).filter((c) => c.includes('stacks/clusters apply'))).toEqual([]);
  });

  test('only the stacks written are destroyed; external clusters: no Terraform, the mesh uninstalled, the binding last', () => {
    const multi = commands(section(renderExample('istio-multi-primary-multi-network'), 'Teardown'));
    expect(multi.filter((c) => c.endsWith(' destroy'))).toEqual(['terraform -chdir=terraform/stacks/clusters destroy', 'terraform -chdir=terraform/stacks/network destroy']);
    // GKE clusters go with Terraform: no istioctl uninstall for them.
    expect(multi.filter((c) => c.includes('uninstall'))).toEqual([]);

    const onprem = section(renderExample('asm-onprem-vmware'), 'Teardown');
    expect(onprem).not.toMatch(/terraform|delete-context|Deletion protection/);
    expect(commands(onprem)).toEqual([
      'kubectl --context="${CTX_CLUSTER1}" delete --ignore-not-found -f k8s/cluster1/app.yaml',
      'kubectl --context="${CTX_CLUSTER1}" delete --ignore-not-found -f k8s/cluster1/istio-system.yaml',
      'kubectl --context="${CTX_CLUSTER1}" delete --ignore-not-found -f k8s/cluster1/namespaces.yaml',
      'istioctl x uninstall --context="${CTX_CLUSTER1}" -y --purge',
      'kubectl --context="${CTX_CLUSTER1}" delete --ignore-not-found -f k8s/cluster1/cluster-admin-binding.yaml',
    ]);
    expect(onprem).toContain('cluster1 stays');
  });

  test('Istio from 1.15 uninstalls with istioctl uninstall', () => {
    const input = exampleInput('asm-onprem-vmware');
    input.mesh.version = '1.20.3';
    expect(commands(section(render(validateTopology(input)), 'Teardown'))).toContain('istioctl uninstall --context="${CTX_CLUSTER1}" -y --purge');
  });
});
