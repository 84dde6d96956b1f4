/**
 * The patch kinds of the escape hatch on plain JSON: RFC 7386 (its appendix A examples), RFC 6902
 * operations, and strategic merge for the lists Kubernetes merges by key.
 */
import { applyJsonPatch, applyMergePatch, applyStrategicMerge, PatchFailure } from '../../src/k8s/object-patch';

describe('RFC 7386 JSON merge patch', () => {
  test.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('appendix A example %#', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  test('leaves its inputs alone', () => {
    const target = { a: { b: 1 } };
    applyMergePatch(target, { a: { b: 2 } });
    expect(target).toEqual({ a: { b: 1 } });
  });
});

describe('RFC 6902 JSON patch', () => {
  const doc = { spec: { list: ['a', 'b'], x: { y: 1 } } };

  test('add, remove, replace, move, copy and test, in order', () => {
    expect(
      applyJsonPatch(doc, [
        { op: 'add', path: '/spec/list/-', value: 'c' },
        { op: 'add', path: '/spec/list/0', value: 'z' },
        { op: 'remove', path: '/spec/list/1' },
        { op: 'replace', path: '/spec/x/y', value: 2 },
        { op: 'copy', from: '/spec/x', path: '/spec/copied' },
        { op: 'move', from: '/spec/x', path: '/spec/moved' },
        { op: 'test', path: '/spec/moved', value: { y: 2 } },
        { op: 'add', path: '/spec/a~1b', value: true },
      ]),
    ).toEqual({ spec: { list: ['z', 'b', 'c'], copied: { y: 2 }, moved: { y: 2 }, 'a/b': true } });
    expect(doc).toEqual({ spec: { list: ['a', 'b'], x: { y: 1 } } });
  });

  test.each([
    [{ op: 'replace', path: '/spec/nope', value: 1 } as const, 'path /spec/nope does not exist'],
    [{ op: 'add', path: '/spec/list/5', value: 1 } as const, 'path /spec/list/5: index 5 is outside the list of 2 items'],
    [{ op: 'move', from: '/spec', path: '/spec/x/inside' } as const, 'cannot move /spec into itself'],
  ])('a failing operation names its index (%#)', (op, reason) => {
    let failure: unknown;
    try {
      applyJsonPatch(doc, [{ op: 'test', path: '/spec/x/y', value: 1 }, op]);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(PatchFailure);
    expect(failure).toMatchObject({ index: 1, reason });
  });
});

describe('strategic merge patch', () => {
  const deployment = {
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'app', image: 'app:1', ports: [{ containerPort: 8080 }], env: [{ name: 'A', value: '1' }] },
            { name: 'sidecar', image: 'sidecar:1' },
          ],
          tolerations: [{ key: 'a' }],
        },
      },
    },
  };

  test('merges containers, env and ports by key, replaces other lists, deletes with $patch: delete', () => {
    const result = applyStrategicMerge(deployment, {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'app', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 9090 }] },
              { name: 'sidecar', $patch: 'delete' },
              { name: 'new', image: 'new:1' },
            ],
            tolerations: [{ key: 'b' }],
          },
        },
      },
    });
    expect(result).toEqual({
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                image: 'app:1',
                ports: [{ containerPort: 8080 }, { containerPort: 9090 }],
                env: [
                  { name: 'A', value: '1' },
                  { name: 'B', value: '2' },
                ],
              },
              { name: 'new', image: 'new:1' },
            ],
            tolerations: [{ key: 'b' }],
          },
        },
      },
    });
  });

  test('Service ports merge by port', () => {
    expect(applyStrategicMerge({ spec: { ports: [{ port: 80, name: 'http' }] } }, { spec: { ports: [{ port: 80, name: 'web' }, { port: 443 }] } })).toEqual({
      spec: { ports: [{ port: 80, name: 'web' }, { port: 443 }] },
    });
  });
});
