/** One thing wrong with a topology, tied to the field it concerns. */
export interface Problem {
  /** Dotted path into the topology file, e.g. `clusters[1].masterCidr`. */
  readonly path: string;
  /** What is wrong, with the value found and what is expected. */
  readonly message: string;
}

/** Formats a value as it appears in messages: strings quoted, absent values named. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
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
    super(
      `${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n` +
        problems.map((p) => `${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'TopologyError';
  }
}
