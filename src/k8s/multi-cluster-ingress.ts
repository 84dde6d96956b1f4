import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { BackendConfig, BackendConfigProps, BackendConfigV1Beta1, BackendConfigV1Beta1Props } from '../../imports/cloud.google.com';
import {
  MultiClusterIngress,
  MultiClusterIngressProps,
  MultiClusterIngressV1Beta1,
  MultiClusterIngressV1Beta1Props,
  MultiClusterService,
  MultiClusterServiceProps,
  MultiClusterServiceSpecTemplateSpecPortsTargetPort,
  MultiClusterServiceV1Beta1,
  MultiClusterServiceV1Beta1Props,
} from '../../imports/networking.gke.io';
import { IngressTrafficIntent } from '../plan/traffic/intent';
import { BackendConfigInput, ResolvedMultiClusterIngress, ResolvedMultiClusterService } from '../topology/model/types';
import { multiClusterIngressTemplateSpec } from './traffic/ingress-routes';

/** Annotations of a MultiClusterIngress, as GKE's Multi Cluster Ingress docs name them. */
export const MCI_ANNOTATIONS = {
  staticIp: 'networking.gke.io/static-ip',
  preSharedCerts: 'networking.gke.io/pre-shared-certs',
} as const;

/** Annotation of a MultiClusterService naming each port's protocol to the pods. */
export const APP_PROTOCOLS_ANNOTATION = 'networking.gke.io/app-protocols';

/**
 * The backend-config annotation value: `{"default": ...}` and/or `{"ports": {...}}`, the ports
 * spelled as in seed 000: `{"ports": {"80":"gke-ingress-config"}}`.
 */
export function backendConfigAnnotation(config: NonNullable<ResolvedMultiClusterService['backendConfig']>): string {
  const parts: string[] = [];
  if (config.default !== undefined) parts.push(`"default": ${JSON.stringify(config.default)}`);
  if (config.ports.length > 0) {
    parts.push(`"ports": {${config.ports.map((p) => `${JSON.stringify(String(p.port))}:${JSON.stringify(p.name)}`).join(', ')}}`);
  }
  return `{${parts.join(', ')}}`;
}

/** The `networking.gke.io/app-protocols` value, e.g. `{"https":"HTTPS"}`. */
export function appProtocolsAnnotation(protocols: ResolvedMultiClusterService['appProtocols']): string {
  return JSON.stringify(Object.fromEntries(protocols.map((p) => [p.port, p.protocol])));
}

/** A BackendConfig spec from the topology's fields, each written only when given. */
function backendConfigSpec(b: BackendConfigInput): BackendConfigProps['spec'] {
  const h = b.healthCheck;
  return {
    ...(h === undefined
      ? {}
      : {
          healthCheck: {
            type: h.type,
            port: h.port,
            requestPath: h.path,
            checkIntervalSec: h.checkIntervalSec,
            timeoutSec: h.timeoutSec,
            healthyThreshold: h.healthyThreshold,
            unhealthyThreshold: h.unhealthyThreshold,
          },
        }),
    timeoutSec: b.timeoutSec,
    connectionDraining: b.connectionDraining && { ...b.connectionDraining },
    sessionAffinity: b.sessionAffinity && { ...b.sessionAffinity },
    securityPolicy: b.securityPolicy === undefined ? undefined : { name: b.securityPolicy },
    logging: b.logging && { ...b.logging },
  };
}

/** Properties of a {@link MultiClusterIngressSet}. */
export interface MultiClusterIngressSetProps {
  /** The resolved multi-cluster ingress. */
  readonly ingress: ResolvedMultiClusterIngress;
  /** Its rules' traffic intent (`ingressTrafficOf`). */
  readonly traffic: IngressTrafficIntent;
  /** Fleet clusters, to write a service's `clusters` as `<zone>/<name>` links. */
  readonly clusters: ReadonlyArray<{ readonly name: string; readonly zone: string }>;
}

