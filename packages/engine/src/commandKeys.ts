import { streamIdOf } from '@quanzi/core';
import type { Command } from './commandSchemas';

/**
 * The keys a command queues under: the task or report it acts on and its actor, or
 * `undefined` for a command that must run alone. Commands on one item keep their
 * order; two commands of one actor do too, so the level changes both plan on the
 * actor's stream do not race. Anything broader — registering people, creating a
 * task or a report (duplicate detection reads every report), a tick, an overturn
 * (which may have reputation folded again from the log) — runs alone. Correctness never rests
 * on these keys: expected stream versions still refuse a stale plan, which is then
 * planned again.
 */
export function commandKeys(command: Command): string[] | undefined {
  if (command.type === 'task.create' || command.type === 'task.overturn') return undefined;
  const actor = streamIdOf.participant(command.actorId);
  if ('taskId' in command && typeof command.taskId === 'string')
    return [streamIdOf.task(command.taskId), actor];
  if ('reportId' in command && typeof command.reportId === 'string')
    return [streamIdOf.report(command.reportId), actor];
  return undefined;
}
