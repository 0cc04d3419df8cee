import { ActorRoleSchema, IdSchema } from '@quanzi/core';
import * as z from 'zod/mini';

/**
 * Who sends a lifecycle command. The role comes from core's `roleOf`; their
 * relation to the task (publisher, holder) is read from the snapshot, never
 * trusted from the caller.
 */
export const LifecycleActorSchema = z.strictObject({ id: IdSchema, role: ActorRoleSchema });

/** Who sends a lifecycle command. */
export type LifecycleActor = z.infer<typeof LifecycleActorSchema>;
