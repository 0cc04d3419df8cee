import {
  ClosureReasonSchema,
  DuplicateRefSchema,
  IdSchema,
  InstantSchema,
  MediaSchema,
  parseInput,
  type Task,
  type TaskInput,
  TaskSchema,
  TaskStateSchema,
  WorkReasonSchema,
} from '@quanzi/core';
import * as z from 'zod/mini';
import { emptyList } from './emptyList';

/** One claim on a task: who holds it and until when. */
export const ClaimSchema = z.strictObject({
  claimantId: IdSchema,
  claimedAt: InstantSchema,
  leaseUntil: InstantSchema,
  extensions: z.number().check(z.int(), z.gte(0)),
  /** The `lease_expiring` warning for the current lease was emitted. */
  warned: z.boolean(),
  startedAt: z.nullable(InstantSchema),
  /**
   * Where this slot's work stands: `working` (its lease runs), `submitted` (handed in,
   * waiting for judgement), `rework` (sent back, its lease runs again) or `accepted`.
   */
  phase: z.enum(['working', 'submitted', 'rework', 'accepted']),
});

/** Evidence submitted by a holder; it stays attached whatever happens to the claim. */
export const EvidenceSchema = z.strictObject({
  claimantId: IdSchema,
  media: z.array(MediaSchema),
  note: z.nullable(z.string()),
  submittedAt: InstantSchema,
});

const count = z.number().check(z.int(), z.gte(0));

/**
 * A task's lifecycle snapshot: plain JSON (no `undefined`, no dates), so it
 * round-trips through any store unchanged.
 */
export const TaskSnapshotSchema = z.strictObject({
  kind: z.literal('task'),
  taskId: IdSchema,
  publisherId: IdSchema,
  state: TaskStateSchema,
  slots: z.number().check(z.int(), z.gte(1)),
  /** The task's points: accepting a slot pays them to its holder in the same step. */
  rewardPoints: z.number().check(z.int(), z.gte(0)),
  deadline: z.nullable(InstantSchema),
  slaHours: z.nullable(z.number().check(z.positive())),
  /** The command center's oversight: `pending` until it approves. */
  review: z.enum(['pending', 'approved', 'returned']),
  guidance: z.nullable(z.string()),
  publishedAt: z.nullable(InstantSchema),
  slaEscalated: z.boolean(),
  claims: z.array(ClaimSchema),
  evidence: z.array(EvidenceSchema),
  followupReportIds: z.array(IdSchema),
  reworkReasons: z.array(WorkReasonSchema),
  escalation: z.nullable(
    z.strictObject({
      reason: z.enum(['beyond_capability', 'needs_officer', 'sla_breached']),
      note: z.nullable(z.string()),
    }),
  ),
  acceptedAt: z.nullable(InstantSchema),
  acceptedClaimantIds: z.array(IdSchema),
  ratings: z.array(z.strictObject({ participantId: IdSchema, rating: z.number().check(z.int()) })),
  rewards: z.array(z.strictObject({ participantId: IdSchema, points: z.number().check(z.int()) })),
  classicIds: z.array(IdSchema),
  closure: z.nullable(
    z.strictObject({
      reason: ClosureReasonSchema,
      duplicateOf: z.nullable(DuplicateRefSchema),
      note: z.nullable(z.string()),
    }),
  ),
  /** History counters: what happened over the task's life, for metrics. */
  counters: z.strictObject({
    claims: count,
    releases: count,
    expiries: count,
    extensions: count,
    submissions: count,
    reworks: count,
    rejections: count,
    escalations: count,
  }),
  updatedAt: InstantSchema,
});

/** A task's lifecycle snapshot. */
export type TaskSnapshot = z.infer<typeof TaskSnapshotSchema>;
/** A claim with its lease. */
export type Claim = z.infer<typeof ClaimSchema>;
/** Where one slot's work stands; see {@link ClaimSchema}. */
export type ClaimPhase = Claim['phase'];

/**
 * The snapshot of a newly created task, in `draft`. Validates the task; bad input
 * throws a `QuanziError`.
 *
 * @example
 * const snapshot = createTaskSnapshot(task);
 * snapshot.state; // 'draft'
 */
export function createTaskSnapshot(task: TaskInput): TaskSnapshot {
  return initialTaskSnapshot(parseInput(TaskSchema, task));
}

/**
 * The `draft` snapshot of a task that is already valid (read from a log, or built by
 * code that validated it), without validating it again: the fast path of
 * {@link createTaskSnapshot}, as `reduceTask` is of `transitionTask`.
 */
export function initialTaskSnapshot(parsed: Task): TaskSnapshot {
  return {
    kind: 'task',
    taskId: parsed.id,
    publisherId: parsed.publisherId,
    state: 'draft',
    slots: parsed.slots,
    rewardPoints: parsed.rewardPoints,
    deadline: parsed.deadline ?? null,
    slaHours: parsed.slaHours ?? null,
    review: 'pending',
    guidance: null,
    publishedAt: null,
    slaEscalated: false,
    claims: emptyList,
    evidence: emptyList,
    followupReportIds: emptyList,
    reworkReasons: emptyList,
    escalation: null,
    acceptedAt: null,
    acceptedClaimantIds: emptyList,
    ratings: emptyList,
    rewards: emptyList,
    classicIds: emptyList,
    closure: null,
    counters: {
      claims: 0,
      releases: 0,
      expiries: 0,
      extensions: 0,
      submissions: 0,
      reworks: 0,
      rejections: 0,
      escalations: 0,
    },
    updatedAt: parsed.createdAt,
  };
}

/**
 * Validates a persisted task snapshot read back from a store; bad input throws a
 * `QuanziError` naming the field.
 */
export function parseTaskSnapshot(input: unknown): TaskSnapshot {
  return parseInput(TaskSnapshotSchema, input);
}
