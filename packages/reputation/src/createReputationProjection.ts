import {
  type DomainEventData,
  InstantSchema,
  parseInput,
  pseudonymOf,
  QuanziError,
  toEpoch,
} from '@quanzi/core';
import { anonymiseProfile } from './anonymiseProfile';
import { levelMovingTypes } from './applySolverEvent';
import { buildProfile, type ReputationProfile } from './buildProfile';
import { allOutcomes, credibilityOf, rankingWeightOf } from './credibility';
import { estimateReviewerQuality, type ReviewerEstimate } from './estimateReviewerQuality';
import { explainFromLog, type ScoreExplanationReport } from './explainScore';
import { findingsOf, type ReputationFinding } from './findingsOf';
import { foldReputation, overturnedIds, stepReputation } from './foldReputation';
import {
  type LeaderboardEntry,
  type LeaderboardOptions,
  LeaderboardOptionsSchema,
  leaderboardOf,
} from './leaderboardOf';
import { overlayState } from './overlayState';
import {
  parseReputationEvent,
  type ReputationEvent,
  type ReputationEventInput,
} from './parseReputationEvent';
import {
  type ReputationConfig,
  type ReputationConfigInput,
  ReputationConfigSchema,
} from './ReputationConfigSchema';
import { decodeReputationSnapshot, encodeReputationSnapshot } from './reputationSnapshot';
import {
  blankRecord,
  createReputationState,
  type LevelChange,
  type ParticipantRecord,
  type ReputationState,
} from './reputationState';
import { type RuleFacts, ruleFactsOf } from './ruleFactsOf';
import { decayDueAt, heldLevel } from './settleLevel';
import { type Rate, rateOf } from './wilsonLowerBound';

/** The circle-wide picture of review quality and gaming. */
export interface CircleReputationHealth {
  /** Share of second opinions that agreed with the first review. */
  readonly secondReviewAgreement: Rate;
  /** Dawid–Skene estimates, once enough work was reviewed twice. */
  readonly reviewers: readonly ReviewerEstimate[];
  readonly recurringPairs: number;
  readonly selfDealing: number;
}

/** How far a caller vouches for the events it hands over. */
export interface TrustOptions {
  /**
   * The events were built and validated by the caller itself (an engine's own
   * appends and plans), so their schema check is skipped. Events read from a log
   * others write to must not be passed this way.
   */
  readonly validated?: boolean;
}

const trusted = (event: ReputationEventInput) => event as ReputationEvent;

/** Level-change data a host appends as `quanzi.participant.level_changed` events. */
export type LevelChangeData = DomainEventData<'quanzi.participant.level_changed'>;

/**
 * Reputation as an incremental projection of the event log. Feeding events one at a
 * time gives the same state as {@link replayReputation} over the whole log.
 */
