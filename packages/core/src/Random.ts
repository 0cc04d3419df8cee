import { type RandomGenerator, unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

/**
 * Where randomness comes from. Domain code never calls `Math.random()`; seeded
 * sources make simulations and tests reproducible.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /**
   * An independent stream (2^64 draws apart), so adding draws to one part of a
   * simulation does not shift the numbers another part sees.
   */
  fork(): Random;
}

const twoPow21 = 2 ** 21;
const twoPow53 = 2 ** 53;

function fromGenerator(generator: RandomGenerator): Random {
  return {
    next() {
      const high = unsafeUniformIntDistribution(0, 0xffffffff, generator);
      const low = unsafeUniformIntDistribution(0, twoPow21 - 1, generator);
      return (high * twoPow21 + low) / twoPow53;
    },
    int(min, max) {
      return unsafeUniformIntDistribution(min, max, generator);
    },
    fork() {
      const child = generator.clone();
      // The parent jumps ahead rather than the child, so consecutive forks get
      // disjoint streams instead of the same one.
      generator.unsafeJump?.();
      return fromGenerator(child);
    },
  };
}

/**
 * A seeded {@link Random} on pure-rand's xoroshiro128+.
 *
 * @example
 * const random = createSeededRandom(42);
 * random.int(1, 6);
 */
export function createSeededRandom(seed: number): Random {
  return fromGenerator(xoroshiro128plus(seed | 0));
}
