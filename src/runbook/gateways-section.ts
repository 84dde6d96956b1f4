import { gatewayTrafficOf } from '../plan/traffic/resolve';
import { resolveGatewayRouteRule } from '../topology/model/gateway-routes';
import { isMultiClusterGatewayClass } from '../topology/model/gateway-classes';
import { blocks, CLUSTER_GATEWAY_FILE, code, configFolderWith, Context, folderFiles, MULTI_CLUSTER_GATEWAY_FILE, RunbookSection, sh, unique } from './shared';
import { loadBalancerPlaintextNote } from './load-balancer-mtls';
import { concreteHost, curlCommand, gatewayAddressesCommand, gatewayProgrammedCommand, serviceImportWaitCommand } from './wait-commands';

/**
 * GKE Gateways: a multi-cluster one's ServiceImports (in the config cluster), a single-cluster
 * one in its own cluster; Programmed, addresses, then a curl per route rule.
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
    const port = g.port === 80 ? '' : `:${g.port}`;
    const curls = g.routes.flatMap((r) =>
      r.rules.map((rule) =>
        curlCommand(`\${GATEWAY_ADDRESS}${port}`, resolveGatewayRouteRule(rule).matches[0]?.path?.value ?? '/', r.hostnames.length > 0 ? concreteHost(r.hostnames[0]) : undefined),
      ),
    );
    if (curls.length === 0) return;
    const where = g.className.includes('-internal-')
      ? `${g.name} is internal (${code(g.className)}): its addresses are reachable only inside the VPC network ${code(
          ctx.model.network.name,
        )}. From a VM or a pod in that network, with ${code('GATEWAY_ADDRESS')} set to one of the addresses printed above,`
      : `From anywhere, with ${code('GATEWAY_ADDRESS')} set to one of the addresses printed above,`;
    const redirects = rules.some((rule) => rule.redirect !== undefined);
    parts.push(
      `${where} one request per route rule, each answering 200${redirects ? ' (a redirect rule: its redirect status, 302 unless it sets statusCode)' : ''}.`,
      sh(unique(curls)),
    );
  });
  parts.push(loadBalancerPlaintextNote(ctx));
  return { title: placed.every((p) => p.multi) ? 'Check: multi-cluster Gateway' : 'Check: GKE Gateways', lines: blocks(...parts) };
}
