import { DismissVerdictSchema, DuplicateRefSchema, IdSchema, InstantSchema } from '@quanzi/core';
import * as z from 'zod';
import { LifecycleActorSchema } from './actor';

const base = { actor: LifecycleActorSchema, at: InstantSchema };
const command = <TType extends string, TShape extends z.ZodRawShape>(type: TType, shape: TShape) =>
  z.strictObject({ type: z.literal(type), ...base, ...shape });
const note = z.string().max(2000).optional();

/**
 * Every command a report accepts. Support from duplicates needs no command: the
 * duplicate's `linked` event counts it (see `evolveReport`).
 */
export const ReportCommandSchema = z.discriminatedUnion('type', [
  command('triage', { priority: z.number().int().min(1).max(5) }),
  command('convert', { taskId: IdSchema }),
  command('link', { duplicateOf: DuplicateRefSchema }),
  command('dismiss', { verdict: DismissVerdictSchema, note }),
  command('forward', { to: z.string().min(1).max(200), note }),
  command('answer', { answer: z.string().min(1).max(5000) }),
]);

/** A report command. */
export type ReportCommand = z.infer<typeof ReportCommandSchema>;
/** The report command of type `TType`. */
export type ReportCommandOf<TType extends ReportCommand['type']> = Extract<
  ReportCommand,
  { type: TType }
>;
