#!/usr/bin/env node
/*
 * Generates, from the TypeScript input types of the topology (src/topology/model, the one
 * definition of the topology file) and their JSDoc:
 *
 *   src/topology/generated/topology-schema.generated.ts   the JSON Schema (draft-07) as a const
 *   src/topology/generated/topology-validator.generated.ts its Ajv standalone validator
 *   src/topology/generated/defaults.generated.ts          the literal `@default` values
 *   topology.schema.json                                  the schema for editors (`meshfleet schema`)
 *
 *   node scripts/generate-schema.js           writes the files that changed (npm run generate)
 *   node scripts/generate-schema.js --check   exits 1 when a file is out of date
 *
 * How the JSDoc maps to the schema (ts-json-schema-generator 2.4.0, extended JSDoc):
 * - the comment text is the `description`; `@minimum`, `@maximum`, `@minItems`, `@minLength`...
 *   are copied; `@asType integer` makes a number an integer;
 * - `@title` is the short wording that error messages put after "expected" (see
 *   src/topology/rules/structure.ts), set on the format aliases of src/topology/model/formats.ts;
 * - `@predicate NAME` names a pattern of src/topology/rules/predicates.ts, set as `pattern`;
 * - `@default` followed by JSON (`"gke"`, `3`, `true`, `[]`, `{"asm": "ingressgateway"}`) is a
 *   literal default: the schema's `default`, and an entry of defaults.generated.ts, which
 *   src/topology/resolve/defaults.ts reads; any other text is a computed default, described in
 *   prose: it is appended to the description ("Default: ...") and is no `default` keyword.
 *
 * The schema is then made self-contained (every `$ref` inlined, as editors and the error
 * messages want) and normalized to the shape the loader has always used (enums without `type`,
 * `const` as a one-value `enum`, a union of a string and a mapping as one node with two types).
 *
 * The output is deterministic; test/topology/generated.test.ts fails when a committed file
 * differs from a fresh generation. Plain CommonJS; needs the devDependencies
 * ts-json-schema-generator and esbuild (to read predicates.ts), and the dependency ajv.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const MODEL_ENTRY = path.join(ROOT, 'src', 'topology', 'model', 'topology.ts');
const PREDICATES_TS = path.join(ROOT, 'src', 'topology', 'rules', 'predicates.ts');
const GENERATED = path.join(ROOT, 'src', 'topology', 'generated');
const OUTPUTS = {
  schema: path.join(GENERATED, 'topology-schema.generated.ts'),
  validator: path.join(GENERATED, 'topology-validator.generated.ts'),
  defaults: path.join(GENERATED, 'defaults.generated.ts'),
  json: path.join(ROOT, 'topology.schema.json'),
};

/** The root type of the topology file. */
const ROOT_TYPE = 'TopologyInput';
/** No root `title`: a title is what error messages expect of a value (the root's: a mapping). */
const DOCUMENT_HEAD = { $schema: 'http://json-schema.org/draft-07/schema#' };

/**
 * The Ajv options of the structural check. `allErrors` reports every problem, `verbose` gives
 * each error the data and the parent schema that src/topology/rules/structure.ts turns into messages,
 * `inlineRefs: false` keeps each definition in a function of its own (see hoistListItems).
 */
const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true, inlineRefs: false };

/** List item schemas at least this long (as JSON) become a definition of their own. */
const HOISTED_ITEM_SIZE = 200;

/** Marks a prose `@default` while the generator runs (never left in an output). */
const PROSE_DEFAULT = 'x-meshfleet-prose-default';

