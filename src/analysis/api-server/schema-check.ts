/**
 * Checks one object against a CRD version's structural schema as the API server does on create:
 * defaults are applied and unknown fields pruned first (each pruned field is reported: with
 * strict field validation the request is refused, without it the field silently vanishes), then
 * the value validations run (type, required, enum, pattern, lengths, item and property counts,
 * bounds, the formats the API server checks, list-set and list-map key uniqueness, allOf /
 * anyOf / oneOf / not) and every `x-kubernetes-validations` CEL rule at its node.
 */
import { isIP } from 'node:net';
import { evaluateRule, toCelValue } from './cel-check';
import { re2 } from './cel-k8s-functions';
import { SchemaNode } from './schema-node';

/** One problem with an object, at a path into it. */
export interface SchemaIssue {
  /** `invalid`: a value validation fails; `unknown-field`: pruned; `rule` / `rule-error`: a CEL rule is false / errors; `rule-skipped`: not evaluated offline. */
  readonly kind: 'invalid' | 'unknown-field' | 'rule' | 'rule-error' | 'rule-skipped';
  /** Dotted path into the object (`spec.rules[0].matches`), "" for the object itself. */
  readonly path: string;
  readonly message: string;
}

/** Fields every object (and every embedded resource) has beside its schema's properties. */
const OBJECT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** `path` extended by a property key (bracketed and quoted unless an identifier). */
function child(path: string, key: string): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The object as the API server stores it before validation: schema defaults applied (recursively),
 * unknown fields and non-nullable nulls pruned. Each pruned field is reported to `issues`.
 */
function prepare(value: unknown, schema: SchemaNode, path: string, issues: SchemaIssue[], root: boolean): unknown {
  if (Array.isArray(value)) return schema.items === undefined ? value : value.map((item, i) => prepare(item, schema.items as SchemaNode, `${path}[${i}]`, issues, false));
  if (!isRecord(value)) return value;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = root || schema['x-kubernetes-embedded-resource'] === true;
  const additional = schema.additionalProperties;
  if (schema.properties === undefined && additional === undefined && (preserve || schema.type !== 'object')) return value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const fieldSchema = schema.properties?.[key] ?? (typeof additional === 'object' ? additional : undefined);
    if (field === null && fieldSchema?.nullable !== true && fieldSchema !== undefined) continue;
    if (fieldSchema !== undefined) {
      result[key] = root && key === 'metadata' ? field : prepare(field, fieldSchema, child(path, key), issues, false);
    } else if (preserve || additional === true || (embedded && OBJECT_FIELDS.has(key))) {
      result[key] = field;
    } else {
      issues.push({ kind: 'unknown-field', path: child(path, key), message: 'unknown field: the API server prunes it (or refuses the object with strict field validation)' });
    }
  }
  for (const [key, fieldSchema] of Object.entries(schema.properties ?? {})) {
    if (!(key in result) && fieldSchema.default !== undefined) {
      result[key] = prepare(structuredClone(fieldSchema.default), fieldSchema, child(path, key), issues, false);
    }
  }
  return result;
}

/** The JSON type name of a value, as the API server's messages use it. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Whether `value` has the schema's type. */
function hasType(value: unknown, schema: SchemaNode): boolean {
  const actual = typeOf(value);
  if (schema['x-kubernetes-int-or-string'] === true) return actual === 'integer' || actual === 'string';
  if (schema.type === undefined) return true;
  if (schema.type === 'number') return actual === 'integer' || actual === 'number';
  return actual === schema.type;
}

/** Whether `value` matches `pattern` (RE2, as the API server reads it); true when RE2 refuses the pattern (the CRD would not have been accepted). */
function matchesPattern(value: string, pattern: string): boolean {
  try {
    return re2(pattern).matcher(value).find();
  } catch {
    return true;
  }
}

