import { ClusterAdminBinding } from '../../src/k8s/cluster-admin-binding';
import { synthChart } from './helpers';
import { validateObjects } from './schema';

describe('ClusterAdminBinding', () => {
  test("what seed 001's kubectl create clusterrolebinding cluster-admin-binding --clusterrole=cluster-admin --user=... creates", () => {
    const objects = synthChart((c) => new ClusterAdminBinding(c, 'admin', { user: 'admin@example.com' }));
    expect(objects).toEqual([
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'cluster-admin-binding' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'admin@example.com' }],
      },
    ]);
    validateObjects(objects);
  });

  test('another name', () => {
    const [binding] = synthChart((c) => new ClusterAdminBinding(c, 'admin', { user: 'ops@example.com', name: 'mesh-installer' }));
    expect(binding.metadata).toEqual({ name: 'mesh-installer' });
    expect(binding.subjects[0].name).toBe('ops@example.com');
  });
});
