import { Testing } from 'cdktf';
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { RegionalNat } from '../../src/terraform/regional-nat';
import { refTo } from './helpers';

describe('RegionalNat', () => {
  const synth = Testing.synthScope((scope) => {
    new RegionalNat(scope, 'nat', { region: 'us-west2', network: 'default', logFilter: 'ALL' });
  });

  test('reserves a named external address in the region', () => {
    expect(synth).toHaveResourceWithProperties(ComputeAddress, { name: 'us-west2-nat-ip', region: 'us-west2', address_type: 'EXTERNAL' });
  });

  test('creates the Cloud Router rtr-<region> on the network', () => {
    expect(synth).toHaveResourceWithProperties(ComputeRouter, { name: 'rtr-us-west2', region: 'us-west2', network: 'default' });
  });

  test('NATs all subnet ranges through the reserved address only, with logging', () => {
    expect(synth).toHaveResourceWithProperties(ComputeRouterNat, {
      name: 'nat-gw-us-west2',
      region: 'us-west2',
      router: refTo(synth, ComputeRouter.tfResourceType, 'rtr-us-west2', 'name'),
      nat_ip_allocate_option: 'MANUAL_ONLY',
      nat_ips: [refTo(synth, ComputeAddress.tfResourceType, 'us-west2-nat-ip', 'self_link')],
      source_subnetwork_ip_ranges_to_nat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      log_config: { enable: true, filter: 'ALL' },
    });
  });

  test('log filter is configurable', () => {
    const errorsOnly = Testing.synthScope((scope) => {
      new RegionalNat(scope, 'nat', { region: 'us-central1', network: 'vpc', logFilter: 'ERRORS_ONLY' });
    });
    expect(errorsOnly).toHaveResourceWithProperties(ComputeRouterNat, { log_config: { enable: true, filter: 'ERRORS_ONLY' } });
  });
});
