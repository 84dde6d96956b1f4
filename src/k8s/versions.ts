import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DestinationRuleSpecSubsets, VirtualServiceSpecHttpRoute } from '../../imports/networking.istio.io';
import { assume } from '../topology/rules/assume';
import { VersionWeight, versionSplitOf } from '../topology/resolve/traffic-split';
import { IstioApiVersion, ResolvedWorkload } from '../topology/model/types';
import { newDestinationRule, newVirtualService } from './istio-api';
import { deploymentSelector, overridesOf, podTemplateOf, replicasOf } from './pod-template';

/**
 * HTTP route destinations of a traffic split, in version order, to subsets of `host` (on `port`
 * when given). Versions at weight 0 get no destination; a single version that takes all the
 * traffic is routed without a `weight` field (a canary at 0 or 100, as in the seed's steps).
 * @throws AssumptionError when the weights are not integers from 0 to 100 summing to 100 (the rules refuse such topologies)
 */
export function versionRoutes(host: string, split: readonly VersionWeight[], port?: number): VirtualServiceSpecHttpRoute[] {
  const sum = split.reduce((total, v) => total + v.weight, 0);
  const integers = split.every((v) => Number.isInteger(v.weight) && v.weight >= 0 && v.weight <= 100);
  assume(sum === 100 && integers, 'versions.weights', `traffic split of ${host}: weights ${split.map((v) => String(v.weight)).join(', ')} are not integers from 0 to 100 summing to 100`);
  const to = (subset: string) => ({ host, ...(port === undefined ? {} : { port: { number: port } }), subset });
  const routed = split.filter((v) => v.weight > 0);
  if (routed.length === 1) return [{ destination: to(routed[0].version) }];
  return routed.map((v) => ({ destination: to(v.version), weight: v.weight }));
}

/**
 * DestinationRule subsets (`version` label = subset name), in version order. With `versions`:
 * every version, even at weight 0, so that a later shift only changes the VirtualService and
 * a subset always exists before a route sends traffic to it. With the `canary` shorthand (as
 * before): the stable version, and the canary once it gets traffic.
 */
export function versionSubsets(w: ResolvedWorkload): DestinationRuleSpecSubsets[] {
  const split = versionSplitOf(w);
  const kept = w.canary === undefined ? split : split.filter((v, k) => k === 0 || v.weight > 0);
  return kept.map((v) => ({ labels: { version: v.version }, name: v.version }));
}

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
   * Emit the DestinationRule and VirtualService: true wherever the workload's Service is,
   * so that callers in every cluster split the traffic the same way.
   * @default true
   */
  readonly routing?: boolean;
}

/**
 * The versions of a workload and the traffic split over them (seed 002's canary, Istio's
 * bookinfo `reviews` v1/v2/v3). The first version is the workload's own Deployment (`Workload`).
 *
 * - One Deployment `<name>-<version>` per further version, built from the workload's pod
 *   template with the version's image, env, replicas and labels and its `version` label;
 *   selector from `deploymentSelector` (`app: <name>`, plus `version` with
 *   `selectorIncludesVersion`). Emitted whatever the weight, so a shift back keeps the pods
 *   warm. Low-level `KubeDeployment` (see `Workload` for why).
 * - DestinationRule `destinationRuleName`: host `<name>`, subsets from {@link versionSubsets}.
 * - VirtualService `virtualServiceName`: hosts `[<name>]`, one http route from {@link versionRoutes}.
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
            metadata: { name: `${w.name}-${v.name}`, namespace: props.namespace },
            spec: {
              ...replicasOf(w, v.replicas),
              selector: { matchLabels: deploymentSelector(w, v.name) },
              template: podTemplateOf(w, overridesOf(v)),
            },
          }),
      );
    }

    if (props.routing ?? true) {
      this.destinationRule = newDestinationRule(this, 'DestinationRule', props.istioApiVersion, {
        metadata: { name: w.destinationRuleName, namespace: props.namespace },
        spec: { host: w.name, subsets: versionSubsets(w) },
      });
      this.virtualService = newVirtualService(this, 'VirtualService', props.istioApiVersion, {
        metadata: { name: w.virtualServiceName, namespace: props.namespace },
        spec: { hosts: [w.name], http: [{ route: versionRoutes(w.name, versionSplitOf(w)) }] },
      });
    }
  }
}
