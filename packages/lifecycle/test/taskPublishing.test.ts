import { isQuanziError } from '@quanzi/core';
import {
  createLifecycleConfig,
  createTaskSnapshot,
  type LifecycleActor,
  type TaskCommand,
  transitionTask,
} from '@quanzi/lifecycle';
import { describe, expect, it } from 'vitest';
import {
  actors,
  at,
  claim,
  published,
  refusal,
  run,
  submit,
  submittedTask,
  t0,
  taskInput,
} from './fixtures';

describe('publishing and review', () => {
  it('basic model: the command center publishes approved; residents may not publish', () => {
    const config = createLifecycleConfig({ model: 'basic' });
    const draft = createTaskSnapshot(taskInput({ publisherId: 'res' }));
    expect(refusal(draft, { type: 'publish', actor: actors.resident, at: t0 }, config)).toBe(
      'model_forbids_publishing',
    );
    const { snapshot, events } = run(
      draft,
      [{ type: 'publish', actor: actors.command, at: t0 }],
      config,
    );
    expect(snapshot).toMatchObject({ state: 'published', review: 'approved', publishedAt: t0 });
    expect(events).toEqual([
      { type: 'quanzi.task.published', data: { taskId: 't1', approved: true } },
    ]);
  });

  it('an officer publishes at once but the center still has to approve before acceptance', () => {
    const { snapshot, config } = submittedTask({}, { publisherId: 'off' });
    const officerTask = createTaskSnapshot(taskInput({ publisherId: 'off' }));
    const published = run(
      officerTask,
      [{ type: 'publish', actor: actors.officer, at: t0 }],
      config,
    );
    expect(published.snapshot).toMatchObject({ state: 'published', review: 'pending' });
    expect(snapshot.review).toBe('approved');
    const pending = { ...snapshot, review: 'pending' as const };
    expect(
      refusal(
        pending,
        { type: 'accept', actor: actors.command, at: at(5), claimantId: 'q1' },
        config,
      ),
    ).toBe('not_reviewed');
  });

  it('only the publisher or the command center publishes a draft', () => {
    const config = createLifecycleConfig({ model: 'extended' });
    const draft = createTaskSnapshot(taskInput({ publisherId: 'res' }));
    expect(refusal(draft, { type: 'publish', actor: actors.q1, at: t0 }, config)).toBe(
      'not_publisher',
    );
    expect(refusal(draft, { type: 'publish', actor: actors.system, at: t0 }, config)).toBe(
      'role_not_allowed',
    );
  });

  it('extended pre-review: a resident task waits for the center, which approves or returns it', () => {
    const config = createLifecycleConfig({ model: 'extended', review: 'pre_review' });
    const draft = createTaskSnapshot(taskInput({ publisherId: 'res' }));
    const waiting = run(draft, [{ type: 'publish', actor: actors.resident, at: t0 }], config);
    expect(waiting.snapshot.state).toBe('pending_review');
    expect(waiting.events).toEqual([
      { type: 'quanzi.task.review_requested', data: { taskId: 't1' } },
    ]);
    expect(refusal(waiting.snapshot, claim(actors.q1), config)).toBe('not_in_this_state');
    const review = {
      type: 'review',
      actor: actors.officer,
      at: at(1),
      decision: 'approved',
    } as const;
    expect(refusal(waiting.snapshot, review, config)).toBe('role_not_allowed');

    const approved = run(waiting.snapshot, [{ ...review, actor: actors.command }], config);
    expect(approved.snapshot).toMatchObject({
      state: 'published',
      review: 'approved',
      publishedAt: at(1),
    });
    expect(approved.events.map((e) => e.type)).toEqual([
      'quanzi.task.reviewed',
      'quanzi.task.published',
    ]);

    const returned = run(
      waiting.snapshot,
      [{ ...review, actor: actors.command, decision: 'returned', guidance: 'Add the street name' }],
      config,
    );
    expect(returned.snapshot).toMatchObject({
      state: 'draft',
      review: 'returned',
      guidance: 'Add the street name',
    });
    expect(returned.events).toEqual([
      {
        type: 'quanzi.task.reviewed',
        data: { taskId: 't1', decision: 'returned', guidance: 'Add the street name' },
      },
    ]);
  });

  it('extended post-review: qualified solvers start at once, acceptance waits for the center', () => {
    const config = createLifecycleConfig({ model: 'extended', review: 'post_review' });
    const draft = createTaskSnapshot(taskInput({ publisherId: 'res' }));
    const live = run(draft, [{ type: 'publish', actor: actors.resident, at: t0 }], config).snapshot;
    expect(live).toMatchObject({ state: 'published', review: 'pending' });
    const resident2 = { id: 'res2', role: 'resident' } as const;
    expect(refusal(live, claim(resident2), config)).toBe('needs_qualified');

    const done = run(
      live,
      [claim(actors.q1), { type: 'start', actor: actors.q1, at: at(2) }, submit(actors.q1)],
      config,
    );
    const accept = { type: 'accept', actor: actors.command, at: at(4), claimantId: 'q1' } as const;
    expect(refusal(done.snapshot, accept, config)).toBe('not_reviewed');
    const reviewed = run(
      done.snapshot,
      [{ type: 'review', actor: actors.command, at: at(4), decision: 'approved' }, accept],
      config,
    );
    expect(reviewed.snapshot.state).toBe('accepted');
    expect(
      refusal(
        reviewed.snapshot,
        { type: 'review', actor: actors.command, at: at(5), decision: 'approved' },
        config,
      ),
    ).toBe('not_in_this_state');
  });
});

