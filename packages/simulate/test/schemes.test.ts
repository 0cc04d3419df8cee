import { parseSweep, type RunResult, runSweep, summarize, withParameters } from '@quanzi/simulate';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedScenario } from './fixtures';

const lastWeek = (result: RunResult, metric: string) => {
  const rows = result.rows.filter((row) => row.metric === metric).slice(-7);
  return rows.reduce((sum, row) => sum + row.value, 0) / rows.length;
};
const bySetting = (results: RunResult[], path: string, value: unknown) =>
  results.filter((result) => result.params[path] === value);

describe('scheme comparison: levels with and without decay', () => {
  const path = 'scheme.reputation.halfLifeDays';
  let results: RunResult[] = [];
  beforeAll(async () => {
    // Two seeds and three weeks keep the suite quick; the file runs three seeds for five.
    const scenario = withParameters(shippedScenario('levels-decay.yaml'), { durationDays: 21 });
    results = await runSweep(scenario, {
      sweep: [parseSweep(`${path}=3650,7`)],
      runs: 2,
      workers: 2,
    });
  });

  it('with decay, levels end lower in every seed', () => {
    for (const seed of [1, 2]) {
      const kept = results.find((r) => r.seed === seed && r.params[path] === 3650) as RunResult;
      const decayed = results.find((r) => r.seed === seed && r.params[path] === 7) as RunResult;
      expect(lastWeek(decayed, 'mean_level')).toBeLessThan(lastWeek(kept, 'mean_level'));
    }
  });

  it('with decay, activity falls off against the scheme without it', () => {
    const claims = (value: number) =>
      bySetting(results, path, value).map((result) => lastWeek(result, 'tasks_claimed'));
    const withDecay = claims(7);
    const without = claims(3650);
    for (const [i, value] of withDecay.entries()) expect(value).toBeLessThan(without[i] ?? 0);
    const [final] = summarize(bySetting(results, path, 7), {
      steps: 'last',
      metrics: ['tasks_claimed'],
    });
    const [base] = summarize(bySetting(results, path, 3650), {
      steps: 'last',
      metrics: ['tasks_claimed'],
    });
    expect(final?.mean).toBeLessThan(base?.mean ?? 0);
  });
});

describe('scheme comparison: credibility weighting with 10% malicious reporters', () => {
  const path = 'scheme.credibilityWeighting';
  let results: RunResult[] = [];
  beforeAll(async () => {
    const scenario = withParameters(shippedScenario('credibility-weighting.yaml'), {
      durationDays: 14,
    });
    expect(scenario.populations[0]?.behaviour.maliciousShare).toBe(0.1);
    results = await runSweep(scenario, {
      sweep: [parseSweep(`${path}=false,true`)],
      runs: 2,
      workers: 2,
    });
  });

  it('without weighting, false reports reach solvers at about their share of reports', () => {
    for (const result of bySetting(results, path, false))
      expect(lastWeek(result, 'noise_claim_share')).toBeGreaterThan(0.05);
  });

  it('with weighting, much less noise reaches the solvers, in every seed', () => {
    for (const seed of [1, 2]) {
      const off = results.find((r) => r.seed === seed && r.params[path] === false) as RunResult;
      const on = results.find((r) => r.seed === seed && r.params[path] === true) as RunResult;
      expect(lastWeek(on, 'noise_claim_share')).toBeLessThan(
        lastWeek(off, 'noise_claim_share') / 2,
      );
    }
  });
});
