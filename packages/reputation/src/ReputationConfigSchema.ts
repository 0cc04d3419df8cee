import { bilingualMessage, DifficultySchema, type LocalizedText } from '@quanzi/core';
import * as z from 'zod/mini';

/**
 * The solver metrics a level threshold can name. Rates are Wilson lower bounds, so a
 * newcomer's 1/1 never clears a bar that 95/100 clears; `volume` is the
 * difficulty-weighted count of accepted tasks with half-life decay.
 */
export const LadderMetricSchema = z.enum([
  'volume',
  'accepted',
  'completionRate',
  'onTimeRate',
  'goodReviewRate',
  'classicCases',
]);

const ThresholdsSchema = z.array(z.number().check(z.gte(0))).check(z.minLength(1), z.maxLength(20));

/** One metric's bars: `promote[i]` to reach level i + 1, `demote[i]` to keep it. */
export const LadderThresholdSchema = z.strictObject({
  metric: LadderMetricSchema,
  promote: ThresholdsSchema,
  demote: ThresholdsSchema,
});

const LadderSchema = z
  .strictObject({
    thresholds: z
      .array(LadderThresholdSchema)
      .check(z.minLength(1), z.maxLength(LadderMetricSchema.options.length)),
    /** Promotion to this level and above waits for a command-center approval. */
    approvalFromLevel: z.optional(z.number().check(z.int(), z.gte(1))),
  })
  .check(
    z.superRefine((ladder, ctx) => {
      const levels = ladder.thresholds[0]?.promote.length ?? 0;
      const seen = new Set<string>();
      ladder.thresholds.forEach((row, i) => {
        const issue = (message: LocalizedText, path: Array<string | number>) =>
          ctx.addIssue({
            code: 'custom',
            message: bilingualMessage(message),
            path: ['thresholds', i, ...path],
          });
        if (seen.has(row.metric))
          issue({ en: 'Each metric may appear once', 'zh-CN': '每个指标只能出现一次' }, ['metric']);
        seen.add(row.metric);
        if (row.promote.length !== levels || row.demote.length !== levels)
          issue(
            { en: `Every row needs ${levels} thresholds`, 'zh-CN': `每行需要 ${levels} 个阈值` },
            ['promote'],
          );
        row.promote.forEach((bar, level) => {
          if (level > 0 && bar < (row.promote[level - 1] ?? 0))
            issue({ en: 'Promotion thresholds must not decrease', 'zh-CN': '晋级阈值不能递减' }, [
              'promote',
              level,
            ]);
          if ((row.demote[level] ?? 0) > bar)
            issue(
              {
                en: 'A demotion threshold must not exceed its promotion threshold',
                'zh-CN': '降级阈值不能高于晋级阈值',
              },
              ['demote', level],
            );
        });
      });
    }),
  );

/**
 * How a circle turns its event log into reputation: the level ladder with hysteresis,
 * half-life decay, probation, approval for top levels, credibility, point caps,
 * recurring-pair detection and second-review sampling. Every field has a default, so
 * `{}` is a valid configuration.
 *
 * @example
 * const config = parseInput(ReputationConfigSchema, {
 *   halfLifeDays: 60,
 *   ladder: { thresholds: [{ metric: 'volume', promote: [1, 5, 10], demote: [0.5, 3, 7] }] },
 * });
 */
