import {
  CircleModelSchema,
  DifficultySchema,
  IdSchema,
  ParticipantKindSchema,
  PositionSchema,
  ReviewModeSchema,
  RoleSchema,
} from '@quanzi/core';
import * as z from 'zod';

const share = z.number().min(0).max(1);
const hourWeights = z.array(z.number().min(0).max(1000)).length(24);
const weekdayWeights = z.array(z.number().min(0).max(1000)).length(7);

/**
 * How a group of agents behaves. Responses are elasticities: `pointsResponse` 0.5
 * means recent points raise the wish to take part by `e^(0.5 × points/scale)`.
 */
export const BehaviourSchema = z.strictObject({
  /** Chance per active hour that an idle agent looks for a task, before responses. */
  participation: share,
  /** How strongly recently earned points raise participation (and lower churn). */
  pointsResponse: z.number().min(-10).max(10).default(0),
  /** How strongly the current level raises participation (and lowers churn). */
  levelResponse: z.number().min(-10).max(10).default(0),
  /** How far an agent travels for a task; capped by the tier's visible radius. */
  travelRadiusMeters: z.number().positive().max(100_000).default(1000),
  /** Mean chance that submitted work is accepted; each agent draws around it. */
  skill: share.default(0.8),
  /** Spread of skill between agents (standard deviation, clipped to 0..1). */
  skillSpread: share.default(0.1),
  /** Daily chance of leaving the platform at neutral motivation. */
  churnPerDay: share.default(0),
  /** Relative activity in each hour 0–23 (UTC of the scenario clock); flat when omitted. */
  daily: hourWeights.optional(),
  /** Relative activity on each weekday, Monday first; flat when omitted. */
  weekly: weekdayWeights.optional(),
  /** Reports filed per agent and day. */
  reportsPerDay: z.number().min(0).max(100).default(0),
  /** Share of agents whose reports are false or malicious. */
  maliciousShare: share.default(0),
  /** Share of agents paired with a partner who claims the tasks they publish. */
  colludingPairShare: share.default(0),
});

/** A population of agents of one participant kind. */
export const PopulationSchema = z.strictObject({
  id: IdSchema,
  kind: ParticipantKindSchema,
  count: z.number().int().min(0).max(1_000_000),
  roles: z.array(RoleSchema).max(32).default([]),
  /** Qualification codes every agent of the population holds. */
  qualifications: z.array(IdSchema).max(50).default([]),
  behaviour: BehaviourSchema,
});

/** A Poisson stream of tasks of one category, with a daily and weekly rhythm. */
export const ArrivalSchema = z.strictObject({
  category: IdSchema,
  /** Mean tasks per day (the rhythm shapes when they arrive, not how many). */
  ratePerDay: z.number().min(0).max(1_000_000),
  /** Relative weight of each hour 0–23; flat when omitted. */
  daily: hourWeights.optional(),
  /** Relative weight of each weekday, Monday first; flat when omitted. */
  weekly: weekdayWeights.optional(),
  difficulty: z.optional(DifficultySchema),
  slots: z.number().int().min(1).max(100).default(1),
  /** Hours until an unclaimed task expires; the category's SLA hours when omitted. */
  deadlineHours: z
    .number()
    .positive()
    .max(24 * 365)
    .optional(),
  rewardPoints: z.number().int().min(0).max(100_000).default(10),
});

/** The incentive scheme under test. */
export const SchemeSchema = z.strictObject({
  /** Bonus points per difficulty step above 1, added to the task's reward. */
  pointsPerDifficulty: z.number().int().min(0).max(10_000).default(0),
  /**
   * Reputation settings in `@quanzi/reputation`'s format: the level ladder,
   * `halfLifeDays` of decay, credibility, caps. The package defaults when omitted.
   */
  reputation: z.record(z.string(), z.unknown()).default({}),
  /** Rank tasks by their reporter's credibility when solvers look for work. */
  credibilityWeighting: z.boolean().default(false),
  /** Weight of publisher credibility in the nearby ranking when `credibilityWeighting` is on. */
  credibilityWeight: z.number().min(0).max(100).default(2),
  /** Points earned in this many recent days drive `pointsResponse`. */
  pointsMemoryDays: z.number().positive().max(365).default(7),
  /** Points that count as one unit in `pointsResponse`. */
  pointsScale: z.number().positive().max(1_000_000).default(50),
});

