import * as z from 'zod/mini';
import { DifficultySchema } from './category';
import { IdSchema, InstantSchema } from './circle';
import { TaskGeometrySchema } from './geometry';
import { plainText } from './plainText';
import { SensitivitySchema } from './sensitivity';

/** Where a task came from: the five sources the article names. */
export const TaskSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('upstream'), dispatchId: plainText({ min: 1, max: 200 }) }),
  z.strictObject({ kind: z.literal('report'), reportId: IdSchema }),
  z.strictObject({ kind: z.literal('officer') }),
  z.strictObject({ kind: z.literal('resident') }),
  z.strictObject({
    kind: z.literal('sensor'),
    sensorId: IdSchema,
    alertId: plainText({ min: 1, max: 200 }),
  }),
]);

/**
 * A crowdsourcing task (众包任务): a packaged piece of work with a clear goal, steps
 * and compliance requirements, placed on a point, line or area.
 *
 * @example
 * parseInput(TaskSchema, {
 *   id: 't1', circleId: 'xinhua', publisherId: 'cmd', source: { kind: 'officer' },
 *   category: 'shared_bike_parking', title: 'Move 3 bikes back into the box',
 *   goal: 'Pavement clear', location: { type: 'Point', coordinates: [116.4, 39.9] },
 *   createdAt: '2026-11-29T08:00:00Z',
 * });
 */
export const TaskSchema = z.strictObject({
  id: IdSchema,
  circleId: IdSchema,
  publisherId: IdSchema,
  source: TaskSourceSchema,
  category: IdSchema,
  title: plainText({ min: 1, max: 200 }),
  goal: plainText({ min: 1, max: 2000, multiline: true }),
  steps: z._default(
    z.array(plainText({ min: 1, max: 1000, multiline: true })).check(z.maxLength(50)),
    [],
  ),
  compliance: z._default(
    z.array(plainText({ min: 1, max: 1000, multiline: true })).check(z.maxLength(50)),
    [],
  ),
  difficulty: z.optional(DifficultySchema),
  requiredQualifications: z._default(z.array(IdSchema).check(z.maxLength(20)), []),
  location: TaskGeometrySchema,
  /** Overrides the tier radius: only participants this close discover the task. */
  visibleRadiusMeters: z.optional(z.number().check(z.positive(), z.lte(100_000))),
  sensitivity: z.optional(SensitivitySchema),
  deadline: z.optional(InstantSchema),
  slaHours: z.optional(z.number().check(z.positive(), z.lte(24 * 365))),
  rewardPoints: z._default(z.number().check(z.int(), z.gte(0), z.lte(100_000)), 0),
  /** How many holders may claim it at once (a patrol needing three people). */
  slots: z._default(z.number().check(z.int(), z.gte(1), z.lte(100)), 1),
  reportIds: z._default(z.array(IdSchema).check(z.maxLength(1000)), []),
  createdAt: InstantSchema,
});

/** A task. */
export type Task = z.infer<typeof TaskSchema>;
/** A task as accepted on input (defaults may be omitted). */
export type TaskInput = z.input<typeof TaskSchema>;
/** Where a task came from. */
export type TaskSource = z.infer<typeof TaskSourceSchema>;
