import type { Position } from './geometry';

/**
 * How coarsely a position is shown to someone who may not see it exactly: `place`
 * keeps 3 decimals (about 110 m), for public views and open-data exports; `home`
 * keeps 2 (about 1.1 km), for where a person lives.
 */
export type Coarseness = 'place' | 'home';

const decimals: Readonly<Record<Coarseness, number>> = { place: 3, home: 2 };

/**
 * `position` rounded to the grid of `coarseness`: the one rule every public view
 * and export uses, so a page and an Open311 feed never disagree on what leaks.
 *
 * @example
 * coarsenPosition([116.39512345, 39.90187654], 'place'); // [116.395, 39.902]
 */
export function coarsenPosition(position: Position, coarseness: Coarseness): Position {
  const scale = 10 ** decimals[coarseness];
  return [Math.round(position[0] * scale) / scale, Math.round(position[1] * scale) / scale];
}
