import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/index';
import { circles, harness, policy, taskDraft, xinhuaSpot } from './engineFixtures';

const point = { type: 'Point' as const, coordinates: xinhuaSpot };

describe('nearby ranking and publisher credibility', () => {
  it('ranks an open task by its publisher’s live credibility, as a rebuilt engine does', async () => {
    const { engine, run, clock } = await harness();
    const created = await run('officer', { type: 'task.create', task: taskDraft() });
    const taskId = created.status === 'applied' ? (created.taskId as string) : '';
    await run('officer', { type: 'task.publish', taskId });
    expect((await run('cmd', { type: 'task.review', taskId, decision: 'approved' })).status).toBe(
      'applied',
    );
    const scoreOf = (on = engine) =>
      on.claimableNear('q1').find((item) => item.task.task.id === taskId)?.score;
    const before = scoreOf();
    expect(before).toBeTypeOf('number');
    // The publisher's reports are dismissed as malicious; the task itself does not change.
    for (let i = 0; i < 4; i += 1) {
      const report = { channel: 'mobile', category: 'litter', text: `junk ${i}`, location: point };
      const sent = await run('officer', { type: 'report.submit', report });
      const reportId = sent.status === 'applied' ? (sent.reportId as string) : '';
      const dismissed = await run('cmd', {
        type: 'report.dismiss',
        reportId,
        verdict: 'malicious',
      });
      expect(dismissed.status).toBe('applied');
    }
    const after = scoreOf();
    expect(after).toBeLessThan(before as number);
    const rebuilt = await createEngine({
      circles,
      policy,
      clock,
      ids: { next: (p = 'id') => `${p}-r` },
      store: engine.store,
    });
    expect(scoreOf(rebuilt)).toBe(after);
  });
});
