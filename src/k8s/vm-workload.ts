import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { WorkloadGroupSpecProbe } from '../../imports/networking.istio.io';
import { IstioApiVersion, VmPortInput, VmProbeInput } from '../topology/model/types';
import { newWorkloadGroup } from './istio-api';

/** Properties of a {@link VmWorkload}. */
export interface VmWorkloadProps {
  /** WorkloadGroup name. */
  readonly name: string;
  /** The app namespace. */
  readonly namespace: string;
  /** Labels of the WorkloadEntries the VMs register as (what Services select). */
  readonly labels: Readonly<Record<string, string>>;
  /** Kubernetes ServiceAccount whose identity the VMs get. */
  readonly serviceAccount: string;
  /** Ports the VMs serve, by name. */
  readonly ports: readonly VmPortInput[];
  /**
   * Istio network of the VMs.
   * @default none (the network of the cluster the VMs register with)
   */
  readonly network?: string;
  /**
   * Health check the VM's proxy runs: HTTP GET with `httpPath`, TCP connect otherwise.
   * @default none
   */
  readonly probe?: VmProbeInput;
  /** networking.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
  /**
   * Also emit the ServiceAccount; leave out when another VM workload of the namespace already
   * emits the same one.
   * @default true
   */
  readonly createServiceAccount?: boolean;
}

/**
 * Workloads on VMs that join the mesh (seed 004, "VM Workloads in Istio Model"), in the app
 * namespace, as upstream's "Virtual Machine Installation" guide creates them:
 *
 * - core `v1` ServiceAccount `<serviceAccount>` (`kubectl create serviceaccount`), unless
 *   `createServiceAccount` is false; low-level `KubeServiceAccount` (cdk8s-plus' adds
 *   `automountServiceAccountToken`);
 * - `WorkloadGroup` `<name>` (typed class from imports/, version from {@link newWorkloadGroup}):
 *   `spec.metadata.labels`, `spec.template.serviceAccount`, `spec.template.ports`
 *   (`{ <port name>: <port> }`), `spec.template.network` when set, and `spec.probe`
 *   `httpGet: { path, port }` or `tcpSocket: { port }` when a probe is given (upstream
 *   WorkloadGroup reference).
 */
export class VmWorkload extends Construct {
  /** The ServiceAccount, when emitted. */
  public readonly serviceAccount?: k8s.KubeServiceAccount;
  /** The WorkloadGroup object. */
  public readonly workloadGroup: ApiObject;

  public constructor(scope: Construct, id: string, props: VmWorkloadProps) {
    super(scope, id);
    if (props.createServiceAccount ?? true) {
      this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', {
        metadata: { name: props.serviceAccount, namespace: props.namespace },
      });
    }
    this.workloadGroup = newWorkloadGroup(this, 'WorkloadGroup', props.istioApiVersion, {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        metadata: { labels: { ...props.labels } },
        template: {
          serviceAccount: props.serviceAccount,
          ports: Object.fromEntries(props.ports.map((p) => [p.name, p.port])),
          ...(props.network === undefined ? {} : { network: props.network }),
        },
        ...(props.probe === undefined ? {} : { probe: probeOf(props.probe) }),
      },
    });
  }
}

function probeOf(probe: VmProbeInput): WorkloadGroupSpecProbe {
  return probe.httpPath === undefined ? { tcpSocket: { port: probe.port } } : { httpGet: { path: probe.httpPath, port: probe.port } };
}
