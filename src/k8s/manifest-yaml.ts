import { Yaml } from 'cdk8s';
import { Document } from 'yaml';

/*
 * Kubernetes objects as YAML, byte for byte as cdk8s's Yaml.stringify writes them (the yaml
 * library with YAML 1.1 tags, no line folding), only faster. The library builds a document model
 * of every object before writing it; for the plain data of a manifest that was the largest part
 * of a small synth. Here the block structure (mappings, sequences, indentation) is written
 * directly, and every scalar the library would write as plain text is recognized by a
 * conservative test; any other scalar is written by the library itself (one call per distinct
 * string, remembered), and a document holding anything else (multi-line or very long strings,
 * non-integer numbers, undefined, the same object twice, which the library writes as an
 * alias...) is written by Yaml.stringify whole. test/k8s/manifest-yaml.test.ts checks the
 * result against Yaml.stringify on every example and on generated data.
 */

/** Thrown inside the fast writer when a document needs the library. */
class NeedsLibrary extends Error {}

/**
 * Strings the library may write as they are: a letter or `/` first, then letters, digits and
 * `._/:-`, not ending in `:`; it does unless they read as another YAML 1.1 type
 * ({@link readsAsOtherType}).
 */
const PLAIN = /^[A-Za-z/][A-Za-z0-9._/:-]*$/;

/**
 * The tests by which the library recognizes YAML 1.1's implicit types (`yes`, `off`, `null`,
 * `e5`...), taken from the library itself: a plain string matching one is quoted.
 */
const IMPLICIT_TYPE_TESTS: readonly RegExp[] = (() => {
  const { tags, compat } = new Document(null, { version: '1.1' }).schema;
  type Tag = { default?: unknown; tag?: string; test?: RegExp };
  return ([...tags, ...(compat ?? [])] as Tag[])
    .filter((tag) => Boolean(tag.default) && tag.tag !== 'tag:yaml.org,2002:str' && tag.test instanceof RegExp)
    .map((tag) => tag.test as RegExp);
})();

function readsAsOtherType(value: string): boolean {
  return IMPLICIT_TYPE_TESTS.some((test) => test.test(value));
}
/** Longer keys become explicit (`? key`) keys in the library's output. */
const MAX_PLAIN_LENGTH = 1000;

/** Renderings of strings by the library, by string. */
const libraryScalars = new Map<string, string>();

function stringScalar(value: string): string {
  if (value.length > MAX_PLAIN_LENGTH) throw new NeedsLibrary();
  if (PLAIN.test(value) && !value.endsWith(':') && !readsAsOtherType(value)) return value;
  // A line break, or a document marker (which the library treats differently at the top level
  // than inside a mapping), needs the context of the whole document.
  if (value.includes('\n') || value.includes('\r') || /^(?:%|---|\.\.\.)/.test(value)) throw new NeedsLibrary();
  let text = libraryScalars.get(value);
  if (text === undefined) {
    text = Yaml.stringify(value).replace(/\n$/, '');
    if (text.includes('\n')) throw new NeedsLibrary();
    libraryScalars.set(value, text);
  }
  return text;
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return stringScalar(value);
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  throw new NeedsLibrary();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Writes one document as lines; each object is entered once (a second visit would be an alias). */
class BlockWriter {
  private readonly seen = new Set<object>();

  document(value: unknown): string {
    let lines: string[];
    if (Array.isArray(value) && value.length > 0) lines = this.sequence(value, '');
    else if (isPlainObject(value) && Object.keys(value).length > 0) lines = this.mapping(value, '');
    else throw new NeedsLibrary();
    return `${lines.join('\n')}\n`;
  }

  private enter(value: object): void {
    if (this.seen.has(value)) throw new NeedsLibrary();
    this.seen.add(value);
  }

  /** `{}`, `[]` or a scalar, when `value` fits after `key:` or `-` on the same line; otherwise undefined. */
  private inline(value: unknown): string | undefined {
    if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
    if (typeof value === 'object' && value !== null) {
      if (!isPlainObject(value)) throw new NeedsLibrary();
      return Object.keys(value).length === 0 ? '{}' : undefined;
    }
    return scalar(value);
  }

  private mapping(value: Record<string, unknown>, indent: string): string[] {
    this.enter(value);
    const lines: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      const name = stringScalar(key);
      const inline = this.inline(item);
      if (inline !== undefined) {
        lines.push(`${indent}${name}: ${inline}`);
        continue;
      }
      lines.push(`${indent}${name}:`);
      lines.push(...this.nested(item, `${indent}  `));
    }
    return lines;
  }

  private sequence(value: readonly unknown[], indent: string): string[] {
    this.enter(value);
    const lines: string[] = [];
    for (const item of value) {
      const inline = this.inline(item);
      if (inline !== undefined) {
        lines.push(`${indent}- ${inline}`);
        continue;
      }
      // A collection in a sequence starts on the dash's line.
      const [first, ...rest] = this.nested(item, `${indent}  `);
      lines.push(`${indent}- ${first.slice(indent.length + 2)}`, ...rest);
    }
    return lines;
  }

  /** A non-empty mapping or sequence, every line starting with `indent`. */
  private nested(value: unknown, indent: string): string[] {
    return Array.isArray(value) ? this.sequence(value, indent) : this.mapping(value as Record<string, unknown>, indent);
  }
}

/**
 * Multi-document YAML of `objects`, exactly as cdk8s's `Yaml.stringify(...objects)` writes it
 * (documents joined by `---`, no timestamps, keys in object order).
 */
export function manifestYaml(objects: readonly unknown[]): string {
  return objects
    .map((object) => {
      if (object === undefined) return '\n';
      try {
        return new BlockWriter().document(object);
      } catch (error) {
        if (!(error instanceof NeedsLibrary)) throw error;
        return Yaml.stringify(object);
      }
    })
    .join('---\n');
}
