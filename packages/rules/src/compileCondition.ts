import type { Condition, FactId, TopLevelCondition } from './ConditionSchema';
import type { DecisionFacts } from './facts';
import { type OperatorName, operatorImplementations } from './operators';

/** A compiled condition: a synchronous test over one decision's facts. */
export type CompiledCondition = (facts: DecisionFacts) => boolean;

/**
 * How conditions become functions. `generate` writes each rule as one JavaScript
 * function (about three times faster: every rule gets its own inline caches);
 * `closures` nests one closure per condition and works where a Content Security
 * Policy forbids building code from strings.
 */
export type CompileMode = 'generate' | 'closures';

type Read = (facts: DecisionFacts) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

// Mirrors json-rules-engine's JSONPath lookup past the first key: own properties only,
// and `undefined` once the walk leaves objects and strings.
function walkPath(start: unknown, keys: readonly string[]): unknown {
  let value = start;
  for (const key of keys) {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'object' && typeof value !== 'string') return undefined;
    if (!hasOwn.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const pathKeys = (path: string | undefined): string[] =>
  (path ?? '').match(/[A-Za-z_][A-Za-z0-9_]*|\d+/g) ?? [];

// The loader has checked that the first key is a field of the fact's view, which is
// always an own property, so only the deeper keys need the careful walk.
function compilePath(fact: FactId, path: string | undefined): Read {
  const [first, ...rest] = pathKeys(path);
  if (first === undefined) return (facts) => facts[fact];
  const top = (facts: DecisionFacts) => (facts[fact] as unknown as Record<string, unknown>)[first];
  if (rest.length === 0) return top;
  return (facts) => walkPath(top(facts), rest);
}

const isReference = (value: unknown): value is { fact: FactId; path?: string } =>
  typeof value === 'object' && value !== null && hasOwn.call(value, 'fact');

// A lone part needs no loop; json-rules-engine also evaluates a lone condition directly.
function unwrap(condition: Condition): Condition {
  if ('all' in condition && condition.all.length === 1)
    return unwrap(condition.all[0] as Condition);
  if ('any' in condition && condition.any.length === 1)
    return unwrap(condition.any[0] as Condition);
  return condition;
}

function compileClosure(
  whole: Condition,
  named: Readonly<Record<string, TopLevelCondition>>,
): CompiledCondition {
  const condition = unwrap(whole);
  if ('all' in condition) {
    const parts = condition.all.map((part) => compileClosure(part, named));
    return (facts) => {
      for (const part of parts) if (!part(facts)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map((part) => compileClosure(part, named));
    return (facts) => {
      for (const part of parts) if (part(facts)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compileClosure(condition.not, named);
    return (facts) => !inner(facts);
  }
  if ('condition' in condition) return compileClosure(namedCondition(condition, named), named);
  const evaluate = operatorImplementations[condition.operator as OperatorName];
  const left = compilePath(condition.fact, condition.path);
  const { value } = condition;
  if (!isReference(value)) return (facts) => evaluate(left(facts), value);
  const right = compilePath(value.fact, value.path);
  return (facts) => evaluate(left(facts), right(facts));
}

function namedCondition(
  condition: { condition: string },
  named: Readonly<Record<string, TopLevelCondition>>,
): Condition {
  const target = named[condition.condition];
  if (target === undefined) throw new Error(`Unknown condition ${condition.condition}`);
  return target;
}

// The same semantics as compileClosure, written out as one expression. Nothing from the
// policy file reaches the source text except fact names, operator names and path keys,
// which the schema restricts to identifiers and digits and which are quoted anyway;
// every value travels in the `constants` array.
function generateSource(
  whole: Condition,
  named: Readonly<Record<string, TopLevelCondition>>,
  constants: unknown[],
): string {
  const condition = unwrap(whole);
  if ('all' in condition)
    return `(true${condition.all.map((part) => ` && ${generateSource(part, named, constants)}`).join('')})`;
  if ('any' in condition)
    return `(false${condition.any.map((part) => ` || ${generateSource(part, named, constants)}`).join('')})`;
  if ('not' in condition) return `!${generateSource(condition.not, named, constants)}`;
  if ('condition' in condition)
    return generateSource(namedCondition(condition, named), named, constants);
  const read = (fact: FactId, path: string | undefined) => {
    const [first, ...rest] = pathKeys(path);
    const factRead = `f[${JSON.stringify(fact)}]`;
    if (first === undefined) return factRead;
    const top = `${factRead}[${JSON.stringify(first)}]`;
    if (rest.length === 0) return top;
    constants.push(rest);
    return `walk(${top}, k[${constants.length - 1}])`;
  };
  const { value } = condition;
  let right: string;
  if (isReference(value)) right = read(value.fact, value.path);
  else {
    constants.push(value);
    right = `k[${constants.length - 1}]`;
  }
  return `op[${JSON.stringify(condition.operator)}](${read(condition.fact, condition.path)}, ${right})`;
}

function compileGenerated(
  condition: Condition,
  named: Readonly<Record<string, TopLevelCondition>>,
): CompiledCondition {
  const constants: unknown[] = [];
  const source = generateSource(condition, named, constants);
  const build = new Function('op', 'k', 'walk', `'use strict'; return (f) => ${source};`);
  return build(operatorImplementations, constants, walkPath) as CompiledCondition;
}

let generationAllowed: boolean | undefined;

/**
 * Whether this realm may build functions from strings. A browser page under a
 * Content Security Policy without `'unsafe-eval'` may not; the probe runs once.
 */
export function canGenerateCode(): boolean {
  if (generationAllowed === undefined) {
    try {
      generationAllowed = new Function('return true')() === true;
    } catch {
      generationAllowed = false;
    }
  }
  return generationAllowed;
}

/**
 * Compiles a json-rules-engine condition into a synchronous function. Named conditions
 * are inlined; the loader has already rejected unknown names and cycles.
 */
export function compileCondition(
  condition: Condition,
  named: Readonly<Record<string, TopLevelCondition>>,
  mode: CompileMode,
): CompiledCondition {
  return mode === 'generate'
    ? compileGenerated(condition, named)
    : compileClosure(condition, named);
}

/** The facts a condition reads, following named conditions and fact references. */
export function factsRead(
  condition: Condition,
  named: Readonly<Record<string, TopLevelCondition>>,
  into: Set<FactId> = new Set(),
): Set<FactId> {
  if ('all' in condition) for (const part of condition.all) factsRead(part, named, into);
  else if ('any' in condition) for (const part of condition.any) factsRead(part, named, into);
  else if ('not' in condition) factsRead(condition.not, named, into);
  else if ('condition' in condition) {
    const target = named[condition.condition];
    if (target) factsRead(target, named, into);
  } else {
    into.add(condition.fact);
    const { value } = condition;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) into.add(value.fact);
  }
  return into;
}
