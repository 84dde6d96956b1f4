import { GatewayApiChannel, isGkeCluster, ResolvedCluster, ResolvedTopology } from '../topology/model/types';
import { Problem, problem } from '../topology/rules/problems';
import type { FleetPlan, PlannedFile } from './types';

/*
 * The Gateway API on each cluster: which of its CRDs a cluster folder needs (from the objects
 * the plan puts into it), the channel GKE installs them from (`gateway_api_config`), and the
 * check that no cluster gets Gateway API objects while the topology turns the API off.
 */

/** API group of the Gateway API kinds. */
const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** The CRD of a Gateway API kind: its plural (every Gateway API kind takes an `s`) and the group, e.g. `httproutes.gateway.networking.k8s.io`. */
function crdOf(kind: string): string {
  return `${kind.toLowerCase()}s.${GATEWAY_API_GROUP}`;
}

/** The Gateway API kinds of the kustomized files of a cluster, in the order they first appear. */
function gatewayApiKindsOf(files: readonly PlannedFile[]): string[] {
  const kinds = files.filter((f) => f.kustomized).flatMap((f) => f.objects.filter((o) => o.apiVersion.split('/')[0] === GATEWAY_API_GROUP).map((o) => o.kind));
  return [...new Set(kinds)];
}

/**
 * The Gateway API CRDs that the kustomized files of a cluster need (one per kind of their
 * `gateway.networking.k8s.io` objects), sorted; empty when the folder holds no such object.
 */
export function gatewayApiCrdsOf(files: readonly PlannedFile[]): string[] {
  return gatewayApiKindsOf(files).map(crdOf).sort();
}

/**
 * The Gateway API channel GKE installs on a GKE cluster: the topology's, with `auto` taking
 * `standard` when the cluster's folder needs Gateway API CRDs and `disabled` otherwise.
 * Undefined for an external cluster (no Terraform; the runbook installs the CRDs it needs).
 */
export function gatewayApiChannelOf(cluster: ResolvedCluster, crds: readonly string[]): GatewayApiChannel | undefined {
  if (!isGkeCluster(cluster)) return undefined;
  if (cluster.gatewayApi !== 'auto') return cluster.gatewayApi;
  return crds.length > 0 ? 'standard' : 'disabled';
}

/**
 * Clusters whose folder holds Gateway API objects while the topology sets `gatewayApi: disabled`:
 * GKE would not install the CRDs, and `kubectl apply` fails on kinds the cluster does not know.
 */
export function checkPlanGatewayApi(model: ResolvedTopology, plan: FleetPlan): Problem[] {
  const problems: Problem[] = [];
  plan.clusters.forEach((planned, k) => {
    const cluster = model.clusters[k];
    if (!isGkeCluster(cluster) || cluster.gatewayApi !== 'disabled' || planned.gatewayApiCrds.length === 0) return;
    const kinds = gatewayApiKindsOf(planned.files);
    problems.push(
      problem(
        `clusters[${k}].gatewayApi`,
        `cluster ${cluster.name} gets Gateway API objects (${kinds.join(', ')}), whose CRDs GKE installs only with the Gateway API on`,
        'disabled',
        '"standard", "experimental" or "auto" (the default)',
      ),
    );
  });
  return problems;
}
