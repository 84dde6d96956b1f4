import { DEFAULTS } from '../resolve/defaults';
import { DOCUMENTATION_RANGES_TEXT, isDocumentationAddress, isNonPublicIpv4 } from './address-ranges';
import { parseIp } from './predicates';
import { Problem, problem } from './problems';
import { gkeClusters, IngressBackendInput, ResolvedMultiClusterIngress, ResolvedTopology, TopologyInput } from '../model/types';

/*
 * Rules of the multi-cluster ingress (`multiClusterIngress`): what the MultiClusterIngress,
 * its MultiClusterServices and their backend-config annotations name must exist, with the
 * field path of the bad reference.
 */

const AT = 'multiClusterIngress';

/** Values used twice in a list, reported at each later use. */
function checkUnique<T extends string | number>(values: readonly T[], pathOf: (i: number) => string, what: string, problems: Problem[]): void {
  values.forEach((value, i) => {
    const first = values.indexOf(value);
    if (first < i) problems.push(problem(pathOf(i), `duplicate ${what}, already used by ${pathOf(first)}`, value, `a unique ${what}`));
  });
}

/** A backend (rule path or default backend): a known MultiClusterService and one of its ports. */
function checkBackend(mci: ResolvedMultiClusterIngress, backend: IngressBackendInput, at: string, problems: Problem[]): void {
  const service = mci.services.find((s) => s.name === backend.service);
  if (service === undefined) {
    problems.push(problem(`${at}.service`, 'no MultiClusterService has this name', backend.service, `one of ${mci.services.map((s) => s.name).join(', ')}`));
  } else if (!service.ports.some((p) => p.port === backend.port)) {
    problems.push(problem(`${at}.port`, `MultiClusterService ${service.name} does not expose this port`, backend.port, `one of ${service.ports.map((p) => p.port).join(', ')}`));
  }
}

/**
 * The load balancer's address: an IP reserved elsewhere, or a name Terraform reserves, not both.
 * The IP must be a public one: the MultiClusterIngress makes an external load balancer, and a
 * documentation address (RFC 5737) is an example left in place that nothing routes to.
 */
function checkStaticAddress(staticIp: string | undefined, staticAddressName: string | undefined, problems: Problem[]): void {
  if (staticIp === undefined) return;
  const at = `${AT}.staticIp`;
  if (staticAddressName !== undefined) {
    problems.push(
      problem(at, 'the load balancer takes one address: an IP reserved elsewhere or the one staticAddressName reserves', staticIp, 'no staticIp with staticAddressName'),
    );
  } else if (parseIp(staticIp, false)?.version !== 4) {
    problems.push(problem(at, 'not a valid IPv4 address', staticIp, 'four octets of 0..255 without leading zeros'));
  } else if (isDocumentationAddress(staticIp)) {
    problems.push(
      problem(
        at,
        `a documentation address (${DOCUMENTATION_RANGES_TEXT}), which is never routed`,
        staticIp,
        'the IP of a reserved global external address, or staticAddressName to reserve one',
      ),
    );
  } else if (isNonPublicIpv4(staticIp)) {
    problems.push(
      problem(
        at,
        'the multi-cluster ingress load balancer is external and needs a public address',
        staticIp,
        'the IP of a reserved global external address, not a private or reserved one',
      ),
    );
  }
}

