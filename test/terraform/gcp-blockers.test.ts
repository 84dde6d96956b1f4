/**
 * Issue 17, item 4 on the Google Cloud side: what `meshfleet validate` passed that GKE, IAM or
 * the load balancer would refuse or never finish: the deprecated vulnerability mode, an MCI
 * static IP that nothing reserves (or a documentation address), Gateway API objects on a cluster
 * without the Gateway API CRDs, the service-agent grant racing the agent, the GKE Enterprise API
 * where nothing needs it, and GCP labels that the API refuses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { GkeHubFeature } from '@cdktf/provider-google/lib/gke-hub-feature';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { analyze } from '../../src/analysis/analyze';
import { synthesizeForAnalysis } from '../../src/analysis/synthesize';
import { parseTopologyText, validateTopology } from '../../src/load/load';
import { buildPlan } from '../../src/plan/build-plan';
import { renderRunbook } from '../../src/runbook/runbook';
import { isDocumentationAddress, isNonPublicIpv4 } from '../../src/topology/rules/address-ranges';
import { ResolvedTopology } from '../../src/topology/model/types';
import { expectOnlyProblem, problemsOf } from '../topology/support';
import { EXAMPLES, example, resourcesOf, synthStacks } from './helpers';

jest.setTimeout(120_000);

const GOLDEN = path.join(__dirname, '..', 'golden');

/** An example as plain input, to derive variants from. */
function input(name: string): any {
  return parseTopologyText(fs.readFileSync(path.join(EXAMPLES, `${name}.yaml`), 'utf8'), name);
}

/** A copy of `base` changed by `change`. */
function variant(base: any, change: (t: any) => void): any {
  const copy = JSON.parse(JSON.stringify(base));
  change(copy);
  return copy;
}

/** The runbook of a topology, its folders taken from the plan. */
function runbookOf(model: ResolvedTopology): string {
  const plan = buildPlan(model);
  return renderRunbook({
    model,
    stacks: plan.terraform.stacks.map((s) => s.name),
    clusters: plan.clusters.map((c) => ({
      cluster: c.name,
      files: [...c.files.map((f) => f.path), 'kustomization.yaml'],
      meshInstall: c.files.filter((f) => !f.kustomized).map((f) => f.path),
    })),
  });
}

const exampleNames = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

describe('vulnerability scanning (VULNERABILITY_BASIC is deprecated)', () => {
  test.each(exampleNames)('%s: no cluster asks for basic scanning; the default is VULNERABILITY_DISABLED', (name) => {
    const stacks = synthStacks(example(name));
    for (const cluster of stacks.clusters === undefined ? [] : resourcesOf(stacks.clusters, ContainerCluster.tfResourceType)) {
      expect(cluster.security_posture_config).toEqual({ mode: 'BASIC', vulnerability_mode: 'VULNERABILITY_DISABLED' });
    }
  });

  test('vulnerabilityScanning: enterprise opts a cluster into VULNERABILITY_ENTERPRISE', () => {
    const model = validateTopology(variant(input('mci-host-rules-https'), (t) => (t.clusters[1].vulnerabilityScanning = 'enterprise')));
    const modes = resourcesOf(synthStacks(model).clusters, ContainerCluster.tfResourceType).map((c) => [c.name, c.security_posture_config.vulnerability_mode]);
    expect(modes.sort()).toEqual([
      ['gke-eu', 'VULNERABILITY_ENTERPRISE'],
      ['gke-us', 'VULNERABILITY_DISABLED'],
    ]);
  });

  test('basic scanning is not a value the topology takes', () => {
    expect(problemsOf(variant(input('mci-host-rules-https'), (t) => (t.clusters[0].vulnerabilityScanning = 'basic')))[0]).toEqual({
      path: 'clusters[0].vulnerabilityScanning',
      message: 'not an allowed value (found "basic", expected one of "disabled", "enterprise")',
    });
  });
});

