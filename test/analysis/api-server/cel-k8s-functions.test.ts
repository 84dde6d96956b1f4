import { Environment } from '@marcbachmann/cel-js';
import { parseKubeCidr, parseKubeIp, parseKubeUrl, withKubernetesFunctions } from '../../../src/analysis/api-server/cel-k8s-functions';

const env = withKubernetesFunctions(new Environment({ unlistedVariablesAreDyn: true }));
const cel = (expression: string, self: unknown = null): unknown => env.evaluate(expression, { self });

describe('Kubernetes CEL functions', () => {
  test.each([
    ['https://example.com:8443/a?b=c', true],
    ['/absolute/path', true],
    ['oci://ghcr.io/x:1', true],
    ['example.com', false],
    ['relative/path', false],
    ['http://exa mple.com', false],
  ])('isURL(%j) is %s (Go url.ParseRequestURI)', (text, expected) => {
    expect(cel('isURL(self)', text)).toBe(expected);
  });

  test('url() getters', () => {
    const u = 'HTTPS://user@[2001:db8::1]:8443/p/q?x=1';
    expect([
      cel('url(self).getScheme()', u),
      cel('url(self).getHost()', u),
      cel('url(self).getHostname()', u),
      cel('url(self).getPort()', u),
      cel('url(self).getEscapedPath()', u),
    ]).toEqual(['https', '[2001:db8::1]:8443', '2001:db8::1', '8443', '/p/q']);
    expect(parseKubeUrl('https://example.com')?.host).toBe('example.com');
    expect(() => cel('url(self)', 'not a url')).toThrow(/url: cannot parse/);
  });

  test.each([
    ['10.0.0.1', true],
    ['2001:db8::1', true],
    ['010.0.0.1', false],
    ['fe80::1%eth0', false],
    ['::ffff:10.0.0.1', false],
    ['example.com', false],
  ])('isIP(%j) is %s (no leading zeros, zones or IPv4-mapped addresses)', (text, expected) => {
    expect(cel('isIP(self)', text)).toBe(expected);
    expect(parseKubeIp(text) !== undefined).toBe(expected);
  });

  test('ip() and cidr()', () => {
    expect(cel('ip(self).family()', '2001:db8::1')).toBe(6n);
    expect(cel('ip(self).isLoopback()', '127.0.0.1')).toBe(true);
    expect(cel('cidr(self).containsIP("10.1.2.3")', '10.0.0.0/8')).toBe(true);
    expect(cel('cidr(self).containsIP(ip("11.0.0.1"))', '10.0.0.0/8')).toBe(false);
    expect(cel('cidr(self).containsIP("2001:db8::5")', '2001:db8::/64')).toBe(true);
    expect(cel('cidr(self).prefixLength()', '10.0.0.0/8')).toBe(8n);
    expect(cel('isCIDR(self)', '10.0.0.0/33')).toBe(false);
    expect(parseKubeCidr('0.0.0.0/0')?.prefixLength).toBe(0);
  });

  test('string and list extensions', () => {
    expect(cel('self.charAt(1)', 'abc')).toBe('b');
    expect(cel('self.replace("-", "_")', 'a-b-c')).toBe('a_b_c');
    expect(cel('self.re2Matches("^(?i)abc$")', 'ABC')).toBe(true);
    expect(cel('self.sum()', [1n, 2n])).toBe(3n);
    expect(cel('self.min()', [3n, 1n])).toBe(1n);
    expect(cel('self.max()', [3n, 1n])).toBe(3n);
    expect(cel('self.isSorted()', ['a', 'b'])).toBe(true);
    expect(cel('self.indexOf(2)', [1n, 2n])).toBe(1n);
  });
});
