import { IdSchema } from '@quanzi/core';
import * as z from 'zod';

/**
 * The part an acting participant plays in this command. Their relation to the task
 * (publisher, holder) is read from the snapshot, never trusted from the caller.
 */
export const ActorRoleSchema = z.enum([
  'command',
  'officer',
  'qualified',
  'resident',
  'upstream',
  'sensor',
  'system',
]);

/** Who sends a lifecycle command. */
export const LifecycleActorSchema = z.strictObject({ id: IdSchema, role: ActorRoleSchema });

/** One of {@link ActorRoleSchema}. */
export type ActorRole = z.infer<typeof ActorRoleSchema>;
/** Who sends a lifecycle command. */
export type LifecycleActor = z.infer<typeof LifecycleActorSchema>;
