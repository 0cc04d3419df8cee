import { loadScenario, runScenario, type ScenarioInput, toTidyCsv } from '@quanzi/simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallCircle } from './fixtures';

const share = fc.double({ min: 0, max: 1, noNaN: true });
const behaviour = fc.record({
  participation: fc.double({ min: 0, max: 0.2, noNaN: true }),
  pointsResponse: fc.double({ min: -2, max: 2, noNaN: true }),
  levelResponse: fc.double({ min: -2, max: 2, noNaN: true }),
  travelRadiusMeters: fc.integer({ min: 100, max: 3000 }),
  skill: share,
  churnPerDay: fc.double({ min: 0, max: 0.5, noNaN: true }),
  reportsPerDay: fc.double({ min: 0, max: 2, noNaN: true }),
  maliciousShare: share,
  colludingPairShare: share,
});
const scenarios = fc
  .record({
    model: fc.constantFrom('basic', 'extended'),
    review: fc.constantFrom('pre_review', 'post_review'),
    residents: fc.integer({ min: 0, max: 40 }),
    qualified: fc.integer({ min: 1, max: 20 }),
    residentBehaviour: behaviour,
    qualifiedBehaviour: behaviour,
    rate: fc.integer({ min: 0, max: 60 }),
    weighting: fc.boolean(),
  })
  .map(
    (p): ScenarioInput => ({
      ...smallCircle,
      durationDays: 2,
      circle: { ...smallCircle.circle, model: p.model, review: p.review },
      policy: { ...smallCircle.policy, model: p.model },
      populations: [
        { id: 'resident', kind: 'resident', count: p.residents, behaviour: p.residentBehaviour },
        {
          id: 'patrol',
          kind: 'qualified',
          count: p.qualified,
          qualifications: ['patrol'],
          behaviour: p.qualifiedBehaviour,
        },
      ],
      arrivals: [
        { category: 'shared_bike_parking', ratePerDay: p.rate, deadlineHours: 6 },
        { category: 'patrol_point', ratePerDay: p.rate / 4 },
      ],
      scheme: { ...smallCircle.scheme, credibilityWeighting: p.weighting },
    }),
  );

describe('any scenario', () => {
  it('runs reproducibly and keeps its metrics consistent', () => {
    fc.assert(
      fc.property(scenarios, fc.integer(), (input, seed) => {
        const scenario = loadScenario(input);
        const result = runScenario(scenario, { seed });
        expect(toTidyCsv([runScenario(scenario, { seed })])).toBe(toTidyCsv([result]));
        const total = (metric: string) =>
          result.rows
            .filter((row) => row.metric === metric)
            .reduce((sum, row) => sum + row.value, 0);
        expect(total('tasks_resolved')).toBeLessThanOrEqual(total('tasks_claimed'));
        for (const row of result.rows) {
          expect(Number.isFinite(row.value)).toBe(true);
          if (/rate|share|gini/.test(row.metric)) expect(row.value).toBeGreaterThanOrEqual(0);
          if (/rate|share|gini/.test(row.metric)) expect(row.value).toBeLessThanOrEqual(1);
        }
        const agents = scenario.populations.reduce((sum, population) => sum + population.count, 0);
        const remaining = result.rows.filter((row) => row.metric === 'remaining_agents');
        for (const row of remaining) expect(row.value).toBeLessThanOrEqual(agents);
        if (input.circle.model === 'basic') expect(total('collusion_points_share')).toBe(0);
      }),
      { numRuns: 12 },
    );
  });
});
