/**
 * Two rewrites of a CRD's CEL rule text into what @marcbachmann/cel-js 8.0.0 evaluates the way
 * Kubernetes' cel-go does:
 * - `has(e[i].f)` (a presence test on a field of an indexed or computed value, which the CRDs
 *   use, e.g. Gateway API's `has(self.matches[0].path)`): cel-js only takes an identifier chain,
 *   so it becomes `("f" in (e[i]))`, the same test on a map (and the same "no such key" error
 *   when `e[i]` itself is missing);
 * - `x.matches(re)`: cel-js uses JavaScript regular expressions, Kubernetes RE2 (which has
 *   `(?i)` and other syntax JavaScript refuses), so it becomes `x.re2Matches(re)`, registered
 *   with re2js (see cel-k8s-functions.ts).
 * String literals are left alone.
 */

/** The index just past the string literal starting at `start` (a quote, or r/b prefix handled by the caller). */
function skipString(text: string, start: number): number {
  const quote = text.startsWith("'''", start) || text.startsWith('"""', start) ? text.slice(start, start + 3) : text[start];
  let i = start + quote.length;
  const raw = start > 0 && /[rR]/.test(text[start - 1]);
  while (i < text.length && !text.startsWith(quote, i)) i += !raw && text[i] === '\\' ? 2 : 1;
  return i + quote.length;
}

/** The index of the parenthesis closing the one at `open`, skipping strings and nested parentheses, or -1. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = skipString(text, i) - 1;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

/** `has(arg)` with `arg` = `e.f` where `e` is not an identifier chain, as `("f" in (e))`; undefined otherwise. */
function rewriteHasArgument(arg: string): string | undefined {
  const field = /^([\s\S]*)\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(arg.trim());
  if (field === null || /^[A-Za-z_][A-Za-z0-9_]*(\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*$/.test(field[1].trim())) return undefined;
  return `(${JSON.stringify(field[2])} in (${toEvaluatorDialect(field[1])}))`;
}

/** The rule text with the rewrites above applied. */
export function toEvaluatorDialect(expression: string): string {
  let out = '';
  let i = 0;
  while (i < expression.length) {
    const c = expression[i];
    if (c === '"' || c === "'") {
      const end = skipString(expression, i);
      out += expression.slice(i, end);
      i = end;
      continue;
    }
    const previous = i === 0 ? '' : expression[i - 1];
    if (expression.startsWith('has(', i) && !/[A-Za-z0-9_.]/.test(previous)) {
      const close = closingParen(expression, i + 3);
      const rewritten = close < 0 ? undefined : rewriteHasArgument(expression.slice(i + 4, close));
      if (rewritten !== undefined) {
        out += rewritten;
        i = close + 1;
        continue;
      }
    }
    if (expression.startsWith('.matches(', i)) {
      out += '.re2Matches(';
      i += '.matches('.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
