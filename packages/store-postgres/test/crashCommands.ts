import type { AppendRequest } from '@quanzi/core';
import { taskClaimed, taskCreated, taskEvent } from './testEvents';

const circleId = 'xinhua';

/**
 * A deterministic stream of keyed appends: tasks are created and published, then
 * claimed and released by turns. Retrying any prefix with the same keys must not
 * change the outcome.
 */
export function crashCommands(tasks = 24, rounds = 4): AppendRequest[] {
  const commands: AppendRequest[] = [];
  const keyed = (request: Omit<AppendRequest, 'idempotencyKey' | 'requestHash'>) => {
    const key = `cmd-${commands.length}`;
    commands.push({ ...request, idempotencyKey: key, requestHash: `hash-${key}` });
  };
  for (let t = 0; t < tasks; t += 1)
    keyed({
      circleId,
      expectations: [{ streamId: `task/t${t}`, expectedVersion: 0 }],
      events: [
        taskCreated(`t${t}`, circleId, 1 + (t % 2)),
        taskEvent(`t${t}.published`, 'quanzi.task.published', `t${t}`, circleId, {
          taskId: `t${t}`,
        }),
      ],
    });
  for (let r = 0; r < rounds; r += 1)
    for (let t = 0; t < tasks; t += 1) {
      const claimantId = `p${(r + t) % 3}`;
      const id = `r${r}.t${t}`;
      keyed({
        circleId,
        expectations: [],
        events: [taskClaimed(`${id}.claim`, `t${t}`, circleId, claimantId)],
      });
      if ((r + t) % 2 === 0)
        keyed({
          circleId,
          expectations: [],
          events: [
            taskEvent(`${id}.release`, 'quanzi.task.released', `t${t}`, circleId, {
              taskId: `t${t}`,
              claimantId,
              reason: 'released',
            }),
          ],
        });
    }
  return commands;
}
