import {
  DismissVerdictSchema,
  DuplicateRefSchema,
  IdSchema,
  InstantSchema,
  parseInput,
  type Report,
  type ReportInput,
  ReportSchema,
} from '@quanzi/core';
import * as z from 'zod/mini';
import { emptyList } from './emptyList';

/** Every state of a report. */
export const ReportStateSchema = z.enum([
  'received',
  'triaged',
  'converted',
  'linked',
  'dismissed',
  'forwarded',
]);

/** A report's lifecycle snapshot: plain JSON that round-trips through any store. */
export const ReportSnapshotSchema = z.strictObject({
  kind: z.literal('report'),
  reportId: IdSchema,
  reporterId: IdSchema,
  state: ReportStateSchema,
  priority: z.nullable(z.number().check(z.int(), z.gte(1), z.lte(5))),
  taskId: z.nullable(IdSchema),
  duplicateOf: z.nullable(DuplicateRefSchema),
  /** Reports linked to this one as duplicates: how many people saw the same thing. */
  supporterIds: z.array(IdSchema),
  /** The triage verdict of a dismissal; it feeds the reporter's credibility. */
  verdict: z.nullable(DismissVerdictSchema),
  forwardedTo: z.nullable(z.string()),
  note: z.nullable(z.string()),
  answer: z.nullable(z.string()),
  updatedAt: InstantSchema,
});

/** A report's lifecycle snapshot. */
export type ReportSnapshot = z.infer<typeof ReportSnapshotSchema>;
/** One of {@link ReportStateSchema}. */
export type ReportState = z.infer<typeof ReportStateSchema>;

/**
 * The snapshot of a newly received report. Validates the report; bad input throws
 * a `QuanziError`.
 *
 * @example
 * createReportSnapshot(report).state; // 'received'
 */
export function createReportSnapshot(report: ReportInput): ReportSnapshot {
  return initialReportSnapshot(parseInput(ReportSchema, report));
}

/**
 * The `received` snapshot of a report that is already valid (built by code that
 * validated it, such as the engine's own events), without validating it again: the
 * fast path of {@link createReportSnapshot}, as `initialTaskSnapshot` is of
 * `createTaskSnapshot`.
 */
export function initialReportSnapshot(report: Report): ReportSnapshot {
  return {
    kind: 'report',
    reportId: report.id,
    reporterId: report.reporterId,
    state: 'received',
    priority: null,
    taskId: null,
    duplicateOf: null,
    supporterIds: emptyList,
    verdict: null,
    forwardedTo: null,
    note: null,
    answer: null,
    updatedAt: report.receivedAt,
  };
}

/** Validates a persisted report snapshot; bad input throws a `QuanziError`. */
export function parseReportSnapshot(input: unknown): ReportSnapshot {
  return parseInput(ReportSnapshotSchema, input);
}
