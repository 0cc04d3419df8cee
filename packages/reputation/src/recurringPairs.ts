import type { PairKind, PairRecord, ReputationState } from './reputationState';

/** Every pair that has met at least once. */
export function* allPairs(state: ReputationState): Generator<PairRecord> {
  for (const byFirst of Object.values(state.pairs))
    for (const bySecond of byFirst.values()) yield* bySecond.values();
}

/** The count chance predicts for a pair: its two sides' totals spread over all accepted work. */
export function expectedPairCount(state: ReputationState, pair: PairRecord): number {
  const totals = state.pairTotals[pair.kind];
  if (totals.all === 0) return 0;
  const first = totals.first.get(pair.firstId) ?? 0;
  const second = totals.second.get(pair.secondId) ?? 0;
  return (first * second) / totals.all;
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
  return state.pairs[kind].get(firstId)?.get(secondId);
}

function increment(map: Map<string, number>, id: string) {
  map.set(id, (map.get(id) ?? 0) + 1);
}

/** Counts one accepted task for the pair, keeping the event as evidence. */
export function countPair(
  state: ReputationState,
  kind: PairKind,
  firstId: string,
  secondId: string,
  eventId: string,
): void {
  // Nested maps keyed by the ids themselves: no joined key strings to build and hash.
  let bySecond = state.pairs[kind].get(firstId);
  if (bySecond === undefined) {
    bySecond = new Map();
    state.pairs[kind].set(firstId, bySecond);
  }
  let pair = bySecond.get(secondId);
  if (pair === undefined) {
    pair = { kind, firstId, secondId, count: 0, evidence: [] };
    bySecond.set(secondId, pair);
  }
  pair.count += 1;
  pair.evidence.push(eventId);
  const totals = state.pairTotals[kind];
  totals.all += 1;
  increment(totals.first, firstId);
  increment(totals.second, secondId);
}
