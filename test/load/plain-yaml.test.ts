/** readPlainYaml reads its subset of YAML exactly as the yaml library does, and declines the rest. */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import { parseDocument, stringify } from 'yaml';
import { readPlainYaml } from '../../src/load/plain-yaml';
import { examples } from '../cli/helpers';

/** JSON that keeps key order and tells -0, NaN and the infinities apart. */
function exact(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `number:${String(Object.is(v, -0) ? '-0' : v)}` : v));
}

/** What the library makes of `text`, or undefined when it reports an error or a warning. */
function library(text: string): string | undefined {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0 || document.warnings.length > 0) return undefined;
  return exact(document.toJS());
}

test.each(examples())('%s is read without the library, to the value the library gives, unless it has block scalars', (file) => {
  const text = fs.readFileSync(file, 'utf8');
  const read = readPlainYaml(text);
  if (/(?::|-)\s+[|>][-+0-9]*\s*$/m.test(text)) {
    expect(read).toBeUndefined();
    return;
  }
  expect(read).toBeDefined();
  expect(exact(read!.value)).toBe(library(text));
});

test('scalars resolve as YAML 1.2 core does', () => {
  const text = [
    'a: 12',
    'b: -3',
    'c: 0o17',
    'd: 0x1F',
    'e: 1.5',
    'f: .5',
    'g: 1e3',
    'h: .inf',
    'i: -.inf',
    'j: .nan',
    'k: true',
    'l: False',
    'm: yes',
    'n: ~',
    'o: null',
    'p:',
    "q: 'it''s'",
    'r: "a #b"',
    's: a#b',
    't: x # comment',
    'u: http://x:8080/y',
    'v: -addr=:8080',
    'w: 2001-12-14',
    'x: 1_000',
    'y: +1',
    'z: 1:20',
  ].join('\n');
  const read = readPlainYaml(text);
  expect(read).toBeDefined();
  expect(exact(read!.value)).toBe(library(text));
  expect(read!.value).toMatchObject({ a: 12, c: 15, d: 31, g: 1000, k: true, l: false, m: 'yes', n: null, p: null, q: "it's", s: 'a#b', t: 'x', v: '-addr=:8080' });
});

test('block and flow collections, compact sequences and comments', () => {
  const text = [
    '# heading',
    'regions:',
    '  - name: us-west2 # the first',
    '    nat: { enabled: true, logFilter: ALL }',
    '  -   name: us-central1',
    '      tags: [a, b, 3]',
    'list:',
    '- x',
    '- - nested',
    '  - again',
    '- {}',
    '- []',
    'empty:',
    'anchored: &block',
    '  - &entry',
    '    name: a',
    '  - &flow { name: b }',
    '  - *entry',
    'again: *block',
    'flow: [*flow, { inner: *entry }]',
    'last: end',
  ].join('\n');
  const read = readPlainYaml(text);
  expect(read).toBeDefined();
  expect(exact(read!.value)).toBe(library(text));
});

test.each([
  ['an anchor on a scalar sequence entry', 'a:\n  - &x 1\n  - *x'],
  ['an anchor on the key of a sequence entry', 'a:\n  - &x k: 1'],
  ['an alias before its anchor', 'a: *x\nb: &x 1'],
  ['an anchor defined twice', 'a: &x 1\nb: &x 2\nc: *x'],
  ['a tag', 'a: !!str 1'],
  ['a block scalar', 'a: |\n  text'],
  ['a multi-line plain scalar', 'a: one\n  two'],
  ['an escape', 'a: "x\\ny"'],
  ['a repeated key', 'a: 1\na: 2'],
  ['a tab', 'a:\t1'],
  ['a carriage return', 'a: 1\r\nb: 2'],
  ['a directive', '%YAML 1.2\n---\na: 1'],
  ['two documents', 'a: 1\n---\nb: 2'],
  ['a quoted key', '"a": 1'],
  ['a key that reads as a boolean', 'true: 1'],
  ['a complex key', '? a\n: 1'],
  ['a key without a space after the colon', 'a:1'],
  ['a space before the colon', 'a : 1'],
  ['a nested mapping on one line', 'a: b: c'],
  ['odd indentation', 'a:\n    b: 1\n  c: 2'],
  ['an empty sequence entry', 'a:\n  -\n  - b'],
  ['a flow collection over lines', 'a: [1,\n  2]'],
  ['a colon in a plain scalar of a flow collection', 'a: [x:y]'],
  ['an empty flow entry', 'a: [1, , 2]'],
  ['a quoted key in a flow mapping', 'a: { "k": v }'],
  ['an unclosed flow collection', 'a: { k: [v }'],
  ['an empty document', '# nothing'],
  ['a scalar document', 'hello'],
  ['__proto__', '__proto__: 1'],
])('declines %s', (_name, text) => {
  expect(readPlainYaml(text)).toBeUndefined();
});