/** A problem with `value` under `format`, for the formats the API server checks; undefined when it conforms or the format is not checked. */
function formatProblem(value: unknown, format: string): string | undefined {
  if (typeof value === 'number') {
    if (format === 'int32' && (value < -(2 ** 31) || value > 2 ** 31 - 1)) return 'must fit in a 32-bit integer';
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const checks: Record<string, () => boolean> = {
    ipv4: () => isIP(value) === 4,
    ipv6: () => isIP(value) === 6,
    cidr: () => /^[^/]+\/[0-9]{1,3}$/.test(value) && isIP(value.split('/')[0]) !== 0,
    byte: () => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value),
    'date-time': () => /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value),
    date: () => /^\d{4}-\d{2}-\d{2}$/.test(value),
    uuid: () => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(value),
  };
  const check = checks[format];
  return check === undefined || check() ? undefined : `must be in "${format}" format`;
}

/** The key of a list-map item: its map-key values, as text. */
function listMapKey(item: unknown, keys: readonly string[]): string {
  return JSON.stringify(keys.map((k) => (isRecord(item) ? (item[k] ?? null) : null)));
}

/** A short quoted excerpt of a value for messages. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

/**
 * Validates `value` against `schema` at `path`, appending to `issues`. CEL rules run when
 * `rules` is true (not inside allOf/anyOf/oneOf/not branches, which cannot carry them).
 */
function validate(value: unknown, schema: SchemaNode, path: string, issues: SchemaIssue[], rules: boolean): void {
  const invalid = (message: string, at = path): void => void issues.push({ kind: 'invalid', path: at, message });
  if (value === null && schema.nullable === true) return;
  if (!hasType(value, schema)) {
    invalid(`must be of type ${schema['x-kubernetes-int-or-string'] === true ? 'integer or string' : schema.type}, found ${typeOf(value)}`);
    return;
  }
  if (schema.enum !== undefined && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
    invalid(`unsupported value ${shown(value)}: supported values: ${schema.enum.map(shown).join(', ')}`);
  }
  if (typeof value === 'string') validateString(value, schema, invalid);
  if (typeof value === 'number') validateNumber(value, schema, invalid);
  if (schema.format !== undefined) {
    const problem = formatProblem(value, schema.format);
    if (problem !== undefined) invalid(`${shown(value)} ${problem}`);
  }
  if (Array.isArray(value)) validateArray(value, schema, path, issues, rules);
  if (isRecord(value)) validateObject(value, schema, path, issues, rules);
  validateCombinators(value, schema, path, issues);
  if (rules) runRules(value, schema, path, issues);
}

function validateString(value: string, schema: SchemaNode, invalid: (message: string) => void): void {
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) invalid(`must be at least ${schema.minLength} characters long, found ${length}`);
  if (schema.maxLength !== undefined && length > schema.maxLength) invalid(`may not be more than ${schema.maxLength} characters long, found ${length}`);
  if (schema.pattern !== undefined && !matchesPattern(value, schema.pattern)) invalid(`${shown(value)} does not match the pattern ${schema.pattern}`);
}

function validateNumber(value: number, schema: SchemaNode, invalid: (message: string) => void): void {
  if (schema.minimum !== undefined && (schema.exclusiveMinimum === true ? value <= schema.minimum : value < schema.minimum)) {
    invalid(`must be greater than ${schema.exclusiveMinimum === true ? '' : 'or equal to '}${schema.minimum}, found ${value}`);
  }
  if (schema.maximum !== undefined && (schema.exclusiveMaximum === true ? value >= schema.maximum : value > schema.maximum)) {
    invalid(`must be less than ${schema.exclusiveMaximum === true ? '' : 'or equal to '}${schema.maximum}, found ${value}`);
  }
  if (schema.multipleOf !== undefined && value % schema.multipleOf !== 0) invalid(`must be a multiple of ${schema.multipleOf}, found ${value}`);
}

