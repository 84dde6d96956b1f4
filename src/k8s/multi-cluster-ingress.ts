import { Construct } from 'constructs';
import { BackendConfigV1Beta1 } from '../../imports/cloud.google.com';
import {
  MultiClusterIngressV1Beta1,
  MultiClusterIngressV1Beta1SpecTemplateSpecBackendServicePort,
  MultiClusterServiceV1Beta1,
} from '../../imports/networking.gke.io';
import { ResolvedMultiClusterIngress } from '../topology/types';

/** Annotation of a MultiClusterService that attaches BackendConfigs per port. */
export const BACKEND_CONFIG_ANNOTATION = 'beta.cloud.google.com/backend-config';

/**
 * The backend-config annotation value, spelled as in seed 000:
 * `{"ports": {"80":"gke-ingress-config"}}`.
 */
export function backendConfigAnnotation(port: number, backendConfigName: string): string {
  return `{"ports": {${JSON.stringify(String(port))}:${JSON.stringify(backendConfigName)}}}`;
}

/** Properties of a {@link MultiClusterIngressSet}. */
export interface MultiClusterIngressSetProps {
  /** The resolved multi-cluster ingress (names, namespace, port, health check). */
  readonly ingress: ResolvedMultiClusterIngress;
  /** Labels of the ingress gateway pods the MultiClusterService selects. */
  readonly selector: Readonly<Record<string, string>>;
  /** Clusters the MultiClusterService derives Services in: `<zone>/<name>` links, in this order. */
  readonly clusters: ReadonlyArray<{ readonly name: string; readonly zone: string }>;
  /**
   * Name of the MultiClusterService port.
   * @default "http"
   */
  readonly portName?: string;
}

/**
 * Multi-cluster ingress in the fleet config cluster (seed 000), in the ingress gateway namespace,
 * from the typed classes of imports/ (`networking.gke.io/v1beta1`, `cloud.google.com/v1beta1`,
 * as the seed writes them):
 *
 * - MultiClusterIngress `<name>`: default backend `serviceName` / `servicePort`.
 * - MultiClusterService `<serviceName>`: annotation `beta.cloud.google.com/backend-config`
 *   ({@link backendConfigAnnotation}), template selector = gateway labels, one port
 *   `{ name, protocol: TCP, port }`, `clusters` links `<zone>/<name>` (omitted when empty:
 *   every member cluster).
 * - BackendConfig `<backendConfigName>`: `healthCheck { type, port, requestPath }`.
 *
 * The stub classes copy only the fields their CRD stub declares; every field used here is one.
 */
export class MultiClusterIngressSet extends Construct {
  public readonly multiClusterIngress: MultiClusterIngressV1Beta1;
  public readonly multiClusterService: MultiClusterServiceV1Beta1;
  public readonly backendConfig: BackendConfigV1Beta1;

  public constructor(scope: Construct, id: string, props: MultiClusterIngressSetProps) {
    super(scope, id);
    const mci = props.ingress;
    const namespace = mci.namespace;

    this.multiClusterIngress = new MultiClusterIngressV1Beta1(this, 'MultiClusterIngress', {
      metadata: { name: mci.name, namespace },
      spec: {
        template: {
          spec: {
            backend: {
              serviceName: mci.serviceName,
              servicePort: MultiClusterIngressV1Beta1SpecTemplateSpecBackendServicePort.fromNumber(mci.port),
            },
          },
        },
      },
    });

    const clusters = props.clusters.map((c) => ({ link: `${c.zone}/${c.name}` }));
    this.multiClusterService = new MultiClusterServiceV1Beta1(this, 'MultiClusterService', {
      metadata: {
        name: mci.serviceName,
        namespace,
        annotations: { [BACKEND_CONFIG_ANNOTATION]: backendConfigAnnotation(mci.port, mci.backendConfigName) },
      },
      spec: {
        template: {
          spec: {
            selector: { ...props.selector },
            ports: [{ name: props.portName ?? 'http', protocol: 'TCP', port: mci.port }],
          },
        },
        ...(clusters.length === 0 ? {} : { clusters }),
      },
    });

    this.backendConfig = new BackendConfigV1Beta1(this, 'BackendConfig', {
      metadata: { name: mci.backendConfigName, namespace },
      spec: {
        healthCheck: { type: mci.healthCheck.type, port: mci.healthCheck.port, requestPath: mci.healthCheck.path },
      },
    });
  }
}
