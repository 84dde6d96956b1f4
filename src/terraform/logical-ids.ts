import { createHash } from 'node:crypto';

/**
 * Terraform names (the `<name>` of `google_container_cluster.<name>`, `output.<name>`, ...) of
 * meshfleet's stacks, and the hashed names earlier releases wrote.
 *
 * Readable scheme ({@link readableLogicalId}): the construct path below the stack, joined by `_`,
 * e.g. `gke-west-priv_cluster` for `clusters/gke-west-priv/cluster`. Terraform names may hold
 * letters, digits, `_` and `-` and must start with a letter or `_`: any other run of characters
 * becomes one `_`, and a name starting with a digit or `-` gets a leading `_`. Two construct
 * paths can map to the same name (`a.b` and `a_b`); {@link LogicalIdRegistry} refuses that with
 * an error naming both paths.
 */

/** cdk convention: a construct with this id does not appear in names (as in cdktf). */
const HIDDEN_ID = 'Default';
/** Characters Terraform does not allow in a name. */
const DISALLOWED = /[^A-Za-z0-9_-]+/g;

/**
 * The readable Terraform name of an element whose construct path below its stack is `components`,
 * e.g. `['gke-west-priv', 'cluster']` → `gke-west-priv_cluster`. A component equal to the one
 * before it is written once (`node-service-account/node-service-account` → `node-service-account`).
 * @throws Error when no component is left (`components` empty or only `Default`)
 */
export function readableLogicalId(components: readonly string[]): string {
  const parts: string[] = [];
  for (const component of components) {
    if (component === HIDDEN_ID) continue;
    const part = component.replace(DISALLOWED, '_');
    if (part !== parts[parts.length - 1]) parts.push(part);
  }
  if (parts.length === 0) throw new Error(`cannot name a Terraform element from the construct path "${components.join('/')}"`);
  const id = parts.join('_');
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}

/**
 * The hashed Terraform name cdktf 0.21 gives by default (`HashedAddressingScheme`), which
 * meshfleet wrote before readable names: the readable path plus `_` and 8 hex digits of an MD5
 * of the whole path, e.g. `gke-west-priv_cluster_A6BC312C`. A single component is used as is,
 * without the characters Terraform does not allow. Kept so that `moved` blocks can take an
 * existing state from the old names to the new ones.
 */
export function legacyHashedLogicalId(components: readonly string[]): string {
  const kept = components.filter((c) => c !== HIDDEN_ID);
  const strip = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '');
  if (kept.length === 1 && strip(kept[0]).length <= 255) return strip(kept[0]);
  const hash = createHash('md5').update(kept.join('/')).digest('hex').slice(0, 8).toUpperCase();
  const human: string[] = [];
  for (const component of kept) {
    // cdktf drops a component that the one before it ends with.
    if (human.length === 0 || !human[human.length - 1].endsWith(component)) human.push(component);
  }
  const readable = human
    .filter((c) => c !== 'Resource')
    .map(strip)
    .join('_')
    .slice(0, 240);
  return `${readable}_${hash}`;
}

/**
 * The names given out in one stack, so that two construct paths never share one: Terraform would
 * merge the two elements into one without a word.
 */
export class LogicalIdRegistry {
  private readonly pathsById = new Map<string, string>();

  /** @param stackName shown in the error message */
  constructor(private readonly stackName: string) {}

  /**
   * The readable name of the element at `components` (below the stack), registered.
   * @throws Error when another construct path of the stack already has that name
   */
  allocate(components: readonly string[]): string {
    const id = readableLogicalId(components);
    const path = components.join('/');
    const taken = this.pathsById.get(id);
    if (taken !== undefined && taken !== path) {
      throw new Error(`stack "${this.stackName}": the constructs "${taken}" and "${path}" both get the Terraform name "${id}"; ` + 'give one of them another construct id');
    }
    this.pathsById.set(id, path);
    return id;
  }
}

/** One Terraform `moved` block: `from` and `to` are addresses like `google_container_cluster.a_cluster`. */
export interface MovedBlock {
  readonly from: string;
  readonly to: string;
}
