// Speed of @quanzi/assessment: a month's assessment against the bare minimum of reading
// the same log, and the sorted Gini against the textbook pairwise sum.
import { assess, circleHealth, gini, loadFormula } from '@quanzi/assessment';
import { createEvent } from '@quanzi/core';
import { createSeededRandom } from '@quanzi/core/prng';
import type { BenchCase } from './BenchCase';
import { throughput } from './throughput';

const start = Date.parse('2026-11-01T00:00:00Z');
const solvers = 1_000;
const november = { kind: 'month', containing: '2026-11-15' } as const;

const formula = loadFormula({
  id: 'bench',
  version: 1,
  effectiveFrom: '2026-01-01T00:00:00Z',
  name: { en: 'Bench', 'zh-CN': '基准' },
  workload: { difficultyWeights: [1, 2, 3, 4, 5], categoryWeights: { patrol_area: 1.5 } },
  pay: { currency: 'CNY', bands: [{ upToPoints: 100, perPoint: 0.5 }, { perPoint: 1 }] },
  score: {
    terms: [
      { metric: 'workload', weight: 1, cap: 40 },
      { metric: 'completionRate', weight: 30 },
      { metric: 'averageRating', weight: 6 },
    ],
  },
  honours: [
    { kind: 'rank', id: 'top', name: { en: 'Top', 'zh-CN': '前列' }, within: 'role', top: 3 },
  ],
});

/** A deterministic November: each task is created, claimed, then accepted (rated, rewarded) or rejected. */
function syntheticLog(count: number) {
  const random = createSeededRandom(7);
  const events: ReturnType<typeof createEvent>[] = [];
  const push = (type: string, actor: string, data: unknown) => {
    const time = new Date(start + events.length * 10_000).toISOString();
    events.push(
      createEvent({
        id: `e${events.length}`,
        type,
        time,
        subject: 'b',
        circleId: 'b',
        actor,
        data,
      }),
    );
  };
  for (let s = 0; s < solvers; s += 1)
    push('quanzi.participant.registered', 'cmd', {
      participant: {
        id: `s${s}`,
        kind: 'qualified',
        displayName: `S${s}`,
        roles: [s % 2 ? 'patrol_member' : 'traffic_assistant'],
        teamIds: [],
        memberIds: [],
        qualifications: [],
        privacy: { anonymous: s % 10 === 0, contactable: true },
      },
    });
  for (let t = 0; events.length < count; t += 1) {
    const taskId = `t${t}`;
    const solver = `s${random.int(0, solvers - 1)}`;
    push('quanzi.task.created', 'cmd', {
      task: {
        id: taskId,
        category: t % 3 ? 'litter' : 'patrol_area',
        difficulty: 1 + (t % 5),
        location: { type: 'Point', coordinates: [116.4, 39.9] },
      },
    });
    push('quanzi.task.claimed', solver, {
      taskId,
      claimantId: solver,
      leaseUntil: '2026-12-31T00:00:00Z',
    });
    if (random.int(0, 9) === 0)
      push('quanzi.task.rejected', 'cmd', {
        taskId,
        claimantId: solver,
        reasons: [{ code: 'other' }],
      });
    else {
      push('quanzi.task.accepted', 'cmd', {
        taskId,
        claimantIds: [solver],
        onTime: random.int(0, 5) > 0,
      });
      push('quanzi.task.rated', 'cmd', { taskId, participantId: solver, rating: random.int(1, 5) });
      push('quanzi.task.rewarded', 'cmd', {
        taskId,
        participantId: solver,
        points: random.int(0, 30),
      });
    }
    push('quanzi.task.closed', 'cmd', { taskId, reason: 'resolved' });
  }
  return events;
}

/** The least any assessment must do: one pass summing points per participant. */
function bareFold(events: ReturnType<typeof syntheticLog>) {
  const points = new Map<string, number>();
  for (const event of events)
    if (event.type === 'quanzi.task.rewarded') {
      const data = event.data as { participantId: string; points: number };
      points.set(data.participantId, (points.get(data.participantId) ?? 0) + data.points);
    }
  return points;
}

function giniPairwise(values: number[]) {
  const total = values.reduce((a, b) => a + b, 0);
  let diff = 0;
  for (const a of values) for (const b of values) diff += Math.abs(a - b);
  return diff / (2 * values.length * total);
}

const cases: BenchCase[] = [
  {
    name: 'assessment.assess_vs_bare_fold',
    unit: 'events/s',
    run: async () => {
      const events = syntheticLog(100_000);
      const rates = await throughput(
        {
          assess: {
            fn: () => assess(events, { formulas: [formula], period: november }),
            opsPerCall: events.length,
          },
          fold: { fn: () => bareFold(events), opsPerCall: events.length },
        },
        { time: 3_000 },
      );
      return {
        value: rates.assess,
        baseline: rates.fold,
        details: { events: events.length, solvers },
      };
    },
  },
  {
    name: 'assessment.circle_health_events_per_s',
    unit: 'events/s',
    run: async () => {
      const events = syntheticLog(100_000);
      const rates = await throughput(
        {
          health: {
            fn: () => circleHealth(events, { period: november }),
            opsPerCall: events.length,
          },
        },
        { time: 3_000 },
      );
      return { value: rates.health, details: { events: events.length, solvers } };
    },
  },
  {
    name: 'assessment.gini_sorted_vs_pairwise',
    unit: 'calls/s',
    run: async () => {
      const random = createSeededRandom(11);
      const values = Array.from({ length: 2_000 }, () => random.int(0, 500));
      const rates = await throughput({
        sorted: { fn: () => gini(values) },
        pairwise: { fn: () => giniPairwise(values) },
      });
      return {
        value: rates.sorted,
        baseline: rates.pairwise,
        details: { participants: values.length },
      };
    },
  },
];

export default cases;
