import * as z from 'zod/mini';
import type { Participant } from './participant';

/**
 * The part somebody plays in a lifecycle command: derived from a participant's kind
 * and roles by {@link roleOf}; `system` is the host's clock and routing.
 */
export const ActorRoleSchema = z.enum([
  'command',
  'officer',
  'qualified',
  'resident',
  'upstream',
  'sensor',
  'system',
]);

/** One of {@link ActorRoleSchema}. */
export type ActorRole = z.infer<typeof ActorRoleSchema>;

const officerRoles: ReadonlySet<string> = new Set(['community_officer', 'security_officer']);

/**
 * The one derivation of the part a participant plays, used by the lifecycle, the
 * rules, the engine and assessment alike. Roles weigh more than the kind: a
 * resident holding the `command_center` role acts as the command center. It reads
 * only kind and roles, which never change after registration, so a replayed log
 * gives every command the role it had when it was sent.
 *
 * @example
 * roleOf({ kind: 'resident', roles: ['community_officer'] }); // 'officer'
 */
export function roleOf(participant: Pick<Participant, 'kind' | 'roles'>): ActorRole {
  const { kind, roles } = participant;
  if (kind === 'command' || roles.includes('command_center')) return 'command';
  if (kind === 'officer' || roles.some((role) => officerRoles.has(role))) return 'officer';
  if (kind === 'upstream' || kind === 'sensor') return kind;
  if (kind === 'qualified' || kind === 'team') return 'qualified';
  return 'resident';
}

const staffRoles: ReadonlySet<ActorRole> = new Set(['command', 'officer', 'upstream', 'sensor']);

/**
 * Staff, not the crowd: the command center, officers, upstream platforms and
 * sensors. Assessment leaves them out of volunteers' rankings; the rules hold
 * them to no tier.
 */
export function isStaff(participant: Pick<Participant, 'kind' | 'roles'>): boolean {
  return staffRoles.has(roleOf(participant));
}
