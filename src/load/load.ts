import { CST, Document, isCollection, isScalar, LineCounter, parseDocument, Parser, visit } from 'yaml';
import { resolveTopology } from '../topology/resolve/defaults';
import { checkInputShape, NESTING_MESSAGE } from './input-shape';
import { MAX_NESTING_DEPTH } from './limits';
import { readPlainYaml } from './plain-yaml';
import { readTopologyBytes } from './read-topology';
import { clip, excerpt, Problem, TopologyError } from '../topology/rules/problems';
import { buildPlan } from '../plan/build-plan';
import { checkPlanPatches } from '../plan/extras';
import { checkPlanGatewayApi } from '../plan/gateway-api';
import { checkPlanNames } from '../plan/name-rules';
import { checkRules } from '../topology/rules/rules';
import { checkStructure } from '../topology/rules/structure';
import { ResolvedTopology, TopologyInput } from '../topology/model/types';

/**
 * Validates a topology given as a plain object (parsed YAML or JSON, or a TypeScript literal)
 * and returns the resolved model. Steps, each only when the one before found nothing:
 * shape (nesting depth and unsupported keys, {@link checkInputShape}, before anything recurses
 * into the input) -> structure (the schema) -> resolve (defaults) -> the rules on input and model -> the plan ->
 * the plan's names ({@link checkPlanNames}: clashes and derived-name limits over the objects
 * each cluster will hold) and its Gateway API ({@link checkPlanGatewayApi}: no Gateway API
 * objects on a cluster that turns the API off) and its patches ({@link checkPlanPatches}: every
 * escape-hatch patch has a target). The plan comes after the rules because it trusts the model they
 * checked (references resolve, file names are free); its name checks come after the plan
 * because only the plan knows which objects share a cluster, and under which names.
 * @throws TopologyError listing every problem found
 */
export function validateTopology(input: unknown, source = 'topology'): ResolvedTopology {
  const shape = checkInputShape(input);
  if (shape.length > 0) throw new TopologyError(source, shape);
  const structural = checkStructure(input);
  if (structural.length > 0) throw new TopologyError(source, structural);
  const typed = input as TopologyInput;
  const model = resolveTopology(typed);
  const semantic = checkRules(typed, model);
  if (semantic.length > 0) throw new TopologyError(source, semantic);
  const plan = buildPlan(model);
  const planned = [...checkPlanNames(model, plan), ...checkPlanGatewayApi(model, plan), ...checkPlanPatches(model, plan)];
  if (planned.length > 0) throw new TopologyError(source, planned);
  return model;
}

/** What a YAML problem's message ends with. */
const INVALID_YAML = '(found invalid YAML, expected a YAML or JSON mapping)';

/** The first line of a YAML library message, cut short: it may quote the input (an alias name, a token). */
function yamlMessage(message: string): string {
  return `${clip(message.split('\n')[0])} ${INVALID_YAML}`;
}

/**
 * Parses YAML (or JSON, a subset of it), reporting syntax errors, duplicate keys and list or
 * mapping keys as problems. Plain YAML (most topology files) is read by {@link readPlainYaml},
 * which gives the same value faster; everything else, and every file with a problem, by the
 * yaml library, after a check of its nesting depth on the library's syntax tree (built without
 * recursion), since composing a deeper document recurses once per level.
 */
export function parseTopologyText(text: string, source: string): unknown {
  const plain = readPlainYaml(text);
  if (plain !== undefined) return plain.value;
  const lineCounter = new LineCounter();
  const at = (offset: number): string => ((pos) => `line ${pos.line}, column ${pos.col}`)(lineCounter.linePos(offset));
  const tooDeep = tooDeepAt(text);
  if (tooDeep !== undefined) throw new TopologyError(source, [{ path: tooDeep, message: NESTING_MESSAGE }]);
  // The library's own uniqueKeys check compares every key with every earlier one (quadratic in
  // the size of a mapping); duplicateKeys does the same check in one pass.
  const document = parseDocument(text, { uniqueKeys: false, prettyErrors: false, lineCounter });
  const syntax: Problem[] = document.errors.map((e) => ({
    path: at(e.pos[0]),
    message: yamlMessage(e.message),
  }));
  const problems = syntax.length > 0 ? syntax : keyProblems(document, at);
  if (problems.length > 0) throw new TopologyError(source, problems);
  try {
    return document.toJS();
  } catch (error) {
    // e.g. an alias used before its anchor
    throw new TopologyError(source, [{ path: '(file)', message: yamlMessage((error as Error).message) }]);
  }
}

/**
 * Where (`line L, column C`) the first collection nested deeper than {@link MAX_NESTING_DEPTH}
 * starts, or undefined: one walk of the yaml library's syntax tree with a stack of its own.
 */
function tooDeepAt(text: string): string | undefined {
  const lineCounter = new LineCounter();
  const stack: Array<[CST.Token, number]> = [];
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) stack.push([token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push([token.value, depth]);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_NESTING_DEPTH) {
        const { line, col } = lineCounter.linePos(token.offset);
        return `line ${line}, column ${col}`;
      }
      for (const item of token.items) {
        if ('key' in item && item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

/**
 * Keys repeated in a mapping, and keys that are lists or mappings (no topology key is one; JSON
 * has none), in file order; one pass over the document (linear in its size).
 */
function keyProblems(document: Document, at: (offset: number) => string): Problem[] {
  const repeated: Array<{ offset: number; key: unknown }> = [];
  const complex: number[] = [];
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (isCollection(key)) {
          complex.push(key.range?.[0] ?? 0);
          continue;
        }
        // Scalars are equal by value (as YAML defines it); a complex key is never equal to another.
        const identity = isScalar(key) ? key.value : key;
        if (seen.has(identity)) repeated.push({ offset: isScalar(key) && key.range ? key.range[0] : 0, key: identity });
        seen.add(identity);
      }
    },
  });
  return [
    ...repeated.map(({ offset, key }) => ({ offset, message: `Map keys must be unique: ${excerpt(String(key))} repeated ${INVALID_YAML}` })),
    ...complex.map((offset) => ({ offset, message: `A key must be a plain value, not a list or mapping ${INVALID_YAML}` })),
  ]
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, message }) => ({ path: at(offset), message }));
}

/**
 * Reads ({@link readTopologyBytes}: a regular file of at most `MAX_TOPOLOGY_BYTES`), parses and
 * validates a topology file.
 * @throws TopologyError when the file cannot be read or the topology has problems
 */
export function loadTopologyFile(file: string): ResolvedTopology {
  const text = readTopologyBytes(file).toString('utf8');
  return validateTopology(parseTopologyText(text, file), file);
}
