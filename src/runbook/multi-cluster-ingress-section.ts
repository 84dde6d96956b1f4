import { blocks, code, configFolderWith, Context, MULTI_CLUSTER_INGRESS_FILE, RunbookSection, sh, unique } from './shared';
import { loadBalancerPlaintextNote } from './load-balancer-mtls';
import { concreteHost, curlCommand, mciVipCommand, nonEmptyWaitCommand } from './wait-commands';

/** Multi-cluster ingress: wait for the VIP, then curl through it with the VirtualServices' hosts. */
export function multiClusterIngressSection(ctx: Context): RunbookSection | undefined {
  const mci = ctx.model.multiClusterIngress;
  const config = configFolderWith(ctx, MULTI_CLUSTER_INGRESS_FILE);
  if (mci === undefined || config === undefined) return undefined;
  const vip = mciVipCommand(config, mci.namespace, mci.name);
  // Seed 000's shape: the load balancer port is the service port; the general shape listens on 80.
  const seedPort = mci.meshGateway ? (mci.defaultBackend?.port ?? 80) : 80;
  const port = seedPort === 80 ? '' : `:${seedPort}`;
  const ruleHosts = mci.rules.flatMap((r) => (r.host === undefined ? [] : [r.host]));
  const exposed = ruleHosts.length > 0 ? ruleHosts : ctx.model.apps.flatMap((app) => app.workloads.flatMap((w) => (w.expose === undefined ? [] : [w.expose.hosts[0]])));
  const hosts = unique((exposed.length === 0 ? ['*'] : exposed).map((h) => concreteHost(h)));
  return {
    title: 'Check: multi-cluster ingress',
    lines: blocks(
      mci.meshGateway
        ? `The MultiClusterIngress ${code(`${mci.namespace}/${mci.name}`)} gets its VIP a few minutes after ${config}'s folder is applied; the load balancer needs some more minutes before it answers 200 (404 or 502 until the ingress gateways of every cluster pass its health check). The ingress gateway routes by Host header, as the VirtualServices say:`
        : `The MultiClusterIngress ${code(`${mci.namespace}/${mci.name}`)} gets its VIP a few minutes after ${config}'s folder is applied; the load balancer needs some more minutes before it answers 200 (404 or 502 until the backends of every cluster pass their health checks). It routes by Host header, as its host rules say${mci.preSharedCerts.length > 0 ? ` (HTTPS answers once the certificates are provisioned, which needs the hosts' DNS to point at the VIP)` : ''}:`,
      loadBalancerPlaintextNote(ctx),
      sh([nonEmptyWaitCommand(vip, 30), `MCI_VIP="$(${vip})"`, ...hosts.map((host) => curlCommand(`\${MCI_VIP}${port}`, '/', host))]),
    ),
  };
}
