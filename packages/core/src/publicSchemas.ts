import type * as z from 'zod/mini';
import { CategorySchema } from './category';
import { CircleSchema } from './circle';
import { EventEnvelopeSchema, StoredEventSchema } from './event';
import { TaskGeometrySchema } from './geometry';
import { LocalizedTextSchema } from './LocalizedText';
import { ParticipantSchema, QualificationSchema } from './participant';
import { MediaSchema, ReportSchema } from './report';
import { TaskSchema } from './task';

/**
 * The schemas published as JSON Schema (`docs/schemas/<name>.json`), so a portal
 * written in another language validates exactly the payloads Quanzi accepts.
 */
export const publicSchemas: Readonly<Record<string, z.core.$ZodType>> = {
  circle: CircleSchema,
  participant: ParticipantSchema,
  qualification: QualificationSchema,
  task: TaskSchema,
  'task-geometry': TaskGeometrySchema,
  report: ReportSchema,
  media: MediaSchema,
  category: CategorySchema,
  'event-envelope': EventEnvelopeSchema,
  'stored-event': StoredEventSchema,
  'localized-text': LocalizedTextSchema,
};
