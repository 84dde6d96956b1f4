import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ServiceTrafficIntent } from '../plan/traffic/intent';
import { IstioApiVersion, ResolvedWorkload } from '../topology/model/types';
import { renderIstioMeshRouting } from './mesh-route';
import { deploymentSelector, overridesOf, podLabels, podTemplateOf, replicasOf } from './pod-template';

/** Properties of a {@link WorkloadVersions}. */
export interface WorkloadVersionsProps {
  /** The app namespace. */
  readonly namespace: string;
  /** The workload (with `versions`, or `version` and `canary`) from the resolved topology. */
  readonly workload: ResolvedWorkload;
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
  /**
   * Emit the Deployments of the versions after the first: true where the stable pods run.
   * @default true
   */
  readonly pods?: boolean;
  /**
   * The workload's traffic intent, whose in-mesh split (`mesh`, source `split`) gets its
   * DestinationRule and VirtualService here: given wherever the workload's Service is (istio
   * routing, no explicit route), so that callers in every cluster split the traffic the same way.
   * @default none (no routing objects)
   */
  readonly traffic?: ServiceTrafficIntent;
  /**
   * Annotate the pods `sidecar.istio.io/nativeSidecar: "true"`: the mesh injects its proxy as a
   * native sidecar, running before the init containers.
   * @default false
   */
  readonly nativeSidecar?: boolean;
}

/**
 * The versions of a workload and the traffic split over them (seed 002's canary, Istio's
 * bookinfo `reviews` v1/v2/v3). The first version is the workload's own Deployment (`Workload`).
 *
 * - One Deployment `<name>-<version>` per further version, built from the workload's pod
 *   template with the version's image, env, replicas and labels and its `version` label,
 *   labelled `app: <name>, version: <version>` itself;
 *   selector from `deploymentSelector` (`app: <name>`, plus `version` with
 *   `selectorIncludesVersion`). Emitted whatever the weight, so a shift back keeps the pods
 *   warm. Low-level `KubeDeployment` (see `Workload` for why).
 * - With `traffic`: DestinationRule `destinationRuleName` (host `<name>`, one subset per
 *   version of the split) and VirtualService `virtualServiceName` (hosts `[<name>]`, one http
 *   route over the versions with traffic), see `renderIstioMeshRouting`.
 */
export class WorkloadVersions extends Construct {
  /** The Deployments of the versions after the first, when emitted. @default [] */
  public readonly deployments: readonly k8s.KubeDeployment[] = [];
  /** The DestinationRule, when emitted. */
  public readonly destinationRule?: ApiObject;
  /** The VirtualService, when emitted. */
  public readonly virtualService?: ApiObject;

  public constructor(scope: Construct, id: string, props: WorkloadVersionsProps) {
    super(scope, id);
    const w = props.workload;

    if (props.pods ?? true) {
      this.deployments = w.versions.slice(1).map(
        (v) =>
          new k8s.KubeDeployment(this, `Deployment-${v.name}`, {
            metadata: { name: `${w.name}-${v.name}`, namespace: props.namespace, labels: podLabels(w.name, v.name) },
            spec: {
              ...replicasOf(w, v.replicas),
              selector: { matchLabels: deploymentSelector(w, v.name) },
              template: podTemplateOf(w, overridesOf(v), props.nativeSidecar === true),
            },
          }),
      );
    }

    if (props.traffic !== undefined) {
      const objects = renderIstioMeshRouting(this, props.namespace, props.traffic, props.istioApiVersion);
      this.destinationRule = objects.destinationRule;
      this.virtualService = objects.virtualService;
    }
  }
}
