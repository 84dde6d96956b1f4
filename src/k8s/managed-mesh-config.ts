import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ISTIO_SYSTEM_NAMESPACE, managedMeshConfigName } from '../plan/names';
import { OutboundTrafficPolicy } from '../topology/model/types';

/** Properties of a {@link ManagedMeshConfig}. */
export interface ManagedMeshConfigProps {
  /**
   * Managed control-plane revision, whose ConfigMap is `istio-<revision>`: `asm-managed`
   * (regular channel), `asm-managed-rapid`, `asm-managed-stable`. Google's guide says clusters on
   * the `TRAFFIC_DIRECTOR` control-plane implementation take their customizations from
   * `istio-asm-managed-rapid` whatever their channel: set `mesh.revision: asm-managed-rapid` there.
   * @default `DEFAULT_MANAGED_REVISION` of src/plan/names.ts
   */
  readonly revision?: string;
  /** `outboundTrafficPolicy.mode` of the mesh config. */
  readonly outboundTrafficPolicy: OutboundTrafficPolicy;
}

/**
 * The mesh-config ConfigMap of fleet-managed Cloud Service Mesh, as Google's "Enable optional
 * features on managed control plane" guide writes it: `istio-<revision>` in `istio-system`, key
 * `mesh` holding MeshConfig YAML, here `outboundTrafficPolicy: { mode }`. The managed control
 * plane reads it; meshfleet owns the whole `mesh` key, so other mesh options go into the topology
 * too, not into a hand edit.
 */
export class ManagedMeshConfig extends Construct {
  public readonly configMap: k8s.KubeConfigMap;

  public constructor(scope: Construct, id: string, props: ManagedMeshConfigProps) {
    super(scope, id);
    this.configMap = new k8s.KubeConfigMap(this, 'ConfigMap', {
      metadata: { name: managedMeshConfigName(props.revision), namespace: ISTIO_SYSTEM_NAMESPACE },
      data: { mesh: `outboundTrafficPolicy:\n  mode: ${props.outboundTrafficPolicy}\n` },
    });
  }
}
