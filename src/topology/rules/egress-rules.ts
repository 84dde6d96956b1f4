import { HostSyntax, isHostName, parseIp } from './predicates';
import { DOCUMENTATION_RANGES_TEXT, isDocumentationAddress } from './address-ranges';
import { Problem, problem } from './problems';
import { ResolvedTopology } from '../model/types';

/*
 * Rules about egress: the ServiceEntries of each app (`apps[].serviceEntries`) and the mesh's
 * `outboundTrafficPolicy`.
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
      entry.endpoints.forEach((endpoint, k) => {
        if (parseIp(endpoint, false) !== undefined) checkRealAddress(`${at}.endpoints[${k}]`, endpoint, problems);
      });
      if (entry.resolution === 'STATIC') {
        if (entry.endpoints.length === 0) {
          problems.push(problem(`${at}.endpoints`, 'resolution STATIC sends traffic to the listed endpoints', undefined, 'at least one endpoint IP address'));
        }
        entry.endpoints.forEach((endpoint, k) => {
          if (parseIp(endpoint, false) === undefined) {
            problems.push(problem(`${at}.endpoints[${k}]`, 'resolution STATIC takes IP endpoints', endpoint, 'an IP address such as 10.0.0.5 (no leading zeros)'));
          }
        });
      } else if (entry.resolution === 'DNS') {
        entry.endpoints.forEach((endpoint, k) => {
          if (parseIp(endpoint, false) === undefined && !isHostName(endpoint, ENDPOINT_HOST)) {
            problems.push(problem(`${at}.endpoints[${k}]`, 'a DNS endpoint is an IP address or a DNS name', endpoint, 'such as 10.0.0.1 (no leading zeros) or db.example.com'));
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
