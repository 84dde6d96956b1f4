import { DNS_LABEL_RE, HostSyntax, isHostName, parseIp, serviceHost } from './predicates';
import { DOCUMENTATION_RANGES_TEXT, isDocumentationAddress } from './address-ranges';
import { Problem, problem } from './problems';
import { SYSTEM_NAMESPACES } from './namespace-rules';
import { checkTrafficPolicyFields } from './traffic-policy-rules';
import { ResolvedApp, ResolvedServiceEntry, ResolvedTopology, SidecarInput } from '../model/types';

/*
 * Rules about egress: the ServiceEntries of each app (`apps[].serviceEntries`: endpoints, routing
 * through `mesh.egressGateway`, traffic policy) and the app's Istio `sidecar`.
 */

/** ServiceEntry hosts: DNS names, optionally behind a leading `*.` wildcard (the only wildcard Istio's hosts take). */
const ENTRY_HOST: HostSyntax = { wildcard: true, star: false, ip: true };
/** The name of a DNS endpoint (an IP address is {@link parseIp}'s): no wildcard, not four dotted numbers. */
const ENDPOINT_HOST: HostSyntax = { wildcard: false, star: false, ip: false };

/** An address the workloads' traffic goes to: a documentation address (an example never replaced) routes nowhere. */
function checkRealAddress(path: string, address: string, problems: Problem[]): void {
  if (isDocumentationAddress(address)) {
    problems.push(problem(path, `a documentation address (${DOCUMENTATION_RANGES_TEXT}), which is never routed`, address, 'the address of the real service'));
  }
}

