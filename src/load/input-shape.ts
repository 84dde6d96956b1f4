import { MAX_NESTING_DEPTH } from './limits';
import { clip, Problem, problem } from '../topology/rules/problems';
import { toFieldPath } from '../topology/rules/structure';

/**
 * Keys that a JavaScript object cannot carry as data all the way to the rendered YAML:
 * `__proto__` (assigning it sets the object's prototype, so the key silently disappears) and
 * `constructor` (cdk8s, which renders the Kubernetes objects, reads `value.constructor.name` of
 * every mapping and fails on a mapping that has its own `constructor`). Refused wherever they
 * appear, with their path; other names of `Object.prototype` (`toString`, `hasOwnProperty`, ...)
 * are ordinary keys.
 */
export const UNSUPPORTED_KEYS: readonly string[] = ['__proto__', 'constructor'];

/** What a key of {@link UNSUPPORTED_KEYS} is refused with. */
const UNSUPPORTED_KEY_EXPECTED =
  `a key other than ${UNSUPPORTED_KEYS.map((k) => JSON.stringify(k)).join(' and ')} ` + '(JavaScript, which carries the topology to the rendered YAML, cannot keep them as data)';

/** The message of a value nested deeper than {@link MAX_NESTING_DEPTH}. */
export const NESTING_MESSAGE = `nested too deeply (found more than ${MAX_NESTING_DEPTH} levels of mappings and lists, expected at most ${MAX_NESTING_DEPTH})`;

/**
 * Checks what every later step walks recursively, without recursing itself: the nesting depth
 * (at most {@link MAX_NESTING_DEPTH}; the first value nested deeper is reported, its path cut
 * short) and the keys of {@link UNSUPPORTED_KEYS} (each reported with its path), in file order.
 * A value reached twice (a YAML alias) is walked again only when reached deeper than before.
 */
export function checkInputShape(input: unknown): Problem[] {
  const problems: Problem[] = [];
  const deepest = new Map<object, number>();
  const stack: Array<{ value: unknown; pointer: string; depth: number }> = [{ value: input, pointer: '', depth: 1 }];
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if ((deepest.get(value) ?? 0) >= depth) continue;
    deepest.set(value, depth);
    if (depth > MAX_NESTING_DEPTH) {
      problems.push({ path: clip(toFieldPath(pointer)), message: NESTING_MESSAGE });
      break;
    }
    const children: Array<{ value: unknown; pointer: string; depth: number }> = [];
    if (Array.isArray(value)) {
      value.forEach((item, index) => children.push({ value: item, pointer: `${pointer}/${index}`, depth: depth + 1 }));
    } else {
      for (const key of Object.keys(value)) {
        const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (UNSUPPORTED_KEYS.includes(key)) problems.push(problem(toFieldPath(child), 'unsupported key', key, UNSUPPORTED_KEY_EXPECTED));
        else children.push({ value: (value as Record<string, unknown>)[key], pointer: child, depth: depth + 1 });
      }
    }
    // Last pushed is walked first: push in reverse to keep file order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return problems;
}
