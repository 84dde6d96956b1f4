import { validateTopology } from '../../src/load/load';
import { compareQuantities, parseIp, parseQuantity } from '../../src/topology/rules/predicates';
import { excerpt } from '../../src/topology/rules/problems';
import { Draft, expectOnlyProblem, problemsOf } from './support';

/*
 * Limits of the APIs meshfleet writes to (issue 17 item 5): inputs the API server, the kubelet,
 * Istio or Envoy refuse, each refused by validate with its field path, through the loader.
 */

const web = { name: 'web', image: 'example/web:1', port: 8080 };

/** A one-cluster topology with a fleet-managed mesh (every app namespace injected) and one app. */
function topology(app: Draft, mesh: Draft | null = { management: 'fleet' }): Draft {
  return {
    name: 'limits',
    project: { id: 'meshfleet-test' },
    clusters: [{ name: 'a', zone: 'us-west2-a', private: false, authorizedNetworks: false }],
    ...(mesh === null ? {} : { mesh }),
    apps: [{ namespace: 'shop', ...app }],
  };
}

/** The topology with one workload: `web` and `change`. */
const withWeb = (change: Draft, mesh?: Draft | null) => topology({ workloads: [{ ...web, ...change }] }, mesh);

const at = 'apps[0].workloads[0]';

describe('derived names and labels', () => {
  test('a StatefulSet name leaves room for its controller-revision-hash label (<name>-<10 characters>)', () => {
    const name = 's'.repeat(53);
    expectOnlyProblem(
      withWeb({ name, kind: 'StatefulSet' }),
      `${at}.name`,
      `${at} would be StatefulSet ${name}, whose controller-revision-hash label (<name>-<hash>) would exceed 63 characters (found "${name}", expected a name of at most 52 characters)`,
    );
    expect(() => validateTopology(withWeb({ name: 's'.repeat(52), kind: 'StatefulSet' }))).not.toThrow();
  });

  test.each([
    ['over 63 characters', 'v'.repeat(64)],
    ['with a dot (Istio refuses it as a subset name)', 'v1.2'],
    ['in upper case', 'V1'],
  ])('a version label %s', (_why, version) => {
    expectOnlyProblem(
      withWeb({ version }),
      `${at}.version`,
      `wrong format (found ${JSON.stringify(version)}, expected a version label such as v1 (at most 63 characters of a-z, 0-9 and -))`,
    );
  });

  test('a version name of versions and a canary version are held to the same format', () => {
    const long = 'v'.repeat(64);
    expect(
      problemsOf(
        withWeb({
          versions: [
            { name: 'v1', weight: 100 },
            { name: long, weight: 0 },
          ],
        }),
      ).map((p) => p.path),
    ).toEqual([`${at}.versions[1].name`]);
    expect(problemsOf(withWeb({ version: 'v1', canary: { version: long, weight: 0 } })).map((p) => p.path)).toEqual([`${at}.canary.version`]);
  });
});

describe('port names (IANA_SVC_NAME)', () => {
  test.each(['http--api', 'http-', '-http', 'a-very-long-port-name', 'Http'])('%p is refused', (name) => {
    expectOnlyProblem(
      withWeb({ portName: name }),
      `${at}.portName`,
      `wrong format (found ${JSON.stringify(name)}, expected a port name of at most 15 characters (a-z, 0-9 and single -))`,
    );
  });

  test('extra ports and VM ports too', () => {
    expect(problemsOf(withWeb({ extraPorts: [{ name: 'grpc--x', port: 9090 }] })).map((p) => p.path)).toEqual([`${at}.extraPorts[0].name`]);
  });

  test.each(['http', 'grpc-web', 'tcp-mysql-8080', 'h2c'])('%p is accepted', (name) => {
    expect(() => validateTopology(withWeb({ portName: name }))).not.toThrow();
  });
});

