import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SidecarSpec } from '../../imports/networking.istio.io';
import { APP_SIDECAR_NAME, workloadSidecarName } from '../plan/names';
import { IstioApiVersion, SidecarInput } from '../topology/model/types';
import { newSidecar } from './istio-api';
import { selectorLabels } from './pod-template';

/** Properties of an {@link AppSidecar}. */
export interface AppSidecarProps {
  /** The app namespace. */
  readonly namespace: string;
  /** The app's or the workload's `sidecar`, in Istio's Sidecar shape. */
  readonly sidecar: SidecarInput;
  /**
   * The workload whose pods the Sidecar selects (`workloadSelector.labels: { app: <workload> }`, name `<workload>`).
   * @default none (the namespace's Sidecar `default`)
   */
  readonly workload?: string;
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
}

/**
 * An Istio `Sidecar` (networking.istio.io, typed class from imports/): the namespace-wide one of
 * an app, name `default` ({@link APP_SIDECAR_NAME}) without `workloadSelector`; or a workload's,
 * named after it, `workloadSelector.labels` its selector labels. `spec` is the `sidecar` as
 * written (`egress[].hosts` / `port`, `outboundTrafficPolicy.mode`).
 */
export class AppSidecar extends Construct {
  public readonly sidecar: ApiObject;

  public constructor(scope: Construct, id: string, props: AppSidecarProps) {
    super(scope, id);
    this.sidecar = newSidecar(this, 'Sidecar', props.istioApiVersion, {
      metadata: { name: props.workload === undefined ? APP_SIDECAR_NAME : workloadSidecarName(props.workload), namespace: props.namespace },
      // Upstream's shape as written; the imported enums take the same strings.
      spec: {
        ...(props.workload === undefined ? {} : { workloadSelector: { labels: selectorLabels(props.workload) } }),
        ...(structuredClone(props.sidecar) as SidecarSpec),
      },
    });
  }
}