/** Checks every app's ServiceEntries; they need a mesh to mean anything. */
export function checkEgress(model: ResolvedTopology, problems: Problem[]): void {
  model.apps.forEach((app, i) => {
    const names: string[] = [];
    app.serviceEntries.forEach((entry, j) => {
      const at = `apps[${i}].serviceEntries[${j}]`;
      if (model.mesh === undefined) {
        problems.push(problem(at, 'a ServiceEntry is an Istio object and needs a mesh', undefined, 'a mesh section'));
      }
      const first = names.indexOf(entry.name);
      if (first >= 0) problems.push(problem(`${at}.name`, `duplicate ServiceEntry name, already used by apps[${i}].serviceEntries[${first}].name`, entry.name, 'a unique name'));
      names.push(entry.name);
      entry.hosts.forEach((host, k) => {
        if (!isHostName(host, ENTRY_HOST))
          problems.push(problem(`${at}.hosts[${k}]`, 'a ServiceEntry host is a DNS name, optionally prefixed by *.', host, 'a name such as api.example.com or *.example.com'));
      });
      // Istio takes the protocol from `protocol`; the name's prefix only matters without one.
      entry.ports.forEach((port, k) => {
        const byName = entry.ports.findIndex((other) => other.name === port.name);
        if (byName < k) problems.push(problem(`${at}.ports[${k}].name`, `duplicate port name, already used by ${at}.ports[${byName}]`, port.name, 'a unique port name'));
        const byNumber = entry.ports.findIndex((other) => other.number === port.number);
        if (byNumber < k)
          problems.push(problem(`${at}.ports[${k}].number`, `duplicate port, already declared by ${at}.ports[${byNumber}]`, port.number, 'a port number of its own'));
      });
      entry.addresses.forEach((address, k) => {
        const ip = parseIp(address, true);
        if (ip === undefined) {
          problems.push(problem(`${at}.addresses[${k}]`, 'an address is an IP address or CIDR', address, 'such as 10.0.0.1 or 10.0.0.0/24 (no leading zeros)'));
        } else if (ip.prefix === 0) {
          problems.push(problem(`${at}.addresses[${k}]`, 'a ServiceEntry address of prefix /0 captures all outbound traffic', address, 'the addresses of the external service'));
        } else if (ip.prefix !== undefined && entry.resolution === 'DNS') {
          problems.push(problem(`${at}.addresses[${k}]`, 'Istio takes CIDR addresses only with resolution NONE or STATIC', address, 'an IP address, or resolution NONE or STATIC'));
        } else {
          checkRealAddress(`${at}.addresses[${k}]`, address, problems);
        }
      });
      const endpoints = entry.endpoints.map((e) => e.address);
      endpoints.forEach((endpoint, k) => {
        if (parseIp(endpoint, false) !== undefined) checkRealAddress(`${at}.endpoints[${k}]`, endpoint, problems);
      });
      checkEndpointPorts(at, entry, problems);
      if (entry.resolution === 'STATIC') {
        if (endpoints.length === 0) {
          problems.push(problem(`${at}.endpoints`, 'resolution STATIC sends traffic to the listed endpoints', undefined, 'at least one endpoint IP address'));
        }
        endpoints.forEach((endpoint, k) => {
          if (parseIp(endpoint, false) === undefined) {
            problems.push(problem(`${at}.endpoints[${k}]`, 'resolution STATIC takes IP endpoints', endpoint, 'an IP address such as 10.0.0.5 (no leading zeros)'));
          }
        });
      } else if (entry.resolution === 'DNS') {
        endpoints.forEach((endpoint, k) => {
          if (parseIp(endpoint, false) === undefined && !isHostName(endpoint, ENDPOINT_HOST)) {
            problems.push(problem(`${at}.endpoints[${k}]`, 'a DNS endpoint is an IP address or a DNS name', endpoint, 'such as 10.0.0.1 (no leading zeros) or db.example.com'));
          }
        });
      } else {
        if (endpoints.length > 0) {
          problems.push(
            problem(`${at}.endpoints`, 'resolution NONE forwards to the original destination and takes no endpoints', endpoints, 'no endpoints, or resolution STATIC or DNS'),
          );
        }
        entry.ports.forEach((port, k) => {
          if (port.targetPort !== undefined) {
            problems.push(
              problem(`${at}.ports[${k}].targetPort`, 'resolution NONE forwards to the original destination port', port.targetPort, 'no targetPort, or resolution STATIC or DNS'),
            );
          }
        });
      }
      if (entry.hosts.some((h) => h.startsWith('*.')) && entry.resolution === 'DNS' && entry.endpoints.length === 0) {
        problems.push(problem(`${at}.resolution`, 'Istio cannot resolve a wildcard host by DNS', entry.resolution, 'NONE (or endpoints)'));
      }
      if (model.mesh !== undefined) {
        if (entry.egressGateway) checkEgressGatewayRoute(model, at, entry, problems);
        if (entry.trafficPolicy !== undefined) checkEntryTrafficPolicy(model, at, entry, problems);
      }
    });
    if (app.sidecar !== undefined) checkSidecar(model, `apps[${i}].sidecar`, app.sidecar, app, i, problems);
    app.workloads.forEach((w, j) => {
      if (w.sidecar !== undefined) checkSidecar(model, `apps[${i}].workloads[${j}].sidecar`, w.sidecar, app, i, problems);
    });
  });
  checkEgressGatewayPorts(model, problems);
  checkEgressGatewayNamespace(model, problems);
}

/** The egress gateway's namespace gets the injection label: not a system namespace, nor an app namespace whose deny-all would block the gateway. */
function checkEgressGatewayNamespace(model: ResolvedTopology, problems: Problem[]): void {
  const gateway = model.mesh?.egressGateway;
  if (gateway === undefined) return;
  const at = 'mesh.egressGateway.namespace';
  if (SYSTEM_NAMESPACES.includes(gateway.namespace)) {
    problems.push(
      problem(
        at,
        'the egress gateway namespace gets the sidecar injection label, which a system namespace must not carry',
        gateway.namespace,
        'a namespace of its own, such as istio-egress',
      ),
    );
  } else if (model.mesh!.defaultDeny && model.apps.some((app) => app.namespace === gateway.namespace)) {
    problems.push(
      problem(
        at,
        "mesh.defaultDeny writes a deny-all policy in every app namespace, which would refuse the sidecars' traffic to the egress gateway",
        gateway.namespace,
        'a namespace of its own, such as istio-egress',
      ),
    );
  }
}

