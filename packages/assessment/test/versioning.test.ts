import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess, createFormulaSet } from '../src/index';
import { buildCircle, circleSpec } from './fixtures/randomCircle';
import { november, smallCircle, v1, v2 } from './fixtures/smallCircle';

const december = { kind: 'month', containing: '2026-12-10', timezone: 'UTC' } as const;

/** The small circle plus December: p1 completes t7 (difficulty 4) on time, 40 points. */
function withDecember() {
  const circle = smallCircle();
  const { add } = circle;
  add('quanzi.task.created', '2026-12-02T08:00:00Z', 'cmd', {
    task: {
      id: 't7',
      circleId: 'xinhua',
      publisherId: 'cmd',
      source: { kind: 'officer' },
      category: 'patrol_area',
      title: 'T7',
      goal: 'G',
      steps: [],
      compliance: [],
      difficulty: 4,
      requiredQualifications: [],
      location: { type: 'Point', coordinates: [116.4, 39.9] },
      rewardPoints: 40,
      slots: 1,
      reportIds: [],
      createdAt: '2026-12-02T08:00:00Z',
    },
  });
  add('quanzi.task.claimed', '2026-12-02T09:00:00Z', 'p1', {
    taskId: 't7',
    claimantId: 'p1',
    leaseUntil: '2026-12-03T09:00:00Z',
  });
  add('quanzi.task.accepted', '2026-12-03T08:00:00Z', 'cmd', {
    taskId: 't7',
    claimantIds: ['p1'],
    onTime: true,
  });
  add('quanzi.task.rewarded', '2026-12-03T08:00:00Z', 'cmd', {
    taskId: 't7',
    participantId: 'p1',
    points: 40,
  });
  return circle.events;
}

describe('versioned formulas', () => {
  const set = createFormulaSet([v1, v2]);

  it('re-running November later, with both versions known and December logged, gives the same rows', () => {
    const then = assess(smallCircle().events, { formulas: [v1], period: november });
    const now = assess(withDecember(), { formulas: set, period: november });
    expect(now).toEqual(then);
    expect(now.every((row) => row.formulaVersion === 1)).toBe(true);
  });

  it('December is assessed with version 2 (worked out by hand)', () => {
    const p1 = assess(withDecember(), { formulas: set, period: december }).find(
      (r) => r.participantId === 'p1',
    );
    // v2: every difficulty weighs 1 → workload 1; 40 points × 2 CNY = 80
    // score: tasksCompleted 1 × 10 + onTimeRate 1 × 50 = 60; honour top_three (rank 1 of 4)
    expect(p1).toMatchObject({
      formulaVersion: 2,
      tasksCompleted: 1,
      workload: 1,
      points: 40,
      pay: 80,
      score: 60,
      honours: ['top_three'],
    });
    expect(p1?.breakdown.score.parts.map((p) => p.label.en)).toEqual([
      'tasksCompleted 1 × 10 (cap 50)',
      'onTimeRate 1 × 50',
    ]);
  });

  it('events after a period never change it (random circles)', () => {
    fc.assert(
      fc.property(circleSpec, circleSpec, (before, later) => {
        // `before` covers October and November; `later` is moved to December.
        const november2026 = buildCircle(before);
        const laterEvents = buildCircle({
          ...later,
          tasks: later.tasks.map((t) => ({ ...t, day: 61 + (t.day % 20) })),
        })
          .filter((e) => e.type !== 'quanzi.participant.registered')
          .map((e) => ({ ...e, id: `later-${e.id}`, data: relabelTasks(e.data) }));
        expect(
          assess([...november2026, ...laterEvents], { formulas: set, period: november }),
        ).toEqual(assess(november2026, { formulas: set, period: november }));
      }),
      { numRuns: 30 },
    );
  });
});

function relabelTasks(data: unknown): unknown {
  const record = data as { taskId?: string; task?: { id: string } };
  if (record.task) return { ...record, task: { ...record.task, id: `later-${record.task.id}` } };
  if (record.taskId) return { ...record, taskId: `later-${record.taskId}` };
  return data;
}
