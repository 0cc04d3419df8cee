import { IdSchema, parseInput, type Task, TaskSchema } from '@quanzi/core';
import { inShapeOrder } from './inShapeOrder';

/**
 * The task made of a draft that `TaskDraftSchema` validated and the fields the engine
 * adds (circle, publisher, time, report ids: its own values), equal to
 * `parseInput(TaskSchema, fields)` without parsing the draft again. What the draft's
 * schema did not check is checked here, with the schema's own errors: an id from the
 * engine's `IdSource`, and the report ids grown by a source report.
 */
export function ownTask(fields: Task): Task {
  parseInput(IdSchema, fields.id, { path: ['id'] });
  parseInput(TaskSchema.shape.reportIds, fields.reportIds, { path: ['reportIds'] });
  return inShapeOrder<Task>(TaskSchema.shape, fields);
}
