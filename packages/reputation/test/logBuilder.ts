import {
  createEvent,
  type DomainEventData,
  type DomainEventType,
  domainEventSchemas,
  type ParticipantInput,
  parseInput,
} from '@quanzi/core';
import type { ReputationEventInput } from '../src/index';

const start = Date.parse('2026-01-01T00:00:00Z');
const hourMs = 3_600_000;

/**
 * Builds a valid domain-event log for tests: every event passes the core schema, ids
 * are sequential, and time moves forward one hour per event unless told otherwise.
 */
export function createLogBuilder() {
  const events: ReputationEventInput[] = [];
  let n = 0;
  let clock = start;

  function push<TType extends DomainEventType>(
    type: TType,
    data: DomainEventData<TType> | Record<string, unknown>,
    actor = 'cmd',
  ): string {
    n += 1;
    clock += hourMs;
    const id = `e${n}`;
    const parsed = parseInput(domainEventSchemas[type], data);
    events.push(
      createEvent({
        id,
        type,
        time: new Date(clock).toISOString(),
        subject: `log/${n}`,
        circleId: 'xinhua',
        actor,
        data: parsed,
      }),
    );
    return id;
  }

  return {
    events,
    /** The time of the last event, for `now`. */
    now: () => new Date(clock).toISOString(),
    /** Moves the clock forward without an event. */
    wait(days: number) {
      clock += days * 24 * hourMs;
    },
    register(participant: Partial<ParticipantInput> & { id: string }) {
      return push('quanzi.participant.registered', {
        participant: {
          circleId: 'xinhua',
          kind: 'qualified',
          displayName: participant.id,
          ...participant,
        },
      });
    },
    task(
      id: string,
      publisherId = 'cmd',
      options: { category?: string; difficulty?: number } = {},
    ) {
      return push(
        'quanzi.task.created',
        {
          task: {
            id,
            circleId: 'xinhua',
            publisherId,
            source: { kind: 'officer' },
            category: options.category ?? 'litter',
            title: `Task ${id}`,
            goal: 'Done',
            location: { type: 'Point', coordinates: [116.4, 39.9] },
            createdAt: new Date(clock).toISOString(),
            ...(options.difficulty ? { difficulty: options.difficulty } : {}),
          },
        },
        publisherId,
      );
    },
    accept(
      taskId: string,
      claimantIds: string[],
      options: { actor?: string; onTime?: boolean } = {},
    ) {
      return push(
        'quanzi.task.accepted',
        { taskId, claimantIds, onTime: options.onTime ?? true },
        options.actor ?? 'cmd',
      );
    },
    reject(taskId: string, claimantId: string, actor = 'cmd') {
      return push(
        'quanzi.task.rejected',
        { taskId, claimantId, reasons: [{ code: 'incomplete' }] },
        actor,
      );
    },
    release(
      taskId: string,
      claimantId: string,
      reason: 'released' | 'expired' | 'rejected' = 'expired',
    ) {
      return push('quanzi.task.released', { taskId, claimantId, reason }, 'system');
    },
    rate(taskId: string, participantId: string, rating: number, actor = 'cmd') {
      return push('quanzi.task.rated', { taskId, participantId, rating }, actor);
    },
    reward(taskId: string, participantId: string, points: number, actor = 'cmd') {
      return push('quanzi.task.rewarded', { taskId, participantId, points }, actor);
    },
    classic(taskId: string, participantId: string) {
      return push('quanzi.task.classic_marked', { taskId, participantId });
    },
    review(taskId: string, decision: 'approved' | 'returned') {
      return push('quanzi.task.reviewed', { taskId, decision });
    },
    close(taskId: string, reason: 'resolved' | 'duplicate') {
      return push('quanzi.task.closed', { taskId, reason });
    },
    report(id: string, reporterId: string) {
      return push(
        'quanzi.report.received',
        {
          report: {
            id,
            circleId: 'xinhua',
            reporterId,
            channel: 'mobile',
            text: 'Seen',
            receivedAt: new Date(clock).toISOString(),
          },
        },
        reporterId,
      );
    },
    convert(reportId: string, taskId: string, actor = 'cmd') {
      return push('quanzi.report.converted', { reportId, taskId }, actor);
    },
    dismiss(reportId: string, verdict: 'false' | 'malicious' | 'out_of_scope') {
      return push('quanzi.report.dismissed', { reportId, verdict });
    },
    secondOpinion(
      taskId: string,
      firstReviewerId: string,
      secondReviewerId: string,
      agrees: boolean,
    ) {
      return push('quanzi.review.second_opinion', {
        taskId,
        firstReviewerId,
        secondReviewerId,
        agrees,
      });
    },
    overturn(targetEventId: string) {
      return push('quanzi.decision.overturned', { targetEventId, reason: 'Found wrong on appeal' });
    },
    approve(participantId: string, from: number, to: number) {
      return push('quanzi.participant.level_changed', {
        participantId,
        from,
        to,
        reason: 'approval',
      });
    },
    joinTeam(participantId: string, teamId: string) {
      return push('quanzi.participant.joined_team', { participantId, teamId });
    },
  };
}
