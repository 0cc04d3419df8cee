import { applyCredibilityEvent } from './applyCredibilityEvent';
import { applySolverEvent, type Trace } from './applySolverEvent';
import type { ReputationEvent } from './parseReputationEvent';
import { noteSelfDealing, type ReputationState, recordOf } from './reputationState';

const dayMs = 86_400_000;

type Of<TType extends ReputationEvent['type']> = Extract<ReputationEvent, { type: TType }>;

function applyRegistered(
  state: ReputationState,
  event: Of<'quanzi.participant.registered'>,
  ms: number,
) {
  const { participant } = event.data;
  const record = recordOf(state, participant.id, ms);
  record.kind = participant.kind;
  record.displayName = participant.displayName;
  // Defaults may be missing from a trusted event that was stored without parsing.
  record.anonymous = participant.privacy?.anonymous ?? false;
  record.since = Math.min(record.since, ms);
  for (const teamId of participant.teamIds ?? []) joinTeam(state, participant.id, teamId, ms);
  for (const memberId of participant.memberIds ?? []) joinTeam(state, memberId, participant.id, ms);
}

function joinTeam(state: ReputationState, participantId: string, teamId: string, ms: number) {
  recordOf(state, participantId, ms).teamIds.add(teamId);
  recordOf(state, teamId, ms).memberIds.add(participantId);
}

/**
 * Points from one source (the task's publisher) count up to the daily cap; points a
 * participant would earn from their own task or their own decision count nothing.
 */
function applyRewarded(
  state: ReputationState,
  event: Of<'quanzi.task.rewarded'>,
  ms: number,
  trace?: Trace,
) {
  const { participantId, points } = event.data;
  const source = state.tasks.get(event.data.taskId)?.publisherId ?? event.actor;
  const record = recordOf(state, participantId, ms);
  record.pointsAwarded += points;
  trace?.(participantId, 'points', event);
  if (participantId === source || participantId === event.actor) {
    record.pointsSelfDealt += points;
    return noteSelfDealing(state, participantId, event.id);
  }
  const { dailyCapPerSource, dayOffsetMinutes } = state.config.points;
  const day = Math.floor((ms + dayOffsetMinutes * 60_000) / dayMs);
  let bySource = record.pointsByDay.get(day);
  if (bySource === undefined) {
    bySource = new Map();
    record.pointsByDay.set(day, bySource);
  }
  const used = bySource.get(source) ?? 0;
  const counted = Math.min(points, Math.max(0, dailyCapPerSource - used));
  bySource.set(source, used + counted);
  record.pointsCounted += counted;
  record.pointsCapped += points - counted;
}

function applySecondOpinion(
  state: ReputationState,
  event: Of<'quanzi.review.second_opinion'>,
  ms: number,
  trace?: Trace,
) {
  const { firstReviewerId, secondReviewerId, agrees } = event.data;
  state.secondOpinions.push({ eventId: event.id, firstReviewerId, secondReviewerId, agrees });
  for (const id of [firstReviewerId, secondReviewerId]) {
    const record = recordOf(state, id, ms);
    record.secondReviews += 1;
    if (agrees) record.agreements += 1;
    trace?.(id, 'secondReview', event);
  }
}

/**
 * The reducer: folds one validated event into `state`. Pure apart from mutating
 * `state`; time comes only from the event. `trace` hears which events move which
 * score, for explanations.
 */
export function applyReputationEvent(
  state: ReputationState,
  event: ReputationEvent,
  ms: number,
  trace?: Trace,
) {
  switch (event.type) {
    case 'quanzi.participant.registered':
      return applyRegistered(state, event, ms);
    case 'quanzi.participant.joined_team':
      return joinTeam(state, event.data.participantId, event.data.teamId, ms);
    case 'quanzi.task.rewarded':
      return applyRewarded(state, event, ms, trace);
    case 'quanzi.review.second_opinion':
      return applySecondOpinion(state, event, ms, trace);
    case 'quanzi.task.accepted':
    case 'quanzi.task.rejected':
    case 'quanzi.task.released':
    case 'quanzi.task.rated':
    case 'quanzi.task.classic_marked':
    case 'quanzi.participant.level_changed':
      return applySolverEvent(state, event, ms, trace);
    default:
      return applyCredibilityEvent(state, event, ms, trace);
  }
}
