import type { Participant } from '@quanzi/core';
import type { ActorRole, LifecycleActor } from '@quanzi/lifecycle';

/** The id the host uses for timed steps and its own administration. */
export const systemId = 'system';

const officerRoles: ReadonlySet<string> = new Set(['community_officer', 'security_officer']);

/**
 * The part a participant plays in lifecycle commands. It reads only the kind and
 * roles, which never change after registration, so replaying the log gives every
 * command the role it had when it was sent.
 */
export function roleOf(participant: Participant): ActorRole {
  const { kind, roles } = participant;
  if (kind === 'command' || roles.includes('command_center')) return 'command';
  if (kind === 'officer' || roles.some((role) => officerRoles.has(role))) return 'officer';
  if (kind === 'upstream' || kind === 'sensor') return kind;
  if (kind === 'qualified' || kind === 'team') return 'qualified';
  return 'resident';
}

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
