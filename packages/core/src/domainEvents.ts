import * as z from 'zod/mini';
import { IdSchema, InstantSchema } from './circle';
import { ParticipantSchema, QualificationSchema } from './participant';
import { plainText } from './plainText';
import { MediaSchema, ReportSchema } from './report';
import { TaskSchema } from './task';

/**
 * Why a task closed. Outcomes stay apart so metrics never count a duplicate or a
 * cancellation as a fix.
 */
export const ClosureReasonSchema = z.enum([
  'resolved',
  'closed_not_fixed',
  'duplicate',
  'not_responsible',
  'cancelled',
  'expired',
]);

/** The verdict of dismissing a report; it feeds the reporter's credibility. */
export const DismissVerdictSchema = z.enum(['false', 'malicious', 'out_of_scope']);

/** A structured reason for rework or rejection. */
export const WorkReasonSchema = z.strictObject({
  code: z.enum(['incomplete', 'wrong_location', 'poor_quality', 'no_evidence', 'unsafe', 'other']),
  note: z.optional(plainText({ max: 2000, multiline: true })),
});

/**
 * The lifecycle terms (lease length, extensions, rating window, oversight mode) a
 * task or report was created under, as the lifecycle package resolved them. Stored
 * with the creation event so the entity keeps its terms when a circle changes its
 * configuration, and a replay of the log gives the same snapshots as the live run.
 */
export const LifecycleTermsSchema = z.record(
  plainText({ max: 200 }),
  z.union([plainText({ max: 2000 }), z.number(), z.boolean()]),
);

/** See {@link LifecycleTermsSchema}. */
export type LifecycleTerms = z.infer<typeof LifecycleTermsSchema>;

/** A reference to the report or task something duplicates. */
export const DuplicateRefSchema = z.strictObject({
  kind: z.enum(['report', 'task']),
  id: IdSchema,
});

const taskRef = { taskId: IdSchema };
const reportRef = { reportId: IdSchema };

/**
 * The data schema of every domain event, by CloudEvents `type`. This catalogue is
 * the contract between the lifecycle (which emits), reputation and assessment
 * (which project) and the stores (which keep them).
 */
