import { DifficultySchema } from '@quanzi/core';
import * as z from 'zod';

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

const ThresholdsSchema = z.array(z.number().min(0)).min(1).max(20);

/** One metric's bars: `promote[i]` to reach level i + 1, `demote[i]` to keep it. */
export const LadderThresholdSchema = z.strictObject({
  metric: LadderMetricSchema,
  promote: ThresholdsSchema,
  demote: ThresholdsSchema,
});

const LadderSchema = z
  .strictObject({
    thresholds: z.array(LadderThresholdSchema).min(1).max(LadderMetricSchema.options.length),
    /** Promotion to this level and above waits for a command-center approval. */
    approvalFromLevel: z.number().int().min(1).optional(),
  })
  .superRefine((ladder, ctx) => {
    const levels = ladder.thresholds[0]?.promote.length ?? 0;
    const seen = new Set<string>();
    ladder.thresholds.forEach((row, i) => {
      const issue = (message: string, path: Array<string | number>) =>
        ctx.addIssue({ code: 'custom', message, path: ['thresholds', i, ...path] });
      if (seen.has(row.metric))
        issue('Each metric may appear once / 每个指标只能出现一次', ['metric']);
      seen.add(row.metric);
      if (row.promote.length !== levels || row.demote.length !== levels)
        issue(`Every row needs ${levels} thresholds / 每行需要 ${levels} 个阈值`, ['promote']);
      row.promote.forEach((bar, level) => {
        if (level > 0 && bar < (row.promote[level - 1] ?? 0))
          issue('Promotion thresholds must not decrease / 晋级阈值不能递减', ['promote', level]);
        if ((row.demote[level] ?? 0) > bar)
          issue(
            'A demotion threshold must not exceed its promotion threshold / 降级阈值不能高于晋级阈值',
            ['demote', level],
          );
      });
    });
  });

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
  wilsonZ: z.number().positive().max(5).default(1.96),
  /** A rating at or above this counts as a good review (好评). */
  goodRatingMin: z.number().int().min(1).max(5).default(4),
  /** Weight of an accepted task by difficulty 1..5. */
  difficultyWeights: z.array(z.number().min(0).max(1000)).length(5).default([1, 2, 3, 5, 8]),
  /** Used when a task names no difficulty. */
  defaultDifficulty: DifficultySchema.default(2),
  /** After this many days without new work, volume counts half. */
  halfLifeDays: z.number().positive().max(3650).default(90),
  ladder: LadderSchema.default({
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
  probation: z
    .strictObject({
      days: z.number().min(0).max(3650).default(30),
      minTasks: z.number().int().min(0).max(10_000).default(3),
      maxLevel: z.number().int().min(0).default(1),
    })
    .default({ days: 30, minTasks: 3, maxLevel: 1 }),
  /** Bayesian average of positive and negative outcomes for reporters and publishers. */
  credibility: z
    .strictObject({
      prior: z.number().gt(0).lt(1).default(0.5),
      priorWeight: z.number().positive().max(1000).default(2),
      /** A report dismissed as malicious counts as this many negative outcomes. */
      maliciousWeight: z.number().min(1).max(100).default(3),
      /** Ranking weight = credibility / prior, clamped to [minWeight, maxWeight]. */
      minWeight: z.number().min(0).max(1).default(0.25),
      maxWeight: z.number().min(1).max(10).default(2),
      /** Tags need at least this many outcomes, then `positive` at or above, `negative` at or below. */
      minOutcomesForTag: z.number().int().min(1).default(5),
      positiveTagAt: z.number().min(0).max(1).default(0.7),
      negativeTagAt: z.number().min(0).max(1).default(0.3),
    })
    .default({
      prior: 0.5,
      priorWeight: 2,
      maliciousWeight: 3,
      minWeight: 0.25,
      maxWeight: 2,
      minOutcomesForTag: 5,
      positiveTagAt: 0.7,
      negativeTagAt: 0.3,
    }),
  points: z
    .strictObject({
      /** Most points one participant can earn from one source (publisher) in one day. */
      dailyCapPerSource: z.number().int().min(0).default(100),
      /** Where the circle's day starts, in minutes east of UTC (480 = China Standard Time). */
      dayOffsetMinutes: z
        .number()
        .int()
        .min(-14 * 60)
        .max(14 * 60)
        .default(480),
    })
    .default({ dailyCapPerSource: 100, dayOffsetMinutes: 480 }),
  /** A pair is recurring when it has `minCount` accepted tasks and `minLift` × the count chance predicts. */
  pairs: z
    .strictObject({
      minCount: z.number().int().min(2).default(5),
      minLift: z.number().min(1).default(3),
      /** Withhold solver credit for work inside a pair that is already recurring. */
      neutralise: z.boolean().default(false),
    })
    .default({ minCount: 5, minLift: 3, neutralise: false }),
  secondReview: z
    .strictObject({
      /** Share of accepted work sampled for a second review by another verifier. */
      share: z.number().min(0).max(1).default(0.1),
      salt: z.string().max(200).default('quanzi'),
      /** Second opinions needed before the Dawid–Skene estimate is attempted. */
      minOverlap: z.number().int().min(1).default(30),
      /** Items a reviewer needs to receive an estimate. */
      minPerReviewer: z.number().int().min(1).default(5),
      iterations: z.number().int().min(1).max(1000).default(50),
    })
    .default({ share: 0.1, salt: 'quanzi', minOverlap: 30, minPerReviewer: 5, iterations: 50 }),
  /** Accepted tasks in a category before a `domain:<category>` tag appears. */
  domainTagMinTasks: z.number().int().min(1).default(5),
  /** Mixed into pseudonyms so they cannot be recomputed from known ids. */
  pseudonymSalt: z.string().max(200).default('quanzi'),
});

/** A parsed reputation configuration. */
export type ReputationConfig = z.infer<typeof ReputationConfigSchema>;
/** A reputation configuration as written in a file (defaults may be omitted). */
export type ReputationConfigInput = z.input<typeof ReputationConfigSchema>;
/** One of {@link LadderMetricSchema}. */
export type LadderMetric = z.infer<typeof LadderMetricSchema>;

/** The configuration used when a circle gives none. */
export const defaultReputationConfig: ReputationConfig = ReputationConfigSchema.parse({});
