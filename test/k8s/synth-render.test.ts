import * as manifestYaml from '../../src/k8s/manifest-yaml';
import { memoizedRenderYaml, renderYaml } from '../../src/k8s/synth';

afterEach(() => jest.restoreAllMocks());

test('the memoized renderer renders each distinct list of objects once, with the same text as renderYaml', () => {
  const write = jest.spyOn(manifestYaml, 'manifestYaml');
  const render = memoizedRenderYaml();
  const deployment = () => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a', labels: { app: 'a' } }, spec: { replicas: 1 } });
  const first = render([deployment()]);
  expect(render([deployment()])).toBe(first);
  expect(first).toBe(renderYaml([deployment()]));
  // Twice by the memoized renderer (the first list, then the one below), once by renderYaml above.
  render([{ ...deployment(), spec: { replicas: 2 } }]);
  expect(write).toHaveBeenCalledTimes(3);
});

test('the memoized renderer tells apart lists whose plain JSON is the same but whose YAML differs', () => {
  const render = memoizedRenderYaml();
  const variants: Array<Record<string, unknown>> = [{ a: undefined }, {}, { a: null }, { a: 'u' }, { a: 0 }, { a: -0 }, { a: 'z' }, { a: '0' }];
  for (const object of variants) expect(render([object])).toBe(renderYaml([object]));
  expect(render([{ b: 1, a: 2 }])).toBe(renderYaml([{ b: 1, a: 2 }]));
  expect(render([{ a: 2, b: 1 }])).toBe(renderYaml([{ a: 2, b: 1 }]));
});
