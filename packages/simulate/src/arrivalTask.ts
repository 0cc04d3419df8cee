import type { Position, Task } from '@quanzi/core';
import { commandActor, type RunContext } from './RunContext';
import type { Arrival } from './ScenarioSchema';

/**
 * A task of `arrival`'s category at `location`, published by the command center:
 * its reward follows the scheme, its deadline the arrival's `deadlineHours` or the
 * category's SLA.
 */
export function arrivalTask(
  context: RunContext,
  arrival: Arrival,
  id: string,
  location: Position,
  at: string,
  source: Task['source'] = { kind: 'officer' },
): Task {
  const category = context.policy.categories.get(arrival.category);
  const hours = arrival.deadlineHours ?? category?.slaHours ?? 72;
  const bonus = context.scenario.scheme.pointsPerDifficulty * ((arrival.difficulty ?? 1) - 1);
  return {
    id,
    circleId: context.circle.id,
    publisherId: commandActor.id,
    source,
    category: arrival.category,
    title: arrival.category,
    goal: arrival.category,
    steps: [],
    compliance: [],
    ...(arrival.difficulty === undefined ? {} : { difficulty: arrival.difficulty }),
    requiredQualifications: [],
    location: { type: 'Point', coordinates: location },
    rewardPoints: arrival.rewardPoints + bonus,
    slots: arrival.slots,
    reportIds: source.kind === 'report' ? [source.reportId] : [],
    deadline: new Date(Date.parse(at) + hours * 3_600_000).toISOString(),
    createdAt: at,
  };
}
