import { code, Context, unique } from './shared';

/**
 * The PERMISSIVE exceptions the plan writes for workloads a Google load balancer reaches
 * directly under STRICT mesh mTLS (components `LoadBalancerPlaintext`), as one sentence; empty
 * when there are none. The load balancer sections print it beside their wait for 200s.
 */
export function loadBalancerPlaintextNote(ctx: Context): string {
  const exceptions = unique(
    ctx.plan.clusters.flatMap((cluster) =>
      cluster.files.flatMap((file) =>
        file.components.flatMap((c) => (c.component === 'LoadBalancerPlaintext' ? [`${code(`${ctx.model.apps[c.app].namespace}/${c.name}`)} (ports ${c.ports.join(', ')})`] : [])),
      ),
    ),
  );
  if (exceptions.length === 0) return '';
  return `Mesh mTLS is STRICT, and the load balancer sends plain HTTP and health checks straight to sidecar pods: the PeerAuthentications ${exceptions.join(
    ', ',
  )} make only those ports of those workloads PERMISSIVE, so the backends pass their health checks (set ${code(
    'mesh.allowLoadBalancerPlaintext: false',
  )} to refuse this and front the workloads with the mesh ingress gateway instead).`;
}
