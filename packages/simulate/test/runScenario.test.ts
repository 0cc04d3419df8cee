import { loadScenario, runScenario, stepsOf, toTidyCsv } from '@quanzi/simulate';
import { describe, expect, it } from 'vitest';
import { smallCircle } from './fixtures';

const scenario = loadScenario(smallCircle);
const first = runScenario(scenario, { seed: 11 });
const series = (metric: string) =>
  first.rows.filter((row) => row.metric === metric).map((row) => row.value);

describe('runScenario', () => {
  it('gives byte-identical output for the same scenario and seed, and different output for another seed', () => {
    const again = runScenario(loadScenario(smallCircle), { seed: 11 });
    expect(toTidyCsv([again])).toBe(toTidyCsv([first]));
    expect(toTidyCsv([runScenario(scenario, { seed: 12 })])).not.toBe(toTidyCsv([first]));
  });

  it('samples once a day, labels the run and keeps its parameters', () => {
    const steps = [...new Set(first.rows.map((row) => row.step))];
    expect(steps).toEqual([24, 48, 72, 96]);
    expect(first.run).toBe('seed=11');
    const labelled = runScenario(scenario, { seed: 11, run: 'x', params: { a: 1 } });
    expect(labelled.rows.every((row) => row.run === 'x')).toBe(true);
    expect(labelled.params).toEqual({ a: 1 });
  });

  it('produces the metrics of a circle, within their ranges', () => {
    const metrics = new Set(first.rows.map((row) => row.metric));
    for (const name of [
      'participation_rate',
      'completion_rate',
      'response_hours',
      'gini_tasks',
      'mean_level',
      'noise_claim_share',
      'tasks_claimed',
      'collusion_points_share',
    ])
      expect(metrics).toContain(name);
    for (const name of [
      'participation_rate',
      'completion_rate',
      'gini_tasks',
      'noise_claim_share',
      'collusion_points_share',
    ])
      for (const value of series(name)) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    expect(Math.max(...series('collusion_points_share'))).toBeGreaterThan(0);
    expect(Math.max(...series('noise_claim_share'))).toBeGreaterThan(0);
    expect(series('tasks_claimed').reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(series('tasks_resolved').reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(
      series('tasks_claimed').reduce((a, b) => a + b, 0),
    );
  });

  it('counts participation against who was there when the day began, churners included', () => {
    const churny = loadScenario({
      ...smallCircle,
      durationDays: 6,
      populations: [
        {
          id: 'patrol',
          kind: 'qualified',
          count: 2,
          behaviour: { participation: 0.2, churnPerDay: 0.6, travelRadiusMeters: 2000 },
        },
      ],
    });
    for (const seed of [1, 2, 3, 4, 5]) {
      const rates = runScenario(churny, { seed }).rows.filter(
        (row) => row.metric === 'participation_rate',
      );
      for (const row of rates) expect(row.value).toBeLessThanOrEqual(1);
    }
  });

  it('level shares of the remaining agents sum to one each day', () => {
    for (const step of [24, 48, 72, 96]) {
      const shares = first.rows.filter(
        (row) => row.step === step && row.metric.startsWith('level_share.'),
      );
      expect(shares.reduce((sum, row) => sum + row.value, 0)).toBeCloseTo(1, 9);
    }
  });

  it('agents only leave: the remaining count never rises', () => {
    const remaining = series('remaining_agents');
    for (let i = 1; i < remaining.length; i++)
      expect(remaining[i]).toBeLessThanOrEqual(remaining[i - 1] ?? 0);
  });

  it('reports progress after every hour, up to the total', () => {
    const seen: number[] = [];
    runScenario(loadScenario({ ...smallCircle, durationDays: 1 }), {
      seed: 3,
      onProgress: ({ done, total }) => {
        expect(total).toBe(24);
        seen.push(done);
      },
    });
    expect(seen).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(stepsOf(scenario)).toBe(96);
  });

  it('in the basic model residents can neither claim nor publish, so only qualified agents work', () => {
    const basic = loadScenario({
      ...smallCircle,
      circle: { ...smallCircle.circle, model: 'basic' },
      policy: { ...smallCircle.policy, model: 'basic' },
    });
    const result = runScenario(basic, { seed: 11 });
    const collusion = result.rows.filter((row) => row.metric === 'collusion_points_share');
    expect(collusion.every((row) => row.value === 0)).toBe(true);
    const active = result.rows
      .filter((row) => row.metric === 'active_agents')
      .map((row) => row.value);
    expect(Math.max(...active)).toBeLessThanOrEqual(30);
  });
});
