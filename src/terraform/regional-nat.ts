import { Construct } from 'constructs';
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';

/** Props of {@link RegionalNat}. */
export interface RegionalNatProps {
  readonly region: string;
  /** VPC network name or self link. */
  readonly network: string;
  /**
   * Which NAT events are logged.
   * @default "ALL"
   */
  readonly logFilter?: string;
}

/**
 * Egress for private nodes of one region: a reserved external address `<region>-nat-ip`, the
 * Cloud Router `rtr-<region>` and the Cloud NAT `nat-gw-<region>` that uses only that address
 * for all subnet ranges, with logging on. The address is stable, so it can be allow-listed
 * (the control-plane authorized networks use it).
 */
export class RegionalNat extends Construct {
  /** The reserved NAT address. */
  public readonly address: ComputeAddress;
  public readonly router: ComputeRouter;
  public readonly nat: ComputeRouterNat;

  constructor(scope: Construct, id: string, props: RegionalNatProps) {
    super(scope, id);
    const { region, network } = props;
    this.address = new ComputeAddress(this, 'address', {
      name: `${region}-nat-ip`,
      region,
      addressType: 'EXTERNAL',
      description: `Cloud NAT egress address of ${region} (meshfleet)`,
    });
    this.router = new ComputeRouter(this, 'router', { name: `rtr-${region}`, region, network });
    this.nat = new ComputeRouterNat(this, 'nat', {
      name: `nat-gw-${region}`,
      region,
      router: this.router.name,
      natIpAllocateOption: 'MANUAL_ONLY',
      natIps: [this.address.selfLink],
      sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      logConfig: { enable: true, filter: props.logFilter ?? 'ALL' },
    });
  }
}
