/**
 * The Kubernetes CEL libraries that @marcbachmann/cel-js lacks and the vendored CRDs' rules use
 * (https://kubernetes.io/docs/reference/using-api/cel/): the URL library (`isURL`, `url()` and
 * its getters), the IP and CIDR libraries (`isIP`, `ip()`, `isCIDR`, `cidr()`), and the few
 * string and list extension functions cel-js does not ship (`charAt`, `replace`, `sum`, `min`,
 * `max`, `isSorted`, `indexOf`), and `re2Matches`, the RE2 `matches` that cel-dialect.ts
 * substitutes for cel-js's JavaScript-regex one. Semantics follow the Go implementations (k8s.io/apiserver
 * pkg/cel/library): a function that cannot parse its argument errors, which rejects the object.
 */
import { isIP as nodeIsIP } from 'node:net';
import type { Environment } from '@marcbachmann/cel-js';
import { RE2JS } from 're2js';

/** A parsed URL, as Kubernetes' `url()` returns it. */
export class KubeUrl {
  constructor(
    readonly scheme: string,
    /** The authority without user info: `host[:port]`, IPv6 hosts in brackets. */
    readonly host: string,
    readonly path: string,
    readonly query: string,
  ) {}
}

/** A parsed IP address, as Kubernetes' `ip()` returns it. */
export class KubeIp {
  constructor(
    readonly address: string,
    readonly family: 4 | 6,
  ) {}
}

/** A parsed CIDR, as Kubernetes' `cidr()` returns it. */
export class KubeCidr {
  constructor(
    readonly ip: KubeIp,
    readonly prefixLength: number,
  ) {}
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s;

/**
 * Parses `text` as Go's `url.ParseRequestURI` does (what `isURL` and `url()` use): an absolute
 * URL with a scheme, or an absolute path; undefined when it is neither.
 */
export function parseKubeUrl(text: string): KubeUrl | undefined {
  // Go refuses spaces and ASCII control characters anywhere in the URL.
  if ([...text].some((c) => c <= ' ' || c === '\x7f')) return undefined;
  const [beforeFragment] = text.split('#', 1);
  const queryAt = beforeFragment.indexOf('?');
  const withoutQuery = queryAt < 0 ? beforeFragment : beforeFragment.slice(0, queryAt);
  const query = queryAt < 0 ? '' : beforeFragment.slice(queryAt + 1);
  if (withoutQuery.startsWith('/')) return new KubeUrl('', '', withoutQuery, query);
  const scheme = SCHEME.exec(withoutQuery);
  if (scheme === null) return undefined;
  const rest = scheme[2];
  if (!rest.startsWith('//')) return rest.startsWith('/') || rest !== '' ? new KubeUrl(scheme[1].toLowerCase(), '', rest, query) : undefined;
  const slash = rest.indexOf('/', 2);
  const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (!/^(\[[0-9a-fA-F:.]+\]|[^[\]:/]*)(:[0-9]*)?$/.test(host)) return undefined;
  return new KubeUrl(scheme[1].toLowerCase(), host, slash < 0 ? '' : rest.slice(slash), query);
}

/** The host of a URL without port and brackets. */
function hostname(url: KubeUrl): string {
  const match = /^(?:\[([^\]]*)\]|([^:]*))/.exec(url.host);
  return match?.[1] ?? match?.[2] ?? '';
}

/** The port of a URL, or "". */
function port(url: KubeUrl): string {
  const match = /:([0-9]*)$/.exec(url.host.replace(/^\[[^\]]*\]/, ''));
  return match?.[1] ?? '';
}

/**
 * Parses `text` as Kubernetes' `ip()` does (Go netip.ParseAddr): IPv4 without leading zeros, or
 * IPv6; no zone and no IPv4-mapped IPv6 address. Undefined when it is neither.
 */
export function parseKubeIp(text: string): KubeIp | undefined {
  const family = nodeIsIP(text);
  if (family === 4) return new KubeIp(text, 4);
  if (family === 6 && !text.includes('%') && !/^::ffff:[0-9.]+$/i.test(text) && !text.includes('.')) return new KubeIp(text, 6);
  return undefined;
}

/** Parses `text` as Kubernetes' `cidr()` does: an IP address and a prefix length within its family's size. */
export function parseKubeCidr(text: string): KubeCidr | undefined {
  const match = /^([^/]+)\/([0-9]{1,3})$/.exec(text);
  const ip = match === null ? undefined : parseKubeIp(match[1]);
  if (match === null || ip === undefined) return undefined;
  const prefixLength = Number(match[2]);
  if (prefixLength > (ip.family === 4 ? 32 : 128) || (match[2].length > 1 && match[2].startsWith('0'))) return undefined;
  return new KubeCidr(ip, prefixLength);
}

/** The address as a bigint and its bit width, for prefix comparisons. */
function bits(ip: KubeIp): { value: bigint; width: number } {
  if (ip.family === 4) return { value: ip.address.split('.').reduce((acc, part) => (acc << 8n) + BigInt(part), 0n), width: 32 };
  const [head, tail] = ip.address.includes('::') ? ip.address.split('::') : [ip.address, undefined];
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? headParts : [...headParts, ...Array<string>(8 - headParts.length - tailParts.length).fill('0'), ...tailParts];
  return { value: groups.reduce((acc, group) => (acc << 16n) + BigInt(parseInt(group, 16)), 0n), width: 128 };
}

