import type { PairKind, PairRecord, ReputationState } from './reputationState';

const key = (...parts: string[]) => parts.join('\u0000');

/** The count chance predicts for a pair: its two sides' totals spread over all accepted work. */
export function expectedPairCount(state: ReputationState, pair: PairRecord): number {
  const total = state.pairTotals.get(pair.kind) ?? 0;
  if (total === 0) return 0;
  const first = state.pairTotals.get(key(pair.kind, 'first', pair.firstId)) ?? 0;
  const second = state.pairTotals.get(key(pair.kind, 'second', pair.secondId)) ?? 0;
  return (first * second) / total;
}

/** Whether `pair` meets far more often than chance, by the configured count and lift. */
export function isRecurring(state: ReputationState, pair: PairRecord): boolean {
  const { minCount, minLift } = state.config.pairs;
  return pair.count >= minCount && pair.count >= minLift * expectedPairCount(state, pair);
}

/** The pair record of `firstId` and `secondId`, if they have met. */
export function pairOf(
  state: ReputationState,
  kind: PairKind,
  firstId: string,
  secondId: string,
): PairRecord | undefined {
  return state.pairs.get(key(kind, firstId, secondId));
}

/** Counts one accepted task for the pair, keeping the event as evidence. */
export function countPair(
  state: ReputationState,
  kind: PairKind,
  firstId: string,
  secondId: string,
  eventId: string,
): void {
  const id = key(kind, firstId, secondId);
  let pair = state.pairs.get(id);
  if (pair === undefined) {
    pair = { kind, firstId, secondId, count: 0, evidence: [] };
    state.pairs.set(id, pair);
  }
  pair.count += 1;
  pair.evidence.push(eventId);
  for (const total of [kind, key(kind, 'first', firstId), key(kind, 'second', secondId)])
    state.pairTotals.set(total, (state.pairTotals.get(total) ?? 0) + 1);
}
