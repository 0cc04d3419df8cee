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
  // The officers' tasks go public; the resident's waits for pre-review.
  for (const taskId of [open, sensitive, circleOnly])
    if ((await run('cmd', { type: 'task.publish', taskId })).status !== 'applied')
      throw new Error(`fixture: publish ${taskId}`);
  if ((await run('r1', { type: 'task.publish', taskId: byResident })).status !== 'applied')
    throw new Error('fixture: submit for review');
  const participant = (id: string) =>
    engine.getPrivilegedSnapshot().participants.find((p) => p.participant.id === id)
      ?.participant as never;
  return { ...h, open, sensitive, circleOnly, byResident, participant };
}

const ids = (records: TaskRecord[]) => records.map((r) => r.task.id).sort();

describe('viewAs: one function decides what a viewer sees', () => {
  it('never shows a sensitive task to a resident or the public, and shows it to the command center', async () => {
    const { engine, open, sensitive, circleOnly, byResident, participant } = await world();
    expect(ids(engine.listTasks(participant('r1')))).toEqual([byResident, circleOnly, open].sort());
    expect(ids(engine.listTasks(publicViewer))).toEqual([open]);
    expect(ids(engine.listTasks(participant('cmd')))).toContain(sensitive);
    expect(engine.getTask(participant('r1'), sensitive)).toBeUndefined();
  });

  it('shows a draft or a task pending review only to its publisher and the staff, whatever the policy', async () => {
    const { engine, run, byResident, participant } = await world();
    const draft = await run('officer', { type: 'task.create', task: taskDraft() });
    const draftId = draft.status === 'applied' ? (draft.taskId as string) : '';
    expect(engine.getTask(participant('officer'), draftId)?.snapshot.state).toBe('draft');
    expect(engine.getTask(participant('r1'), byResident)?.snapshot.state).toBe('pending_review');
    for (const staff of ['cmd', 'officer'])
      expect(engine.getTask(participant(staff), byResident)?.task.title).toBe('My street');
    for (const other of [participant('q1'), participant('grid'), participant('dq'), publicViewer]) {
      expect(engine.getTask(other, byResident)).toBeUndefined();
      expect(engine.getTask(other, draftId)).toBeUndefined();
      expect(ids(engine.listTasks(other))).not.toContain(byResident);
      expect(
        engine
          .view(other)
          .getSnapshot()
          .tasks.map((r) => r.task.id),
      ).not.toContain(draftId);
    }
    await run('cmd', { type: 'task.review', taskId: byResident, decision: 'approved' });
    expect(engine.getTask(participant('q1'), byResident)?.task.title).toBe('My street');
  });

  it('hides an anonymous publisher behind a stable pseudonym, except from the command center', async () => {
    const { engine, run, byResident, participant } = await world();
    await run('cmd', { type: 'task.review', taskId: byResident, decision: 'approved' });
    const seenByQ1 = engine.getTask(participant('q1'), byResident)?.task.publisherId;
    expect(seenByQ1).toMatch(/^anon-/);
    expect(engine.getTask(participant('q2'), byResident)?.task.publisherId).toBe(seenByQ1);
    expect(engine.getTask(participant('cmd'), byResident)?.task.publisherId).toBe('r1');
    expect(engine.getTask(participant('r1'), byResident)?.task.publisherId).toBe('r1');
  });

  it('refuses profile lookups by the real id of an anonymous participant, and answers by pseudonym', async () => {
    const { engine, participant } = await world();
    for (const viewer of [
      participant('q1'),
      participant('officer'),
      participant('dcmd'),
      publicViewer,
    ])
      expect(engine.getProfile(viewer, 'r1')).toBeUndefined();
    expect(engine.getProfile(participant('r1'), 'r1')?.participant.participant.id).toBe('r1');
    expect(engine.getProfile(participant('cmd'), 'r1')?.participant.participant.id).toBe('r1');
    const alias = engine
      .listParticipants(publicViewer)
      .map((p) => p.participant.id)
      .find((id) => id.startsWith('anon-'));
    expect(alias).toBeDefined();
    const byAlias = engine.getProfile(publicViewer, alias as string);
    expect(byAlias?.participant.participant.id).toBe(alias);
    expect(byAlias?.reputation.participantId).toBe(alias);
    expect(JSON.stringify(byAlias)).not.toContain('"r1"');
    // Not anonymous: found by id as before.
    expect(engine.getProfile(publicViewer, 'q1')?.participant.participant.id).toBe('q1');
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