/** Whether `ip` lies inside `cidr`. */
function cidrContains(cidr: KubeCidr, ip: KubeIp): boolean {
  if (cidr.ip.family !== ip.family) return false;
  const network = bits(cidr.ip);
  const shift = BigInt(network.width - cidr.prefixLength);
  return network.value >> shift === bits(ip).value >> shift;
}

/** The value or an error naming what `fn` could not parse. */
function required<T>(value: T | undefined, fn: string, text: string): T {
  if (value === undefined) throw new Error(`${fn}: cannot parse ${JSON.stringify(text)}`);
  return value;
}

const re2Cache = new Map<string, RE2JS>();

/** The compiled RE2 pattern (Go's regexp syntax, as Kubernetes' CEL and OpenAPI `pattern` use); cached. Throws on a pattern RE2 refuses. */
export function re2(pattern: string): RE2JS {
  let compiled = re2Cache.get(pattern);
  if (compiled === undefined) {
    compiled = RE2JS.compile(pattern);
    re2Cache.set(pattern, compiled);
  }
  return compiled;
}

/** Compares two CEL values of one type (numbers, bigints, strings). */
function compare(a: unknown, b: unknown): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Registers the Kubernetes CEL functions on `env` and returns it. */
export function withKubernetesFunctions(env: Environment): Environment {
  return (
    env
      // URL library
      .registerType('URL', KubeUrl)
      .registerFunction('isURL(string): bool', (s: string) => parseKubeUrl(s) !== undefined)
      .registerFunction('url(string): URL', (s: string) => required(parseKubeUrl(s), 'url', s))
      .registerFunction('URL.getScheme(): string', (u: KubeUrl) => u.scheme)
      .registerFunction('URL.getHost(): string', (u: KubeUrl) => u.host)
      .registerFunction('URL.getHostname(): string', (u: KubeUrl) => hostname(u))
      .registerFunction('URL.getPort(): string', (u: KubeUrl) => port(u))
      .registerFunction('URL.getEscapedPath(): string', (u: KubeUrl) => u.path)
      // IP and CIDR libraries
      .registerType('net.IP', KubeIp)
      .registerType('net.CIDR', KubeCidr)
      .registerFunction('isIP(string): bool', (s: string) => parseKubeIp(s) !== undefined)
      .registerFunction('ip(string): net.IP', (s: string) => required(parseKubeIp(s), 'ip', s))
      .registerFunction('net.IP.family(): int', (ip: KubeIp) => BigInt(ip.family))
      .registerFunction('net.IP.isUnspecified(): bool', (ip: KubeIp) => bits(ip).value === 0n)
      .registerFunction('net.IP.isLoopback(): bool', (ip: KubeIp) => (ip.family === 4 ? ip.address.startsWith('127.') : bits(ip).value === 1n))
      .registerFunction('isCIDR(string): bool', (s: string) => parseKubeCidr(s) !== undefined)
      .registerFunction('cidr(string): net.CIDR', (s: string) => required(parseKubeCidr(s), 'cidr', s))
      .registerFunction('net.CIDR.ip(): net.IP', (c: KubeCidr) => c.ip)
      .registerFunction('net.CIDR.prefixLength(): int', (c: KubeCidr) => BigInt(c.prefixLength))
      .registerFunction('net.CIDR.containsIP(string): bool', (c: KubeCidr, s: string) => cidrContains(c, required(parseKubeIp(s), 'ip', s)))
      .registerFunction('net.CIDR.containsIP(net.IP): bool', (c: KubeCidr, ip: KubeIp) => cidrContains(c, ip))
      // string and list extensions cel-js does not ship
      .registerFunction('string.re2Matches(string): bool', (s: string, pattern: string) => re2(pattern).matcher(s).find())
      .registerFunction('string.charAt(int): string', (s: string, i: bigint) => [...s][Number(i)] ?? '')
      .registerFunction('string.replace(string, string): string', (s: string, from: string, to: string) => s.split(from).join(to))
      .registerFunction('list.sum(): dyn', (l: unknown[]) => (l.length === 0 ? 0n : l.reduce((a, b) => (a as number) + (b as number))))
      .registerFunction('list.min(): dyn', (l: unknown[]) => required(l.length === 0 ? undefined : [...l].sort(compare)[0], 'min', '[]'))
      .registerFunction('list.max(): dyn', (l: unknown[]) => required(l.length === 0 ? undefined : [...l].sort(compare)[l.length - 1], 'max', '[]'))
      .registerFunction('list.isSorted(): bool', (l: unknown[]) => l.every((v, i) => i === 0 || compare(l[i - 1], v) <= 0))
      .registerFunction('list.indexOf(dyn): int', (l: unknown[], v: unknown) => BigInt(l.indexOf(v)))
  );
}
