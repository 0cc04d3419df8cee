import { parseSweep, type RunResult, runSweep } from '@quanzi/simulate';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedScenario } from './fixtures';

// Hauert, De Monte, Hofbauer & Sigmund, Science 296 (2002): in the optional public-goods
// game (group size 5, cost 1, loner payoff 1) participation collapses to loners for
// r < 2, while for r > 2 cooperators, defectors and loners take turns in a cycle.
const names = ['share_cooperators', 'share_defectors', 'share_loners'] as const;

function shares(result: RunResult): Array<[number, number, number]> {
  const byStep = new Map<number, [number, number, number]>();
  for (const row of result.rows) {
    const k = names.indexOf(row.metric as (typeof names)[number]);
    if (k < 0) continue;
    const entry = byStep.get(row.step) ?? [0, 0, 0];
    entry[k] = row.value;
    byStep.set(row.step, entry);
  }
  return [...byStep.values()];
}

const dominant = (share: readonly number[]) => share.indexOf(Math.max(...share));

/** Changes of the most common strategy, counted along (C→D→L→C) and against the cycle. */
function turns(series: ReadonlyArray<readonly number[]>) {
  let along = 0;
  let against = 0;
  for (let i = 1; i < series.length; i++) {
    const [from, to] = [dominant(series[i - 1] ?? []), dominant(series[i] ?? [])];
    if (from === to) continue;
    if (to === (from + 1) % 3) along += 1;
    else against += 1;
  }
  return { along, against };
}

const mean = (values: readonly number[]) => values.reduce((sum, x) => sum + x, 0) / values.length;

describe('the optional public-goods game with loners (Hauert et al. 2002), on the SDK', () => {
  const scenario = shippedScenario('public-goods-loners.yaml');
  let low: RunResult[] = [];
  let high: RunResult[] = [];
  beforeAll(async () => {
    const sweep = [parseSweep('game.multiplier=1.8,3')];
    const results = await runSweep(scenario, { sweep, workers: 2 });
    low = results.filter((result) => result.params['game.multiplier'] === 1.8);
    high = results.filter((result) => result.params['game.multiplier'] === 3);
  });

  it('is the published setting: groups of 5, cost 1, loner payoff 1, every seed of both r', () => {
    expect(scenario.game).toMatchObject({ groupSize: 5, cost: 1, lonerPayoff: 1 });
    expect(low).toHaveLength(scenario.seeds.length);
    expect(high).toHaveLength(scenario.seeds.length);
    expect(scenario.seeds.length).toBeGreaterThanOrEqual(3);
  });

  it('r < 2: participation collapses to loners in every seed', () => {
    for (const result of low) {
      const series = shares(result);
      const late = series.slice(series.length / 2);
      expect(mean(late.map((share) => share[2]))).toBeGreaterThan(0.8);
      expect(late.every((share) => dominant(share) === 2)).toBe(true);
      const participation = result.rows
        .filter((row) => row.metric === 'participation_rate')
        .slice(-10);
      expect(Math.max(...participation.map((row) => row.value))).toBeLessThan(0.25);
    }
  });

  it('r > 2: cooperators, defectors and loners keep taking turns, in that order, in every seed', () => {
    for (const result of high) {
      const series = shares(result);
      const { along, against } = turns(series);
      expect(along + against).toBeGreaterThanOrEqual(4);
      expect(along).toBeGreaterThan(against);
      const cooperators = series.map((share) => share[0]);
      expect(Math.max(...cooperators) - Math.min(...cooperators)).toBeGreaterThan(0.3);
      const late = series.slice(series.length / 4);
      expect(late.some((share) => dominant(share) === 0)).toBe(true);
    }
  });

  it('loners are far fewer with r > 2 than with r < 2', () => {
    const lateLoners = (set: RunResult[]) =>
      mean(
        set.map((result) =>
          mean(
            shares(result)
              .slice(-50)
              .map((share) => share[2]),
          ),
        ),
      );
    expect(lateLoners(low) - lateLoners(high)).toBeGreaterThan(0.1);
  });
});
