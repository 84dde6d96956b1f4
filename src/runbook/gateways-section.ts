import { gatewayTrafficOf } from '../plan/traffic/resolve';
import { resolveGatewayRouteRule } from '../topology/model/gateway-routes';
import { isMultiClusterGatewayClass } from '../topology/model/gateway-classes';
import { blocks, CLUSTER_GATEWAY_FILE, code, configFolderWith, Context, folderFiles, list, MULTI_CLUSTER_GATEWAY_FILE, RunbookSection, sh, unique } from './shared';
import { loadBalancerPlaintextNote } from './load-balancer-mtls';
import { concreteHost, curlCommand, gatewayAddressesCommand, gatewayProgrammedCommand, httpsCurlCommand, serviceImportWaitCommand } from './wait-commands';
import { terraformOutputAssignment } from './commands';
import { gatewayStaticIpOutput } from '../plan/terraform-plan';
import type { ResolvedGateway } from '../topology/model/types';

/** The shell word of the address variable the checks use. */
const GATEWAY_ADDRESS = '${GATEWAY_ADDRESS}';

/**
 * The host names a gateway serves (its listeners' and its routes', concrete), which DNS must point
 * at its address: the reserved global address (its IP from the network stack's output), else
 * the address the load balancer got.
 */
function dnsStep(ctx: Context, g: ResolvedGateway): Array<string | string[]> | undefined {
  const hosts = unique([...g.listeners.flatMap((l) => (l.hostname !== undefined ? [l.hostname] : [])), ...g.routes.flatMap((r) => r.hostnames)]);
  if (hosts.length === 0) return undefined;
  const names = list(hosts.map(code));
  if (g.staticAddressName === undefined) {
    const zone = g.className.includes('-internal-') ? ', in a Cloud DNS private zone of the VPC network' : '';
    return [`Clients reach ${names} once their DNS records point at the address printed above (an A record each${zone}); the checks below need no DNS.`];
  }
  return [
    `Point the DNS records of ${names} at the IP of ${code(g.staticAddressName)}, which Terraform reserved (an A record each; it can be done before the load balancer exists, and the IP stays when the Gateway is re-created):`,
    sh([terraformOutputAssignment('GATEWAY_ADDRESS', `${ctx.folders.terraform}/stacks/network`, gatewayStaticIpOutput(g.staticAddressName)), 'echo "${GATEWAY_ADDRESS}"']),
  ];
}

/**
 * GKE Gateways: a multi-cluster one's ServiceImports (in the config cluster), a single-cluster
 * one in its own cluster; Programmed, addresses, DNS, then a curl per route rule.
 */
export function gatewaysSection(ctx: Context): RunbookSection | undefined {
  const config = configFolderWith(ctx, MULTI_CLUSTER_GATEWAY_FILE);
  const placed = ctx.model.gateways.flatMap((g, i) => {
    const multi = isMultiClusterGatewayClass(g.className);
    const folder = multi ? config : g.cluster !== undefined && folderFiles(ctx, g.cluster).includes(CLUSTER_GATEWAY_FILE) ? g.cluster : undefined;
    return folder === undefined ? [] : [{ g, i, multi, folder }];
  });
  if (placed.length === 0) return undefined;
  const parts: Array<string | string[]> = [];
  if (placed.some((p) => p.multi)) {
    parts.push(
      `The fleet makes a ServiceImport in every member cluster for each exported Service; each Gateway routes to them and is ${code(
        'Programmed',
      )} once its load balancer exists (often 10 minutes or more). Then print its addresses (one per region):`,
    );
  }
  if (placed.some((p) => !p.multi)) {
    parts.push(
      `A single-cluster Gateway routes to the Services of its own cluster (${code(CLUSTER_GATEWAY_FILE)} of that folder) and is ${code(
        'Programmed',
      )} once its load balancer exists (often 5 minutes or more). Then print its address:`,
    );
  }
  placed.forEach(({ g, i, multi, folder }) => {
    // The ServiceImports the routes reach (per-version ones for a workload that declares versions), from the traffic intent.
    const rules = gatewayTrafficOf(ctx.model, g, i).routes.flatMap((r) => r.rules);
    // As `<namespace> <name>`: a cross-namespace backend's ServiceImport is in its own namespace.
    const backends = multi
      ? unique([
          ...rules.flatMap((rule) => [...rule.backends, ...(rule.mirror !== undefined ? [rule.mirror] : [])]).map((b) => `${b.namespace ?? g.namespace} ${b.service}`),
          ...g.healthChecks.map((h) => `${g.namespace} ${h.backend}`),
          ...g.backendPolicies.map((p) => `${g.namespace} ${p.backend}`),
        ]).map((key) => key.split(' '))
      : [];
    parts.push(
      sh([
        `# ${g.namespace}/${g.name}`,
        ...backends.map(([namespace, name]) => serviceImportWaitCommand(folder, namespace, name)),
        gatewayProgrammedCommand(folder, g.namespace, g.name),
        gatewayAddressesCommand(folder, g.namespace, g.name),
      ]),
    );
    const curls = g.routes.flatMap((r) => {
      // A route without sectionName attaches to every listener: check it through the HTTPS one when there is one.
      const listener = g.listeners.find((l) => l.name === r.sectionName) ?? g.listeners.find((l) => l.protocol === 'HTTPS') ?? g.listeners[0];
      const host = r.hostnames.length > 0 ? concreteHost(r.hostnames[0]) : listener.hostname !== undefined ? concreteHost(listener.hostname) : undefined;
      return r.rules.map((rule) => {
        const path = resolveGatewayRouteRule(rule).matches[0]?.path?.value ?? '/';
        return listener.protocol === 'HTTPS'
          ? httpsCurlCommand(GATEWAY_ADDRESS, listener.port, path, host)
          : curlCommand(`${GATEWAY_ADDRESS}${listener.port === 80 ? '' : `:${listener.port}`}`, path, host);
      });
    });
    const dns = dnsStep(ctx, g);
    if (dns !== undefined) parts.push(...dns);
    if (curls.length === 0) return;
    const where = g.className.includes('-internal-')
      ? `${g.name} is internal (${code(g.className)}): its addresses are reachable only inside the VPC network ${code(
          ctx.model.network.name,
        )}. From a VM or a pod in that network, with ${code('GATEWAY_ADDRESS')} set to one of the addresses printed above,`
      : `From anywhere, with ${code('GATEWAY_ADDRESS')} set to ${g.staticAddressName !== undefined ? 'its reserved address' : 'one of the addresses printed above'},`;
    const redirects = rules.some((rule) => rule.redirect !== undefined);
    parts.push(
      `${where} one request per route rule, each answering 200${redirects ? ' (a redirect rule: its redirect status, 302 unless it sets statusCode)' : ''}.`,
      sh(unique(curls)),
    );
  });
  parts.push(loadBalancerPlaintextNote(ctx));
  return { title: placed.every((p) => p.multi) ? 'Check: multi-cluster Gateway' : 'Check: GKE Gateways', lines: blocks(...parts) };
}
