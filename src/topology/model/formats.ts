/**
 * The formats of the topology file's scalar fields, as alias types. Each alias's JSDoc says
 * what the value is; `@title` is the short wording that error messages use after "expected"
 * (e.g. `clusters[0].zone: wrong format (found "mars-1", expected a zone such as us-west2-a)`);
 * `@predicate NAME` names the pattern in src/topology/rules/predicates.ts (the one owner of
 * patterns), which scripts/generate-schema.js attaches to the JSON Schema.
 * Numeric aliases carry their JSON Schema type (`@asType integer`) and bounds.
 */

/**
 * A lower-case RFC 1035 label of at most 63 characters (letters, digits and `-`, a letter
 * first, no `-` last): what Kubernetes requires of namespace and Service names, e.g. `frontend`.
 * @title lower-case RFC 1035 name
 * @predicate DNS_LABEL
 */
export type DnsLabel = string;

/**
 * A Google Cloud resource name: lower-case letters, digits and `-`, a letter first, no `-`
 * last. Its length limit depends on the resource and is checked by the rules.
 * @title lower-case name of letters, digits and - (a letter first, no - last)
 * @predicate GCP_NAME
 */
export type GcpName = string;

/**
 * A GKE cluster name: a lower-case RFC 1035 name of at most 40 characters, e.g. `gke-west-1`.
 * @title cluster name (at most 40 characters)
 * @predicate CLUSTER_NAME
 */
export type ClusterName = string;

/**
 * A Google Cloud project ID: 6 to 30 lower-case letters, digits and `-`, e.g. `my-platform-prod`.
 * @title project ID
 * @predicate PROJECT_ID
 */
export type ProjectId = string;

/**
 * A Google Cloud project number, written as a quoted string of digits, e.g. `"123456789012"`.
 * @title project number (digits, quoted)
 * @predicate PROJECT_NUMBER
 */
export type ProjectNumber = string;

/**
 * A Google Cloud region, e.g. `us-west1` (its syntax here; the rules check that it exists).
 * @title region such as us-west1
 * @predicate REGION
 */
export type Region = string;

/**
 * A Compute Engine zone, e.g. `us-west2-a` (its syntax here; the rules check that it exists).
 * @title zone such as us-west2-a
 * @predicate ZONE
 */
export type Zone = string;

/**
 * An IPv4 range in CIDR notation, e.g. `10.0.0.0/8`.
 * @title IPv4 CIDR such as 10.0.0.0/8
 * @predicate IPV4_CIDR
 */
export type Ipv4Cidr = string;

/**
 * An IPv4 address, e.g. `203.0.113.10`.
 * @title reserved global IPv4 address
 * @predicate IPV4_ADDRESS
 */
export type Ipv4Address = string;

/**
 * An IPv4 address or a DNS name, e.g. `istiod.example.com`.
 * @title IPv4 address or DNS name
 * @predicate IPV4_OR_DNS
 */
export type Ipv4OrDnsName = string;

/**
 * A Compute Engine machine type, e.g. `e2-standard-4`.
 * @title machine type such as e2-standard-4
 * @predicate MACHINE_TYPE
 */
export type MachineType = string;

/**
 * A key of a Google Cloud resource label: lower-case letters, digits, `-` and `_`, a letter first.
 * @predicate GCP_LABEL_KEY
 */
export type GcpLabelKey = string;

/**
 * A value of a Google Cloud resource label: at most 63 lower-case letters, digits, `-` and `_`.
 * @title GCP label value
 * @predicate GCP_LABEL_VALUE
 */
export type GcpLabelValue = string;

/**
 * A Kubernetes label or annotation key: an optional prefix (a lower-case DNS subdomain of at most
 * 253 characters) and `/`, then a name of at most 63 characters, e.g. `app` or
 * `topology.istio.io/network`.
 * @title label or annotation key such as app or example.com/team
 * @predicate QUALIFIED_KEY
 */
export type LabelKey = string;

/**
 * A Kubernetes label value: at most 63 letters, digits, `-`, `_` and `.`, beginning and ending
 * with a letter or digit; may be empty.
 * @title Kubernetes label value
 * @predicate LABEL_VALUE
 */
export type LabelValue = string;

/**
 * A non-empty Kubernetes label value, e.g. `network1`.
 * @title non-empty Kubernetes label value
 * @predicate NON_EMPTY_LABEL_VALUE
 */
export type NonEmptyLabelValue = string;

/** Kubernetes labels: label keys to label values, e.g. `{ app: frontend }`. */
export type Labels = Record<LabelKey, LabelValue>;

/** Google Cloud resource labels, e.g. `{ team: platform }`. */
export type GcpLabels = Record<GcpLabelKey, GcpLabelValue>;

/** Kubernetes annotations: annotation keys to any string, e.g. `{ "proxy.istio.io/config": "..." }`. */
export type Annotations = Record<LabelKey, string>;

