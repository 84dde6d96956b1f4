/**
 * JSON Schema (draft-07) of the topology file: the structural half of validation (keys, types,
 * enums, formats). Semantic rules (ranges, cross-references) live in `rules.ts`.
 * Exported so editors can use it (`# yaml-language-server: $schema=...`).
 */

import { DNS_LABEL as NAME, IPV4_CIDR as CIDR, LABEL_VALUE, NON_EMPTY_LABEL_VALUE, PORT_NAME, QUALIFIED_KEY, REGION, ZONE } from '../rules/predicates';

const name = { type: 'string', pattern: NAME, description: 'lower-case RFC 1035 name' };
/** A Google Cloud resource name: its syntax here, its length (which differs by resource) in the rules. */
const gcpName = { type: 'string', pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$', description: 'lower-case name of letters, digits and - (a letter first, no - last)' };
const region = { type: 'string', pattern: REGION, description: 'region such as us-west1' };
const cidr = { type: 'string', pattern: CIDR, description: 'IPv4 CIDR such as 10.0.0.0/8' };

const labels = {
  type: 'object',
  propertyNames: { pattern: QUALIFIED_KEY },
  additionalProperties: { type: 'string', pattern: LABEL_VALUE, description: 'Kubernetes label value' },
};
const port = { type: 'integer', minimum: 1, maximum: 65535 };
const labelValue = { type: 'string', pattern: NON_EMPTY_LABEL_VALUE, description: 'non-empty Kubernetes label value' };
const portName = { type: 'string', pattern: PORT_NAME, description: 'port name of at most 15 characters' };
const IPV4_OR_DNS = '^(([0-9]{1,3}\\.){3}[0-9]{1,3}|([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63})$';
const ENV_NAME = '^[A-Za-z_][A-Za-z0-9_]*$';
const env = { type: 'object', propertyNames: { pattern: ENV_NAME }, additionalProperties: { type: 'string' } };
const quantities = (names: string[]): Record<string, unknown> =>
  Object.fromEntries(names.map((n) => [n, { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G)?$', description: 'Kubernetes quantity such as 100m or 64Mi' }]));
const strings = { type: 'array', items: { type: 'string' } };
const seconds = { type: 'integer', minimum: 0 };
const count = { type: 'integer', minimum: 1 };
/** ConfigMap / Secret keys and projected file names. */
const key = { type: 'string', pattern: '^[-._a-zA-Z0-9]+$', description: 'key such as jwtRS256.key' };
/** A Git repository URL; its credentials and form are checked by the gitops rules. */
const gitUrl = { type: 'string', minLength: 1, description: 'Git repository URL such as https://github.com/example/fleet.git' };
/** A folder inside a repository: relative, without `..` (checked by the gitops rules). */
const repoPath = { type: 'string', minLength: 1, description: 'relative folder such as dist' };
const absolutePath = { type: 'string', pattern: '^/', description: 'path starting with /' };

const versionLabel = { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', description: 'version label such as v1' };
const headerName = { type: 'string', pattern: "^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$", description: 'HTTP header name' };
/** A duration: its syntax (`5s`, `500ms`) is checked by the route rules, with a clearer message. */
const duration = { type: 'string' };
const valueMatches = {
  type: 'array',
  items: { type: 'object', additionalProperties: false, required: ['name', 'value'], properties: { name: headerName, value: { type: 'string', minLength: 1 }, type: { enum: ['Exact', 'RegularExpression'] } } },
};
/** Gateway API route kinds meshfleet writes. */
const routeKind = { enum: ['HTTPRoute', 'GRPCRoute'] };
/** A GRPCRoute method match (Gateway API GRPCMethodMatch); its names and regexes are checked by the route rules. */
const grpcMethodMatch = {
  type: 'object',
  additionalProperties: false,
  properties: { type: { enum: ['Exact', 'RegularExpression'] }, service: { type: 'string', minLength: 1, maxLength: 1024 }, method: { type: 'string', minLength: 1, maxLength: 1024 } },
};
const headerModifier = {
  type: 'object',
  additionalProperties: false,
  properties: {
    set: { type: 'object', propertyNames: headerName, additionalProperties: { type: 'string' } },
    add: { type: 'object', propertyNames: headerName, additionalProperties: { type: 'string' } },
    remove: { type: 'array', items: headerName },
  },
};

function object(properties: Record<string, unknown>, required: string[] = []): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, required, properties };
}

const healthCheck = object(
  {
    type: { enum: ['HTTP', 'HTTPS', 'HTTP2'] },
    port,
    path: absolutePath,
    checkIntervalSec: count,
    timeoutSec: count,
    healthyThreshold: count,
    unhealthyThreshold: count,
  },
  ['port', 'path'],
);

const keyRef = object({ name, key, optional: { type: 'boolean' } }, ['name', 'key']);
/** An env value: a literal string, or a mapping naming its source. */
const envValue = {
  type: ['string', 'object'],
  additionalProperties: false,
  properties: { configMapKeyRef: keyRef, secretKeyRef: keyRef, fieldRef: object({ fieldPath: { type: 'string', minLength: 1 } }, ['fieldPath']) },
  description: 'string, or a mapping with one of configMapKeyRef, secretKeyRef, fieldRef',
};
const keyToPath = { type: 'array', minItems: 1, items: object({ key, path: { type: 'string', pattern: '^[^/]', description: 'relative path' } }, ['key', 'path']) };
const probe = object({
  exec: { type: 'array', minItems: 1, items: { type: 'string' } },
  httpPath: absolutePath,
  httpHeaders: { type: 'array', items: object({ name: headerName, value: { type: 'string' } }, ['name', 'value']) },
  tcp: { type: 'boolean' },
  port,
  initialDelaySeconds: seconds,
  periodSeconds: count,
  timeoutSeconds: count,
  failureThreshold: count,
});
const serviceType = { enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] };
const resourceSide = object(quantities(['cpu', 'memory', 'ephemeral-storage']));

export const TOPOLOGY_SCHEMA = object(
  {
    name,
    project: object(
      {
        id: { type: 'string', pattern: '^[a-z][-a-z0-9]{4,28}[a-z0-9]$', description: 'project ID' },
        number: { type: 'string', pattern: '^[0-9]{6,20}$', description: 'project number (digits, quoted)' },
        nodeServiceAccount: gcpName,
      },
      ['id'],
    ),
    network: object({
      name,
      subnets: { type: 'array', items: object({ name, region, cidr }, ['name', 'region', 'cidr']) },
      firewallName: gcpName,
    }),
    regions: {
      type: 'array',
      items: object(
        {
          name: region,
          nat: object({
            enabled: { type: 'boolean' },
            logFilter: { enum: ['ALL', 'ERRORS_ONLY', 'TRANSLATIONS_ONLY'] },
            addressName: gcpName,
            routerName: gcpName,
            natName: gcpName,
          }),
          proxyOnlySubnet: cidr,
        },
        ['name'],
      ),
    },
    operatorCidrs: { type: 'array', items: cidr },
    clusters: {
      type: 'array',
      minItems: 1,
      items: object(
        {
          name: { ...name, pattern: '^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$', description: 'cluster name (at most 40 characters)' },
          platform: { enum: ['gke', 'external'] },
          meshNetwork: labelValue,
          zone: { type: 'string', pattern: ZONE, description: 'zone such as us-west2-a' },
          region,
          role: { enum: ['workload', 'config'] },
          private: { type: 'boolean' },
          masterCidr: cidr,
          podCidr: cidr,
          subnet: name,
          nodePool: object({
            machineType: { type: 'string', pattern: '^[a-z0-9]+-[-a-z0-9]+$', description: 'machine type such as e2-standard-4' },
            minNodes: { type: 'integer', minimum: 0, maximum: 1000 },
            maxNodes: { type: 'integer', minimum: 1, maximum: 1000 },
            initialNodes: { type: 'integer', minimum: 0, maximum: 1000 },
          }),
          gatewayApi: { enum: ['standard', 'experimental', 'disabled'] },
          shortName: name,
          fleet: { type: 'boolean' },
          releaseChannel: { enum: ['RAPID', 'REGULAR', 'STABLE', 'UNSPECIFIED'] },
          labels: {
            type: 'object',
            propertyNames: { pattern: '^[a-z][-_a-z0-9]{0,62}$' },
            additionalProperties: { type: 'string', pattern: '^[-_a-z0-9]{0,63}$', description: 'GCP label value' },
          },
          deletionProtection: { type: 'boolean' },
          dataplaneV2: { type: 'boolean' },
          authorizedNetworks: { type: 'boolean' },
        },
        ['name'],
      ),
    },
    mesh: object(
      {
        management: { enum: ['fleet', 'in-cluster'] },
        revision: name,
        version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+(\\.[0-9]+)?$', description: 'version such as 1.8.6' },
        ingressGateway: object({
          name,
          namespace: name,
          labels,
          https: object({ credentialName: name, hosts: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^(\\*|(\\*\\.)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63})$', description: 'host such as shop.example.com, *.example.com or *' } } }, ['credentialName']),
        }),
        distribution: { enum: ['asm', 'istio'] },
        meshId: labelValue,
        model: { enum: ['multi-primary', 'primary-remote'] },
        primary: name,
        primaryAddress: { type: 'string', pattern: IPV4_OR_DNS, description: 'IPv4 address or DNS name' },
        // No minLength: the pattern already refuses "", which would otherwise be reported twice.
        clusterAdmin: { type: 'string', pattern: '^[^\\s]+$', description: 'user name such as admin@example.com' },
        outboundTrafficPolicy: { enum: ['ALLOW_ANY', 'REGISTRY_ONLY'] },
        routing: { enum: ['istio', 'gateway-api'] },
        mtls: { enum: ['STRICT', 'PERMISSIVE'] },
        defaultDeny: { type: 'boolean' },
      },
      ['management'],
    ),
    multiClusterIngress: object({
      name,
      namespace: name,
      serviceName: name,
      port,
      backendConfigName: name,
      healthCheck,
      services: {
        type: 'array',
        minItems: 1,
        items: object(
          {
            name,
            selector: labels,
            ports: {
              type: 'array',
              minItems: 1,
              items: object({ name: portName, port, targetPort: port, appProtocol: { enum: ['HTTP', 'HTTPS', 'HTTP2'] }, backendConfig: name }, ['name', 'port']),
            },
            clusters: { type: 'array', minItems: 1, items: name },
            backendConfig: name,
          },
          ['name', 'ports'],
        ),
      },
      backendConfigs: {
        type: 'array',
        items: object(
          {
            name,
            healthCheck,
            timeoutSec: count,
            connectionDraining: object({ drainingTimeoutSec: seconds }, ['drainingTimeoutSec']),
            sessionAffinity: object({ affinityType: { enum: ['CLIENT_IP', 'GENERATED_COOKIE', 'NONE'] }, affinityCookieTtlSec: seconds }, ['affinityType']),
            securityPolicy: name,
            logging: object({ enable: { type: 'boolean' }, sampleRate: { type: 'number', minimum: 0, maximum: 1 } }, ['enable']),
          },
          ['name'],
        ),
      },
      rules: {
        type: 'array',
        items: object(
          {
            host: { type: 'string', pattern: '^(\\*\\.)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$', description: 'DNS name such as shop.example.com' },
            paths: { type: 'array', minItems: 1, items: object({ path: absolutePath, service: name, port }, ['path', 'service', 'port']) },
          },
          ['paths'],
        ),
      },
      defaultBackend: object({ service: name, port }, ['service', 'port']),
      staticIp: { type: 'string', pattern: '^([0-9]{1,3}\\.){3}[0-9]{1,3}$', description: 'reserved global IPv4 address' },
      preSharedCerts: { type: 'array', items: name },
      managedCertificates: {
        type: 'array',
        items: object(
          { name, domains: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'string', pattern: '^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$', description: 'non-wildcard DNS name' } } },
          ['name', 'domains'],
        ),
      },
    }),
    apps: {
      type: 'array',
      items: object(
        {
          namespace: name,
          configMaps: { type: 'array', items: object({ name, data: { type: 'object', propertyNames: { pattern: '^[-._a-zA-Z0-9]+$' }, additionalProperties: { type: 'string' } }, external: { type: 'boolean' } }, ['name']) },
          serviceAccounts: { type: 'array', items: name },
          serviceEntries: {
            type: 'array',
            items: object(
              {
                name,
                hosts: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
                ports: {
                  type: 'array',
                  minItems: 1,
                  // Istio refuses a port name that is not an RFC 1123 label.
                  items: object({ number: port, name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$', description: 'lower-case port name such as https' }, protocol: { enum: ['HTTP', 'HTTPS', 'GRPC', 'HTTP2', 'MONGO', 'TCP', 'TLS'] } }, ['number', 'name', 'protocol']),
                },
                resolution: { enum: ['DNS', 'STATIC', 'NONE'] },
                location: { enum: ['MESH_EXTERNAL', 'MESH_INTERNAL'] },
                addresses: { type: 'array', items: { type: 'string', minLength: 1 } },
                endpoints: { type: 'array', items: { type: 'string', minLength: 1 } },
              },
              ['name', 'hosts', 'ports'],
            ),
          },
          secrets: {
            type: 'array',
            items: object(
              {
                name,
                rsaKeyPair: object({ privateKey: key, publicKey: key, bits: { enum: [2048, 3072, 4096] } }, ['privateKey', 'publicKey']),
                keys: { type: 'array', minItems: 1, items: key },
              },
              ['name'],
            ),
          },
          workloads: {
            type: 'array',
            minItems: 1,
            items: object(
              {
                name,
                kind: { enum: ['Deployment', 'StatefulSet'] },
                image: { type: 'string', minLength: 1 },
                port,
                servicePort: port,
                portName,
                extraPorts: { type: 'array', items: object({ name: portName, port, servicePort: port }, ['name', 'port']) },
                serviceType,
                extraServices: { type: 'array', items: object({ name, type: serviceType }, ['name']) },
                containerName: name,
                replicas: { type: 'integer', minimum: 0, maximum: 1000 },
                args: strings,
                env: { type: 'object', propertyNames: { pattern: ENV_NAME }, additionalProperties: envValue },
                envFrom: { type: 'array', items: object({ configMap: name, secret: name, optional: { type: 'boolean' } }) },
                volumes: {
                  type: 'array',
                  items: object(
                    {
                      name,
                      emptyDir: object({ medium: { enum: ['Memory'] }, ...quantities(['sizeLimit']) }),
                      configMap: object({ name, items: keyToPath }, ['name']),
                      secret: object({ name, items: keyToPath }, ['name']),
                    },
                    ['name'],
                  ),
                },
                volumeMounts: {
                  type: 'array',
                  items: object({ name, mountPath: absolutePath, readOnly: { type: 'boolean' }, subPath: { type: 'string', pattern: '^[^/]', description: 'relative path' } }, ['name', 'mountPath']),
                },
                initContainers: {
                  type: 'array',
                  items: object({ name, image: { type: 'string', minLength: 1 }, command: strings, args: strings, env }, ['name', 'image']),
                },
                probe,
                readinessProbe: probe,
                livenessProbe: probe,
                startupProbe: probe,
                resources: object({ requests: resourceSide, limits: resourceSide }),
                securityContext: object({
                  allowPrivilegeEscalation: { type: 'boolean' },
                  privileged: { type: 'boolean' },
                  readOnlyRootFilesystem: { type: 'boolean' },
                  runAsNonRoot: { type: 'boolean' },
                  runAsUser: seconds,
                  runAsGroup: seconds,
                  capabilities: object({ add: strings, drop: strings }),
                  seccompProfile: object({ type: { enum: ['RuntimeDefault', 'Unconfined', 'Localhost'] }, localhostProfile: { type: 'string', minLength: 1 } }, ['type']),
                }),
                podSecurityContext: object({ fsGroup: seconds, runAsUser: seconds, runAsGroup: seconds, runAsNonRoot: { type: 'boolean' } }),
                serviceAccountName: name,
                podAnnotations: { type: 'object', propertyNames: { pattern: QUALIFIED_KEY }, additionalProperties: { type: 'string' } },
                terminationGracePeriodSeconds: { type: 'integer', minimum: 0 },
                clusters: { type: 'array', minItems: 1, items: name },
                version: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', description: 'version label such as v1' },
                canary: object(
                  {
                    version: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', description: 'version label such as v2' },
                    weight: { type: 'integer', minimum: 0, maximum: 100 },
                    image: { type: 'string', minLength: 1 },
                    env,
                  },
                  ['version', 'weight'],
                ),
                versions: {
                  type: 'array',
                  minItems: 1,
                  items: object(
                    {
                      name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', description: 'version label such as v1' },
                      weight: { type: 'integer', minimum: 0, maximum: 100 },
                      image: { type: 'string', minLength: 1 },
                      env,
                      replicas: { type: 'integer', minimum: 0, maximum: 1000 },
                      labels,
                    },
                    ['name', 'weight'],
                  ),
                },
                selectorIncludesVersion: { type: 'boolean' },
                virtualServiceName: name,
                destinationRuleName: name,
                expose: object({ hosts: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } } }, ['hosts']),
                export: { type: 'boolean' },
              },
              ['name', 'image'],
            ),
          },
          vmWorkloads: {
            type: 'array',
            minItems: 1,
            items: object(
              {
                name,
                labels,
                serviceAccount: name,
                ports: { type: 'array', minItems: 1, items: object({ name: portName, port }, ['name', 'port']) },
                network: labelValue,
                probe: object({ port, httpPath: { type: 'string', pattern: '^/', description: 'path starting with /' } }, ['port']),
                cluster: name,
              },
              ['name', 'ports'],
            ),
          },
          routes: {
            type: 'array',
            items: object(
              {
                kind: routeKind,
                name,
                service: name,
                rules: {
                  type: 'array',
                  minItems: 1,
                  items: object({
                    matches: {
                      type: 'array',
                      items: object({
                        path: object({ type: { enum: ['PathPrefix', 'Exact', 'RegularExpression'] }, value: { type: 'string', minLength: 1 } }, ['value']),
                        headers: valueMatches,
                        queryParams: valueMatches,
                        method: { anyOf: [{ enum: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] }, grpcMethodMatch] },
                      }),
                    },
                    backends: { type: 'array', minItems: 1, items: object({ version: versionLabel, weight: { type: 'integer' }, port }) },
                    mirror: object({ version: versionLabel, percent: { type: 'number' } }, ['version']),
                    requestHeaders: headerModifier,
                    responseHeaders: headerModifier,
                    redirect: object({
                      scheme: { enum: ['http', 'https'] },
                      hostname: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', description: 'host name' },
                      path: absolutePath,
                      port,
                      statusCode: { enum: [301, 302] },
                    }),
                    rewrite: object({ pathPrefix: absolutePath, hostname: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', description: 'host name' } }),
                    timeout: duration,
                    retries: object({ attempts: { type: 'integer', minimum: 0 }, perTryTimeout: duration, retryOn: { type: 'string', pattern: '^[-a-z0-9,]+$', description: 'Envoy retry conditions such as 5xx,reset' } }, ['attempts']),
                  }),
                },
              },
              ['service', 'rules'],
            ),
          },
        },
        ['namespace'],
      ),
    },
    fleet: object({ configCluster: name, multiClusterServices: { type: 'boolean' } }),
    gateways: {
      type: 'array',
      items: object(
        {
          name,
          namespace: name,
          className: { type: 'string', minLength: 1 },
          addresses: {
            type: 'array',
            items: object({ region, staticAddress: name }, ['region']),
          },
          port,
          routes: {
            type: 'array',
            items: object(
              {
                kind: routeKind,
                name,
                labels,
                hostnames: { type: 'array', items: { type: 'string', minLength: 1 } },
                rules: {
                  type: 'array',
                  minItems: 1,
                  items: object({
                    pathPrefix: absolutePath,
                    matches: {
                      type: 'array',
                      minItems: 1,
                      items: object({
                        path: object({ type: { enum: ['PathPrefix', 'Exact'] }, value: absolutePath }, ['value']),
                        headers: {
                          type: 'array',
                          minItems: 1,
                          items: object({ name: { type: 'string', pattern: '^[A-Za-z0-9!#$%&\'*+.^_`|~-]+$', description: 'HTTP header name' }, value: { type: 'string', minLength: 1, maxLength: 4096 } }, ['name', 'value']),
                        },
                        method: grpcMethodMatch,
                      }),
                    },
                    backend: name,
                    port,
                    backends: {
                      type: 'array',
                      minItems: 1,
                      items: object({ name, port, weight: { type: 'integer', minimum: 0, maximum: 1000000 } }, ['name', 'port']),
                    },
                    mirror: object({ backend: name, port }, ['backend', 'port']),
                  }),
                },
              },
              ['name', 'rules'],
            ),
          },
          healthChecks: {
            type: 'array',
            items: object(
              {
                backend: name,
                name,
                type: { enum: ['HTTP', 'HTTPS', 'HTTP2', 'TCP', 'GRPC'] },
                path: absolutePath,
                host: { type: 'string', minLength: 1 },
                port,
                checkIntervalSec: { type: 'integer', minimum: 1, maximum: 300 },
                timeoutSec: { type: 'integer', minimum: 1, maximum: 300 },
                healthyThreshold: { type: 'integer', minimum: 1, maximum: 10 },
                unhealthyThreshold: { type: 'integer', minimum: 1, maximum: 10 },
              },
              ['backend'],
            ),
          },
          backendPolicies: {
            type: 'array',
            items: object(
              {
                backend: name,
                name,
                timeoutSec: { type: 'integer', minimum: 1, maximum: 2147483647 },
                drainingTimeoutSec: { type: 'integer', minimum: 0, maximum: 3600 },
                sessionAffinity: object(
                  { type: { enum: ['CLIENT_IP', 'GENERATED_COOKIE', 'NONE'] }, cookieTtlSec: { type: 'integer', minimum: 0, maximum: 1209600 } },
                  ['type'],
                ),
                logging: object({ enabled: { type: 'boolean' }, sampleRate: { type: 'integer', minimum: 0, maximum: 1000000 } }, ['enabled']),
                securityPolicy: gcpName,
              },
              ['backend'],
            ),
          },
          gatewayPolicy: object({ name, allowGlobalAccess: { type: 'boolean' }, sslPolicy: gcpName, region }),
        },
        ['name', 'namespace', 'className'],
      ),
    },
    terraform: object({
      backend: object({
        type: { enum: ['local', 'gcs'] },
        bucket: { type: 'string', pattern: '^[a-z0-9][-_.a-z0-9]{1,220}[a-z0-9]$', description: 'bucket name' },
        prefix: { type: 'string', pattern: '^[-_./a-zA-Z0-9]+$', description: 'object prefix' },
      }),
    }),
    gitops: object({
      argocd: object(
        {
          repoURL: gitUrl,
          targetRevision: { type: 'string', minLength: 1, description: 'branch, tag or commit' },
          path: repoPath,
          namespace: name,
          project: name,
          prune: { type: 'boolean' },
        },
        ['repoURL'],
      ),
      configSync: object(
        {
          repo: gitUrl,
          branch: { type: 'string', minLength: 1, description: 'branch name' },
          dir: repoPath,
          auth: { enum: ['none', 'gcenode', 'gcpserviceaccount', 'token', 'ssh', 'cookiefile'] },
          gcpServiceAccountEmail: { type: 'string', pattern: '^[a-z][-a-z0-9]{4,28}[a-z0-9]@[-a-z0-9.]+\\.iam\\.gserviceaccount\\.com$', description: 'service account email such as config-sync@my-project.iam.gserviceaccount.com' },
          secretRef: name,
        },
        ['repo'],
      ),
    }),
  },
  ['name', 'project', 'clusters'],
);
