import { stringify } from 'csv-stringify/sync';
import type { AssessmentRow } from './assess';
import { csvSafeText } from './csvSafeText';

/** The CSV columns, in order; new columns are only ever appended. */
export const csvColumns = [
  'subject',
  'participantId',
  'displayName',
  'kind',
  'roles',
  'memberIds',
  'formulaId',
  'formulaVersion',
  'period',
  'periodFrom',
  'periodTo',
  'tasksCompleted',
  'workload',
  'completionRate',
  'onTimeRate',
  'averageRating',
  'ratingsCount',
  'reworkCount',
  'classicCases',
  'points',
  'pay',
  'currency',
  'score',
  'rankInCircle',
  'ranks',
  'honours',
] as const;

/** One exported row: every {@link csvColumns} value, anonymous people under pseudonyms. */
export type ExportedRow = Record<(typeof csvColumns)[number], string | number | null>;

function publicRows(rows: readonly AssessmentRow[]): ExportedRow[] {
  const pseudonyms = new Map(
    rows.filter((r) => r.anonymous).map((r) => [r.participantId, r.pseudonym]),
  );
  const shown = (id: string) => pseudonyms.get(id) ?? id;
  return rows.map((row) => ({
    subject: row.subject,
    participantId: shown(row.participantId),
    displayName: row.anonymous ? row.pseudonym : row.displayName,
    kind: row.kind,
    roles: row.roles.join(';'),
    memberIds: row.memberIds.map(shown).join(';'),
    formulaId: row.formulaId,
    formulaVersion: row.formulaVersion,
    period: row.period.label,
    periodFrom: row.period.from,
    periodTo: row.period.to,
    tasksCompleted: row.tasksCompleted,
    workload: row.workload,
    completionRate: row.completionRate,
    onTimeRate: row.onTimeRate,
    averageRating: row.averageRating,
    ratingsCount: row.ratingsCount,
    reworkCount: row.reworkCount,
    classicCases: row.classicCases,
    points: row.points,
    pay: row.pay,
    currency: row.currency,
    score: row.score,
    rankInCircle: row.ranks.find((r) => r.within === 'circle')?.rank ?? null,
    ranks: row.ranks.map((r) => `${r.within}:${r.group}=${r.rank}/${r.of}`).join(';'),
    honours: row.honours.join(';'),
  }));
}

/**
 * Assessment rows as CSV (RFC 4180, header first, {@link csvColumns} in order);
 * anonymous participants appear under their pseudonym, also inside teams' member
 * lists. Empty rates are empty cells. Text cells that a spreadsheet would run as
 * a formula are escaped with {@link csvSafeText}; numbers stay numbers.
 */
export function toCsv(rows: readonly AssessmentRow[]): string {
  return stringify(publicRows(rows), {
    header: true,
    columns: [...csvColumns],
    cast: { string: csvSafeText },
  });
}

/**
 * Assessment rows as JSON: the same columns as {@link toCsv}, plus each row's
 * breakdown (parts and event ids) so a published assessment can be checked.
 */
export function toJson(rows: readonly AssessmentRow[]): string {
  const records = publicRows(rows).map((record, i) => ({
    ...record,
    breakdown: rows[i]?.breakdown,
  }));
  return `${JSON.stringify({ columns: csvColumns, rows: records }, null, 2)}\n`;
}
