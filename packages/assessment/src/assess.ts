import {
  type Category,
  CategorySchema,
  defaultCategories,
  type Participant,
  type ParticipantInput,
  type ParticipantKind,
  ParticipantSchema,
  parseInput,
  pseudonymOf,
  type Role,
  toEpoch,
} from '@quanzi/core';
import * as z from 'zod/mini';
import { type Breakdown, totalOf } from './breakdown';
import {
  type AssessableEvent,
  type CircleFacts,
  collectFacts,
  type Deed,
  isStaffMember,
} from './collectFacts';
import { type Formula, type Metric, MetricSchema } from './FormulaSchema';
import { createFormulaSet, type FormulaSet, formulaFor } from './loadFormula';
import { type AssessedField, type Measures, measure } from './measure';
import { honoursOf, type Rank, rankRows } from './rankRows';
import { inPeriod, type Period, type PeriodSpec, resolvePeriod } from './resolvePeriod';
import { teamMeasures } from './teamMeasures';

/** Options for {@link assess}. */
export interface AssessOptions {
  /** Every version of the formula; the one in force at the period's start is used. */
  readonly formulas: FormulaSet | readonly Formula[];
  readonly period: PeriodSpec | Period;
  /** Participants not registered in the log, or newer records of those that are. */
  readonly participants?: readonly ParticipantInput[];
  /** The circle's categories, for default difficulties; core's taxonomy if omitted. */
  readonly categories?: readonly Category[];
  /** Secret for pseudonyms of anonymous participants (see `pseudonymOf` in `@quanzi/core`). */
  readonly pseudonymSalt?: string;
}

