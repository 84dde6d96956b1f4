import { analyze } from '../../src/analysis/analyze';
import { synthesizeForAnalysis } from '../../src/analysis/synthesize';
import { buildPlan } from '../../src/plan/build-plan';
import { renderRunbook } from '../../src/runbook/runbook';
import { DEFAULTS } from '../../src/topology/resolve/defaults';
import { ISTIO_KUBERNETES_SUPPORT, minorOf } from '../../src/topology/resolve/mesh-support';
import { problemsOf } from '../topology/support';
import { clusterObjects, exampleInput, EXAMPLES, findObject, loadExample, meshInstallOf, modelOf } from './helpers';

/*
 * Issue 17 item 3 and the mesh-side findings of item 4: mTLS exceptions for Google load
 * balancers, image users, native sidecars, mesh vs Kubernetes versions, internal east-west load
 * balancers, a ClusterIP ingress gateway behind an MCI, a complete Bookinfo.
 */

const MCI_EXAMPLE = 'examples/mci-host-rules-https.yaml';
const BLUE_GREEN = 'examples/multicluster-gateway-blue-green.yaml';
const BOOKINFO = ['examples/istio-traffic-shifting.yaml', 'examples/mesh-routes-istio.yaml', 'examples/mesh-routes-gamma.yaml'];

/** The MCI example with a fleet mesh (STRICT by default) and no addresses that must be reserved. */
function meshBehindMci(): any {
  const input = exampleInput(MCI_EXAMPLE);
  delete input.multiClusterIngress.staticIp;
  delete input.multiClusterIngress.managedCertificates;
  input.multiClusterIngress.backendConfigs[0].healthCheck.port = 9090;
  return { ...input, mesh: { management: 'fleet' } };
}

/** Every pod template (Deployments, StatefulSets) of an object list. */
function podTemplates(objects: readonly any[]): Array<{ name: string; template: any }> {
  return objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet').map((o) => ({ name: o.metadata.name, template: o.spec.template }));
}

