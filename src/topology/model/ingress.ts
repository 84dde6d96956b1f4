/** Multi-cluster ingress (MultiClusterIngress, MultiClusterService, BackendConfig) in the fleet config cluster. */

import type { AbsolutePath, DnsLabel, Ipv4Address, Labels, NonNegativeInteger, Port, PortName, PositiveInteger } from './formats';

/**
 * A host of an ingress rule: a DNS name of at least two labels, optionally behind `*.`.
 * @title DNS name such as shop.example.com
 * @predicate INGRESS_HOST
 */
export type IngressHost = string;

/**
 * A domain of a Google-managed certificate: a DNS name of at least two labels, no wildcard.
 * @title non-wildcard DNS name
 * @predicate CERTIFICATE_DOMAIN
 */
export type CertificateDomain = string;

/** Protocol a load balancer speaks to a backend: `HTTP`, `HTTPS` or `HTTP2`. */
export type BackendProtocol = 'HTTP' | 'HTTPS' | 'HTTP2';

/** Health check of the load balancer behind a multi-cluster ingress (a BackendConfig's `healthCheck`). */
export interface HealthCheckInput {
  /**
   * Protocol of the check.
   * @default "HTTP"
   */
  readonly type?: BackendProtocol;
  /** Port on the pods that the check probes, e.g. `15021` (the Istio gateway's status port). */
  readonly port: Port;
  /** Request path of the check, e.g. `/healthz/ready`. */
  readonly path: AbsolutePath;
  /**
   * Seconds between two checks.
   * @default the load balancer's (written only when given)
   */
  readonly checkIntervalSec?: PositiveInteger;
  /**
   * Seconds before a check fails for want of an answer.
   * @default the load balancer's (written only when given)
   */
  readonly timeoutSec?: PositiveInteger;
  /**
   * Successes in a row that make a backend healthy.
   * @default the load balancer's (written only when given)
   */
  readonly healthyThreshold?: PositiveInteger;
  /**
   * Failures in a row that make a backend unhealthy.
   * @default the load balancer's (written only when given)
   */
  readonly unhealthyThreshold?: PositiveInteger;
}

/** Connection draining of a BackendConfig. */
export interface ConnectionDrainingInput {
  /** Seconds the load balancer lets open connections to a removed endpoint finish. */
  readonly drainingTimeoutSec: NonNegativeInteger;
}

/** Session affinity of a BackendConfig. */
export interface BackendConfigSessionAffinityInput {
  /** Which requests go to the same backend: by client IP, by a generated cookie, or none. */
  readonly affinityType: 'CLIENT_IP' | 'GENERATED_COOKIE' | 'NONE';
  /**
   * Lifetime in seconds of the `GENERATED_COOKIE` cookie.
   * @default the load balancer's
   */
  readonly affinityCookieTtlSec?: NonNegativeInteger;
}

/** Access logging of a BackendConfig. */
export interface BackendConfigLoggingInput {
  /** Log the load balancer's requests to Cloud Logging. */
  readonly enable: boolean;
  /**
   * Share of the requests logged, from 0 to 1, e.g. `0.5`.
   * @minimum 0
   * @maximum 1
   * @default the load balancer's (1)
   */
  readonly sampleRate?: number;
}

/**
 * A BackendConfig (cloud.google.com) of a multi-cluster ingress: the load balancer's backend
 * service settings for the MultiClusterService ports that name it. Fields are written only when given.
 */
export interface BackendConfigInput {
  /** BackendConfig name, which MultiClusterServices name in `backendConfig`. */
  readonly name: DnsLabel;
  /**
   * Health check of the backend service.
   * @default none (the load balancer's default check)
   */
  readonly healthCheck?: HealthCheckInput;
  /**
   * Backend service timeout in seconds.
   * @default none (the load balancer's, 30)
   */
  readonly timeoutSec?: PositiveInteger;
  /**
   * Connection draining timeout.
   * @default none
   */
  readonly connectionDraining?: ConnectionDrainingInput;
  /**
   * Session affinity.
   * @default none
   */
  readonly sessionAffinity?: BackendConfigSessionAffinityInput;
  /**
   * Name of a Cloud Armor security policy attached to the backend service.
   * @default none
   */
  readonly securityPolicy?: DnsLabel;
  /**
   * Access logging of the backend service.
   * @default none
   */
  readonly logging?: BackendConfigLoggingInput;
}

/** A port of a MultiClusterService. */
export interface MultiClusterServicePortInput {
  /** Port name (the key of `networking.gke.io/app-protocols`), e.g. `http`. */
  readonly name: PortName;
  /** Service port, e.g. `80`. */
  readonly port: Port;
  /**
   * Port on the pods.
   * @default the port
   */
  readonly targetPort?: Port;
  /**
   * Protocol from the load balancer to the pods (`networking.gke.io/app-protocols`).
   * @default HTTP (no annotation entry)
   */
  readonly appProtocol?: BackendProtocol;
  /**
   * BackendConfig of this port (`cloud.google.com/backend-config` `ports`).
   * @default the service's `backendConfig`
   */
  readonly backendConfig?: DnsLabel;
}