export const domainEventSchemas = {
  'quanzi.participant.registered': z.strictObject({ participant: ParticipantSchema }),
  'quanzi.participant.certified': z.strictObject({
    participantId: IdSchema,
    qualification: QualificationSchema,
  }),
  'quanzi.participant.suspended': z.strictObject({
    participantId: IdSchema,
    reason: plainText({ max: 2000, multiline: true }),
  }),
  'quanzi.participant.reinstated': z.strictObject({ participantId: IdSchema }),
  'quanzi.participant.joined_team': z.strictObject({ participantId: IdSchema, teamId: IdSchema }),
  'quanzi.participant.level_changed': z.strictObject({
    participantId: IdSchema,
    from: z.number().check(z.int(), z.gte(0)),
    to: z.number().check(z.int(), z.gte(0)),
    reason: z.enum(['promotion', 'demotion', 'decay', 'approval', 'recompute']),
  }),

  'quanzi.report.received': z.strictObject({
    report: ReportSchema,
    lifecycle: z.optional(LifecycleTermsSchema),
  }),
  'quanzi.report.triaged': z.strictObject({
    ...reportRef,
    priority: z.number().check(z.int(), z.gte(1), z.lte(5)),
  }),
  'quanzi.report.converted': z.strictObject({ ...reportRef, taskId: IdSchema }),
  'quanzi.report.linked': z.strictObject({ ...reportRef, duplicateOf: DuplicateRefSchema }),
  'quanzi.report.dismissed': z.strictObject({
    ...reportRef,
    verdict: DismissVerdictSchema,
    note: z.optional(plainText({ max: 2000, multiline: true })),
  }),
  'quanzi.report.forwarded': z.strictObject({
    ...reportRef,
    to: plainText({ min: 1, max: 200 }),
    note: z.optional(plainText({ max: 2000, multiline: true })),
  }),
  'quanzi.report.answered': z.strictObject({
    ...reportRef,
    answer: plainText({ min: 1, max: 5000, multiline: true }),
  }),

  'quanzi.task.created': z.strictObject({
    task: TaskSchema,
    lifecycle: z.optional(LifecycleTermsSchema),
  }),
  'quanzi.task.review_requested': z.strictObject(taskRef),
  'quanzi.task.reviewed': z.strictObject({
    ...taskRef,
    decision: z.enum(['approved', 'returned']),
    guidance: z.optional(plainText({ max: 5000, multiline: true })),
  }),
  'quanzi.task.published': z.strictObject({
    ...taskRef,
    /** Present when the publisher's own authority approves the task (command center, upstream). */
    approved: z.optional(z.literal(true)),
  }),
  'quanzi.task.claimed': z.strictObject({
    ...taskRef,
    claimantId: IdSchema,
    leaseUntil: InstantSchema,
  }),
  'quanzi.task.lease_extended': z.strictObject({
    ...taskRef,
    claimantId: IdSchema,
    leaseUntil: InstantSchema,
  }),
  'quanzi.task.lease_expiring': z.strictObject({
    ...taskRef,
    claimantId: IdSchema,
    leaseUntil: InstantSchema,
  }),
  'quanzi.task.released': z.strictObject({
    ...taskRef,
    claimantId: IdSchema,
    reason: z.enum(['released', 'expired', 'rejected']),
  }),
  'quanzi.task.started': z.strictObject({ ...taskRef, claimantId: IdSchema }),
  'quanzi.task.work_submitted': z.strictObject({
    ...taskRef,
    claimantId: IdSchema,
    evidence: z.array(MediaSchema).check(z.maxLength(50)),
    note: z.optional(plainText({ max: 5000, multiline: true })),
  }),
  'quanzi.task.followup_reported': z.strictObject({ ...taskRef, reportId: IdSchema }),
  'quanzi.task.accepted': z.strictObject({
    ...taskRef,
    claimantIds: z.array(IdSchema).check(z.minLength(1)),
    onTime: z.boolean(),
  }),
  'quanzi.task.rework_requested': z.strictObject({
    ...taskRef,
    /** The slot sent back; absent in logs from before per-slot judgement, meaning every handed-in slot. */
    claimantId: z.optional(IdSchema),
    reasons: z.array(WorkReasonSchema).check(z.minLength(1), z.maxLength(20)),
  }),
  'quanzi.task.rejected': z.strictObject({
    ...taskRef,
    claimantId: IdSchema,
    reasons: z.array(WorkReasonSchema).check(z.minLength(1), z.maxLength(20)),
  }),
  'quanzi.task.rated': z.strictObject({
    ...taskRef,
    participantId: IdSchema,
    rating: z.number().check(z.int(), z.gte(1), z.lte(5)),
    comment: z.optional(plainText({ max: 2000, multiline: true })),
  }),
  'quanzi.task.rewarded': z.strictObject({
    ...taskRef,
    participantId: IdSchema,
    points: z.number().check(z.int(), z.gte(0)),
  }),
  'quanzi.task.classic_marked': z.strictObject({
    ...taskRef,
    participantId: IdSchema,
    note: z.optional(plainText({ max: 2000, multiline: true })),
  }),
  'quanzi.task.escalated': z.strictObject({
    ...taskRef,
    reason: z.enum(['beyond_capability', 'needs_officer', 'sla_breached']),
    note: z.optional(plainText({ max: 2000, multiline: true })),
  }),
  /** The command center sent an escalated task back to work (or back to the pool). */
  'quanzi.task.resumed': z.strictObject(taskRef),
  'quanzi.task.closed': z.strictObject({
    ...taskRef,
    reason: ClosureReasonSchema,
    duplicateOf: z.optional(DuplicateRefSchema),
    note: z.optional(plainText({ max: 2000, multiline: true })),
  }),
  'quanzi.review.sampled': z.strictObject({
    ...taskRef,
    firstReviewerId: IdSchema,
    secondReviewerId: IdSchema,
  }),
  'quanzi.review.second_opinion': z.strictObject({
    ...taskRef,
    firstReviewerId: IdSchema,
    secondReviewerId: IdSchema,
    agrees: z.boolean(),
  }),
  /**
   * A command-center decision reversed; projections recompute from the log without
   * the target. Written by the engine on the task's stream with `taskId` and `target`
   * (the reversed event's type and participant), so the task's own state takes it in too.
   */
  'quanzi.decision.overturned': z.strictObject({
    targetEventId: plainText({ min: 1, max: 200 }),
    reason: plainText({ min: 1, max: 2000, multiline: true }),
    taskId: z.optional(IdSchema),
    target: z.optional(
      z.strictObject({
        type: z.enum([
          'quanzi.task.accepted',
          'quanzi.task.rewarded',
          'quanzi.task.rated',
          'quanzi.task.classic_marked',
        ]),
        participantId: IdSchema,
      }),
    ),
  }),
} as const;

/** Every domain event type. */
export type DomainEventType = keyof typeof domainEventSchemas;

/** The data of a domain event of type `TType`. */
export type DomainEventData<TType extends DomainEventType> = z.infer<
  (typeof domainEventSchemas)[TType]
>;

/** A domain event: a typed envelope whose `data` matches its `type`. */
export type DomainEvent = {
  [TType in DomainEventType]: { type: TType; data: DomainEventData<TType> };
}[DomainEventType];

/** Why a task closed. */
export type ClosureReason = z.infer<typeof ClosureReasonSchema>;
/** Why a report was dismissed. */
export type DismissVerdict = z.infer<typeof DismissVerdictSchema>;
/** A structured rework or rejection reason. */
export type WorkReason = z.infer<typeof WorkReasonSchema>;
/** A report or task that something duplicates. */
export type DuplicateRef = z.infer<typeof DuplicateRefSchema>;

/** Type guard narrowing an envelope to one domain event type. */
export function isDomainEvent<TType extends DomainEventType>(
  event: { type: string; data: unknown },
  type: TType,
): event is { type: TType; data: DomainEventData<TType> } {
  return event.type === type;
}
