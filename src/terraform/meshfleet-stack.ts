import { GcsBackend, LocalBackend, TerraformElement, TerraformResource, TerraformStack } from 'cdktf';
import { Construct, Node } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { LOCAL_STATE_FOLDER } from '../output/paths';
import { ResolvedBackend } from '../topology/model/types';
import { MESHFLEET_GCP_LABELS } from '../topology/rules/predicates';
import { legacyHashedLogicalId, LogicalIdRegistry, MovedBlock, readableLogicalId } from './logical-ids';

/** Props of {@link MeshfleetStack}. */
export interface MeshfleetStackProps {
  /** Project that every resource of the stack belongs to. */
  readonly projectId: string;
  /**
   * Name of the topology. The default local state of the stack lives in
   * `terraform-state/<topologyName>/`, so two topologies never share a state file.
   */
  readonly topologyName: string;
  /**
   * Where Terraform keeps this stack's state.
   * @default a local state file outside the synthesized folder ({@link localState})
   */
  readonly backend?: ResolvedBackend;
  /**
   * Labels the provider adds to every labelled resource.
   * @default { managed_by: "meshfleet" }
   */
  readonly defaultLabels?: Record<string, string>;
}

/** The `terraform-state/` folder beside the output folder, as reached from a stack folder. */
const LOCAL_STATE_FROM_STACK = `../../../../${LOCAL_STATE_FOLDER}`;

/**
 * Where a stack's default local state lives, relative to its folder `<out>/terraform/stacks/<stack>/`:
 * `../../../../terraform-state/<topology>/<stack>.tfstate`, i.e. in a `terraform-state/` folder
 * beside the output folder. Outside the output, so that re-synthesizing (which replaces the output
 * folder) never touches it; relative, so that the output holds no absolute path; the same from
 * every stack folder (they are siblings), so `terraform_remote_state` between stacks resolves.
 *
 * `cdktf deploy` reaches the same file: cdktf.json's `output` is `cdktf.out/terraform`, a folder
 * at the same depth as `dist/terraform`, so both resolve to `<project>/terraform-state/`.
 */
export function localState(topologyName: string, stack: string): { path: string; workspaceDir: string } {
  const folder = `${LOCAL_STATE_FROM_STACK}/${topologyName}`;
  return { path: `${folder}/${stack}.tfstate`, workspaceDir: `${folder}/${stack}.tfstate.d` };
}

/**
 * A Terraform stack with the Google provider pinned to one project and a backend that works
 * with plain `terraform` from the synthesized folder and with `cdktf deploy`: the default local
 * state lives outside the output folder at a relative path ({@link localState}).
 *
 * Terraform names are readable, without cdktf's hash suffix (`google_container_cluster.gke-west-priv_cluster`,
 * see logical-ids.ts), and unique in the stack. Every resource whose name changed from the hashed
 * one of earlier releases gets a `moved` block from the old address, so an existing state follows
 * on the next plan without destroying anything.
 */
export class MeshfleetStack extends TerraformStack {
  /** Project ID every resource of the stack uses. */
  public readonly projectId: string;
  private readonly logicalIds: LogicalIdRegistry;

  constructor(scope: Construct, id: string, props: MeshfleetStackProps) {
    super(scope, id);
    this.logicalIds = new LogicalIdRegistry(id);
    this.projectId = props.projectId;
    new GoogleProvider(this, 'google', {
      project: props.projectId,
      defaultLabels: props.defaultLabels ?? { [MESHFLEET_GCP_LABELS.managedBy]: 'meshfleet' },
    });
    const backend = props.backend ?? { type: 'local' };
    if (backend.type === 'gcs') {
      new GcsBackend(this, { bucket: backend.bucket, prefix: `${backend.prefix}/${id}` });
    } else {
      new LocalBackend(this, localState(props.topologyName, id));
    }
  }

  /** The readable Terraform name of an element of this stack (see logical-ids.ts). */
  protected allocateLogicalId(tfElement: TerraformElement | Node): string {
    return this.logicalIds.allocate(this.pathBelowStack(tfElement));
  }

  /** The stack's Terraform JSON, with the `moved` blocks from the hashed addresses of earlier releases (typed as cdktf types it). */
  public toTerraform(): ReturnType<TerraformStack['toTerraform']> {
    const tf = super.toTerraform();
    const moved = this.movedFromHashedAddresses();
    if (moved.length > 0) tf.moved = [...(tf.moved ?? []), ...moved];
    return tf;
  }

  /**
   * A `moved` block for every resource whose address changed with readable names. Resources
   * with an overridden name (`overrideLogicalId`) kept that name and need none.
   */
  private movedFromHashedAddresses(): MovedBlock[] {
    const moved: MovedBlock[] = [];
    for (const construct of this.node.findAll()) {
      if (!TerraformResource.isTerraformResource(construct) || construct.cdktfStack !== this) continue;
      const components = this.pathBelowStack(construct);
      const current = construct.friendlyUniqueId;
      const legacy = legacyHashedLogicalId(components);
      if (current !== readableLogicalId(components) || current === legacy) continue;
      const type = construct.terraformResourceType;
      moved.push({ from: `${type}.${legacy}`, to: `${type}.${current}` });
    }
    return moved;
  }

  /** The ids of the constructs from below this stack down to the element, e.g. `['gke-a', 'cluster']`. */
  private pathBelowStack(tfElement: TerraformElement | Node): string[] {
    const node = TerraformElement.isTerraformElement(tfElement) ? tfElement.node : tfElement;
    const scopes = node.scopes;
    return scopes.slice(scopes.indexOf(this) + 1).map((c) => c.node.id);
  }
}
