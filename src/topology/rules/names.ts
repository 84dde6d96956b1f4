import { createHash } from 'node:crypto';
import { GCP_NAME_MAX } from './predicates';

/*
 * Google Cloud resource names that meshfleet derives from the topology name, so that two
 * topologies in one project never create resources of the same name.
 */

/** Length bounds of a service account ID. */
export const SERVICE_ACCOUNT_ID_LENGTH = { min: 6, max: 30 } as const;

/** Length of the hash suffix that a shortened name ends with. */
const HASH_LENGTH = 6;

/**
 * `parts` joined with `-`, or, when that is longer than `max`, its first characters and a
 * six-character hash of the whole name (`<prefix>-<hash>`): deterministic, at most `max`
 * characters, and still distinct for distinct inputs. The parts are RFC 1035 labels, so
 * the result is one too.
 */
export function derivedName(parts: readonly string[], max = GCP_NAME_MAX): string {
  const full = parts.join('-');
  if (full.length <= max) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, HASH_LENGTH);
  const prefix = full.slice(0, max - HASH_LENGTH - 1).replace(/-+$/, '');
  return `${prefix}-${hash}`;
}
