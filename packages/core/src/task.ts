import * as z from 'zod';
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
  steps: z
    .array(plainText({ min: 1, max: 1000, multiline: true }))
    .max(50)
    .default([]),
  compliance: z
    .array(plainText({ min: 1, max: 1000, multiline: true }))
    .max(50)
    .default([]),
  difficulty: DifficultySchema.optional(),
  requiredQualifications: z.array(IdSchema).max(20).default([]),
  location: TaskGeometrySchema,
  /** Overrides the tier radius: only participants this close discover the task. */
  visibleRadiusMeters: z.number().positive().max(100_000).optional(),
  sensitivity: SensitivitySchema.optional(),
  deadline: InstantSchema.optional(),
  slaHours: z
    .number()
    .positive()
    .max(24 * 365)
    .optional(),
  rewardPoints: z.number().int().min(0).max(100_000).default(0),
  /** How many holders may claim it at once (a patrol needing three people). */
  slots: z.number().int().min(1).max(100).default(1),
  reportIds: z.array(IdSchema).max(1000).default([]),
  createdAt: InstantSchema,
});

/** A task. */
export type Task = z.infer<typeof TaskSchema>;
/** A task as accepted on input (defaults may be omitted). */
export type TaskInput = z.input<typeof TaskSchema>;
/** Where a task came from. */
export type TaskSource = z.infer<typeof TaskSourceSchema>;