/** `endpoints[].ports`: a map from the entry's port names to port numbers (Istio's WorkloadEntry `ports`). */
function checkEndpointPorts(at: string, entry: ResolvedServiceEntry, problems: Problem[]): void {
  const names = entry.ports.map((p) => p.name);
  entry.endpoints.forEach((endpoint, k) => {
    for (const name of Object.keys(endpoint.ports ?? {})) {
      if (!names.includes(name)) {
        problems.push(problem(`${at}.endpoints[${k}].ports.${name}`, 'an endpoint port is named after a port of its ServiceEntry', name, `one of ${names.join(', ')}`));
      }
    }
  });
}

/** A ServiceEntry routed through the egress gateway: the gateway exists, Istio routing, one host that is no wildcard and is resolved, HTTP, HTTPS or TLS ports. */
function checkEgressGatewayRoute(model: ResolvedTopology, at: string, entry: ResolvedServiceEntry, problems: Problem[]): void {
  const mesh = model.mesh!;
  if (mesh.egressGateway === undefined) {
    problems.push(problem(`${at}.egressGateway`, 'routing through the egress gateway needs one in the mesh', true, 'mesh.egressGateway, or egressGateway: false'));
  }
  if (mesh.routing === 'gateway-api') {
    problems.push(
      problem(
        `${at}.egressGateway`,
        "the egress gateway route is Istio's (Gateway, DestinationRule and a VirtualService bound to mesh), and routing: gateway-api writes no Istio routes",
        true,
        'mesh.routing: istio, or egressGateway: false',
      ),
    );
  }
  if (entry.hosts.length !== 1) {
    problems.push(problem(`${at}.hosts`, "an egress gateway route sends a port's traffic to one host", entry.hosts.join(', '), 'one host (a ServiceEntry per host)'));
  } else if (entry.hosts[0].startsWith('*.')) {
    problems.push(problem(`${at}.hosts[0]`, 'the egress gateway cannot resolve a wildcard host to forward to', entry.hosts[0], 'a host name such as api.example.com'));
  } else if (entry.resolution === 'NONE') {
    // The sidecar addressed the connection to the egress gateway, whose original destination is itself.
    problems.push(
      problem(`${at}.resolution`, 'the egress gateway forwards to the host, which resolution NONE leaves unresolved', entry.resolution, 'DNS (or STATIC with endpoints)'),
    );
  }
  entry.ports.forEach((port, k) => {
    if (port.protocol !== 'HTTP' && port.protocol !== 'HTTPS' && port.protocol !== 'TLS') {
      problems.push(
        problem(`${at}.ports[${k}].protocol`, 'the egress gateway routes HTTP, and TLS by SNI (passthrough)', port.protocol, 'HTTP, HTTPS or TLS, or egressGateway: false'),
      );
    }
  });
}

/** A ServiceEntry's `trafficPolicy`: a DestinationRule on its one host, Istio routing, valid fields on the entry's ports. */
function checkEntryTrafficPolicy(model: ResolvedTopology, at: string, entry: ResolvedServiceEntry, problems: Problem[]): void {
  const policy = entry.trafficPolicy!;
  if (model.mesh!.routing === 'gateway-api') {
    problems.push(
      problem(
        `${at}.trafficPolicy`,
        "a traffic policy is an Istio DestinationRule, and Gateway API has no equivalent of Istio's traffic policy",
        policy,
        'mesh.routing: istio, or no trafficPolicy',
      ),
    );
    return;
  }
  if (entry.hosts.length !== 1) {
    problems.push(problem(`${at}.hosts`, 'a DestinationRule applies to one host', entry.hosts.join(', '), 'one host (a ServiceEntry per host), or no trafficPolicy'));
  }
  checkTrafficPolicyFields(
    `${at}.trafficPolicy`,
    `ServiceEntry ${entry.name}`,
    entry.ports.map((p) => p.number),
    policy,
    problems,
  );
}

