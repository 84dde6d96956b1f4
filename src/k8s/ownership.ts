/** Label naming the tool that manages an object (Kubernetes recommended labels). */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** Label naming the higher-level application an object is part of: the topology name. */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';

/** Value of {@link MANAGED_BY_LABEL} on everything meshfleet writes. */
export const MANAGED_BY = 'meshfleet';

/**
 * The labels every Kubernetes object meshfleet writes carries in `metadata.labels` (never in
 * selectors or pod templates): `app.kubernetes.io/managed-by: meshfleet` and
 * `app.kubernetes.io/part-of: <topology name>`, so GitOps tools and
 * `kubectl apply --prune -l app.kubernetes.io/part-of=<name>` find them. A topology name is a
 * valid label value (RFC 1035 name of at most 63 characters, see the topology schema).
 */
export function ownershipLabels(topologyName: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY, [PART_OF_LABEL]: topologyName };
}
