/**
 * Istio security policy of an app (security.istio.io): AuthorizationPolicy and
 * RequestAuthentication, in upstream's shape and field names, so a policy pasted from the Istio
 * documentation (its `spec`, plus `name`) is valid here. Written by hand from the vendored CRD
 * (crds/istio/crd-all.gen.yaml, security.istio.io v1) with Istio's field documentation; fields
 * meshfleet does not support (`targetRef(s)`, `serviceAccounts`, `jwks`, ...) are refused by the
 * schema rather than passed through unchecked.
 */

import type { DnsLabel, HeaderName, Labels, NonEmptyString } from './formats';

/** Workloads a policy applies to: upstream's `WorkloadSelector`. */
export interface WorkloadSelectorInput {
  /**
   * Pod labels a workload must carry, e.g. `{ app: reviews }`; they must match a workload (or VM
   * workload) of the app.
   */
  readonly matchLabels: Labels;
}

/** Where a request comes from (upstream's `Source`); the fields of one source are ANDed, values of one field ORed. */
export interface AuthorizationSourceInput {
  /**
   * Peer identities (mTLS), `<trust domain>/ns/<namespace>/sa/<service account>`, e.g.
   * `cluster.local/ns/bookinfo/sa/bookinfo-productpage`; `*` prefix or suffix matches.
   * @default any
   */
  readonly principals?: NonEmptyString[];
  /** @default none */
  readonly notPrincipals?: NonEmptyString[];
  /**
   * Request identities (JWT), `<iss>/<sub>`, e.g. `https://accounts.google.com/1234`; `*` matches any.
   * @default any
   */
  readonly requestPrincipals?: NonEmptyString[];
  /** @default none */
  readonly notRequestPrincipals?: NonEmptyString[];
  /**
   * Namespaces of the peer (mTLS), e.g. `istio-system`.
   * @default any
   */
  readonly namespaces?: NonEmptyString[];
  /** @default none */
  readonly notNamespaces?: NonEmptyString[];
  /**
   * IP addresses or CIDRs of the peer (the connection's source), e.g. `10.0.0.0/16`.
   * @default any
   */
  readonly ipBlocks?: NonEmptyString[];
  /** @default none */
  readonly notIpBlocks?: NonEmptyString[];
  /**
   * IP addresses or CIDRs of the original client (X-Forwarded-For, as the gateway's `numTrustedProxies` reads it).
   * @default any
   */
  readonly remoteIpBlocks?: NonEmptyString[];
  /** @default none */
  readonly notRemoteIpBlocks?: NonEmptyString[];
}

/** One `from` entry of a rule (upstream's `Rule.From`). */
export interface AuthorizationFromInput {
  readonly source: AuthorizationSourceInput;
}

/** What a request asks for (upstream's `Operation`); the fields are ANDed, values of one field ORed. */
export interface AuthorizationOperationInput {
  /**
   * Host header values, e.g. `bookinfo.example.com`; `*` prefix or suffix matches.
   * @default any
   */
  readonly hosts?: NonEmptyString[];
  /** @default none */
  readonly notHosts?: NonEmptyString[];
  /**
   * Destination ports, as strings as upstream writes them, e.g. `"9080"`.
   * @default any
   */
  readonly ports?: NonEmptyString[];
  /** @default none */
  readonly notPorts?: NonEmptyString[];
  /**
   * HTTP methods, e.g. `GET` (gRPC requests are always POST).
   * @default any
   */
  readonly methods?: NonEmptyString[];
  /** @default none */
  readonly notMethods?: NonEmptyString[];
  /**
   * Request paths, e.g. `/api/*`; `*` prefix or suffix matches.
   * @default any
   */
  readonly paths?: NonEmptyString[];
  /** @default none */
  readonly notPaths?: NonEmptyString[];
}

/** One `to` entry of a rule (upstream's `Rule.To`). */
export interface AuthorizationToInput {
  readonly operation: AuthorizationOperationInput;
}

/** A further condition (upstream's `Condition`): a key from Istio's list of authorization conditions and its values. */
export interface AuthorizationConditionInput {
  /**
   * Condition key, e.g. `request.headers[version]`, `source.ip`, `source.namespace`,
   * `source.principal`, `remote.ip`, `request.auth.principal`, `request.auth.audiences`,
   * `request.auth.presenter`, `request.auth.claims[groups]`, `destination.ip`,
   * `destination.port`, `connection.sni`, `experimental.envoy.filters.*`.
   */
  readonly key: NonEmptyString;
  /**
   * Values that match (at least one of `values` and `notValues`).
   * @default none
   */
  readonly values?: NonEmptyString[];
  /** @default none */
  readonly notValues?: NonEmptyString[];
}

