import {
  bilingualMessage,
  DifficultySchema,
  IdSchema,
  InstantSchema,
  LocalizedTextSchema,
  ParticipantKindSchema,
  RoleSchema,
} from '@quanzi/core';
import * as z from 'zod/mini';

/** The numbers a score term or a threshold honour can read. */
export const MetricSchema = z.enum([
  'tasksCompleted',
  'workload',
  'completionRate',
  'onTimeRate',
  'averageRating',
  'reworkCount',
  'classicCases',
  'points',
]);

/** One weighted term of the score: `min(cap, weight × metric)`; a missing rate counts 0. */
export const ScoreTermSchema = z.strictObject({
  metric: MetricSchema,
  weight: z.number().check(z.gte(-1000), z.lte(1000)),
  cap: z.optional(z.number()),
});

const PayBandSchema = z.strictObject({
  /** Points up to this total are paid at `perPoint`; the last band omits it (no limit). */
  upToPoints: z.optional(z.number().check(z.positive())),
  perPoint: z.number().check(z.gte(0)),
});

/**
 * An honour (荣誉): a title given when a metric reaches `min`, or to the `top` ranked
 * participants within the circle, their role or a category.
 */
export const HonourSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('threshold'),
    id: IdSchema,
    name: LocalizedTextSchema,
    metric: MetricSchema,
    min: z.number(),
  }),
  z.strictObject({
    kind: z.literal('rank'),
    id: IdSchema,
    name: LocalizedTextSchema,
    within: z.enum(['circle', 'role', 'category']),
    top: z.number().check(z.int(), z.gte(1), z.lte(1000)),
  }),
]);

/**
 * An assessment formula (考核公式): declarative weights, caps, the point-to-pay
 * conversion and honours, with a `version` and the instant it takes effect. Circles
 * keep these as JSON or YAML files; {@link loadFormula} validates them.
 *
 * @example
 * loadFormula(yamlText, { source: 'formulas/patrol.yaml' });
 */
export const FormulaSchema = z.strictObject({
  id: IdSchema,
  version: z.number().check(z.int(), z.gte(1)),
  effectiveFrom: InstantSchema,
  name: LocalizedTextSchema,
  /** Who gets a row; by default every registered participant who is not staff or a device. */
  appliesTo: z._default(
    z.strictObject({
      kinds: z.optional(z.array(ParticipantKindSchema).check(z.minLength(1))),
      roles: z.optional(z.array(RoleSchema).check(z.minLength(1))),
    }),
    {},
  ),
  workload: z.strictObject({
    /** Workload of one accepted task by difficulty 1..5, e.g. `[1, 1.5, 2, 3, 4]`. */
    difficultyWeights: z.array(z.number().check(z.gte(0), z.lte(1000))).check(z.length(5)),
    /** Used when neither the task nor its category gives a difficulty. */
    defaultDifficulty: z._default(DifficultySchema, 2),
    /** Multiplies a category's workload; categories not listed weigh 1. */
    categoryWeights: z._default(z.record(IdSchema, z.number().check(z.gte(0), z.lte(1000))), {}),
    /** Several claimants of one task share its workload equally. */
    splitAmongClaimants: z._default(z.boolean(), true),
    cap: z.optional(z.number().check(z.positive())),
  }),
  points: z._default(
    z.strictObject({ cap: z.optional(z.number().check(z.int(), z.positive())) }),
    {},
  ),
  pay: z
    .strictObject({
      currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
      base: z._default(z.number().check(z.gte(0)), 0),
      /** Progressive bands: each pays `perPoint` for the points that fall inside it. */
      bands: z.array(PayBandSchema).check(z.minLength(1), z.maxLength(20)),
      cap: z.optional(z.number().check(z.positive())),
    })
    .check(
      z.superRefine((pay, ctx) => {
        pay.bands.forEach((band, i) => {
          const last = i === pay.bands.length - 1;
          const previous = pay.bands[i - 1]?.upToPoints ?? 0;
          if (last ? band.upToPoints !== undefined : band.upToPoints === undefined)
            ctx.addIssue({
              code: 'custom',
              path: ['bands', i, 'upToPoints'],
              message: last
                ? bilingualMessage({
                    en: 'The last band has no upper limit',
                    'zh-CN': '最后一档不设上限',
                  })
                : bilingualMessage({
                    en: 'Every band but the last needs `upToPoints`',
                    'zh-CN': '除最后一档外每档都需要 upToPoints',
                  }),
            });
          else if (band.upToPoints !== undefined && band.upToPoints <= previous)
            ctx.addIssue({
              code: 'custom',
              path: ['bands', i, 'upToPoints'],
              message: bilingualMessage({
                en: 'Each band must end above the one before',
                'zh-CN': '分档上限必须递增',
              }),
            });
        });
      }),
    ),
  score: z
    .strictObject({
      terms: z.array(ScoreTermSchema).check(z.minLength(1), z.maxLength(50)),
      min: z._default(z.number(), 0),
      max: z._default(z.number(), 100),
    })
    .check(
      z.refine((score) => score.min < score.max, {
        message: '`min` must be below `max` / 下限必须小于上限',
        path: ['max'],
      }),
    ),
  honours: z._default(z.array(HonourSchema).check(z.maxLength(50)), []),
});

/** A validated formula. */
export type Formula = z.infer<typeof FormulaSchema>;
/** A formula as written in a file (defaults may be omitted). */
export type FormulaInput = z.input<typeof FormulaSchema>;
/** One of {@link MetricSchema}. */
export type Metric = z.infer<typeof MetricSchema>;
/** An honour rule. */
export type Honour = z.infer<typeof HonourSchema>;
