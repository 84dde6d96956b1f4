import { gatewayTrafficOf } from '../plan/traffic/resolve';
import { resolveGatewayRouteRule } from '../topology/model/gateway-routes';
import { blocks, code, configFolderWith, Context, MULTI_CLUSTER_GATEWAY_FILE, RunbookSection, sh, unique } from './shared';
import { loadBalancerPlaintextNote } from './load-balancer-mtls';
import { concreteHost, curlCommand, gatewayAddressesCommand, gatewayProgrammedCommand, serviceImportWaitCommand } from './wait-commands';

/** Multi-cluster Gateways: ServiceImports, Programmed, addresses, then a curl per route rule. */
export function gatewaysSection(ctx: Context): RunbookSection | undefined {
  const config = configFolderWith(ctx, MULTI_CLUSTER_GATEWAY_FILE);
  if (config === undefined || ctx.model.gateways.length === 0) return undefined;
  const parts: Array<string | string[]> = [
    `The fleet makes a ServiceImport in every member cluster for each exported Service; each Gateway routes to them and is ${code(
      'Programmed',
    )} once its load balancer exists (often 10 minutes or more). Then print its addresses (one per region):`,
  ];
  ctx.model.gateways.forEach((g, i) => {
    // The ServiceImports the routes reach (per-version ones for a workload that declares versions), from the traffic intent.
    const rules = gatewayTrafficOf(ctx.model, g, i).routes.flatMap((r) => r.rules);
    // As `<namespace> <name>`: a cross-namespace backend's ServiceImport is in its own namespace.
    const backends = unique([
      ...rules.flatMap((rule) => [...rule.backends, ...(rule.mirror !== undefined ? [rule.mirror] : [])]).map((b) => `${b.namespace ?? g.namespace} ${b.service}`),
      ...g.healthChecks.map((h) => `${g.namespace} ${h.backend}`),
      ...g.backendPolicies.map((p) => `${g.namespace} ${p.backend}`),
    ]).map((key) => key.split(' '));
    parts.push(
      sh([
        `# ${g.namespace}/${g.name}`,
        ...backends.map(([namespace, name]) => serviceImportWaitCommand(config, namespace, name)),
        gatewayProgrammedCommand(config, g.namespace, g.name),
        gatewayAddressesCommand(config, g.namespace, g.name),
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
  return { title: 'Check: multi-cluster Gateway', lines: blocks(...parts) };
}
