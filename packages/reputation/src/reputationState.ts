import type { DomainEventData, ParticipantKind } from '@quanzi/core';
import type { ReputationConfig } from './ReputationConfigSchema';

/** Everything reputation counts about one participant, in whichever roles they act. */
export interface ParticipantRecord {
  readonly id: string;
  /** Counts the changes to this record, so what is derived from it can be cached. */
  revision: number;
  kind: ParticipantKind | null;
  displayName: string | null;
  anonymous: boolean;
  /** Epoch ms of registration, or of the first event naming them. */
  since: number;
  teamIds: Set<string>;
  memberIds: Set<string>;
  // As a solver.
  accepted: number;
  rejected: number;
  released: number;
  onTime: number;
  ratings: number;
  goodRatings: number;
  classicCases: number;
  /** Decayed difficulty-weighted volume as of `volumeAt`. */
  volume: number;
  volumeAt: number;
  totalVolume: number;
  byCategory: Map<string, number>;
  selfDealt: number;
  neutralised: number;
  level: number;
  approvedLevel: number;
  pendingApproval: number | null;
  // As a reporter and publisher.
  reports: number;
  converted: number;
  linked: number;
  dismissedFalse: number;
  dismissedMalicious: number;
  outOfScope: number;
  selfVerified: number;
  published: number;
  approved: number;
  returned: number;
  duplicates: number;
  // Points.
  pointsAwarded: number;
  pointsCounted: number;
  pointsCapped: number;
  pointsSelfDealt: number;
  /** Points counted per day and source, for the daily cap. */
  pointsByDay: Map<number, Map<string, number>>;
  // As a verifier.
  decisions: number;
  overturnedDecisions: number;
  secondReviews: number;
  agreements: number;
}

/** What reputation remembers of a task: who published it, its category and weight. */
export interface TaskInfo {
  readonly publisherId: string;
  readonly category: string;
  readonly weight: number;
}

/** Which pair a recurring-pair count is about. */
export type PairKind = 'publisher_claimant' | 'verifier_claimant';

/** How often one pair met on accepted work, with the events as evidence. */
export interface PairRecord {
  readonly kind: PairKind;
  readonly firstId: string;
  readonly secondId: string;
  count: number;
  readonly evidence: string[];
}

/** Accepted work counted for one pair kind. */
export interface PairTotals {
  all: number;
  readonly first: Map<string, number>;
  readonly second: Map<string, number>;
}

/** One second opinion on accepted work. */
export interface SecondOpinion {
  readonly eventId: string;
  readonly firstReviewerId: string;
  readonly secondReviewerId: string;
  readonly agrees: boolean;
}

/** A level change as `quanzi.participant.level_changed` data, with when and why it happened. */
export type LevelChange = DomainEventData<'quanzi.participant.level_changed'> & {
  readonly time: string;
  /** The event whose evaluation moved the level. */
  readonly causeEventId: string;
};

/** The mutable state one fold of the log builds. */
export interface ReputationState {
  readonly config: ReputationConfig;
  readonly participants: Map<string, ParticipantRecord>;
  readonly tasks: Map<string, TaskInfo>;
  readonly reporters: Map<string, string>;
  readonly pairs: Record<PairKind, Map<string, Map<string, PairRecord>>>;
  /** Accepted work per pair kind, in all and per participant on each side. */
  readonly pairTotals: Record<PairKind, PairTotals>;
  readonly selfDealing: Map<string, string[]>;
  readonly secondOpinions: SecondOpinion[];
  readonly levelChanges: LevelChange[];
  /**
   * Ids of the records events changed since the projection last handed them out, so a
   * consumer re-reads only those (a tick checks levels of these, not of everyone).
   */
  readonly touched: Set<string>;
}

/** An empty state for `config`. */
export function createReputationState(config: ReputationConfig): ReputationState {
  return {
    config,
    participants: new Map(),
    tasks: new Map(),
    reporters: new Map(),
    pairs: { publisher_claimant: new Map(), verifier_claimant: new Map() },
    pairTotals: {
      publisher_claimant: { all: 0, first: new Map(), second: new Map() },
      verifier_claimant: { all: 0, first: new Map(), second: new Map() },
    },
    selfDealing: new Map(),
    secondOpinions: [],
    levelChanges: [],
    touched: new Set(),
  };
}

/** A record for a participant reputation has not seen, first seen at `ms`. */
export function blankRecord(id: string, ms: number): ParticipantRecord {
  return {
    id,
    revision: 0,
    kind: null,
    displayName: null,
    anonymous: false,
    since: ms,
    teamIds: new Set(),
    memberIds: new Set(),
    accepted: 0,
    rejected: 0,
    released: 0,
    onTime: 0,
    ratings: 0,
    goodRatings: 0,
    classicCases: 0,
    volume: 0,
    volumeAt: ms,
    totalVolume: 0,
    byCategory: new Map(),
    selfDealt: 0,
    neutralised: 0,
    level: 0,
    approvedLevel: 0,
    pendingApproval: null,
    reports: 0,
    converted: 0,
    linked: 0,
    dismissedFalse: 0,
    dismissedMalicious: 0,
    outOfScope: 0,
    selfVerified: 0,
    published: 0,
    approved: 0,
    returned: 0,
    duplicates: 0,
    pointsAwarded: 0,
    pointsCounted: 0,
    pointsCapped: 0,
    pointsSelfDealt: 0,
    pointsByDay: new Map(),
    decisions: 0,
    overturnedDecisions: 0,
    secondReviews: 0,
    agreements: 0,
  };
}

/** The record of `id`, created on first mention at `ms`. */
export function recordOf(state: ReputationState, id: string, ms: number): ParticipantRecord {
  // Every change to a record goes through here, so this is where changes are noted.
  state.touched.add(id);
  let record = state.participants.get(id);
  if (record === undefined) {
    record = blankRecord(id, ms);
    state.participants.set(id, record);
  }
  record.revision += 1;
  return record;
}

/** Keeps `eventId` as evidence that `participantId` tried to earn from their own work. */
export function noteSelfDealing(state: ReputationState, participantId: string, eventId: string) {
  const list = state.selfDealing.get(participantId);
  if (list) list.push(eventId);
  else state.selfDealing.set(participantId, [eventId]);
}
