import type { DomainEvent } from '@quanzi/core';
import {
  type Denial,
  type LifecycleConfig,
  type ReportSnapshot,
  type TaskCommandOf,
  type TaskSnapshot,
  type TaskState,
  transitionReport,
  transitionTask,
} from '@quanzi/lifecycle';
import { createLifecycleActor, taskMachine } from '@quanzi/lifecycle/xstate';
import { describe, expectTypeOf, it } from 'vitest';

declare const task: TaskSnapshot;
declare const config: LifecycleConfig;

describe('public API types', () => {
  it('narrows a transition result by ok', () => {
    const result = transitionTask(
      task,
      { type: 'start', actor: { id: 'q1', role: 'qualified' }, at: '' },
      config,
    );
    if (result.ok) {
      expectTypeOf(result.snapshot).toEqualTypeOf<TaskSnapshot>();
      expectTypeOf(result.events).toEqualTypeOf<DomainEvent[]>();
    } else expectTypeOf(result.reason).toEqualTypeOf<Denial>();
    const report = transitionReport(
      {} as ReportSnapshot,
      { type: 'triage', priority: 1, actor: { id: 'c', role: 'command' }, at: '' },
      config,
    );
    if (report.ok) expectTypeOf(report.snapshot).toEqualTypeOf<ReportSnapshot>();
  });

  it('types each command by its type and rejects unknown fields', () => {
    expectTypeOf<TaskCommandOf<'reward'>['points']>().toEqualTypeOf<number>();
    expectTypeOf<TaskCommandOf<'close'>['reason']>().toEqualTypeOf<
      'resolved' | 'closed_not_fixed' | 'duplicate' | 'not_responsible' | 'cancelled'
    >();
    const actor = { id: 'q1', role: 'qualified' } as const;
    transitionTask(
      task,
      {
        type: 'claim',
        actor,
        at: '',
        // @ts-expect-error a claim carries no points
        points: 1,
      },
      config,
    );
    transitionTask(
      task,
      {
        type: 'claim',
        actor: {
          id: 'q1',
          // @ts-expect-error the actor's role is a closed set
          role: 'mayor',
        },
        at: '',
      },
      config,
    );
  });

  it('gives the machine actor the snapshot as context', () => {
    const actor = createLifecycleActor(taskMachine, task, config);
    expectTypeOf(actor.getSnapshot().context.snapshot).toEqualTypeOf<TaskSnapshot>();
    expectTypeOf(task.state).toEqualTypeOf<TaskState>();
    actor.send({ type: 'release', actor: { id: 'q1', role: 'qualified' }, at: '' });
  });
});