/** Loads a TypeScript module of the project (compiled in memory by esbuild). */
function loadTs(file) {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({ entryPoints: [file], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require);
  return module.exports;
}

/**
 * The schema of ROOT_TYPE as ts-json-schema-generator makes it, with its definitions.
 * `@default` tags are read as JSON when they parse (a literal default), else kept as prose,
 * marked with PROSE_DEFAULT; the library alone would turn prose into a string default.
 */
function rawSchema() {
  const ts = require('typescript');
  const { BasicAnnotationsReader, DEFAULT_CONFIG, SchemaGenerator, createFormatter, createParser } = require('ts-json-schema-generator');
  const parseJsDocTag = BasicAnnotationsReader.prototype.parseJsDocTag;
  BasicAnnotationsReader.prototype.parseJsDocTag = function parseDefaultAsJson(tag) {
    if (tag.name !== 'default') return parseJsDocTag.call(this, tag);
    const text = (tag.text ?? [])
      .map((part) => part.text)
      .join('')
      .trim();
    try {
      return JSON.parse(text);
    } catch {
      return { [PROSE_DEFAULT]: text };
    }
  };
  try {
    const config = {
      ...DEFAULT_CONFIG,
      type: ROOT_TYPE,
      expose: 'export',
      topRef: true,
      jsDoc: 'extended',
      sortProps: false,
      skipTypeCheck: true,
      additionalProperties: false,
      extraTags: ['predicate'],
    };
    // A program of the model alone (no @types, ES5 library): a third of the time of the project's tsconfig.
    const options = { noEmit: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: [], lib: ['lib.es5.d.ts'] };
    const program = ts.createProgram([MODEL_ENTRY], options);
    const generator = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
    return generator.createSchema(ROOT_TYPE);
  } finally {
    BasicAnnotationsReader.prototype.parseJsDocTag = parseJsDocTag;
  }
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const isProse = (value) => isObject(value) && PROSE_DEFAULT in value;

/** `{@link X}` → `X`; the generator keeps JSDoc's inline tags as text. */
function plainText(text) {
  return text.replace(/\{@link\s+([^}\s]+)\s*\}/g, '`$1`').replace(/ {2,}/g, ' ');
}

/**
 * The literal `@default` of every property of the named object definitions, by definition
 * name: what src/topology/resolve/defaults.ts reads. A literal default inside an anonymous
 * object type has no name to be found by: name the type.
 */
function literalDefaults(definitions) {
  const out = {};
  const anonymous = (node, at) => {
    if (!isObject(node)) return;
    if (isObject(node.properties)) {
      for (const [name, property] of Object.entries(node.properties)) {
        if ('default' in property && !isProse(property.default)) throw new Error(`${at}.${name}: a literal @default in an anonymous type; give the type a name`);
        anonymous(property, `${at}.${name}`);
      }
    }
    for (const key of ['items', 'additionalProperties']) anonymous(node[key], `${at}.${key}`);
  };
  for (const name of Object.keys(definitions).sort()) {
    const definition = definitions[name];
    if (!isObject(definition.properties)) continue;
    const values = {};
    for (const [property, schema] of Object.entries(definition.properties)) {
      if ('default' in schema && !isProse(schema.default)) values[property] = schema.default;
      const { default: _ignored, ...rest } = schema;
      anonymous(rest.$ref === undefined ? rest : {}, `${name}.${property}`);
    }
    if (Object.keys(values).length > 0) out[name] = values;
  }
  return out;
}

/** JSON Schema keywords that only constrain values of one type (merging unions relies on it). */
const TYPE_KEYWORDS = {
  string: ['pattern', 'minLength', 'maxLength', 'format'],
  object: ['properties', 'required', 'additionalProperties', 'propertyNames', 'minProperties', 'maxProperties'],
  array: ['items', 'minItems', 'maxItems', 'uniqueItems'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
};
const ANNOTATIONS = ['description', 'title', 'default', 'examples'];

/**
 * `anyOf` of branches of distinct single types, each using only keywords of its own type,
 * as one node with a list of types: the same values accepted, one error per problem.
 */
function mergeTypeUnion(node) {
  const { anyOf, ...rest } = node;
  // An enum constrains values of every type, so a union of an enum and another type (an HTTP
  // method name or a gRPC method match) stays an anyOf.
  if (anyOf.some((branch) => branch.type === undefined && Array.isArray(branch.enum))) return node;
  const merged = { type: [] };
  for (const branch of anyOf) {
    const type = branch.type;
    if (typeof type !== 'string' || merged.type.includes(type)) throw new Error(`cannot merge the union ${JSON.stringify(anyOf)}: give it one type per branch`);
    merged.type.push(type);
    for (const [key, value] of Object.entries(branch)) {
      if (key === 'type' || ANNOTATIONS.includes(key)) continue;
      if (!(TYPE_KEYWORDS[type === 'integer' ? 'number' : type] ?? []).includes(key)) throw new Error(`cannot merge the union ${JSON.stringify(anyOf)}: ${key} on a ${type}`);
      merged[key] = value;
    }
  }
  return { ...merged, ...rest };
}

/** Whether every enum value has the JSON type `type` (so `type` adds nothing to `enum`). */
function enumImpliesType(values, type) {
  const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) && type === 'integer' ? 'integer' : typeof v);
  return typeof type === 'string' && values.every((v) => typeOf(v) === type);
}

