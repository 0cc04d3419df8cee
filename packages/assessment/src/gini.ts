import { sum } from 'simple-statistics';

/**
 * The Gini coefficient of non-negative values: 0 when everybody has the same, near
 * 1 when one has everything. Computed from the sorted values as
 * `2·Σ i·x₍ᵢ₎ / (n·Σx) − (n+1)/n`; 0 for no values or an all-zero list.
 *
 * @example
 * gini([0, 0, 0, 4]); // 0.75
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const total = n === 0 ? 0 : sum([...values]);
  if (total === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const weighted = sorted.reduce((acc, x, i) => acc + (i + 1) * x, 0);
  return Math.max(0, (2 * weighted) / (n * total) - (n + 1) / n);
}

/** The share of the total held by the `k` largest values; `null` when the total is 0. */
export function topShare(values: readonly number[], k: number): number | null {
  const total = values.length === 0 ? 0 : sum([...values]);
  if (total === 0) return null;
  const top = [...values].sort((a, b) => b - a).slice(0, k);
  return top.length === 0 ? 0 : sum(top) / total;
}

/**
 * The effective number of contributors (Hill number of order 1, `exp` of Shannon
 * entropy): `n` when `n` people share equally, 1 when one does everything.
 */
export function effectiveCount(values: readonly number[]): number {
  const positive = values.filter((x) => x > 0);
  if (positive.length === 0) return 0;
  const total = sum(positive);
  return Math.exp(-positive.reduce((h, x) => h + (x / total) * Math.log(x / total), 0));
}
