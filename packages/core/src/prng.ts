// The `@quanzi/core/prng` entry: the seeded pseudo-random source. Kept apart so that
// pure-rand stays out of the main entry (and of browser bundles): only simulations,
// sampling and tests draw numbers; the domain takes a `Random` passed in.

export { createSeededRandom } from './Random';