export interface ReputationProjection {
  readonly config: ReputationConfig;
  /**
   * Validates and applies one event (a repeated id is ignored) and returns the level
   * changes it caused, ready to append as `quanzi.participant.level_changed` data. An
   * overturn rebuilds every score from the log and reports moved levels as `recompute`.
   * Throws a `QuanziError` on bad input and leaves the state unchanged.
   */
  apply(event: ReputationEventInput, options?: TrustOptions): LevelChange[];
  /** Validates every event first, then applies them in order; all or nothing. */
  applyAll(events: Iterable<ReputationEventInput>): LevelChange[];
  /** The profile of a participant at `now` (ISO instant); an unknown one gets a blank profile. */
  profile(participantId: string, now: string): ReputationProfile;
  /**
   * Every number of the profile with its formula and contributing events. It re-folds
   * the log with a trace, so it costs one replay; meant for people, not hot paths.
   */
  explainScore(participantId: string, now: string): ScoreExplanationReport;
  /**
   * The level changes `events` would cause if they were applied now, without applying
   * them: what an engine appends as `quanzi.participant.level_changed` in the same
   * append as the acceptance (or rating, reward…) that earns them. Costs what the
   * events touch. Overturns are left out (they re-fold the log; the next tick records
   * what they move). Throws a `QuanziError` on bad input.
   */
  previewLevels(events: Iterable<ReputationEventInput>, options?: TrustOptions): LevelChange[];
  /** Every level change so far, as the log (without overturned decisions) implies. */
  levelChanges(): readonly LevelChange[];
  /**
   * The level, tags and credibility of a participant at `now`, as `profile` gives them,
   * for rule checks on a hot path: kept per participant until an event changes their
   * record or time alone could (decay, end of probation), and no pseudonym is derived.
   */
  ruleFacts(participantId: string, now: string): RuleFacts;
  /**
   * The level a participant holds at `now` once decay is counted (what
   * `profile(id, now).level.current` says), without building the profile.
   */
  levelAt(participantId: string, now: string): number;
  /**
   * An epoch-ms instant at or before which the participant's held level first falls
   * below `level` if no further event arrives, or `null` if it never does: when to look
   * again, so a tick checks the participants whose decay is due, not every participant.
   */
  decayDueAt(participantId: string, level: number): number | null;
  /**
   * The participants whose records events changed since the last call (everyone a
   * re-fold touched, after an overturn); the list is handed out once.
   */
  takeChanged(): string[];
  /** Demotions from decay that are due at `now`, to append as level-changed events. */
  dueLevelChanges(now: string): LevelChangeData[];
  /** Recurring pairs and self-dealing, with evidence. */
  findings(): ReputationFinding[];
  /** The weight the rules package multiplies a publisher's task ranking by (1 = neutral). */
  rankingWeight(publisherId: string): number;
  /** A ranking in which anonymous participants appear under their pseudonyms. */
  leaderboard(options: LeaderboardOptions): LeaderboardEntry[];
  /** Second-review agreement, reviewer estimates and the number of findings. */
  circleHealth(): CircleReputationHealth;
  /** Every participant reputation has seen, sorted. */
  participants(): string[];
  /** Every profile at `now` for an export, anonymous participants under their pseudonyms. */
  exportProfiles(now: string): ReputationProfile[];
  /**
   * The folded state as JSON text, without the events behind it: what
   * {@link restoreReputationProjection} continues from.
   */
  snapshot(): string;
  /**
   * Whether the projection saw every event it counts: `false` after
   * {@link restoreReputationProjection} or {@link ReputationProjection.forgetEvents},
   * whose `explainScore` and overturns need the whole log (replay it instead).
   */
  readonly wholeLog: boolean;
  /**
   * Lets go of the events kept so far and of their ids: from here the projection
   * answers as one restored from its own snapshot at this point would, without
   * writing or reading the text. For a host that feeds each event once and can
   * replay its log when it meets an overturn (an engine over its store): what the
   * projection holds is then its state, not the log. An event applied again after
   * this counts again.
   */
  forgetEvents(): void;
}

const instant = (now: string) => {
  const time = parseInput(InstantSchema, now, { path: ['now'] });
  return { time, ms: toEpoch(time) };
};

// Hot paths take the arithmetic parse and validate only what it cannot read.
const epochOf = (now: string) => {
  const ms = toEpoch(now);
  return Number.isNaN(ms) ? instant(now).ms : ms;
};

interface CachedFacts {
  readonly revision: number;
  readonly fromMs: number;
  readonly untilMs: number;
  readonly facts: RuleFacts;
}

/** Levels that differ between two states, as `recompute` changes caused by `cause`. */
function recomputeChanges(before: ReputationState, after: ReputationState, cause: ReputationEvent) {
  const ids = new Set([...before.participants.keys(), ...after.participants.keys()]);
  const changes: LevelChange[] = [];
  for (const participantId of [...ids].sort()) {
    const from = before.participants.get(participantId)?.level ?? 0;
    const to = after.participants.get(participantId)?.level ?? 0;
    if (from !== to)
      changes.push({
        participantId,
        from,
        to,
        reason: 'recompute',
        time: cause.time,
        causeEventId: cause.id,
      });
  }
  return changes;
}

// What needs the whole log, in both languages of the error.
const needsWholeLog = {
  overturn: { en: 'an overturned decision', 'zh-CN': '撤销的决定' },
  explainScore: { en: 'explainScore', 'zh-CN': 'explainScore（得分解释）' },
} as const;

function wholeLogNeeded(what: keyof typeof needsWholeLog): QuanziError {
  const { en, 'zh-CN': zh } = needsWholeLog[what];
  return new QuanziError({
    code: 'unsupported',
    message: {
      en: `This reputation projection does not hold the events it counted (it was restored from a snapshot or let them go): ${en} needs the whole log (replay it with replayReputation)`,
      'zh-CN': `该信誉投影不含其已计入的事件（由快照恢复或已释放）：${zh}需要完整日志（请用 replayReputation 重放）`,
    },
  });
}

/**
 * @internal A projection over an already folded log; {@link replayReputation} starts here
 * too. `overturnedBefore` are the overturned decisions of a snapshot the state came
 * from, whose events `events` does not hold.
 */
