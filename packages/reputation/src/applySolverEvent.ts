import type { ReputationEvent } from './parseReputationEvent';
import { countPair, isRecurring, pairOf } from './recurringPairs';
import {
  noteSelfDealing,
  type ParticipantRecord,
  type ReputationState,
  recordOf,
} from './reputationState';
import { decayFactor, type SettleReason, settleLevel } from './settleLevel';

/** The scores `explainScore` can list contributing events for. */
export type ScoreName =
  | 'volume'
  | 'completionRate'
  | 'onTimeRate'
  | 'goodReviewRate'
  | 'classicCases'
  | 'reporterCredibility'
  | 'publisherCredibility'
  | 'points'
  | 'secondReview';

/** Called for each event that moves one of a participant's scores. */
export type Trace = (participantId: string, score: ScoreName, event: ReputationEvent) => void;

type Of<TType extends ReputationEvent['type']> = Extract<ReputationEvent, { type: TType }>;

/** Runs `change` between a decay settle and a settle for `reason`, as every solver event does. */
function settled(
  state: ReputationState,
  record: ParticipantRecord,
  event: ReputationEvent,
  ms: number,
  reason: SettleReason,
  change: () => void,
): void {
  settleLevel(record, ms, state.config, 'decay', event, state.levelChanges);
  change();
  settleLevel(record, ms, state.config, reason, event, state.levelChanges);
}

function addVolume(record: ParticipantRecord, weight: number, ms: number, halfLifeDays: number) {
  // Events can arrive slightly out of time order; an older one is decayed to the
  // record's clock instead of moving the clock back.
  if (ms >= record.volumeAt) {
    record.volume = record.volume * decayFactor(ms - record.volumeAt, halfLifeDays) + weight;
    record.volumeAt = ms;
  } else record.volume += weight * decayFactor(record.volumeAt - ms, halfLifeDays);
  record.totalVolume += weight;
}

/** Whether the work sits in a pair already recurring, when policy withholds credit for it. */
function neutralised(
  state: ReputationState,
  publisherId: string,
  claimantId: string,
  verifierId: string,
) {
  if (!state.config.pairs.neutralise) return false;
  const byPublisher = pairOf(state, 'publisher_claimant', publisherId, claimantId);
  const byVerifier = pairOf(state, 'verifier_claimant', verifierId, claimantId);
  return (
    (byPublisher !== undefined && isRecurring(state, byPublisher)) ||
    (byVerifier !== undefined && isRecurring(state, byVerifier))
  );
}

function applyAccepted(
  state: ReputationState,
  event: Of<'quanzi.task.accepted'>,
  ms: number,
  trace?: Trace,
) {
  const task = state.tasks.get(event.data.taskId);
  const publisherId = task?.publisherId ?? event.actor;
  const config = state.config;
  recordOf(state, event.actor, ms).decisions += 1;
  for (const claimantId of event.data.claimantIds) {
    const record = recordOf(state, claimantId, ms);
    if (claimantId === publisherId || claimantId === event.actor) {
      record.selfDealt += 1;
      noteSelfDealing(state, claimantId, event.id);
      continue;
    }
    if (neutralised(state, publisherId, claimantId, event.actor)) record.neutralised += 1;
    else {
      settled(state, record, event, ms, 'promotion', () => {
        record.accepted += 1;
        if (event.data.onTime) record.onTime += 1;
        const weight = task?.weight ?? config.difficultyWeights[config.defaultDifficulty - 1] ?? 1;
        addVolume(record, weight, ms, config.halfLifeDays);
        const category = task?.category ?? 'unknown';
        record.byCategory.set(category, (record.byCategory.get(category) ?? 0) + 1);
      });
      if (trace)
        for (const score of ['volume', 'completionRate', 'onTimeRate'] as const)
          trace(claimantId, score, event);
    }
    countPair(state, 'publisher_claimant', publisherId, claimantId, event.id);
    countPair(state, 'verifier_claimant', event.actor, claimantId, event.id);
  }
}

/**
 * The event types that can move a level: every case below that settles one. Events of
 * other types leave every level where it is, so a preview of them has nothing to say.
 */
export const levelMovingTypes: ReadonlySet<string> = new Set([
  'quanzi.task.accepted',
  'quanzi.task.rejected',
  'quanzi.task.released',
  'quanzi.task.rated',
  'quanzi.task.classic_marked',
  'quanzi.participant.level_changed',
]);

/**
 * Applies an event about solver work — acceptance, rejection, release, rating,
 * classic case, or a level checkpoint — settling the solver's level before and after.
 */
export function applySolverEvent(
  state: ReputationState,
  event: ReputationEvent,
  ms: number,
  trace?: Trace,
) {
  const config = state.config;
  switch (event.type) {
    case 'quanzi.task.accepted':
      return applyAccepted(state, event, ms, trace);
    case 'quanzi.task.rejected': {
      recordOf(state, event.actor, ms).decisions += 1;
      const record = recordOf(state, event.data.claimantId, ms);
      settled(state, record, event, ms, 'promotion', () => {
        record.rejected += 1;
      });
      return trace?.(record.id, 'completionRate', event);
    }
    case 'quanzi.task.released': {
      // A release caused by a rejection is already counted by the rejection.
      if (event.data.reason === 'rejected') return;
      const record = recordOf(state, event.data.claimantId, ms);
      settled(state, record, event, ms, 'promotion', () => {
        record.released += 1;
      });
      return trace?.(record.id, 'completionRate', event);
    }
    case 'quanzi.task.rated': {
      if (event.data.participantId === event.actor)
        return noteSelfDealing(state, event.actor, event.id);
      const record = recordOf(state, event.data.participantId, ms);
      settled(state, record, event, ms, 'promotion', () => {
        record.ratings += 1;
        if (event.data.rating >= config.goodRatingMin) record.goodRatings += 1;
      });
      return trace?.(record.id, 'goodReviewRate', event);
    }
    case 'quanzi.task.classic_marked': {
      const record = recordOf(state, event.data.participantId, ms);
      settled(state, record, event, ms, 'promotion', () => {
        record.classicCases += 1;
      });
      return trace?.(record.id, 'classicCases', event);
    }
    case 'quanzi.participant.level_changed': {
      const record = recordOf(state, event.data.participantId, ms);
      const approval = event.data.reason === 'approval';
      // Reputation's own level changes come back as checkpoints; an approval from the
      // command center also unlocks the level it names.
      return settled(state, record, event, ms, approval ? 'approval' : 'promotion', () => {
        if (approval) record.approvedLevel = Math.max(record.approvedLevel, event.data.to);
      });
    }
  }
}