describe('claims', () => {
  it('a claim holds a lease and emits quanzi.task.claimed', () => {
    const { snapshot, config } = published({ leaseMinutes: 60 });
    const { snapshot: next, events } = run(snapshot, [claim(actors.q1, 10)], config);
    expect(next.state).toBe('claimed');
    expect(next.claims).toEqual([
      {
        claimantId: 'q1',
        claimedAt: at(10),
        leaseUntil: at(70),
        extensions: 0,
        warned: false,
        startedAt: null,
        phase: 'working',
      },
    ]);
    expect(events).toEqual([
      { type: 'quanzi.task.claimed', data: { taskId: 't1', claimantId: 'q1', leaseUntil: at(70) } },
    ]);
  });

  it('residents claim only in the extended model; the center never claims', () => {
    const basic = published({ model: 'basic' });
    expect(refusal(basic.snapshot, claim(actors.resident), basic.config)).toBe('role_not_allowed');
    expect(refusal(basic.snapshot, claim(actors.command), basic.config)).toBe('role_not_allowed');
    const extended = published({ model: 'extended' });
    expect(transitionTask(extended.snapshot, claim(actors.resident), extended.config).ok).toBe(
      true,
    );
  });

  it('a publisher claims their own task only where the circle allows it', () => {
    const task = { publisherId: 'q1' };
    const closed = published({ model: 'extended' }, task);
    expect(refusal(closed.snapshot, claim(actors.q1), closed.config)).toBe('self_claim');
    const open = published({ model: 'extended', allowSelfClaim: true }, task);
    expect(transitionTask(open.snapshot, claim(actors.q1), open.config).ok).toBe(true);
  });

  it('a multi-slot task holds up to its slots, one claim per participant', () => {
    const { snapshot, config } = published({}, { slots: 2 });
    const two = run(snapshot, [claim(actors.q1), claim(actors.q2)], config).snapshot;
    expect(two.claims.map((c) => c.claimantId)).toEqual(['q1', 'q2']);
    expect(refusal(two, claim(actors.q3), config)).toBe('no_free_slot');
    const one = run(snapshot, [claim(actors.q1)], config).snapshot;
    expect(refusal(one, claim(actors.q1), config)).toBe('already_claimed');
  });

  it('a holder extends up to the cap, from the later of now and the current end', () => {
    const { snapshot, config } = published({ leaseMinutes: 60, maxLeaseExtensions: 1 });
    const extend = { type: 'extend_lease', actor: actors.q1, at: at(30) } as const;
    const { snapshot: next, events } = run(snapshot, [claim(actors.q1, 0), extend], config);
    expect(next.claims[0]).toMatchObject({ leaseUntil: at(120), extensions: 1 });
    expect(events[1]).toEqual({
      type: 'quanzi.task.lease_extended',
      data: { taskId: 't1', claimantId: 'q1', leaseUntil: at(120) },
    });
    expect(refusal(next, extend, config)).toBe('extension_cap');
    expect(refusal(next, { ...extend, actor: actors.q2 }, config)).toBe('not_claimant');
  });

  it('releasing the last claim returns the task to published, keeping its history', () => {
    const { snapshot, config } = published({}, { slots: 2 });
    const release = (actor: LifecycleActor) => ({ type: 'release', actor, at: at(5) }) as const;
    const both = run(snapshot, [claim(actors.q1), claim(actors.q2)], config).snapshot;
    const one = run(both, [release(actors.q1)], config);
    expect(one.snapshot.state).toBe('claimed');
    expect(one.events).toEqual([
      {
        type: 'quanzi.task.released',
        data: { taskId: 't1', claimantId: 'q1', reason: 'released' },
      },
    ]);
    const none = run(one.snapshot, [release(actors.q2)], config).snapshot;
    expect(none).toMatchObject({ state: 'published', claims: [] });
    expect(none.counters).toMatchObject({ claims: 2, releases: 2 });
  });
});

describe('input and refusals', () => {
  it('a command of the wrong shape throws a QuanziError naming the field, in both languages', () => {
    const { snapshot, config } = published();
    const bad = { type: 'claim', actor: { id: 'q 1', role: 'qualified' }, at: 'yesterday' };
    let caught: unknown;
    try {
      transitionTask(snapshot, bad as never, config);
    } catch (error) {
      caught = error;
    }
    expect(isQuanziError(caught)).toBe(true);
    if (!isQuanziError(caught)) return;
    expect(caught.code).toBe('invalid_input');
    expect(caught.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([
        ['command', 'actor', 'id'],
        ['command', 'at'],
      ]),
    );
    expect(caught.messages['zh-CN']).not.toBe(caught.messages.en);
  });

  it('a refusal explains itself in English and Chinese', () => {
    const { snapshot, config } = published();
    const result = transitionTask(
      snapshot,
      { type: 'accept', actor: actors.command, at: at(1), claimantId: 'q1' },
      config,
    );
    expect(result).toEqual({
      ok: false,
      reason: {
        code: 'not_in_this_state',
        message: {
          en: 'This step is not possible in the current state',
          'zh-CN': '当前状态下无法执行此操作',
        },
      },
    });
  });

  it('never changes the snapshot it is given', () => {
    const { snapshot, config } = published({}, { slots: 2 });
    const frozen = structuredClone(snapshot);
    const commands: TaskCommand[] = [
      claim(actors.q1),
      claim(actors.q2),
      { type: 'start', actor: actors.q1, at: at(2) },
      submit(actors.q1),
      { type: 'accept', actor: actors.command, at: at(4), claimantId: 'q1' },
    ];
    let current = snapshot;
    const seen = [structuredClone(current)];
    for (const command of commands) {
      const result = transitionTask(current, command, config);
      if (!result.ok) expect.fail(result.reason.code);
      expect(current).toEqual(seen.at(-1));
      current = result.snapshot;
      seen.push(structuredClone(current));
    }
    expect(snapshot).toEqual(frozen);
  });
});
