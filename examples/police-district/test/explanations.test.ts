import { beforeAll, describe, expect, it } from 'vitest';
import { district } from '../src/district';
import { districtPolicy } from '../src/districtPolicy';
import { renderDistrictHtml, renderDistrictText } from '../src/renderDistrict';
import { type DistrictRun, runDistrict } from '../src/runDistrict';
import { type DistrictSummary, summarizeDistrict } from '../src/summarizeDistrict';

const start = '2026-11-01T00:00:00Z';

// Twelve days of seed 2026 show every figure a chief questioned: SLA breaches, mediation
// tasks nobody claims, idle staff of each kind and a higher score paid less.
describe('explanations next to alarming figures', () => {
  let run: DistrictRun;
  let summary: DistrictSummary;
  beforeAll(async () => {
    run = await runDistrict({ days: 12, seed: 2026, start });
    summary = summarizeDistrict(run, start);
  }, 60_000);

  it('splits SLA breaches into unclaimed and late, overall and for the worst categories', () => {
    const overall = summary.health.responsiveness.overall;
    expect(overall.slaBreaches).toBeGreaterThan(0);
    const { unclaimed, late } = overall.slaBreachCauses;
    expect(unclaimed + late).toBe(overall.slaBreaches);
    const worst = summary.explanations.slaByCategory;
    expect(worst.length).toBeGreaterThan(0);
    for (const c of worst) expect(c.unclaimed + c.late).toBe(c.breaches);
    expect(renderDistrictText(summary)).toContain(
      `Why ${overall.slaBreaches} tasks missed the SLA: ${unclaimed} were not claimed by their due time, ${late} were claimed in time`,
    );
  });

  it('says who may claim an unclaimed category and why the policy refuses the others', () => {
    const mediation = summary.explanations.unclaimedCategories.find(
      (c) => c.category === 'civil_dispute_mediation',
    );
    expect(mediation?.unclaimed).toBeGreaterThanOrEqual(3);
    expect(mediation?.allowed).toEqual([]);
    // The policy reserves mediation to the patrol tier and the mediation qualification.
    expect(mediation?.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['missing_qualification', 'category_needs_tier']),
    );
    for (const reason of mediation?.reasons ?? [])
      expect(reason.count).toBeLessThanOrEqual(mediation?.asked ?? 0);
    const text = renderDistrictText(summary);
    expect(text).toMatch(/Civil dispute mediation: \d+ of \d+ tasks still unclaimed/);
    expect(text).toMatch(/Missing qualification: mediation \(\d+ people\)/);
    expect(renderDistrictText(summary, { lang: 'zh-CN' })).toMatch(/缺少资质：调解（\d+ 人）/);
  });

  it('tells idle staff with no open work from low activity, each consistent with the log', () => {
    const claims = new Map<string, number>();
    for (const e of run.events)
      if (e.type === 'quanzi.task.claimed') {
        const { claimantId } = e.data as { claimantId: string };
        claims.set(claimantId, (claims.get(claimantId) ?? 0) + 1);
      }
    const idle = summary.assessment.filter((row) => row.tasksCompleted === 0);
    expect(summary.explanations.idleStaff.map((s) => s.displayName)).toEqual(
      idle.map((row) => row.displayName),
    );
    const causes = new Set(summary.explanations.idleStaff.map((s) => s.cause));
    expect([...causes].sort()).toEqual(['no_claims', 'no_open_work', 'nothing_accepted']);
    for (const [i, s] of summary.explanations.idleStaff.entries()) {
      expect(s.claims).toBe(claims.get(idle[i]?.participantId ?? '') ?? 0);
      if (s.cause === 'no_open_work') expect([s.openTasks, s.claims]).toEqual([0, 0]);
      if (s.cause === 'no_claims') expect(s.openTasks > 0 && s.claims === 0).toBe(true);
      if (s.cause === 'nothing_accepted') expect(s.claims).toBeGreaterThan(0);
    }
    // "No open work" is the policy's answer for every task of the run.
    const policy = districtPolicy();
    const snapshot = run.engine.getPrivilegedSnapshot();
    const nobody = summary.explanations.idleStaff.find((s) => s.cause === 'no_open_work');
    const person = snapshot.participants.find(
      ({ participant }) => participant.displayName === nobody?.displayName,
    )?.participant;
    if (!person) throw new Error('the idle participant is registered');
    const profile = run.engine.reputation.profile(person.id, run.now);
    for (const { task } of snapshot.tasks)
      expect(
        policy.decide(
          'claim',
          { participant: person, level: profile.level.current, tags: profile.tags },
          { task, state: 'published', claimantIds: [] },
          { now: run.now, circle: district },
        ).allowed,
      ).toBe(false);
    expect(renderDistrictText(summary)).toMatch(/No work open to them \(\d+\)/);
  });

  it('explains a higher score paid less with the pay breakdowns', async () => {
    const inversion = summary.explanations.payInversion;
    if (!inversion) throw new Error('the run has a pay inversion');
    const { higher, lower } = inversion;
    expect(higher.score).toBeGreaterThan(lower.score);
    expect(higher.pay).toBeLessThan(lower.pay);
    for (const side of [higher, lower])
      expect(side.payParts.reduce((sum, p) => sum + p.amount, 0)).toBeCloseTo(side.pay, 6);
    const html = await renderDistrictHtml(summary);
    expect(html).toContain(
      `${higher.displayName} scored ${higher.score.toFixed(1)} but was paid CN¥`,
    );
    expect(html).toMatch(/but was paid CN¥\d{1,3}(,\d{3})*(\.\d{2})?, less than/);
    expect(html).toMatch(/pay follows points/);
    expect(html).not.toMatch(/<td>[\d.]+ CNY<\/td>/);
  });

  it('prints money as each language writes it, never a bare ISO code', () => {
    // The formula's own breakdown (`65 × 0.5 CNY`) is a rate and keeps its code; sums do not.
    const en = renderDistrictText(summary);
    expect(en).toMatch(/ CN¥\d[\d,]*(\.\d\d)?$/m);
    expect(en).not.toMatch(/paid [\d.]+ CNY| [\d.]+ CNY$/m);
    const zh = renderDistrictText(summary, { lang: 'zh-CN' });
    expect(zh).toMatch(/ ¥\d[\d,]*(\.\d\d)?$/m);
    expect(zh).not.toMatch(/CN¥|报酬 [\d.]+ CNY| [\d.]+ CNY$/m);
  });
});
