import type { ReputationConfig } from './ReputationConfigSchema';
import type { ParticipantRecord } from './reputationState';

/** Positive and negative outcomes behind a credibility score. */
export interface Outcomes {
  readonly positive: number;
  readonly negative: number;
}

/** A reporter's outcomes: converted reports against false and (weighted) malicious ones. */
export function reporterOutcomes(record: ParticipantRecord, config: ReputationConfig): Outcomes {
  return {
    positive: record.converted,
    negative:
      record.dismissedFalse + record.dismissedMalicious * config.credibility.maliciousWeight,
  };
}

/** A publisher's outcomes: tasks approved at review against returned and duplicate ones. */
export function publisherOutcomes(record: ParticipantRecord): Outcomes {
  return { positive: record.approved, negative: record.returned + record.duplicates };
}

/** Both roles' outcomes together. */
export function allOutcomes(record: ParticipantRecord, config: ReputationConfig): Outcomes {
  const reporter = reporterOutcomes(record, config);
  const publisher = publisherOutcomes(record);
  return {
    positive: reporter.positive + publisher.positive,
    negative: reporter.negative + publisher.negative,
  };
}

/**
 * A Bayesian average: the prior counts as `priorWeight` outcomes, so a newcomer starts
 * at the prior and one outcome moves them only a little.
 */
export function credibilityOf(outcomes: Outcomes, config: ReputationConfig): number {
  const { prior, priorWeight } = config.credibility;
  return (
    (outcomes.positive + prior * priorWeight) /
    (outcomes.positive + outcomes.negative + priorWeight)
  );
}

/** Credibility relative to the prior, clamped: 1 for a newcomer, below 1 for a negative record. */
export function rankingWeightOf(credibility: number, config: ReputationConfig): number {
  const { prior, minWeight, maxWeight } = config.credibility;
  return Math.min(maxWeight, Math.max(minWeight, credibility / prior));
}

/** `positive`, `negative` or null (too few outcomes, or in between) for a role's tag. */
export function credibilityTag(outcomes: Outcomes, config: ReputationConfig) {
  const { minOutcomesForTag, positiveTagAt, negativeTagAt } = config.credibility;
  if (outcomes.positive + outcomes.negative < minOutcomesForTag) return null;
  const score = credibilityOf(outcomes, config);
  if (score >= positiveTagAt) return 'positive';
  if (score <= negativeTagAt) return 'negative';
  return null;
}
