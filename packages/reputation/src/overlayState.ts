import type { PairRecord, ParticipantRecord, ReputationState } from './reputationState';

/**
 * A map that reads through to `base` and copies an entry the first time it is read,
 * so changes land in the overlay and `base` stays as it was.
 */
class OverlayMap<K, V> extends Map<K, V> {
  constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly copy: (value: V) => V,
  ) {
    super();
  }

  override get(key: K): V | undefined {
    if (!super.has(key)) {
      const value = this.base.get(key);
      if (value !== undefined) super.set(key, this.copy(value));
    }
    return super.get(key);
  }

  override has(key: K): boolean {
    return super.has(key) || this.base.has(key);
  }
}

const same = <V>(value: V) => value;
const copyPair = (pair: PairRecord): PairRecord => ({ ...pair, evidence: [...pair.evidence] });
const pairsOver = (base: Map<string, Map<string, PairRecord>>) =>
  new OverlayMap(base, (bySecond) => new OverlayMap(bySecond, copyPair));
const totalsOver = (base: ReputationState['pairTotals'][keyof ReputationState['pairTotals']]) => ({
  all: base.all,
  first: new OverlayMap(base.first, same),
  second: new OverlayMap(base.second, same),
});

/**
 * A state that starts equal to `state` and takes events without changing it: only the
 * records the events touch are copied, so a preview costs what those events touch, not
 * the size of the circle. Meant for applying a few events, not for iterating.
 */
export function overlayState(state: ReputationState): ReputationState {
  return {
    config: state.config,
    participants: new OverlayMap<string, ParticipantRecord>(state.participants, (record) =>
      structuredClone(record),
    ),
    tasks: new OverlayMap(state.tasks, same),
    reporters: new OverlayMap(state.reporters, same),
    pairs: {
      publisher_claimant: pairsOver(state.pairs.publisher_claimant),
      verifier_claimant: pairsOver(state.pairs.verifier_claimant),
    },
    pairTotals: {
      publisher_claimant: totalsOver(state.pairTotals.publisher_claimant),
      verifier_claimant: totalsOver(state.pairTotals.verifier_claimant),
    },
    selfDealing: new OverlayMap(state.selfDealing, (ids) => [...ids]),
    secondOpinions: [...state.secondOpinions],
    levelChanges: [],
    touched: new Set(),
  };
}
