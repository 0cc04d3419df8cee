import { type Decision, type Policy, policyInternals } from './createPolicy';
import { createReferenceEngine, type ReferenceEngine } from './createReferenceEngine';
import type { DecisionContext, ParticipantFacts, TaskFacts } from './facts';
import type { Action } from './PolicySchema';

// One json-rules-engine set per policy, built on first use and dropped with the policy.
const engines = new WeakMap<Policy, ReferenceEngine>();

/**
 * Decides like `policy.decide`, but runs the policy's rules on json-rules-engine:
 * the reference semantics the compiled rules are tested against. Slower, and it
 * loads json-rules-engine, which is why it lives in `@quanzi/rules/reference`.
 *
 * @example
 * import { decideWithReference } from '@quanzi/rules/reference';
 * const reference = await decideWithReference(policy, 'claim', participant, task, context);
 * assert.deepEqual(reference, policy.decide('claim', participant, task, context));
 */
export async function decideWithReference(
  policy: Policy,
  action: Action,
  participant: ParticipantFacts,
  task: TaskFacts,
  context: DecisionContext,
): Promise<Decision> {
  const internals = policyInternals(policy);
  let engine = engines.get(policy);
  if (!engine) {
    engine = createReferenceEngine(policy.rules, policy.document.conditions);
    engines.set(policy, engine);
  }
  const facts = internals.facts(action, participant, task, context);
  return internals.toDecision(await engine(action, facts), facts);
}
