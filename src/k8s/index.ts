/**
 * The Kubernetes half of meshfleet: constructs (usable on their own in any cdk8s chart), the
 * per-cluster chart assembly and `synthKubernetes`. The only folder besides imports/ that
 * imports cdk8s and cdk8s-plus-27.
 */
export * from './app-namespace';
export * from './sync-waves';
export * from './versions';
export * from './cluster-admin-binding';
export * from './cluster-charts';
export * from './cross-network-gateway';
export * from './east-west-gateway';
export * from './exported-service';
export * from './exposed-service';
export * from './ingress-gateway';
export * from './istio-api';
export * from './istio-operator';
export * from './istio-system-namespace';
export * from './istiod-exposure';
export * from './istiod-service';
export * from './manifest';
export * from './multi-cluster-gateway';
export * from './multi-cluster-ingress';
export * from './ownership';
export * from './pod-template';
export * from './shared-gateway';
export * from './synth';
export * from './vm-workload';
export * from './workload';