export const ReputationConfigSchema = z.strictObject({
  /** z of the Wilson lower bound; 1.96 is a 95% interval. */
  wilsonZ: z._default(z.number().check(z.positive(), z.lte(5)), 1.96),
  /** A rating at or above this counts as a good review (好评). */
  goodRatingMin: z._default(z.number().check(z.int(), z.gte(1), z.lte(5)), 4),
  /** Weight of an accepted task by difficulty 1..5. */
  difficultyWeights: z._default(
    z.array(z.number().check(z.gte(0), z.lte(1000))).check(z.length(5)),
    [1, 2, 3, 5, 8],
  ),
  /** Used when a task names no difficulty. */
  defaultDifficulty: z._default(DifficultySchema, 2),
  /** After this many days without new work, volume counts half. */
  halfLifeDays: z._default(z.number().check(z.positive(), z.lte(3650)), 90),
  ladder: z._default(LadderSchema, {
    thresholds: [
      { metric: 'volume', promote: [1, 5, 10, 30, 60], demote: [0.5, 3, 7, 20, 45] },
      {
        metric: 'completionRate',
        promote: [0, 0.4, 0.5, 0.6, 0.7],
        demote: [0, 0.3, 0.4, 0.5, 0.6],
      },
    ],
    approvalFromLevel: 5,
  }),
  /** Newcomers stay at or below `maxLevel` until both `days` and `minTasks` are reached. */
  probation: z._default(
    z.strictObject({
      days: z._default(z.number().check(z.gte(0), z.lte(3650)), 30),
      minTasks: z._default(z.number().check(z.int(), z.gte(0), z.lte(10_000)), 3),
      maxLevel: z._default(z.number().check(z.int(), z.gte(0)), 1),
    }),
    { days: 30, minTasks: 3, maxLevel: 1 },
  ),
  /** Bayesian average of positive and negative outcomes for reporters and publishers. */
  credibility: z._default(
    z.strictObject({
      prior: z._default(z.number().check(z.gt(0), z.lt(1)), 0.5),
      priorWeight: z._default(z.number().check(z.positive(), z.lte(1000)), 2),
      /** A report dismissed as malicious counts as this many negative outcomes. */
      maliciousWeight: z._default(z.number().check(z.gte(1), z.lte(100)), 3),
      /** Ranking weight = credibility / prior, clamped to [minWeight, maxWeight]. */
      minWeight: z._default(z.number().check(z.gte(0), z.lte(1)), 0.25),
      maxWeight: z._default(z.number().check(z.gte(1), z.lte(10)), 2),
      /** Tags need at least this many outcomes, then `positive` at or above, `negative` at or below. */
      minOutcomesForTag: z._default(z.number().check(z.int(), z.gte(1)), 5),
      positiveTagAt: z._default(z.number().check(z.gte(0), z.lte(1)), 0.7),
      negativeTagAt: z._default(z.number().check(z.gte(0), z.lte(1)), 0.3),
    }),
    {
      prior: 0.5,
      priorWeight: 2,
      maliciousWeight: 3,
      minWeight: 0.25,
      maxWeight: 2,
      minOutcomesForTag: 5,
      positiveTagAt: 0.7,
      negativeTagAt: 0.3,
    },
  ),
  points: z._default(
    z.strictObject({
      /** Most points one participant can earn from one source (publisher) in one day. */
      dailyCapPerSource: z._default(z.number().check(z.int(), z.gte(0)), 100),
      /** Where the circle's day starts, in minutes east of UTC (480 = China Standard Time). */
      dayOffsetMinutes: z._default(z.number().check(z.int(), z.gte(-14 * 60), z.lte(14 * 60)), 480),
    }),
    { dailyCapPerSource: 100, dayOffsetMinutes: 480 },
  ),
  /** A pair is recurring when it has `minCount` accepted tasks and `minLift` × the count chance predicts. */
  pairs: z._default(
    z.strictObject({
      minCount: z._default(z.number().check(z.int(), z.gte(2)), 5),
      minLift: z._default(z.number().check(z.gte(1)), 3),
      /** Withhold solver credit for work inside a pair that is already recurring. */
      neutralise: z._default(z.boolean(), false),
    }),
    { minCount: 5, minLift: 3, neutralise: false },
  ),
  secondReview: z._default(
    z.strictObject({
      /** Share of accepted work sampled for a second review by another verifier. */
      share: z._default(z.number().check(z.gte(0), z.lte(1)), 0.1),
      salt: z._default(z.string().check(z.maxLength(200)), 'quanzi'),
      /** Second opinions needed before the Dawid–Skene estimate is attempted. */
      minOverlap: z._default(z.number().check(z.int(), z.gte(1)), 30),
      /** Items a reviewer needs to receive an estimate. */
      minPerReviewer: z._default(z.number().check(z.int(), z.gte(1)), 5),
      iterations: z._default(z.number().check(z.int(), z.gte(1), z.lte(1000)), 50),
    }),
    { share: 0.1, salt: 'quanzi', minOverlap: 30, minPerReviewer: 5, iterations: 50 },
  ),
  /** Accepted tasks in a category before a `domain:<category>` tag appears. */
  domainTagMinTasks: z._default(z.number().check(z.int(), z.gte(1)), 5),
  /** Mixed into pseudonyms so they cannot be recomputed from known ids. */
  pseudonymSalt: z._default(z.string().check(z.maxLength(200)), 'quanzi'),
});

/** A parsed reputation configuration. */
export type ReputationConfig = z.infer<typeof ReputationConfigSchema>;
/** A reputation configuration as written in a file (defaults may be omitted). */
export type ReputationConfigInput = z.input<typeof ReputationConfigSchema>;
/** One of {@link LadderMetricSchema}. */
export type LadderMetric = z.infer<typeof LadderMetricSchema>;

/** The configuration used when a circle gives none. */
export const defaultReputationConfig: ReputationConfig = ReputationConfigSchema.parse({});
