import type { Random } from '@quanzi/core';

// Hörmann's PTRS (transformed rejection with squeeze) for large means, Knuth's
// product method for small ones: both exact, both driven only by `random`.
function drawLarge(random: Random, mean: number): number {
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random.next() - 0.5;
    const v = random.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
    if (lhs <= -mean + k * logMean - logFactorial(k)) return k;
  }
}

function logFactorial(k: number): number {
  if (k < 2) return 0;
  // Stirling's series is exact to double precision from k = 10 on.
  if (k >= 10)
    return (
      (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k ** 3)
    );
  let sum = 0;
  for (let i = 2; i <= k; i++) sum += Math.log(i);
  return sum;
}

/**
 * A Poisson-distributed count with the given mean, drawn from `random`.
 *
 * @example
 * drawPoisson(createSeededRandom(1), 3.5); // e.g. 4
 */
export function drawPoisson(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean >= 10) return drawLarge(random, mean);
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count++;
    product *= random.next();
  }
  return count;
}
