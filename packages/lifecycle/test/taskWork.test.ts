import {
  createLifecycleConfig,
  createTaskSnapshot,
  type LifecycleActor,
  type TaskCommandOf,
} from '@quanzi/lifecycle';
import { describe, expect, it } from 'vitest';
import {
  actors,
  at,
  claim,
  evidence,
  published,
  refusal,
  run,
  submit,
  submittedTask,
  t0,
  taskInput,
} from './fixtures';

describe('work and judgement', () => {
  it('grows a task’s lists into new ones and never changes the lists of the snapshot before', () => {
    const { snapshot, config } = published();
    // A new snapshot's empty lists are one shared frozen list: nothing may change them in place.
    expect(Object.isFrozen(snapshot.claims)).toBe(true);
    expect(snapshot.claims).toBe(snapshot.evidence);
    const claimed = run(snapshot, [claim(actors.q1)], config).snapshot;
    const submitted = run(
      run(claimed, [{ type: 'start', actor: actors.q1, at: at(2) }], config).snapshot,
      [submit(actors.q1)],
      config,
    ).snapshot;
    expect(snapshot.claims).toEqual([]);
    expect(snapshot.evidence).toEqual([]);
    expect(claimed.claims).toHaveLength(1);
    expect(submitted.evidence).toHaveLength(1);
    expect(claimed.evidence).toEqual([]);
  });

  it('only a holder starts, submits and reports follow-ups', () => {
    const { snapshot, config } = published();
    const claimed = run(snapshot, [claim(actors.q1)], config).snapshot;
    expect(refusal(claimed, { type: 'start', actor: actors.q2, at: at(2) }, config)).toBe(
      'not_claimant',
    );
    const started = run(claimed, [{ type: 'start', actor: actors.q1, at: at(2) }], config).snapshot;
    expect(refusal(started, { type: 'start', actor: actors.q1, at: at(2) }, config)).toBe(
      'already_started',
    );
    expect(refusal(started, submit(actors.q2), config)).toBe('not_claimant');
    const followup = run(
      started,
      [{ type: 'report_followup', actor: actors.q1, at: at(3), reportId: 'r9' }],
      config,
    );
    expect(followup.snapshot.followupReportIds).toEqual(['r9']);
    expect(followup.events).toEqual([
      { type: 'quanzi.task.followup_reported', data: { taskId: 't1', reportId: 'r9' } },
    ]);
    const { snapshot: done, events } = run(started, [submit(actors.q1)], config);
    expect(done.state).toBe('submitted');
    expect(done.evidence).toEqual([
      { claimantId: 'q1', media: [...evidence], note: null, submittedAt: at(3) },
    ]);
    expect(events[0]).toEqual({
      type: 'quanzi.task.work_submitted',
      data: { taskId: 't1', claimantId: 'q1', evidence: [...evidence] },
    });
  });

  it('the center accepts, rates and rewards each solver once; on time against the deadline', () => {
    const { snapshot, config } = submittedTask({}, { deadline: at(2) });
    const accepted = run(
      snapshot,
      [{ type: 'accept', actor: actors.command, at: at(4), claimantId: 'q1' }],
      config,
    );
    expect(accepted.events).toEqual([
      { type: 'quanzi.task.accepted', data: { taskId: 't1', claimantIds: ['q1'], onTime: false } },
    ]);
    const rate = {
      type: 'rate',
      actor: actors.command,
      at: at(5),
      participantId: 'q1',
      rating: 5,
    } as const;
    const reward = {
      type: 'reward',
      actor: actors.command,
      at: at(5),
      participantId: 'q1',
      points: 20,
    } as const;
    const classic = {
      type: 'mark_classic',
      actor: actors.command,
      at: at(5),
      participantId: 'q1',
    } as const;
    const judged = run(accepted.snapshot, [rate, reward, classic], config);
    expect(judged.snapshot).toMatchObject({
      ratings: [{ participantId: 'q1', rating: 5 }],
      rewards: [{ participantId: 'q1', points: 20 }],
      classicIds: ['q1'],
    });
    expect(judged.events.map((e) => e.type)).toEqual([
      'quanzi.task.rated',
      'quanzi.task.rewarded',
      'quanzi.task.classic_marked',
    ]);
    expect(refusal(judged.snapshot, rate, config)).toBe('already_rated');
    expect(refusal(judged.snapshot, reward, config)).toBe('already_rewarded');
    expect(refusal(judged.snapshot, classic, config)).toBe('already_classic');
    expect(refusal(judged.snapshot, { ...reward, participantId: 'q2' }, config)).toBe(
      'not_a_solver',
    );
    // Before acceptance nobody has solved it: only accepted slots are rewarded.
    expect(refusal(snapshot, reward, config)).toBe('not_a_solver');
  });

  it('nobody judges their own work, whatever role they act in', () => {
    const { snapshot, config } = submittedTask();
    const asCenter = { id: 'q1', role: 'command' } as const;
    expect(
      refusal(snapshot, { type: 'accept', actor: asCenter, at: at(4), claimantId: 'q1' }, config),
    ).toBe('own_work');
    expect(
      refusal(snapshot, { type: 'accept', actor: actors.q2, at: at(4), claimantId: 'q1' }, config),
    ).toBe('role_not_allowed');
    const accepted = run(
      snapshot,
      [{ type: 'accept', actor: actors.command, at: at(4), claimantId: 'q1' }],
      config,
    ).snapshot;
    const rate = {
      type: 'rate',
      actor: asCenter,
      at: at(5),
      participantId: 'q1',
      rating: 5,
    } as const;
    expect(refusal(accepted, rate, config)).toBe('own_work');
  });

  it('rework returns the work with reasons and fresh leases; evidence stays', () => {
    const { snapshot, config } = submittedTask({ leaseMinutes: 60 });
    const reasons = [{ code: 'wrong_location', note: 'Other corner' }] as const;
    const rework = run(
      snapshot,
      [
        {
          type: 'request_rework',
          actor: actors.command,
          at: at(100),
          claimantId: 'q1',
          reasons: [...reasons],
        },
      ],
      config,
    );
    expect(rework.snapshot).toMatchObject({
      state: 'rework',
      reworkReasons: reasons,
      evidence: snapshot.evidence,
    });
    expect(rework.snapshot.claims[0]?.leaseUntil).toBe(at(160));
    expect(rework.events).toEqual([
      { type: 'quanzi.task.rework_requested', data: { taskId: 't1', claimantId: 'q1', reasons } },
    ]);
    const again = run(rework.snapshot, [submit(actors.q1, 110)], config).snapshot;
    expect(again).toMatchObject({ state: 'submitted', counters: { submissions: 2, reworks: 1 } });
    expect(again.evidence).toHaveLength(2);
  });

  it('rejecting a holder drops their claim but never their evidence', () => {
    const { snapshot, config } = published({}, { slots: 2 });
    const submitted = run(
      snapshot,
      [
        claim(actors.q1),
        claim(actors.q2),
        { type: 'start', actor: actors.q1, at: at(2) },
        submit(actors.q1),
      ],
      config,
    ).snapshot;
    const reject = (claimantId: string): TaskCommandOf<'reject'> => ({
      type: 'reject',
      actor: actors.command,
      at: at(9),
      claimantId,
      reasons: [{ code: 'poor_quality' }],
    });
    const one = run(submitted, [reject('q1')], config);
    // q2 holds a slot it has not started: the task is claimed again, not in progress.
    expect(one.snapshot).toMatchObject({ state: 'claimed', evidence: submitted.evidence });
    expect(one.snapshot.claims.map((c) => c.claimantId)).toEqual(['q2']);
    expect(one.events).toEqual([
      {
        type: 'quanzi.task.rejected',
        data: { taskId: 't1', claimantId: 'q1', reasons: [{ code: 'poor_quality' }] },
      },
      {
        type: 'quanzi.task.released',
        data: { taskId: 't1', claimantId: 'q1', reason: 'rejected' },
      },
    ]);
    expect(refusal(submitted, reject('q3'), config)).toBe('not_handed_in');
    expect(refusal(submitted, reject('q2'), config)).toBe('not_handed_in');
    const q2Starts = { type: 'start', actor: actors.q2, at: at(10) } as const;
    const last = run(
      one.snapshot,
      [q2Starts, submit(actors.q2, 10), reject('q2')],
      config,
    ).snapshot;
    expect(last).toMatchObject({ state: 'published', claims: [] });
    expect(last.evidence).toHaveLength(2);
  });

  it('escalation and resumption: back to work with holders, to the pool without', () => {
    const { snapshot, config } = published({ leaseMinutes: 60 });
    const claimed = run(snapshot, [claim(actors.q1)], config).snapshot;
    const escalate = {
      type: 'escalate',
      actor: actors.q1,
      at: at(5),
      reason: 'needs_officer',
      note: 'Fight',
    } as const;
    expect(refusal(claimed, { ...escalate, actor: actors.q2 }, config)).toBe('not_claimant');
    const escalated = run(claimed, [escalate], config);
    expect(escalated.snapshot).toMatchObject({
      state: 'escalated',
      escalation: { reason: 'needs_officer', note: 'Fight' },
    });
    expect(escalated.events).toEqual([
      {
        type: 'quanzi.task.escalated',
        data: { taskId: 't1', reason: 'needs_officer', note: 'Fight' },
      },
    ]);
    const resume = { type: 'resume', actor: actors.command, at: at(30) } as const;
    const resumed = run(escalated.snapshot, [resume], config);
    // The holder never started: the task goes back to claimed, with a fresh lease.
    expect(resumed.snapshot).toMatchObject({ state: 'claimed', escalation: null });
    expect(resumed.snapshot.claims[0]?.leaseUntil).toBe(at(90));
    expect(resumed.events).toEqual([{ type: 'quanzi.task.resumed', data: { taskId: 't1' } }]);
    const empty = run(
      escalated.snapshot,
      [{ type: 'release', actor: actors.q1, at: at(6) }, resume],
      config,
    );
    expect(empty.snapshot.state).toBe('published');
  });
});