/**
 * Multi-cluster ingress in the fleet config cluster, in `ingress.namespace`, from the typed
 * classes of imports/. Seed 000's shape (`meshGateway`) is written in the versions the seed uses
 * (`networking.gke.io/v1beta1`, `cloud.google.com/v1beta1`); the general shape in the current
 * ones GKE's docs use (`networking.gke.io/v1`, `cloud.google.com/v1`, which has `logging`).
 *
 * - MultiClusterIngress `<name>`: annotations `networking.gke.io/static-ip` and
 *   `networking.gke.io/pre-shared-certs` (comma-separated) when set; `spec.template.spec` from
 *   the traffic intent (see `multiClusterIngressTemplateSpec`).
 * - One MultiClusterService per service: the backend-config annotation
 *   ({@link backendConfigAnnotation}) and `networking.gke.io/app-protocols` when any port has
 *   one, `template.spec.selector`, ports `{ name, protocol: TCP, port, targetPort? }`, `clusters`
 *   links when given (omitted: every member cluster).
 * - One BackendConfig per backend config, each field only when given.
 */
export class MultiClusterIngressSet extends Construct {
  public readonly multiClusterIngress: ApiObject;
  public readonly multiClusterServices: ApiObject[];
  public readonly backendConfigs: ApiObject[];

  public constructor(scope: Construct, id: string, props: MultiClusterIngressSetProps) {
    super(scope, id);
    const mci = props.ingress;
    const namespace = mci.namespace;
    const seed = mci.meshGateway;

    const annotations: Record<string, string> = {};
    if (mci.staticIp !== undefined) annotations[MCI_ANNOTATIONS.staticIp] = mci.staticIp;
    if (mci.preSharedCerts.length > 0) annotations[MCI_ANNOTATIONS.preSharedCerts] = mci.preSharedCerts.join(',');
    const ingressProps: MultiClusterIngressProps = {
      metadata: { name: mci.name, namespace, ...(Object.keys(annotations).length === 0 ? {} : { annotations }) },
      spec: { template: { spec: multiClusterIngressTemplateSpec(props.traffic) } },
    };
    this.multiClusterIngress = seed
      ? new MultiClusterIngressV1Beta1(this, 'MultiClusterIngress', ingressProps as unknown as MultiClusterIngressV1Beta1Props)
      : new MultiClusterIngress(this, 'MultiClusterIngress', ingressProps);

    this.multiClusterServices = mci.services.map((svc, i) => {
      const zoneOf = (name: string) => props.clusters.find((c) => c.name === name)?.zone ?? '';
      const clusters = (svc.clusters ?? []).map((name) => ({ link: `${zoneOf(name)}/${name}` }));
      const svcAnnotations: Record<string, string> = {};
      if (svc.backendConfig !== undefined) svcAnnotations[svc.backendConfig.annotation] = backendConfigAnnotation(svc.backendConfig);
      if (svc.appProtocols.length > 0) svcAnnotations[APP_PROTOCOLS_ANNOTATION] = appProtocolsAnnotation(svc.appProtocols);
      const serviceProps: MultiClusterServiceProps = {
        metadata: { name: svc.name, namespace, ...(Object.keys(svcAnnotations).length === 0 ? {} : { annotations: svcAnnotations }) },
        spec: {
          template: {
            spec: {
              selector: { ...svc.selector },
              ports: svc.ports.map((p) => ({
                name: p.name,
                protocol: 'TCP',
                port: p.port,
                ...(p.targetPort === undefined ? {} : { targetPort: MultiClusterServiceSpecTemplateSpecPortsTargetPort.fromNumber(p.targetPort) }),
              })),
            },
          },
          ...(clusters.length === 0 ? {} : { clusters }),
        },
      };
      // Seed 000's single construct id is kept, so its output (and its object ids) stay the same.
      const id = i === 0 ? 'MultiClusterService' : `MultiClusterService-${svc.name}`;
      return seed ? new MultiClusterServiceV1Beta1(this, id, serviceProps as unknown as MultiClusterServiceV1Beta1Props) : new MultiClusterService(this, id, serviceProps);
    });

    this.backendConfigs = mci.backendConfigs.map((b, i) => {
      const id = i === 0 ? 'BackendConfig' : `BackendConfig-${b.name}`;
      const configProps: BackendConfigProps = { metadata: { name: b.name, namespace }, spec: backendConfigSpec(b) };
      return seed ? new BackendConfigV1Beta1(this, id, configProps as unknown as BackendConfigV1Beta1Props) : new BackendConfig(this, id, configProps);
    });
  }
}
