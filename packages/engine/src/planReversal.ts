import { type ActorRole, type DomainEvent, roleOf, streamIdOf } from '@quanzi/core';
import type { CommandOf } from './commandSchemas';
import type { Judgement } from './EngineRecord';
import {
  denied,
  isRefusal,
  type PlanContext,
  type Planned,
  planned,
  refuse,
  senderOf,
  taskOf,
} from './PlanContext';

const judgementOf = {
  acceptance: 'quanzi.task.accepted',
  reward: 'quanzi.task.rewarded',
  rating: 'quanzi.task.rated',
  classic: 'quanzi.task.classic_marked',
} as const satisfies Record<string, Judgement['type']>;

/**
 * Only the command center judges work in the lifecycle, so only the command center of
 * the task's circle reverses a judgement; a second opinion may also come from an officer.
 */
function reviewerOf(
  context: PlanContext,
  actorId: string,
  taskId: string,
  roles: ReadonlyArray<ActorRole>,
) {
  const record = taskOf(context, taskId);
  const sender = senderOf(context, actorId);
  if (isRefusal(sender)) return { record, refusal: [sender] };
  const allowed =
    sender === undefined ||
    (sender.circleId === record.task.circleId && roles.includes(roleOf(sender)));
  return { record, refusal: allowed ? [] : [refuse('not_permitted')] };
}

/**
 * Plans `task.overturn`: one `quanzi.decision.overturned` per reversed event, in one
 * append, all with the command's reason. An acceptance takes the reward, rating and
 * classic mark of the same participant with it, so no effect of it outlives it.
 */
export function planOverturn(context: PlanContext, command: CommandOf<'task.overturn'>): Planned {
  const { record, refusal } = reviewerOf(context, command.actorId, command.taskId, ['command']);
  const streamId = streamIdOf.task(record.task.id);
  if (refusal.length > 0) return denied(streamId, ...refusal);
  const own = record.judgements.filter((j) => j.participantId === command.participantId);
  const target = judgementOf[command.decision];
  if (!own.some((j) => j.type === target)) return denied(streamId, refuse('no_such_decision'));
  const reversed = command.decision === 'acceptance' ? own : own.filter((j) => j.type === target);
  // Effects first, the acceptance last: the slot is handed back once nothing rests on it.
  const ordered = [...reversed].sort(
    (a, b) => Number(a.type === target) - Number(b.type === target),
  );
  const events: DomainEvent[] = ordered.map((judgement) => ({
    type: 'quanzi.decision.overturned',
    data: {
      targetEventId: judgement.eventId,
      reason: command.reason,
      taskId: record.task.id,
      target: { type: judgement.type, participantId: judgement.participantId },
    },
  }));
  return planned(record.task.circleId, { streamId, expectedVersion: record.version, events });
}

/** Plans `task.second_review`: a second opinion of a standing acceptance, by someone else. */
export function planSecondReview(
  context: PlanContext,
  command: CommandOf<'task.second_review'>,
): Planned {
  const { record, refusal } = reviewerOf(context, command.actorId, command.taskId, [
    'command',
    'officer',
  ]);
  const streamId = streamIdOf.task(record.task.id);
  if (refusal.length > 0) return denied(streamId, ...refusal);
  const acceptance = record.judgements.find(
    (j) => j.type === 'quanzi.task.accepted' && j.participantId === command.participantId,
  );
  if (!acceptance) return denied(streamId, refuse('no_such_decision'));
  if (acceptance.actor === command.actorId) return denied(streamId, refuse('own_decision'));
  const data = {
    taskId: record.task.id,
    firstReviewerId: acceptance.actor,
    secondReviewerId: command.actorId,
    agrees: command.agrees,
  };
  const events: DomainEvent[] = [{ type: 'quanzi.review.second_opinion', data }];
  return planned(record.task.circleId, { streamId, expectedVersion: record.version, events });
}
