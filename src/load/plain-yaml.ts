import { Document, isScalar } from 'yaml';
import { MAX_NESTING_DEPTH } from './limits';

/*
 * A fast reader for the plain YAML that topology files are written in: block mappings and
 * sequences, one-line plain and quoted scalars, one-line flow collections, anchors on values and
 * on block entries, aliases, and comments. The yaml library (which reads every file this reader
 * declines) builds a concrete syntax tree through layers of generators; cold, in a short-lived
 * process, that took 40-130 ms for the default example, more than validating and resolving it.
 * This reader gives up (returns undefined) on anything outside its subset: tags, block or
 * multi-line scalars, escapes, directives, several documents, tabs, carriage returns, repeated
 * keys or anchors, keys that are not simple words, odd indentation, nesting deeper than
 * MAX_NESTING_DEPTH (so that it never recurses deeper than that), and anything else it does
 * not recognize, so every file it accepts is one the library accepts, with the same value.
 * test/topology/plain-yaml.test.ts checks both on every example and on generated texts.
 */

/** Thrown when the text leaves the subset; the caller then reads it with the library. */
class OutsideSubset extends Error {}

/** Keys this reader accepts: simple words, which YAML 1.2 reads as strings unless a type test matches. */
const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
/** Starts of something other than a plain scalar in block context (`-` only before a space). */
const INDICATOR_START = /^(?:[&*!|>%@`?:,[\]{}#'"]|-(?:\s|$))/;
/** Longer keys must be explicit (`? key`) keys. */
const MAX_KEY_LENGTH = 1000;

/** The YAML 1.2 core schema's scalar types (null, bool, int, float) as the library resolves them. */
const SCALAR_TYPES = (() => {
  const document = new Document(null);
  type Tag = { default?: unknown; tag?: string; test?: RegExp; resolve?: (text: string, onError: (message: string) => void, options: unknown) => unknown };
  const tags = (document.schema.tags as Tag[]).filter((tag) => tag.default === true && tag.test instanceof RegExp && tag.tag !== 'tag:yaml.org,2002:str');
  return { tags, options: document.options };
})();

/** The value of a plain scalar: a null, boolean or number when one of the schema's tests matches, else the string. */
function plainValue(text: string): unknown {
  for (const tag of SCALAR_TYPES.tags) {
    if (!tag.test!.test(text)) continue;
    const resolved = tag.resolve!(
      text,
      () => {
        throw new OutsideSubset();
      },
      SCALAR_TYPES.options,
    );
    return isScalar(resolved) ? resolved.value : resolved;
  }
  return text;
}

interface Line {
  readonly indent: number;
  /** The line without its indentation; never empty, never a comment. */
  readonly content: string;
}

function meaningfulLines(text: string): Line[] {
  if (/[\t\r\uFEFF]/.test(text)) throw new OutsideSubset();
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const content = raw.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    if (/^(?:---|\.\.\.)(?:\s|$)/.test(content) || content.startsWith('%')) throw new OutsideSubset();
    lines.push({ indent: raw.length - content.length, content: content.trimEnd() });
  }
  return lines;
}

/** What follows a value on its line must be nothing or a ` # comment`. */
function expectEnd(rest: string): void {
  if (rest !== '' && !/^\s+#/.test(rest)) throw new OutsideSubset();
}

function plainScalar(text: string): unknown {
  const comment = text.search(/\s#/);
  const value = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
  if (value === '' || INDICATOR_START.test(value) || /:(?:\s|$)/.test(value)) throw new OutsideSubset();
  return plainValue(value);
}

/** A quoted scalar starting at `text[start]`, without escapes: its value and the index after it. */
function quotedScalar(text: string, start: number): [string, number] {
  const quote = text[start];
  if (quote === '"') {
    const end = text.indexOf('"', start + 1);
    if (end === -1) throw new OutsideSubset();
    const value = text.slice(start + 1, end);
    if (value.includes('\\')) throw new OutsideSubset();
    return [value, end + 1];
  }
  let value = '';
  let i = start + 1;
  for (;;) {
    const end = text.indexOf("'", i);
    if (end === -1) throw new OutsideSubset();
    value += text.slice(i, end);
    if (text[end + 1] !== "'") return [value, end + 1];
    value += "'";
    i = end + 2;
  }
}

/**
 * Reads flow collections (`[a, "b"]`, `{ k: v, l: [1] }`) of one line: plain scalars without
 * `:` or `#`, quoted scalars without escapes, simple keys, no empty entries.
 */
class FlowReader {
  private i = 0;

  /**
   * @param text the line from the collection's opening bracket on
   * @param alias the value of an alias (`*name`) in the collection
   * @param depth how many collections enclose the collection
   */
  constructor(
    private readonly text: string,
    private readonly alias: (name: string) => unknown,
    private depth: number,
  ) {}

  /** The collection at the start of the text; what follows it may only be a comment. */
  collection(): unknown {
    const value = this.value();
    expectEnd(this.text.slice(this.i));
    return value;
  }

  private skipSpaces(): void {
    while (this.text[this.i] === ' ') this.i++;
  }

  private value(): unknown {
    this.skipSpaces();
    const c = this.text[this.i];
    if (c === '[' || c === '{') {
      enterCollection(++this.depth);
      const collection = c === '[' ? this.sequence() : this.mapping();
      this.depth--;
      return collection;
    }
    if (c === '"' || c === "'") {
      const [value, next] = quotedScalar(this.text, this.i);
      this.i = next;
      return value;
    }
    const alias = /^\*([A-Za-z0-9_-]+)/.exec(this.text.slice(this.i));
    if (alias) {
      this.i += alias[0].length;
      return this.alias(alias[1]);
    }
    const match = /^[^,[\]{}:#]+/.exec(this.text.slice(this.i));
    if (!match) throw new OutsideSubset();
    this.i += match[0].length;
    return plainScalar(match[0].trim());
  }

  private sequence(): unknown[] {
    this.i++;
    const items: unknown[] = [];
    this.skipSpaces();
    if (this.text[this.i] === ']') {
      this.i++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipSpaces();
      const c = this.text[this.i++];
      if (c === ']') return items;
      if (c !== ',') throw new OutsideSubset();
    }
  }

  private mapping(): Record<string, unknown> {
    this.i++;
    const mapping: Record<string, unknown> = {};
    this.skipSpaces();
    if (this.text[this.i] === '}') {
      this.i++;
      return mapping;
    }
    for (;;) {
      this.skipSpaces();
      const match = /^([^\s,[\]{}:#'"]+): /.exec(this.text.slice(this.i));
      if (!match) throw new OutsideSubset();
      const key = simpleKey(match[1]);
      if (Object.prototype.hasOwnProperty.call(mapping, key)) throw new OutsideSubset();
      this.i += match[0].length;
      mapping[key] = this.value();
      this.skipSpaces();
      const c = this.text[this.i++];
      if (c === '}') return mapping;
      if (c !== ',') throw new OutsideSubset();
    }
  }
}

/** Gives up on a collection nested `depth` levels deep when that is deeper than MAX_NESTING_DEPTH. */
function enterCollection(depth: number): void {
  if (depth > MAX_NESTING_DEPTH) throw new OutsideSubset();
}

function simpleKey(key: string): string {
  if (key.length > MAX_KEY_LENGTH || !SIMPLE_KEY.test(key) || key === '__proto__' || plainValue(key) !== key) throw new OutsideSubset();
  return key;
}

/** `&name` (then the value, on this line or below) and `*name`, with the names this reader accepts. */
const ANCHOR = /^&([A-Za-z0-9_-]+)(?:\s+(.*))?$/;
const ALIAS = /^\*([A-Za-z0-9_-]+)(.*)$/;
/** More alias uses than this and the library may refuse the file (its guard against alias bombs). */
const MAX_ALIASES = 50;

class BlockReader {
  private next = 0;
  /** Anchored values by name; an alias is the same value (the same object for a collection), as in the library. */
  private readonly anchors = new Map<string, unknown>();
  private aliases = 0;
  /** How many collections enclose the line being read. */
  private depth = 0;

  constructor(private readonly lines: Line[]) {}

  document(): unknown {
    if (this.lines.length === 0) throw new OutsideSubset();
    const value = this.block(this.lines[0].indent);
    if (this.next !== this.lines.length) throw new OutsideSubset();
    return value;
  }

  private get line(): Line | undefined {
    return this.lines[this.next];
  }

  private block(indent: number): unknown {
    return this.nested(() => (isSequenceEntry(this.line!) ? this.sequence(indent) : this.mapping(indent)));
  }

  /** Reads a collection one level deeper than the enclosing one. */
  private nested<T>(read: () => T): T {
    enterCollection(++this.depth);
    const value = read();
    this.depth--;
    return value;
  }

  private mapping(indent: number): Record<string, unknown> {
    const mapping: Record<string, unknown> = {};
    for (let line = this.line; line !== undefined && line.indent === indent && !isSequenceEntry(line); line = this.line) {
      const match = /^([^\s:]+):(?:\s+|$)(.*)$/.exec(line.content);
      if (!match) throw new OutsideSubset();
      const key = simpleKey(match[1]);
      if (Object.prototype.hasOwnProperty.call(mapping, key)) throw new OutsideSubset();
      this.next++;
      mapping[key] = this.mappingValue(match[2], indent);
    }
    this.expectDedent(indent);
    return mapping;
  }

  /** The value after `key:`, anchored (`&name ...`), an alias (`*name`) or neither. */
  private mappingValue(text: string, indent: number): unknown {
    const anchor = ANCHOR.exec(text);
    if (anchor) {
      const [, name, rest = ''] = anchor;
      if (this.anchors.has(name)) throw new OutsideSubset();
      const value = this.mappingValue(rest, indent);
      this.anchors.set(name, value);
      return value;
    }
    if (text === '' || text.startsWith('#')) return this.nestedValue(indent);
    return this.inline(text);
  }

  /** A value written on the line of its key or dash: an alias, a quoted or plain scalar, or a flow collection. */
  private inline(text: string): unknown {
    const alias = ALIAS.exec(text);
    if (alias) {
      expectEnd(alias[2]);
      return this.aliasValue(alias[1]);
    }
    if (text[0] === '"' || text[0] === "'") {
      const [value, next] = quotedScalar(text, 0);
      expectEnd(text.slice(next));
      return value;
    }
    if (text[0] === '[' || text[0] === '{') return new FlowReader(text, this.aliasValue, this.depth).collection();
    return plainScalar(text);
  }

  private readonly aliasValue = (name: string): unknown => {
    if (!this.anchors.has(name) || ++this.aliases > MAX_ALIASES) throw new OutsideSubset();
    return this.anchors.get(name);
  };

  /**
   * `- &name` with the block below it, or `- &name` with a flow collection. (`- &name key: v`
   * would anchor the key, and `- &name text` is rare: both are left to the library.)
   */
  private anchoredEntry(name: string, rest: string, indent: number): unknown {
    if (this.anchors.has(name)) throw new OutsideSubset();
    let value: unknown;
    this.next++;
    if (rest === '' || rest.startsWith('#')) {
      const line = this.line;
      if (line === undefined || line.indent <= indent) throw new OutsideSubset();
      value = this.block(line.indent);
    } else if (rest[0] === '{' || rest[0] === '[') {
      value = new FlowReader(rest, this.aliasValue, this.depth).collection();
    } else {
      throw new OutsideSubset();
    }
    this.anchors.set(name, value);
    return value;
  }

  /** The value of `key:` with nothing after it: the block below, a sequence at the key's indent, or null. */
  private nestedValue(indent: number): unknown {
    const line = this.line;
    if (line !== undefined && line.indent > indent) return this.block(line.indent);
    if (line !== undefined && line.indent === indent && isSequenceEntry(line)) return this.nested(() => this.sequence(indent));
    return null;
  }

  private sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    for (let line = this.line; line !== undefined && line.indent === indent && isSequenceEntry(line); line = this.line) {
      const rest = line.content.slice(1);
      const item = rest.trimStart();
      if (item === '' || item.startsWith('#')) throw new OutsideSubset();
      const anchor = ANCHOR.exec(item);
      if (anchor) {
        items.push(this.anchoredEntry(anchor[1], anchor[2] ?? '', indent));
        continue;
      }
      const column = indent + 1 + (rest.length - item.length);
      if (isSequenceEntry({ indent: column, content: item }) || /^[^\s:'"[{]+:(?:\s|$)/.test(item)) {
        // A mapping or sequence that starts on the dash's line continues at the column it starts in.
        this.lines[this.next] = { indent: column, content: item };
        items.push(this.block(column));
      } else {
        this.next++;
        items.push(this.inline(item));
      }
    }
    this.expectDedent(indent);
    return items;
  }

  /** After a collection at `indent`, the next line must belong to an enclosing one. */
  private expectDedent(indent: number): void {
    const line = this.line;
    if (line !== undefined && line.indent > indent) throw new OutsideSubset();
  }
}

function isSequenceEntry(line: Line): boolean {
  return line.content === '-' || line.content.startsWith('- ');
}

/**
 * The value of `text` when it is in the plain subset of YAML this reader knows (the value the
 * yaml library gives it), or undefined when the library must read it.
 */
export function readPlainYaml(text: string): { readonly value: unknown } | undefined {
  try {
    return { value: new BlockReader(meaningfulLines(text)).document() };
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}
