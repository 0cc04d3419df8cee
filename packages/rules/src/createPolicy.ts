import { type Category, defaultCategories, type Position } from '@quanzi/core';
import { type BuiltInCode, builtInRules, type DenyRule } from './builtInRules';
import { type CompileMode, canGenerateCode } from './compileCondition';
import { compileRules } from './compileRules';
import { builtInExplanations, type Reason, type Unlock } from './explainDenial';
import {
  type CircleView,
  createCircleView,
  createContextView,
  createParticipantView,
  createTaskView,
  type DecisionContext,
  type DecisionFacts,
  type ParticipantFacts,
  type ParticipantView,
  type ResolvedCategory,
  type TaskFacts,
  type TaskView,
} from './facts';
import type { Action, PolicyDocument, Tier } from './PolicySchema';

/** The answer to "may this participant do this to this task?", with its reasons. */
export interface Decision {
  readonly allowed: boolean;
  /** Every rule that denied, in policy order; empty when allowed. */
  readonly reasons: readonly Reason[];
  /** What would change the answer, merged over all reasons. */
  readonly unlock: readonly Unlock[];
}

// Every allowed decision is this one object: nothing to explain, nothing to copy.
const allowedDecision: Decision = Object.freeze({
  allowed: true,
  reasons: Object.freeze([]),
  unlock: Object.freeze([]),
});

/**
 * A compiled circle policy. `decide` is synchronous and runs compiled rules;
 * `decideWithReference` from `@quanzi/rules/reference` runs the same rules on
 * json-rules-engine. Allowed decisions and every reason message are frozen and
 * shared between calls.
 *
 * @example
 * const decision = policy.decide('claim', { participant, level: 1, tags: [] },
 *   { task, state: 'published', claimantIds: [] }, { now, position, circle });
 * if (!decision.allowed) show(decision.reasons[0].message['zh-CN']);
 */
export interface Policy {
  readonly document: PolicyDocument;
  /** Tiers from the lowest `minLevel` up. */
  readonly tiers: readonly Tier[];
  /** Every category the circle knows, after the policy's overrides. */
  readonly categories: ReadonlyMap<string, ResolvedCategory>;
  /** Built-in rules first, then the file's custom rules. */
  readonly rules: readonly DenyRule[];
  /** The tier a participant of `level` belongs to. */
  tierFor(level: number): Tier;
  decide(
    action: Action,
    participant: ParticipantFacts,
    task: TaskFacts,
    context: DecisionContext,
  ): Decision;
}

/** A participant's facts prepared once for many tasks (nearby search). */
export interface PreparedParticipant {
  participant: ParticipantView;
  circle: CircleView;
  now: string;
  position: Position | null;
}

/** What the task index and the reference entry need beyond the public surface. */
export interface PolicyInternals {
  /** The facts `decide` reads for one decision. */
  facts(
    action: Action,
    participant: ParticipantFacts,
    task: TaskFacts,
    context: DecisionContext,
  ): DecisionFacts;
  /** The decision for the rules (indexes into `rules`) that fired on `facts`. */
  toDecision(fired: readonly number[], facts: DecisionFacts): Decision;
  prepare(participant: ParticipantFacts, context: DecisionContext): PreparedParticipant;
  taskView(task: TaskFacts): TaskView;
  /**
   * A compiled check without reasons for one participant and many tasks, or `null`
   * when a rule about the participant alone already denies every task.
   * `distance` skips recomputing a distance the caller knows.
   */
  checker(
    action: Action,
    prepared: PreparedParticipant,
  ): ((task: TaskView, distance?: number) => boolean) | null;
}

const internals = new WeakMap<Policy, PolicyInternals>();

/** The fast-path internals of a policy built by {@link createPolicy}. */
export function policyInternals(policy: Policy): PolicyInternals {
  const found = internals.get(policy);
  if (!found) throw new TypeError('Not a policy built by @quanzi/rules');
  return found;
}

function resolveCategories(
  document: PolicyDocument,
  tiers: readonly Tier[],
): Map<string, ResolvedCategory> {
  const levelOf = new Map(tiers.map((tier) => [tier.id, tier.minLevel]));
  const out = new Map<string, ResolvedCategory>();
  if (document.useDefaultCategories)
    for (const category of defaultCategories) out.set(category.code, { ...category, minLevel: 0 });
  for (const { minTier, ...entry } of document.categories) {
    // The loader checked that a new category carries every field of core's Category.
    const base = out.get(entry.code) ?? (entry as Category);
    out.set(entry.code, {
      ...base,
      ...entry,
      minLevel: minTier === undefined ? 0 : (levelOf.get(minTier) ?? 0),
    });
  }
  return out;
}

function customRules(document: PolicyDocument): DenyRule[] {
  return document.rules.map((rule) => ({
    name: rule.name,
    code: rule.reason.code,
    actions: rule.actions,
    conditions: rule.conditions,
    builtIn: false,
    message: rule.reason.message,
    ...(rule.unlock ? { unlockHint: rule.unlock } : {}),
  }));
}

