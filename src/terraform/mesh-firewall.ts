import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';

/** Props of {@link MeshFirewall}. */
export interface MeshFirewallProps {
  /** VPC network name or self link. */
  readonly network: string;
  /** Pod ranges and control-plane ranges allowed in. */
  readonly sourceRanges: readonly string[];
  /**
   * Service accounts of the instances the rule applies to: the GKE node service account, so
   * the rule opens the mesh clusters' nodes and pods and no other VM of the network.
   */
  readonly targetServiceAccounts: readonly string[];
  /**
   * Rule name.
   * @default "all-pods-and-master-ipv4-cidrs"
   */
  readonly name?: string;
  /**
   * What the rule waits for, such as the Compute Engine API being enabled.
   * @default nothing
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** Firewall Rules Logging records every field of a connection (CIS Google Cloud Platform Foundation Benchmark, firewall rule logging). */
export const FIREWALL_LOG_METADATA = 'INCLUDE_ALL_METADATA';

/**
 * Allows pod-to-pod traffic between clusters (distributed services) and traffic from the
 * control planes (mesh service discovery, webhooks) on every protocol, to the instances that
 * run as the node service account only, with Firewall Rules Logging on (all metadata).
 */
export class MeshFirewall extends Construct {
  public readonly rule: ComputeFirewall;

  constructor(scope: Construct, id: string, props: MeshFirewallProps) {
    super(scope, id);
    this.rule = new ComputeFirewall(this, 'rule', {
      name: props.name ?? 'all-pods-and-master-ipv4-cidrs',
      network: props.network,
      direction: 'INGRESS',
      allow: [{ protocol: 'all' }],
      sourceRanges: [...props.sourceRanges],
      targetServiceAccounts: [...props.targetServiceAccounts],
      logConfig: { metadata: FIREWALL_LOG_METADATA },
      description: 'Pod-to-pod and control-plane-to-pod traffic of the mesh clusters (meshfleet)',
      dependsOn: props.dependsOn === undefined ? undefined : [...props.dependsOn],
    });
  }
}