/** Checks the multi-cluster ingress of the topology (both of its shapes). */
export function checkMultiClusterIngress(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  const mci = model.multiClusterIngress;
  const raw = input.multiClusterIngress;
  if (mci === undefined || raw === undefined) return;
  if (model.fleet.configCluster === undefined) {
    problems.push(problem(AT, 'multi-cluster ingress needs a config cluster', undefined, 'fleet.configCluster'));
  }
  checkStaticAddress(raw.staticIp, raw.staticAddressName, problems);
  const noGateway = model.mesh?.ingressGateway === undefined;
  if (mci.meshGateway) {
    if (noGateway) problems.push(problem(AT, 'the multi-cluster service selects the shared ingress gateway', 'no mesh.ingressGateway', 'mesh.ingressGateway'));
    const external = model.clusters.filter((c, i) => c.meshMember && (input.clusters[i]?.platform ?? DEFAULTS.platform) === 'external').map((c) => c.name);
    if (external.length > 0) {
      problems.push(problem(AT, 'multi-cluster ingress only reaches GKE clusters of the fleet', `external mesh clusters ${external.join(', ')}`, 'only GKE workload clusters'));
    }
    return;
  }

  const ignored = (['serviceName', 'port', 'backendConfigName', 'healthCheck'] as const).filter((k) => raw[k] !== undefined);
  for (const key of ignored) {
    problems.push(problem(`${AT}.${key}`, 'seed 000 shape field, not used with services', raw[key], 'the field on a service or backend config, or no services'));
  }
  if (raw.namespace === undefined && noGateway) {
    problems.push(problem(`${AT}.namespace`, 'the objects need a namespace; without a mesh ingress gateway there is no default', undefined, 'a namespace'));
  }
  if (mci.defaultBackend === undefined && mci.rules.length === 0) {
    problems.push(problem(AT, 'a MultiClusterIngress needs a default backend or rules', undefined, 'defaultBackend or rules'));
  }

  const members = gkeClusters(model)
    .filter((c) => c.fleet)
    .map((c) => c.name);
  const configs = mci.backendConfigs.map((b) => b.name);
  checkUnique(
    mci.services.map((s) => s.name),
    (i) => `${AT}.services[${i}].name`,
    'MultiClusterService name',
    problems,
  );
  checkUnique(configs, (i) => `${AT}.backendConfigs[${i}].name`, 'BackendConfig name', problems);
  const knownConfig = (name: string, at: string) => {
    if (!configs.includes(name))
      problems.push(problem(at, 'no backend config has this name', name, configs.length === 0 ? 'a name in multiClusterIngress.backendConfigs' : `one of ${configs.join(', ')}`));
  };
  (raw.services ?? []).forEach((svc, i) => {
    const at = `${AT}.services[${i}]`;
    if (svc.selector === undefined && noGateway) {
      problems.push(problem(`${at}.selector`, 'without a mesh ingress gateway a service needs its own selector', undefined, 'pod labels such as { app: web }'));
    }
    checkUnique(
      svc.ports.map((p) => p.name),
      (j) => `${at}.ports[${j}].name`,
      'port name',
      problems,
    );
    checkUnique(
      svc.ports.map((p) => p.port),
      (j) => `${at}.ports[${j}].port`,
      'port',
      problems,
    );
    (svc.clusters ?? []).forEach((name, k) => {
      if (!members.includes(name))
        problems.push(problem(`${at}.clusters[${k}]`, 'not a GKE cluster of the fleet', name, members.length === 0 ? 'a fleet member cluster' : `one of ${members.join(', ')}`));
    });
    if (svc.backendConfig !== undefined) knownConfig(svc.backendConfig, `${at}.backendConfig`);
    svc.ports.forEach((p, j) => {
      if (p.backendConfig !== undefined) knownConfig(p.backendConfig, `${at}.ports[${j}].backendConfig`);
    });
  });
  mci.rules.forEach((rule, i) => rule.paths.forEach((p, j) => checkBackend(mci, p, `${AT}.rules[${i}].paths[${j}]`, problems)));
  checkUnique(
    mci.rules.map((r) => r.host ?? '*'),
    (i) => `${AT}.rules[${i}].host`,
    'host rule',
    problems,
  );
  if (mci.defaultBackend !== undefined) checkBackend(mci, mci.defaultBackend, `${AT}.defaultBackend`, problems);
  checkUnique(
    mci.preSharedCerts,
    (i) => (i < (raw.preSharedCerts ?? []).length ? `${AT}.preSharedCerts[${i}]` : `${AT}.managedCertificates[${i - (raw.preSharedCerts ?? []).length}].name`),
    'certificate name',
    problems,
  );
}
