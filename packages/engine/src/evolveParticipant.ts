import type { DomainEvent, Participant, StoredEvent } from '@quanzi/core';
import type { ParticipantRecord } from './EngineRecord';

const changed = (
  record: ParticipantRecord | undefined,
  version: number,
  change: (p: Participant) => Participant,
  level?: number,
): ParticipantRecord | undefined =>
  record && {
    ...record,
    participant: change(record.participant),
    version,
    level: level ?? record.level,
  };

/**
 * A participant's record after one event of their stream: the participants' part of
 * the engine's projection, as `evolveTask` is the tasks'. `undefined` before
 * registration.
 */
export function evolveParticipant(
  record: ParticipantRecord | undefined,
  event: StoredEvent,
): ParticipantRecord | undefined {
  const e = event as unknown as DomainEvent;
  const v = event.streamsequence;
  switch (e.type) {
    case 'quanzi.participant.registered':
      return { entity: 'participant', participant: e.data.participant, version: v, level: 0 };
    case 'quanzi.participant.certified':
      return changed(record, v, (p) => ({
        ...p,
        qualifications: p.qualifications.concat([e.data.qualification]),
      }));
    case 'quanzi.participant.suspended':
      return changed(record, v, (p) => ({ ...p, status: 'suspended' }));
    case 'quanzi.participant.reinstated':
      return changed(record, v, (p) => ({ ...p, status: 'active' }));
    case 'quanzi.participant.joined_team':
      return changed(record, v, (p) => ({ ...p, teamIds: p.teamIds.concat([e.data.teamId]) }));
    case 'quanzi.participant.level_changed':
      return changed(record, v, (p) => p, e.data.to);
    default:
      return changed(record, v, (p) => p);
  }
}
