import * as path from 'node:path';
import * as ts from 'typescript';
import { TOPOLOGY_SCHEMA } from '../../src/topology/model/schema';

/**
 * The JSON Schema (src/topology/model/schema.ts) and the TypeScript input types (src/topology/model/types.ts)
 * describe the same topology file twice: the schema for the loader and editors, the types for the
 * code. This test reads the `TopologyInput` type tree with the TypeScript compiler and walks it
 * beside the schema, so a field added, removed, renamed or made optional in one and not the
 * other fails here, with its field path.
 */

type Schema = { readonly [key: string]: unknown };

const TYPES_FILE = path.resolve(__dirname, '../../src/topology/model/types.ts');

function loadTopologyInputType(): { checker: ts.TypeChecker; type: ts.Type } {
  const program = ts.createProgram([TYPES_FILE], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(TYPES_FILE)!;
  const declaration = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'TopologyInput');
  if (!declaration) throw new Error(`no interface TopologyInput in ${TYPES_FILE}`);
  return { checker, type: checker.getTypeAtLocation(declaration) };
}

/**
 * Every disagreement between `type` and `schema` below `at`: properties present in one only,
 * properties required in one and optional in the other. Follows arrays (schema `items`) and
 * objects with named properties; stops at maps (`additionalProperties` only) and scalars.
 */
function disagreements(checker: ts.TypeChecker, type: ts.Type, schema: Schema, at: string): string[] {
  const items = schema.items as Schema | undefined;
  if (items !== undefined) {
    const element = checker.getIndexTypeOfType(checker.getNonNullableType(type), ts.IndexKind.Number);
    if (element === undefined) return [`${at}: the schema has a list, the type ${checker.typeToString(type)} is not one`];
    return disagreements(checker, element, items, `${at}[]`);
  }
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (properties === undefined) return [];
  const members = objectMembers(checker, type);
  if (members.length === 0) return [`${at}: the schema has a mapping with properties, the type ${checker.typeToString(type)} is not one`];
  const typed = new Map<string, ts.Symbol>();
  for (const member of members) for (const property of member.getProperties()) typed.set(property.name, property);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const out: string[] = [];
  for (const name of [...new Set([...typed.keys(), ...Object.keys(properties)])].sort()) {
    const field = at === '' ? name : `${at}.${name}`;
    const symbol = typed.get(name);
    if (symbol === undefined) {
      out.push(`${field}: in the schema, not in the TypeScript type`);
      continue;
    }
    if (properties[name] === undefined) {
      out.push(`${field}: in the TypeScript type, not in the schema`);
      continue;
    }
    const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0 || members.some((m) => m.getProperty(name) === undefined);
    if (optional === required.has(name)) out.push(`${field}: ${optional ? 'optional in the type, required in the schema' : 'required in the type, optional in the schema'}`);
    out.push(...disagreements(checker, checker.getTypeOfSymbol(symbol), properties[name], field));
  }
  return out;
}

/** The object types a field's type allows (`string | EnvSourceInput` gives EnvSourceInput), without undefined. */
function objectMembers(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  const nonNullable = checker.getNonNullableType(type);
  const candidates = nonNullable.isUnion() ? nonNullable.types : [nonNullable];
  return candidates.filter((t) => (t.flags & ts.TypeFlags.Object) !== 0 || t.isIntersection());
}

describe('the topology schema and the TypeScript input types', () => {
  const { checker, type } = loadTopologyInputType();

  test('have the same fields, equally required, at every level', () => {
    expect(disagreements(checker, type, TOPOLOGY_SCHEMA, '')).toEqual([]);
  });

  test('every field of the schema is compared: a field removed deep down is reported', () => {
    const drifted = JSON.parse(JSON.stringify(TOPOLOGY_SCHEMA)) as Schema;
    const apps = (drifted.properties as Record<string, Schema>).apps.items as Schema;
    const workload = (apps.properties as Record<string, Schema>).workloads.items as Schema;
    delete (workload.properties as Record<string, unknown>).image;
    (workload.required as string[]).push('port');
    expect(disagreements(checker, type, drifted, '')).toEqual([
      'apps[].workloads[].image: in the TypeScript type, not in the schema',
      'apps[].workloads[].port: optional in the type, required in the schema',
    ]);
  });

  test('the comparison sees the fields (it would report a drift)', () => {
    const project = (TOPOLOGY_SCHEMA.properties as Record<string, Schema>).project;
    const drifted: Schema = {
      ...TOPOLOGY_SCHEMA,
      required: [...(TOPOLOGY_SCHEMA.required as string[]), 'apps'],
      properties: { ...(TOPOLOGY_SCHEMA.properties as object), project: { ...project, properties: { ...(project.properties as object), extra: { type: 'string' } } } },
    };
    delete (drifted.properties as Record<string, unknown>).network;
    expect(disagreements(checker, type, drifted, '')).toEqual([
      'apps: optional in the type, required in the schema',
      'network: in the TypeScript type, not in the schema',
      'project.extra: in the schema, not in the TypeScript type',
    ]);
  });
});
