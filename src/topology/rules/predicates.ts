/*
 * The shared predicates of the topology: the formats of names and values (as pattern sources,
 * so the JSON Schema, the rules and the renderers read the same text) and the limits of the
 * APIs meshfleet writes to. The one owner of each: rules, schema generation and renderers
 * import it from here.
 */

import { Ipv4Range, overlaps, parseCidr } from './cidr';

/** Longest DNS label (RFC 1035 / RFC 1123): a Kubernetes Service or namespace name, a label value, a Compute Engine name. */
export const DNS_LABEL_MAX = 63;
/** Longest name of most Compute Engine resources (an RFC 1035 label). */
export const GCP_NAME_MAX = DNS_LABEL_MAX;

/** Lower-case RFC 1035 label of at most 63 characters: what Kubernetes requires of a Service or namespace name. */
export const DNS_LABEL = '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$';
/** {@link DNS_LABEL} as a RegExp. */
export const DNS_LABEL_RE = new RegExp(DNS_LABEL);
/** A Google Cloud region such as `us-west1` (its syntax; gcp-locations.json says which exist). */
export const REGION = '^[a-z]+-[a-z]+[0-9]+$';
/** A Google Cloud zone such as `us-west2-a` (its syntax; gcp-locations.json says which exist). */
export const ZONE = '^[a-z]+-[a-z]+[0-9]+-[a-z]$';
const IPV4_DOTTED = '([0-9]{1,3}\\.){3}[0-9]{1,3}';
const PREFIX_LENGTH = '([0-9]|[12][0-9]|3[0-2])';
/** An IPv4 CIDR such as `10.0.0.0/8` (its syntax; the rules parse the numbers). */
export const IPV4_CIDR = `^${IPV4_DOTTED}/${PREFIX_LENGTH}$`;
/** An IPv4 address such as `10.0.0.1` (its syntax). */
export const IPV4_ADDRESS_RE = new RegExp(`^${IPV4_DOTTED}$`);
/** An IPv4 address or CIDR (its syntax), as a ServiceEntry's `addresses` take. */
export const IPV4_ADDRESS_OR_CIDR_RE = new RegExp(`^${IPV4_DOTTED}(/${PREFIX_LENGTH})?$`);
/** A Kubernetes label or annotation key: an optional DNS prefix and `/`, then a name of at most 63 characters. */
export const QUALIFIED_KEY = '^([a-z0-9.-]+/)?[A-Za-z0-9]([-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?$';
/** A Kubernetes label value, possibly empty. */
export const LABEL_VALUE = '^([A-Za-z0-9]([-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?)?$';
/** A non-empty Kubernetes label value. */
export const NON_EMPTY_LABEL_VALUE = '^[A-Za-z0-9]([-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?$';
/** A Kubernetes container port name (IANA service name): at most 15 characters. */
export const PORT_NAME = '^[a-z]([-a-z0-9]{0,13}[a-z0-9])?$';

/** Most addresses a Gateway takes (Gateway API `spec.addresses` maxItems). */
export const GATEWAY_MAX_ADDRESSES = 16;
/** Most rules an HTTPRoute or GRPCRoute takes (Gateway API `spec.rules` maxItems). */
export const HTTPROUTE_MAX_RULES = 16;
/** Most hostnames an HTTPRoute takes (Gateway API `spec.hostnames` maxItems). */
export const HTTPROUTE_MAX_HOSTNAMES = 16;
/** Most matches of one HTTPRoute rule (Gateway API v1.2.1 `matches` maxItems). */
export const HTTPROUTE_MAX_MATCHES = 64;
/** Most matches of one GRPCRoute rule (Gateway API v1.2.1 `matches` maxItems). */
export const GRPCROUTE_MAX_MATCHES = 8;
/** An exact GRPCRoute service match (Gateway API v1.2.1 CEL rule, which matches case-insensitively). */
export const GRPC_SERVICE_RE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
/** An exact GRPCRoute method match (Gateway API v1.2.1 CEL rule). */
export const GRPC_METHOD_RE = /^[A-Za-z_][A-Za-z_0-9]*$/;

/** Longest image reference accepted (the name part has at most 255 characters, then a tag and a digest). */
export const IMAGE_MAX = 400;

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
/**
 * A registry: what container runtimes take as one (a first component with a `.`, a `:port`, or
 * `localhost`); any other first component is a path component, which is lower case.
 */
