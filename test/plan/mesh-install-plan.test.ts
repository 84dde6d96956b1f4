/**
 * The plan's in-cluster mesh install (src/plan/mesh-install-plan.ts): which clusters get the
 * mesh, in which order, with which istioctl inputs, east-west gateway and remote secrets; and
 * its agreement with the files the plan lists.
 */
import { buildPlan } from '../../src/plan/build-plan';
import { EXAMPLES, exampleInput, loadExample, modelOf } from '../k8s/helpers';

describe('planMeshInstall', () => {
  test('a fleet-managed mesh installs nothing in the clusters', () => {
    expect(buildPlan(loadExample(EXAMPLES.privateAsm)).meshInstall).toEqual({ clusters: [] });
  });

  test('primary-remote: the primary exposes istiod through a gateway on a reserved address and holds the remote secret', () => {
    const plan = buildPlan(loadExample(EXAMPLES.primaryRemote));
    expect(plan.meshInstall.clusters).toEqual([
      {
        cluster: 'cluster1',
        controlPlane: 'primary',
        network: 'network1',
        controlPlaneFile: 'mesh-install/control-plane.yaml',
        eastWestGateway: {
          file: 'mesh-install/eastwest-gateway.yaml',
          crossNetwork: false,
          exposeIstiod: true,
          // Both clusters are GKE clusters of the VPC: an internal load balancer, one region.
          loadBalancer: 'internal',
          globalAccess: false,
          reservedAddress: { name: 'istio-primary-remote-cluster1-eastwest', region: 'us-west1', output: 'eastwest-address-cluster1' },
        },
        remoteSecretsFrom: ['cluster2'],
        kubernetes: 'supported',
      },
      { cluster: 'cluster2', controlPlane: 'remote', network: 'network1', controlPlaneFile: 'mesh-install/control-plane.yaml', remoteSecretsFrom: [], kubernetes: 'supported' },
    ]);
  });

  test('install order: the primary first, even when a remote comes first in the topology', () => {
    const input = exampleInput(EXAMPLES.primaryRemote);
    input.clusters.reverse();
    expect(buildPlan(modelOf(input)).meshInstall.clusters.map((c) => `${c.cluster} ${c.controlPlane}`)).toEqual(['cluster1 primary', 'cluster2 remote']);
  });

  test('multi-primary on two networks: every primary has a cross-network gateway and reads every other cluster', () => {
    const plan = buildPlan(loadExample(EXAMPLES.multiPrimary));
    expect(plan.meshInstall.clusters.map((c) => [c.cluster, c.eastWestGateway?.crossNetwork, c.remoteSecretsFrom])).toEqual([
      ['cluster1', true, ['cluster2']],
      ['cluster2', true, ['cluster1']],
    ]);
  });

  test.each([EXAMPLES.asmOnprem, EXAMPLES.multiPrimary, EXAMPLES.primaryRemote])('%s: the install steps name exactly the istioctl inputs the cluster folders hold', (file) => {
    const plan = buildPlan(loadExample(file));
    const byName = (a: { cluster: string }, b: { cluster: string }) => (a.cluster < b.cluster ? -1 : 1);
    const fromFiles = plan.clusters.map((c) => ({ cluster: c.name, files: c.files.filter((f) => !f.kustomized).map((f) => f.path) })).filter((c) => c.files.length > 0);
    const fromSteps = plan.meshInstall.clusters.map((c) => ({
      cluster: c.cluster,
      files: [c.controlPlaneFile, ...(c.eastWestGateway === undefined ? [] : [c.eastWestGateway.file])],
    }));
    expect(fromSteps.sort(byName)).toEqual(fromFiles.sort(byName));
  });
});