describe('closing', () => {
  const close = (
    reason: TaskCommandOf<'close'>['reason'],
    actor: LifecycleActor = actors.command,
  ): TaskCommandOf<'close'> => ({ type: 'close', actor, at: at(9), reason });

  it('a publisher cancels their own task only while nobody holds it', () => {
    const config = createLifecycleConfig({ model: 'extended', review: 'post_review' });
    const draft = createTaskSnapshot(taskInput({ publisherId: 'res' }));
    const live = run(draft, [{ type: 'publish', actor: actors.resident, at: t0 }], config).snapshot;
    const cancelled = run(live, [close('cancelled', actors.resident)], config);
    expect(cancelled.snapshot).toMatchObject({
      state: 'closed',
      closure: { reason: 'cancelled', duplicateOf: null, note: null },
    });
    expect(cancelled.events).toEqual([
      { type: 'quanzi.task.closed', data: { taskId: 't1', reason: 'cancelled' } },
    ]);
    expect(refusal(live, close('closed_not_fixed', actors.resident), config)).toBe('not_publisher');
    const claimed = run(live, [claim(actors.q1)], config).snapshot;
    expect(refusal(claimed, close('cancelled', actors.resident), config)).toBe('role_not_allowed');
  });

  it('a duplicate names what it duplicates, never itself', () => {
    const { snapshot, config } = published();
    expect(refusal(snapshot, close('duplicate'), config)).toBe('duplicate_needs_reference');
    expect(
      refusal(snapshot, { ...close('duplicate'), duplicateOf: { kind: 'task', id: 't1' } }, config),
    ).toBe('duplicate_of_itself');
    const { events } = run(
      snapshot,
      [{ ...close('duplicate'), duplicateOf: { kind: 'report', id: 'r1' } }],
      config,
    );
    expect(events[0]?.data).toEqual({
      taskId: 't1',
      reason: 'duplicate',
      duplicateOf: { kind: 'report', id: 'r1' },
    });
  });

  it('resolved only after acceptance, and accepted work closes only as resolved', () => {
    const { snapshot, config } = submittedTask();
    expect(refusal(snapshot, close('resolved'), config)).toBe('resolved_needs_acceptance');
    const accepted = run(
      snapshot,
      [{ type: 'accept', actor: actors.command, at: at(4), claimantId: 'q1' }],
      config,
    ).snapshot;
    expect(refusal(accepted, close('closed_not_fixed'), config)).toBe('acceptance_closes_resolved');
    expect(run(accepted, [close('resolved')], config).snapshot.closure?.reason).toBe('resolved');
  });

  it('a closed task accepts nothing more', () => {
    const { snapshot, config } = published();
    const closed = run(snapshot, [close('closed_not_fixed')], config).snapshot;
    expect(refusal(closed, claim(actors.q1), config)).toBe('not_in_this_state');
  });
});