describe('finding 8: STRICT mTLS and Google load balancers that reach sidecar pods', () => {
  test('a MultiClusterService that selects app pods gets a PERMISSIVE exception on its target and health-check ports only', () => {
    const model = modelOf(meshBehindMci());
    const policy = findObject(clusterObjects(model, 'gke-us'), 'PeerAuthentication', 'whereami-v1-lb-plaintext', 'whereami');
    expect(policy.spec).toEqual({ selector: { matchLabels: { app: 'whereami-v1' } }, portLevelMtls: { '8080': { mode: 'PERMISSIVE' }, '9090': { mode: 'PERMISSIVE' } } });
    expect(policy.spec.mtls).toBeUndefined();
    // whereami-v2 runs in gke-eu only: its exception goes where its pods are.
    expect(clusterObjects(model, 'gke-us').some((o) => o.metadata?.name === 'whereami-v2-lb-plaintext')).toBe(false);
    expect(findObject(clusterObjects(model, 'gke-eu'), 'PeerAuthentication', 'whereami-v2-lb-plaintext', 'whereami').spec.portLevelMtls).toEqual({
      '8080': { mode: 'PERMISSIVE' },
    });
  });

  test('the decision is in the plan (meshfleet plan) and the runbook names it beside its wait for 200s', () => {
    const model = modelOf(meshBehindMci());
    const plan = buildPlan(model);
    const objects = plan.clusters.flatMap((c) => c.files.flatMap((f) => f.objects));
    expect(objects).toContainEqual({
      kind: 'PeerAuthentication',
      apiVersion: 'security.istio.io/v1',
      namespace: 'whereami',
      name: 'whereami-v1-lb-plaintext',
      source: 'multiClusterIngress.services[0]',
    });
    const runbook = renderRunbook({
      model,
      stacks: [],
      clusters: plan.clusters.map((c) => ({ cluster: c.name, files: [...c.files.map((f) => f.path), 'kustomization.yaml'], meshInstall: [] })),
    });
    expect(runbook).toContain('`whereami/whereami-v1-lb-plaintext` (ports 8080, 9090)');
  });

  test('a multi-cluster Gateway reaching exported sidecar pods gets the exception too', () => {
    const model = modelOf({ ...exampleInput(BLUE_GREEN), mesh: { management: 'fleet' } });
    const policy = findObject(clusterObjects(model, 'gke-west-1'), 'PeerAuthentication', 'store-lb-plaintext', 'store');
    expect(policy.spec.portLevelMtls).toEqual({ '8080': { mode: 'PERMISSIVE' } });
  });

  test('no exception where the load balancer targets the ingress gateway, or where mTLS is PERMISSIVE', () => {
    const model = loadExample(EXAMPLES.privateAsm);
    for (const cluster of model.clusters)
      expect(
        clusterObjects(model, cluster.name)
          .filter((o) => o.kind === 'PeerAuthentication')
          .map((o) => o.metadata.name),
      ).not.toContain('frontend-lb-plaintext');
    const permissive = modelOf({ ...meshBehindMci(), mesh: { management: 'fleet', mtls: 'PERMISSIVE' } });
    expect(
      clusterObjects(permissive, 'gke-us')
        .filter((o) => o.kind === 'PeerAuthentication')
        .map((o) => o.metadata.name),
    ).toEqual(['default']);
  });

  test('with defaultDeny, an ALLOW policy of the same name lets the load balancer in on those ports only', () => {
    const model = modelOf({ ...meshBehindMci(), mesh: { management: 'fleet', defaultDeny: true } });
    const policy = findObject(clusterObjects(model, 'gke-us'), 'AuthorizationPolicy', 'whereami-v1-lb-plaintext', 'whereami');
    expect(policy.spec).toEqual({ selector: { matchLabels: { app: 'whereami-v1' } }, action: 'ALLOW', rules: [{ to: [{ operation: { ports: ['8080', '9090'] } }] }] });
  });

  test('allowLoadBalancerPlaintext: false refuses with the fix', () => {
    const problems = problemsOf({ ...meshBehindMci(), mesh: { management: 'fleet', allowLoadBalancerPlaintext: false } });
    expect(problems.map((p) => p.path)).toEqual(['multiClusterIngress.services[0]', 'multiClusterIngress.services[1]']);
    expect(problems[0].message).toContain('STRICT mTLS refuses');
    expect(problems[0].message).toContain('the mesh ingress gateway in front of whereami-v1');
  });
});

describe('finding 3: security defaults respect the image user', () => {
  test.each(BOOKINFO)('%s: no forced runAsUser/runAsGroup, runAsNonRoot kept (reviews runs as its image user 1001)', (file) => {
    const model = loadExample(file);
    const templates = podTemplates(clusterObjects(model, model.clusters[0].name));
    expect(templates.map((t) => t.name)).toEqual(expect.arrayContaining(['reviews']));
    for (const { template } of templates) {
      expect(template.spec.securityContext?.runAsUser).toBeUndefined();
      expect(template.spec.securityContext?.runAsGroup).toBeUndefined();
      expect(template.spec.containers[0].securityContext.runAsUser).toBeUndefined();
      expect(template.spec.containers[0].securityContext.runAsNonRoot).toBe(true);
    }
  });

  test('a per-workload override still applies', () => {
    const input = exampleInput(BOOKINFO[1]);
    input.apps[0].workloads[0].podSecurityContext = { runAsUser: 1001, runAsGroup: 0, fsGroup: 0 };
    const productpage = findObject(clusterObjects(modelOf(input), 'gke-bookinfo'), 'Deployment', 'productpage');
    expect(productpage.spec.template.spec.securityContext).toEqual({ runAsUser: 1001, runAsGroup: 0, fsGroup: 0 });
  });
});

