import { describe, expect, it } from 'vitest';
import { harness, taskDraft, xinhuaSpot } from './engineFixtures';

const location = { type: 'Point', coordinates: xinhuaSpot };
const report = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'report.submit',
  report: { channel: 'mobile', category: 'litter', text, location, ...extra },
});

describe('intake and triage', () => {
  it('takes proxy reports only from grid workers and staff', async () => {
    const { run } = await harness();
    const proxy = report('楼道灯坏了', { channel: 'proxy', proxyFor: { name: '赵奶奶' } });
    expect((await run('grid', proxy)).status).toBe('applied');
    const refused = await run('r1', proxy);
    expect(refused.status === 'denied' && refused.reasons.map((r) => r.code)).toEqual([
      'proxy_not_allowed',
    ]);
  });

  it('links a duplicate (the original counts its supporter), dismisses with a verdict, forwards, converts', async () => {
    const { engine, run } = await harness();
    const id = async (text: string) => {
      const outcome = await run('q1', report(text));
      return outcome.status === 'applied' ? (outcome.reportId as string) : '';
    };
    const [original, duplicate, junk, elsewhere] = [
      await id('Rubbish'),
      await id('Rubbish again'),
      await id('Spam'),
      await id('Water pipe'),
    ];
    expect(
      (
        await run('officer', {
          type: 'report.link',
          reportId: duplicate,
          duplicateOf: { kind: 'report', id: original },
        })
      ).status,
    ).toBe('applied');
    expect(
      (await run('officer', { type: 'report.dismiss', reportId: junk, verdict: 'malicious' }))
        .status,
    ).toBe('applied');
    expect(
      (await run('officer', { type: 'report.forward', reportId: elsewhere, to: 'water-utility' }))
        .status,
    ).toBe('applied');
    expect(
      (await run('officer', { type: 'report.prioritize', reportId: original, priority: 1 })).status,
    ).toBe('applied');
    const converted = await run('cmd', {
      type: 'report.convert',
      reportId: original,
      task: { category: 'litter', title: 'Clear it', goal: 'Clean', location },
    });
    expect(converted.status === 'applied' && converted.events.map((e) => e.type)).toEqual([
      'quanzi.report.converted',
      'quanzi.task.created',
    ]);
    const state = engine.getPrivilegedSnapshot();
    const byId = (reportId: string) =>
      state.reports.find((r) => r.report.id === reportId)?.snapshot;
    expect(byId(original)).toMatchObject({ state: 'converted', supporterIds: [duplicate] });
    expect(byId(junk)).toMatchObject({ state: 'dismissed', verdict: 'malicious' });
    expect(byId(elsewhere)).toMatchObject({ state: 'forwarded', forwardedTo: 'water-utility' });
    const task = state.tasks.find(
      (t) => t.task.id === (converted.status === 'applied' ? converted.taskId : ''),
    );
    expect(task?.task.source).toEqual({ kind: 'report', reportId: original });
    expect(
      engine.reputation.profile('q1', state.tasks[0]?.task.createdAt ?? '').reporter
        .dismissedMalicious,
    ).toBe(1);
  });

  it('creates tasks from every source, each from the sender that source needs', async () => {
    const { run } = await harness();
    const create = (actor: string, source: Record<string, unknown>) =>
      run(actor, { type: 'task.create', task: taskDraft(undefined, { source }) });
    expect(
      (await create('upstream', { kind: 'upstream', dispatchId: 'city-2026-1129-7' })).status,
    ).toBe('applied');
    expect(
      (await create('cmd', { kind: 'sensor', sensorId: 'cam7', alertId: 'a-991' })).status,
    ).toBe('applied');
    expect((await create('officer', { kind: 'officer' })).status).toBe('applied');
    expect((await create('r1', { kind: 'resident' })).status).toBe('applied');
    const submitted = await run('q1', report('Rubbish'));
    const reportId = submitted.status === 'applied' ? submitted.reportId : '';
    expect((await create('cmd', { kind: 'report', reportId })).status).toBe('applied');
    const forged = await create('r1', { kind: 'upstream', dispatchId: 'fake' });
    expect(forged.status === 'denied' && forged.reasons.map((r) => r.code)).toEqual([
      'wrong_source',
    ]);
  });
});