/** A rule of an AuthorizationPolicy (upstream's `Rule`): it matches when `from`, `to` and `when` all match. */
export interface AuthorizationRuleInput {
  /**
   * Sources, ORed.
   * @default any source
   */
  readonly from?: AuthorizationFromInput[];
  /**
   * Operations, ORed.
   * @default any operation
   */
  readonly to?: AuthorizationToInput[];
  /**
   * Conditions, ANDed.
   * @default none
   */
  readonly when?: AuthorizationConditionInput[];
}

/** What an AuthorizationPolicy does with the requests its rules match. */
export type AuthorizationAction = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

/** The external authorizer of a CUSTOM policy, one of the mesh config's `extensionProviders`. */
export interface AuthorizationProviderInput {
  /** Extension provider name, e.g. `my-ext-authz`. */
  readonly name: NonEmptyString;
}

/**
 * An Istio AuthorizationPolicy in the app namespace, upstream's `spec` fields plus `name`.
 * Without a selector it applies to every workload of the namespace.
 */
export interface AuthorizationPolicyInput {
  /** AuthorizationPolicy name, unique in the app. */
  readonly name: DnsLabel;
  /**
   * The workloads it applies to.
   * @default every workload of the namespace
   */
  readonly selector?: WorkloadSelectorInput;
  /**
   * ALLOW, DENY, AUDIT, or CUSTOM (with `provider`).
   * @default "ALLOW"
   */
  readonly action?: AuthorizationAction;
  /**
   * The external authorizer; with `action: CUSTOM` only, which needs it.
   * @default none
   */
  readonly provider?: AuthorizationProviderInput;
  /**
   * Rules, ORed. ALLOW without rules allows nothing (Istio's deny-all); a rule `{}` matches every request.
   * @maxItems 512
   * @default []
   */
  readonly rules?: AuthorizationRuleInput[];
}

/** A header a JWT is read from (upstream's `JWTHeader`). */
export interface JwtHeaderInput {
  /** Header name, e.g. `x-jwt-assertion`. */
  readonly name: HeaderName;
  /**
   * Prefix before the token, e.g. `"Bearer "`.
   * @default none
   */
  readonly prefix?: string;
}

/** How to validate one issuer's JWTs (upstream's `JWTRule`). */
export interface JwtRuleInput {
  /** Issuer (`iss` claim), e.g. `https://accounts.google.com` or `testing@secure.istio.io`. */
  readonly issuer: NonEmptyString;
  /**
   * URL of the issuer's public key set, an https URL (keys fetched over plain HTTP can be forged on the way).
   * @maxLength 2048
   * @default none (Istio's OpenID discovery from the issuer)
   */
  readonly jwksUri?: NonEmptyString;
  /**
   * Accepted `aud` values.
   * @default any audience
   */
  readonly audiences?: NonEmptyString[];
  /**
   * Keep the token in the request forwarded to the workload.
   * @default false
   */
  readonly forwardOriginalToken?: boolean;
  /**
   * Headers the token is read from.
   * @default the Authorization header, prefix "Bearer "
   */
  readonly fromHeaders?: JwtHeaderInput[];
  /**
   * Query parameters the token is read from, e.g. `access_token`.
   * @default access_token
   */
  readonly fromParams?: NonEmptyString[];
  /**
   * Header that receives the token's payload (base64-encoded JSON) on success.
   * @default none
   */
  readonly outputPayloadToHeader?: HeaderName;
}

/**
 * An Istio RequestAuthentication in the app namespace: which JWTs the selected workloads accept.
 * A request with an invalid token is rejected; a request without a token is let through unless
 * an AuthorizationPolicy asks for `requestPrincipals`.
 */
export interface RequestAuthenticationInput {
  /** RequestAuthentication name, unique in the app. */
  readonly name: DnsLabel;
  /**
   * The workloads it applies to.
   * @default every workload of the namespace
   */
  readonly selector?: WorkloadSelectorInput;
  /**
   * JWT rules, one per issuer.
   * @minItems 1
   */
  readonly jwtRules: JwtRuleInput[];
}
