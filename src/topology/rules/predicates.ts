import { isIP } from 'node:net';
import { RE2JS } from 're2js';

/*
 * The shared predicates of the topology: the formats of names and values (as pattern sources,
 * so the JSON Schema, the rules and the renderers read the same text) and the limits of the
 * APIs meshfleet writes to. The one owner of each: rules, schema generation and renderers
 * import it from here.
 */

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
/**
 * A Kubernetes label or annotation key: an optional prefix (a lower-case DNS subdomain of at most
 * 253 characters) and `/`, then a name of at most 63 characters.
 */
export const QUALIFIED_KEY = '^((?=[^/]{1,253}/)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?$';
/** A Kubernetes label value, possibly empty. */
export const LABEL_VALUE = '^([A-Za-z0-9]([-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?)?$';
/** A non-empty Kubernetes label value. */
export const NON_EMPTY_LABEL_VALUE = '^[A-Za-z0-9]([-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?$';
/**
 * A Kubernetes container or Service port name (IANA_SVC_NAME): at most 15 lower-case letters,
 * digits and `-`, a letter first, no `-` last and no `--`.
 */
export const PORT_NAME = '^(?!.*--)[a-z]([-a-z0-9]{0,13}[a-z0-9])?$';

/** Most addresses a Gateway takes (Gateway API `spec.addresses` maxItems). */
export const GATEWAY_MAX_ADDRESSES = 16;
/** Most listeners a Gateway takes (Gateway API `spec.listeners` maxItems). */
export const GATEWAY_MAX_LISTENERS = 64;
/** Most rules an HTTPRoute or GRPCRoute takes (Gateway API `spec.rules` maxItems). */
export const HTTPROUTE_MAX_RULES = 16;
/** Most hostnames an HTTPRoute takes (Gateway API `spec.hostnames` maxItems). */
export const HTTPROUTE_MAX_HOSTNAMES = 16;
/** Most matches of one HTTPRoute rule (Gateway API v1.2.1 `matches` maxItems). */
export const HTTPROUTE_MAX_MATCHES = 64;
/** Most matches of one GRPCRoute rule (Gateway API v1.2.1 `matches` maxItems). */
export const GRPCROUTE_MAX_MATCHES = 8;
/** A Gateway API Duration (GEP-2257, the HTTPRoute `timeouts` pattern): 1 to 4 parts of up to 5 digits and h, m, s or ms, e.g. `1m30s`. */
export const GATEWAY_DURATION_RE = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

/** Milliseconds of a Gateway API Duration (see GATEWAY_DURATION_RE). */
export function gatewayDurationMs(value: string): number {
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  return [...value.matchAll(/([0-9]+)(ms|h|m|s)/g)].reduce((total, [, n, u]) => total + Number(n) * unit[u], 0);
}

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

