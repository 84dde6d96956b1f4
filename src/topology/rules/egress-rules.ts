import { DOCUMENTATION_RANGES_TEXT, HostSyntax, IPV4_ADDRESS_OR_CIDR_RE, IPV4_ADDRESS_RE, isDocumentationAddress, isHostName } from './predicates';
import { Problem, problem } from './problems';
import { ResolvedTopology } from '../model/types';

/*
 * Rules about egress: the ServiceEntries of each app (`apps[].serviceEntries`) and the mesh's
 * `outboundTrafficPolicy`.
 */

/** ServiceEntry hosts: DNS names, optionally behind a leading `*.` wildcard (the only wildcard Istio's hosts take). */
const ENTRY_HOST: HostSyntax = { wildcard: true, star: false, ip: true };
/** DNS endpoints: a DNS name or an IP address, no wildcard. */
const ENDPOINT_HOST: HostSyntax = { wildcard: false, star: false, ip: true };

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
      entry.ports.forEach((port, k) => {
        const prefix = port.protocol.toLowerCase();
        if (port.name !== prefix && !port.name.startsWith(`${prefix}-`)) {
          problems.push(problem(`${at}.ports[${k}].name`, `the port name starts with its protocol ${port.protocol}`, port.name, `${prefix} or ${prefix}-<suffix>`));
        }
      });
      entry.addresses.forEach((address, k) => {
        if (!IPV4_ADDRESS_OR_CIDR_RE.test(address))
          problems.push(problem(`${at}.addresses[${k}]`, 'an address is an IPv4 address or CIDR', address, 'such as 10.0.0.1 or 10.0.0.0/24'));
        else checkRealAddress(`${at}.addresses[${k}]`, address, problems);
      });
      entry.endpoints.forEach((endpoint, k) => {
        if (IPV4_ADDRESS_RE.test(endpoint)) checkRealAddress(`${at}.endpoints[${k}]`, endpoint, problems);
      });
      if (entry.resolution === 'STATIC') {
        if (entry.endpoints.length === 0) {
          problems.push(problem(`${at}.endpoints`, 'resolution STATIC sends traffic to the listed endpoints', undefined, 'at least one endpoint IP address'));
        }
        entry.endpoints.forEach((endpoint, k) => {
          if (!IPV4_ADDRESS_RE.test(endpoint)) problems.push(problem(`${at}.endpoints[${k}]`, 'resolution STATIC takes IP endpoints', endpoint, 'an IPv4 address'));
        });
      } else if (entry.resolution === 'DNS') {
        entry.endpoints.forEach((endpoint, k) => {
          if (!IPV4_ADDRESS_RE.test(endpoint) && !isHostName(endpoint, ENDPOINT_HOST)) {
            problems.push(problem(`${at}.endpoints[${k}]`, 'a DNS endpoint is an IP address or a DNS name', endpoint, 'such as 10.0.0.1 or db.example.com'));
          }
        });
      } else if (entry.endpoints.length > 0) {
        problems.push(
          problem(`${at}.endpoints`, 'resolution NONE forwards to the original destination and takes no endpoints', entry.endpoints, 'no endpoints, or resolution STATIC or DNS'),
        );
      }
      if (entry.hosts.some((h) => h.startsWith('*.')) && entry.resolution === 'DNS' && entry.endpoints.length === 0) {
        problems.push(problem(`${at}.resolution`, 'Istio cannot resolve a wildcard host by DNS', entry.resolution, 'NONE (or endpoints)'));
      }
    });
  });
}