describe('duplicate ports', () => {
  test('an extra port on the container port (its Service port follows it): reported once, at the container port', () => {
    expectOnlyProblem(
      withWeb({ extraPorts: [{ name: 'metrics', port: 8080 }] }),
      `${at}.extraPorts[0].port`,
      `the container declares this port twice, already declared by ${at}.port (found 8080, expected a container port of its own)`,
    );
  });

  test('two extra ports with one Service port', () => {
    expectOnlyProblem(
      withWeb({
        extraPorts: [
          { name: 'grpc', port: 9090, servicePort: 90 },
          { name: 'metrics', port: 9091, servicePort: 90 },
        ],
      }),
      `${at}.extraPorts[1].servicePort`,
      `the Service declares this port twice, already declared by ${at}.extraPorts[0].servicePort (found 90, expected a Service port of its own (servicePort))`,
    );
  });

  test("an extra port's Service port on the workload's Service port", () => {
    expect(problemsOf(withWeb({ servicePort: 80, extraPorts: [{ name: 'metrics', port: 9090, servicePort: 80 }] }))).toEqual([
      {
        path: `${at}.extraPorts[0].servicePort`,
        message: `the Service declares this port twice, already declared by ${at}.servicePort (found 80, expected a Service port of its own (servicePort))`,
      },
    ]);
  });

  test('the same port name twice', () => {
    expect(problemsOf(withWeb({ extraPorts: [{ name: 'http', port: 9090 }] })).map((p) => p.path)).toEqual([`${at}.extraPorts[0].name`]);
  });

  test("a Service port equal to another entry's container port is accepted", () => {
    expect(() => validateTopology(withWeb({ servicePort: 80, extraPorts: [{ name: 'http-alt', port: 9090, servicePort: 8080 }] }))).not.toThrow();
  });

  test('VM workload ports: a name or a port twice', () => {
    const mesh = { management: 'in-cluster', version: '1.29.6', meshId: 'mesh1' };
    const vm = (ports: Draft[]) => topology({ workloads: [web], vmWorkloads: [{ name: 'legacy', ports }] }, mesh);
    expect(
      problemsOf(
        vm([
          { name: 'http', port: 80 },
          { name: 'http', port: 81 },
          { name: 'tcp', port: 80 },
        ]),
      ),
    ).toEqual([
      {
        path: 'apps[0].vmWorkloads[0].ports[1].name',
        message: 'duplicate port name, already declared by apps[0].vmWorkloads[0].ports[0].name (found "http", expected a unique port name)',
      },
      { path: 'apps[0].vmWorkloads[0].ports[2].port', message: 'duplicate port, already declared by apps[0].vmWorkloads[0].ports[0].port (found 80, expected a port of its own)' },
    ]);
  });
});

describe("the Istio sidecar's ports and containers", () => {
  test.each([15006, 15021, 15090])('container port %p in an injected pod', (port) => {
    expectOnlyProblem(
      withWeb({ port }),
      `${at}.port`,
      `the Istio sidecar listens on this port in the workload's pods (found ${port}, expected a port other than 15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090 (or the pod annotation sidecar.istio.io/inject: "false"))`,
    );
  });

  test('an extra port too; without a mesh, or with injection off, the port is free', () => {
    expect(problemsOf(withWeb({ extraPorts: [{ name: 'status', port: 15020 }] })).map((p) => p.path)).toEqual([`${at}.extraPorts[0].port`]);
    expect(() => validateTopology(withWeb({ port: 15021 }, null))).not.toThrow();
    expect(() => validateTopology(withWeb({ port: 15021, podAnnotations: { 'sidecar.istio.io/inject': 'false' } }))).not.toThrow();
  });

  test('a VM port', () => {
    const mesh = { management: 'in-cluster', version: '1.29.6', meshId: 'mesh1' };
    expectOnlyProblem(
      topology({ workloads: [web], vmWorkloads: [{ name: 'legacy', ports: [{ name: 'http', port: 15006 }] }] }, mesh),
      'apps[0].vmWorkloads[0].ports[0].port',
      "the VM's Istio proxy listens on this port (found 15006, expected a port other than 15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090)",
    );
  });

  test('an init container named like the container, or two init containers of one name', () => {
    const init = { name: 'web', image: 'busybox:1.36' };
    expectOnlyProblem(
      withWeb({ initContainers: [init] }),
      `${at}.initContainers[0].name`,
      `another container of the pod has this name, already declared by ${at}.name (found "web", expected a container name unique in the pod)`,
    );
    expectOnlyProblem(
      withWeb({ containerName: 'app', initContainers: [{ ...init, name: 'app' }] }),
      `${at}.initContainers[0].name`,
      `another container of the pod has this name, already declared by ${at}.containerName (found "app", expected a container name unique in the pod)`,
    );
    expect(
      problemsOf(
        withWeb({
          initContainers: [
            { ...init, name: 'wait' },
            { ...init, name: 'wait' },
          ],
        }),
      ).map((p) => p.path),
    ).toEqual([`${at}.initContainers[1].name`]);
  });

  test("a container named like Istio's in an injected pod", () => {
    expectOnlyProblem(
      withWeb({ initContainers: [{ name: 'istio-init', image: 'busybox:1.36' }] }),
      `${at}.initContainers[0].name`,
      'Istio injects a container of this name into the pod (found "istio-init", expected a name other than istio-proxy, istio-init, istio-validation)',
    );
    expect(problemsOf(withWeb({ name: 'istio-proxy' })).map((p) => p.path)).toEqual([`${at}.name`]);
  });
});

