import {
  ClosureReasonSchema,
  DuplicateRefSchema,
  IdSchema,
  InstantSchema,
  MediaSchema,
  WorkReasonSchema,
} from '@quanzi/core';
import * as z from 'zod';
import { LifecycleActorSchema } from './actor';

const base = { actor: LifecycleActorSchema, at: InstantSchema };
const command = <TType extends string, TShape extends z.ZodRawShape>(type: TType, shape: TShape) =>
  z.strictObject({ type: z.literal(type), ...base, ...shape });
const note = z.string().max(2000).optional();
const reasons = z.array(WorkReasonSchema).min(1).max(20);

/**
 * Every command a task accepts. `tick` is sent by the host (role `system`) when
 * `nextTaskDueAt` falls due; it handles the earliest due item.
 */
export const TaskCommandSchema = z.discriminatedUnion('type', [
  command('publish', {}),
  command('review', {
    decision: z.enum(['approved', 'returned']),
    guidance: z.string().max(5000).optional(),
  }),
  command('claim', {}),
  command('extend_lease', {}),
  command('release', {}),
  command('start', {}),
  command('submit', {
    evidence: z.array(MediaSchema).max(50),
    note: z.string().max(5000).optional(),
  }),
  command('report_followup', { reportId: IdSchema }),
  command('accept', { claimantId: IdSchema }),
  command('request_rework', { claimantId: IdSchema, reasons }),
  command('reject', { claimantId: IdSchema, reasons }),
  command('rate', {
    participantId: IdSchema,
    rating: z.number().int().min(1).max(5),
    comment: z.string().max(2000).optional(),
  }),
  command('reward', { participantId: IdSchema, points: z.number().int().min(0).max(100_000) }),
  command('mark_classic', { participantId: IdSchema, note }),
  command('escalate', { reason: z.enum(['beyond_capability', 'needs_officer']), note }),
  command('resume', {}),
  command('close', {
    // `expired` is the clock's verdict, never a person's.
    reason: ClosureReasonSchema.exclude(['expired']),
    duplicateOf: DuplicateRefSchema.optional(),
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
