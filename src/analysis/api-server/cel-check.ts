/**
 * Evaluates a CRD's `x-kubernetes-validations` CEL rules offline, as the API server does when an
 * object is created: `self` is the value at the rule's schema node; a rule that returns false or
 * errors at run time (e.g. reads a missing field without `has()`) rejects the object. Transition
 * rules (those reading `oldSelf`) need the stored object and are not run. Each rule is compiled
 * once per process.
 */
import { Environment } from '@marcbachmann/cel-js';
import { toEvaluatorDialect } from './cel-dialect';
import { withKubernetesFunctions } from './cel-k8s-functions';
import { SchemaNode, ValidationRule } from './schema-node';

/** What running one rule on one value gave. */
export type RuleOutcome =
  /** The rule holds, or it is a transition rule (not run). */
  | { readonly status: 'pass' }
  /** The rule returned false (`message` is the rule's message, messageExpression or text). */
  | { readonly status: 'fail'; readonly message: string }
  /** The rule errored at run time: the API server rejects the object too. */
  | { readonly status: 'error'; readonly message: string }
  /** The offline evaluator cannot run the rule (a function or overload it lacks): no verdict. */
  | { readonly status: 'unsupported'; readonly message: string };

type Program = (context: Record<string, unknown>) => unknown;

let environment: Environment | undefined;
const programs = new Map<string, Program | Error>();

/** The one CEL environment: dynamic variables (`self`), mixed literals and the Kubernetes functions. */
function celEnvironment(): Environment {
  environment ??= withKubernetesFunctions(new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false }));
  return environment;
}

/** The compiled program of `expression`, or the compile error; cached. */
function compile(expression: string): Program | Error {
  let program = programs.get(expression);
  if (program === undefined) {
    try {
      program = celEnvironment().parse(toEvaluatorDialect(expression)) as Program;
    } catch (error) {
      program = error instanceof Error ? error : new Error(String(error));
    }
    programs.set(expression, program);
  }
  return program;
}

/** The first line of an error's message. */
function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** Whether an evaluation error comes from the offline evaluator's gaps rather than from the value. */
function isEvaluatorGap(message: string): boolean {
  return /overload/i.test(message);
}

/** Whether `rule` is a transition rule (reads the stored object). */
export function isTransitionRule(rule: ValidationRule): boolean {
  return /\boldSelf\b/.test(rule.rule);
}

/**
 * Runs `rule` with `self` = `value` (a value at `schema`, converted to CEL values by
 * {@link toCelValue}).
 */
export function evaluateRule(rule: ValidationRule, self: unknown): RuleOutcome {
  if (isTransitionRule(rule)) return { status: 'pass' };
  const program = compile(rule.rule);
  if (program instanceof Error) return { status: 'unsupported', message: `cannot compile rule ${JSON.stringify(rule.rule)}: ${firstLine(program)}` };
  let result: unknown;
  try {
    result = program({ self });
  } catch (error) {
    const message = firstLine(error);
    const what = rule.message ?? rule.rule;
    if (isEvaluatorGap(message)) return { status: 'unsupported', message: `rule not evaluated offline (${message}): ${what}` };
    return { status: 'error', message: `${message.charAt(0).toLowerCase()}${message.slice(1)} evaluating rule: ${what}` };
  }
  if (result === true) return { status: 'pass' };
  if (result !== false) return { status: 'unsupported', message: `rule returned ${typeof result}, not bool: ${rule.rule}` };
  return { status: 'fail', message: failureMessage(rule, self) };
}

/** The message of a failed rule: its messageExpression's value when that evaluates to a non-empty string, else its message, else the rule. */
function failureMessage(rule: ValidationRule, self: unknown): string {
  if (rule.messageExpression !== undefined) {
    const program = compile(rule.messageExpression);
    if (!(program instanceof Error)) {
      try {
        const message = program({ self });
        if (typeof message === 'string' && message.trim() !== '') return message;
      } catch {
        // The API server falls back to `message` too when the messageExpression fails.
      }
    }
  }
  return rule.message ?? `failed rule: ${rule.rule}`;
}

const converted = new WeakMap<object, unknown>();

/**
 * A JSON value as CEL sees it at `schema`: integers (`type: integer`, int-or-string numbers and
 * integral numbers without a declared type) as bigint, `type: number` as double; objects and
 * lists converted member by member. Memoized per object, since a rule on an outer node and rules
 * on inner nodes read the same values.
 */
export function toCelValue(value: unknown, schema: SchemaNode | undefined): unknown {
  if (typeof value === 'number') {
    const integral = schema?.type === 'integer' || (schema?.type !== 'number' && Number.isInteger(value));
    return integral && Number.isInteger(value) ? BigInt(value) : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const cached = converted.get(value);
  if (cached !== undefined) return cached;
  let result: unknown;
  if (Array.isArray(value)) {
    // Array.from, not map: a list built in this realm even when the value comes from another
    // (cel-js recognizes lists by their constructor).
    result = Array.from(value, (item) => toCelValue(item, schema?.items));
  } else {
    const additional = typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    result = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, toCelValue(child, schema?.properties?.[key] ?? additional)]));
  }
  converted.set(value, result);
  return result;
}
