import { EastWestGateway, EastWestGatewayProps } from '../../src/k8s/east-west-gateway';
import { synthChart } from './helpers';
import { SEED_004, parseManifests } from './seed-manifests';

const gatewayOf = (props: EastWestGatewayProps) => {
  const objects = synthChart((c) => new EastWestGateway(c, 'ew', props));
  expect(objects).toHaveLength(1);
  return objects[0];
};

describe('EastWestGateway', () => {
  const iop = gatewayOf({ network: 'network1' });
  const [gw] = iop.spec.components.ingressGateways;

  test("seed 004: gen-eastwest-gateway.sh's IstioOperator exactly", () => {
    expect(iop).toEqual(parseManifests(SEED_004.eastwestGateway)[0]);
  });

  test('IstioOperator eastwest, revision "" and profile empty without a revision', () => {
    expect(iop.apiVersion).toBe('install.istio.io/v1alpha1');
    expect(iop.kind).toBe('IstioOperator');
    expect(iop.metadata).toEqual({ name: 'eastwest' });
    expect(iop.spec.revision).toBe('');
    expect(iop.spec.profile).toBe('empty');
    expect(iop.spec.components.ingressGateways).toHaveLength(1);
  });

  test('one enabled gateway istio-eastwestgateway with the istio, app and network labels', () => {
    expect(gw.name).toBe('istio-eastwestgateway');
    expect(gw.enabled).toBe(true);
    expect(gw.label).toEqual({ istio: 'eastwestgateway', app: 'istio-eastwestgateway', 'topology.istio.io/network': 'network1' });
  });

  test('ISTIO_META_REQUESTED_NETWORK_VIEW is the network', () => {
    expect(gw.k8s.env).toEqual([{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: 'network1' }]);
  });

  test('the four ports with their target ports, and no load balancer IP by default', () => {
    expect(gw.k8s.service).toEqual({
      ports: [
        { name: 'status-port', port: 15021, targetPort: 15021 },
        { name: 'tls', port: 15443, targetPort: 15443 },
        { name: 'tls-istiod', port: 15012, targetPort: 15012 },
        { name: 'tls-webhook', port: 15017, targetPort: 15017 },
      ],
    });
  });

  test('gateway injection template and the global network', () => {
    expect(iop.spec.values).toEqual({ gateways: { 'istio-ingressgateway': { injectionTemplate: 'gateway' } }, global: { network: 'network1' } });
  });

  test('revision, another network and a load balancer IP', () => {
    const other = gatewayOf({ network: 'network2', revision: '1-29-6', loadBalancerIp: '203.0.113.20' });
    const [g] = other.spec.components.ingressGateways;
    expect(other.spec.revision).toBe('1-29-6');
    expect(g.label['topology.istio.io/network']).toBe('network2');
    expect(g.k8s.env).toEqual([{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: 'network2' }]);
    expect(g.k8s.service.loadBalancerIP).toBe('203.0.113.20');
    expect(g.k8s.service.ports).toHaveLength(4);
    expect(other.spec.values.global).toEqual({ network: 'network2' });
  });
});
