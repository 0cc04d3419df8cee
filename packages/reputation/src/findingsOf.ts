import { allPairs, expectedPairCount, isRecurring } from './recurringPairs';
import type { PairKind, ReputationState } from './reputationState';

/** Two participants meeting on accepted work far more often than chance predicts. */
export interface RecurringPairFinding {
  readonly kind: 'recurring_pair';
  readonly pair: PairKind;
  /** `[publisher or verifier, claimant]`. */
  readonly participantIds: readonly [string, string];
  readonly count: number;
  /** The count chance predicts from both sides' totals. */
  readonly expected: number;
  readonly lift: number;
  /** The accepted-task events where they met. */
  readonly evidence: readonly string[];
}

/** A participant who tried to earn from work they published, verified or rated themselves. */
export interface SelfDealingFinding {
  readonly kind: 'self_dealing';
  readonly participantIds: readonly [string];
  readonly count: number;
  readonly evidence: readonly string[];
}

/** Something in the log that looks like gaming, with the events that show it. */
export type ReputationFinding = RecurringPairFinding | SelfDealingFinding;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Recurring pairs (strongest lift first), then self-dealing attempts, found in `state`. */
export function findingsOf(state: ReputationState): ReputationFinding[] {
  const pairs: RecurringPairFinding[] = [];
  for (const pair of allPairs(state)) {
    if (!isRecurring(state, pair)) continue;
    const expected = expectedPairCount(state, pair);
    pairs.push({
      kind: 'recurring_pair',
      pair: pair.kind,
      participantIds: [pair.firstId, pair.secondId],
      count: pair.count,
      expected,
      lift: pair.count / expected,
      evidence: [...pair.evidence],
    });
  }
  pairs.sort(
    (a, b) =>
      b.lift - a.lift ||
      byText(a.pair, b.pair) ||
      byText(a.participantIds.join('\u0000'), b.participantIds.join('\u0000')),
  );
  const selfDealing = [...state.selfDealing]
    .sort(([a], [b]) => byText(a, b))
    .map(
      ([participantId, evidence]): SelfDealingFinding => ({
        kind: 'self_dealing',
        participantIds: [participantId],
        count: evidence.length,
        evidence: [...evidence],
      }),
    );
  return [...pairs, ...selfDealing];
}
