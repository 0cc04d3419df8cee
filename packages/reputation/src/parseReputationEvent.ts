import {
  type CompiledSchema,
  compileSchema,
  domainEventSchemas,
  type FieldPath,
  IdSchema,
  InstantSchema,
  notPassed,
  ParticipantSchema,
  parseInput,
  ReportSchema,
  TaskSchema,
} from '@quanzi/core';
import * as z from 'zod/mini';

const events = domainEventSchemas;

// The projection reads a few fields of each event. Lenient copies of the core
// shapes check exactly those fields and let the rest through, which keeps
// validation cheap enough to replay a million events a second.
const dataSchemas = {
  'quanzi.participant.registered': z.object({
    participant: z.object(
      z.pick(ParticipantSchema, {
        id: true,
        kind: true,
        displayName: true,
        teamIds: true,
        memberIds: true,
        privacy: true,
      }).shape,
    ),
  }),
  'quanzi.participant.joined_team': z.object(events['quanzi.participant.joined_team'].shape),
  'quanzi.participant.level_changed': z.object(events['quanzi.participant.level_changed'].shape),
  'quanzi.report.received': z.object({
    report: z.object(z.pick(ReportSchema, { id: true, reporterId: true }).shape),
  }),
  'quanzi.report.converted': z.object(events['quanzi.report.converted'].shape),
  'quanzi.report.linked': z.object({ reportId: IdSchema }),
  'quanzi.report.dismissed': z.object({
    reportId: IdSchema,
    verdict: events['quanzi.report.dismissed'].shape.verdict,
  }),
  'quanzi.task.created': z.object({
    task: z.object(
      z.pick(TaskSchema, { id: true, publisherId: true, category: true, difficulty: true }).shape,
    ),
  }),
  'quanzi.task.reviewed': z.object({
    taskId: IdSchema,
    decision: events['quanzi.task.reviewed'].shape.decision,
  }),
  'quanzi.task.released': z.object({
    taskId: IdSchema,
    claimantId: IdSchema,
    reason: events['quanzi.task.released'].shape.reason,
  }),
  'quanzi.task.accepted': z.object(events['quanzi.task.accepted'].shape),
  'quanzi.task.rejected': z.object({ taskId: IdSchema, claimantId: IdSchema }),
  'quanzi.task.rated': z.object({
    taskId: IdSchema,
    participantId: IdSchema,
    rating: events['quanzi.task.rated'].shape.rating,
  }),
  'quanzi.task.rewarded': z.object(events['quanzi.task.rewarded'].shape),
  'quanzi.task.classic_marked': z.object({ taskId: IdSchema, participantId: IdSchema }),
  'quanzi.task.closed': z.object({
    taskId: IdSchema,
    reason: events['quanzi.task.closed'].shape.reason,
  }),
  'quanzi.review.second_opinion': z.object(events['quanzi.review.second_opinion'].shape),
  'quanzi.decision.overturned': z.object(events['quanzi.decision.overturned'].shape),
};

/** The event types reputation reads; every other type is kept in the log but changes nothing. */
export type ReputationEventType = keyof typeof dataSchemas;

/**
 * The {@link ReputationEventType}s, to read only those from a store: folding them alone
 * gives the same reputation as folding the whole log.
 *
 * @example
 * const events = await store.readAll({ types: [...reputationEventTypes] });
 */
export const reputationEventTypes: ReadonlySet<ReputationEventType> = new Set(
  Object.keys(dataSchemas) as ReputationEventType[],
);

/** The fields of an event envelope reputation needs: a stored or new domain event fits. */
export interface ReputationEventInput {
  readonly id: string;
  readonly type: string;
  readonly time: string;
  readonly actor: string;
  readonly data: unknown;
}

type Parsed<TType extends ReputationEventType> = {
  readonly id: string;
  readonly type: TType;
  readonly time: string;
  readonly actor: string;
  readonly data: z.infer<(typeof dataSchemas)[TType]>;
};

/**
 * A validated event: the typed data of a type reputation reads, or (`other`) any
 * other type, which passes through the reducer untouched.
 */
export type ReputationEvent =
  | { [TType in ReputationEventType]: Parsed<TType> }[ReputationEventType]
  | {
      readonly id: string;
      readonly type: 'other';
      readonly time: string;
      readonly actor: string;
      readonly data: unknown;
    };

const envelope = {
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  type: z.string().check(z.minLength(1), z.maxLength(200)),
  time: InstantSchema,
  actor: IdSchema,
};
const otherSchema = z.object({ ...envelope, data: z.unknown() });
const eventSchemas = new Map<string, z.ZodMiniType>(
  Object.entries(dataSchemas).map(([type, data]) => [type, z.object({ ...envelope, data })]),
);

/** The schema events of `type` are checked with: the envelope alone for a type reputation does not read. */
export function reputationEventSchemaOf(type: unknown): z.ZodMiniType {
  return eventSchemas.get(type as string) ?? otherSchema;
}

// Checks compiled from the schemas on first use (zod/mini walks its schema objects for
// every value: a quarter of a reputation replay's time). What they do not pass, zod decides.
const compiledChecks = new Map<z.ZodMiniType, CompiledSchema | undefined>();
function compiledCheckOf(schema: z.ZodMiniType): CompiledSchema | undefined {
  if (!compiledChecks.has(schema)) compiledChecks.set(schema, compileSchema(schema));
  return compiledChecks.get(schema);
}

/**
 * Takes an event already known to be valid (read back from an `EventStore`, which
 * validated it on append) as it is, without copying or checking it again.
 */
export function toReputationEvent(input: ReputationEventInput): ReputationEvent {
  return input as ReputationEvent;
}

/**
 * Checks the fields reputation reads and returns a copy holding just those; throws a {@link QuanziError} (`invalid_input`) naming the bad field.
 */
export function parseReputationEvent(
  input: ReputationEventInput,
  path: FieldPath = [],
): ReputationEvent {
  const schema = reputationEventSchemaOf((input as { type?: unknown })?.type);
  const passed = compiledCheckOf(schema)?.(input) ?? notPassed;
  if (passed !== notPassed) return passed as ReputationEvent;
  // zod's plain parse next; the bilingual error is built only on failure.
  const result = schema.safeParse(input);
  if (!result.success) parseInput(schema, input, { path });
  return result.data as ReputationEvent;
}
