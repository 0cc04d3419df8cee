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

/**
 * A participant record that shares nothing mutable with `record`: its own sets and
 * maps, the rest by value. A spread keeps the record's shape, which the reputation's
 * hot paths are compiled for; `structuredClone` built a new one field by field.
 */
export function copyRecord(record: ParticipantRecord): ParticipantRecord {
  return {
    ...record,
    teamIds: new Set(record.teamIds),
    memberIds: new Set(record.memberIds),
    byCategory: new Map(record.byCategory),
    pointsByDay: new Map(
      [...record.pointsByDay].map(([day, bySource]) => [day, new Map(bySource)]),
    ),
  };
}
// Evidence lists grow with a pair's history and a preview never reads them (it reads
// counts and levels): the overlay's lists hold only what the previewed events add.
const copyPair = (pair: PairRecord): PairRecord => ({ ...pair, evidence: [] });
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
 * the size of the circle or the length of anyone's history. Meant for applying a few
 * events and reading levels, not for iterating: its evidence lists (recurring pairs,
 * self-dealing, second opinions) hold only what the events applied to it add.
 */
export function overlayState(state: ReputationState): ReputationState {
  return {
    config: state.config,
    participants: new OverlayMap<string, ParticipantRecord>(state.participants, copyRecord),
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
    selfDealing: new OverlayMap(state.selfDealing, () => []),
    secondOpinions: [],
    levelChanges: [],
    touched: new Set(),
  };
}
