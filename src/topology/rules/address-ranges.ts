import { Ipv4Range, overlaps, parseCidr } from './cidr';

/*
 * Address ranges: where an address must be real (routed on the internet, or inside the VPC).
 */

/** The IPv4 documentation ranges (RFC 5737 TEST-NET-1, -2 and -3): never routed. */
export const IPV4_DOCUMENTATION_RANGES: readonly string[] = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'];
/** The IPv6 documentation prefix (RFC 3849): never routed. */
export const IPV6_DOCUMENTATION_PREFIX = '2001:db8::/32';
/** The RFC 1918 private IPv4 ranges. */
export const IPV4_PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
/**
 * IPv4 ranges that a public address (an external load balancer's VIP) never lies in: the private
 * and documentation ranges, and "this network", shared address space (RFC 6598), loopback,
 * link-local, multicast and reserved (RFC 6890).
 */
export const IPV4_NON_PUBLIC_RANGES: readonly string[] = [
  '0.0.0.0/8',
  ...IPV4_PRIVATE_RANGES,
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  ...IPV4_DOCUMENTATION_RANGES,
  '224.0.0.0/4',
  '240.0.0.0/4',
];

/** An IPv4 address (`a.b.c.d`, a /32) or range (`a.b.c.d/n`), parsed; undefined when it is neither. */
function ipv4RangeOf(text: string): Ipv4Range | undefined {
  return parseCidr(text.includes('/') ? text : `${text}/32`);
}

/** Whether an IPv4 address or range overlaps one of `ranges`. */
function overlapsAny(text: string, ranges: readonly string[]): boolean {
  const range = ipv4RangeOf(text);
  return range !== undefined && ranges.some((r) => overlaps(range, parseCidr(r)!));
}

/** The first two 16-bit groups of an IPv6 address or prefix (`2001:db8::1` -> [0x2001, 0xdb8]); undefined when it has no `:`. */
function ipv6Head(text: string): [number, number] | undefined {
  const address = text.split('/')[0];
  if (!address.includes(':')) return undefined;
  const groups = address.split('::')[0].split(':');
  const group = (i: number): number => (groups[i] === undefined || groups[i] === '' ? 0 : parseInt(groups[i], 16));
  return [group(0), group(1)];
}

/**
 * Whether an IP address or range (IPv4 `a.b.c.d[/n]`, IPv6 `x:x::[/n]`) touches a documentation
 * range (RFC 5737, RFC 3849): an example that was never replaced, since nothing routes there.
 */
export function isDocumentationAddress(text: string): boolean {
  const head = ipv6Head(text);
  if (head !== undefined) return head[0] === 0x2001 && head[1] === 0x0db8;
  return overlapsAny(text, IPV4_DOCUMENTATION_RANGES);
}

/** Whether an IPv4 address or range overlaps a range a public address never lies in ({@link IPV4_NON_PUBLIC_RANGES}). */
export function isNonPublicIpv4(text: string): boolean {
  return overlapsAny(text, IPV4_NON_PUBLIC_RANGES);
}

/** The documentation ranges, for messages. */
export const DOCUMENTATION_RANGES_TEXT = `${IPV4_DOCUMENTATION_RANGES.join(', ')} (RFC 5737) or ${IPV6_DOCUMENTATION_PREFIX} (RFC 3849)`;
