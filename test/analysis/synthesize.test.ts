import * as path from 'node:path';
import { topologyFacts } from '../../src/analysis/synthesize';
import { loadTopologyFile } from '../../src/load/load';

const example = (name: string) => loadTopologyFile(path.join(__dirname, '..', '..', 'examples', `${name}.yaml`));

describe('topologyFacts', () => {
  test('mesh members, the config cluster and where the topology deploys', () => {
    expect(topologyFacts(example('private-asm-multicluster'))).toEqual({
      meshClusters: ['gke-west-priv', 'gke-central-priv'],
      externalClusters: [],
      deployedClusters: ['gke-west-priv', 'gke-central-priv', 'gke-ingress'],
      configCluster: 'gke-ingress',
    });
  });

  test('external clusters', () => {
    expect(topologyFacts(example('asm-onprem-vmware'))).toEqual({ meshClusters: ['cluster1'], externalClusters: ['cluster1'], deployedClusters: ['cluster1'] });
  });

  test('without a mesh, the clusters that run workloads', () => {
    expect(topologyFacts(example('multicluster-gateway-blue-green'))).toEqual({
      meshClusters: [],
      externalClusters: [],
      deployedClusters: ['gke-west-1', 'gke-west-2'],
      configCluster: 'gke-west-1',
    });
  });
});
