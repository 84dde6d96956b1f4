/** One thing wrong with a topology, tied to the field it concerns. */
export interface Problem {
  /** Dotted path into the topology file, e.g. `clusters[1].masterCidr`. */
  readonly path: string;
  /** What is wrong, with the value found and what is expected. */
  readonly message: string;
}

/** Longest part of a user-given string that a message quotes. */
export const EXCERPT_MAX = 80;

/**
 * A short, printable excerpt of a user-given string: at most `max` characters of it (then `...`
 * and the full length), quoted with control characters escaped, so a message never echoes a
 * huge or multi-line input.
 */
export function excerpt(value: string, max = EXCERPT_MAX): string {
  if (value.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, max))}... (${value.length} characters)`;
}

/** `text` cut to `max` characters, `...` marking a cut. */
export function clip(text: string, max = 2 * EXCERPT_MAX): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** A user-given key as a field path shows it: a long one cut to a short excerpt. */
export function pathKey(key: string): string {
  return clip(key, EXCERPT_MAX);
}

/** Formats a value as it appears in messages: strings quoted (a short excerpt), absent values named. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return excerpt(value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** Builds a problem as `path: what (found X, expected Y)`. */
export function problem(path: string, what: string, found: unknown, expected: string): Problem {
  return { path, message: `${what} (found ${show(found)}, expected ${expected})` };
}

/** Thrown when a topology has problems; carries all of them, in a stable order. */
export class TopologyError extends Error {
  constructor(
    public readonly source: string,
    public readonly problems: readonly Problem[],
  ) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n` + problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    this.name = 'TopologyError';
  }
}
