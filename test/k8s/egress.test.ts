import { ManagedMeshConfig } from '../../src/k8s/managed-mesh-config';
import { AppServiceEntry } from '../../src/k8s/service-entry';
import { EXAMPLES, exampleInput, findObject, manifestsOf, meshInstallOf, modelOf, synthChart } from './helpers';
import { validateObjects } from './schema';

/*
 * Egress (issue 9 point 4): ServiceEntries per app namespace, and the mesh's outbound traffic
 * policy in the IstioOperator (in-cluster) or the managed mesh ConfigMap (fleet).
 */

const entry = {
  name: 'payments-api',
  hosts: ['api.payments.example.com'],
  ports: [{ number: 443, name: 'https', protocol: 'HTTPS' as const }],
  resolution: 'DNS' as const,
  location: 'MESH_EXTERNAL' as const,
  addresses: [],
  endpoints: [],
  egressGateway: false,
};

describe('AppServiceEntry', () => {
  test('writes hosts, ports, location and resolution in the app namespace, v1 on v1 meshes', () => {
    const [se] = synthChart((c) => new AppServiceEntry(c, 'se', { namespace: 'shop', entry, istioApiVersion: 'v1' }));
    expect(se).toEqual({
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: 'payments-api', namespace: 'shop' },
      spec: {
        hosts: ['api.payments.example.com'],
        ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
        location: 'MESH_EXTERNAL',
        resolution: 'DNS',
      },
    });
    validateObjects([se]);
  });

  test('STATIC entry: addresses and endpoints ({ address }) only when given; v1beta1 on older meshes', () => {
    const staticEntry = {
      ...entry,
      name: 'db',
      hosts: ['db.internal'],
      ports: [{ number: 5432, name: 'tcp-pg', protocol: 'TCP' as const }],
      resolution: 'STATIC' as const,
      location: 'MESH_INTERNAL' as const,
      addresses: ['10.1.0.0/24'],
      endpoints: [{ address: '10.1.0.5' }, { address: '10.1.0.6' }],
    };
    const [se] = synthChart((c) => new AppServiceEntry(c, 'se', { namespace: 'shop', entry: staticEntry, istioApiVersion: 'v1beta1' }));
    expect(se.apiVersion).toBe('networking.istio.io/v1beta1');
    expect(se.spec.addresses).toEqual(['10.1.0.0/24']);
    expect(se.spec.endpoints).toEqual([{ address: '10.1.0.5' }, { address: '10.1.0.6' }]);
    expect(se.spec.location).toBe('MESH_INTERNAL');
    expect(se.spec.resolution).toBe('STATIC');
    validateObjects([se]);
  });
});

describe('ManagedMeshConfig', () => {
  test('istio-<revision> in istio-system with the mesh key (Google: managed control plane optional features)', () => {
    const [cm] = synthChart((c) => new ManagedMeshConfig(c, 'm', { outboundTrafficPolicy: 'REGISTRY_ONLY' }));
    expect(cm).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio-asm-managed', namespace: 'istio-system' },
      data: { mesh: 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n' },
    });
    const [rapid] = synthChart((c) => new ManagedMeshConfig(c, 'm', { revision: 'asm-managed-rapid', outboundTrafficPolicy: 'ALLOW_ANY' }));
    expect(rapid.metadata.name).toBe('istio-asm-managed-rapid');
    validateObjects([cm, rapid]);
  });
});

