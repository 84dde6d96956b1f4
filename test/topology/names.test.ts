import { derivedName } from '../../src/topology/rules/names';
import { GCP_NAME_MAX } from '../../src/topology/rules/predicates';

describe('derivedName', () => {
  test('joins the parts with - when the result fits', () => {
    expect(derivedName(['shop', 'us-west2', 'nat-ip'])).toBe('shop-us-west2-nat-ip');
  });

  test('a name exactly at the limit is kept', () => {
    const name = 'a'.repeat(GCP_NAME_MAX);
    expect(derivedName([name])).toBe(name);
  });

  test('a longer name is cut and ends with a 6-character hash, within the limit', () => {
    const name = derivedName(['private-asm-multicluster-with-a-long-name', 'nodes'], 30);
    expect(name).toMatch(/^private-asm-multicluste-[0-9a-f]{6}$/);
    expect(name).toHaveLength(30);
  });

  test('no - is left before the hash', () => {
    // Cut after 23 characters, the prefix would end with "-".
    expect(derivedName(['abcdefghijklmnopqrstuv-wxyz', 'nodes'], 30)).toMatch(/^abcdefghijklmnopqrstuv-[0-9a-f]{6}$/);
  });

  test('deterministic, and distinct for names that differ only past the cut', () => {
    const a = derivedName([`${'x'.repeat(40)}-a`, 'nodes'], 30);
    const b = derivedName([`${'x'.repeat(40)}-b`, 'nodes'], 30);
    expect(a).toBe(derivedName([`${'x'.repeat(40)}-a`, 'nodes'], 30));
    expect(a).not.toBe(b);
  });
});
