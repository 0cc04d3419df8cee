import { describe, expect, it } from 'vitest';
import { publicViewer } from '../src/index';
import {
  acceptedTask,
  staffFormula as formula,
  harness,
  assessmentPeriod as period,
  taskDraft,
} from './engineFixtures';

describe('engine.assess', () => {
  it('assesses a circle from its log and shows each viewer only their share', async () => {
    const { engine, run } = await harness();
    await acceptedTask(run, taskDraft(undefined, { rewardPoints: 10 }));
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
