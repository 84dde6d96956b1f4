/**
 * `meshfleet validate`'s offline API-server checks: every synthesized object of every cluster
 * (and the GitOps objects) is checked as the API server would on `kubectl apply`, without a
 * cluster: custom resources against the vendored CRD version their apiVersion names (structural
 * schema and `x-kubernetes-validations` CEL rules), every object's metadata and the built-in
 * kinds' own validation. What it cannot see: admission webhooks and policies, transition rules,
 * quota and what other objects already hold in the cluster.
 *
 * `synth` does not run these checks, though they are cheap (~0.1 s on the default example): it
 * refuses only through topology rules, with a path into the topology; a finding here is a
 * renderer defect or a missing topology rule, and `validate` is where it is reported.
 *
 * Codes:
 * - API001 error: a schema value validation fails (type, required, enum, pattern, limits, list keys).
 * - API002 warning: an unknown field, which the API server prunes (or refuses with strict field validation).
 * - API003 error: a CEL rule is false. API004 error: a CEL rule errors at run time (also a rejection).
 * - API005 info: a CEL rule the offline evaluator cannot run. API006 error: the CRD does not serve the apiVersion.
 * - API007 info: no vendored CRD for the kind (the object is not schema-checked).
 * - K8S001..K8S012: built-in validation (see builtin-checks.ts).
 */
import { Finding } from '../findings';
import { AnalysisInput, describeObject, groupOf, KubeObject, stringAt } from '../objects';
import { builtinChecks } from './builtin-checks';
import { CrdRegistry, projectCrdRegistry } from './crd-registry';
import { checkAgainstSchema, SchemaIssue } from './schema-check';

/** API groups of built-in kinds: no CRD, checked by builtinChecks only. */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'policy',
  'autoscaling',
  'rbac.authorization.k8s.io',
  'networking.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'node.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
]);

const ISSUE_CODES: Readonly<Record<SchemaIssue['kind'], { readonly code: string; readonly severity: Finding['severity'] }>> = {
  invalid: { code: 'API001', severity: 'error' },
  'unknown-field': { code: 'API002', severity: 'warning' },
  rule: { code: 'API003', severity: 'error' },
  'rule-error': { code: 'API004', severity: 'error' },
  'rule-skipped': { code: 'API005', severity: 'info' },
};

/** The findings of one object of `cluster`. */
export function checkObject(object: KubeObject, cluster: string, registry: CrdRegistry = projectCrdRegistry()): Finding[] {
  const described = describeObject(object);
  const finding = (code: string, severity: Finding['severity'], path: string, message: string): Finding => ({ code, severity, cluster, object: described, path, message });
  const findings = builtinChecks(object).map((issue) => finding(issue.code, issue.severity, issue.path, issue.message));
  const group = groupOf(object);
  if (BUILTIN_GROUPS.has(group)) return findings;
  const kind = stringAt(object, 'kind') ?? '';
  const apiVersion = stringAt(object, 'apiVersion') ?? '';
  const crd = registry.lookup(group, kind);
  if (crd === undefined) return [...findings, finding('API007', 'info', 'apiVersion', `no vendored CRD for ${kind} in ${group || 'the core group'}: not checked against a schema`)];
  const version = crd.versions.find((v) => v.name === apiVersion.slice(group.length + 1));
  if (version === undefined || !version.served) {
    const served = crd.versions.filter((v) => v.served).map((v) => `${group}/${v.name}`);
    return [...findings, finding('API006', 'error', 'apiVersion', `${crd.file} does not serve ${apiVersion} for ${kind}; it serves ${served.join(', ')}`)];
  }
  for (const issue of checkAgainstSchema(object, version.schema)) {
    const { code, severity } = ISSUE_CODES[issue.kind];
    findings.push(finding(code, severity, issue.path, issue.message));
  }
  return findings;
}

/** The offline API-server findings of every cluster's objects and of the GitOps objects (reported under their file, `gitops/...`). */
export function apiServerChecks(input: AnalysisInput): Finding[] {
  const registry = projectCrdRegistry();
  const scopes: Array<[string, readonly KubeObject[]]> = [...Object.entries(input.clusters), ...Object.entries(input.gitops ?? {})];
  return scopes.flatMap(([cluster, objects]) => objects.flatMap((object) => checkObject(object, cluster, registry)));
}
