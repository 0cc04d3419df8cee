import {
  type ClosureReason,
  ClosureReasonSchema,
  DuplicateRefSchema,
  IdSchema,
  InstantSchema,
  MediaSchema,
  WorkReasonSchema,
} from '@quanzi/core';
import * as z from 'zod/mini';
import { LifecycleActorSchema } from './actor';

const base = { actor: LifecycleActorSchema, at: InstantSchema };
const command = <TType extends string, TShape extends z.core.$ZodShape>(
  type: TType,
  shape: TShape,
) => z.strictObject({ type: z.literal(type), ...base, ...shape });
const note = z.optional(z.string().check(z.maxLength(2000)));
const reasons = z.array(WorkReasonSchema).check(z.minLength(1), z.maxLength(20));

/**
 * Every command a task accepts. `tick` is sent by the host (role `system`) when
 * `nextTaskDueAt` falls due; it handles the earliest due item.
 */
export const TaskCommandSchema = z.discriminatedUnion('type', [
  command('publish', {}),
  command('review', {
    decision: z.enum(['approved', 'returned']),
    guidance: z.optional(z.string().check(z.maxLength(5000))),
  }),
  command('claim', {}),
  command('extend_lease', {}),
  command('release', {}),
  command('start', {}),
  command('submit', {
    evidence: z.array(MediaSchema).check(z.maxLength(50)),
    note: z.optional(z.string().check(z.maxLength(5000))),
  }),
  command('report_followup', { reportId: IdSchema }),
  command('accept', { claimantId: IdSchema }),
  command('request_rework', { claimantId: IdSchema, reasons }),
  command('reject', { claimantId: IdSchema, reasons }),
  command('rate', {
    participantId: IdSchema,
    rating: z.number().check(z.int(), z.gte(1), z.lte(5)),
    comment: z.optional(z.string().check(z.maxLength(2000))),
  }),
  command('reward', {
    participantId: IdSchema,
    points: z.number().check(z.int(), z.gte(0), z.lte(100_000)),
  }),
  command('mark_classic', { participantId: IdSchema, note }),
  command('escalate', { reason: z.enum(['beyond_capability', 'needs_officer']), note }),
  command('resume', {}),
  command('close', {
    // `expired` is the clock's verdict, never a person's.
    reason: z.enum(
      ClosureReasonSchema.options.filter(
        (reason): reason is Exclude<ClosureReason, 'expired'> => reason !== 'expired',
      ),
    ),
    duplicateOf: z.optional(DuplicateRefSchema),
    note,
  }),
  command('tick', {}),
]);

/** A task command. */
export type TaskCommand = z.infer<typeof TaskCommandSchema>;
/** The command of type `TType`. */
export type TaskCommandOf<TType extends TaskCommand['type']> = Extract<
  TaskCommand,
  { type: TType }
>;