/**
 * Hauert et al.'s optional public-goods game (Science 2002) played through tasks:
 * each round a group task is published; cooperators claim and do the work,
 * defectors claim and submit nothing, loners decline and keep `lonerPayoff`.
 */
export const PublicGoodsSchema = z.strictObject({
  groupSize: z.number().int().min(2).max(100).default(5),
  cost: z.number().positive().max(1000).default(1),
  lonerPayoff: z.number().min(0).max(1000).default(1),
  multiplier: z.number().positive().max(100),
  /** Starting shares of cooperators, defectors and loners (normalised). */
  initial: z
    .strictObject({ cooperators: share, defectors: share, loners: share })
    .default({ cooperators: 1 / 3, defectors: 1 / 3, loners: 1 / 3 }),
  roundsPerStep: z.number().int().min(1).max(1000).default(1),
  /** Share of agents that revise their strategy after each round. */
  revisionRate: share.default(0.1),
  /** Selection strength of the pairwise-comparison (Fermi) imitation rule. */
  selection: z.number().min(0).max(1000).default(5),
  /** Chance that a revising agent explores a random strategy instead. */
  mutation: share.default(0.01),
});

/**
 * A simulation scenario: the circle and its geography, populations with behaviour,
 * task arrivals, the policy and scheme under test, duration and seeds.
 *
 * @example
 * loadScenario(readFileSync('examples/scenarios/levels-decay.yaml', 'utf8'), { source: 'levels-decay.yaml' });
 */
export const ScenarioSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    description: z.string().max(5000).optional(),
    circle: z.strictObject({
      id: IdSchema,
      model: z._default(CircleModelSchema, 'basic'),
      review: z._default(ReviewModeSchema, 'pre_review'),
      center: PositionSchema,
      radiusMeters: z.number().positive().max(100_000),
    }),
    /** Simulated days; one step is one hour. */
    durationDays: z.number().int().min(1).max(3650),
    /** Seeds of the runs; `runs` in a batch takes the first N or counts on from the last. */
    seeds: z.array(z.number().int()).min(1).max(10_000).default([1]),
    /** Instant the simulated clock starts at, ISO 8601 UTC (a Monday midnight by default). */
    start: z.iso.datetime({ offset: false }).default('2026-01-05T00:00:00Z'),
    populations: z.array(PopulationSchema).min(1).max(100),
    arrivals: z.array(ArrivalSchema).max(200).default([]),
    /** Rows are recorded every this many hours (and at the end). */
    sampleEveryHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(24),
    /** The circle's policy file, in `@quanzi/rules`' format. */
    policy: z.record(z.string(), z.unknown()),
    /** Lease and rating-window timings in `@quanzi/lifecycle`'s format; model and review come from `circle`. */
    lifecycle: z.record(z.string(), z.unknown()).default({}),
    scheme: SchemeSchema.default(SchemeSchema.parse({})),
    game: PublicGoodsSchema.optional(),
  })
  .superRefine((scenario, context) => {
    const seen = new Set<string>();
    scenario.populations.forEach((population, index) => {
      if (seen.has(population.id))
        context.addIssue({
          code: 'custom',
          path: ['populations', index, 'id'],
          message: `Duplicate population id "${population.id}" / 人群编号重复`,
        });
      seen.add(population.id);
    });
  });

/** A validated scenario. */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** A scenario as written in a file (defaults may be omitted). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** One population of a scenario. */
export type Population = z.infer<typeof PopulationSchema>;
/** One behaviour block. */
export type Behaviour = z.infer<typeof BehaviourSchema>;
/** One arrival process. */
export type Arrival = z.infer<typeof ArrivalSchema>;
/** The scheme under test. */
export type Scheme = z.infer<typeof SchemeSchema>;
/** The public-goods game settings. */
export type PublicGoods = z.infer<typeof PublicGoodsSchema>;
