/**
 * What the static analysis of `meshfleet validate` reports: one finding per problem in the
 * synthesized objects, tied to the object and the field it concerns.
 */

/** How bad a finding is: `error` fails `meshfleet validate` (exit 1), the others only inform. */
export type Severity = 'error' | 'warning' | 'info';

/** One problem found in the synthesized Kubernetes objects or Terraform stacks. */
export interface Finding {
  /** Stable identifier of the check, e.g. `IST0101` (istioctl analyze's code) or `GW001`. */
  readonly code: string;
  readonly severity: Severity;
  /** Cluster whose objects hold the problem; for a Terraform-only finding the stack, as `terraform/<stack>`; for a GitOps object its file, as `gitops/argocd/applicationset.yaml`. */
  readonly cluster: string;
  /** The object, as `Kind namespace/name` (`Kind name` for cluster-scoped objects and Terraform resources). */
  readonly object: string;
  /** Dotted field path into the object, e.g. `spec.http[0].route[0].destination.subset`. */
  readonly path: string;
  /** What is wrong, with the value found and what is expected. */
  readonly message: string;
}

/** Every severity, worst first. */
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Orders findings by cluster, object, path, then code (and message, so equal keys stay stable). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const key = (f: Finding): string[] => [f.cluster, f.object, f.path, f.code, f.message];
  return [...findings].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    }
    return 0;
  });
}

/** One finding as a line: `<severity> <code> <cluster> <object> <path>: <message>`. */
export function formatFinding(finding: Finding): string {
  return `${finding.severity} ${finding.code} ${finding.cluster} ${finding.object} ${finding.path}: ${finding.message}`;
}

/** Counts per severity, e.g. `1 error, 2 warnings, 0 infos`. */
export function countFindings(findings: readonly Finding[]): string {
  const count = (severity: Severity): number => findings.filter((f) => f.severity === severity).length;
  return SEVERITIES.map((severity) => {
    const n = count(severity);
    return `${n} ${severity}${n === 1 ? '' : 's'}`;
  }).join(', ');
}

/** True when any finding is an error. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
