import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AssessmentRow,
  assess,
  circleHealth,
  gini,
  inPeriod,
  resolvePeriod,
  topShare,
} from '../src/index';
import { buildCircle, circleSpec } from './fixtures/randomCircle';
import { november, v1 } from './fixtures/smallCircle';

const period = resolvePeriod(november);
const numRuns = 40;
const additive = [
  'tasksCompleted',
  'workload',
  'reworkCount',
  'classicCases',
  'points',
  'pay',
] as const;
// Values are rounded to 6 decimals, parts one by one, so sums may differ in the 6th.
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 5);

/** The O(n²) textbook Gini: mean absolute difference over twice the mean. */
function giniByDefinition(values: number[]) {
  const n = values.length;
  const total = values.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let diff = 0;
  for (const a of values) for (const b of values) diff += Math.abs(a - b);
  return diff / (2 * n * total);
}

describe('properties of assessment over random circles', () => {
  it('totals equal the sums of their parts: rows, teams and the log agree', () => {
    fc.assert(
      fc.property(circleSpec, (spec) => {
        const events = buildCircle(spec);
        const rows = assess(events, { formulas: [v1], period });
        const people = rows.filter((r) => r.subject === 'participant');
        const inNovember = events.filter((e) => inPeriod(e.time, period));
        const rewarded = inNovember.filter((e) => e.type === 'quanzi.task.rewarded');
        const pointsInLog = rewarded.reduce(
          (sum, e) => sum + (e.data as { points: number }).points,
          0,
        );
        close(
          people.reduce((sum, r) => sum + r.points, 0),
          pointsInLog,
        );
        const accepted = inNovember.filter((e) => e.type === 'quanzi.task.accepted');
        const completions = accepted.reduce(
          (sum, e) => sum + (e.data as { claimantIds: string[] }).claimantIds.length,
          0,
        );
        expect(people.reduce((sum, r) => sum + r.tasksCompleted, 0)).toBe(completions);
        for (const team of rows.filter((r) => r.subject === 'team')) {
          const members = people.filter((r) => team.memberIds.includes(r.participantId));
          for (const field of additive)
            close(
              team[field],
              members.reduce((sum, r) => sum + r[field], 0),
            );
        }
        for (const row of rows) {
          close(
            row.points,
            row.breakdown.points.parts.reduce((sum, p) => sum + p.amount, 0),
          );
          close(
            row.score,
            row.breakdown.score.parts.reduce((sum, p) => sum + p.amount, 0) /
              (row.subject === 'team' ? Math.max(1, row.breakdown.score.parts.length) : 1),
          );
          expect(row.score).toBeGreaterThanOrEqual(v1.score.min);
          expect(row.score).toBeLessThanOrEqual(v1.score.max);
        }
      }),
      { numRuns },
    );
  });

  it('permuting participants changes nothing but their names', () => {
    const numbers = (row: AssessmentRow, rename: (id: string) => string) => ({
      id: rename(row.participantId),
      ...Object.fromEntries(
        [...additive, 'completionRate', 'onTimeRate', 'averageRating', 'score'].map((f) => [
          f,
          row[f as keyof AssessmentRow],
        ]),
      ),
      ranks: row.ranks,
      honours: row.honours,
      memberIds: row.memberIds.map(rename).sort(),
    });
    fc.assert(
      fc.property(circleSpec, fc.func(fc.integer()), (spec, key) => {
        const order = Array.from({ length: spec.people }, (_, i) => i).sort(
          (a, b) => key(a) - key(b) || a - b,
        );
        const name = (i: number) => `q${order[i]}`;
        const back = new Map(Array.from({ length: spec.people }, (_, i) => [name(i), `p${i}`]));
        const rename = (id: string) => back.get(id) ?? id;
        const byId = (rows: AssessmentRow[], f: (id: string) => string) =>
          rows.map((r) => numbers(r, f)).sort((a, b) => a.id.localeCompare(b.id));
        const original = buildCircle(spec);
        const permuted = buildCircle(spec, name);
        expect(byId(assess(permuted, { formulas: [v1], period }), rename)).toEqual(
          byId(assess(original, { formulas: [v1], period }), (id) => id),
        );
        const { period: _a, ...health } = circleHealth(original, { period });
        const { period: _b, ...permutedHealth } = circleHealth(permuted, { period });
        expect(permutedHealth).toEqual(health);
      }),
      { numRuns },
    );
  });

  it('the order a log arrives in does not matter (events are taken in time order)', () => {
    fc.assert(
      fc.property(circleSpec, fc.func(fc.integer()), (spec, key) => {
        const events = buildCircle(spec);
        const shuffled = events
          .map((event, i) => ({ event, k: key(i) }))
          .sort((a, b) => a.k - b.k)
          .map(({ event }) => event);
        expect(assess(shuffled, { formulas: [v1], period })).toEqual(
          assess(events, { formulas: [v1], period }),
        );
      }),
      { numRuns },
    );
  });

  it('Gini lies in [0, 1] and matches the textbook definition; top-k share in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        (values, k) => {
          const g = gini(values);
          expect(g).toBeGreaterThanOrEqual(0);
          expect(g).toBeLessThanOrEqual(1);
          close(g, giniByDefinition(values));
          const share = topShare(values, k);
          if (share !== null) expect(share).toBeGreaterThan(0);
          if (share !== null) expect(share).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(circleSpec, (spec) => {
        const { fairness } = circleHealth(buildCircle(spec), { period });
        for (const g of [fairness.giniTasks, fairness.giniPoints]) {
          expect(g).toBeGreaterThanOrEqual(0);
          expect(g).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns },
    );
  });
});
