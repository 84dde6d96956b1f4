import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ISTIO_SYSTEM_NAMESPACE } from '../plan/names';

/** Label of the control-plane namespace naming the cluster's Istio network (seed 001). */
export const NETWORK_LABEL = 'topology.istio.io/network';

/**
 * Annotation of a remote cluster's control-plane namespace naming the clusters whose istiod
 * manages it (upstream "Install Primary-Remote", "Set the control plane cluster for cluster2").
 */
export const CONTROL_PLANE_CLUSTERS_ANNOTATION = 'topology.istio.io/controlPlaneClusters';

/** Properties of an {@link IstioSystemNamespace}. */
export interface IstioSystemNamespaceProps {
  /** Istio network of the cluster (`topology.istio.io/network`). */
  readonly network: string;
  /**
   * On a remote cluster (primary-remote model): the primary cluster whose istiod manages it.
   * @default none (a primary cluster: no annotation)
   */
  readonly controlPlaneClusters?: string;
}

/**
 * The core `v1` Namespace `istio-system` of a cluster that meshfleet installs the mesh into:
 *
 * - label `topology.istio.io/network: <network>`, seed 001's
 *   `kubectl label namespace istio-system topology.istio.io/network=NETWORK_ID`;
 * - on a remote cluster, annotation `topology.istio.io/controlPlaneClusters: <primary>`, upstream
 *   primary-remote's `kubectl annotate namespace istio-system ...`;
 * - never a sidecar-injection label (the control plane is not injected), no `spec`.
 *
 * Low-level `KubeNamespace`, as `AppNamespace` (cdk8s-plus' Namespace writes `spec: {}`).
 */
export class IstioSystemNamespace extends Construct {
  /** The Namespace object. */
  public readonly namespace: k8s.KubeNamespace;

  public constructor(scope: Construct, id: string, props: IstioSystemNamespaceProps) {
    super(scope, id);
    const annotations = props.controlPlaneClusters === undefined ? undefined : { [CONTROL_PLANE_CLUSTERS_ANNOTATION]: props.controlPlaneClusters };
    this.namespace = new k8s.KubeNamespace(this, 'Namespace', {
      metadata: {
        name: ISTIO_SYSTEM_NAMESPACE,
        labels: { [NETWORK_LABEL]: props.network },
        ...(annotations === undefined ? {} : { annotations }),
      },
    });
  }
}
