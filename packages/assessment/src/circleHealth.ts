import {
  type Category,
  CategorySchema,
  type Channel,
  defaultCategories,
  IdSchema,
  type ParticipantInput,
  ParticipantSchema,
  parseInput,
  toEpoch,
} from '@quanzi/core';
import * as z from 'zod/mini';
import { type AssessableEvent, collectFacts } from './collectFacts';
import { type AreaCoverage, AreasSchema, coverageOf, type GroupCoverage } from './coverageOf';
import { type CategoryDiversity, fairnessAndDiversityOf } from './fairnessAndDiversityOf';
import { type Outcomes, outcomesOf } from './outcomesOf';
import { type Period, type PeriodSpec, resolvePeriod } from './resolvePeriod';
import {
  type ReportResponsiveness,
  type Responsiveness,
  responsivenessOf,
} from './responsivenessOf';
import { type ActivityBucket, type RetentionCohort, sustainabilityOf } from './sustainabilityOf';

const HealthOptionsSchema = z.object({
  areas: z._default(AreasSchema, []),
  /** Group name → participant ids (e.g. `elderly`, `migrant_workers`), as the circle defines them. */
  groups: z._default(
    z.record(z.string().check(z.minLength(1), z.maxLength(100)), z.array(IdSchema)),
    {},
  ),
  participants: z._default(z.array(ParticipantSchema), []),
  categories: z.optional(z.array(CategorySchema)),
  bucket: z._default(z.enum(['week', 'month']), 'week'),
  topK: z._default(z.number().check(z.int(), z.gte(1), z.lte(1000)), 3),
});

/** Options for {@link circleHealth}. */
export type CircleHealthOptions = Omit<
  z.input<typeof HealthOptionsSchema>,
  'participants' | 'categories'
> & {
  readonly period: PeriodSpec | Period;
  readonly participants?: readonly ParticipantInput[];
  readonly categories?: readonly Category[];
};

/** The article's risks, measured for one period. */
export interface CircleHealth {
  readonly period: Period;
  readonly responsiveness: {
    readonly overall: Responsiveness;
    readonly byCategory: Readonly<Record<string, Responsiveness>>;
    readonly reports: ReportResponsiveness & {
      readonly byCategory: Readonly<Record<string, ReportResponsiveness>>;
    };
  };
  readonly outcomes: Outcomes;
  readonly fairness: {
    readonly participants: number;
    readonly giniTasks: number;
    readonly giniPoints: number;
    readonly topK: number;
    readonly topKTaskShare: number | null;
    readonly topKPointShare: number | null;
  };
  readonly coverage: {
    readonly byArea: readonly AreaCoverage[];
    readonly withoutReports: readonly string[];
    readonly withoutParticipants: readonly string[];
    readonly unlocatedReports: number;
    /** Reports by channel: `proxy`, `phone` and `sms` show who reaches the circle without a smartphone. */
    readonly reportsByChannel: Readonly<Record<Channel, number>>;
    readonly byGroup: readonly GroupCoverage[];
    readonly groupsWithoutActivity: readonly string[];
  };
  readonly diversity: {
    readonly byCategory: Readonly<Record<string, CategoryDiversity>>;
    /** Tasks completed by holders of each role (a holder of two roles counts in both). */
    readonly tasksByRole: Readonly<Record<string, number>>;
  };
  readonly sustainability: {
    readonly buckets: readonly ActivityBucket[];
    readonly cohorts: readonly RetentionCohort[];
  };
}

/**
 * Measures the risks the article names for one period: responsiveness (time to
 * first response and to close, p50/p90, SLA breaches by category), outcomes
 * (closure reasons, report → task conversion, public answers), fairness (Gini,
 * top-k share), coverage by area and group, diversity of solvers, and
 * sustainability (activity, churn, retention cohorts).
 *
 * @example
 * const health = circleHealth(events, { period: { kind: 'quarter', containing: '2026-10-01' }, areas });
 * health.coverage.withoutReports; // areas nobody reported from
 */
export function circleHealth(
  events: readonly AssessableEvent[],
  options: CircleHealthOptions,
): CircleHealth {
  const { period: spec, ...rest } = options;
  const parsed = parseInput(HealthOptionsSchema, rest, { path: [] });
  const period = resolvePeriod(spec);
  const facts = collectFacts(events, toEpoch(period.to), parsed.participants);
  const categories = new Map((parsed.categories ?? defaultCategories).map((c) => [c.code, c]));
  return {
    period,
    responsiveness: responsivenessOf(facts, period, categories),
    outcomes: outcomesOf(facts, period),
    ...fairnessAndDiversityOf(facts, period, parsed.topK),
    coverage: coverageOf(facts, period, parsed.areas, parsed.groups),
    sustainability: sustainabilityOf(facts, period, parsed.bucket),
  };
}
