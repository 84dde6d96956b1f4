import { analyze } from '../../src/analysis/analyze';
import { formatFinding } from '../../src/analysis/findings';
import { destinationRule, inputOf, namespaceObject, service, virtualService } from './support';

describe('analyze', () => {
  const objects = (subset: string) => [
    virtualService('b', 'z', { hosts: ['z'], http: [{ route: [{ destination: { host: 'missing' } }, { destination: { host: 'z', subset } }] }] }),
    service('b', 'z'),
    destinationRule('b', 'z', 'z', ['v1']),
    namespaceObject('a', { 'istio-injection': 'enabled', 'istio.io/rev': 'r' }),
  ];

  test('orders findings by cluster, object, path and code, whatever the input order', () => {
    const findings = analyze(inputOf({ zeta: objects('v9'), alpha: [...objects('v8')].reverse() }, { topology: { externalClusters: ['zeta', 'alpha'] } }));
    expect(findings.map((f) => [f.cluster, f.object, f.path, f.code])).toEqual([
      ['alpha', 'Namespace a', 'metadata.labels', 'IST0123'],
      ['alpha', 'VirtualService b/z', 'spec.http[0].route[0].destination.host', 'IST0101'],
      ['alpha', 'VirtualService b/z', 'spec.http[0].route[1].destination.subset', 'IST0101'],
      ['zeta', 'Namespace a', 'metadata.labels', 'IST0123'],
      ['zeta', 'VirtualService b/z', 'spec.http[0].route[0].destination.host', 'IST0101'],
      ['zeta', 'VirtualService b/z', 'spec.http[0].route[1].destination.subset', 'IST0101'],
    ]);
  });

  test('formats a finding as one line', () => {
    const [finding] = analyze(inputOf({ c1: [namespaceObject('a', { 'istio-injection': 'enabled', 'istio.io/rev': 'r' })] }, { topology: { externalClusters: ['c1'] } }));
    expect(formatFinding(finding)).toBe(`warning IST0123 c1 Namespace a metadata.labels: ${finding.message}`);
  });
});