describe('on generated texts', () => {
  const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
  const scalarText = fc.oneof(
    word,
    fc.constantFrom(
      '1',
      '-2',
      '0o7',
      '0x1f',
      '1.5',
      '.5',
      '1e2',
      'true',
      'NO',
      '~',
      'null',
      '',
      "'q''s'",
      '"d #q"',
      'a #c',
      'a:b',
      'x: y',
      '- z',
      '#',
      '[a, b]',
      '{ k: v }',
      '{}',
      '[]',
      '&a x',
      '*a',
      '!t x',
      '|',
      '>',
      '&a',
      '&b',
      '*b',
      '&a { k: v }',
      '[{ k: "v" }, *a]',
      "{ k: [1, 'x'], l: {} }",
      '{ k: *a }',
      '[a,b]',
      '{k: v}',
      '[ ]',
      '{ k: v, }',
      '"x" # c',
      "'a' b",
    ),
  );
  /** A YAML text built from random lines: keys, sequence entries and values at random indentations. */
  const line = fc
    .tuple(
      fc.constantFrom(0, 0, 2, 2, 4, 4, 6, 1, 3),
      fc.oneof(
        fc.tuple(word, scalarText).map(([k, v]) => `${k}: ${v}`),
        word.map((k) => `${k}:`),
        scalarText.map((v) => `- ${v}`),
        fc.tuple(word, scalarText).map(([k, v]) => `- ${k}: ${v}`),
        fc.constantFrom('# comment', '', '-', '---'),
      ),
    )
    .map(([indent, content]) => ' '.repeat(indent) + content);
  const text = fc.array(line, { minLength: 1, maxLength: 12 }).map((lines) => lines.join('\n'));

  test('whatever it reads, the library reads alike and without complaint', () => {
    let read = 0;
    fc.assert(
      fc.property(text, (t) => {
        const result = readPlainYaml(t);
        if (result === undefined) return;
        read++;
        expect({ text: t, value: exact(result.value) }).toEqual({ text: t, value: library(t) });
      }),
      { numRuns: 5000 },
    );
    // The generator must reach the reader's subset often enough to mean something: about 10% of
    // its texts are in it (470-520 of 5000 seen), so 250 is far below any run's count.
    expect(read).toBeGreaterThan(250);
  });

  test('it reads what the library writes from plain data, and whatever else the library writes it reads alike', () => {
    const tricky = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '.', '-', '/', ':', ' ', '#', "'", '"', '&', '*', '!', '[', '{', ',', '\\', '\n', 'é'), maxLength: 8 });
    const leaf = fc.oneof(word, word, tricky, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
      list: fc.array(tie('value'), { maxLength: 4 }),
      map: fc.dictionary(fc.oneof(word, word, tricky), tie('value'), { maxKeys: 4 }),
    }));
    const options = fc.record({
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE'),
      indent: fc.constantFrom(2, 4),
      indentSeq: fc.boolean(),
    }) as fc.Arbitrary<Parameters<typeof stringify>[2] & object>;
    // Keys the library writes unquoted (it quotes `null`, `true` and `false`, which this reader declines as keys).
    const key = word.filter((w) => !['null', 'true', 'false'].includes(w));
    const plain = fc.dictionary(
      key,
      fc.oneof(word, fc.integer(), fc.boolean(), fc.array(word, { maxLength: 3 }), fc.dictionary(key, fc.oneof(word, fc.integer()), { maxKeys: 3 })),
      { minKeys: 1, maxKeys: 5 },
    );
    fc.assert(
      fc.property(plain, (v) => {
        const t = stringify(v);
        const result = readPlainYaml(t);
        expect(result).toBeDefined();
        expect(exact(result!.value)).toBe(library(t));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.dictionary(word, value, { minKeys: 1, maxKeys: 4 }), options, (v, o) => {
        const t = stringify(v, o);
        const result = readPlainYaml(t);
        if (result !== undefined) expect({ text: t, value: exact(result.value) }).toEqual({ text: t, value: library(t) });
      }),
      { numRuns: 3000 },
    );
  });
});
