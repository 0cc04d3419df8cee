import { Engine } from 'json-rules-engine';
import type { DenyRule } from './builtInRules';
import type { TopLevelCondition } from './ConditionSchema';
import type { DecisionFacts } from './facts';
import { domainOperators } from './operators';
import { type Action, actions } from './PolicySchema';

/** Runs a policy's deny rules on json-rules-engine: the reference semantics. */
export type ReferenceEngine = (action: Action, facts: DecisionFacts) => Promise<number[]>;

/**
 * Builds one json-rules-engine `Engine` per action from the same rule list the
 * compiled path uses. Resolves to the indexes (into `rules`) of the rules that fired.
 */
export function createReferenceEngine(
  rules: readonly DenyRule[],
  named: Readonly<Record<string, TopLevelCondition>>,
): ReferenceEngine {
  const engines = new Map<Action, Engine>();
  for (const action of actions) {
    const engine = new Engine([], { allowUndefinedConditions: false });
    for (const [name, evaluate] of Object.entries(domainOperators))
      engine.addOperator(name, evaluate);
    for (const [name, condition] of Object.entries(named))
      engine.setCondition(name, condition as never);
    rules.forEach((rule, index) => {
      if (rule.actions.includes(action))
        engine.addRule({
          name: rule.name,
          conditions: rule.conditions as never,
          event: { type: 'deny', params: { index } },
        });
    });
    engines.set(action, engine);
  }
  return async (action, facts) => {
    const engine = engines.get(action) as Engine;
    const { events } = await engine.run({ ...facts });
    return events.map((event) => event.params?.index as number).sort((a, b) => a - b);
  };
}