/** A MultiClusterService: a Service derived in each selected cluster, a backend of the ingress. */
export interface MultiClusterServiceInput {
  /** MultiClusterService name, which ingress rules name in `service`. */
  readonly name: DnsLabel;
  /**
   * Pod labels the derived Services select.
   * @default the mesh ingress gateway's labels
   */
  readonly selector?: Labels;
  /**
   * Ports of the Service.
   * @minItems 1
   */
  readonly ports: MultiClusterServicePortInput[];
  /**
   * Names of the fleet clusters the Service is derived in.
   * @minItems 1
   * @default every member cluster (no `clusters` field)
   */
  readonly clusters?: DnsLabel[];
  /**
   * BackendConfig of every port without one of its own (`cloud.google.com/backend-config` `default`).
   * @default none
   */
  readonly backendConfig?: DnsLabel;
}

/** Where a MultiClusterIngress sends a request: a MultiClusterService and one of its ports. */
export interface IngressBackendInput {
  /** A MultiClusterService of `services`. */
  readonly service: DnsLabel;
  /** One of its ports. */
  readonly port: Port;
}

/** A path of an ingress rule and where it sends requests. */
export interface IngressPathInput {
  /** Path prefix, e.g. `/api`. */
  readonly path: AbsolutePath;
  /** A MultiClusterService of `services`. */
  readonly service: DnsLabel;
  /** One of its ports. */
  readonly port: Port;
}

/** A host rule of a MultiClusterIngress. */
export interface IngressRuleInput {
  /**
   * Host the rule applies to, e.g. `shop.example.com`.
   * @default none (every host)
   */
  readonly host?: IngressHost;
  /**
   * Paths of the host and their backends.
   * @minItems 1
   */
  readonly paths: IngressPathInput[];
}

/** A Google-managed SSL certificate of the multi-cluster ingress load balancer. */
export interface ManagedCertificateInput {
  /** Certificate name (`google_compute_managed_ssl_certificate`). */
  readonly name: DnsLabel;
  /**
   * Non-wildcard domains (at most 100), e.g. `shop.example.com`.
   * @minItems 1
   * @maxItems 100
   */
  readonly domains: CertificateDomain[];
}

/**
 * Multi-cluster ingress in the config cluster. Two shapes:
 *
 * - seed 000's: no `services`; one MultiClusterService `serviceName` in front of the mesh ingress
 *   gateway on `port`, BackendConfig `backendConfigName` with `healthCheck`, the MCI's default
 *   backend on it (`beta.cloud.google.com/backend-config`, as the seed writes it);
 * - general: `services`, `backendConfigs`, `rules`, `defaultBackend`, and HTTPS (`staticIp`,
 *   `preSharedCerts`, `managedCertificates`); `serviceName`, `port`, `backendConfigName` and
 *   `healthCheck` are then not used.
 */
export interface MultiClusterIngressInput {
  /**
   * MultiClusterIngress name.
   * @default `<gateway name>-multicluster-ingress`
   */
  readonly name?: DnsLabel;
  /**
   * Namespace of every object.
   * @default the mesh ingress gateway's namespace (required without one)
   */
  readonly namespace?: DnsLabel;
  /**
   * Seed 000 shape: name of the MultiClusterService in front of the mesh ingress gateway.
   * @default `<gateway name>-multicluster-svc`
   */
  readonly serviceName?: DnsLabel;
  /**
   * Seed 000 shape: service port of the load balancer.
   * @default 80
   */
  readonly port?: Port;
  /**
   * Seed 000 shape: name of the BackendConfig.
   * @default `<config cluster>-config`
   */
  readonly backendConfigName?: DnsLabel;
  /**
   * Seed 000 shape: health check of the BackendConfig (the Istio gateway readiness endpoint).
   * @default {"type": "HTTP", "port": 15021, "path": "/healthz/ready"}
   */
  readonly healthCheck?: HealthCheckInput;
  /**
   * MultiClusterServices: the general shape.
   * @minItems 1
   * @default seed 000's one service
   */
  readonly services?: MultiClusterServiceInput[];
  /**
   * BackendConfigs that the services' ports name.
   * @default []
   */
  readonly backendConfigs?: BackendConfigInput[];
  /**
   * Host and path rules (`spec.template.spec.rules`).
   * @default []
   */
  readonly rules?: IngressRuleInput[];
  /**
   * Backend of requests no rule matches (`spec.template.spec.backend`).
   * @default none
   */
  readonly defaultBackend?: IngressBackendInput;
  /**
   * IP of a global external address reserved outside meshfleet, e.g. `34.120.10.20`, which the
   * MultiClusterIngress names in `networking.gke.io/static-ip`. The load balancer is external:
   * private, documentation and other non-public addresses are refused. To have meshfleet's
   * Terraform reserve the address, use `staticAddressName` instead.
   * @default an ephemeral address (or `staticAddressName`'s)
   */
  readonly staticIp?: Ipv4Address;
  /**
   * Name of a global external address that meshfleet's Terraform reserves for the load balancer
   * (`google_compute_global_address` in the network stack, its IP in the stack's output
   * `mci_static_ip`), e.g. `whereami-ip`. `networking.gke.io/static-ip` takes the IP, which exists
   * only once Terraform has reserved it: the runbook annotates the MultiClusterIngress with it
   * right after applying the config cluster's folder. Not with `staticIp`.
   * @default none (no address reserved)
   */
  readonly staticAddressName?: DnsLabel;
  /**
   * Names of Compute Engine SSL certificates (`networking.gke.io/pre-shared-certs`).
   * @default []
   */
  readonly preSharedCerts?: DnsLabel[];
  /**
   * Google-managed certificates that Terraform creates (`google_compute_managed_ssl_certificate`)
   * and the MCI lists in `networking.gke.io/pre-shared-certs`, as GKE documents for Multi Cluster Ingress.
   * @default []
   */
  readonly managedCertificates?: ManagedCertificateInput[];
}
