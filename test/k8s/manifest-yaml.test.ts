/** manifestYaml writes exactly what cdk8s's Yaml.stringify writes, without its document model where it can. */
import { Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { buildKubernetesManifests } from '../../src/k8s/synth';
import { manifestYaml } from '../../src/k8s/manifest-yaml';
import { examples } from '../cli/helpers';
import { loadTopologyFile } from '../../src/load/load';

afterEach(() => jest.restoreAllMocks());

test.each(examples())('every file of %s is written as Yaml.stringify writes it', (file) => {
  for (const cluster of buildKubernetesManifests(loadTopologyFile(file))) {
    for (const { file: name, objects } of [...cluster.files, ...cluster.meshInstall]) {
      expect({ file: name, yaml: manifestYaml(objects) }).toEqual({ file: name, yaml: Yaml.stringify(...objects) });
    }
  }
});

test('a plain manifest is written without the library', () => {
  const stringify = jest.spyOn(Yaml, 'stringify');
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' }, annotations: {} },
    spec: {
      replicas: 2,
      template: { spec: { containers: [{ name: 'web', image: 'gcr.io/x/web:v1.2', args: [], ports: [{ containerPort: 8080 }] }] } },
    },
  };
  const text = manifestYaml([deployment, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }]);
  expect(stringify).not.toHaveBeenCalled();
  expect(text).toBe(
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      '  labels:',
      '    app.kubernetes.io/name: web',
      '  annotations: {}',
      'spec:',
      '  replicas: 2',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: gcr.io/x/web:v1.2',
      '          args: []',
      '          ports:',
      '            - containerPort: 8080',
      '---',
      'apiVersion: v1',
      'kind: Namespace',
      'metadata:',
      '  name: shop',
      '',
    ].join('\n'),
  );
});

test('what only the library writes right goes to it: YAML 1.1 words, numbers as strings, line breaks, aliases', () => {
  const shared = { a: 1 };
  const cases: unknown[] = [
    { enabled: 'yes', port: '8080', off: 'Off', empty: '', hash: 'a #b', colon: 'a: b', trailing: 'x:' },
    { script: 'line one\nline two\n', indented: '  lead' },
    { float: 0.5, negativeZero: -0, big: 2 ** 60, missing: undefined },
    { first: shared, second: shared },
    [[1, [2, []]], {}, [{ a: [{}] }]],
    { '---': '--- x', '...': '...', '%x': '%y', 'key with space': 'v', '8080': 'num key', yes: 'y' },
  ];
  for (const value of cases) expect(manifestYaml([value])).toBe(Yaml.stringify(value));
  expect(manifestYaml([undefined, { a: 1 }])).toBe(Yaml.stringify(undefined, { a: 1 }));
});

describe('on generated data', () => {
  // Strings built from the characters that decide between plain, quoted and block scalars.
  const tricky = fc.string({
    unit: fc.constantFrom('a', 'Z', '0', '9', '.', '-', '_', '/', ':', ' ', '#', "'", '"', '\n', '\t', '@', '*', '&', '!', '|', '>', '%', '?', ',', '[', '{', 'é', '\u0007'),
    maxLength: 12,
  });
  const word = fc.constantFrom(
    'yes',
    'No',
    'ON',
    'off',
    'y',
    'N',
    'true',
    'False',
    'null',
    '~',
    '0x1F',
    '0o17',
    '017',
    '1_000',
    '1:20',
    '2001-12-14',
    '.inf',
    '.NaN',
    '-',
    '---',
    '...',
    '<<',
    '=',
  );
  const text = fc.oneof(tricky, word, fc.stringMatching(/^[a-z][a-z0-9./:-]{0,10}$/));
  const leaf = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  }));

  test('every document is written as Yaml.stringify writes it', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 3 }), (documents) => {
        expect(manifestYaml(documents)).toBe(Yaml.stringify(...documents));
      }),
      { numRuns: 2000 },
    );
  });
});
