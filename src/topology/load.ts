import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { resolveTopology } from './defaults';
import { Problem, TopologyError } from './problems';
import { checkRules } from './rules';
import { checkStructure } from './structure';
import { ResolvedTopology, TopologyInput } from './types';

/**
 * Validates a topology given as a plain object (parsed YAML or JSON, or a TypeScript literal)
 * and returns the resolved model.
 * @throws TopologyError listing every problem found
 */
export function validateTopology(input: unknown, source = 'topology'): ResolvedTopology {
  const structural = checkStructure(input);
  if (structural.length > 0) throw new TopologyError(source, structural);
  const typed = input as TopologyInput;
  const model = resolveTopology(typed);
  const semantic = checkRules(typed, model);
  if (semantic.length > 0) throw new TopologyError(source, semantic);
  return model;
}

/** Parses YAML (or JSON, a subset of it), reporting syntax errors and duplicate keys as problems. */
export function parseTopologyText(text: string, source: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  if (document.errors.length > 0) {
    const problems: Problem[] = document.errors.map((e) => ({
      path: ((at) => `line ${at.line}, column ${at.col}`)(lineCounter.linePos(e.pos[0])),
      message: `${e.message.split('\n')[0]} (found invalid YAML, expected a YAML or JSON mapping)`,
    }));
    throw new TopologyError(source, problems);
  }
  try {
    return document.toJS();
  } catch (error) {
    // e.g. an alias used before its anchor
    throw new TopologyError(source, [{ path: '(file)', message: `${(error as Error).message} (found invalid YAML, expected a YAML or JSON mapping)` }]);
  }
}

/**
 * Reads, parses and validates a topology file.
 * @throws TopologyError when the file cannot be read or the topology has problems
 */
export function loadTopologyFile(file: string): ResolvedTopology {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new TopologyError(file, [{ path: '(file)', message: `cannot read the topology (found ${reason}, expected a readable YAML or JSON file)` }]);
  }
  return validateTopology(parseTopologyText(text, file), file);
}
