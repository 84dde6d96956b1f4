import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';

/** Props of {@link RegionalNat}. */
export interface RegionalNatProps {
  readonly region: string;
  /** VPC network name or self link. */
  readonly network: string;
  /** Which NAT events are logged: `ALL`, `ERRORS_ONLY` or `TRANSLATIONS_ONLY`. */
  readonly logFilter: string;
  /**
   * Name of the reserved address.
   * @default "<region>-nat-ip" (seed 000)
   */
  readonly addressName?: string;
  /**
   * Name of the Cloud Router.
   * @default "rtr-<region>" (seed 000)
   */
  readonly routerName?: string;
  /**
   * Name of the Cloud NAT.
   * @default "nat-gw-<region>" (seed 000)
   */
  readonly natName?: string;
  /**
   * What every resource waits for, such as the Compute Engine API being enabled.
   * @default nothing
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Egress for private nodes of one region: a reserved external address, a Cloud Router and a
 * Cloud NAT that uses only that address for all subnet ranges, with logging on. The address is
 * stable, so it can be allow-listed (the control-plane authorized networks use it).
 */
export class RegionalNat extends Construct {
  /** The reserved NAT address. */
  public readonly address: ComputeAddress;
  public readonly router: ComputeRouter;
  public readonly nat: ComputeRouterNat;

  constructor(scope: Construct, id: string, props: RegionalNatProps) {
    super(scope, id);
    const { region, network } = props;
    const dependsOn = props.dependsOn === undefined ? undefined : [...props.dependsOn];
    this.address = new ComputeAddress(this, 'address', {
      name: props.addressName ?? `${region}-nat-ip`,
      region,
      addressType: 'EXTERNAL',
      description: `Cloud NAT egress address of ${region} (meshfleet)`,
      dependsOn,
    });
    this.router = new ComputeRouter(this, 'router', { name: props.routerName ?? `rtr-${region}`, region, network, dependsOn });
    this.nat = new ComputeRouterNat(this, 'nat', {
      name: props.natName ?? `nat-gw-${region}`,
      region,
      router: this.router.name,
      natIpAllocateOption: 'MANUAL_ONLY',
      natIps: [this.address.selfLink],
      sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      logConfig: { enable: true, filter: props.logFilter },
      dependsOn,
    });
  }
}
