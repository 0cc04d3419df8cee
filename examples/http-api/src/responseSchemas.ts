import {
  DuplicateRefSchema,
  IdSchema,
  LocalizedTextSchema,
  ParticipantSchema,
  StoredEventSchema,
  TaskSchema,
} from '@quanzi/core';
import { LifecycleConfigSchema, TaskSnapshotSchema } from '@quanzi/lifecycle';
import { z } from 'zod';

// The bodies the service answers with, built from the domain's own zod schemas so the
// OpenAPI document (generated with z.toJSONSchema) describes what is really sent.

const IssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: LocalizedTextSchema,
});

const RefusalSchema = z.object({ code: z.string(), message: LocalizedTextSchema });

/** An RFC 9457 problem document, as `toProblem` builds it. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    message: LocalizedTextSchema,
    issues: z.array(IssueSchema).optional(),
    reasons: z.array(RefusalSchema).optional(),
  })
  .describe(
    'RFC 9457 problem details: `title` a sentence and `detail` the specifics in the Accept-Language language, `code` the stable reason, `message` the detail in English and Chinese',
  );

const JudgementSchema = z.object({
  eventId: z.string(),
  type: z.enum([
    'quanzi.task.accepted',
    'quanzi.task.rewarded',
    'quanzi.task.rated',
    'quanzi.task.classic_marked',
  ]),
  participantId: z.string(),
  actor: z.string(),
});

/** A task as a viewer may see it (`engine.getTask`, `engine.listTasks`). */
export const TaskViewSchema = z.object({
  entity: z.literal('task'),
  task: TaskSchema,
  snapshot: TaskSnapshotSchema,
  version: z.number().int(),
  judgements: z.array(JudgementSchema),
  lifecycle: LifecycleConfigSchema,
});

/** One claimable (or neighbouring, visible-only) task near a participant. */
export const NearbyItemSchema = z.object({
  task: TaskViewSchema,
  circleId: IdSchema,
  distanceMeters: z.number(),
  score: z.number(),
  claimable: z.boolean(),
});

/** A participant as a viewer may see them, with their reputation. */
export const ProfileViewSchema = z.object({
  participant: z.object({
    entity: z.literal('participant'),
    participant: ParticipantSchema,
    version: z.number().int(),
    level: z.number().int(),
  }),
  // The reputation projection's shape is the reputation package's; only its presence is promised.
  reputation: z.looseObject({}),
});

const DuplicateCandidateSchema = z.object({
  ref: DuplicateRefSchema,
  distanceMeters: z.number().nullable(),
  hoursApart: z.number(),
  textSimilarity: z.number(),
  score: z.number(),
});

const outcomeBase = { type: z.string(), idempotencyKey: z.string() };

/** An applied command (denied and conflict are answered as problems by `/v1/commands`). */
export const AppliedOutcomeSchema = z.object({
  ...outcomeBase,
  status: z.literal('applied'),
  replayed: z.boolean(),
  events: z.array(StoredEventSchema),
  taskId: z.string().optional(),
  reportId: z.string().optional(),
  duplicates: z.array(DuplicateCandidateSchema).optional(),
});

/** One outcome of `/v1/commands/batch`, in the order of the commands. */
export const BatchOutcomeSchema = z.discriminatedUnion('status', [
  AppliedOutcomeSchema,
  z.object({ ...outcomeBase, status: z.literal('denied'), reasons: z.array(RefusalSchema) }),
  z.object({
    ...outcomeBase,
    status: z.literal('conflict'),
    streamId: z.string(),
    reasons: z.array(RefusalSchema),
  }),
  z.object({
    status: z.literal('error'),
    type: z.string().nullable(),
    idempotencyKey: z.string().nullable(),
    error: z.object({
      code: z.string(),
      path: z.string(),
      message: LocalizedTextSchema,
      issues: z.array(IssueSchema),
    }),
  }),
]);