/**
 * The self-contained schema of `node`: `$ref`s inlined (the referring node's annotations win
 * over the definition's), predicates resolved to patterns, prose defaults moved into the
 * description, and the normalizations listed in the header.
 */
function inline(node, definitions, predicates, stack = []) {
  if (Array.isArray(node)) return node.map((item) => inline(item, definitions, predicates, stack));
  if (!isObject(node)) return node;
  let current = node;
  if (typeof current.$ref === 'string') {
    const name = decodeURIComponent(current.$ref.replace('#/definitions/', ''));
    if (stack.includes(name)) throw new Error(`recursive type ${[...stack, name].join(' -> ')}: the topology schema is a tree`);
    const { $ref: _ref, ...rest } = current;
    const target = inline(definitions[name], definitions, predicates, [...stack, name]);
    current = { ...target, ...rest };
  }
  const out = {};
  for (const [key, value] of Object.entries(current)) {
    if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, inline(property, definitions, predicates, stack)]));
    else if (key === 'enum' || key === 'required' || key === 'default' || key === 'examples') out[key] = value;
    else out[key] = inline(value, definitions, predicates, stack);
  }
  if ('predicate' in out) {
    const pattern = predicates[out.predicate];
    if (typeof pattern !== 'string') throw new Error(`@predicate ${out.predicate}: no such pattern in src/topology/rules/predicates.ts`);
    delete out.predicate;
    out.pattern = pattern;
  }
  if (isProse(out.default)) {
    const prose = out.default[PROSE_DEFAULT];
    delete out.default;
    out.description = `${out.description ? `${out.description}\n\n` : ''}Default: ${prose}.`.replace(/\.\.$/, '.');
  }
  if (typeof out.description === 'string') out.description = plainText(out.description);
  if ('const' in out) {
    out.enum = [out.const];
    delete out.const;
  }
  if (Array.isArray(out.enum) && enumImpliesType(out.enum, out.type)) delete out.type;
  return Array.isArray(out.anyOf) ? mergeTypeUnion(out) : out;
}

/**
 * The schema with every large list item schema (`items`) moved to `definitions` and referred to
 * by `$ref`, identical ones shared. Compiled with `inlineRefs: false`, each becomes a function of
 * its own, which V8 compiles on its first call only: a topology pays for the parts of the schema
 * it uses (the default example: ~0.1 s less than one function for the whole schema). Errors stay
 * the same: same paths, same order, and each error's parent schema has the same content.
 * Only `items` are moved: a property's schema stays in place, so that the parent schema of a
 * `required` error still describes the missing property.
 */
function hoistListItems(schema) {
  const definitions = {};
  const names = new Map();
  const visit = (node) => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' || key === 'required' || key === 'default' || key === 'examples') out[key] = value;
      else if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, visit(property)]));
      else if (key === 'items' && value !== null && typeof value === 'object' && !Array.isArray(value)) out[key] = hoisted(visit(value));
      else out[key] = visit(value);
    }
    return out;
  };
  const hoisted = (items) => {
    const text = JSON.stringify(items);
    if (text.length < HOISTED_ITEM_SIZE) return items;
    if (!names.has(text)) {
      const name = `items${names.size}`;
      names.set(text, name);
      definitions[name] = items;
    }
    return { $ref: `#/definitions/${names.get(text)}` };
  };
  if ('definitions' in schema) throw new Error('the topology schema has definitions already: update hoistListItems');
  return { ...visit(schema), definitions };
}

/** The schema document (draft-07, self-contained) and the literal defaults, from the model. */
function buildSchema() {
  const raw = rawSchema();
  const predicates = loadTs(PREDICATES_TS);
  const definitions = raw.definitions ?? {};
  const defaults = literalDefaults(definitions);
  const schema = { ...DOCUMENT_HEAD, ...inline({ $ref: `#/definitions/${ROOT_TYPE}` }, definitions, predicates) };
  return { schema, defaults };
}

/**
 * `schema` without the annotations for editors (`description`, `default`, `examples`), which the
 * validator embeds for nothing: error messages read a node's `title`, `enum` and `type` only.
 */
