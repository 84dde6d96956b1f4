import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ResolvedWorkload, ServiceType } from '../topology/model/types';
import { deploymentSelector, overridesOf, podLabels, podTemplateOf, replicasOf, selectorLabels } from './pod-template';

/** Properties of a {@link Workload}. */
export interface WorkloadProps {
  /** The app namespace. */
  readonly namespace: string;
  /** The workload from the resolved topology. */
  readonly workload: ResolvedWorkload;
  /**
   * Emit the Deployment / StatefulSet: true in the clusters listed in `workload.clusters`.
   * @default true
   */
  readonly pods?: boolean;
  /**
   * Emit the plain Service (and the extra ones) when the workload has a port. True in every
   * workload cluster, so the name resolves in every cluster of a distributed service; false
   * when the Service is an exported one (`ExportedService`) instead.
   * @default true
   */
  readonly service?: boolean;
  /**
   * Annotate the pods `sidecar.istio.io/nativeSidecar: "true"`: the mesh injects its proxy as a
   * native sidecar, running before the init containers.
   * @default false
   */
  readonly nativeSidecar?: boolean;
}

/**
 * The Service spec of a workload with a port: `type` when given, selector `app: <name>`, the
 * port `{ name: portName, port: servicePort, targetPort: port }`, then the extra ports.
 */
export function serviceSpecOf(w: ResolvedWorkload, type: ServiceType | undefined): k8s.ServiceSpec {
  const ports: k8s.ServicePort[] = [
    ...(w.port === undefined ? [] : [{ name: w.portName, port: w.servicePort ?? w.port, targetPort: k8s.IntOrString.fromNumber(w.port) }]),
    ...w.extraPorts.map((p) => ({ name: p.name, port: p.servicePort, targetPort: k8s.IntOrString.fromNumber(p.port) })),
  ];
  return { ...(type === undefined ? {} : { type }), selector: selectorLabels(w.name), ports };
}

/**
 * A `KubeStatefulSet` whose claim templates carry `apiVersion: v1` and `kind:
 * PersistentVolumeClaim`, which its typed props cannot hold (its `toJson` drops unknown keys,
 * JSON patches included): the API server stores them, and Argo CD's server-side diff shows a
 * StatefulSet written without them as out of sync for ever (argoproj/argo-cd#11143).
 */
