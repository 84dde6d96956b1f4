import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';

/** Props of {@link ProxyOnlySubnet}. */
export interface ProxyOnlySubnetProps {
  readonly region: string;
  /** VPC network name or self link. */
  readonly network: string;
  /** An unused range, a /23 or larger is recommended. */
  readonly cidr: string;
  /**
   * `GLOBAL_MANAGED_PROXY` for cross-region internal Application Load Balancers,
   * `REGIONAL_MANAGED_PROXY` for regional ones.
   * @default "GLOBAL_MANAGED_PROXY"
   */
  readonly purpose?: 'GLOBAL_MANAGED_PROXY' | 'REGIONAL_MANAGED_PROXY';
  /**
   * What the subnet waits for, such as the Compute Engine API being enabled.
   * @default nothing
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** The active proxy-only subnet `<region>-proxy-only-subnet` that Envoy-based load balancers need. */
export class ProxyOnlySubnet extends Construct {
  public readonly subnet: ComputeSubnetwork;

  constructor(scope: Construct, id: string, props: ProxyOnlySubnetProps) {
    super(scope, id);
    this.subnet = new ComputeSubnetwork(this, 'subnet', {
      name: `${props.region}-proxy-only-subnet`,
      region: props.region,
      network: props.network,
      ipCidrRange: props.cidr,
      purpose: props.purpose ?? 'GLOBAL_MANAGED_PROXY',
      role: 'ACTIVE',
      dependsOn: props.dependsOn === undefined ? undefined : [...props.dependsOn],
    });
  }
}