test("a volume named like one of Istio's in an injected pod", () => {
  expectOnlyProblem(
    withWeb({ volumes: [{ name: 'istio-envoy', emptyDir: {} }] }),
    `${at}.volumes[0].name`,
    'Istio\'s sidecar injection adds a volume of this name to the pod (found "istio-envoy", expected a name other than workload-socket, credential-socket, workload-certs, istio-envoy, istio-data, istio-podinfo, istio-token, istiod-ca-cert)',
  );
  expect(() => validateTopology(withWeb({ volumes: [{ name: 'istio-envoy', emptyDir: {} }] }, null))).not.toThrow();
});

describe('security context', () => {
  test('allowPrivilegeEscalation: false with privileged: true', () => {
    expectOnlyProblem(
      withWeb({ securityContext: { allowPrivilegeEscalation: false, privileged: true } }),
      `${at}.securityContext.allowPrivilegeEscalation`,
      'a privileged container always escalates privileges (Kubernetes refuses both) (found false, expected true or no allowPrivilegeEscalation, or no privileged)',
    );
  });

  test.each(['SYS_ADMIN', 'CAP_SYS_ADMIN'])('capability %s with allowPrivilegeEscalation false, set or filled in', (capability) => {
    expectOnlyProblem(
      withWeb({ securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_ADMIN', capability] } } }),
      `${at}.securityContext.capabilities.add[1]`,
      `CAP_SYS_ADMIN lets the container escalate privileges, and allowPrivilegeEscalation is false: Kubernetes refuses both (found "${capability}", expected allowPrivilegeEscalation: true, or no SYS_ADMIN)`,
    );
    expect(problemsOf(withWeb({ securityContext: { capabilities: { add: [capability] } } }))[0].message).toMatch(/allowPrivilegeEscalation is false \(meshfleet fills it in\)/);
    expect(() => validateTopology(withWeb({ securityContext: { allowPrivilegeEscalation: true, capabilities: { add: [capability] } } }))).not.toThrow();
  });

  test('a Localhost seccomp profile without its file, and a file with another type', () => {
    expectOnlyProblem(
      withWeb({ securityContext: { seccompProfile: { type: 'Localhost' } } }),
      `${at}.securityContext.seccompProfile.localhostProfile`,
      'a Localhost seccomp profile names its file on the node (found nothing, expected a path relative to the kubelet seccomp folder, such as profiles/audit.json)',
    );
    expectOnlyProblem(
      withWeb({ securityContext: { seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'profiles/audit.json' } } }),
      `${at}.securityContext.seccompProfile.localhostProfile`,
      'only a Localhost seccomp profile has a file, not RuntimeDefault (found "profiles/audit.json", expected no localhostProfile, or type: Localhost)',
    );
    expect(() => validateTopology(withWeb({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } } }))).not.toThrow();
  });

  test('runAsUser 0 with runAsNonRoot true, on the container or through the pod', () => {
    expectOnlyProblem(
      withWeb({ securityContext: { runAsUser: 0, runAsNonRoot: true } }),
      `${at}.securityContext.runAsUser`,
      `runs the container as root while ${at}.securityContext.runAsNonRoot is true: the kubelet refuses to start it (found 0, expected a non-zero user ID, or runAsNonRoot: false)`,
    );
    expect(problemsOf(withWeb({ podSecurityContext: { runAsUser: 0, runAsNonRoot: true } })).map((p) => p.path)).toEqual([`${at}.podSecurityContext.runAsUser`]);
    expect(() => validateTopology(withWeb({ podSecurityContext: { runAsUser: 0, runAsNonRoot: true }, securityContext: { runAsNonRoot: false } }))).not.toThrow();
  });
});

