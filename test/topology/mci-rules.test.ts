import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTopology } from '../../src/topology/resolve/defaults';
import { parseTopologyText } from '../../src/load/load';
import { checkRules } from '../../src/topology/rules/rules';
import { checkStructure } from '../../src/topology/rules/structure';
import { TopologyInput } from '../../src/topology/model/types';

/* Multi-cluster ingress rules (src/topology/rules/mci-rules.ts), each with the field path of the bad reference. */

const FILE = join(__dirname, '..', '..', 'examples', 'mci-host-rules-https.yaml');
const example = (): any => parseTopologyText(readFileSync(FILE, 'utf8'), FILE);

function problemsOf(edit: (t: any) => void): string[] {
  const input = example();
  edit(input);
  const structural = checkStructure(input as TopologyInput);
  if (structural.length > 0) return structural.map((p) => `${p.path}: ${p.message}`);
  return checkRules(input, resolveTopology(input)).map((p) => `${p.path}: ${p.message}`);
}

describe('multi-cluster ingress rules', () => {
  test('the example passes', () => {
    expect(problemsOf(() => undefined)).toEqual([]);
  });

  test('a host rule to a missing service', () => {
    expect(problemsOf((t) => (t.multiClusterIngress.rules[1].paths[0].service = 'whereami-v3'))).toEqual([
      'multiClusterIngress.rules[1].paths[0].service: no MultiClusterService has this name (found "whereami-v3", expected one of whereami-v1, whereami-v2)',
    ]);
  });

  test('a port the MultiClusterService does not expose (rule and default backend)', () => {
    expect(
      problemsOf((t) => {
        t.multiClusterIngress.rules[0].paths[0].port = 80;
        t.multiClusterIngress.defaultBackend.port = 443;
      }),
    ).toEqual([
      'multiClusterIngress.rules[0].paths[0].port: MultiClusterService whereami-v1 does not expose this port (found 80, expected one of 8080)',
      'multiClusterIngress.defaultBackend.port: MultiClusterService whereami-v1 does not expose this port (found 443, expected one of 8080)',
    ]);
  });

  test('a cluster not in the fleet', () => {
    expect(problemsOf((t) => (t.multiClusterIngress.services[1].clusters = ['gke-eu', 'gke-asia']))).toEqual([
      'multiClusterIngress.services[1].clusters[1]: not a GKE cluster of the fleet (found "gke-asia", expected one of gke-us, gke-eu)',
    ]);
  });

  test('backend-config naming a missing BackendConfig (per port and default)', () => {
    expect(
      problemsOf((t) => {
        t.multiClusterIngress.services[0].ports[0].backendConfig = 'missing-config';
        t.multiClusterIngress.services[1].backendConfig = 'other-config';
      }),
    ).toEqual([
      'multiClusterIngress.services[0].ports[0].backendConfig: no backend config has this name (found "missing-config", expected one of whereami-v1-config, whereami-v2-config)',
      'multiClusterIngress.services[1].backendConfig: no backend config has this name (found "other-config", expected one of whereami-v1-config, whereami-v2-config)',
    ]);
  });

  test('duplicate service, BackendConfig, port and host names', () => {
    expect(
      problemsOf((t) => {
        t.multiClusterIngress.services[1].name = 'whereami-v1';
        t.multiClusterIngress.backendConfigs[1].name = 'whereami-v1-config';
        t.multiClusterIngress.services[1].ports[0].backendConfig = 'whereami-v1-config';
        t.multiClusterIngress.services[0].ports.push({ name: 'http', port: 8080 });
        t.multiClusterIngress.rules[1].host = 'v1.whereami.example.com';
        t.multiClusterIngress.rules[1].paths[0].service = 'whereami-v1';
      }),
    ).toEqual([
      'multiClusterIngress.services[1].name: duplicate MultiClusterService name, already used by multiClusterIngress.services[0].name (found "whereami-v1", expected a unique MultiClusterService name)',
      'multiClusterIngress.backendConfigs[1].name: duplicate BackendConfig name, already used by multiClusterIngress.backendConfigs[0].name (found "whereami-v1-config", expected a unique BackendConfig name)',
      'multiClusterIngress.services[0].ports[1].name: duplicate port name, already used by multiClusterIngress.services[0].ports[0].name (found "http", expected a unique port name)',
      'multiClusterIngress.services[0].ports[1].port: duplicate port, already used by multiClusterIngress.services[0].ports[0].port (found 8080, expected a unique port)',
      'multiClusterIngress.rules[1].host: duplicate host rule, already used by multiClusterIngress.rules[0].host (found "v1.whereami.example.com", expected a unique host rule)',
    ]);
  });

  test('no default backend and no rules; a certificate named twice', () => {
    expect(
      problemsOf((t) => {
        delete t.multiClusterIngress.defaultBackend;
        t.multiClusterIngress.rules = [];
        t.multiClusterIngress.preSharedCerts = ['whereami-cert'];
      }),
    ).toEqual([
      'multiClusterIngress: a MultiClusterIngress needs a default backend or rules (found nothing, expected defaultBackend or rules)',
      'multiClusterIngress.managedCertificates[0].name: duplicate certificate name, already used by multiClusterIngress.preSharedCerts[0] (found "whereami-cert", expected a unique certificate name)',
    ]);
  });

  test('without a mesh: a service needs its selector and the ingress its namespace', () => {
    expect(
      problemsOf((t) => {
        delete t.multiClusterIngress.services[0].selector;
        delete t.multiClusterIngress.namespace;
      }),
    ).toEqual([
      'multiClusterIngress.namespace: the objects need a namespace; without a mesh ingress gateway there is no default (found nothing, expected a namespace)',
      'multiClusterIngress.services[0].selector: without a mesh ingress gateway a service needs its own selector (found nothing, expected pod labels such as { app: web })',
    ]);
  });

  test("seed 000's fields beside services are reported, not ignored", () => {
    expect(problemsOf((t) => (t.multiClusterIngress.port = 8080))).toEqual([
      'multiClusterIngress.port: seed 000 shape field, not used with services (found 8080, expected the field on a service or backend config, or no services)',
    ]);
  });

  test('schema: host rules take DNS names, the static IP an IPv4 address, app protocols HTTP/HTTPS/HTTP2', () => {
    expect(problemsOf((t) => (t.multiClusterIngress.rules[0].host = 'not a host'))[0]).toMatch(/^multiClusterIngress\.rules\[0\]\.host/);
    expect(problemsOf((t) => (t.multiClusterIngress.staticIp = 'whereami-ip'))[0]).toMatch(/^multiClusterIngress\.staticIp/);
    expect(problemsOf((t) => (t.multiClusterIngress.services[0].ports[0].appProtocol = 'GRPC'))[0]).toMatch(/^multiClusterIngress\.services\[0\]\.ports\[0\]\.appProtocol/);
  });
});
