import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-27';
import { ServiceExportV1 } from '../../imports/net.gke.io';
import { versionServiceName } from '../plan/names';
import { assume } from '../topology/rules/assume';
import { DNS_LABEL_RE } from '../topology/rules/predicates';

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
  /** Name of the Service port (the workload's `portName`, always written as on its plain Service: Istio selects the protocol by it). */
  readonly portName: string;
}

/**
 * A core `v1` Service plus a `net.gke.io/v1` ServiceExport of the same name and namespace, so
 * multi-cluster services creates a `ServiceImport` of that name in every fleet cluster (what a
 * multi-cluster Gateway's HTTPRoute `backendRefs` and HealthCheckPolicy `targetRef` point to).
 *
 * Emits the shape of the GKE multi-cluster Gateway tutorial, plus the port name (Istio's protocol
 * selection reads it) and the `app` label Online Boutique's Services carry:
 *
 * ```yaml
 * apiVersion: v1
 * kind: Service
 * metadata: { name: store, namespace: store, labels: { app: store } }
 * spec:
 *   selector: { app: store }
 *   ports: [{ name: http, port: 8080, targetPort: 8080 }]
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
    assume(
      DNS_LABEL_RE.test(props.name),
      'exported-service.name',
      `Service name ${JSON.stringify(props.name)} in ${props.namespace} is not an RFC 1035 label of at most 63 characters`,
    );

    const metadata = { name: props.name, namespace: props.namespace };
    this.service = new k8s.KubeService(this, 'Service', {
      metadata: { ...metadata, labels: { ...props.selector } },
      spec: {
        selector: { ...props.selector },
        ports: [
          {
            name: props.portName,
            port: props.port,
            targetPort: k8s.IntOrString.fromNumber(props.targetPort),
          },
        ],
      },
    });
    this.serviceExport = new ServiceExportV1(this, 'ServiceExport', { metadata: { ...metadata } });
  }
}

/** Properties of {@link VersionServiceExports}. */
export interface VersionServiceExportsProps {
  /** The app namespace. */
  readonly namespace: string;
  /** The exported workload. */
  readonly workload: string;
  /** Its versions, in order: each per-version Service `<workload>-<version>` is exported. */
  readonly versions: readonly string[];
}

/**
 * A `net.gke.io/v1` ServiceExport per version of an exported workload that declares versions,
 * named like the per-version Service it exports (`<workload>-<version>`, written by
 * `VersionServices`): multi-cluster services makes a ServiceImport of each, which a
 * multi-cluster Gateway's HTTPRoute weights by the version split.
 */
export class VersionServiceExports extends Construct {
  /** The ServiceExports, in version order. */
  public readonly serviceExports: readonly ServiceExportV1[];

  public constructor(scope: Construct, id: string, props: VersionServiceExportsProps) {
    super(scope, id);
    this.serviceExports = props.versions.map(
      (version) => new ServiceExportV1(this, version, { metadata: { name: versionServiceName(props.workload, version), namespace: props.namespace } }),
    );
  }
}