describe('resources', () => {
  test.each([
    ['cpu', '2', '1500m'],
    ['cpu', '0.5', '100m'],
    ['memory', '1Gi', '1G'],
    ['memory', '2e9', '1Gi'],
    ['ephemeral-storage', '1.5Gi', '1535Mi'],
  ])('a %s request of %s above a limit of %s', (key, request, limit) => {
    expectOnlyProblem(
      withWeb({ resources: { requests: { [key]: request }, limits: { [key]: limit } } }),
      `${at}.resources.requests.${key}`,
      `the request is above the limit ${limit} (found ${JSON.stringify(request)}, expected at most ${limit} (resources.limits.${key}))`,
    );
  });

  test.each([
    ['cpu', '100m', '0.1'],
    ['cpu', '1', '1000m'],
    ['memory', '1Gi', '1073741824'],
    ['memory', '1G', '1Gi'],
    ['memory', '128974848', '129e6'],
    ['memory', '.5Gi', '512Mi'],
  ])('a %s request of %s within a limit of %s is accepted', (key, request, limit) => {
    expect(() => validateTopology(withWeb({ resources: { requests: { [key]: request }, limits: { [key]: limit } } }))).not.toThrow();
  });

  test('the quantity grammar: binary and decimal suffixes, exponents, and nothing else', () => {
    const value = (text: string) => parseQuantity(text);
    expect(compareQuantities(value('1Ki')!, value('1024')!)).toBe(0);
    expect(compareQuantities(value('1k')!, value('1e3')!)).toBe(0);
    expect(compareQuantities(value('1E')!, value('1e18')!)).toBe(0);
    expect(compareQuantities(value('1m')!, value('1000u')!)).toBe(0);
    expect(compareQuantities(value('1Mi')!, value('1M')!)).toBeGreaterThan(0);
    for (const bad of ['1KB', '-1', '1.2.3', 'm', '', '1 Gi', '1e1000']) expect(value(bad)).toBeUndefined();
    expect(problemsOf(withWeb({ resources: { limits: { memory: '1KB' } } })).map((p) => p.path)).toEqual([`${at}.resources.limits.memory`]);
  });
});

