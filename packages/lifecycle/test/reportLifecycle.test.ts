import {
  createLifecycleConfig,
  createReportSnapshot,
  evolveReport,
  parseReportSnapshot,
  type ReportCommand,
  type ReportSnapshot,
  transitionReport,
} from '@quanzi/lifecycle';
import { describe, expect, it } from 'vitest';
import { reportInput } from './arbitraries';
import { actors, at } from './fixtures';

const config = createLifecycleConfig();

function apply(snapshot: ReportSnapshot, ...commands: ReportCommand[]) {
  let current = snapshot;
  const events: { type: string; data: unknown }[] = [];
  for (const command of commands) {
    const result = transitionReport(current, command, config);
    if (!result.ok) expect.fail(`${command.type} refused: ${result.reason.code}`);
    current = result.snapshot;
    events.push(...result.events);
  }
  return { snapshot: current, events };
}

const received = () => createReportSnapshot(reportInput('res'));
const triage: ReportCommand = { type: 'triage', actor: actors.command, at: at(1), priority: 2 };

describe('report lifecycle', () => {
  it('received → triaged → converted to a task', () => {
    const { snapshot, events } = apply(received(), triage, {
      type: 'convert',
      actor: actors.officer,
      at: at(2),
      taskId: 't7',
    });
    expect(snapshot).toMatchObject({
      state: 'converted',
      priority: 2,
      taskId: 't7',
      updatedAt: at(2),
    });
    expect(events).toEqual([
      { type: 'quanzi.report.triaged', data: { reportId: 'rep1', priority: 2 } },
      { type: 'quanzi.report.converted', data: { reportId: 'rep1', taskId: 't7' } },
    ]);
  });

  it('a dismissal keeps its verdict for the reporter’s credibility', () => {
    const { snapshot, events } = apply(received(), {
      type: 'dismiss',
      actor: actors.command,
      at: at(1),
      verdict: 'malicious',
      note: 'Same prank thrice',
    });
    expect(snapshot).toMatchObject({
      state: 'dismissed',
      verdict: 'malicious',
      note: 'Same prank thrice',
    });
    expect(events).toEqual([
      {
        type: 'quanzi.report.dismissed',
        data: { reportId: 'rep1', verdict: 'malicious', note: 'Same prank thrice' },
      },
    ]);
  });

  it('a duplicate links to what it duplicates; the original counts its supporters once each', () => {
    const linked = apply(received(), {
      type: 'link',
      actor: actors.command,
      at: at(1),
      duplicateOf: { kind: 'report', id: 'rep0' },
    });
    expect(linked.snapshot).toMatchObject({
      state: 'linked',
      duplicateOf: { kind: 'report', id: 'rep0' },
    });
    // Each duplicate's own `linked` event makes it a supporter of the original, once.
    const linkedAs = (reportId: string) =>
      ({
        type: 'quanzi.report.linked',
        data: { reportId, duplicateOf: { kind: 'report', id: 'rep1' } },
      }) as const;
    let original: ReportSnapshot | undefined = received();
    for (const id of ['rep2', 'rep3', 'rep2'])
      original = original && evolveReport(original, linkedAs(id), at(2));
    expect(original?.supporterIds).toEqual(['rep2', 'rep3']);
    expect(original?.state).toBe('received');
    const elsewhere = {
      type: 'quanzi.report.linked',
      data: { reportId: 'rep4', duplicateOf: { kind: 'report', id: 'rep9' } },
    } as const;
    expect(evolveReport(received(), elsewhere, at(2))).toBeUndefined();
    const linkSelf = transitionReport(
      received(),
      {
        type: 'link',
        actor: actors.command,
        at: at(1),
        duplicateOf: { kind: 'report', id: 'rep1' },
      },
      config,
    );
    expect(linkSelf.ok ? 'allowed' : linkSelf.reason.code).toBe('duplicate_of_itself');
  });

  it('forwarding to another body and answering the reporter', () => {
    const { snapshot, events } = apply(
      received(),
      triage,
      { type: 'forward', actor: actors.officer, at: at(2), to: 'Water board' },
      { type: 'answer', actor: actors.command, at: at(3), answer: 'Passed to the water board' },
    );
    expect(snapshot).toMatchObject({
      state: 'forwarded',
      forwardedTo: 'Water board',
      answer: 'Passed to the water board',
    });
    expect(events.map((e) => e.type)).toEqual([
      'quanzi.report.triaged',
      'quanzi.report.forwarded',
      'quanzi.report.answered',
    ]);
  });

  it('only the command center or an officer judges, and never their own report', () => {
    const byResident = transitionReport(received(), { ...triage, actor: actors.q1 }, config);
    expect(byResident.ok ? 'allowed' : byResident.reason.code).toBe('role_not_allowed');
    const own = createReportSnapshot(reportInput('off'));
    const ownTriage = transitionReport(own, { ...triage, actor: actors.officer }, config);
    expect(ownTriage.ok ? 'allowed' : ownTriage.reason.code).toBe('own_report');
    const convertEarly = transitionReport(
      received(),
      { type: 'convert', actor: actors.command, at: at(1), taskId: 't1' },
      config,
    );
    expect(convertEarly.ok ? 'allowed' : convertEarly.reason.code).toBe('not_in_this_state');
  });

  it('snapshots are plain JSON that round-trip and validate', () => {
    const { snapshot } = apply(received(), triage);
    expect(parseReportSnapshot(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
    expect(() => parseReportSnapshot({ ...snapshot, state: 'lost' })).toThrow(/state/);
  });
});
