/**
 * The lower bound of the Wilson score interval for `successes` out of `trials`: a rate
 * that stays honest for small numbers, so 1/1 (≈0.21) never beats 95/100 (≈0.89).
 * Zero trials give 0.
 *
 * @example
 * wilsonLowerBound(95, 100); // 0.887…
 */
export function wilsonLowerBound(successes: number, trials: number, z = 1.96): number {
  if (trials <= 0) return 0;
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p) + z2 / (4 * trials)) / trials);
  return Math.max(0, (centre - spread) / (1 + z2 / trials));
}

/** A rate with its counts: the raw share (null without trials) and its Wilson lower bound. */
export interface Rate {
  readonly successes: number;
  readonly trials: number;
  readonly raw: number | null;
  readonly lowerBound: number;
}

/** Builds a {@link Rate} from counts. */
export function rateOf(successes: number, trials: number, z: number): Rate {
  return {
    successes,
    trials,
    raw: trials > 0 ? successes / trials : null,
    lowerBound: wilsonLowerBound(successes, trials, z),
  };
}
