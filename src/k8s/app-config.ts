import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/** Properties of an {@link AppConfig}. */
export interface AppConfigProps {
  /** The app namespace. */
  readonly namespace: string;
  /**
   * The app's ConfigMaps; `external` ones exist already and are not written.
   * @default []
   */
  readonly configMaps?: ReadonlyArray<{ readonly name: string; readonly data: Readonly<Record<string, string>>; readonly external: boolean }>;
  /**
   * Names of the app's ServiceAccounts.
   * @default []
   */
  readonly serviceAccounts?: readonly string[];
}

/**
 * What an app's pods read besides their own spec, in a cluster where they run:
 *
 * - a ConfigMap per non-external `configMaps` entry, `data` in topology order (`data: {}` is
 *   left out when empty);
 * - a ServiceAccount per `serviceAccounts` name.
 *
 * Low-level `KubeConfigMap` / `KubeServiceAccount` (`k8s` module of cdk8s-plus-27): the
 * cdk8s-plus classes add `immutable: false` and `automountServiceAccountToken: false`, which
 * the upstream apps do not set.
 * Secrets are never written here: see the app's `secrets` and the runbook.
 */
export class AppConfig extends Construct {
  public readonly configMaps: readonly k8s.KubeConfigMap[];
  public readonly serviceAccounts: readonly k8s.KubeServiceAccount[];

  public constructor(scope: Construct, id: string, props: AppConfigProps) {
    super(scope, id);
    this.configMaps = (props.configMaps ?? [])
      .filter((c) => !c.external)
      .map(
        (c) =>
          new k8s.KubeConfigMap(this, `ConfigMap-${c.name}`, {
            metadata: { name: c.name, namespace: props.namespace },
            ...(Object.keys(c.data).length === 0 ? {} : { data: { ...c.data } }),
          }),
      );
    this.serviceAccounts = (props.serviceAccounts ?? []).map(
      (name) => new k8s.KubeServiceAccount(this, `ServiceAccount-${name}`, { metadata: { name, namespace: props.namespace } }),
    );
  }
}