export function projectionOver(
  config: ReputationConfig,
  events: ReputationEvent[],
  knownIds: Set<string> | null,
  initial: ReputationState,
  overturnedBefore?: Set<string>,
  foreseen: ReadonlySet<string> = new Set(),
): ReputationProjection {
  let log = events;
  // The overturned decisions as of the point the projection stopped keeping events (or,
  // for a replay, of the whole log: the overturns in `foreseen` are already counted).
  let restored = overturnedBefore;
  // A trusted replay hands over no id set; it is built on the first incremental event.
  let ids = knownIds;
  const seen = () => {
    ids ??= new Set(log.map((event) => event.id));
    return ids;
  };
  let overturned = restored ?? overturnedIds(log);
  let state = initial;
  let estimates: Map<string, ReviewerEstimate> | null = null;
  // Keyed by record: a re-fold makes new records, and the old entries go with them.
  const factsCache = new WeakMap<ParticipantRecord, CachedFacts>();

  function ingest(event: ReputationEvent): LevelChange[] {
    if (seen().has(event.id)) return [];
    const overturn = event.type === 'quanzi.decision.overturned';
    // Re-folding needs every event, which a projection without them does not have.
    if (restored && overturn && !foreseen.has(event.id)) throw wholeLogNeeded('overturn');
    seen().add(event.id);
    estimates = null;
    // Without the events before, the log could serve neither an overturn nor
    // `explainScore`: a projection that does not have them keeps none.
    if (!restored) log.push(event);
    if (!restored && overturn) {
      const next = overturnedIds(log);
      const moved = [...next, ...overturned].some(
        (id) => next.has(id) !== overturned.has(id) && seen().has(id),
      );
      overturned = next;
      if (!moved) {
        stepReputation(state, event, overturned);
        return [];
      }
      const before = state;
      state = foldReputation(config, log, overturned);
      // Whoever the old state held or had changed may read differently now.
      for (const id of before.touched) state.touched.add(id);
      for (const id of before.participants.keys()) state.touched.add(id);
      return recomputeChanges(before, state, event);
    }
    const from = state.levelChanges.length;
    stepReputation(state, event, overturned);
    return state.levelChanges.slice(from);
  }

  function reviewerEstimates() {
    estimates ??= new Map(
      estimateReviewerQuality(state.secondOpinions, config.secondReview).map((e) => [
        e.reviewerId,
        e,
      ]),
    );
    return estimates;
  }

  return {
    config,
    apply: (event, options) =>
      ingest(options?.validated ? trusted(event) : parseReputationEvent(event)),
    applyAll(events) {
      const parsed = [...events].map((event, i) => parseReputationEvent(event, [i]));
      return parsed.flatMap(ingest);
    },
    profile(participantId, now) {
      const at = instant(now);
      const record = state.participants.get(participantId) ?? blankRecord(participantId, at.ms);
      return buildProfile(state, record, at.ms, reviewerEstimates());
    },
    explainScore(participantId, now) {
      if (restored) throw wholeLogNeeded('explainScore');
      return explainFromLog(
        config,
        log,
        overturned,
        participantId,
        instant(now),
        reviewerEstimates(),
      );
    },
    previewLevels(events, options) {
      const parsed = [...events].map((event, i) =>
        options?.validated ? trusted(event) : parseReputationEvent(event, [i]),
      );
      // Most commands move no level: skip copying the records they touch.
      if (!parsed.some((event) => levelMovingTypes.has(event.type))) return [];
      const scratch = overlayState(state);
      const ids = new Set<string>();
      for (const event of parsed) {
        // A repeated id changes nothing, as in `apply`.
        if (seen().has(event.id) || ids.has(event.id)) continue;
        ids.add(event.id);
        if (event.type !== 'quanzi.decision.overturned') stepReputation(scratch, event, overturned);
      }
      return scratch.levelChanges;
    },
    levelChanges: () => [...state.levelChanges],
    ruleFacts(participantId, now) {
      const ms = epochOf(now);
      const record = state.participants.get(participantId) ?? blankRecord(participantId, ms);
      const cached = factsCache.get(record);
      if (cached?.revision === record.revision && cached.fromMs <= ms && ms < cached.untilMs)
        return cached.facts;
      const { facts, untilMs } = ruleFactsOf(record, ms, config);
      factsCache.set(record, { revision: record.revision, fromMs: ms, untilMs, facts });
      return facts;
    },
    levelAt(participantId, now) {
      const record = state.participants.get(participantId);
      return record ? heldLevel(record, epochOf(now), config) : 0;
    },
    decayDueAt(participantId, level) {
      const record = state.participants.get(participantId);
      return record ? decayDueAt(record, level, config) : null;
    },
    takeChanged() {
      const ids = [...state.touched];
      state.touched.clear();
      return ids;
    },
    dueLevelChanges(now) {
      const { ms } = instant(now);
      const due: LevelChangeData[] = [];
      for (const record of state.participants.values()) {
        const to = heldLevel(record, ms, config);
        if (to < record.level)
          due.push({ participantId: record.id, from: record.level, to, reason: 'decay' });
      }
      return due.sort((a, b) => (a.participantId < b.participantId ? -1 : 1));
    },
    findings: () => findingsOf(state),
    rankingWeight(publisherId) {
      const record = state.participants.get(publisherId);
      const credibility = record
        ? credibilityOf(allOutcomes(record, config), config)
        : config.credibility.prior;
      return rankingWeightOf(credibility, config);
    },
    leaderboard: (options) => leaderboardOf(state, parseInput(LeaderboardOptionsSchema, options)),
    circleHealth() {
      const agreements = state.secondOpinions.filter((o) => o.agrees).length;
      const findings = findingsOf(state);
      return {
        secondReviewAgreement: rateOf(agreements, state.secondOpinions.length, config.wilsonZ),
        reviewers: [...reviewerEstimates().values()],
        recurringPairs: findings.filter((f) => f.kind === 'recurring_pair').length,
        selfDealing: findings.filter((f) => f.kind === 'self_dealing').length,
      };
    },
    participants: () => [...state.participants.keys()].sort(),
    exportProfiles(now) {
      const at = instant(now);
      const publicId = (id: string) =>
        state.participants.get(id)?.anonymous ? pseudonymOf(id, config.pseudonymSalt) : id;
      return [...state.participants.values()]
        .map((record) =>
          anonymiseProfile(buildProfile(state, record, at.ms, reviewerEstimates()), publicId),
        )
        .sort((a, b) => (a.participantId < b.participantId ? -1 : 1));
    },
    snapshot: () => encodeReputationSnapshot(state, overturned),
    get wholeLog() {
      return restored === undefined;
    },
    forgetEvents() {
      restored = overturned;
      log = [];
      ids = new Set();
    },
  };
}

