import { IdSchema, parseInput, type Report, ReportSchema } from '@quanzi/core';
import { inShapeOrder } from './inShapeOrder';

/**
 * The report made of a draft that `ReportDraftSchema` validated and the fields the
 * engine adds (circle, reporter, time), equal to `parseInput(ReportSchema, fields)`
 * without parsing the draft again; an id from the engine's `IdSource` is checked.
 */
export function ownReport(fields: Report): Report {
  parseInput(IdSchema, fields.id, { path: ['id'] });
  return inShapeOrder<Report>(ReportSchema.shape, fields);
}
