import { ComputeManagedSslCertificate } from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';
import { example, resourcesOf, synthStacks } from './helpers';

/* Google-managed certificates of the multi-cluster ingress, in the fleet stack. */

describe('managed SSL certificates', () => {
  test('mci-host-rules-https: one MANAGED certificate with both hosts, in the fleet stack', () => {
    const stacks = synthStacks(example('mci-host-rules-https'));
    expect(resourcesOf(stacks.fleet, ComputeManagedSslCertificate.tfResourceType).map((c) => [c.name, c.type, c.managed])).toEqual([
      ['whereami-cert', 'MANAGED', { domains: ['v1.whereami.example.com', 'v2.whereami.example.com'] }],
    ]);
    for (const [name, json] of Object.entries(stacks)) {
      if (name !== 'fleet') expect(resourcesOf(json, ComputeManagedSslCertificate.tfResourceType)).toEqual([]);
    }
  });

  test('seed 000 (no certificates): none', () => {
    const stacks = synthStacks(example('private-asm-multicluster'));
    expect(resourcesOf(stacks.fleet, ComputeManagedSslCertificate.tfResourceType)).toEqual([]);
  });
});
