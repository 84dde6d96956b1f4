import { toEvaluatorDialect } from '../../../src/analysis/api-server/cel-dialect';

describe('CEL rule text for the evaluator', () => {
  test('has() on a field of an indexed value becomes a key test', () => {
    expect(toEvaluatorDialect('has(self.matches[0].path) && has(self.x)')).toBe('("path" in (self.matches[0])) && has(self.x)');
    expect(toEvaluatorDialect('has(self[0].matches) ? self[0].matches.size() : 0')).toBe('("matches" in (self[0])) ? self[0].matches.size() : 0');
  });

  test('matches() becomes the RE2 re2Matches(); string literals are left alone', () => {
    expect(toEvaluatorDialect('self.service.matches(r"""^(?i)a.matches(b)$""")')).toBe('self.service.re2Matches(r"""^(?i)a.matches(b)$""")');
    expect(toEvaluatorDialect("self == 'has(a[0].b)'")).toBe("self == 'has(a[0].b)'");
  });
});