function validateArray(value: readonly unknown[], schema: SchemaNode, path: string, issues: SchemaIssue[], rules: boolean): void {
  const invalid = (message: string, at = path): void => void issues.push({ kind: 'invalid', path: at, message });
  if (schema.minItems !== undefined && value.length < schema.minItems) invalid(`must have at least ${schema.minItems} items, found ${value.length}`);
  if (schema.maxItems !== undefined && value.length > schema.maxItems) invalid(`must have at most ${schema.maxItems} items, found ${value.length}`);
  const listType = schema['x-kubernetes-list-type'];
  const mapKeys = schema['x-kubernetes-list-map-keys'];
  if (listType === 'set' || (listType === 'map' && mapKeys !== undefined)) {
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const key = listType === 'set' ? JSON.stringify(item) : listMapKey(item, mapKeys as readonly string[]);
      if (seen.has(key))
        invalid(listType === 'set' ? `duplicate value ${shown(item)}` : `duplicate entry with key ${key} (keys ${(mapKeys as readonly string[]).join(', ')})`, `${path}[${i}]`);
      seen.add(key);
    });
  }
  if (schema.items !== undefined) value.forEach((item, i) => validate(item, schema.items as SchemaNode, `${path}[${i}]`, issues, rules));
}

function validateObject(value: Readonly<Record<string, unknown>>, schema: SchemaNode, path: string, issues: SchemaIssue[], rules: boolean): void {
  const count = Object.keys(value).length;
  if (schema.minProperties !== undefined && count < schema.minProperties)
    issues.push({ kind: 'invalid', path, message: `must have at least ${schema.minProperties} properties, found ${count}` });
  if (schema.maxProperties !== undefined && count > schema.maxProperties)
    issues.push({ kind: 'invalid', path, message: `must have at most ${schema.maxProperties} properties, found ${count}` });
  for (const key of schema.required ?? []) {
    if (!(key in value)) issues.push({ kind: 'invalid', path: child(path, key), message: 'Required value' });
  }
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const [key, field] of Object.entries(value)) {
    if (path === '' && key === 'metadata') continue;
    const fieldSchema = schema.properties?.[key] ?? additional;
    if (fieldSchema !== undefined) validate(field, fieldSchema, child(path, key), issues, rules);
  }
}

/** allOf / anyOf / oneOf / not: value validations on the same value. */
function validateCombinators(value: unknown, schema: SchemaNode, path: string, issues: SchemaIssue[]): void {
  const passes = (branch: SchemaNode): boolean => {
    const found: SchemaIssue[] = [];
    validate(value, branch, path, found, false);
    return found.length === 0;
  };
  for (const branch of schema.allOf ?? []) validate(value, branch, path, issues, false);
  if (schema.anyOf !== undefined && !schema.anyOf.some(passes)) issues.push({ kind: 'invalid', path, message: 'must validate at least one schema (anyOf)' });
  if (schema.oneOf !== undefined && schema.oneOf.filter(passes).length !== 1) issues.push({ kind: 'invalid', path, message: 'must validate one and only one schema (oneOf)' });
  if (schema.not !== undefined && passes(schema.not)) issues.push({ kind: 'invalid', path, message: 'must not validate the schema (not)' });
}

/** Runs the node's CEL rules with `self` = `value`. */
function runRules(value: unknown, schema: SchemaNode, path: string, issues: SchemaIssue[]): void {
  const rules = schema['x-kubernetes-validations'];
  if (rules === undefined || rules.length === 0) return;
  const self = toCelValue(value, schema);
  for (const rule of rules) {
    const outcome = evaluateRule(rule, self);
    if (outcome.status === 'pass') continue;
    const at = rule.fieldPath === undefined ? path : `${path}${rule.fieldPath}`.replace(/^\./, '');
    const kind = outcome.status === 'fail' ? 'rule' : outcome.status === 'error' ? 'rule-error' : 'rule-skipped';
    issues.push({ kind, path: at, message: outcome.message });
  }
}

/** Every problem the API server would find with `object` under `schema` (a CRD version's openAPIV3Schema). */
export function checkAgainstSchema(object: unknown, schema: SchemaNode): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const prepared = prepare(object, schema, '', issues, true);
  validate(prepared, schema, '', issues, true);
  return issues;
}