describe('finding 5: init containers of injected pods start', () => {
  test('Online Boutique loadgenerator gets native sidecars on a fleet mesh', () => {
    const loadgenerator = findObject(clusterObjects(loadExample(EXAMPLES.canary), 'gke-boutique'), 'Deployment', 'loadgenerator');
    expect(loadgenerator.spec.template.spec.initContainers).toHaveLength(1);
    expect(loadgenerator.spec.template.metadata.annotations['sidecar.istio.io/nativeSidecar']).toBe('true');
  });

  test('in-cluster Istio 1.24+ on GKE annotates injected pods with init containers; nativeSidecar: false opts out', () => {
    const input = exampleInput(EXAMPLES.multiPrimary);
    const w = input.apps[0].workloads[0];
    w.initContainers = [{ name: 'wait', image: 'busybox:1.36', command: ['true'] }];
    const annotations = findObject(clusterObjects(modelOf(input), 'cluster1'), 'Deployment', w.name).spec.template.metadata.annotations;
    expect(annotations['sidecar.istio.io/nativeSidecar']).toBe('true');
    w.nativeSidecar = false;
    expect(findObject(clusterObjects(modelOf(input), 'cluster1'), 'Deployment', w.name).spec.template.metadata.annotations).toBeUndefined();
  });

  test('a mesh without native sidecars gets none, and asking for them is refused', () => {
    const model = loadExample(EXAMPLES.asmOnprem);
    const loadgenerator = findObject(clusterObjects(model, 'cluster1'), 'Deployment', 'loadgenerator');
    // ASM 1.8 on Kubernetes 1.18: the init container that a classic sidecar breaks is left out.
    expect(loadgenerator.spec.template.spec.initContainers).toBeUndefined();
    const input = exampleInput(EXAMPLES.asmOnprem);
    const j = input.apps[0].workloads.findIndex((w: any) => w.name === 'loadgenerator');
    input.apps[0].workloads[j].nativeSidecar = true;
    expect(problemsOf(input).map((p) => p.path)).toEqual([`apps[0].workloads[${j}].nativeSidecar`]);
  });
});

describe('finding 4: mesh version vs Kubernetes version', () => {
  test('the default mesh version is a current one the support table knows', () => {
    expect(ISTIO_KUBERNETES_SUPPORT[minorOf(DEFAULTS.meshVersion)!]).toBeDefined();
    const input = exampleInput(EXAMPLES.multiPrimary);
    delete input.mesh.version;
    expect(modelOf(input).mesh!.version).toBe(DEFAULTS.meshVersion);
  });

  test('ASM 1.8.6 on a declared Kubernetes 1.25 is refused; on 1.18 (the example) it passes and the runbook states the range', () => {
    const input = exampleInput(EXAMPLES.asmOnprem);
    input.clusters[0].kubernetesVersion = '1.25';
    const [problem] = problemsOf(input);
    expect(problem.path).toBe('clusters[0].kubernetesVersion');
    expect(problem.message).toContain('supports Kubernetes 1.16 to 1.19 only');
    const model = loadExample(EXAMPLES.asmOnprem);
    expect(buildPlan(model).meshInstall.kubernetes).toEqual({ meshVersion: '1.8.6', supported: '1.16 to 1.19' });
    expect(analyze(synthesizeForAnalysis(model)).filter((f) => f.code === 'MV001')).toEqual([]);
  });

  test('an external cluster without kubernetesVersion gets a warning, not 0 findings', () => {
    const input = exampleInput(EXAMPLES.asmOnprem);
    delete input.clusters[0].kubernetesVersion;
    const findings = analyze(synthesizeForAnalysis(modelOf(input))).filter((f) => f.code === 'MV001');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', cluster: 'cluster1' });
    expect(findings[0].message).toContain('supports Kubernetes 1.16 to 1.19 only');
  });

  test('an old mesh version on GKE is refused at mesh.version; kubernetesVersion is for external clusters only', () => {
    const old = exampleInput(EXAMPLES.multiPrimary);
    old.mesh.version = '1.20.8';
    expect(problemsOf(old).map((p) => p.path)).toEqual(['mesh.version']);
    const gke = exampleInput(EXAMPLES.multiPrimary);
    gke.clusters[0].kubernetesVersion = '1.33';
    expect(problemsOf(gke).map((p) => p.path)).toEqual(['clusters[0].kubernetesVersion']);
  });
});