class StatefulSetWithTypedClaims extends k8s.KubeStatefulSet {
  public override toJson(): Record<string, unknown> {
    const json = super.toJson() as { spec?: { volumeClaimTemplates?: Array<Record<string, unknown>> } };
    const templates = json.spec?.volumeClaimTemplates;
    if (templates === undefined) return json;
    return { ...json, spec: { ...json.spec, volumeClaimTemplates: templates.map((t) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', ...t })) } };
  }
}

/**
 * What only a StatefulSet's spec holds, each when given: `podManagementPolicy`,
 * `updateStrategy`, `persistentVolumeClaimRetentionPolicy`, and the `volumeClaimTemplates` in
 * Kubernetes' shape (name, access modes, StorageClass, storage request; `apiVersion` and `kind`
 * come from {@link StatefulSetWithTypedClaims}).
 */
function statefulSetSpecOf(
  w: ResolvedWorkload,
): Pick<k8s.StatefulSetSpec, 'podManagementPolicy' | 'updateStrategy' | 'persistentVolumeClaimRetentionPolicy' | 'volumeClaimTemplates'> {
  const strategy = w.updateStrategy;
  const partition = strategy?.rollingUpdate?.partition;
  const retention = w.persistentVolumeClaimRetentionPolicy;
  return {
    ...(w.podManagementPolicy === undefined ? {} : { podManagementPolicy: w.podManagementPolicy }),
    ...(retention === undefined
      ? {}
      : {
          persistentVolumeClaimRetentionPolicy: {
            ...(retention.whenDeleted === undefined ? {} : { whenDeleted: retention.whenDeleted }),
            ...(retention.whenScaled === undefined ? {} : { whenScaled: retention.whenScaled }),
          },
        }),
    ...(strategy === undefined
      ? {}
      : {
          updateStrategy: {
            ...(strategy.type === undefined ? {} : { type: strategy.type }),
            ...(strategy.rollingUpdate === undefined ? {} : { rollingUpdate: partition === undefined ? {} : { partition } }),
          },
        }),
    ...(w.volumeClaimTemplates.length === 0
      ? {}
      : {
          volumeClaimTemplates: w.volumeClaimTemplates.map((t) => ({
            metadata: { name: t.metadata.name },
            spec: {
              accessModes: [...t.spec.accessModes],
              ...(t.spec.storageClassName === undefined ? {} : { storageClassName: t.spec.storageClassName }),
              resources: { requests: { storage: k8s.Quantity.fromString(t.spec.resources.requests.storage) } },
            },
          })),
        }),
  };
}

/**
 * A workload of an app: its Deployment or StatefulSet and its Service.
 *
 * Every object is labelled the way upstream manifests (Online Boutique, Istio's bookinfo) label
 * theirs: a Deployment or StatefulSet with its pods' `app` (+ `version`), a Service with the
 * `app` it selects. Metadata labels can change on a live object; the selectors stay as they were.
 *
 * - Deployment / StatefulSet `<name>` (StatefulSet with `serviceName: <name>` and
 *   {@link statefulSetSpecOf}): selector
 *   `app: <name>` (+ `version` with `selectorIncludesVersion`), pod labels `app` (+ `version`),
 *   one container (see `containerOf`), `replicas` only when not 1,
 *   `terminationGracePeriodSeconds` when set. With `versions`, the first version's image, env,
 *   replicas and labels apply (the others are `WorkloadVersions`' Deployments).
 * - Service `<name>` (only for a workload with a `port`; see {@link serviceSpecOf}): selector
 *   `app: <name>` (so every version's pods are behind it), its ports, `type` when set; and one
 *   more Service per `extraServices` entry, with the same spec and its own `type`.
 *
 * All objects are the low-level `KubeDeployment` / `KubeStatefulSet` / `KubeService` of
 * cdk8s-plus-27's `k8s` module: the cdk8s-plus classes add defaults the seeds do not set
 * (security contexts, resource limits, `externalIPs: []`, `type: ClusterIP`, ...).
 */
export class Workload extends Construct {
  /** The Deployment or StatefulSet, when emitted. */
  public readonly controller?: k8s.KubeDeployment | k8s.KubeStatefulSet;
  /** The Service, when emitted. */
  public readonly service?: k8s.KubeService;
  /** The `extraServices`, when the Service is emitted. @default [] */
  public readonly extraServices: readonly k8s.KubeService[] = [];

  public constructor(scope: Construct, id: string, props: WorkloadProps) {
    super(scope, id);
    const w = props.workload;
    const metadata = { name: w.name, namespace: props.namespace };
    const selector = { matchLabels: deploymentSelector(w, w.version) };

    if (props.pods ?? true) {
      const stable = w.versions[0];
      const template = podTemplateOf(w, stable === undefined ? {} : overridesOf(stable), props.nativeSidecar === true);
      const replicas = replicasOf(w, stable?.replicas);
      const labelled = { ...metadata, labels: podLabels(w.name, w.version) };
      this.controller =
        w.kind === 'StatefulSet'
          ? new StatefulSetWithTypedClaims(this, 'StatefulSet', {
              metadata: labelled,
              spec: { serviceName: w.name, ...replicas, selector, template, ...statefulSetSpecOf(w) },
            })
          : new k8s.KubeDeployment(this, 'Deployment', {
              metadata: labelled,
              spec: { ...replicas, selector, template },
            });
    }

    if ((props.service ?? true) && w.port !== undefined) {
      const spec = serviceSpecOf(w, w.serviceType);
      this.service = new k8s.KubeService(this, 'Service', { metadata: { ...metadata, labels: selectorLabels(w.name) }, spec });
      this.extraServices = w.extraServices.map(
        (extra) =>
          new k8s.KubeService(this, `Service-${extra.name}`, {
            metadata: { name: extra.name, namespace: props.namespace, labels: selectorLabels(w.name) },
            spec: serviceSpecOf(w, extra.type),
          }),
      );
    }
  }
}
