import type { Random } from '@quanzi/core';

/**
 * A reproducible random sample of `size` items (all of them when there are
 * fewer), for the center to label by hand and check the automatic stance and
 * topics against. Randomness comes from the `Random` port, so the same seed
 * gives the same sample.
 *
 * @example
 * const toLabel = sampleForReview(inbox.entries(), 30, createSeededRandom(7));
 */
export function sampleForReview<T>(items: readonly T[], size: number, random: Random): T[] {
  const pool = [...items];
  const count = Math.max(0, Math.min(Math.floor(size), pool.length));
  // A partial Fisher–Yates shuffle: only the first `count` places are drawn.
  for (let i = 0; i < count; i += 1) {
    const j = random.int(i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, count);
}
