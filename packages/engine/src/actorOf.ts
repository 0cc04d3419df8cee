import { type Participant, roleOf } from '@quanzi/core';
import type { LifecycleActor } from '@quanzi/lifecycle';

/** The id the host uses for timed steps and its own administration. */
export const systemId = 'system';

/**
 * The lifecycle actor for `actorId`. The host (`system`) runs the clock on tasks and
 * forwards reports on the command center's behalf by category routing.
 */
export function actorOf(
  actorId: string,
  participant: Participant | undefined,
  stream: 'task' | 'report',
): LifecycleActor {
  if (actorId === systemId) return { id: actorId, role: stream === 'task' ? 'system' : 'command' };
  return { id: actorId, role: participant ? roleOf(participant) : 'resident' };
}
