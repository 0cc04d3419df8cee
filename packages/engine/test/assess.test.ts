import { describe, expect, it } from 'vitest';
import { publicViewer } from '../src/index';
import {
  staffFormula as formula,
  harness,
  assessmentPeriod as period,
  taskDraft,
} from './engineFixtures';

describe('engine.assess', () => {
  it('assesses a circle from its log and shows each viewer only their share', async () => {
    const { engine, run } = await harness();
    const created = await run('cmd', {
      type: 'task.create',
      task: taskDraft(undefined, { rewardPoints: 10 }),
    });
    const taskId = created.status === 'applied' ? (created.taskId as string) : '';
    for (const [actor, command] of [
      ['cmd', { type: 'task.publish', taskId }],
      ['q1', { type: 'task.claim', taskId }],
      ['q1', { type: 'task.start', taskId }],
      ['q1', { type: 'task.submit', taskId, evidence: [] }],
      ['cmd', { type: 'task.accept', taskId }],
    ] as const)
      expect((await run(actor, command)).status).toBe('applied');
    const who = (id: string) =>
      engine.getPrivilegedSnapshot().participants.find((p) => p.participant.id === id)
        ?.participant as never;
    const all = await engine.assess(who('cmd'), 'xinhua', { formulas: [formula], period });
    const q1 = all.find((row) => row.participantId === 'q1');
    expect(q1?.tasksCompleted).toBe(1);
    expect(all.every((row) => row.participantId !== 'dq')).toBe(true);
    expect(
      (await engine.assess(who('q1'), 'xinhua', { formulas: [formula], period })).map(
        (r) => r.participantId,
      ),
    ).toEqual(['q1']);
    expect(await engine.assess(publicViewer, 'xinhua', { formulas: [formula], period })).toEqual(
      [],
    );
  });
});
