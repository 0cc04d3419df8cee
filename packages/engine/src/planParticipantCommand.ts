import {
  type DomainEvent,
  type Participant,
  ParticipantSchema,
  parseInput,
  roleOf,
  streamIdOf,
} from '@quanzi/core';
import type { CommandOf } from './commandSchemas';
import {
  denied,
  isRefusal,
  type PlanContext,
  type Planned,
  participantOf,
  planned,
  refuse,
  senderOf,
} from './PlanContext';

/** Participant and team commands. */
export type ParticipantCommand = CommandOf<
  | 'participant.register'
  | 'team.register'
  | 'participant.certify'
  | 'participant.suspend'
  | 'participant.reinstate'
>;

const selfRegistering: ReadonlySet<string> = new Set(['resident', 'organisation']);

/** Residents and organisations may register themselves, with no qualifications or other roles. */
function isSelfRegistration(actorId: string, candidate: Participant): boolean {
  return (
    actorId === candidate.id &&
    selfRegistering.has(candidate.kind) &&
    candidate.qualifications.length === 0 &&
    candidate.roles.every((role) => selfRegistering.has(role))
  );
}

/** Only the host or the circle's command center administers participants. */
function administers(context: PlanContext, actorId: string, circleId: string, streamId: string) {
  const sender = senderOf(context, actorId);
  if (isRefusal(sender)) return denied(streamId, sender);
  if (sender && (roleOf(sender) !== 'command' || sender.circleId !== circleId))
    return denied(streamId, refuse('not_permitted'));
  return undefined;
}

const event = <T extends DomainEvent>(e: T): DomainEvent => e;

function planRegistration(
  context: PlanContext,
  actorId: string,
  participant: Participant,
): Planned | undefined {
  const streamId = streamIdOf.participant(participant.id);
  context.circles.get(participant.circleId);
  if (context.state.participants.has(participant.id))
    return denied(streamId, refuse('already_exists'));
  if (isSelfRegistration(actorId, participant)) return undefined;
  return administers(context, actorId, participant.circleId, streamId);
}

function planTeam(context: PlanContext, command: CommandOf<'team.register'>): Planned {
  const { memberIds, ...fields } = command.team;
  const team = parseInput(ParticipantSchema, { ...fields, kind: 'team', memberIds });
  const refused = planRegistration(context, command.actorId, team);
  if (refused) return refused;
  const members = memberIds.map((id) => context.state.participants.get(id));
  const outsider = memberIds.find((_id, i) => members[i]?.participant.circleId !== team.circleId);
  if (outsider !== undefined) {
    participantOf(context, outsider, 'team.memberIds');
    return denied(streamIdOf.participant(team.id), refuse('not_a_member'));
  }
  return planned(
    team.circleId,
    {
      streamId: streamIdOf.participant(team.id),
      expectedVersion: 0,
      events: [event({ type: 'quanzi.participant.registered', data: { participant: team } })],
    },
    ...memberIds.map((participantId, i) => ({
      streamId: streamIdOf.participant(participantId),
      expectedVersion: members[i]?.version ?? 0,
      events: [
        event({ type: 'quanzi.participant.joined_team', data: { participantId, teamId: team.id } }),
      ],
    })),
  );
}

/** Plans registering, certifying, suspending and reinstating participants and teams. */
export function planParticipantCommand(context: PlanContext, command: ParticipantCommand): Planned {
  if (command.type === 'participant.register') {
    const participant = parseInput(ParticipantSchema, command.participant);
    const refused = planRegistration(context, command.actorId, participant);
    if (refused) return refused;
    return planned(participant.circleId, {
      streamId: streamIdOf.participant(participant.id),
      expectedVersion: 0,
      events: [{ type: 'quanzi.participant.registered', data: { participant } }],
    });
  }
  if (command.type === 'team.register') return planTeam(context, command);
  const target = participantOf(context, command.participantId, 'participantId');
  const streamId = streamIdOf.participant(target.id);
  const refused = administers(context, command.actorId, target.circleId, streamId);
  if (refused) return refused;
  const expectedVersion = context.state.participants.get(target.id)?.version ?? 0;
  const { participantId } = command;
  const data: DomainEvent =
    command.type === 'participant.certify'
      ? {
          type: 'quanzi.participant.certified',
          data: { participantId, qualification: command.qualification },
        }
      : command.type === 'participant.suspend'
        ? { type: 'quanzi.participant.suspended', data: { participantId, reason: command.reason } }
        : { type: 'quanzi.participant.reinstated', data: { participantId } };
  return planned(target.circleId, { streamId, expectedVersion, events: [data] });
}
