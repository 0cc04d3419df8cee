import { describe, expect, it } from 'vitest';
import { publicViewer, type TaskRecord } from '../src/index';
import { harness, taskDraft } from './engineFixtures';

async function world() {
  const h = await harness();
  const { engine, run } = h;
  const created = async (actor: string, extra: Record<string, unknown>) => {
    const outcome = await run(actor, { type: 'task.create', task: taskDraft(undefined, extra) });
    if (outcome.status !== 'applied') throw new Error(JSON.stringify(outcome));
    return outcome.taskId as string;
  };
  const open = await created('officer', { title: 'Public bikes' });
  const sensitive = await created('cmd', { title: 'Watch the van', category: 'suspicious_watch' });
  const circleOnly = await created('officer', { title: 'Noise', category: 'noise' });
  const byResident = await created('r1', { source: { kind: 'resident' }, title: 'My street' });
  const participant = (id: string) =>
    engine.getSnapshot().participants.find((p) => p.participant.id === id)?.participant as never;
  return { ...h, open, sensitive, circleOnly, byResident, participant };
}

const ids = (records: TaskRecord[]) => records.map((r) => r.task.id).sort();

describe('viewAs: one function decides what a viewer sees', () => {
  it('never shows a sensitive task to a resident or the public, and shows it to the command center', async () => {
    const { engine, open, sensitive, circleOnly, byResident, participant } = await world();
    expect(ids(engine.listTasks(participant('r1')))).toEqual([byResident, circleOnly, open].sort());
    expect(ids(engine.listTasks(publicViewer))).toEqual([byResident, open].sort());
    expect(ids(engine.listTasks(participant('cmd')))).toContain(sensitive);
    expect(engine.getTask(participant('r1'), sensitive)).toBeUndefined();
  });

  it('hides an anonymous publisher behind a stable pseudonym, except from the command center', async () => {
    const { engine, byResident, participant } = await world();
    const seenByQ1 = engine.getTask(participant('q1'), byResident)?.task.publisherId;
    expect(seenByQ1).toMatch(/^anon-/);
    expect(engine.getTask(participant('q2'), byResident)?.task.publisherId).toBe(seenByQ1);
    expect(engine.getTask(participant('cmd'), byResident)?.task.publisherId).toBe('r1');
    expect(engine.getTask(participant('r1'), byResident)?.task.publisherId).toBe('r1');
  });

  it('coarsens places in public views and homes for everyone but the person and the command center', async () => {
    const { engine, open, participant } = await world();
    const exact = engine.getTask(participant('q1'), open)?.task.location;
    const coarse = engine.getTask(publicViewer, open)?.task.location;
    expect(exact?.type === 'Point' && exact.coordinates).toEqual([116.3965, 39.905]);
    expect(coarse?.type === 'Point' && coarse.coordinates).toEqual([116.397, 39.905]);
    const home = (viewer: never) =>
      engine
        .listParticipants(viewer)
        .find((p) => p.participant.displayName.startsWith('anon-') || p.participant.id === 'r1')
        ?.participant.home?.coordinates;
    expect(home(participant('r1'))).toEqual([116.39512345, 39.90187654]);
    expect(home(participant('cmd'))).toEqual([116.39512345, 39.90187654]);
    expect(home(participant('q1'))).toEqual([116.4, 39.9]);
    expect(home(publicViewer as never)).toEqual([116.4, 39.9]);
  });

  it('shows a report to its reporter and the staff only, and hides an anonymous reporter from officers', async () => {
    const { engine, run, participant } = await world();
    const outcome = await run('r1', {
      type: 'report.submit',
      report: { channel: 'mobile', text: 'Broken light at the gate', anonymous: true },
    });
    const reportId = outcome.status === 'applied' ? (outcome.reportId as string) : '';
    expect(engine.getReport(participant('r1'), reportId)?.report.reporterId).toBe('r1');
    expect(engine.getReport(participant('cmd'), reportId)?.report.reporterId).toBe('r1');
    expect(engine.getReport(participant('officer'), reportId)?.report.reporterId).toMatch(/^anon-/);
    expect(engine.getReport(participant('q1'), reportId)).toBeUndefined();
    expect(engine.getReport(publicViewer, reportId)).toBeUndefined();
  });
});
