import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { OutboundTrafficPolicy } from '../topology/model/types';

/** Revision of fleet-managed Cloud Service Mesh on the regular channel. */
export const DEFAULT_MANAGED_REVISION = 'asm-managed';

/** Properties of a {@link ManagedMeshConfig}. */
export interface ManagedMeshConfigProps {
  /**
   * Managed control-plane revision, whose ConfigMap is `istio-<revision>`: `asm-managed`
   * (regular channel), `asm-managed-rapid`, `asm-managed-stable`. Google's guide says clusters on
   * the `TRAFFIC_DIRECTOR` control-plane implementation take their customizations from
   * `istio-asm-managed-rapid` whatever their channel: set `mesh.revision: asm-managed-rapid` there.
   * @default {@link DEFAULT_MANAGED_REVISION}
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
      metadata: { name: `istio-${props.revision ?? DEFAULT_MANAGED_REVISION}`, namespace: 'istio-system' },
      data: { mesh: `outboundTrafficPolicy:\n  mode: ${props.outboundTrafficPolicy}\n` },
    });
  }
}