/** The fully qualified host of a Kubernetes Service, as Istio objects name it: `<name>.<namespace>.svc.cluster.local`. */
export function serviceHost(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.cluster.local`;
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
/** A Kubernetes version such as `1.29` or `1.18.20` (the minor decides what the mesh supports). */
export const KUBERNETES_VERSION = '^1\\.[0-9]+(\\.[0-9]+)?$';
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
/**
 * A non-negative Kubernetes resource quantity such as `100m`, `0.5`, `64Mi` or `1e3`: a decimal
 * number, then a binary suffix (Ki..Ei), a decimal suffix (n, u, m, k, M..E) or a decimal
 * exponent (e3, E-2); {@link parseQuantity} reads its value.
 */
export const QUANTITY = '^\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][-+]?[0-9]{1,3})?$';
/**
 * A ConfigMap or Secret key, or a projected file name (Kubernetes' IsConfigMapKey): letters,
 * digits, `-`, `_` and `.`, at most 253 characters, neither `.` nor `..` nor beginning with `..`.
 */
export const DATA_KEY = '^(?!\\.\\.)(?!\\.$)[-._a-zA-Z0-9]{1,253}$';
/** An absolute path (a leading `/`). */
export const ABSOLUTE_PATH = '^/';
/** A relative path (no leading `/`). */
export const RELATIVE_PATH = '^[^/]';
/**
 * A `version` label value of a workload such as `v1`, which is also its Istio subset name: a
 * lower-case RFC 1123 label of at most 63 characters (a label value; Istio refuses a subset
 * name with a `.`).
 */
export const VERSION_LABEL = '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$';
/** A host name that a route rewrites or redirects to. */
export const HOST_NAME = '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$';
/** A Gateway listener hostname (Gateway API `Hostname`): a DNS name, `*.` first for a wildcard. */
export const LISTENER_HOST_NAME = '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
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

// Limits of the Kubernetes and Istio APIs that the rules check beyond the formats above
// (issue 17: what validate accepted and the API server, the kubelet or Envoy refused).

/** Most bytes of a ConfigMap's data, keys and values together (Kubernetes' MaxConfigMapSize, 1 MiB). */
export const CONFIGMAP_MAX_BYTES = 1024 * 1024;

/** Most bytes of one object's annotations, keys and values together (Kubernetes' TotalAnnotationSizeLimitB, 256 KiB). */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/**
 * Ports the Istio sidecar listens on in every injected pod (Istio "Ports used by Istio"): an
 * application port among them collides with the proxy, which fails to bind or captures it.
 */
export const ISTIO_SIDECAR_PORTS: readonly number[] = [15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090];

/** Names of the containers Istio injects into a pod (the proxy, and the init container of the sidecar or CNI mode). */
export const ISTIO_CONTAINER_NAMES: readonly string[] = ['istio-proxy', 'istio-init', 'istio-validation'];

/** Names of the volumes Istio's sidecar injection adds to a pod (a user volume of one of them makes the pod invalid). */
export const ISTIO_VOLUME_NAMES: readonly string[] = [
  'workload-socket',
  'credential-socket',
  'workload-certs',
  'istio-envoy',
  'istio-data',
  'istio-podinfo',
  'istio-token',
  'istiod-ca-cert',
];

/** Capabilities that Kubernetes refuses with `allowPrivilegeEscalation: false` (CAP_SYS_ADMIN, in either spelling). */
export const ESCALATING_CAPABILITIES: readonly string[] = ['SYS_ADMIN', 'CAP_SYS_ADMIN'];

/** A Kubernetes quantity as an exact number: `digits × 10^exponent` (binary suffixes folded into `digits`). */
export interface QuantityValue {
  readonly digits: bigint;
  readonly exponent: number;
}

const QUANTITY_RE = new RegExp(QUANTITY);
const BINARY_SUFFIXES = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** The exact value of a {@link QUANTITY} (e.g. `100m` → 100 × 10^-3, `1Gi` → 1073741824 × 10^0), or undefined when it is not one. */
export function parseQuantity(text: string): QuantityValue | undefined {
  const match = QUANTITY_RE.exec(text);
  if (match === null) return undefined;
  const number = text.slice(text.startsWith('+') ? 1 : 0, text.length - (match[3]?.length ?? 0));
  const [whole, fraction = ''] = number.split('.');
  let digits = BigInt(`${whole}${fraction}` || '0');
  let exponent = -fraction.length;
  const suffix = match[3] ?? '';
  const binary = BINARY_SUFFIXES.indexOf(suffix);
  if (binary >= 0) digits *= 1024n ** BigInt(binary + 1);
  else if (/^[eE][-+]?[0-9]/.test(suffix)) exponent += Number(suffix.slice(1));
  else exponent += DECIMAL_SUFFIXES[suffix];
  return { digits, exponent };
}

/** Compares two quantities: negative when `a < b`, 0 when equal, positive when `a > b`. */
export function compareQuantities(a: QuantityValue, b: QuantityValue): number {
  const common = Math.min(a.exponent, b.exponent);
  const left = a.digits * 10n ** BigInt(a.exponent - common);
  const right = b.digits * 10n ** BigInt(b.exponent - common);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** An IP address or CIDR as {@link parseIp} reads it. */
export interface IpAddress {
  readonly version: 4 | 6;
  /** The address part, e.g. `10.0.0.0` of `10.0.0.0/8`. */
  readonly address: string;
  /** The prefix length of a CIDR; undefined for an address. */
  readonly prefix?: number;
}

/**
 * An IPv4 or IPv6 address, or with `cidr` a CIDR too, as Go's net/netip (Istio) and Kubernetes
 * take it: IPv4 octets of 0..255 without a leading zero (`010.0.0.1` is refused: older parsers
 * read it as octal), no IPv6 zone (`%eth0`), a prefix length without a leading zero and within
 * the address size. Undefined when `text` is none of these.
 */
export function parseIp(text: string, cidr: boolean): IpAddress | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const version = address.includes('%') ? 0 : isIP(address);
  if (version !== 4 && version !== 6) return undefined;
  if (slash < 0) return { version, address };
  const prefix = text.slice(slash + 1);
  if (!cidr || !/^(0|[1-9][0-9]{0,2})$/.test(prefix) || Number(prefix) > (version === 4 ? 32 : 128)) return undefined;
  return { version, address, prefix: Number(prefix) };
}

/**
 * Why `pattern` is not an RE2 regular expression (the syntax Envoy and GKE's load balancers
 * take: no lookaround, no backreference, repeats of at most 1000), or undefined when it is one.
 */
export function re2Error(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^error parsing regexp: /, '');
  }
}

// Limits of the Kubernetes API server's validation of built-in objects (k8s.io/apimachinery
// validation and the core/apps validation), shared by the topology rules and the offline
// API-server checks of `meshfleet validate` (src/analysis/api-server).

/** A DNS-1123 subdomain (most object names): lower-case RFC 1123 labels joined by dots, at most {@link DNS_NAME_MAX} characters. */
export const DNS_1123_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
/** Longest name part of a label or annotation key (after the optional `prefix/`). */
export const QUALIFIED_NAME_MAX = 63;
/** Longest prefix of a label or annotation key (a DNS-1123 subdomain). */
export const QUALIFIED_KEY_PREFIX_MAX = DNS_NAME_MAX;
/** Longest label value. */
export const LABEL_VALUE_MAX = 63;
/**
 * The longest StatefulSet name whose pods can be created: each pod carries the label
 * `controller-revision-hash: <name>-<hash of up to 10 characters>`, a label value of at most 63.
 */
export const STATEFULSET_NAME_MAX = LABEL_VALUE_MAX - 11;
/** Longest port name (an IANA service name, RFC 6335). */
export const IANA_SVC_NAME_MAX = 15;
/**
 * The characters of a port name as the API server checks them (IANA_SVC_NAME): lower-case
 * letters, digits and `-`, neither first nor last; it must also hold a letter and no `--`
 * (see {@link isIanaServiceName}).
 */
export const IANA_SVC_NAME = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

const IANA_SVC_NAME_RE = new RegExp(IANA_SVC_NAME);

/** Whether `name` is a port name the API server accepts (IANA_SVC_NAME, RFC 6335 section 5.1). */
export function isIanaServiceName(name: string): boolean {
  return name.length <= IANA_SVC_NAME_MAX && IANA_SVC_NAME_RE.test(name) && /[a-z]/.test(name) && !name.includes('--');
}

// Google Cloud resource labels.

/** Most labels a Google Cloud resource takes. */
export const GCP_LABELS_MAX = 64;
/** Label keys Google Cloud reserves for itself: those beginning with `goog`. */
export const GCP_RESERVED_LABEL_PREFIX = 'goog';
/** The labels meshfleet's Terraform sets on resources itself: `managed_by` (every labelled resource) and `mesh_id` (fleet-managed mesh members). */
export const MESHFLEET_GCP_LABELS = { managedBy: 'managed_by', meshId: 'mesh_id' } as const;
