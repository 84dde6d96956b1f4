import { canonicalCidr, Ipv4Range, isPrivate, overlaps, parseCidr } from '../../src/topology/rules/cidr';

const MAX = 2 ** 32 - 1;

function range(text: string): Ipv4Range {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`test setup: ${text} does not parse`);
  return parsed;
}

describe('parseCidr', () => {
  test.each([
    ['0.0.0.0/0', 0, MAX, 0],
    ['10.0.0.0/8', 10 * 2 ** 24, 11 * 2 ** 24 - 1, 8],
    ['172.16.0.0/28', 0xac100000, 0xac10000f, 28],
    ['192.168.1.0/24', 0xc0a80100, 0xc0a801ff, 24],
    ['255.255.255.255/32', MAX, MAX, 32],
    ['0.0.0.0/32', 0, 0, 32],
    ['255.255.255.254/31', MAX - 1, MAX, 31],
    ['128.0.0.0/1', 2 ** 31, MAX, 1],
    ['1.2.3.4/32', 0x01020304, 0x01020304, 32],
    ['100.0.0.0/8', 100 * 2 ** 24, 101 * 2 ** 24 - 1, 8],
    ['10.0.0.0/0', 0, MAX, 0],
  ])('%s', (text, first, last, prefix) => {
    expect(parseCidr(text)).toEqual({ first, last, prefix });
  });

  test('host bits are masked off', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual(parseCidr('10.0.0.0/8'));
    expect(parseCidr('255.255.255.255/0')).toEqual({ first: 0, last: MAX, prefix: 0 });
    expect(parseCidr('172.16.0.8/28')).toEqual({ first: 0xac100000, last: 0xac10000f, prefix: 28 });
  });

  test('results are unsigned (no 32-bit sign overflow at the top of the space)', () => {
    const top = range('255.0.0.0/8');
    expect(top.first).toBe(0xff000000);
    expect(top.first).toBeGreaterThan(0);
    expect(top.last).toBe(MAX);
  });

  test.each([
    '256.0.0.0/8',
    '300.0.0.0/8',
    '10.0.0.256/24',
    '10.999.0.0/16',
    '1.2.3.4/33',
    '1.2.3.4/99',
    '1.2.3.4/123',
    '1.2.3/8',
    '1.2.3.4.5/8',
    '1.2.3.4',
    '1.2.3.4/',
    '/8',
    '1234.0.0.0/8',
    '-1.2.3.4/8',
    '1.2.3.4/-1',
    ' 1.2.3.4/8',
    '1.2.3.4/8 ',
    '1.2.3.4/8\n',
    'a.b.c.d/8',
    '::1/128',
    '',
    // Leading zeros (fixed bug: 010 used to be read as 10).
    '010.0.0.0/8',
    '10.00.0.0/16',
    '10.0.0.01/32',
    '172.016.0.0/28',
    '00.0.0.0/0',
    '000.0.0.0/0',
    '1.2.3.4/08',
    '1.2.3.4/00',
  ])('%j is not a valid range', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('canonicalCidr', () => {
  test.each([
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['255.255.255.255/0', '0.0.0.0/0'],
    ['10.0.0.5/8', '10.0.0.0/8'],
    ['172.16.0.8/28', '172.16.0.0/28'],
    ['172.16.0.16/28', '172.16.0.16/28'],
    ['203.0.113.10/24', '203.0.113.0/24'],
    ['255.255.255.255/32', '255.255.255.255/32'],
    ['255.255.255.255/31', '255.255.255.254/31'],
    ['255.255.255.255/1', '128.0.0.0/1'],
    ['127.255.255.255/1', '0.0.0.0/1'],
    ['0.0.0.1/32', '0.0.0.1/32'],
  ])('%s → %s', (text, canonical) => {
    expect(canonicalCidr(range(text))).toBe(canonical);
  });

  test('a canonical range round-trips', () => {
    for (const text of ['10.128.0.0/9', '172.16.1.0/28', '192.168.255.0/24', '1.1.1.1/32', '0.0.0.0/0', '254.0.0.0/7']) {
      expect(canonicalCidr(range(text))).toBe(text);
      expect(parseCidr(canonicalCidr(range(text)))).toEqual(range(text));
    }
  });
});

describe('overlaps', () => {
  const both = (a: string, b: string): [boolean, boolean] => [overlaps(range(a), range(b)), overlaps(range(b), range(a))];

  test.each([
    ['10.0.0.0/24', '10.0.1.0/24'],
    ['10.0.0.0/24', '10.0.2.0/24'],
    ['172.16.0.0/28', '172.16.0.16/28'],
    ['10.128.255.240/28', '10.129.0.0/23'],
    ['10.129.0.0/23', '10.129.2.0/28'],
    ['0.0.0.0/1', '128.0.0.0/1'],
    ['255.255.255.254/32', '255.255.255.255/32'],
    ['0.0.0.0/32', '0.0.0.1/32'],
    ['10.0.0.0/8', '11.0.0.0/8'],
  ])('adjacent or disjoint %s and %s do not overlap', (a, b) => {
    expect(both(a, b)).toEqual([false, false]);
  });

  test.each([
    ['10.0.0.0/8', '10.1.2.0/24'],
    ['10.0.0.0/8', '10.255.255.255/32'],
    ['10.0.0.0/8', '10.0.0.0/32'],
    ['0.0.0.0/0', '1.2.3.4/32'],
    ['0.0.0.0/0', '255.255.255.255/32'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['172.16.0.0/28', '172.16.0.0/28'],
    ['172.16.0.0/28', '172.16.0.15/32'],
    ['255.255.255.0/24', '255.255.255.255/32'],
    ['10.129.0.0/23', '10.129.1.0/24'],
  ])('contained or equal %s and %s overlap', (a, b) => {
    expect(both(a, b)).toEqual([true, true]);
  });

  test('host bits do not change what overlaps', () => {
    expect(both('10.0.0.5/24', '10.0.0.200/32')).toEqual([true, true]);
    expect(both('10.0.1.5/24', '10.0.0.255/32')).toEqual([false, false]);
  });
});

describe('isPrivate', () => {
  test.each([
    '10.0.0.0/8',
    '10.0.0.0/32',
    '10.255.255.255/32',
    '10.12.0.0/14',
    '172.16.0.0/12',
    '172.16.0.0/28',
    '172.31.255.255/32',
    '172.31.255.240/28',
    '192.168.0.0/16',
    '192.168.255.255/32',
  ])('%s is private', (text) => {
    expect(isPrivate(range(text))).toBe(true);
  });

  test.each([
    '0.0.0.0/0',
    '9.255.255.255/32',
    '11.0.0.0/32',
    '10.0.0.0/7',
    '172.15.255.255/32',
    '172.32.0.0/32',
    '172.16.0.0/11',
    '172.0.0.0/8',
    '192.167.255.255/32',
    '192.169.0.0/32',
    '192.168.0.0/15',
    '100.64.0.0/10',
    '8.8.8.0/28',
    '255.255.255.255/32',
    '0.0.0.0/32',
  ])('%s is not private', (text) => {
    expect(isPrivate(range(text))).toBe(false);
  });
});
