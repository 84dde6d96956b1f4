import type { ErrorObject } from 'ajv';
import { DNS_LABEL_MAX } from './predicates';
import { pathKey, Problem, problem, show } from './problems';
// TOPOLOGY_SCHEMA (generated from the model) compiled ahead of time: compiling it on every run took about 0.3 s.
import { validateTopologyShape } from '../generated/topology-validator.generated';

/** `/clusters/0/zone` → `clusters[0].zone`; keys longer than a message excerpt are cut. */
export function toFieldPath(pointer: string, child?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => pathKey(p.replace(/~1/g, '/').replace(/~0/g, '~')));
  if (child !== undefined) parts.push(pathKey(child));
  const path = parts.reduce((at, part) => (/^\d+$/.test(part) && at ? `${at}[${part}]` : at ? `${at}.${part}` : part), '');
  return path || '(topology)';
}

function withArticle(noun: string): string {
  return `${/^([aeio]|IPv4)/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/**
 * What a schema node expects, in a few words: its `title` (the wording a format alias of
 * src/topology/model/formats.ts gives, e.g. `zone such as us-west2-a`; the `description` is
 * documentation for editors), else its enum values or its type.
 */
function describe(schema: Record<string, unknown> | undefined): string {
  if (!schema) return 'a value';
  if (typeof schema.title === 'string') return withArticle(schema.title);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => show(v)).join(', ')}`;
  if (typeof schema.type === 'string') return schema.type === 'object' ? 'a mapping' : schema.type === 'array' ? 'a list' : withArticle(schema.type);
  return 'a value';
}

function toProblem(error: ErrorObject): Problem {
  const schema = error.parentSchema as Record<string, unknown> | undefined;
  const path = toFieldPath(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((schema?.properties as object) ?? {}).join(', ');
      return problem(toFieldPath(error.instancePath, key), 'unknown key', key, `one of ${allowed}`);
    }
    case 'required': {
      const key = (error.params as { missingProperty: string }).missingProperty;
      const properties = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
      return problem(toFieldPath(error.instancePath, key), 'required key is missing', undefined, describe(properties[key]));
    }
    case 'type':
      return problem(path, 'wrong type', error.data, describe(schema));
    case 'enum':
      return problem(path, 'not an allowed value', error.data, describe(schema));
    case 'pattern':
      return problem(path, 'wrong format', error.data, describe(schema));
    case 'propertyNames': {
      const names = schema?.propertyNames as Record<string, unknown> | undefined;
      const expected = typeof names?.title === 'string' ? describe(names) : `a lower-case key of at most ${DNS_LABEL_MAX} characters`;
      return problem(path, 'invalid key', (error.params as { propertyName: string }).propertyName, expected);
    }
    case 'minimum':
    case 'maximum':
      return problem(path, 'out of range', error.data, `${error.keyword === 'minimum' ? 'at least' : 'at most'} ${(error.params as { limit: number }).limit}`);
    case 'minItems':
      return problem(path, 'too few entries', (error.data as unknown[]).length, `at least ${(error.params as { limit: number }).limit}`);
    case 'minLength':
      return problem(path, 'empty value', error.data, 'a non-empty string');
    default:
      return problem(path, error.message ?? 'invalid', error.data, describe(schema));
  }
}

/**
 * Checks keys, types, enums and formats. Returns every problem found; an empty list means the
 * input has the shape of a `TopologyInput`.
 */
export function checkStructure(input: unknown): Problem[] {
  if (validateTopologyShape(input)) return [];
  // A failed `propertyNames` also reports the offending key under a confusing `pattern` error.
  const errors = (validateTopologyShape.errors ?? []).filter((e) => !(e.keyword === 'pattern' && e.propertyName !== undefined));
  return errors.map(toProblem);
}
