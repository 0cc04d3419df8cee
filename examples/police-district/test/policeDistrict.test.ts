import { createPostgresEventStore } from '@quanzi/store-postgres';
import { describe, expect, it } from 'vitest';
import { renderDistrictHtml, renderDistrictText } from '../src/renderDistrict';
import { runDistrict } from '../src/runDistrict';
import { summarizeDistrict } from '../src/summarizeDistrict';

const start = '2026-11-01T00:00:00Z';
const officerOnly = new Set(['security_info', 'clue_screening', 'suspicious_watch']);

describe('police-district example', () => {
  it('runs every task source through the engine and accounts for every task', async () => {
    const run = await runDistrict({ days: 6, seed: 7, start });
    const summary = summarizeDistrict(run, start);
    const tasks = run.engine.getPrivilegedSnapshot().tasks;
    expect(Object.keys(summary.bySource).sort()).toEqual([
      'officer',
      'report',
      'sensor',
      'upstream',
    ]);
    expect(Object.values(summary.bySource).reduce((a, b) => a + b, 0)).toBe(tasks.length);
    for (const row of summary.byCategory) {
      expect(Object.values(row.outcomes).reduce((a, b) => a + b, 0)).toBe(row.total);
    }
    expect(
      tasks.some(
        ({ snapshot }) => snapshot.state === 'accepted' || snapshot.closure?.reason === 'resolved',
      ),
    ).toBe(true);
    // Officers-only work never reaches a non-officer, whatever the crowd does.
    const kinds = new Map(
      run.engine
        .getPrivilegedSnapshot()
        .participants.map(({ participant }) => [participant.id, participant.kind]),
    );
    for (const { task, snapshot } of tasks) {
      if (!officerOnly.has(task.category)) continue;
      for (const claim of snapshot.claims)
        expect(['officer', 'command']).toContain(kinds.get(claim.claimantId));
    }
    expect(summary.assessment.length).toBeGreaterThan(20);
    expect(renderDistrictText(summary)).toMatch(/Assessment of auxiliary staff/);
  });

  it('is reproducible: the same seed gives the same log', async () => {
    const a = await runDistrict({ days: 2, seed: 3, start });
    const b = await runDistrict({ days: 2, seed: 3, start });
    const strip = (run: typeof a) =>
      run.events.map(({ type, subject, data, time }) => ({ type, subject, data, time }));
    expect(strip(b)).toEqual(strip(a));
    const c = await runDistrict({ days: 2, seed: 4, start });
    expect(strip(c)).not.toEqual(strip(a));
  });

  it('gives the same result on PGlite as in memory, with an intact audit chain', async () => {
    const store = await createPostgresEventStore();
    const onPglite = await runDistrict({ days: 2, seed: 11, start, store });
    const inMemory = await runDistrict({ days: 2, seed: 11, start });
    expect(summarizeDistrict(onPglite, start)).toEqual(summarizeDistrict(inMemory, start));
    expect((await store.verifyAudit()).ok).toBe(true);
    await store.close();
  });

  it('writes a self-contained HTML report with charts', async () => {
    const run = await runDistrict({ days: 2, seed: 5, start });
    const html = await renderDistrictHtml(summarizeDistrict(run, start));
    expect((html.match(/<svg/g) ?? []).length).toBe(2);
    expect(html).not.toMatch(/<script|<link|src="http/);
  });
});
