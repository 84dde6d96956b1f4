import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-27';
import { ServiceExportV1 } from '../../imports/net.gke.io';

/** A Service exported to the fleet with multi-cluster services. */
export interface ExportedServiceProps {
  /** Name of both the Service and the ServiceExport (the fleet-wide ServiceImport gets it too). */
  readonly name: string;
  readonly namespace: string;
  /** Pod labels the Service selects. */
  readonly selector: Record<string, string>;
  /** Service port. */
  readonly port: number;
  /** Container port the Service forwards to. */
  readonly targetPort: number;
  /**
   * Name of the Service port.
   * @default none (the port carries no `name`, as in the seed manifests)
   */
  readonly portName?: string;
}

/** RFC 1035 label: what Kubernetes requires of a Service name. */
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 label: what Kubernetes requires of a namespace and of a Service port name. */
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function checkLabel(what: string, value: string, pattern: RegExp, expected: string): void {
  if (value.length > 63 || !pattern.test(value)) {
    throw new Error(`${what}: got ${JSON.stringify(value)}, expected ${expected} of at most 63 characters`);
  }
}

function checkPort(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${what}: got ${String(value)}, expected an integer from 1 to 65535`);
  }
}

/**
 * A core `v1` Service plus a `net.gke.io/v1` ServiceExport of the same name and namespace, so
 * multi-cluster services creates a `ServiceImport` of that name in every fleet cluster (what a
 * multi-cluster Gateway's HTTPRoute `backendRefs` and HealthCheckPolicy `targetRef` point to).
 *
 * Emits exactly the shape of the GKE multi-cluster Gateway tutorial:
 *
 * ```yaml
 * apiVersion: v1
 * kind: Service
 * metadata: { name: store, namespace: store }
 * spec:
 *   selector: { app: store }
 *   ports: [{ port: 8080, targetPort: 8080 }]
 * ---
 * kind: ServiceExport
 * apiVersion: net.gke.io/v1
 * metadata: { name: store, namespace: store }
 * ```
 *
 * The Service is the low-level `KubeService` (`k8s` module of `cdk8s-plus-27`), not the
 * cdk8s-plus `Service`: the latter always adds `type: ClusterIP` and `externalIPs: []` to the
 * spec, which the seed manifests do not have. `KubeService` writes only the fields given here.
 * The ServiceExport is `ServiceExportV1` from `imports/net.gke.io.ts` (the unsuffixed
 * `ServiceExport` class there is `net.gke.io/v1alpha1`).
 */
export class ExportedService extends Construct {
  /** The core v1 Service. */
  public readonly service: k8s.KubeService;
  /** The `net.gke.io/v1` ServiceExport. */
  public readonly serviceExport: ServiceExportV1;

  public constructor(scope: Construct, id: string, props: ExportedServiceProps) {
    super(scope, id);
    const at = `ExportedService ${props.namespace}/${props.name}`;
    checkLabel(`${at}: name`, props.name, DNS_1035_LABEL, 'a lowercase RFC 1035 label (a Service name)');
    checkLabel(`${at}: namespace`, props.namespace, DNS_1123_LABEL, 'a lowercase RFC 1123 label (a namespace name)');
    if (Object.keys(props.selector).length === 0) {
      throw new Error(`${at}: selector: got {}, expected at least one pod label (a Service without a selector has no endpoints to export)`);
    }
    checkPort(`${at}: port`, props.port);
    checkPort(`${at}: targetPort`, props.targetPort);
    if (props.portName !== undefined) {
      checkLabel(`${at}: portName`, props.portName, DNS_1123_LABEL, 'a lowercase RFC 1123 label (a Service port name)');
    }

    const metadata = { name: props.name, namespace: props.namespace };
    this.service = new k8s.KubeService(this, 'Service', {
      metadata,
      spec: {
        selector: { ...props.selector },
        ports: [
          {
            ...(props.portName !== undefined ? { name: props.portName } : {}),
            port: props.port,
            targetPort: k8s.IntOrString.fromNumber(props.targetPort),
          },
        ],
      },
    });
    this.serviceExport = new ServiceExportV1(this, 'ServiceExport', { metadata: { ...metadata } });
  }
}