const DOMAIN = `(?:localhost|${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})+|${DOMAIN_COMPONENT}(?=:))(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = 'sha256:[a-f0-9]{64}';

/**
 * A container image reference, as the Docker / OCI distribution grammar defines it:
 * `[registry[:port]/]path[:tag][@sha256:<64 hex>]`, path components in lower case, as the
 * runtimes normalize it
 * (e.g. `nginx`, `nginx:1.27`, `us-docker.pkg.dev/google-samples/containers/gke/whereami:v1.2.20`).
 */
export const IMAGE_REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/** Whether `image` is a container image reference (see {@link IMAGE_REFERENCE}). */
export function isImageReference(image: string): boolean {
  return image.length <= IMAGE_MAX && IMAGE_REFERENCE.test(image);
}

/** Longest DNS name. */
export const DNS_NAME_MAX = 253;

const LABEL = '[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?';

/** A lower-case DNS name (RFC 1123 labels of at most 63 characters), optionally behind a leading `*.`. */
const WILDCARD_DNS_NAME = new RegExp(`^(?:\\*\\.)?${LABEL}(?:\\.${LABEL})*$`);

/** Four dotted numbers: an IPv4 address, which some host fields refuse. */
const IPV4_SHAPE = /^[0-9]+(\.[0-9]+){3}$/;

/** What a host field accepts. */
export interface HostSyntax {
  /** A leading `*.` wildcard label. */
  readonly wildcard: boolean;
  /** `*` alone (every host). */
  readonly star: boolean;
  /** An IPv4 address. */
  readonly ip: boolean;
}

/**
 * Whether `host` is a DNS name as `syntax` allows: lower-case RFC 1123 labels (a one-label
 * short name such as `reviews` too, as Istio takes in the mesh), at most 253 characters.
 */
export function isHostName(host: string, syntax: HostSyntax): boolean {
  if (host === '*') return syntax.star;
  if (host.length > DNS_NAME_MAX || !WILDCARD_DNS_NAME.test(host)) return false;
  if (!syntax.wildcard && host.startsWith('*.')) return false;
  return syntax.ip || !IPV4_SHAPE.test(host);
}

// Formats of the topology file's fields: the JSON Schema takes each pattern from here, through
// the `@predicate NAME` tag of an alias type in src/topology/model/formats.ts.

/** A Google Cloud resource name (its syntax; the length, which differs by resource, is checked by the rules). */
export const GCP_NAME = '^[a-z]([-a-z0-9]*[a-z0-9])?$';
/** A GKE cluster name: a {@link DNS_LABEL} of at most 40 characters. */
export const CLUSTER_NAME = '^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$';
/** A Google Cloud project ID: 6 to 30 lower-case letters, digits and hyphens, a letter first. */
export const PROJECT_ID = '^[a-z][-a-z0-9]{4,28}[a-z0-9]$';
/** A Google Cloud project number (digits). */
export const PROJECT_NUMBER = '^[0-9]{6,20}$';
/** A Compute Engine machine type such as `e2-standard-4`. */
export const MACHINE_TYPE = '^[a-z0-9]+-[-a-z0-9]+$';
/** A Google Cloud resource label key. */
export const GCP_LABEL_KEY = '^[a-z][-_a-z0-9]{0,62}$';
/** A Google Cloud resource label value (possibly empty). */
export const GCP_LABEL_VALUE = '^[-_a-z0-9]{0,63}$';
/** An Istio / ASM version such as `1.8.6` or `1.22`. */
export const MESH_VERSION = '^[0-9]+\\.[0-9]+(\\.[0-9]+)?$';
/** A host of an Istio Gateway server: a DNS name, optionally behind `*.`, or `*` alone. */
export const GATEWAY_HOST = '^(\\*|(\\*\\.)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63})$';
/** An IPv4 address or a DNS name with at least two labels. */
export const IPV4_OR_DNS = '^(([0-9]{1,3}\\.){3}[0-9]{1,3}|([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63})$';
/** A user name without spaces, such as `admin@example.com`. */
export const USER_NAME = '^[^\\s]+$';
/** A host of an ingress rule: a DNS name with at least two labels, optionally behind `*.`. */
export const INGRESS_HOST = '^(\\*\\.)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$';
/** An IPv4 address (four dotted numbers). */
export const IPV4_ADDRESS = '^([0-9]{1,3}\\.){3}[0-9]{1,3}$';
/** A domain of a Google-managed certificate: a DNS name with at least two labels, no wildcard. */
export const CERTIFICATE_DOMAIN = '^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$';
/** An environment variable name. */
export const ENV_NAME = '^[A-Za-z_][A-Za-z0-9_]*$';
/** A Kubernetes resource quantity such as `100m` or `64Mi`. */
export const QUANTITY = '^[0-9]+(\\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G)?$';
/** A ConfigMap or Secret key, or a projected file name. */
export const DATA_KEY = '^[-._a-zA-Z0-9]+$';
/** An absolute path (a leading `/`). */
export const ABSOLUTE_PATH = '^/';
/** A relative path (no leading `/`). */
export const RELATIVE_PATH = '^[^/]';
/** A `version` label value of a workload such as `v1`. */
export const VERSION_LABEL = '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$';
/** A host name that a route rewrites or redirects to. */
export const HOST_NAME = '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$';
/** An HTTP header name (an RFC 7230 token). */
export const HEADER_NAME = "^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$";
/** Envoy retry conditions, comma-separated, such as `5xx,reset`. */
export const RETRY_ON = '^[-a-z0-9,]+$';
/** A lower-case RFC 1123 label of at most 63 characters (a digit first is allowed). */
export const DNS_1123_LABEL = '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$';
/** A Cloud Storage bucket name. */
export const GCS_BUCKET = '^[a-z0-9][-_.a-z0-9]{1,220}[a-z0-9]$';
/** A Cloud Storage object prefix. */
export const GCS_PREFIX = '^[-_./a-zA-Z0-9]+$';
/** The email of a user-managed Google service account. */
export const SERVICE_ACCOUNT_EMAIL = '^[a-z][-a-z0-9]{4,28}[a-z0-9]@[-a-z0-9.]+\\.iam\\.gserviceaccount\\.com$';

// Address ranges: where an address must be real (routed on the internet, or inside the VPC).

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

// Google Cloud resource labels.

/** Most labels a Google Cloud resource takes. */
export const GCP_LABELS_MAX = 64;
/** Label keys Google Cloud reserves for itself: those beginning with `goog`. */
export const GCP_RESERVED_LABEL_PREFIX = 'goog';
/** The labels meshfleet's Terraform sets on resources itself: `managed_by` (every labelled resource) and `mesh_id` (fleet-managed mesh members). */
export const MESHFLEET_GCP_LABELS = { managedBy: 'managed_by', meshId: 'mesh_id' } as const;
