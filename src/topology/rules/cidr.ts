import { parseIp } from './predicates';

/** A parsed IPv4 range. */
export interface Ipv4Range {
  /** First address as an unsigned 32-bit number. */
  readonly first: number;
  /** Last address as an unsigned 32-bit number. */
  readonly last: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/n` ({@link parseIp}: no leading zeros); undefined when it is not an IPv4 CIDR. */
export function parseCidr(text: string): Ipv4Range | undefined {
  const ip = parseIp(text, true);
  if (ip?.version !== 4 || ip.prefix === undefined) return undefined;
  const address = ip.address.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - ip.prefix);
  const first = address - (address % size);
  return { first, last: first + size - 1, prefix: ip.prefix };
}

function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** The canonical form of a range: `10.0.0.5/8` → `10.0.0.0/8`. */
export function canonicalCidr(range: Ipv4Range): string {
  return `${formatAddress(range.first)}/${range.prefix}`;
}

export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseCidr(c)!);

/** True when the range lies inside the RFC 1918 private address space. */
export function isPrivate(range: Ipv4Range): boolean {
  return PRIVATE_RANGES.some((p) => range.first >= p.first && range.last <= p.last);
}
