import { ResolvedAppSecret, ResolvedTopology, ResolvedWorkload } from '../model/types';

/** An app Secret and the clusters that need it. */
export interface SecretPlacement {
  readonly namespace: string;
  readonly secret: ResolvedAppSecret;
  /** Clusters running a workload that uses the Secret, in topology order. */
  readonly clusters: readonly string[];
}

/** Whether a workload's pods read the Secret (a volume, an `env` key or `envFrom`). */
export function usesSecret(w: ResolvedWorkload, secret: string): boolean {
  return (
    w.volumes.some((v) => v.secret?.name === secret) ||
    w.envFrom.some((e) => e.secret === secret) ||
    Object.values(w.env).some((value) => typeof value !== 'string' && value.secretKeyRef?.name === secret)
  );
}

/**
 * Every app Secret (which meshfleet never writes) with the clusters that must hold it: those
 * running a workload that uses it. Secrets no workload uses are left out.
 */
export function secretPlacementsOf(model: ResolvedTopology): SecretPlacement[] {
  return model.apps.flatMap((app) =>
    app.secrets
      .map((secret) => ({
        namespace: app.namespace,
        secret,
        clusters: model.clusters.map((c) => c.name).filter((cluster) => app.workloads.some((w) => w.clusters.includes(cluster) && usesSecret(w, secret.name))),
      }))
      .filter((p) => p.clusters.length > 0),
  );
}
