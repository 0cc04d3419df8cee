import type { PairKind, PairRecord, ReputationState } from './reputationState';

const key = (a: string, b: string, c?: string) =>
  c === undefined ? `${a}\u0000${b}` : `${a}\u0000${b}\u0000${c}`;

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
  const id = key(kind, firstId, secondId);
  let pair = state.pairs.get(id);
  if (pair === undefined) {
    pair = { kind, firstId, secondId, count: 0, evidence: [] };
    state.pairs.set(id, pair);
  }
  pair.count += 1;
  pair.evidence.push(eventId);
  increment(state.pairTotals, kind);
  increment(state.pairTotals, key(kind, 'first', firstId));
  increment(state.pairTotals, key(kind, 'second', secondId));
}
