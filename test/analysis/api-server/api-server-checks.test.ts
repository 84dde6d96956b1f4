import { analyze } from '../../../src/analysis/analyze';
import { apiServerChecks, checkObject } from '../../../src/analysis/api-server/api-server-checks';
import { hasErrors } from '../../../src/analysis/findings';
import { inputOf } from '../support';
import { cr } from './support';

const rejectedPolicy = cr('networking.gke.io/v1', 'HealthCheckPolicy', {
  default: { config: { type: 'HTTP', httpHealthCheck: { requestPath: '/health' } } },
  targetRef: { group: 'net.gke.io', kind: 'ServiceImport', name: 'store' },
});

describe('the offline API-server checks in the analysis', () => {
  test('a rejected object makes analyze() report errors with code, cluster, object and path (validate exits 1)', () => {
    const findings = analyze(inputOf({ 'gke-west-1': [rejectedPolicy] }));
    expect(hasErrors(findings)).toBe(true);
    expect(findings.filter((f) => f.code === 'API004')[0]).toEqual({
      code: 'API004',
      severity: 'error',
      cluster: 'gke-west-1',
      object: 'HealthCheckPolicy ns/example',
      path: 'spec.default.config.httpHealthCheck',
      message: 'no such key: portSpecification evaluating rule: for portSpecification being USE_FIXED_PORT, port must be set and portName must be unset',
    });
  });

  test('GitOps objects are reported under their output file', () => {
    const applicationSet = cr('argoproj.io/v1alpha1', 'ApplicationSet', { generators: [], template: { metadata: {}, spec: { project: 'default', destination: {} } }, bogus: 1 });
    const input = { ...inputOf({}), gitops: { 'gitops/argocd/applicationset.yaml': [applicationSet] } };
    expect(apiServerChecks(input).map((f) => [f.cluster, f.code, f.path])).toEqual([['gitops/argocd/applicationset.yaml', 'API002', 'spec.bogus']]);
  });

  test('RBAC names are path segments (a colon is fine), other names DNS-1123 subdomains', () => {
    const binding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'meshfleet:cluster-admin' }, roleRef: {}, subjects: [] };
    expect(checkObject(binding, 'c1')).toEqual([]);
    expect(checkObject({ ...binding, metadata: { name: 'a/b' } }, 'c1').map((f) => f.code)).toEqual(['K8S001']);
    expect(checkObject({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a:b', namespace: 'ns' } }, 'c1').map((f) => f.code)).toEqual(['K8S001']);
  });
});
