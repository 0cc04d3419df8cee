import * as z from 'zod/mini';
import { bilingualMessage } from './bilingualMessage';
import { BoundarySchema } from './geometry';
import { LocalizedTextSchema } from './LocalizedText';
import { plainText } from './plainText';

/** A stable identifier: letters, digits and `_ - . :`, at most 128 characters. */
export const IdSchema = z.string().check(
  z.minLength(1),
  z.maxLength(128),
  z.regex(
    /^[A-Za-z0-9_.:-]+$/,
    bilingualMessage({
      en: 'Use letters, digits and _ - . : only',
      'zh-CN': '只能使用字母、数字和 _ - . :',
    }),
  ),
);

/** An ISO 8601 instant in UTC, e.g. `2026-11-29T08:00:00Z`. */
export const InstantSchema = z.iso.datetime({ offset: false });

/**
 * Who may publish tasks. `basic` (model 1): only the command center and officers.
 * `extended` (model 2): residents and organisations may publish too.
 */
export const CircleModelSchema = z.enum(['basic', 'extended']);

/**
 * When the command center reviews resident-published tasks in the extended model:
 * `pre_review` holds them until reviewed; `post_review` lets qualified solvers start
 * at once while closing, rating and rewards still wait for the center.
 */
export const ReviewModeSchema = z.enum(['pre_review', 'post_review']);

/**
 * One circle (圈子): a community or police district and everybody in it.
 *
 * @example
 * parseInput(CircleSchema, { id: 'xinhua', name: { en: 'Xinhua', 'zh-CN': '新华警务区' },
 *   model: 'extended', review: 'post_review', boundary });
 */
export const CircleSchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  model: CircleModelSchema,
  review: z._default(ReviewModeSchema, 'pre_review'),
  boundary: z.optional(BoundarySchema),
  /** The upstream platform (警务中台) this circle receives dispatches from. */
  upstreamId: z.optional(IdSchema),
  timezone: z._default(plainText({ max: 64 }), 'Asia/Shanghai'),
});

/** A circle (圈子). */
export type Circle = z.infer<typeof CircleSchema>;
/** `basic` or `extended`. */
export type CircleModel = z.infer<typeof CircleModelSchema>;
/** `pre_review` or `post_review`. */
export type ReviewMode = z.infer<typeof ReviewModeSchema>;
