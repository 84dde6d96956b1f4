/**
 * The HTTPS multi-cluster Gateway example on the Terraform side: its reserved global external
 * address and the output holding its IP, made by the same network-stack code as the
 * MultiClusterIngress's address.
 */
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { example, resourcesOf, synthStacks } from './helpers';

describe('multicluster-gateway-https: network stack', () => {
  const net = synthStacks(example('multicluster-gateway-https')).network;

  test('reserves the global external address the Gateway names', () => {
    expect(resourcesOf(net, ComputeGlobalAddress.tfResourceType)).toEqual([
      expect.objectContaining({
        name: 'store-ip',
        address_type: 'EXTERNAL',
        ip_version: 'IPV4',
        description: 'Address of the multi-cluster Gateway store/external-https (meshfleet)',
      }),
    ]);
  });

  test('outputs its IP (gateway_ip_<address>) for DNS', () => {
    expect(JSON.parse(net).output.gateway_ip_store_ip).toEqual({
      description: 'IP of the multi-cluster Gateway store/external-https (point its DNS names here)',
      value: '${google_compute_global_address.gateway-global-address-store-ip.address}',
    });
  });
});