describe('ConfigMaps and annotations', () => {
  test.each(['.', '..', '..data', 'a b', 'k'.repeat(254)])('a ConfigMap key %p', (key) => {
    const [p] = problemsOf(topology({ configMaps: [{ name: 'cfg', data: { [key]: 'x' } }], workloads: [web] }));
    expect(p.path).toBe('apps[0].configMaps[0].data');
    expect(p.message).toMatch(/^invalid key \(found ".*, expected a key such as jwtRS256\.key \(letters, digits, -, _ and \., at most 253, not \. or \.\.\)\)$/);
  });

  test('keys such as .env and app.yaml are accepted', () => {
    expect(() => validateTopology(topology({ configMaps: [{ name: 'cfg', data: { '.env': 'A=1', 'app.yaml': 'a: 1', 'x..y': 'z' } }], workloads: [web] }))).not.toThrow();
  });

  test('a ConfigMap over 1 MiB (keys and values together, in UTF-8 bytes)', () => {
    const data = { big: 'x'.repeat(1024 * 1024 - 7), a: 'éé' };
    expectOnlyProblem(
      topology({ configMaps: [{ name: 'cfg', data }], workloads: [web] }),
      'apps[0].configMaps[0].data',
      'a ConfigMap holds at most 1024.0 KiB, keys and values together (found "1024.0 KiB", expected at most 1024.0 KiB)',
    );
    // One byte less is within the API's limit (and refused by the next rule, for kubectl apply).
    expect(problemsOf(topology({ configMaps: [{ name: 'cfg', data: { big: 'x'.repeat(1024 * 1024 - 3) } }], workloads: [web] }))[0].message).toMatch(/^kubectl apply -k/);
  });

  test('a ConfigMap whose last-applied-configuration (kubectl apply -k, as the runbook runs it) would exceed 256 KiB', () => {
    const data = { 'dashboard.json': 'x'.repeat(300 * 1024) };
    expectOnlyProblem(
      topology({ configMaps: [{ name: 'cfg', data }], workloads: [web] }),
      'apps[0].configMaps[0].data',
      'kubectl apply -k, as the runbook applies the folder, copies the ConfigMap into its last-applied-configuration annotation, and annotations hold at most 256.0 KiB (found "300.0 KiB of data as JSON", expected at most 255.0 KiB of data as JSON (split the ConfigMap, or mark it external and create it with kubectl apply --server-side))',
    );
    // Go's JSON escapes <, > and & as \u003c: six bytes each.
    expect(problemsOf(topology({ configMaps: [{ name: 'cfg', data: { 'page.html': '<'.repeat(50 * 1024) } }], workloads: [web] }))[0].message).toMatch(
      /found "300\.0 KiB of data as JSON"/,
    );
    expect(() => validateTopology(topology({ configMaps: [{ name: 'cfg', data: { 'page.html': '<'.repeat(40 * 1024) } }], workloads: [web] }))).not.toThrow();
  });

  test.each(['-x.example.com/a', 'x..example.com/a', `${'a'.repeat(254)}/a`, 'Example.com/a'])('an annotation key with the prefix %p', (key) => {
    expectOnlyProblem(
      withWeb({ podAnnotations: { [key]: 'x' } }),
      `${at}.podAnnotations`,
      `invalid key (found ${excerpt(key)}, expected a label or annotation key such as app or example.com/team)`,
    );
  });

  test('pod annotations over 256 KiB', () => {
    expectOnlyProblem(
      withWeb({ podAnnotations: { 'example.com/a': 'x'.repeat(200 * 1024), 'example.com/b': 'x'.repeat(100 * 1024) } }),
      `${at}.podAnnotations`,
      'the annotations of a pod hold at most 256.0 KiB, keys and values together (found "300.0 KiB", expected at most 256.0 KiB)',
    );
  });
});

describe('ServiceEntries', () => {
  const entry = (change: Draft) =>
    topology({ workloads: [web], serviceEntries: [{ name: 'api', hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }], ...change }] });
  const se = 'apps[0].serviceEntries[0]';

  test('a port named tcplocal with protocol TCP is valid: Istio reads the protocol field', () => {
    expect(() => validateTopology(entry({ ports: [{ number: 5432, name: 'tcplocal', protocol: 'TCP' }] }))).not.toThrow();
    expect(() => validateTopology(entry({ ports: [{ number: 443, name: 'web', protocol: 'HTTPS' }] }))).not.toThrow();
  });

  test('a port name or number twice', () => {
    expect(
      problemsOf(
        entry({
          ports: [
            { number: 443, name: 'https', protocol: 'HTTPS' },
            { number: 8443, name: 'https', protocol: 'HTTPS' },
            { number: 443, name: 'tls', protocol: 'TLS' },
          ],
        }),
      ),
    ).toEqual([
      { path: `${se}.ports[1].name`, message: `duplicate port name, already used by ${se}.ports[0] (found "https", expected a unique port name)` },
      { path: `${se}.ports[2].number`, message: `duplicate port, already declared by ${se}.ports[0] (found 443, expected a port number of its own)` },
    ]);
  });

  test.each(['0.0.0.0/0', '::/0'])('address %s captures all traffic', (address) => {
    expectOnlyProblem(
      entry({ resolution: 'NONE', addresses: [address] }),
      `${se}.addresses[0]`,
      `a ServiceEntry address of prefix /0 captures all outbound traffic (found "${address}", expected the addresses of the external service)`,
    );
  });

  test.each(['010.0.0.1', '10.0.0.01/32', '10.0.0.0/08', '256.0.0.1', 'fe80::1%eth0', '10.0.0.0/33'])('address %s is not an IP address or CIDR', (address) => {
    expectOnlyProblem(
      entry({ resolution: 'NONE', addresses: [address] }),
      `${se}.addresses[0]`,
      `an address is an IP address or CIDR (found "${address}", expected such as 10.0.0.1 or 10.0.0.0/24 (no leading zeros))`,
    );
  });

  test('a CIDR address with resolution DNS (the default): Istio refuses it', () => {
    expectOnlyProblem(
      entry({ addresses: ['10.0.0.0/24'] }),
      `${se}.addresses[0]`,
      'Istio takes CIDR addresses only with resolution NONE or STATIC (found "10.0.0.0/24", expected an IP address, or resolution NONE or STATIC)',
    );
  });

  test('IPv6 addresses and endpoints are accepted; an endpoint with leading zeros is not', () => {
    expect(() => validateTopology(entry({ resolution: 'STATIC', addresses: ['2600:1900:4000::/64', '10.0.0.0/24'], endpoints: ['2600:1900:4000::5', '10.0.0.5'] }))).not.toThrow();
    expectOnlyProblem(
      entry({ resolution: 'STATIC', endpoints: ['010.0.0.5'] }),
      `${se}.endpoints[0]`,
      'resolution STATIC takes IP endpoints (found "010.0.0.5", expected an IP address such as 10.0.0.5 (no leading zeros))',
    );
    expectOnlyProblem(
      entry({ endpoints: ['010.0.0.5'] }),
      `${se}.endpoints[0]`,
      'a DNS endpoint is an IP address or a DNS name (found "010.0.0.5", expected such as 10.0.0.1 (no leading zeros) or db.example.com)',
    );
  });

  test('the IP predicate', () => {
    expect(parseIp('10.0.0.0/8', true)).toEqual({ version: 4, address: '10.0.0.0', prefix: 8 });
    expect(parseIp('10.0.0.0/8', false)).toBeUndefined();
    expect(parseIp('2001:db8::1', false)).toEqual({ version: 6, address: '2001:db8::1' });
    expect(parseIp('::ffff:010.0.0.1', false)).toBeUndefined();
    expect(parseIp('2001:db8::/129', true)).toBeUndefined();
  });
});
