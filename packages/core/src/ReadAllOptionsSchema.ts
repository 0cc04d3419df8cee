import * as z from 'zod/mini';
import { IdSchema } from './circle';
import { plainText } from './plainText';

/**
 * The {@link ReadAllOptions} every store accepts, checked the same way by each: whole
 * positions from 0, a page of at most 100,000 events, circle ids, event types.
 *
 * @example
 * parseInput(ReadAllOptionsSchema, { after: 0.5 }, { path: [] }); // throws invalid_input naming `after`
 */
export const ReadAllOptionsSchema = z.strictObject({
  after: z.optional(z.number().check(z.int(), z.gte(0))),
  limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(100_000))),
  circleId: z.optional(IdSchema),
  circleIds: z.optional(z.array(IdSchema).check(z.maxLength(10_000))),
  types: z.optional(z.array(plainText({ min: 1, max: 128 })).check(z.maxLength(100))),
});