function withoutDocumentation(node) {
  if (Array.isArray(node)) return node.map(withoutDocumentation);
  if (!isObject(node)) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, withoutDocumentation(property)]));
    else if (key === 'enum' || key === 'required') out[key] = value;
    else if (key !== 'description' && key !== 'default' && key !== 'examples') out[key] = withoutDocumentation(value);
  }
  return out;
}

/** The text of the Ajv standalone validator of `schema`. */
function validatorSource(schema) {
  const Ajv = require('ajv').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true, lines: false } });
  const code = standaloneCode(ajv, ajv.compile(hoistListItems(withoutDocumentation(schema))));
  const prefix = /^"use strict";export const validate = (validate\d+);export default \1;/.exec(code);
  const runtime = 'require("ajv/dist/runtime/ucs2length").default';
  if (!prefix || !code.includes(`function ${prefix[1]}(`)) throw new Error('unexpected Ajv standalone output: update scripts/generate-schema.js');
  const body = code.slice(prefix[0].length).split(runtime).join('ucs2length');
  if (/\brequire\(/.test(body)) throw new Error('Ajv standalone output needs a runtime module this script does not import: update it');
  return [
    '// Generated by scripts/generate-schema.js from the topology model (src/topology/model); do not edit.',
    '// Regenerate with `npm run generate` after changing the model.',
    '// @ts-nocheck',
    "import type { ValidateFunction } from 'ajv';",
    "import ucs2length from 'ajv/dist/runtime/ucs2length';",
    '',
    body,
    '',
    `/** The topology schema's validator, compiled ahead of time with Ajv options ${JSON.stringify(AJV_OPTIONS)}. */`,
    `export const validateTopologyShape = ${prefix[1]} as ValidateFunction;`,
    '',
  ].join('\n');
}

const HEADER = [
  '// Generated by scripts/generate-schema.js from the topology model (src/topology/model); do not edit.',
  '// Regenerate with `npm run generate` after changing the model.',
];

function schemaSource(schema) {
  return [
    ...HEADER,
    '',
    '/**',
    ' * JSON Schema (draft-07) of the topology file: keys, types, enums, formats and bounds, with a',
    ' * description of every field. Semantic rules (cross-references, limits that depend on other',
    ' * fields) live in src/topology/rules. `meshfleet schema` prints it; editors read it as',
    ' * /topology.schema.json (`# yaml-language-server: $schema=...`).',
    ' */',
    `export const TOPOLOGY_SCHEMA: Readonly<Record<string, unknown>> = ${JSON.stringify(schema, null, 2)};`,
    '',
  ].join('\n');
}

function defaultsSource(defaults) {
  return [
    ...HEADER,
    '',
    '/**',
    ' * The literal `@default` of each input property, by input type name: the one copy of these',
    ' * values, read by src/topology/resolve/defaults.ts. Computed defaults (derived from other',
    ' * fields) are prose in the JSDoc and code in defaults.ts.',
    ' */',
    `export const MODEL_DEFAULTS = ${JSON.stringify(defaults, null, 2)} as const;`,
    '',
  ].join('\n');
}

/** The text of every generated file, by path. */
function generate() {
  const { schema, defaults } = buildSchema();
  return {
    [OUTPUTS.schema]: schemaSource(schema),
    [OUTPUTS.validator]: validatorSource(schema),
    [OUTPUTS.defaults]: defaultsSource(defaults),
    [OUTPUTS.json]: `${JSON.stringify(schema, null, 2)}\n`,
  };
}

module.exports = { generate, buildSchema, OUTPUTS, AJV_OPTIONS };

if (require.main === module) {
  const check = process.argv.includes('--check');
  const started = Date.now();
  const files = generate();
  const stale = [];
  for (const [file, text] of Object.entries(files)) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (current === text) continue;
    stale.push(path.relative(ROOT, file));
    if (!check) fs.writeFileSync(file, text);
  }
  if (check && stale.length > 0) {
    process.stderr.write(`out of date: ${stale.join(', ')}; run npm run generate\n`);
    process.exit(1);
  }
  if (!check) process.stdout.write(`${stale.length === 0 ? 'up to date' : `wrote ${stale.join(', ')}`} (${Date.now() - started} ms)\n`);
}
