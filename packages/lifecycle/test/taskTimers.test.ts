import {
  nextTaskDueAt,
  systemActor,
  type TaskCommandOf,
  tickTask,
  transitionTask,
} from '@quanzi/lifecycle';
import { describe, expect, it } from 'vitest';
import { actors, at, published, run } from './fixtures';

const lease = { leaseMinutes: 60, leaseWarningMinutes: 10 };
const tick = (minute: number): TaskCommandOf<'tick'> => ({
  type: 'tick',
  actor: systemActor,
  at: at(minute),
});

describe('leases over time', () => {
  it('warns before expiry, then expiry returns the task to published with its evidence', () => {
    const { snapshot, config } = published(lease);
    const reworked = run(
      snapshot,
      [
        { type: 'claim', actor: actors.q1, at: at(0) },
        { type: 'start', actor: actors.q1, at: at(1) },
        {
          type: 'submit',
          actor: actors.q1,
          at: at(2),
          evidence: [{ type: 'image', url: 'https://example.org/a.jpg' }],
        },
        {
          type: 'request_rework',
          actor: actors.command,
          at: at(3),
          claimantId: 'q1',
          reasons: [{ code: 'incomplete' }],
        },
      ],
      config,
    ).snapshot;
    expect(nextTaskDueAt(reworked, config)).toBe(at(53));

    const warned = tickTask(reworked, at(55), config);
    expect(warned.events).toEqual([
      {
        type: 'quanzi.task.lease_expiring',
        data: { taskId: 't1', claimantId: 'q1', leaseUntil: at(63) },
      },
    ]);
    expect(nextTaskDueAt(warned.snapshot, config)).toBe(at(63));

    const expired = tickTask(warned.snapshot, at(63), config);
    expect(expired.events).toEqual([
      { type: 'quanzi.task.released', data: { taskId: 't1', claimantId: 'q1', reason: 'expired' } },
    ]);
    expect(expired.snapshot).toMatchObject({
      state: 'published',
      claims: [],
      evidence: reworked.evidence,
    });
    expect(expired.snapshot.counters.expiries).toBe(1);
  });

  it('one late tick runs every due step in time order', () => {
    const { snapshot, config } = published(lease, { slots: 2 });
    const claimed = run(
      snapshot,
      [
        { type: 'claim', actor: actors.q1, at: at(0) },
        { type: 'claim', actor: actors.q2, at: at(20) },
      ],
      config,
    ).snapshot;
    const { snapshot: after, events } = tickTask(claimed, at(500), config);
    expect(events.map((e) => [e.type, (e.data as { claimantId: string }).claimantId])).toEqual([
      ['quanzi.task.lease_expiring', 'q1'],
      ['quanzi.task.released', 'q1'],
      ['quanzi.task.lease_expiring', 'q2'],
      ['quanzi.task.released', 'q2'],
    ]);
    expect(after.state).toBe('published');
    expect(after.updatedAt).toBe(at(500));
  });

  it('nothing due: the same snapshot and no events; ticks come from the system only', () => {
    const { snapshot, config } = published(lease);
    const claimed = run(
      snapshot,
      [{ type: 'claim', actor: actors.q1, at: at(0) }],
      config,
    ).snapshot;
    expect(tickTask(claimed, at(10), config)).toEqual({ snapshot: claimed, events: [] });
    const early = transitionTask(claimed, tick(10), config);
    expect(early.ok ? 'allowed' : early.reason.code).toBe('nothing_due');
    const byPerson = transitionTask(claimed, { ...tick(55), actor: actors.q1 }, config);
    expect(byPerson.ok ? 'allowed' : byPerson.reason.code).toBe('role_not_allowed');
  });

  it('submitted work pauses the lease: nothing falls due while the center judges', () => {
    const { snapshot, config } = published(lease);
    const submitted = run(
      snapshot,
      [
        { type: 'claim', actor: actors.q1, at: at(0) },
        { type: 'start', actor: actors.q1, at: at(1) },
        { type: 'submit', actor: actors.q1, at: at(2), evidence: [] },
      ],
      config,
    ).snapshot;
    expect(nextTaskDueAt(submitted, config)).toBeNull();
    expect(tickTask(submitted, at(10_000), config).events).toEqual([]);
  });
});

describe('service level, deadline and rating window', () => {
  it('an unclaimed task past its service level escalates once', () => {
    const { snapshot, config } = published(lease, { slaHours: 2 });
    expect(nextTaskDueAt(snapshot, config)).toBe(at(120));
    const { snapshot: escalated, events } = tickTask(snapshot, at(121), config);
    expect(escalated).toMatchObject({
      state: 'escalated',
      slaEscalated: true,
      escalation: { reason: 'sla_breached' },
    });
    expect(events).toEqual([
      { type: 'quanzi.task.escalated', data: { taskId: 't1', reason: 'sla_breached' } },
    ]);
    expect(nextTaskDueAt(escalated, config)).toBeNull();
  });

  it('a task in work past its service level alerts the center but keeps its holders working', () => {
    const { snapshot, config } = published(
      { leaseMinutes: 600, leaseWarningMinutes: 10 },
      { slaHours: 2 },
    );
    const claimed = run(
      snapshot,
      [{ type: 'claim', actor: actors.q1, at: at(0) }],
      config,
    ).snapshot;
    const { snapshot: after, events } = tickTask(claimed, at(130), config);
    expect(after.state).toBe('claimed');
    expect(events.map((e) => e.type)).toEqual(['quanzi.task.escalated']);
    expect(tickTask(after, at(131), config).events).toEqual([]);
  });

  it('an unclaimed task expires at its deadline', () => {
    const { snapshot, config } = published(lease, { deadline: at(90) });
    expect(nextTaskDueAt(snapshot, config)).toBe(at(90));
    const { snapshot: closed, events } = tickTask(snapshot, at(90), config);
    expect(closed).toMatchObject({ state: 'closed', closure: { reason: 'expired' } });
    expect(events).toEqual([
      { type: 'quanzi.task.closed', data: { taskId: 't1', reason: 'expired' } },
    ]);
  });

  it('accepted work closes as resolved when the rating window ends', () => {
    const { snapshot, config } = published({ ...lease, ratingWindowHours: 24 });
    const accepted = run(
      snapshot,
      [
        { type: 'claim', actor: actors.q1, at: at(0) },
        { type: 'start', actor: actors.q1, at: at(1) },
        { type: 'submit', actor: actors.q1, at: at(2), evidence: [] },
        { type: 'accept', actor: actors.command, at: at(3), claimantId: 'q1' },
      ],
      config,
    ).snapshot;
    expect(nextTaskDueAt(accepted, config)).toBe(at(3 + 24 * 60));
    expect(tickTask(accepted, at(24 * 60), config).snapshot.state).toBe('accepted');
    const closed = tickTask(accepted, at(3 + 24 * 60), config);
    expect(closed.snapshot).toMatchObject({ state: 'closed', closure: { reason: 'resolved' } });
    expect(closed.events).toEqual([
      { type: 'quanzi.task.closed', data: { taskId: 't1', reason: 'resolved' } },
    ]);
  });
});
