import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SidecarSpec } from '../../imports/networking.istio.io';
import { APP_SIDECAR_NAME } from '../plan/names';
import { IstioApiVersion, SidecarInput } from '../topology/model/types';
import { newSidecar } from './istio-api';

/** Properties of an {@link AppSidecar}. */
export interface AppSidecarProps {
  /** The app namespace. */
  readonly namespace: string;
  /** The app's `sidecar`, in Istio's Sidecar shape. */
  readonly sidecar: SidecarInput;
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
}

/**
 * The namespace-wide Istio `Sidecar` of an app (networking.istio.io, typed class from imports/):
 * name `default` ({@link APP_SIDECAR_NAME}), no `workloadSelector`, `spec` the app's `sidecar`
 * as written (`egress[].hosts` / `port`, `outboundTrafficPolicy.mode`).
 */
export class AppSidecar extends Construct {
  public readonly sidecar: ApiObject;

  public constructor(scope: Construct, id: string, props: AppSidecarProps) {
    super(scope, id);
    this.sidecar = newSidecar(this, 'Sidecar', props.istioApiVersion, {
      metadata: { name: APP_SIDECAR_NAME, namespace: props.namespace },
      // Upstream's shape as written; the imported enums take the same strings.
      spec: structuredClone(props.sidecar) as SidecarSpec,
    });
  }
}