describe('east-west gateways: internal load balancers where all clusters share the VPC', () => {
  const annotationsOf = (model: ReturnType<typeof loadExample>, cluster: string) =>
    meshInstallOf(model).get(cluster)!.get('mesh-install/eastwest-gateway.yaml')![0].spec.components.ingressGateways[0].k8s.serviceAnnotations;

  test('GKE clusters across regions: internal with global access; in one region: internal only', () => {
    expect(annotationsOf(loadExample(EXAMPLES.multiPrimary), 'cluster1')).toEqual({
      'networking.gke.io/load-balancer-type': 'Internal',
      'networking.gke.io/internal-load-balancer-allow-global-access': 'true',
    });
    const primaryRemote = loadExample(EXAMPLES.primaryRemote);
    expect(annotationsOf(primaryRemote, 'cluster1')).toEqual({ 'networking.gke.io/load-balancer-type': 'Internal' });
    expect(buildPlan(primaryRemote).meshInstall.clusters[0].eastWestGateway).toMatchObject({ loadBalancer: 'internal', globalAccess: false });
  });

  test('an external (on-prem) mesh cluster must reach the gateways: external by default', () => {
    const input = exampleInput(EXAMPLES.multiPrimary);
    input.clusters.push({ name: 'onprem', platform: 'external', kubernetesVersion: '1.33' });
    const model = modelOf(input);
    expect(annotationsOf(model, 'cluster1')).toBeUndefined();
    expect(buildPlan(model).meshInstall.clusters.map((c) => c.eastWestGateway?.loadBalancer)).toEqual(['external', 'external', 'external']);
  });

  test('eastWestLoadBalancer: external keeps a public load balancer', () => {
    const input = exampleInput(EXAMPLES.multiPrimary);
    input.mesh.eastWestLoadBalancer = 'external';
    expect(annotationsOf(modelOf(input), 'cluster1')).toBeUndefined();
  });
});

describe('the ingress gateway behind a MultiClusterIngress', () => {
  test('is ClusterIP (no public entry that bypasses the MCI) unless serviceType says otherwise', () => {
    const model = loadExample(EXAMPLES.privateAsm);
    expect(findObject(clusterObjects(model, 'gke-west-priv'), 'Service', 'asm-ingressgateway').spec.type).toBeUndefined();
    const input = exampleInput(EXAMPLES.privateAsm);
    input.mesh.ingressGateway.serviceType = 'LoadBalancer';
    expect(findObject(clusterObjects(modelOf(input), 'gke-west-priv'), 'Service', 'asm-ingressgateway').spec.type).toBe('LoadBalancer');
    // Without an MCI in front, the gateway is the entry point: LoadBalancer.
    expect(findObject(clusterObjects(loadExample(EXAMPLES.canary), 'gke-boutique'), 'Service', 'asm-ingressgateway').spec.type).toBe('LoadBalancer');
  });
});

describe('a complete Bookinfo', () => {
  test.each(BOOKINFO)('%s: details runs where productpage does, and no ratings v2 image without MongoDB', (file) => {
    const model = loadExample(file);
    const workloads = model.apps.flatMap((a) => a.workloads);
    const productpage = workloads.find((w) => w.name === 'productpage')!;
    const details = workloads.find((w) => w.name === 'details');
    expect(details?.clusters).toEqual(expect.arrayContaining(productpage.clusters));
    const images = workloads.flatMap((w) => [w.image, ...w.versions.map((v) => v.image)]);
    if (!workloads.some((w) => w.name === 'mongodb')) expect(images.filter((i) => i.includes('ratings-v2'))).toEqual([]);
  });
});