/**
 * A name of an environment variable: letters, digits and `_`, not a digit first, e.g. `PORT`.
 * @predicate ENV_NAME
 */
export type EnvName = string;

/** Literal environment variables, name to value, e.g. `{ PORT: "8080" }`. */
export type LiteralEnv = Record<EnvName, string>;

/**
 * A TCP or UDP port number, from 1 to 65535.
 * @asType integer
 * @minimum 1
 * @maximum 65535
 */
export type Port = number;

/**
 * A Kubernetes port name (an IANA service name): at most 15 lower-case letters, digits and
 * `-`, a letter first, no `-` last and no `--`, e.g. `http` or `grpc-api`. Istio reads the
 * protocol from its prefix.
 * @title port name of at most 15 characters (a-z, 0-9 and single -)
 * @predicate PORT_NAME
 */
export type PortName = string;

/**
 * A lower-case RFC 1123 label (a digit first is allowed), e.g. the name of a ServiceEntry port.
 * @title lower-case port name such as https
 * @predicate DNS_1123_LABEL
 */
export type Dns1123Label = string;

/**
 * A whole number of at least 0 (seconds, user or group IDs).
 * @asType integer
 * @minimum 0
 */
export type NonNegativeInteger = number;

/**
 * A whole number of at least 1 (counts, intervals in seconds).
 * @asType integer
 * @minimum 1
 */
export type PositiveInteger = number;

/**
 * A whole number.
 * @asType integer
 */
export type Integer = number;

/**
 * A traffic share in percent, a whole number from 0 to 100.
 * @asType integer
 * @minimum 0
 * @maximum 100
 */
export type Percent = number;

/**
 * A replica or node count, a whole number from 0 to 1000.
 * @asType integer
 * @minimum 0
 * @maximum 1000
 */
export type Replicas = number;

/**
 * A Kubernetes resource quantity, e.g. `100m` or `0.5` (CPU), `64Mi` or `1G` (memory), `1e3`:
 * a number, then a binary suffix (Ki, Mi, Gi, Ti, Pi, Ei), a decimal one (n, u, m, k, M, G,
 * T, P, E) or a decimal exponent.
 * @title Kubernetes quantity such as 100m or 64Mi
 * @predicate QUANTITY
 */
export type Quantity = string;

/**
 * A key of a ConfigMap or Secret, or a projected file name, e.g. `jwtRS256.key`: at most 253
 * letters, digits, `-`, `_` and `.`, neither `.` nor `..` nor beginning with `..`.
 * @title key such as jwtRS256.key (letters, digits, -, _ and ., at most 253, not . or ..)
 * @predicate DATA_KEY
 */
export type DataKey = string;

/**
 * An absolute path (a leading `/`), e.g. `/healthz`.
 * @title path starting with /
 * @predicate ABSOLUTE_PATH
 */
export type AbsolutePath = string;

/**
 * A relative path (no leading `/`), e.g. `config/app.yaml`.
 * @title relative path
 * @predicate RELATIVE_PATH
 */
export type RelativePath = string;

/**
 * A `version` label value of a workload's pods (and its Istio subset name), e.g. `v1`: at most
 * 63 lower-case letters, digits and `-` (Istio refuses a subset name with a `.`).
 * @title version label such as v1 (at most 63 characters of a-z, 0-9 and -)
 * @predicate VERSION_LABEL
 */
export type VersionLabel = string;

/**
 * A host name a route redirects or rewrites to, e.g. `shop.example.com`.
 * @title host name
 * @predicate HOST_NAME
 */
export type HostName = string;

/**
 * The host name a Gateway listener serves (Gateway API `Hostname`), e.g. `store.example.com`,
 * or a wildcard such as `*.example.com`.
 * @title host name such as store.example.com or *.example.com
 * @predicate LISTENER_HOST_NAME
 */
export type ListenerHostName = string;

/**
 * An HTTP header name (an RFC 7230 token), e.g. `x-user`.
 * @title HTTP header name
 * @predicate HEADER_NAME
 */
export type HeaderName = string;

/** HTTP headers, name to value, e.g. `{ x-env: canary }`. */
export type Headers = Record<HeaderName, string>;

/**
 * A duration such as `5s` or `500ms` (its syntax is checked by the route rules, with a clearer
 * message than a pattern gives).
 */
export type Duration = string;

/**
 * A non-empty string.
 * @minLength 1
 */
export type NonEmptyString = string;

/**
 * A container image reference, e.g. `nginx:1.27` or
 * `us-docker.pkg.dev/google-samples/containers/gke/whereami:v1.2.20` (its grammar is checked by
 * the rules).
 * @minLength 1
 */
export type Image = string;

/**
 * The URL of a Git repository, without credentials.
 * @title Git repository URL such as https://github.com/example/fleet.git
 * @minLength 1
 */
export type GitUrl = string;

/**
 * A folder inside a repository: relative, without `..` (checked by the gitops rules), e.g. `dist`.
 * @title relative folder such as dist
 * @minLength 1
 */
export type RepoPath = string;
