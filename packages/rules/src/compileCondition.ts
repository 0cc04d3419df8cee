import type { Condition, FactId, TopLevelCondition } from './ConditionSchema';
import type { DecisionFacts } from './facts';
import { type OperatorName, operatorImplementations } from './operators';

/** A compiled condition: a synchronous test over one decision's facts. */
export type CompiledCondition = (facts: DecisionFacts) => boolean;

type Read = (facts: DecisionFacts) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

// Mirrors json-rules-engine's JSONPath lookup for the simple paths the schema allows:
// own properties only, and `undefined` once the walk leaves objects and strings. The
// loader has checked that the first key is a field of the fact's view, which is always
// an own property, so only the deeper keys need the careful walk.
function compilePath(fact: FactId, path: string | undefined): Read {
  const [first, ...rest] = (path ?? '').match(/[A-Za-z_][A-Za-z0-9_]*|\d+/g) ?? [];
  if (first === undefined) return (facts) => facts[fact];
  const top = (facts: DecisionFacts) => (facts[fact] as unknown as Record<string, unknown>)[first];
  if (rest.length === 0) return top;
  return (facts) => {
    let value = top(facts);
    for (const key of rest) {
      if (value === null || value === undefined) return undefined;
      if (typeof value !== 'object' && typeof value !== 'string') return undefined;
      if (!hasOwn.call(value, key)) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  };
}

const isReference = (value: unknown): value is { fact: FactId; path?: string } =>
  typeof value === 'object' && value !== null && hasOwn.call(value, 'fact');

/**
 * Compiles a json-rules-engine condition into a closure. Named conditions are
 * inlined; the loader has already rejected unknown names and cycles.
 */
export function compileCondition(
  condition: Condition,
  named: Readonly<Record<string, TopLevelCondition>>,
): CompiledCondition {
  // One part needs no loop; json-rules-engine also evaluates a lone condition directly.
  if ('all' in condition && condition.all.length === 1)
    return compileCondition(condition.all[0] as Condition, named);
  if ('any' in condition && condition.any.length === 1)
    return compileCondition(condition.any[0] as Condition, named);
  if ('all' in condition) {
    const parts = condition.all.map((part) => compileCondition(part, named));
    return (facts) => {
      for (const part of parts) if (!part(facts)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map((part) => compileCondition(part, named));
    return (facts) => {
      for (const part of parts) if (part(facts)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, named);
    return (facts) => !inner(facts);
  }
  if ('condition' in condition) {
    const target = named[condition.condition];
    if (target === undefined) throw new Error(`Unknown condition ${condition.condition}`);
    return compileCondition(target, named);
  }
  const evaluate = operatorImplementations[condition.operator as OperatorName];
  const left = compilePath(condition.fact, condition.path);
  const { value } = condition;
  if (!isReference(value)) return (facts) => evaluate(left(facts), value);
  const right = compilePath(value.fact, value.path);
  return (facts) => evaluate(left(facts), right(facts));
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
