import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TOPOLOGY_SCHEMA } from '../../src/topology/generated/topology-schema.generated';

/*
 * The topology's AuthorizationPolicy and RequestAuthentication fields are written by hand in
 * upstream's names (src/topology/model/security-policy.ts). This test keeps them upstream's: every
 * field the topology schema accepts exists, with the same JSON type, in the vendored Istio CRD
 * (security.istio.io v1), so a policy written for meshfleet pastes into Istio and back.
 */

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: unknown; enum?: unknown[] };

const CRD_FILE = path.resolve(__dirname, '..', '..', 'crds', 'istio', 'crd-all.gen.yaml');

function crdSpec(kind: string): Schema {
  for (const doc of parseAllDocuments(fs.readFileSync(CRD_FILE, 'utf8'))) {
    const crd = doc.toJS();
    if (crd?.spec?.group !== 'security.istio.io' || crd.spec.names.kind !== kind) continue;
    return crd.spec.versions.find((v: { name: string }) => v.name === 'v1').schema.openAPIV3Schema.properties.spec;
  }
  throw new Error(`no ${kind} in ${CRD_FILE}`);
}

/** `topology` must be a sub-shape of `upstream`: every property found there, of the same type; returns the paths compared. */
function expectSubShape(topology: Schema, upstream: Schema, at: string, seen: string[]): void {
  seen.push(at);
  if (upstream.type !== undefined && topology.type !== undefined) expect(`${at}: ${topology.type}`).toBe(`${at}: ${upstream.type}`);
  if (topology.enum !== undefined) expect(upstream.enum).toEqual(expect.arrayContaining(topology.enum));
  if (topology.items !== undefined) expectSubShape(topology.items, upstream.items ?? {}, `${at}[]`, seen);
  for (const [key, child] of Object.entries(topology.properties ?? {})) {
    const counterpart = upstream.properties?.[key];
    if (counterpart === undefined) throw new Error(`${at}.${key} is not a field of the Istio CRD`);
    expectSubShape(child, counterpart, `${at}.${key}`, seen);
  }
}

const app = (TOPOLOGY_SCHEMA as unknown as { properties: { apps: { items: Schema } } }).properties.apps.items;

describe('security policy fields are upstream’s', () => {
  test('AuthorizationPolicy: selector, action, provider and rules (from/to/when) are a sub-shape of the CRD’s spec', () => {
    const { name, ...spec } = app.properties!.authorizationPolicies.items!.properties!;
    expect(name.type).toBe('string');
    const seen: string[] = [];
    expectSubShape({ type: 'object', properties: spec }, crdSpec('AuthorizationPolicy'), 'spec', seen);
    expect(seen).toEqual(expect.arrayContaining(['spec.rules[].from[].source.notRemoteIpBlocks', 'spec.rules[].to[].operation.notPorts', 'spec.rules[].when[].notValues']));
  });

  test('RequestAuthentication: selector and jwtRules are a sub-shape of the CRD’s spec', () => {
    const { name, ...spec } = app.properties!.requestAuthentications.items!.properties!;
    expect(name.type).toBe('string');
    const seen: string[] = [];
    expectSubShape({ type: 'object', properties: spec }, crdSpec('RequestAuthentication'), 'spec', seen);
    expect(seen).toEqual(expect.arrayContaining(['spec.jwtRules[].jwksUri', 'spec.jwtRules[].fromHeaders[].prefix', 'spec.jwtRules[].outputPayloadToHeader']));
  });
});
