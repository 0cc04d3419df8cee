import { tagsOf } from './buildProfile';
import { allOutcomes, credibilityOf } from './credibility';
import type { ReputationConfig } from './ReputationConfigSchema';
import type { ParticipantRecord } from './reputationState';
import { decayDueAt, heldLevel, onProbation } from './settleLevel';

const dayMs = 86_400_000;

/** What the rules need of a participant at one instant: a small part of a profile. */
export interface RuleFacts {
  /** The level held at the instant, decay counted (the profile's `level.current`). */
  readonly level: number;
  /** The profile's `tags`. */
  readonly tags: readonly string[];
  /** The profile's `credibility`. */
  readonly credibility: number;
}

/**
 * The rule facts of `record` at `ms`, and the instant (epoch ms) until which they hold
 * if the record does not change: the next possible fall by decay or end of probation,
 * the only ways time alone changes them.
 */
export function ruleFactsOf(
  record: ParticipantRecord,
  ms: number,
  config: ReputationConfig,
): { facts: RuleFacts; untilMs: number } {
  const level = heldLevel(record, ms, config);
  const facts: RuleFacts = Object.freeze({
    level,
    tags: Object.freeze(tagsOf(record, ms, config)),
    credibility: credibilityOf(allOutcomes(record, config), config),
  });
  let untilMs = decayDueAt(record, level, config) ?? Number.POSITIVE_INFINITY;
  const probationEnd = record.since + config.probation.days * dayMs;
  // Probation lifted by time alone: only while enough tasks are already accepted.
  if (onProbation(record, ms, config) && record.accepted >= config.probation.minTasks)
    untilMs = Math.min(untilMs, probationEnd);
  return { facts, untilMs };
}
