import { createEvent, type NewEvent, type TaskInput } from '@quanzi/core';

const time = '2026-11-29T08:00:00Z';

/** A small event on `subject` in `circleId`, with data that round-trips through JSON. */
export function thing(id: string, subject: string, circleId = 'xinhua', data: unknown = {}) {
  return createEvent({
    id,
    type: 'test.thing.happened',
    time,
    subject,
    circleId,
    actor: 'p1',
    data,
  });
}

/** `quanzi.task.created` for a task with `slots` claim slots. */
export function taskCreated(taskId: string, circleId: string, slots = 1): NewEvent {
  const task: TaskInput = {
    id: taskId,
    circleId,
    publisherId: 'cmd',
    source: { kind: 'officer' },
    category: 'shared_bike_parking',
    title: `Task ${taskId}`,
    goal: 'Pavement clear',
    steps: [],
    compliance: [],
    requiredQualifications: [],
    rewardPoints: 0,
    reportIds: [],
    location: { type: 'Point', coordinates: [116.4, 39.9] },
    slots,
    createdAt: time,
  };
  return taskEvent(`${taskId}.created`, 'quanzi.task.created', taskId, circleId, { task });
}

/** Any task event on the stream `task/<taskId>`. */
export function taskEvent(
  id: string,
  type: string,
  taskId: string,
  circleId: string,
  data: unknown,
): NewEvent {
  return createEvent({ id, type, time, subject: `task/${taskId}`, circleId, actor: 'cmd', data });
}

/** `quanzi.task.claimed` by `claimantId`. */
export function taskClaimed(id: string, taskId: string, circleId: string, claimantId: string) {
  return createEvent({
    id,
    type: 'quanzi.task.claimed',
    time,
    subject: `task/${taskId}`,
    circleId,
    actor: claimantId,
    data: { taskId, claimantId, leaseUntil: '2026-11-29T10:00:00Z' },
  });
}
