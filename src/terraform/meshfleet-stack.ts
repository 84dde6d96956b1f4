import { GcsBackend, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ResolvedBackend } from '../topology/types';

/** Props of {@link MeshfleetStack}. */
export interface MeshfleetStackProps {
  /** Project that every resource of the stack belongs to. */
  readonly projectId: string;
  /**
   * Where Terraform keeps this stack's state.
   * @default a local state file beside the stack, addressed by a relative path
   */
  readonly backend?: ResolvedBackend;
  /**
   * Labels the provider adds to every labelled resource.
   * @default { managed_by: "meshfleet" }
   */
  readonly defaultLabels?: Record<string, string>;
}

/**
 * A Terraform stack with the Google provider pinned to one project and a backend that works
 * with plain `terraform` from the synthesized folder: the local state path is relative and
 * reachable from sibling stacks, so cross-stack references resolve without absolute paths.
 */
export class MeshfleetStack extends TerraformStack {
  /** Project ID every resource of the stack uses. */
  public readonly projectId: string;

  constructor(scope: Construct, id: string, props: MeshfleetStackProps) {
    super(scope, id);
    this.projectId = props.projectId;
    new GoogleProvider(this, 'google', {
      project: props.projectId,
      defaultLabels: props.defaultLabels ?? { managed_by: 'meshfleet' },
    });
    const backend = props.backend ?? { type: 'local' };
    if (backend.type === 'gcs') {
      new GcsBackend(this, { bucket: backend.bucket, prefix: `${backend.prefix}/${id}` });
    } else {
      // Stacks are siblings under stacks/, so `../<id>/...` is valid from every stack folder.
      new LocalBackend(this, { path: `../${id}/terraform.${id}.tfstate` });
    }
  }
}
