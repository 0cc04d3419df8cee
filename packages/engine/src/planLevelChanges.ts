import type { DomainEventData } from '@quanzi/core';
import { streamIdOf } from '@quanzi/core';
import { type LevelChange, levelMovingTypes } from '@quanzi/reputation';
import { systemId } from './actorOf';
import type { Plan, PlanContext, Planned, PlannedStep } from './PlanContext';

type LevelData = DomainEventData<'quanzi.participant.level_changed'>;

function reasonOf(change: LevelChange, from: number): LevelData['reason'] {
  if (change.to > from) return change.reason === 'approval' ? 'approval' : 'promotion';
  return change.reason === 'decay' ? 'decay' : 'demotion';
}

const movesLevels = (step: PlannedStep) =>
  step.events.some((event) => levelMovingTypes.has(event.type));

function withLevels(plan: Plan, actorId: string, context: PlanContext): Plan {
  // Most commands move no level: their events are not even built for a preview.
  if (!plan.steps.some(movesLevels)) return plan;
  const time = plan.time ?? context.now;
  const events = plan.steps.flatMap((step, s) =>
    step.events.map((event, i) => ({
      id: `preview-${s}-${i}`,
      type: event.type,
      time,
      actor: step.actorId ?? actorId,
      data: event.data,
    })),
  );
  const last = new Map<string, LevelChange>();
  for (const change of context.previewLevels(events)) last.set(change.participantId, change);
  if (last.size === 0) return plan;
  const planned = new Set(plan.steps.map((step) => step.streamId));
  const steps: PlannedStep[] = [...plan.steps];
  for (const [participantId, change] of [...last].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const record = context.state.participants.get(participantId);
    const streamId = streamIdOf.participant(participantId);
    // One circle per append, one step per stream: a participant of another circle, or
    // one whose stream this plan already writes, is recorded by the next tick instead.
    if (!record || record.participant.circleId !== plan.circleId || planned.has(streamId)) continue;
    if (change.to === record.level) continue;
    const data: LevelData = {
      participantId,
      from: record.level,
      to: change.to,
      reason: reasonOf(change, record.level),
    };
    steps.push({
      streamId,
      expectedVersion: record.version,
      events: [{ type: 'quanzi.participant.level_changed', data }],
      actorId: systemId,
    });
  }
  return { ...plan, steps };
}

/**
 * Adds to each plan the level changes its own events cause, as reputation would
 * compute them once the events are applied: a promotion is recorded in the same append
 * as the acceptance (or rating, rejection…) that earns it, and a decay noticed on the
 * way is recorded as `decay`.
 */
export function withLevelChanges(planned: Planned, actorId: string, context: PlanContext): Planned {
  if (!planned.ok) return planned;
  return { ok: true, plans: planned.plans.map((plan) => withLevels(plan, actorId, context)) };
}
