import { ControlPlaneOperator, ControlPlaneOperatorProps, VM_REGISTRATION_ENV } from '../../src/k8s/istio-operator';
import { synthChart } from './helpers';
import { SEED_001, parseManifests } from './seed-manifests';

const operatorOf = (props: ControlPlaneOperatorProps) => {
  const objects = synthChart((c) => new ControlPlaneOperator(c, 'cp', props));
  expect(objects).toHaveLength(1);
  return objects[0];
};

const primary = { controlPlane: 'primary', distribution: 'istio', meshId: 'mesh1', clusterName: 'cluster1', network: 'network1' } as const;
const remote = { ...primary, controlPlane: 'remote', clusterName: 'cluster2', remotePilotAddress: '203.0.113.20' } as const;

describe('ControlPlaneOperator', () => {
  test('seed 001: cluster.yaml exactly (asm-multicloud, asm-186-8, meshID, clusterName, network), named control-plane', () => {
    const [seed] = parseManifests(SEED_001.clusterYaml.replace('MESH_ID', 'proj-123456789012').replace('CLUSTER_NAME', 'cluster1').replace('NETWORK_ID', 'cluster1'));
    const iop = operatorOf({ controlPlane: 'primary', distribution: 'asm', revision: 'asm-186-8', meshId: 'proj-123456789012', clusterName: 'cluster1', network: 'cluster1' });
    expect(iop).toEqual({ ...seed, metadata: { name: 'control-plane' } });
    expect(iop.apiVersion).toBe('install.istio.io/v1alpha1');
    expect(iop.kind).toBe('IstioOperator');
    expect(iop.spec.profile).toBe('asm-multicloud');
    expect(iop.spec.revision).toBe('asm-186-8');
    expect(iop.spec.values.global).toEqual({ meshID: 'proj-123456789012', multiCluster: { clusterName: 'cluster1' }, network: 'cluster1' });
  });

  test('multi-primary (istio): profile default, no revision, only meshID, clusterName and network', () => {
    expect(operatorOf(primary)).toEqual({
      apiVersion: 'install.istio.io/v1alpha1',
      kind: 'IstioOperator',
      metadata: { name: 'control-plane' },
      spec: { profile: 'default', values: { global: { meshID: 'mesh1', multiCluster: { clusterName: 'cluster1' }, network: 'network1' } } },
    });
  });

  test('primary of a primary-remote mesh: values.global.externalIstiod true (upstream Install Primary-Remote)', () => {
    const iop = operatorOf({ ...primary, externalIstiod: true });
    expect(iop.spec.profile).toBe('default');
    expect(iop.spec.values.global).toEqual({ meshID: 'mesh1', multiCluster: { clusterName: 'cluster1' }, network: 'network1', externalIstiod: true });
    expect(iop.spec.values.istiodRemote).toBeUndefined();
  });

  test('remote: profile remote, injectionPath /inject/cluster/<cluster>/net/<network>, remotePilotAddress, meshID/clusterName/network', () => {
    expect(operatorOf(remote)).toEqual({
      apiVersion: 'install.istio.io/v1alpha1',
      kind: 'IstioOperator',
      metadata: { name: 'control-plane' },
      spec: {
        profile: 'remote',
        values: {
          istiodRemote: { injectionPath: '/inject/cluster/cluster2/net/network1' },
          global: { meshID: 'mesh1', multiCluster: { clusterName: 'cluster2' }, network: 'network1', remotePilotAddress: '203.0.113.20' },
        },
      },
    });
  });

  test('remote ignores the distribution (asm remote is profile remote too) and keeps the revision', () => {
    const iop = operatorOf({ ...remote, distribution: 'asm', revision: 'asm-186-8', remotePilotAddress: 'istiod.example.internal' });
    expect(iop.spec.profile).toBe('remote');
    expect(iop.spec.revision).toBe('asm-186-8');
    expect(iop.spec.values.global.remotePilotAddress).toBe('istiod.example.internal');
  });

  test('a remote without remotePilotAddress leaves it out (istioctl install --set gives the reserved address)', () => {
    const iop = operatorOf({ ...remote, remotePilotAddress: undefined });
    expect(iop.spec.profile).toBe('remote');
    expect(iop.spec.values.global).not.toHaveProperty('remotePilotAddress');
  });

  test('VMs register: values.pilot.env auto-registration and health checks (upstream Virtual Machine Installation)', () => {
    const iop = operatorOf({ ...primary, vmRegistration: true });
    expect(iop.spec.values.pilot).toEqual({
      env: { PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION: true, PILOT_ENABLE_WORKLOAD_ENTRY_HEALTHCHECKS: true },
    });
    expect(VM_REGISTRATION_ENV).toEqual(iop.spec.values.pilot.env);
    expect(operatorOf(primary).spec.values.pilot).toBeUndefined();
  });

  test('another metadata.name', () => {
    expect(operatorOf({ ...primary, name: 'istio' }).metadata).toEqual({ name: 'istio' });
  });
});
