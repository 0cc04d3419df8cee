import { describe, expect, it } from 'vitest';
import { circleHealth } from '../src/index';
import { areas, november, smallCircle } from './fixtures/smallCircle';

const { events } = smallCircle();
const health = circleHealth(events, {
  period: november,
  areas,
  groups: { elderly: ['r1'], volunteers: ['p1', 'p3'], nobody: ['x9'] },
  topK: 1,
});

describe('circleHealth: the small circle in November (worked out by hand)', () => {
  it('responsiveness: time to first claim and to close, p50/p90, SLA breaches', () => {
    // created in November: t1..t5 (t6 is October).
    // first claim after creation: t1 1 h, t2 2 h, t3 0.5 h, t4 24 h; t5 never → sorted [0.5, 1, 2, 24]
    // p50 (linear): position 1.5 → 1 + 0.5 × (2 − 1) = 1.5; p90: position 2.7 → 2 + 0.7 × 22 = 17.4
    // close: t1 4 h, t2 48 h, t3 6 h, t4 112 h (closed not fixed) → [4, 6, 48, 112]
    // p50 = 6 + 0.5 × 42 = 27; p90 = 48 + 0.7 × 64 = 92.8
    // SLA (category default unless the task sets one): t1 litter 48 h met; t2 patrol_area 24 h
    // missed (48 h); t3 own 2 h missed (6 h); t4 bikes 24 h missed (112 h); t5 litter 48 h, still
    // open at month end past its due time → 4 of 5. Causes: t5 was never claimed (unclaimed);
    // t2, t3 and t4 were claimed by their due time (t4 exactly at it) and closed late.
    expect(health.responsiveness.overall).toEqual({
      tasks: 5,
      firstResponseHours: { n: 4, p50: 1.5, p90: 17.4 },
      closeHours: { n: 4, p50: 27, p90: 92.8 },
      slaTracked: 5,
      slaBreaches: 4,
      slaBreachCauses: { unclaimed: 1, late: 3 },
      slaBreachRate: 0.8,
    });
    // litter: t1 (1 h to claim, 4 h to close, met) and t5 (open, missed)
    expect(health.responsiveness.byCategory.litter).toEqual({
      tasks: 2,
      firstResponseHours: { n: 1, p50: 1, p90: 1 },
      closeHours: { n: 1, p50: 4, p90: 4 },
      slaTracked: 2,
      slaBreaches: 1,
      slaBreachCauses: { unclaimed: 1, late: 0 },
      slaBreachRate: 0.5,
    });
    expect(Object.keys(health.responsiveness.byCategory)).toEqual([
      'litter',
      'patrol_area',
      'shared_bike_parking',
      'vehicle_moving',
    ]);
    // reports: rp1 answered by conversion after 25 h, rp2 dismissed after 2 h, rp3 untouched
    // [2, 25] → p50 13.5, p90 2 + 0.9 × 23 = 22.7
    // by category: rp1 litter (25 h), rp2 noise (2 h), rp3 none (no response)
    expect(health.responsiveness.reports).toEqual({
      received: 3,
      firstResponseHours: { n: 2, p50: 13.5, p90: 22.7 },
      byCategory: {
        litter: { received: 1, firstResponseHours: { n: 1, p50: 25, p90: 25 } },
        noise: { received: 1, firstResponseHours: { n: 1, p50: 2, p90: 2 } },
        uncategorised: { received: 1, firstResponseHours: { n: 0, p50: null, p90: null } },
      },
    });
  });

  it('outcomes: closure reasons, conversion and public answers', () => {
    // closed in November: t1, t2, t3 resolved; t4 closed not fixed → 3/4 resolved
    // reports: rp1 converted and answered, rp2 dismissed, rp3 nothing → 1/3, 1/3, 1 unanswered
    expect(health.outcomes).toEqual({
      closures: {
        resolved: 3,
        closed_not_fixed: 1,
        duplicate: 0,
        not_responsible: 0,
        cancelled: 0,
        expired: 0,
      },
      tasksClosed: 4,
      resolvedShare: 0.75,
      reportsReceived: 3,
      conversionRate: 0.3333,
      publicAnswerShare: 0.3333,
      unanswered: 1,
    });
  });

  it('fairness: Gini of tasks and points across the crowd, top-1 share', () => {
    // crowd: p1, p2, p3, r1 (the command center and the team are not counted)
    // tasks [0, 0, 2, 2]: 2·(3·2 + 4·2)/(4·4) − 5/4 = 1.75 − 1.25 = 0.5
    // points [0, 0, 80, 110]: 2·(3·80 + 4·110)/(4·190) − 5/4 = 1360/760 − 1.25 = 0.5395
    // top 1: tasks 2/4 = 0.5; points 110/190 = 0.5789
    expect(health.fairness).toEqual({
      participants: 4,
      giniTasks: 0.5,
      giniPoints: 0.5395,
      topK: 1,
      topKTaskShare: 0.5,
      topKPointShare: 0.5789,
    });
  });

  it('coverage: per area and per group, and who is left out', () => {
    // A: rp1, rp2; tasks t1, t3; homes of p1, p2.  B: tasks t2 (area anchor), t4; home of p3.
    // C: nothing. t5 lies outside every area; rp3 has no location.
    expect(health.coverage.byArea).toEqual([
      { areaId: 'A', reports: 2, tasks: 2, participants: 2 },
      { areaId: 'B', reports: 0, tasks: 2, participants: 1 },
      { areaId: 'C', reports: 0, tasks: 0, participants: 0 },
    ]);
    expect(health.coverage.withoutReports).toEqual(['B', 'C']);
    expect(health.coverage.withoutParticipants).toEqual(['C']);
    expect(health.coverage.unlocatedReports).toBe(1);
    // rp1 and rp2 by mobile, rp3 by proxy (a grid worker reporting for someone)
    expect(health.coverage.reportsByChannel).toMatchObject({ mobile: 2, proxy: 1, web: 0, sms: 0 });
    expect(health.coverage.byGroup).toEqual([
      { group: 'elderly', members: 1, reporters: 1, solvers: 0, reports: 2, tasksCompleted: 0 },
      { group: 'nobody', members: 1, reporters: 0, solvers: 0, reports: 0, tasksCompleted: 0 },
      { group: 'volunteers', members: 2, reporters: 1, solvers: 1, reports: 1, tasksCompleted: 2 },
    ]);
    expect(health.coverage.groupsWithoutActivity).toEqual(['nobody']);
  });

  it('diversity: who solves each category, by role', () => {
    // patrol_area: p1 and p2 one each → 2 solvers, effective 2; the others one solver each
    expect(health.diversity.byCategory).toEqual({
      litter: { tasksCompleted: 1, solvers: 1, effectiveSolvers: 1 },
      patrol_area: { tasksCompleted: 2, solvers: 2, effectiveSolvers: 2 },
      vehicle_moving: { tasksCompleted: 1, solvers: 1, effectiveSolvers: 1 },
    });
    // traffic_assistant: p1 2 + p2 2; patrol_member: p2 2 + p3 0; resident: r1 0
    expect(health.diversity.tasksByRole).toEqual({
      traffic_assistant: 4,
      patrol_member: 2,
      resident: 0,
    });
  });

  it('sustainability: weekly activity, churn and retention cohorts', () => {
    // weeks clipped to November: W44 (1 Nov only) … W49 (30 Nov only)
    // active: W44 {r1}; W45 {p1, p2}; W46 {p3, p2, r1}; W47 {p3}; W48 {}; W49 {}
    // new: r1 in W44, p2 in W45 (p1 first acted in October), p3 in W46
    expect(
      health.sustainability.buckets.map((b) => [
        b.label,
        b.active,
        b.new,
        b.retained,
        b.churned,
        b.churnRate,
      ]),
    ).toEqual([
      ['2026-W44', 1, 1, 0, 0, null],
      ['2026-W45', 2, 1, 0, 1, 1],
      ['2026-W46', 3, 1, 1, 1, 0.5],
      ['2026-W47', 1, 0, 1, 2, 0.6667],
      ['2026-W48', 0, 0, 0, 1, 1],
      ['2026-W49', 0, 0, 0, 0, null],
    ]);
    expect(health.sustainability.buckets[0]).toMatchObject({
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-02T00:00:00Z',
    });
    expect(health.sustainability.cohorts.slice(0, 3)).toEqual([
      { cohort: '2026-W44', size: 1, retention: [1, 0, 1, 0, 0, 0] },
      { cohort: '2026-W45', size: 1, retention: [1, 1, 0, 0, 0] },
      { cohort: '2026-W46', size: 1, retention: [1, 1, 0, 0] },
    ]);
  });

  it('accepts areas as a GeoJSON FeatureCollection and rejects a bad one by path', () => {
    const collection = {
      type: 'FeatureCollection' as const,
      features: areas.map((a) => ({
        type: 'Feature' as const,
        properties: { id: a.id },
        geometry: a.geometry,
      })),
    };
    const fromGeoJson = circleHealth(events, { period: november, areas: collection });
    expect(fromGeoJson.coverage.byArea).toEqual(health.coverage.byArea);
    expect(() => circleHealth(events, { period: november, topK: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['topK'] }),
    );
  });
});