/** Options for {@link createReputationProjection}. */
export interface ReputationProjectionOptions {
  /**
   * For a replay of a log that keeps none of its events: the log's overturn events, in
   * log order, read first (`store.readAll({ types: ['quanzi.decision.overturned'] })`).
   * The projection then counts each decision as overturned or not from the start, as
   * {@link replayReputation} does over the whole log, and takes those overturns in as
   * they come; any other overturn throws `unsupported`, as after
   * {@link ReputationProjection.forgetEvents}.
   */
  readonly overturns?: Iterable<ReputationEventInput>;
}

/**
 * Creates an empty reputation projection for a circle. `config` is validated; a bad
 * one throws a `QuanziError` (`invalid_policy`) naming the field.
 *
 * @example
 * const reputation = createReputationProjection({ halfLifeDays: 60 });
 * for (const event of await store.readAll()) reputation.apply(event);
 * reputation.profile('p7', clock.now()).level.current;
 */
export function createReputationProjection(
  config: ReputationConfigInput = {},
  options: ReputationProjectionOptions = {},
): ReputationProjection {
  const parsed = parseInput(ReputationConfigSchema, config, { code: 'invalid_policy' });
  const state = createReputationState(parsed);
  if (options.overturns === undefined) return projectionOver(parsed, [], new Set(), state);
  const overturns = [...options.overturns]
    .map((event, i) => parseReputationEvent(event, ['overturns', i]))
    .filter((event) => event.type === 'quanzi.decision.overturned');
  const foreseen = new Set(overturns.map((event) => event.id));
  return projectionOver(parsed, [], new Set(), state, overturnedIds(overturns), foreseen);
}

/**
 * A projection that continues from `snapshot` (text from {@link ReputationProjection.snapshot}
 * under the same `config`) without the events behind it: feed it the events after the
 * snapshot. It answers profiles, rule facts and levels as the full replay would;
 * `explainScore` and an overturn throw `unsupported` (they need the whole log). A bad
 * `config` throws `invalid_policy`, text that is no snapshot `invalid_input`.
 *
 * @example
 * const saved = reputation.snapshot();
 * const restored = restoreReputationProjection(saved, config);
 */
export function restoreReputationProjection(
  snapshot: string,
  config: ReputationConfigInput = {},
): ReputationProjection {
  const parsed = parseInput(ReputationConfigSchema, config, { code: 'invalid_policy' });
  const { state, overturned } = decodeReputationSnapshot(snapshot, parsed);
  return projectionOver(parsed, [], new Set(), state, overturned);
}
