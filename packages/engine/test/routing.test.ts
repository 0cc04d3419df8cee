import { describe, expect, it } from 'vitest';
import { dongchengSpot, harness, taskDraft, xinhuaSpot } from './engineFixtures';

const point = (coordinates: readonly [number, number]) => ({ type: 'Point', coordinates });

describe('many circles in one engine and store', () => {
  it('files a report in the circle whose boundary contains it, whoever sends it', async () => {
    const { engine, run } = await harness();
    const outcome = await run('r1', {
      type: 'report.submit',
      report: {
        channel: 'mobile',
        text: 'Bikes blocking the pavement',
        location: point(dongchengSpot),
      },
    });
    expect(outcome.status).toBe('applied');
    const events = outcome.status === 'applied' ? outcome.events : [];
    expect(events.map((e) => e.circleid)).toEqual(['dongcheng']);
    expect((await engine.store.readAll({ circleId: 'dongcheng' })).map((e) => e.id)).toContain(
      events[0]?.id,
    );
    expect((await engine.store.readAll({ circleId: 'xinhua' })).map((e) => e.id)).not.toContain(
      events[0]?.id,
    );
  });

  it('keeps a circle’s staff to their own circle: a task placed across the border is not theirs to publish', async () => {
    const { run } = await harness();
    const outcome = await run('officer', { type: 'task.create', task: taskDraft(dongchengSpot) });
    expect(outcome.status).toBe('denied');
    expect(outcome.status === 'denied' && outcome.reasons.map((r) => r.code)).toContain(
      'not_a_member',
    );
  });

  it('forwards a report whose category another body handles, and the reporter sees where', async () => {
    const { engine, run } = await harness({
      routes: [{ category: 'streetlight', to: 'city-lighting-bureau' }],
    });
    const outcome = await run('r1', {
      type: 'report.submit',
      report: {
        channel: 'mobile',
        category: 'streetlight',
        text: 'Lamp out',
        location: point(xinhuaSpot),
      },
    });
    expect(outcome.status === 'applied' && outcome.events.map((e) => e.type)).toEqual([
      'quanzi.report.received',
      'quanzi.report.forwarded',
    ]);
    const reporter = engine
      .getPrivilegedSnapshot()
      .participants.find((p) => p.participant.id === 'r1')?.participant;
    const seen = engine.getReport(
      reporter as never,
      outcome.status === 'applied' ? (outcome.reportId as string) : '',
    );
    expect(seen?.snapshot).toMatchObject({
      state: 'forwarded',
      forwardedTo: 'city-lighting-bureau',
    });
    const other = await run('r1', {
      type: 'report.submit',
      report: {
        channel: 'mobile',
        category: 'litter',
        text: 'Rubbish',
        location: point(xinhuaSpot),
      },
    });
    expect(other.status === 'applied' && other.events.map((e) => e.type)).toEqual([
      'quanzi.report.received',
    ]);
  });

  it('lets a participant near the border discover the neighbour’s public tasks, but not claim them or see its closed ones', async () => {
    const { engine, run } = await harness();
    const create = async (extra: Record<string, unknown>) => {
      const created = await run('dcmd', {
        type: 'task.create',
        task: taskDraft(dongchengSpot, extra),
      });
      const taskId = created.status === 'applied' ? (created.taskId as string) : '';
      await run('dcmd', { type: 'task.publish', taskId });
      return taskId;
    };
    const publicTask = await create({});
    const circleTask = await create({ category: 'noise', title: 'Noise' });
    const own = await run('cmd', { type: 'task.create', task: taskDraft(xinhuaSpot) });
    const ownId = own.status === 'applied' ? (own.taskId as string) : '';
    await run('cmd', { type: 'task.publish', taskId: ownId });
    const near = engine.claimableNear('q1');
    expect(near.map((item) => [item.task.task.id, item.circleId, item.claimable])).toEqual(
      expect.arrayContaining([
        [publicTask, 'dongcheng', false],
        [ownId, 'xinhua', true],
      ]),
    );
    expect(near.map((item) => item.task.task.id)).not.toContain(circleTask);
    expect(engine.claimableNear('dq').map((item) => item.task.task.id)).toContain(circleTask);
  });
});