/** Across the entries routed through the egress gateway: one port number is one kind of Gateway server (HTTP, or TLS passthrough). */
function checkEgressGatewayPorts(model: ResolvedTopology, problems: Problem[]): void {
  const seen = new Map<number, { readonly at: string; readonly http: boolean }>();
  model.apps.forEach((app, i) =>
    app.serviceEntries.forEach((entry, j) => {
      if (!entry.egressGateway) return;
      entry.ports.forEach((port, k) => {
        const at = `apps[${i}].serviceEntries[${j}].ports[${k}]`;
        const http = port.protocol === 'HTTP';
        const first = seen.get(port.number);
        if (first === undefined) seen.set(port.number, { at, http });
        else if (first.http !== http) {
          problems.push(
            problem(
              `${at}.protocol`,
              `the egress gateway serves port ${port.number} for ${first.at} as ${first.http ? 'HTTP' : 'TLS passthrough'}, and a Gateway port has one protocol`,
              port.protocol,
              first.http ? 'HTTP, or another port number' : 'HTTPS or TLS, or another port number',
            ),
          );
        }
      });
    }),
  );
}

/** A Sidecar `egress` host, `namespace/dnsName`: a namespace name, `.`, `*` or `~`, then `*`, `*.` and a name, or a name. */
function isSidecarHost(host: string): boolean {
  const slash = host.indexOf('/');
  if (slash < 0) return false;
  const namespace = host.slice(0, slash);
  const name = host.slice(slash + 1);
  return (['.', '*', '~'].includes(namespace) || DNS_LABEL_RE.test(namespace)) && isHostName(name, { wildcard: true, star: true, ip: false });
}

/** Whether a Sidecar `egress` host of the namespace `own` imports the Service `service` of namespace `namespace`. */
function importsService(host: string, own: string, namespace: string, service: string): boolean {
  const [ns, name] = host.split('/');
  if (ns !== '*' && ns !== namespace && !(ns === '.' && own === namespace)) return false;
  return name === '*' || name === service || (name.startsWith('*.') && service.endsWith(name.slice(1)));
}

/** A `sidecar` of app `i` (its own or a workload's) at `at`: a mesh, hosts in `namespace/dnsName` form, and the egress gateway imported when an entry of the app routes through it. */
function checkSidecar(model: ResolvedTopology, at: string, sidecar: SidecarInput, app: ResolvedApp, i: number, problems: Problem[]): void {
  if (model.mesh === undefined) {
    problems.push(problem(at, 'a Sidecar is an Istio object and needs a mesh', sidecar, 'a mesh section, or no sidecar'));
    return;
  }
  const egress = sidecar.egress ?? [];
  egress.forEach((listener, k) =>
    listener.hosts.forEach((host, h) => {
      if (!isSidecarHost(host)) {
        problems.push(
          problem(`${at}.egress[${k}].hosts[${h}]`, 'a Sidecar host is namespace/dnsName', host, 'such as ./*, istio-system/*, */api.example.com or payments/*.example.com'),
        );
      }
    }),
  );
  const gateway = model.mesh.egressGateway;
  const routed = app.serviceEntries.findIndex((e) => e.egressGateway);
  if (gateway === undefined || routed < 0 || egress.length === 0) return;
  const service = serviceHost(gateway.name, gateway.namespace);
  if (!egress.some((listener) => listener.port === undefined && listener.hosts.some((host) => importsService(host, app.namespace, gateway.namespace, service)))) {
    problems.push(
      problem(
        `${at}.egress`,
        `apps[${i}].serviceEntries[${routed}] goes out through the egress gateway, whose Service the app's sidecars would not know`,
        egress.flatMap((l) => l.hosts).join(', '),
        `a listener without port importing ${gateway.namespace}/* (or ${gateway.namespace}/${service})`,
      ),
    );
  }
}
