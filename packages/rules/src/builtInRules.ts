import { claimableTaskStates, judgeableTaskStates, type LocalizedText } from '@quanzi/core';
import type { Condition, FactId, TopLevelCondition } from './ConditionSchema';
import type { OperatorName } from './operators';
import type { Action, Audience, PolicyDocument } from './PolicySchema';

/** The codes of the built-in rules, which custom rules may not reuse. */
export const builtInCodes = [
  'participant_suspended',
  'unknown_category',
  'outside_scope',
  'not_a_member',
  'task_not_open',
  'out_of_range',
  'level_too_low',
  'category_needs_tier',
  'missing_qualification',
  'already_claimed',
  'no_slot_left',
  'own_task',
  'publish_not_allowed',
  'verify_not_allowed',
  'task_not_submitted',
  'verify_own_work',
  'verify_own_task',
] as const;

/** One of {@link builtInCodes}. */
export type BuiltInCode = (typeof builtInCodes)[number];

/** A deny rule in json-rules-engine form: built in, or custom from the policy file. */
export interface DenyRule {
  name: string;
  code: string;
  actions: readonly Action[];
  conditions: TopLevelCondition;
  builtIn: boolean;
  /** A custom rule's own reason message and unlock hint from the policy file. */
  message?: LocalizedText;
  unlockHint?: LocalizedText;
}

const is = (fact: FactId, operator: OperatorName, value: unknown, path?: string): Condition =>
  (path === undefined ? { fact, operator, value } : { fact, operator, value, path }) as Condition;
const ref = (fact: FactId, path: string) => ({ fact, path });
const not = (condition: Condition): TopLevelCondition => ({ not: condition });
const all = (...conditions: Condition[]): TopLevelCondition => ({ all: conditions });
const any = (...conditions: Condition[]): TopLevelCondition => ({ any: conditions });

function memberOf(audience: Audience): Condition {
  return any(
    is('participant', 'in', audience.kinds, '$.kind'),
    is('participant', 'hasRole', audience.roles),
  );
}

const everyAction: readonly Action[] = ['discover', 'view', 'claim', 'publish', 'verify'];

/**
 * The built-in rules a policy compiles to, in the order their reasons are reported.
 * They are ordinary JSON rules, so the reference engine and the compiled path run
 * exactly the same definitions.
 */
export function builtInRules(document: PolicyDocument): DenyRule[] {
  const sod = document.separationOfDuty;
  const self = ref('participant', '$.id');
  const rules: Array<[BuiltInCode, readonly Action[], TopLevelCondition, boolean?]> = [
    [
      'participant_suspended',
      everyAction,
      all(is('participant', 'equal', 'suspended', '$.status')),
    ],
    ['unknown_category', everyAction, all(is('task', 'equal', false, '$.categoryKnown'))],
    [
      'outside_scope',
      everyAction,
      all(is('participant', 'lessThan', ref('task', '$.scope'), '$.clearance')),
    ],
    [
      'not_a_member',
      ['claim', 'publish', 'verify'],
      all(is('participant', 'notEqual', ref('circle', '$.id'), '$.circleId')),
    ],
    [
      'task_not_open',
      ['discover', 'claim'],
      // Core's one list of claimable states; a multi-slot task in work stays open
      // until its slots are full (`no_slot_left`).
      all(is('task', 'notIn', [...claimableTaskStates], '$.state')),
    ],
    [
      'out_of_range',
      ['discover', 'claim'],
      not(is('context', 'withinMeters', ref('context', '$.radiusMeters'))),
    ],
    // The ladder measures volunteers' capability; sworn officers and the command
    // center (clearance 3+) are professionals and are not held to a tier.
    [
      'level_too_low',
      ['claim'],
      all(
        is('task', 'greaterThan', ref('participant', '$.tier.maxDifficulty'), '$.difficulty'),
        is('participant', 'lessThan', 3, '$.clearance'),
      ),
    ],
    [
      'category_needs_tier',
      ['claim'],
      all(
        not(is('participant', 'levelAtLeast', ref('task', '$.minLevel'))),
        is('participant', 'lessThan', 3, '$.clearance'),
      ),
    ],
    [
      'missing_qualification',
      ['claim'],
      not(is('participant', 'hasQualification', ref('task', '$.requiredQualifications'))),
    ],
    ['already_claimed', ['claim'], all(is('task', 'contains', self, '$.claimantIds'))],
    [
      'no_slot_left',
      ['claim'],
      all(is('task', 'greaterThanInclusive', ref('task', '$.slots'), '$.claimants')),
    ],
    [
      'own_task',
      ['claim'],
      all(is('task', 'equal', self, '$.publisherId')),
      sod.publisherCannotClaim,
    ],
    [
      'publish_not_allowed',
      ['publish'],
      any(
        all(is('circle', 'equal', 'basic', '$.model'), not(memberOf(document.publishers.basic))),
        all(
          is('circle', 'equal', 'extended', '$.model'),
          not(memberOf(document.publishers.extended)),
        ),
      ),
    ],
    ['verify_not_allowed', ['verify'], not(memberOf(document.verifiers))],
    // Core's judgeable states: a slot may be handed in while others still work.
    [
      'task_not_submitted',
      ['verify'],
      all(is('task', 'notIn', [...judgeableTaskStates], '$.state')),
    ],
    [
      'verify_own_work',
      ['verify'],
      all(is('task', 'contains', self, '$.claimantIds')),
      sod.claimantCannotVerify,
    ],
    [
      'verify_own_task',
      ['verify'],
      // The command center is exempt: it publishes (converted reports, sensor alerts)
      // and is the one body that accepts, so oversight must not lock itself out.
      all(
        is('task', 'equal', self, '$.publisherId'),
        is('participant', 'lessThan', 4, '$.clearance'),
      ),
      sod.publisherCannotVerify,
    ],
  ];
  return rules
    .filter(([, , , enabled]) => enabled !== false)
    .map(([code, ruleActions, conditions]) => ({
      name: code,
      code,
      actions: ruleActions,
      conditions,
      builtIn: true,
    }));
}
