/**
 * The Terraform half of meshfleet for a user's own cdktf app: `addStacks` (every stack of a
 * topology into an `App`), the stacks, and the constructs they are made of (usable on their own
 * in any cdktf stack). The only folder importing @cdktf/provider-google.
 */
export * from './stacks';
export * from './meshfleet-stack';
export * from './network-stack';
export * from './clusters-stack';
export * from './fleet-stack';
export * from './gke-cluster';
export * from './mesh-firewall';
export * from './managed-ssl-certificates';
export * from './multi-cluster-ingress-feature';
export * from './multi-cluster-services-feature';
export * from './node-service-account';
export * from './project-services';
export * from './proxy-only-subnet';
export * from './regional-nat';
export * from './service-mesh-feature';
export * from './synth';