describe('egress in the cluster files', () => {
  const seed000 = () => exampleInput(EXAMPLES.privateAsm);

  test('fleet mesh with REGISTRY_ONLY: managed-mesh-config.yaml in every mesh member, not in the config cluster', () => {
    const input = seed000();
    input.mesh.outboundTrafficPolicy = 'REGISTRY_ONLY';
    const files = manifestsOf(modelOf(input));
    for (const cluster of ['gke-west-priv', 'gke-central-priv']) {
      const cm = findObject(files.get(cluster)!.get('managed-mesh-config.yaml')!, 'ConfigMap', 'istio-asm-managed', 'istio-system');
      expect(cm.data.mesh).toContain('mode: REGISTRY_ONLY');
    }
    expect(files.get('gke-ingress')?.has('managed-mesh-config.yaml') ?? false).toBe(false);
  });

  test('policy unset: no managed-mesh-config.yaml and no meshConfig (output unchanged)', () => {
    const files = manifestsOf(modelOf(seed000()));
    for (const cluster of files.values()) expect(cluster.has('managed-mesh-config.yaml')).toBe(false);
    for (const cluster of meshInstallOf(modelOf(exampleInput(EXAMPLES.multiPrimary))).values()) {
      for (const objects of cluster.values()) for (const o of objects) expect(o.spec.meshConfig).toBeUndefined();
    }
  });

  test('in-cluster mesh: the IstioOperator carries meshConfig.outboundTrafficPolicy.mode', () => {
    const input = exampleInput(EXAMPLES.multiPrimary);
    input.mesh.outboundTrafficPolicy = 'REGISTRY_ONLY';
    const installs = meshInstallOf(modelOf(input));
    expect(installs.size).toBeGreaterThan(0);
    for (const cluster of installs.values()) {
      const [iop] = cluster.get('mesh-install/control-plane.yaml')!;
      expect(iop.spec.meshConfig).toEqual({ outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
    }
    for (const cluster of manifestsOf(modelOf(input)).values()) expect(cluster.has('managed-mesh-config.yaml')).toBe(false);
  });

  test("an app's ServiceEntries go into its file in the clusters that run its workloads", () => {
    const input = seed000();
    input.apps[0].serviceEntries = [{ name: 'payments-api', hosts: ['api.payments.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }] }];
    const files = manifestsOf(modelOf(input));
    const ns = input.apps[0].namespace;
    for (const cluster of ['gke-west-priv', 'gke-central-priv']) {
      const se = findObject(files.get(cluster)!.get(`${ns}.yaml`)!, 'ServiceEntry', 'payments-api', ns);
      expect(se.spec.hosts).toEqual(['api.payments.example.com']);
      expect(se.spec.resolution).toBe('DNS');
      expect(se.spec.location).toBe('MESH_EXTERNAL');
    }
    expect([...(files.get('gke-ingress')?.values() ?? [])].flat().some((o) => o.kind === 'ServiceEntry')).toBe(false);
  });

  test('a port named without a protocol prefix (tcplocal, protocol TCP) validates and synthesizes as written', () => {
    const input = seed000();
    input.apps[0].serviceEntries = [{ name: 'mysql', hosts: ['db.corp.example.com'], ports: [{ number: 3306, name: 'tcplocal', protocol: 'TCP' }] }];
    const ns = input.apps[0].namespace;
    const se = findObject(manifestsOf(modelOf(input)).get('gke-west-priv')!.get(`${ns}.yaml`)!, 'ServiceEntry', 'mysql', ns);
    expect(se.spec.ports).toEqual([{ number: 3306, name: 'tcplocal', protocol: 'TCP' }]);
    validateObjects([se]);
  });
});

describe('an app that holds only ServiceEntries (issue 18)', () => {
  /** Seed 000 plus an app `egress` with nothing but a ServiceEntry to a MySQL host, its port named by neither protocol nor prefix. */
  const egressOnly = (mutate: (input: any) => void = () => undefined) => {
    const input = exampleInput(EXAMPLES.privateAsm);
    input.apps.push({
      namespace: 'egress',
      serviceEntries: [{ name: 'mysql', hosts: ['db.corp.example.com'], ports: [{ number: 3306, name: 'tcplocal', protocol: 'TCP' }] }],
    });
    mutate(input);
    return manifestsOf(modelOf(input));
  };

  test('is accepted; its ServiceEntry and namespace (injection on) go to every mesh member cluster, not to the config cluster', () => {
    const files = egressOnly();
    for (const cluster of ['gke-west-priv', 'gke-central-priv']) {
      const objects = files.get(cluster)!.get('egress.yaml')!;
      expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ServiceEntry/mysql']);
      const namespace = findObject(files.get(cluster)!.get('namespaces.yaml')!, 'Namespace', 'egress');
      expect(namespace.metadata.labels).toMatchObject({ 'istio-injection': 'enabled' });
      validateObjects([...objects, namespace]);
    }
    expect([...(files.get('gke-ingress')?.values() ?? [])].flat().some((o) => o.metadata?.namespace === 'egress' || o.metadata?.name === 'egress')).toBe(false);
  });

  test('a port named tcplocal with protocol TCP validates and is written as given (Istio reads the protocol field, not the name)', () => {
    const [se] = egressOnly().get('gke-west-priv')!.get('egress.yaml')!;
    expect(se.spec.ports).toEqual([{ number: 3306, name: 'tcplocal', protocol: 'TCP' }]);
  });

  test('with mesh.defaultDeny the namespace gets its deny-all policy too, like every app namespace', () => {
    const objects = egressOnly((input) => (input.mesh.defaultDeny = true))
      .get('gke-west-priv')!
      .get('egress.yaml')!;
    expect(objects.map((o) => o.kind).sort()).toEqual(['AuthorizationPolicy', 'ServiceEntry']);
  });

  test('without a mesh the ServiceEntry is refused at its path (it is an Istio object)', () => {
    const input = exampleInput(EXAMPLES.gateway);
    input.apps.push({ namespace: 'egress', serviceEntries: [{ name: 'mysql', hosts: ['db.corp.example.com'], ports: [{ number: 3306, name: 'tcplocal', protocol: 'TCP' }] }] });
    expect(() => modelOf(input)).toThrow(/apps\[1\]\.serviceEntries\[0\].*needs a mesh/);
  });
});
