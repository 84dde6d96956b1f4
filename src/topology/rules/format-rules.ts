import { GCP_LABELS_MAX, GCP_RESERVED_LABEL_PREFIX, HostSyntax, HTTPROUTE_MAX_HOSTNAMES, IMAGE_MAX, isHostName, isImageReference, MESHFLEET_GCP_LABELS } from './predicates';
import { Problem, problem } from './problems';
import { ResolvedTopology, TopologyInput } from '../model/types';

/*
 * Values that meshfleet writes as they are into objects that Google Cloud or Kubernetes would
 * refuse: project IDs, container images, host names.
 */

/** Strings a project ID cannot contain (Resource Manager: "restricted strings"). */
export const RESTRICTED_PROJECT_ID_STRINGS: readonly string[] = ['google', 'null', 'undefined', 'ssl'];

/** Project IDs that GCP refuses beyond the schema's syntax (6–30 characters, a letter first, no `-` last). */
export function checkProjectId(input: TopologyInput, problems: Problem[]): void {
  const id = input.project.id;
  const restricted = RESTRICTED_PROJECT_ID_STRINGS.find((s) => id.includes(s));
  if (restricted !== undefined) {
    problems.push(
      problem(
        'project.id',
        `a project ID cannot contain "${restricted}" (Google Cloud refuses ${RESTRICTED_PROJECT_ID_STRINGS.join(', ')})`,
        id,
        'a project ID without those strings',
      ),
    );
  }
}

function checkImage(path: string, image: string | undefined, problems: Problem[]): void {
  if (image === undefined || isImageReference(image)) return;
  const expected = `an image reference such as nginx:1.27 or gcr.io/p/app:v1 (lower-case path, at most ${IMAGE_MAX} characters)`;
  problems.push(problem(path, 'not a container image reference', image, expected));
}

/** Every image field: workloads, their canary, versions and init containers. */
export function checkImages(input: TopologyInput, problems: Problem[]): void {
  (input.apps ?? []).forEach((app, i) =>
    (app.workloads ?? []).forEach((w, j) => {
      const at = `apps[${i}].workloads[${j}]`;
      checkImage(`${at}.image`, w.image, problems);
      checkImage(`${at}.canary.image`, w.canary?.image, problems);
      (w.versions ?? []).forEach((v, k) => checkImage(`${at}.versions[${k}].image`, v.image, problems));
      (w.initContainers ?? []).forEach((c, k) => checkImage(`${at}.initContainers[${k}].image`, c.image, problems));
    }),
  );
}

/** VirtualService hosts (Istio): DNS names or short names, `*.` wildcards, `*`, IP addresses. */
const VIRTUAL_SERVICE_HOST: HostSyntax = { wildcard: true, star: true, ip: true };
/** HTTPRoute hostnames (Gateway API): DNS names with an optional leading `*.`, never an IP address. */
const HTTP_ROUTE_HOSTNAME: HostSyntax = { wildcard: true, star: false, ip: false };
/** A request's Host (redirects, rewrites, health checks): one name or IP address, no wildcard. */
const REQUEST_HOST: HostSyntax = { wildcard: false, star: false, ip: true };

function checkHost(path: string, host: string | undefined, syntax: HostSyntax, expected: string, problems: Problem[]): void {
  if (host !== undefined && !isHostName(host, syntax)) problems.push(problem(path, 'not a DNS host name', host, expected));
}

/** Host fields: exposed workloads, gateway routes, mesh route redirects and rewrites, gateway health checks. */
export function checkHosts(input: TopologyInput, problems: Problem[]): void {
  (input.apps ?? []).forEach((app, i) => {
    (app.workloads ?? []).forEach((w, j) =>
      (w.expose?.hosts ?? []).forEach((host, k) =>
        checkHost(`apps[${i}].workloads[${j}].expose.hosts[${k}]`, host, VIRTUAL_SERVICE_HOST, 'a lower-case DNS name such as shop.example.com, *.example.com or *', problems),
      ),
    );
    (app.routes ?? []).forEach((route, j) =>
      route.rules.forEach((rule, k) => {
        const at = `apps[${i}].routes[${j}].rules[${k}]`;
        checkHost(`${at}.redirect.hostname`, rule.redirect?.hostname, REQUEST_HOST, 'a lower-case DNS name such as shop.example.com', problems);
        checkHost(`${at}.rewrite.hostname`, rule.rewrite?.hostname, REQUEST_HOST, 'a lower-case DNS name such as shop.example.com', problems);
      }),
    );
  });
  (input.gateways ?? []).forEach((gateway, i) => {
    (gateway.routes ?? []).forEach((route, j) => {
      const hostnames = route.hostnames ?? [];
      if (hostnames.length > HTTPROUTE_MAX_HOSTNAMES) {
        problems.push(
          problem(`gateways[${i}].routes[${j}].hostnames`, `an HTTPRoute has at most ${HTTPROUTE_MAX_HOSTNAMES} hostnames`, hostnames.length, `at most ${HTTPROUTE_MAX_HOSTNAMES}`),
        );
      }
      hostnames.forEach((host, k) =>
        checkHost(
          `gateways[${i}].routes[${j}].hostnames[${k}]`,
          host,
          HTTP_ROUTE_HOSTNAME,
          'a lower-case DNS name such as store.example.com or *.example.com, not an IP address',
          problems,
        ),
      );
    });
    (gateway.healthChecks ?? []).forEach((check, j) =>
      checkHost(`gateways[${i}].healthChecks[${j}].host`, check.host, REQUEST_HOST, 'a lower-case DNS name such as store.example.com', problems),
    );
  });
}

/**
 * Google Cloud resource labels (`clusters[].labels`, the clusters' `resource_labels`): at most
 * {@link GCP_LABELS_MAX} with the ones meshfleet adds (`managed_by`, and `mesh_id` on a
 * fleet-managed mesh member), no key Google reserves (`goog...`), and none of meshfleet's own
 * keys, which would be overwritten. The key and value syntax is the schema's.
 */
export function checkGcpLabels(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  const own: string[] = Object.values(MESHFLEET_GCP_LABELS);
  input.clusters.forEach((cluster, i) => {
    const keys = Object.keys(cluster.labels ?? {});
    const at = `clusters[${i}].labels`;
    keys.forEach((key) => {
      if (key.startsWith(GCP_RESERVED_LABEL_PREFIX)) {
        problems.push(problem(`${at}.${key}`, `Google Cloud reserves label keys beginning with "${GCP_RESERVED_LABEL_PREFIX}"`, key, 'a key of your own'));
      } else if (own.includes(key)) {
        problems.push(problem(`${at}.${key}`, 'meshfleet sets this label itself', key, `a key other than ${own.join(', ')}`));
      }
    });
    const added = model.clusters[i]?.meshMember && model.mesh?.management === 'fleet' ? 2 : 1;
    if (keys.length + added > GCP_LABELS_MAX) {
      problems.push(
        problem(at, `a Google Cloud resource takes at most ${GCP_LABELS_MAX} labels, and meshfleet adds ${added}`, keys.length, `at most ${GCP_LABELS_MAX - added} labels`),
      );
    }
  });
}