/**
 * Compiles a validated policy document. Use {@link loadPolicy} for documents and
 * `loadPolicy` of `@quanzi/rules/files` for text: both validate first, and this
 * function trusts its input.
 */
export function createPolicy(
  document: PolicyDocument,
  compile: CompileMode = canGenerateCode() ? 'generate' : 'closures',
): Policy {
  const tiers = [...document.tiers].sort((a, b) => a.minLevel - b.minLevel);
  const categories = resolveCategories(document, tiers);
  const rules = [...builtInRules(document), ...customRules(document)];
  const compiled = compileRules(rules, document.conditions, compile);
  // Runs once per decision: a plain loop, no closure.
  const tierFor = (level: number): Tier => {
    for (let i = tiers.length - 1; i > 0; i--) {
      const tier = tiers[i] as Tier;
      if (tier.minLevel <= level) return tier;
    }
    return tiers[0] as Tier;
  };
  const explanations = builtInExplanations({
    tierForDifficulty: (difficulty) => tiers.find((tier) => tier.maxDifficulty >= difficulty),
    tierAtLevel: (level) => tiers.find((tier) => tier.minLevel === level),
    categoryName: (code) => categories.get(code)?.name,
  });

  const prepare = (facts: ParticipantFacts, context: DecisionContext): PreparedParticipant => ({
    participant: createParticipantView(facts, context.circle, context.now, tierFor),
    circle: createCircleView(context.circle, document.model),
    now: context.now,
    position: context.position ?? facts.participant.home?.coordinates ?? null,
  });
  const factsOf = (prepared: PreparedParticipant, task: TaskView, distance?: number) => ({
    participant: prepared.participant,
    task,
    circle: prepared.circle,
    context: createContextView(
      prepared.now,
      prepared.position,
      task,
      prepared.participant,
      distance,
    ),
  });
  // The distance is the one costly fact; actions whose rules never read the context
  // (view, publish, verify with the built-in rules) skip it.
  const allFacts = (
    p: ParticipantFacts,
    t: TaskFacts,
    context: DecisionContext,
    readsContext: boolean,
  ) => {
    const participant = createParticipantView(p, context.circle, context.now, tierFor);
    const task = createTaskView(t, categories);
    const position = context.position ?? p.participant.home?.coordinates ?? null;
    return {
      participant,
      task,
      circle: createCircleView(context.circle, document.model),
      context: createContextView(
        context.now,
        position,
        task,
        participant,
        readsContext ? undefined : null,
      ),
    };
  };

  const explainers = rules.map((rule) => {
    if (!rule.message) return explanations[rule.code as BuiltInCode];
    const explained = {
      reason: rule.message,
      unlock: rule.unlockHint ? [{ code: rule.code, message: rule.unlockHint }] : [],
    };
    return () => explained;
  });
  const toDecision = (fired: readonly number[], facts: DecisionFacts): Decision => {
    if (fired.length === 0) return allowedDecision;
    const reasons: Reason[] = [];
    const unlock: Unlock[] = [];
    for (const index of fired) {
      const explained = (explainers[index] as (typeof explainers)[number])(facts);
      reasons.push({ code: (rules[index] as DenyRule).code, message: explained.reason });
      for (const hint of explained.unlock ?? []) unlock.push(hint);
    }
    return { allowed: false, reasons, unlock: unlock.length > 1 ? mergeUnlocks(unlock) : unlock };
  };

  const policy: Policy = {
    document,
    tiers,
    categories,
    rules,
    tierFor,
    decide(action, participant, task, context) {
      const rulesOf = compiled[action];
      const facts = allFacts(participant, task, context, rulesOf.readsContext);
      let fired: number[] | undefined;
      for (const { index, test } of rulesOf) {
        if (!test(facts)) continue;
        if (fired === undefined) fired = [];
        fired.push(index);
      }
      return fired === undefined ? allowedDecision : toDecision(fired, facts);
    },
  };
  internals.set(policy, {
    facts: (action, participant, task, context) =>
      allFacts(participant, task, context, compiled[action].readsContext),
    toDecision,
    prepare,
    taskView: (task) => createTaskView(task, categories),
    checker(action, prepared) {
      const { perParticipant, perTask } = compiled[action];
      const participantOnly = { ...prepared, task: undefined, context: undefined } as never;
      for (const test of perParticipant) if (test(participantOnly)) return null;
      return (task, distance) => {
        const facts = factsOf(prepared, task, distance);
        for (const test of perTask) if (test(facts)) return false;
        return true;
      };
    },
  });
  return policy;
}

// Two rules can both ask for a higher level; the participant needs only the highest.
function mergeUnlocks(unlocks: readonly Unlock[]): Unlock[] {
  const out: Unlock[] = [];
  for (const unlock of unlocks) {
    const same = out.findIndex(
      (seen) =>
        seen.code === unlock.code &&
        (unlock.code === 'reach_level' || seen.message.en === unlock.message.en),
    );
    if (same === -1) out.push(unlock);
    else if (
      unlock.code === 'reach_level' &&
      (unlock.params?.level ?? 0) > (out[same]?.params?.level ?? 0)
    )
      out[same] = unlock;
  }
  return out;
}