/** One participant's or team's assessment (考核) for one period. */
export interface AssessmentRow {
  readonly subject: 'participant' | 'team';
  readonly participantId: string;
  readonly displayName: string;
  readonly kind: ParticipantKind | 'unknown';
  readonly roles: readonly Role[];
  /** Shown as {@link AssessmentRow.pseudonym} in exports. */
  readonly anonymous: boolean;
  readonly pseudonym: string;
  /** For a team: the participants whose numbers it adds up. */
  readonly memberIds: readonly string[];
  readonly formulaId: string;
  readonly formulaVersion: number;
  readonly period: Period;
  readonly tasksCompleted: number;
  readonly workload: number;
  readonly completionRate: number | null;
  readonly onTimeRate: number | null;
  readonly averageRating: number | null;
  readonly ratingsCount: number;
  readonly reworkCount: number;
  readonly classicCases: number;
  readonly points: number;
  readonly pay: number;
  readonly currency: string;
  readonly score: number;
  readonly workloadByCategory: Readonly<Record<string, number>>;
  readonly ranks: readonly Rank[];
  /** Ids of the formula's honours this row earned. */
  readonly honours: readonly string[];
  /** How each number was made, down to event ids; see {@link explain}. */
  readonly breakdown: Readonly<Record<AssessedField, Breakdown>>;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const metrics: readonly Metric[] = MetricSchema.options;

function assessedIds(facts: CircleFacts, formula: Formula): string[] {
  const { kinds, roles } = formula.appliesTo;
  const fits = (p: Participant) =>
    (kinds ? kinds.includes(p.kind) : !isStaffMember(facts, p.id) && p.kind !== 'team') &&
    (!roles || p.roles.some((role) => roles.includes(role)));
  const ids = [...facts.participants.values()].filter(fits).map((p) => p.id);
  // Without a filter, unregistered people who did work still show up: no workload is lost.
  if (!kinds && !roles)
    for (const id of facts.deeds.keys()) if (!facts.participants.has(id)) ids.push(id);
  return [...new Set(ids)].sort();
}

const value = (b: Breakdown) => round(totalOf(b) ?? 0);
const valueOrNull = (b: Breakdown) => {
  const v = totalOf(b);
  return v === null ? null : round(v);
};

function toRow(
  id: string,
  measures: Measures,
  facts: CircleFacts,
  context: RowContext,
  memberIds?: readonly string[],
) {
  const p = facts.participants.get(id);
  const b = measures.breakdown;
  return {
    subject: memberIds ? 'team' : 'participant',
    participantId: id,
    displayName: p?.displayName ?? id,
    kind: p?.kind ?? 'unknown',
    roles: p?.roles ?? [],
    anonymous: p?.privacy.anonymous ?? false,
    pseudonym: pseudonymOf(id, context.salt),
    memberIds: memberIds ?? [],
    formulaId: context.formula.id,
    formulaVersion: context.formula.version,
    period: context.period,
    tasksCompleted: value(b.tasksCompleted),
    workload: value(b.workload),
    completionRate: valueOrNull(b.completionRate),
    onTimeRate: valueOrNull(b.onTimeRate),
    averageRating: valueOrNull(b.averageRating),
    ratingsCount: b.averageRating.parts.length,
    reworkCount: value(b.reworkCount),
    classicCases: value(b.classicCases),
    points: value(b.points),
    pay: value(b.pay),
    currency: context.formula.pay.currency,
    score: value(b.score),
    workloadByCategory: measures.workloadByCategory,
    ranks: [] as Rank[],
    honours: [] as string[],
    breakdown: b,
  } satisfies AssessmentRow;
}

interface RowContext {
  readonly formula: Formula;
  readonly period: Period;
  readonly salt: string;
}

function withHonours(rows: ReturnType<typeof toRow>[], formula: Formula): AssessmentRow[] {
  const rankable = rows.map((row) => ({
    ...row,
    values: Object.fromEntries(metrics.map((m) => [m, row[m]])) as Record<Metric, number | null>,
  }));
  const ranks = rankRows(rankable);
  return rankable.map(({ values: _values, ...row }, i) => {
    const own = ranks.get(row.participantId) ?? [];
    return {
      ...row,
      ranks: own,
      honours: honoursOf(rankable[i] as (typeof rankable)[number], own, formula),
    };
  });
}

const OptionsSchema = z.object({
  participants: z._default(z.array(ParticipantSchema), []),
  categories: z.optional(z.array(CategorySchema)),
  pseudonymSalt: z._default(z.string().check(z.maxLength(500)), ''),
});

/**
 * Assesses every participant and team for a period under the formula version in
 * force at the period's start. Rows come sorted by id, participants then teams; a
 * team's sums add up its members' (and its own) numbers, its rates pool their
 * outcomes, its score is their mean.
 *
 * @example
 * const rows = assess(events, { formulas: [v1, v2], period: { kind: 'month', containing: '2026-11-01', timezone: 'Asia/Shanghai' } });
 * explain(rows[0], 'score').text.en;
 */
export function assess(
  events: readonly AssessableEvent[],
  options: AssessOptions,
): AssessmentRow[] {
  const parsed = parseInput(OptionsSchema, options, { path: [] });
  const period = resolvePeriod(options.period);
  const set =
    'versions' in options.formulas ? options.formulas : createFormulaSet(options.formulas);
  const formula = formulaFor(set, period);
  const facts = collectFacts(events, toEpoch(period.to), parsed.participants);
  const categories = new Map((parsed.categories ?? defaultCategories).map((c) => [c.code, c]));
  const context: RowContext = { formula, period, salt: parsed.pseudonymSalt };
  const measured = new Map<string, Measures>();
  const measureOf = (id: string) => {
    const cached = measured.get(id);
    if (cached) return cached;
    // Simultaneous deeds are listed by event id, so breakdowns do not depend on arrival order.
    const deeds = (facts.deeds.get(id) ?? [])
      .filter((d: Deed) => inPeriod(d.time, period))
      .sort(
        (a, b) => a.time - b.time || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
      );
    const result = measure(deeds, facts, formula, categories);
    measured.set(id, result);
    return result;
  };
  const people = assessedIds(facts, formula).map((id) => toRow(id, measureOf(id), facts, context));
  const teams = [...facts.teams.keys()].sort().map((teamId) => {
    const members = [...(facts.teams.get(teamId) ?? [])].sort();
    // Anonymous members appear in the team's breakdown under their pseudonym.
    const shownAs = (id: string) =>
      facts.participants.get(id)?.privacy.anonymous ? pseudonymOf(id, context.salt) : id;
    // The team counts as its own member only when it claims as one.
    const own = facts.deeds.has(teamId) ? [teamId] : [];
    const measures = teamMeasures([...own, ...members].map((id) => [shownAs(id), measureOf(id)]));
    return toRow(teamId, measures, facts, context, members);
  });
  return [...withHonours(people, formula), ...withHonours(teams, formula)];
}
