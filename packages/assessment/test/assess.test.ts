import { describe, expect, it } from 'vitest';
import { type AssessmentRow, assess, explain } from '../src/index';
import { november, smallCircle, v1 } from './fixtures/smallCircle';

const { events } = smallCircle();
const rows = assess(events, { formulas: [v1], period: november });
const row = (id: string) => {
  const found = rows.find((r) => r.participantId === id);
  if (!found) throw new Error(`no row for ${id}`);
  return found;
};

describe('assess: the small circle in November under formula v1 (worked out by hand)', () => {
  it('gives rows to the crowd only, participants sorted, then the team', () => {
    // cmd is the command center (not assessed); team1 is a team row.
    expect(rows.map((r) => [r.subject, r.participantId])).toEqual([
      ['participant', 'p1'],
      ['participant', 'p2'],
      ['participant', 'p3'],
      ['participant', 'r1'],
      ['team', 'team1'],
    ]);
    expect(rows.every((r) => r.formulaId === 'auxiliary-staff' && r.formulaVersion === 1)).toBe(
      true,
    );
    expect(row('p1').period).toMatchObject({
      from: '2026-11-01T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      label: '2026-11',
    });
  });

  it('p1: two tasks, 3.25 workload, 110 points, 60 CNY, score 60.25', () => {
    // t1 litter, difficulty 1 (category default): weight 1 × category 1 / 1 claimant = 1
    // t2 patrol_area, difficulty 3: weight 3 × category 1.5 / 2 claimants = 2.25 → workload 3.25
    // (t6 is in October and does not count.)
    // outcomes: t1 ✓, t2 ✓ → completion 1; on time: t1 yes, t2 no → 0.5
    // ratings 5 and 4 → 4.5; rework on t2 while holding it → 1
    // points 60 + 50 = 110; pay 100 × 0.5 + 10 × 1 = 60 CNY
    // score 3.25×5 + 1×30 + 0.5×20 + 4.5×2 − 1×5 + 0×5 = 16.25 + 30 + 10 + 9 − 5 = 60.25
    expect(row('p1')).toMatchObject({
      tasksCompleted: 2,
      workload: 3.25,
      completionRate: 1,
      onTimeRate: 0.5,
      averageRating: 4.5,
      ratingsCount: 2,
      reworkCount: 1,
      classicCases: 0,
      points: 110,
      pay: 60,
      currency: 'CNY',
      score: 60.25,
    });
  });

  it('p2: shares t2, does t3 late after p3 was rejected; one classic case', () => {
    // workload: t2 3 × 1.5 / 2 = 2.25; t3 vehicle_moving difficulty 2: 2 × 1 / 1 = 2 → 4.25
    // on time: t2 no, t3 no → 0; ratings 3, 4 → 3.5; rework 1 (t2); classic 1
    // points 50 + 30 = 80 → pay 80 × 0.5 = 40
    // score 4.25×5 + 30 + 0 + 3.5×2 − 5 + 1×5 = 21.25 + 30 + 7 − 5 + 5 = 58.25
    expect(row('p2')).toMatchObject({
      tasksCompleted: 2,
      workload: 4.25,
      completionRate: 1,
      onTimeRate: 0,
      averageRating: 3.5,
      reworkCount: 1,
      classicCases: 1,
      points: 80,
      pay: 40,
      score: 58.25,
    });
  });

  it('p3: rejected on t3 and lease expired on t4 → completion 0, no rates to show', () => {
    // the `released (rejected)` after the rejection is not a second failure
    expect(row('p3')).toMatchObject({
      tasksCompleted: 0,
      workload: 0,
      completionRate: 0,
      onTimeRate: null,
      averageRating: null,
      points: 0,
      pay: 0,
      score: 0,
    });
    expect(row('p3').breakdown.completionRate.parts.map((p) => p.eventIds)).toHaveLength(2);
    expect(row('r1')).toMatchObject({ tasksCompleted: 0, completionRate: null, score: 0 });
  });

  it('team1 adds up p1 and p2, pools their rates and averages their scores', () => {
    // tasks 2 + 2 = 4; workload 3.25 + 4.25 = 7.5; on time [1,0,0,0] → 0.25
    // ratings [5,4,3,4] → 4; points 190; pay 60 + 40 = 100; score (60.25 + 58.25) / 2 = 59.25
    expect(row('team1')).toMatchObject({
      memberIds: ['p1', 'p2'],
      tasksCompleted: 4,
      workload: 7.5,
      completionRate: 1,
      onTimeRate: 0.25,
      averageRating: 4,
      ratingsCount: 4,
      reworkCount: 2,
      classicCases: 1,
      points: 190,
      pay: 100,
      score: 59.25,
    });
    // the anonymous member is named by pseudonym inside the team's breakdown
    const labels = row('team1').breakdown.points.parts.map((p) => p.label.en);
    expect(labels).toEqual(['member p1', `member ${row('p2').pseudonym}`]);
  });

  it('ranks by score in the circle and each role, by workload in each category; ties share a place', () => {
    const ranks = (r: AssessmentRow) =>
      r.ranks.map((k) => `${k.within}:${k.group}=${k.rank}/${k.of}`);
    expect(ranks(row('p1'))).toEqual([
      'circle:circle=1/4',
      'role:traffic_assistant=1/2',
      'category:litter=1/1',
      'category:patrol_area=1/2',
    ]);
    expect(ranks(row('p2'))).toEqual([
      'circle:circle=2/4',
      'role:patrol_member=1/2',
      'role:traffic_assistant=2/2',
      'category:patrol_area=1/2',
      'category:vehicle_moving=1/1',
    ]);
    // p3 and r1 both score 0: shared third place
    expect(row('p3').ranks[0]).toMatchObject({ rank: 3 });
    expect(row('r1').ranks[0]).toMatchObject({ rank: 3 });
  });

  it('gives honours by threshold and by rank', () => {
    expect(row('p1').honours).toEqual(['top_in_role']);
    expect(row('p2').honours).toEqual(['classic_solver', 'top_in_role']);
    expect(row('p3').honours).toEqual([]);
  });

  it('explains every number down to the events that produced it', () => {
    const byId = new Map(events.map((e) => [e.id, e]));
    const points = explain(row('p1'), 'points');
    expect(points.value).toBe(110);
    expect(points.eventIds.map((id) => byId.get(id)?.type)).toEqual([
      'quanzi.task.rewarded',
      'quanzi.task.rewarded',
    ]);
    expect(
      points.eventIds.map((id) => (byId.get(id)?.data as { points?: number } | undefined)?.points),
    ).toEqual([60, 50]);
    const score = explain(row('p1'), 'score');
    expect(score.parts.map((p) => p.amount)).toEqual([16.25, 30, 10, 9, -5, 0]);
    expect(score.text.en).toContain('score = 60.25 (formula auxiliary-staff v1)');
    expect(score.text['zh-CN']).toContain('公式 auxiliary-staff 第 1 版');
    // the score names the acceptance, rating, rework and reward events behind it
    const types = new Set(score.eventIds.map((id) => byId.get(id)?.type));
    expect(types).toEqual(
      new Set(['quanzi.task.accepted', 'quanzi.task.rated', 'quanzi.task.rework_requested']),
    );
    const pay = explain(row('p1'), 'pay');
    expect(pay.parts.map((p) => p.amount)).toEqual([50, 10]);
    expect(pay.parts[1]?.label.en).toBe('points 100–∞: 10 × 1 CNY');
  });

  it('refuses to explain a field that is not a number of the row', () => {
    expect(() => explain(row('p1'), 'displayName' as 'score')).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['field'] }),
    );
  });

  it('caps show up as a visible negative part', () => {
    const formula = { ...v1, workload: { ...v1.workload, cap: 4 }, pay: { ...v1.pay, cap: 30 } };
    const capped = assess(events, { formulas: [formula], period: november }).find(
      (r) => r.participantId === 'p2',
    );
    expect(capped?.workload).toBe(4);
    expect(capped?.breakdown.workload.parts.at(-1)?.amount).toBe(-0.25);
    expect(capped?.pay).toBe(30);
  });

  it('leaves out decisions the command center overturned', () => {
    const { events: log, add } = smallCircle();
    const rewardForT3 = log.find(
      (e) => e.type === 'quanzi.task.rewarded' && (e.data as { taskId: string }).taskId === 't3',
    );
    add('quanzi.decision.overturned', '2026-11-20T00:00:00Z', 'cmd', {
      targetEventId: rewardForT3?.id ?? '',
      reason: 'wrong task',
    });
    const p2 = assess(log, { formulas: [v1], period: november }).find(
      (r) => r.participantId === 'p2',
    );
    expect(p2?.points).toBe(50);
  });

  it('rejects bad options with a QuanziError naming the field', () => {
    expect(() =>
      assess(events, { formulas: [v1], period: { kind: 'month', containing: 'soon' } }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['period', 'containing'] }));
  });
});
