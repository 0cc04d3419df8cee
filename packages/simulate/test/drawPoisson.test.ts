import { createSeededRandom } from '@quanzi/core/prng';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawPoisson } from '../src/drawPoisson';
import { hourlyRate, weeklyRates } from '../src/hourlyRate';

function moments(mean: number, seed: number, n = 20_000) {
  const random = createSeededRandom(seed);
  const draws = Array.from({ length: n }, () => drawPoisson(random, mean));
  const average = draws.reduce((sum, x) => sum + x, 0) / n;
  const variance = draws.reduce((sum, x) => sum + (x - average) ** 2, 0) / (n - 1);
  return { draws, average, variance };
}

describe('drawPoisson', () => {
  it('gives non-negative integers, the same ones for the same seed', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0, max: 500, noNaN: true }), (seed, mean) => {
        const a = createSeededRandom(seed);
        const b = createSeededRandom(seed);
        for (let i = 0; i < 20; i++) {
          const x = drawPoisson(a, mean);
          expect(Number.isInteger(x) && x >= 0).toBe(true);
          expect(drawPoisson(b, mean)).toBe(x);
        }
      }),
      { numRuns: 100 },
    );
  });

  // A Poisson variable has mean = variance = λ; with 20,000 draws the sample mean is
  // within 4 standard errors (4·√(λ/n)) of λ, on both the small-mean and PTRS branches.
  it.each([0.3, 2.5, 9.9, 10, 37, 400])('has mean and variance λ = %s', (mean) => {
    const { average, variance } = moments(mean, Math.round(mean * 1000));
    expect(Math.abs(average - mean)).toBeLessThan(4 * Math.sqrt(mean / 20_000));
    expect(Math.abs(variance / mean - 1)).toBeLessThan(0.06);
  });

  it('matches the Poisson probability of zero for a small mean', () => {
    const { draws } = moments(1.2, 5);
    const zeros = draws.filter((x) => x === 0).length / draws.length;
    expect(Math.abs(zeros - Math.exp(-1.2))).toBeLessThan(0.015);
  });

  it('draws nothing for a zero or negative mean', () => {
    expect(drawPoisson(createSeededRandom(1), 0)).toBe(0);
    expect(drawPoisson(createSeededRandom(1), -3)).toBe(0);
  });
});

describe('hourlyRate', () => {
  const weights = fc.array(fc.double({ min: 0, max: 10, noNaN: true }), {
    minLength: 24,
    maxLength: 24,
  });
  const days = fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), {
    minLength: 7,
    maxLength: 7,
  });

  it('keeps the weekly total at 7 × the daily rate, whatever the rhythm', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        weights,
        days,
        (perDay, daily, weekly) => {
          fc.pre(daily.some((w) => w > 0));
          const week = weeklyRates(perDay, { daily, weekly }).reduce((sum, x) => sum + x, 0);
          expect(week).toBeCloseTo(7 * perDay, 6);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is flat without a rhythm and follows the weights with one', () => {
    expect(hourlyRate(48, {}, 5)).toBe(2);
    const daily = Array.from({ length: 24 }, (_, hour) => (hour === 8 ? 3 : hour === 9 ? 1 : 0));
    expect(hourlyRate(40, { daily }, 8)).toBe(30);
    expect(hourlyRate(40, { daily }, 24 + 9)).toBe(10);
    expect(hourlyRate(40, { daily }, 12)).toBe(0);
    const weekly = [2, 1, 1, 1, 1, 1, 0];
    expect(hourlyRate(24, { weekly }, 3)).toBe(2);
    expect(hourlyRate(24, { weekly }, 6 * 24 + 3)).toBe(0);
  });
});
