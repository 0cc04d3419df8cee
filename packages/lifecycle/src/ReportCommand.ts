import { DismissVerdictSchema, DuplicateRefSchema, IdSchema, InstantSchema } from '@quanzi/core';
import * as z from 'zod/mini';
import { LifecycleActorSchema } from './actor';

const base = { actor: LifecycleActorSchema, at: InstantSchema };
const command = <TType extends string, TShape extends z.core.$ZodShape>(
  type: TType,
  shape: TShape,
) => z.strictObject({ type: z.literal(type), ...base, ...shape });
const note = z.optional(z.string().check(z.maxLength(2000)));

/**
 * Every command a report accepts. Support from duplicates needs no command: the
 * duplicate's `linked` event counts it (see `evolveReport`).
 */
export const ReportCommandSchema = z.discriminatedUnion('type', [
  command('triage', { priority: z.number().check(z.int(), z.gte(1), z.lte(5)) }),
  command('convert', { taskId: IdSchema }),
  command('link', { duplicateOf: DuplicateRefSchema }),
  command('dismiss', { verdict: DismissVerdictSchema, note }),
  command('forward', { to: z.string().check(z.minLength(1), z.maxLength(200)), note }),
  command('answer', { answer: z.string().check(z.minLength(1), z.maxLength(5000)) }),
]);

/** A report command. */
export type ReportCommand = z.infer<typeof ReportCommandSchema>;
/** The report command of type `TType`. */
export type ReportCommandOf<TType extends ReportCommand['type']> = Extract<
  ReportCommand,
  { type: TType }
>;
