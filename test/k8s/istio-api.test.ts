import { Chart, Testing } from 'cdk8s';
import { IstioKind, istioObjectFactory } from '../../src/k8s/istio-api';

/* The version table of src/k8s/istio-api.ts: every kind, in both versions, with its props as given. */

const GROUPS: Readonly<Record<IstioKind, string>> = {
  VirtualService: 'networking.istio.io',
  DestinationRule: 'networking.istio.io',
  Gateway: 'networking.istio.io',
  ServiceEntry: 'networking.istio.io',
  Sidecar: 'networking.istio.io',
  WorkloadGroup: 'networking.istio.io',
  PeerAuthentication: 'security.istio.io',
  AuthorizationPolicy: 'security.istio.io',
  RequestAuthentication: 'security.istio.io',
};

const PRE_V1: Readonly<Record<IstioKind, string>> = {
  VirtualService: 'v1beta1',
  DestinationRule: 'v1beta1',
  Gateway: 'v1beta1',
  ServiceEntry: 'v1beta1',
  Sidecar: 'v1beta1',
  WorkloadGroup: 'v1alpha3',
  PeerAuthentication: 'v1beta1',
  AuthorizationPolicy: 'v1beta1',
  RequestAuthentication: 'v1beta1',
};

describe.each(Object.keys(GROUPS) as IstioKind[])('%s', (kind) => {
  test.each([
    ['v1', 'v1'],
    ['v1beta1', PRE_V1[kind]],
  ] as const)('mesh version %s: apiVersion %s, the same metadata', (meshVersion, objectVersion) => {
    const chart = new Chart(Testing.app(), 'test');
    const object = istioObjectFactory(kind)(chart, 'object', meshVersion, { metadata: { name: 'x', namespace: 'shop' } });
    expect(object.kind).toBe(kind);
    expect(chart.toJson()).toEqual([{ apiVersion: `${GROUPS[kind]}/${objectVersion}`, kind, metadata: { name: 'x', namespace: 'shop' } }]);
  });
});
