import { resolveTopology } from '../../src/topology/resolve/defaults';
import { checkRules } from '../../src/topology/rules/rules';
import { checkStructure } from '../../src/topology/rules/structure';
import { TopologyInput } from '../../src/topology/model/types';

/* Egress rules (src/topology/rules/egress-rules.ts), each with the field path of the bad value. */

function problemsOf(serviceEntries: unknown[], mesh: unknown = { management: 'fleet' }): string[] {
  const input = {
    name: 'egress',
    project: { id: 'meshfleet-test' },
    clusters: [{ name: 'a', zone: 'us-west2-a', private: false, authorizedNetworks: false }],
    ...(mesh === null ? {} : { mesh }),
    apps: [{ namespace: 'shop', serviceEntries, workloads: [{ name: 'web', image: 'example/web:1', port: 8080 }] }],
  } as unknown as TopologyInput;
  const structural = checkStructure(input);
  if (structural.length > 0) return structural.map((p) => `${p.path}: ${p.message}`);
  return checkRules(input, resolveTopology(input)).map((p) => `${p.path}: ${p.message}`);
}

const https = { number: 443, name: 'https', protocol: 'HTTPS' };
const ok = { name: 'api', hosts: ['api.example.com', '*.googleapis.com'], ports: [https], resolution: 'NONE' };

describe('egress rules', () => {
  test('valid entries pass: wildcard host with NONE, STATIC with IP endpoints, DNS with a name endpoint', () => {
    expect(
      problemsOf([
        ok,
        {
          name: 'db',
          hosts: ['db.internal'],
          ports: [{ number: 5432, name: 'tcp-pg', protocol: 'TCP' }],
          resolution: 'STATIC',
          addresses: ['10.0.0.0/24'],
          endpoints: ['10.0.0.5'],
        },
        { name: 'legacy', hosts: ['legacy.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], endpoints: ['legacy-lb.example.net'] },
      ]),
    ).toEqual([]);
  });

  test('mesh.outboundTrafficPolicy takes ALLOW_ANY or REGISTRY_ONLY only', () => {
    expect(problemsOf([], { management: 'fleet', outboundTrafficPolicy: 'REGISTRY_ONLY' })).toEqual([]);
    expect(problemsOf([], { management: 'fleet', outboundTrafficPolicy: 'DENY' }).join('\n')).toMatch(/^mesh\.outboundTrafficPolicy/);
  });

  test('a host that is not a DNS name (or a wildcard inside it)', () => {
    expect(problemsOf([{ ...ok, hosts: ['api.example.com', 'api.*.com'] }])).toEqual([
      expect.stringMatching(/^apps\[0\]\.serviceEntries\[0\]\.hosts\[1\]: a ServiceEntry host is a DNS name.*found "api\.\*\.com"/),
    ]);
  });

  test('a port name without its protocol prefix is valid: Istio reads the protocol from protocol', () => {
    expect(problemsOf([{ ...ok, ports: [{ number: 443, name: 'web', protocol: 'HTTPS' }] }])).toEqual([]);
    expect(problemsOf([{ ...ok, ports: [{ number: 5432, name: 'tcplocal', protocol: 'TCP' }] }])).toEqual([]);
  });

  test('STATIC without endpoints, or with a name endpoint', () => {
    expect(problemsOf([{ ...ok, hosts: ['db.internal'], resolution: 'STATIC' }])).toEqual([expect.stringMatching(/^apps\[0\]\.serviceEntries\[0\]\.endpoints: resolution STATIC/)]);
    expect(problemsOf([{ ...ok, hosts: ['db.internal'], resolution: 'STATIC', endpoints: ['db.example.com'] }])).toEqual([
      expect.stringMatching(/^apps\[0\]\.serviceEntries\[0\]\.endpoints\[0\]: resolution STATIC takes IP endpoints/),
    ]);
  });

  test('a wildcard host resolved by DNS without endpoints; NONE with endpoints', () => {
    expect(problemsOf([{ ...ok, resolution: 'DNS' }])).toEqual([expect.stringMatching(/^apps\[0\]\.serviceEntries\[0\]\.resolution: Istio cannot resolve a wildcard host/)]);
    expect(problemsOf([{ ...ok, endpoints: ['10.0.0.1'] }])).toEqual([expect.stringMatching(/^apps\[0\]\.serviceEntries\[0\]\.endpoints: resolution NONE/)]);
  });

  test('duplicate names, and entries without a mesh', () => {
    expect(problemsOf([ok, ok])).toEqual([
      expect.stringMatching(/^apps\[0\]\.serviceEntries\[1\]\.name: duplicate ServiceEntry name, already used by apps\[0\]\.serviceEntries\[0\]\.name/),
    ]);
    expect(problemsOf([ok], null)).toEqual([expect.stringMatching(/^apps\[0\]\.serviceEntries\[0\]: a ServiceEntry is an Istio object and needs a mesh/)]);
  });

  test('an address that is not an IP address or CIDR', () => {
    expect(problemsOf([{ ...ok, addresses: ['example.com'] }])).toEqual([
      expect.stringMatching(/^apps\[0\]\.serviceEntries\[0\]\.addresses\[0\]: an address is an IP address or CIDR/),
    ]);
  });
});
