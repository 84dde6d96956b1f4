import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DestinationRuleSpecSubsets, VirtualServiceSpecHttpRoute } from '../../imports/networking.istio.io';
import { IstioApiVersion, ResolvedWorkload } from '../topology/types';
import { newDestinationRule, newVirtualService } from './istio-api';
import { podTemplateOf, replicasOf, selectorLabels } from './pod-template';

/** Stable and canary subset names and the canary's traffic share. */
export interface CanarySplit {
  /** Host the routes go to: the workload's Service name. */
  readonly host: string;
  /** Subset (version label) of the stable pods, e.g. `v1`. */
  readonly stable: string;
  /** Subset (version label) of the canary pods, e.g. `v2`. */
  readonly canary: string;
  /** Percent of the traffic sent to the canary, 0..100. */
  readonly weight: number;
  /** Destination port. @default none (the Service's only port) */
  readonly port?: number;
}

/** The split of a workload that has a canary. @throws Error when it has no canary or no stable version */
export function canarySplitOf(w: ResolvedWorkload): CanarySplit {
  if (w.canary === undefined || w.version === undefined) {
    throw new Error(`workload ${w.name}: a canary needs canary settings and the version label of its stable pods`);
  }
  return { host: w.name, stable: w.version, canary: w.canary.version, weight: w.canary.weight };
}

/**
 * HTTP route destinations of a canary split, as in the seed's steps:
 * weight 0 → only the stable subset (no `weight` field; also the rollback);
 * 100 → only the canary subset (promoted); otherwise stable `100 - w` and canary `w`.
 */
export function canaryRoutes(split: CanarySplit): VirtualServiceSpecHttpRoute[] {
  if (!Number.isInteger(split.weight) || split.weight < 0 || split.weight > 100) {
    throw new Error(`canary of ${split.host}: weight ${String(split.weight)} is not an integer from 0 to 100`);
  }
  const to = (subset: string) => ({
    host: split.host,
    ...(split.port === undefined ? {} : { port: { number: split.port } }),
    subset,
  });
  if (split.weight === 0) return [{ destination: to(split.stable) }];
  if (split.weight === 100) return [{ destination: to(split.canary) }];
  return [
    { destination: to(split.stable), weight: 100 - split.weight },
    { destination: to(split.canary), weight: split.weight },
  ];
}

/** DestinationRule subsets: the stable one, and the canary's once it gets traffic. */
export function canarySubsets(split: CanarySplit): DestinationRuleSpecSubsets[] {
  const subset = (name: string) => ({ labels: { version: name }, name });
  return split.weight > 0 ? [subset(split.stable), subset(split.canary)] : [subset(split.stable)];
}

/** Properties of a {@link Canary}. */
export interface CanaryProps {
  /** The app namespace. */
  readonly namespace: string;
  /** The workload (with `version` and `canary`) from the resolved topology. */
  readonly workload: ResolvedWorkload;
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
  /**
   * Emit the canary Deployment: true where the stable pods run.
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
 * A canary release of a workload (seed 002):
 *
 * - Deployment `<name>-<canary version>`, built from the stable pod template with the canary's
 *   image and env overrides and the canary's `version` label; selector `app: <name>` only (as
 *   the seed: both versions' pods stay behind the one Service). Emitted whenever a canary is
 *   declared, whatever its weight, so a rollback keeps the pods warm. Low-level
 *   `KubeDeployment` (see `Workload` for why).
 * - DestinationRule `<name>`: host `<name>`, subsets from {@link canarySubsets}.
 * - VirtualService `<name>`: hosts `[<name>]`, one http route from {@link canaryRoutes}.
 */
export class Canary extends Construct {
  /** The canary Deployment, when emitted. */
  public readonly deployment?: k8s.KubeDeployment;
  /** The DestinationRule, when emitted. */
  public readonly destinationRule?: ApiObject;
  /** The VirtualService, when emitted. */
  public readonly virtualService?: ApiObject;

  public constructor(scope: Construct, id: string, props: CanaryProps) {
    super(scope, id);
    const w = props.workload;
    const split = canarySplitOf(w);
    const canary = w.canary!;

    if (props.pods ?? true) {
      this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
        metadata: { name: `${w.name}-${canary.version}`, namespace: props.namespace },
        spec: {
          ...replicasOf(w),
          selector: { matchLabels: selectorLabels(w.name) },
          template: podTemplateOf(w, { image: canary.image, env: canary.env, version: canary.version }),
        },
      });
    }

    if (props.routing ?? true) {
      const metadata = { name: w.name, namespace: props.namespace };
      this.destinationRule = newDestinationRule(this, 'DestinationRule', props.istioApiVersion, {
        metadata: { ...metadata },
        spec: { host: split.host, subsets: canarySubsets(split) },
      });
      this.virtualService = newVirtualService(this, 'VirtualService', props.istioApiVersion, {
        metadata: { ...metadata },
        spec: { hosts: [split.host], http: [{ route: canaryRoutes(split) }] },
      });
    }
  }
}