describe('multi-cluster ingress static IP', () => {
  const model = example('mci-host-rules-https');
  const stacks = synthStacks(model);

  test('mci-host-rules-https: Terraform reserves the global external address in the network stack and outputs its IP', () => {
    const addresses = resourcesOf(stacks.network, ComputeGlobalAddress.tfResourceType);
    expect(addresses).toHaveLength(1);
    expect(addresses[0]).toMatchObject({
      name: 'whereami-ip',
      address_type: 'EXTERNAL',
      ip_version: 'IPV4',
      description: 'Address of the multi-cluster ingress whereami/whereami-ingress (meshfleet)',
      depends_on: ['google_project_service.services_compute'],
    });
    expect(JSON.parse(stacks.network).output.mci_static_ip.value).toBe('${google_compute_global_address.mci-address.address}');
  });

  test('mci-host-rules-https: the MultiClusterIngress names no documentation address; the runbook annotates it with the reserved IP after the folder', () => {
    const text = runbookOf(model);
    const apply = text.indexOf('apply -k k8s/gke-us');
    const annotate = text.indexOf(
      'kubectl --context="${CTX_GKE_US}" -n whereami annotate multiclusteringress whereami-ingress networking.gke.io/static-ip="${MCI_STATIC_IP}" --overwrite',
    );
    expect(apply).toBeGreaterThan(0);
    expect(annotate).toBeGreaterThan(apply);
    expect(text.slice(apply, annotate)).toContain('MCI_STATIC_IP="$(terraform -chdir=terraform/stacks/network output -raw mci_static_ip)"');
    const mci = synthesizeForAnalysis(model).clusters['gke-us'].find((o) => o.kind === 'MultiClusterIngress')!;
    expect(JSON.stringify(mci)).not.toMatch(/203\.0\.113|static-ip/);
  });

  test.each([
    [
      '203.0.113.80',
      'a documentation address (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737) or 2001:db8::/32 (RFC 3849)), which is never routed',
      'the IP of a reserved global external address, or staticAddressName to reserve one',
    ],
    [
      '198.51.100.7',
      'a documentation address (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737) or 2001:db8::/32 (RFC 3849)), which is never routed',
      'the IP of a reserved global external address, or staticAddressName to reserve one',
    ],
    ['10.1.2.3', 'the multi-cluster ingress load balancer is external and needs a public address', 'the IP of a reserved global external address, not a private or reserved one'],
    [
      '192.168.0.10',
      'the multi-cluster ingress load balancer is external and needs a public address',
      'the IP of a reserved global external address, not a private or reserved one',
    ],
    ['127.0.0.1', 'the multi-cluster ingress load balancer is external and needs a public address', 'the IP of a reserved global external address, not a private or reserved one'],
  ])('staticIp %s is refused', (ip, what, expected) => {
    expectOnlyProblem(
      variant(input('mci-host-rules-https'), (t) => {
        delete t.multiClusterIngress.staticAddressName;
        t.multiClusterIngress.staticIp = ip;
      }),
      'multiClusterIngress.staticIp',
      `${what} (found "${ip}", expected ${expected})`,
    );
  });

  test.each(['034.120.10.20', '34.120.10.256'])('staticIp %s (a leading zero, or an octet over 255) is not an IPv4 address', (ip) => {
    const problems = problemsOf(
      variant(input('mci-host-rules-https'), (t) => {
        delete t.multiClusterIngress.staticAddressName;
        t.multiClusterIngress.staticIp = ip;
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['multiClusterIngress.staticIp']);
    expect(problems[0].message).toContain(`found "${ip}"`);
  });

  test('a public staticIp is written into the MultiClusterIngress and Terraform reserves nothing', () => {
    const own = validateTopology(
      variant(input('mci-host-rules-https'), (t) => {
        delete t.multiClusterIngress.staticAddressName;
        t.multiClusterIngress.staticIp = '34.120.10.20';
      }),
    );
    expect(resourcesOf(synthStacks(own).network, ComputeGlobalAddress.tfResourceType)).toEqual([]);
    expect(runbookOf(own)).not.toContain('annotate multiclusteringress');
    const mci = synthesizeForAnalysis(own).clusters['gke-us'].find((o) => o.kind === 'MultiClusterIngress') as any;
    expect(mci.metadata.annotations['networking.gke.io/static-ip']).toBe('34.120.10.20');
  });

  test('staticIp and staticAddressName together are refused', () => {
    expectOnlyProblem(
      variant(input('mci-host-rules-https'), (t) => (t.multiClusterIngress.staticIp = '34.120.10.20')),
      'multiClusterIngress.staticIp',
      'the load balancer takes one address: an IP reserved elsewhere or the one staticAddressName reserves (found "34.120.10.20", expected no staticIp with staticAddressName)',
    );
  });
});

describe('documentation addresses', () => {
  test.each(['192.0.2.1', '198.51.100.0/24', '203.0.113.10/32', '203.0.0.0/16', '2001:db8::1', '2001:DB8:0:1::/64', '2001:0db8::/32'])('%s is a documentation address', (a) => {
    expect(isDocumentationAddress(a)).toBe(true);
  });

  test.each(['34.120.10.20', '10.0.0.0/8', '203.0.114.1', '2001:db9::1', '2001::1', 'db.example.com'])('%s is not', (a) => {
    expect(isDocumentationAddress(a)).toBe(false);
  });

  test.each([
    ['10.1.2.3', true],
    ['100.64.0.1', true],
    ['169.254.1.1', true],
    ['224.0.0.1', true],
    ['34.120.10.20', false],
    ['8.8.8.8', false],
  ])('%s is non-public: %s', (a, nonPublic) => {
    expect(isNonPublicIpv4(a)).toBe(nonPublic);
  });

  const entry = (change: (e: any) => void) =>
    variant(input('mesh-routes-istio'), (t) => {
      const e = { name: 'payments', hosts: ['payments.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], resolution: 'STATIC', endpoints: ['34.120.10.20'] };
      change(e);
      t.apps[0].serviceEntries = [e];
    });

  test('a ServiceEntry endpoint in a documentation range is refused', () => {
    expectOnlyProblem(
      entry((e) => (e.endpoints = ['192.0.2.10'])),
      'apps[0].serviceEntries[0].endpoints[0]',
      'a documentation address (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737) or 2001:db8::/32 (RFC 3849)), which is never routed (found "192.0.2.10", expected the address of the real service)',
    );
  });

  test('a ServiceEntry address in a documentation range is refused', () => {
    expectOnlyProblem(
      entry((e) => (e.addresses = ['198.51.100.0/24'])),
      'apps[0].serviceEntries[0].addresses[0]',
      'a documentation address (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737) or 2001:db8::/32 (RFC 3849)), which is never routed (found "198.51.100.0/24", expected the address of the real service)',
    );
  });

  test("an external primary's documentation address is refused", () => {
    expectOnlyProblem(
      {
        name: 'in-cluster-base',
        project: { id: 'meshfleet-test', number: '123456789012' },
        clusters: [
          { name: 'west', zone: 'us-west1-a', masterCidr: '172.16.0.0/28', podCidr: '10.0.0.0/14' },
          { name: 'onprem', platform: 'external' },
        ],
        mesh: { management: 'in-cluster', model: 'primary-remote', primary: 'onprem', primaryAddress: '203.0.113.20' },
      },
      'mesh.primaryAddress',
      'a documentation address (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737) or 2001:db8::/32 (RFC 3849)), which remote clusters cannot reach (found "203.0.113.20", expected the address of the primary\'s east-west gateway)',
    );
  });

  test('operatorCidrs in a documentation range: validate warns (TF001) on each control plane that lists it', () => {
    const findings = analyze(synthesizeForAnalysis(example('mci-host-rules-https'))).filter((f) => f.code === 'TF001');
    expect(findings.map((f) => [f.severity, f.object, f.path])).toEqual([
      ['warning', 'google_container_cluster gke-eu', 'resource.google_container_cluster.gke-eu_cluster.master_authorized_networks_config.cidr_blocks[0].cidr_block'],
      ['warning', 'google_container_cluster gke-us', 'resource.google_container_cluster.gke-us_cluster.master_authorized_networks_config.cidr_blocks[0].cidr_block'],
    ]);
    expect(findings[0].message).toContain('Authorized network 203.0.113.10/32 is a documentation range');
    const own = validateTopology(variant(input('mci-host-rules-https'), (t) => (t.operatorCidrs = ['34.120.10.20/32'])));
    expect(analyze(synthesizeForAnalysis(own)).filter((f) => f.code === 'TF001')).toEqual([]);
  });
});

describe('Gateway API CRDs on every cluster that gets Gateway API objects', () => {
  test.each([
    ['mesh-routes-gamma', 'gke-bookinfo', ['httproutes.gateway.networking.k8s.io']],
    ['grpc-routes-gamma', undefined, ['grpcroutes.gateway.networking.k8s.io']],
  ])('%s: the cluster gets the standard channel and the runbook waits for its CRDs before the folder', (name, only, crds) => {
    const model = example(name);
    const plan = buildPlan(model);
    const withRoutes = plan.clusters.filter((c) => c.gatewayApiCrds.length > 0);
    expect(withRoutes.length).toBeGreaterThan(0);
    if (only !== undefined) expect(withRoutes.map((c) => c.name)).toEqual([only]);
    const clusters = resourcesOf(synthStacks(model).clusters, ContainerCluster.tfResourceType);
    const text = runbookOf(model);
    for (const c of withRoutes) {
      expect(c.gatewayApiCrds).toEqual(expect.arrayContaining(crds));
      expect(clusters.find((r) => r.name === c.name)!.gateway_api_config).toEqual({ channel: 'CHANNEL_STANDARD' });
      const wait = text.indexOf(
        `kubectl --context="\${CTX_${c.name.toUpperCase().replace(/-/g, '_')}}" wait --for condition=established --timeout=300s ${c.gatewayApiCrds.map((crd) => `crd/${crd}`).join(' ')}`,
      );
      expect(wait).toBeGreaterThan(0);
      expect(text.indexOf(`apply -k k8s/${c.name}`, wait)).toBeGreaterThan(wait);
    }
  });

  test('mesh-routes-gamma golden: the cluster that holds the HTTPRoutes has gateway_api_config', () => {
    const golden = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'mesh-routes-gamma', 'terraform', 'stacks', 'clusters', 'cdk.tf.json'), 'utf8'));
    const routeClusters = fs.readdirSync(path.join(GOLDEN, 'mesh-routes-gamma', 'k8s')).filter((cluster) =>
      fs
        .readdirSync(path.join(GOLDEN, 'mesh-routes-gamma', 'k8s', cluster))
        .filter((f) => f.endsWith('.yaml'))
        .some((f) => parseAllDocuments(fs.readFileSync(path.join(GOLDEN, 'mesh-routes-gamma', 'k8s', cluster, f), 'utf8')).some((d) => d.toJS()?.kind === 'HTTPRoute')),
    );
    expect(routeClusters.length).toBeGreaterThan(0);
    for (const cluster of routeClusters) {
      expect(golden.resource.google_container_cluster[`${cluster}_cluster`].gateway_api_config).toEqual({ channel: 'CHANNEL_STANDARD' });
    }
  });

  test('clusters without Gateway API objects keep the Gateway API off', () => {
    const clusters = resourcesOf(synthStacks(example('mci-host-rules-https')).clusters, ContainerCluster.tfResourceType);
    expect(clusters.map((c) => c.gateway_api_config)).toEqual([undefined, undefined]);
  });

  test('an external cluster with GAMMA routes gets the standard-channel CRDs installed by the runbook before its folder', () => {
    const model = validateTopology({
      name: 'ext-gamma',
      project: { id: 'meshfleet-test', number: '123456789012' },
      operatorCidrs: ['34.120.10.20/32'],
      clusters: [
        { name: 'west', zone: 'us-west1-a', masterCidr: '172.16.0.0/28', podCidr: '10.0.0.0/14' },
        { name: 'onprem', platform: 'external' },
      ],
      mesh: { management: 'in-cluster', routing: 'gateway-api', version: '1.29.6' },
      apps: [
        {
          namespace: 'shop',
          workloads: [
            {
              name: 'web',
              image: 'nginx:1.27',
              port: 8080,
              podSecurityContext: { runAsUser: 1000, runAsGroup: 1000 },
              version: 'v1',
              canary: { version: 'v2', weight: 20 },
              clusters: ['onprem'],
            },
          ],
        },
      ],
    });
    const plan = buildPlan(model);
    expect(plan.clusters.map((c) => [c.name, c.gatewayApiCrds, c.gatewayApi ?? 'none'])).toEqual([
      ['west', ['httproutes.gateway.networking.k8s.io'], 'standard'],
      ['onprem', ['httproutes.gateway.networking.k8s.io'], 'none'],
    ]);
    const text = runbookOf(model);
    const install = 'kubectl --context="${CTX_ONPREM}" apply --server-side -f https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.2.1/standard-install.yaml';
    expect(text.split(install)).toHaveLength(2);
    const wait = text.indexOf('kubectl --context="${CTX_ONPREM}" wait --for condition=established --timeout=300s crd/httproutes.gateway.networking.k8s.io');
    expect(text.indexOf(install)).toBeLessThan(wait);
    expect(text.indexOf('apply -k k8s/onprem', wait)).toBeGreaterThan(wait);
    expect(text).not.toContain('kubectl --context="${CTX_WEST}" apply --server-side -f https://github.com/kubernetes-sigs/gateway-api');
  });

  test('gatewayApi: disabled on a cluster that gets GAMMA routes is refused', () => {
    expectOnlyProblem(
      variant(input('mesh-routes-gamma'), (t) => (t.clusters[0].gatewayApi = 'disabled')),
      'clusters[0].gatewayApi',
      `cluster ${input('mesh-routes-gamma').clusters[0].name} gets Gateway API objects (HTTPRoute), whose CRDs GKE installs only with the Gateway API on (found "disabled", expected "standard", "experimental" or "auto" (the default))`,
    );
  });
});

describe('fleet APIs and IAM', () => {
  test('the multi-cluster ingress service-agent grant follows the hub feature that provisions the agent', () => {
    const fleet = synthStacks(example('mci-host-rules-https')).fleet;
    const parsed = JSON.parse(fleet);
    const [featureId] = Object.entries(parsed.resource.google_gke_hub_feature).find(([, r]: any) => r.name === 'multiclusteringress')!;
    const grant = resourcesOf(fleet, ProjectIamMember.tfResourceType).find((g) => g.role === 'roles/container.admin')!;
    expect(grant.depends_on).toEqual([`google_gke_hub_feature.${featureId}`]);
    expect(resourcesOf(fleet, GkeHubFeature.tfResourceType).find((f) => f.name === 'multiclusteringress')!.depends_on).toBeUndefined();
  });

  test.each(exampleNames)('%s: the GKE Enterprise API (anthos) is not enabled by default', (name) => {
    const network = synthStacks(example(name)).network;
    if (network === undefined) return;
    expect(resourcesOf(network, ProjectService.tfResourceType).map((s) => s.service)).not.toContain('anthos.googleapis.com');
  });

  test('project.gkeEnterprise: true enables anthos.googleapis.com', () => {
    const model = validateTopology(variant(input('mci-host-rules-https'), (t) => (t.project.gkeEnterprise = true)));
    expect(resourcesOf(synthStacks(model).network, ProjectService.tfResourceType).map((s) => s.service)).toContain('anthos.googleapis.com');
  });
});

describe('GCP labels', () => {
  const withLabels = (labels: Record<string, string>) => variant(input('mci-host-rules-https'), (t) => (t.clusters[0].labels = labels));

  test('a key beginning with goog is refused', () => {
    expectOnlyProblem(
      withLabels({ goog_team: 'a' }),
      'clusters[0].labels.goog_team',
      'Google Cloud reserves label keys beginning with "goog" (found "goog_team", expected a key of your own)',
    );
  });

  test.each(['managed_by', 'mesh_id'])("meshfleet's own key %s is refused", (key) => {
    expectOnlyProblem(withLabels({ [key]: 'a' }), `clusters[0].labels.${key}`, `meshfleet sets this label itself (found "${key}", expected a key other than managed_by, mesh_id)`);
  });

  test('more than 64 labels with managed_by are refused; 63 of your own are accepted', () => {
    const labels = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expectOnlyProblem(withLabels(labels(64)), 'clusters[0].labels', 'a Google Cloud resource takes at most 64 labels, and meshfleet adds 1 (found 64, expected at most 63 labels)');
    expect(() => validateTopology(withLabels(labels(63)))).not.toThrow();
  });

  test('a fleet-managed mesh member leaves room for mesh_id too', () => {
    const labels = Object.fromEntries(Array.from({ length: 63 }, (_, i) => [`k${i}`, 'v']));
    expectOnlyProblem(
      variant(input('mesh-routes-gamma'), (t) => (t.clusters[0].labels = labels)),
      'clusters[0].labels',
      'a Google Cloud resource takes at most 64 labels, and meshfleet adds 2 (found 63, expected at most 62 labels)',
    );
  });

  test.each([
    [{ Team: 'a' }, 'clusters[0].labels'],
    [{ team: 'A' }, 'clusters[0].labels.team'],
    [{ ['k'.repeat(64)]: 'a' }, 'clusters[0].labels'],
    [{ team: 'v'.repeat(64) }, 'clusters[0].labels.team'],
  ])('key and value syntax (lower case, at most 63 characters) is refused with the field path: %j', (labels, at) => {
    expect(problemsOf(withLabels(labels)).map((p) => p.path)).toEqual([at]);
  });
});
