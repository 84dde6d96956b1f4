import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CONTROL_PLANE_OPERATOR_NAME } from '../plan/names';
import { ISTIO_OPERATOR_API_VERSION } from '../plan/objects';
import { MeshDistribution, OutboundTrafficPolicy } from '../topology/model/types';

/** IstioOperator profile of a primary cluster, by distribution. */
export const PRIMARY_PROFILES: Readonly<Record<MeshDistribution, string>> = {
  /** Seed 001 (Anthos Service Mesh on GKE on VMware). */
  asm: 'asm-multicloud',
  /** Upstream Istio's default profile. */
  istio: 'default',
};

/** IstioOperator profile of a remote cluster (upstream "Install Primary-Remote"). */
export const REMOTE_PROFILE = 'remote';

/**
 * `values.pilot.env` of a control plane that VMs register with, from upstream "Virtual Machine
 * Installation" (istio.io docs/setup/install/virtual-machine, step "Install the Istio control
 * plane": `--set values.pilot.env.PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION=true --set
 * values.pilot.env.PILOT_ENABLE_WORKLOAD_ENTRY_HEALTHCHECKS=true`).
 */
export const VM_REGISTRATION_ENV = {
  PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION: true,
  PILOT_ENABLE_WORKLOAD_ENTRY_HEALTHCHECKS: true,
} as const;

/** Properties of a {@link ControlPlaneOperator}. */
export interface ControlPlaneOperatorProps {
  /**
   * `metadata.name`, for readability (seed 001's `cluster.yaml` has none).
   * @default "control-plane"
   */
  readonly name?: string;
  /** `primary`: the cluster runs istiod; `remote`: it uses the primary's istiod. */
  readonly controlPlane: 'primary' | 'remote';
  /** Chooses a primary's profile ({@link PRIMARY_PROFILES}); a remote's is always `remote`. */
  readonly distribution: MeshDistribution;
  /**
   * Control-plane revision (`spec.revision`), e.g. `asm-186-8`.
   * @default none (the default revision)
   */
  readonly revision?: string;
  /** Mesh ID shared by every cluster (`values.global.meshID`). */
  readonly meshId: string;
  /** Istio cluster name (`values.global.multiCluster.clusterName`). */
  readonly clusterName: string;
  /** Istio network of the cluster (`values.global.network`). */
  readonly network: string;
  /**
   * Primary of a primary-remote mesh: its istiod also serves remote clusters
   * (`values.global.externalIstiod: true`).
   * @default false
   */
  readonly externalIstiod?: boolean;
  /**
   * Remote clusters: where the primary's istiod is reached (`values.global.remotePilotAddress`),
   * i.e. the primary's east-west gateway.
   * @default none: the address is only known after Terraform reserved it, so the install
   * command gives it (`istioctl install --set values.global.remotePilotAddress=...`)
   */
  readonly remotePilotAddress?: string;
  /**
   * VMs register with this istiod: turn on WorkloadEntry auto-registration and health checks
   * ({@link VM_REGISTRATION_ENV} in `values.pilot.env`).
   * @default false
   */
  readonly vmRegistration?: boolean;
  /**
   * `meshConfig.outboundTrafficPolicy.mode`: what sidecars do with traffic to hosts outside the
   * mesh registry.
   * @default none (no meshConfig; Istio's default ALLOW_ANY)
   */
  readonly outboundTrafficPolicy?: OutboundTrafficPolicy;
}

/**
 * The IstioOperator (`install.istio.io/v1alpha1`) that `istioctl install -f` reads to install one
 * cluster's control plane, `metadata.name: control-plane`:
 *
 * - primary: `spec.profile` `asm-multicloud` (asm) or `default` (istio); `spec.revision` when
 *   set; `values.global.meshID`, `.multiCluster.clusterName`, `.network`. With
 *   `distribution: asm` and a revision this is seed 001's `cluster.yaml` field for field.
 * - primary of a primary-remote mesh: also `values.global.externalIstiod: true`, as upstream's
 *   current "Install Primary-Remote" guide (istio.io docs/setup/install/multicluster/primary-remote,
 *   "Configure cluster1 as a primary") writes it.
 * - remote: `spec.profile: remote`, `values.istiodRemote.injectionPath:
 *   /inject/cluster/<cluster>/net/<network>` and `values.global.remotePilotAddress` (when
 *   known at synth time), as the same
 *   guide's "Configure cluster2 as a remote"; plus the revision, meshID, clusterName and network
 *   (which the guide's Helm variant also sets).
 * - with `vmRegistration`: `values.pilot.env` {@link VM_REGISTRATION_ENV}.
 * - with `outboundTrafficPolicy`: `meshConfig.outboundTrafficPolicy.mode`.
 */
export class ControlPlaneOperator extends Construct {
  /** The IstioOperator object. */
  public readonly operator: ApiObject;

  public constructor(scope: Construct, id: string, props: ControlPlaneOperatorProps) {
    super(scope, id);
    const remote = props.controlPlane === 'remote';
    const global = {
      meshID: props.meshId,
      multiCluster: { clusterName: props.clusterName },
      network: props.network,
      ...(props.externalIstiod === true ? { externalIstiod: true } : {}),
      ...(remote && props.remotePilotAddress !== undefined ? { remotePilotAddress: props.remotePilotAddress } : {}),
    };
    this.operator = new ApiObject(this, 'IstioOperator', {
      apiVersion: ISTIO_OPERATOR_API_VERSION,
      kind: 'IstioOperator',
      metadata: { name: props.name ?? CONTROL_PLANE_OPERATOR_NAME },
      spec: {
        profile: remote ? REMOTE_PROFILE : PRIMARY_PROFILES[props.distribution],
        ...(props.revision === undefined ? {} : { revision: props.revision }),
        ...(props.outboundTrafficPolicy === undefined ? {} : { meshConfig: { outboundTrafficPolicy: { mode: props.outboundTrafficPolicy } } }),
        values: {
          ...(remote ? { istiodRemote: { injectionPath: `/inject/cluster/${props.clusterName}/net/${props.network}` } } : {}),
          global,
          ...(props.vmRegistration === true ? { pilot: { env: { ...VM_REGISTRATION_ENV } } } : {}),
        },
      },
    });
  }
}
