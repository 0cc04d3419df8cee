import type { DomainEvent, StoredEvent } from '@quanzi/core';
import type { Judgement } from './EngineRecord';

// A module function, not a closure per event: this runs for every task event applied.
// `concat` sizes the list exactly; a spread into a literal leaves room for 16 more, and
// the engine holds one list per task for as long as the task is in its state.
function made(
  judgements: ReadonlyArray<Judgement>,
  event: StoredEvent,
  type: Judgement['type'],
  participantIds: readonly string[],
): Judgement[] {
  return judgements.concat(
    participantIds.map((participantId) => ({
      eventId: event.id,
      type,
      participantId,
      actor: event.actor,
    })),
  );
}

/** The standing judgements after `event`: a judgement adds one per slot, an overturn removes its target. */
export function judgementsAfter(
  judgements: ReadonlyArray<Judgement>,
  event: StoredEvent,
): ReadonlyArray<Judgement> {
  const e = event as unknown as DomainEvent;
  switch (e.type) {
    case 'quanzi.task.accepted':
      return made(judgements, event, e.type, e.data.claimantIds);
    case 'quanzi.task.rewarded':
    case 'quanzi.task.rated':
    case 'quanzi.task.classic_marked':
      return made(judgements, event, e.type, [e.data.participantId]);
    case 'quanzi.decision.overturned':
      return judgements.filter((judgement) => judgement.eventId !== e.data.targetEventId);
    default:
      return judgements;
  }
}
